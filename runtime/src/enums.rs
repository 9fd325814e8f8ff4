//! [`string_enum_impls!`](crate::string_enum_impls) and
//! [`integer_enum_impls!`](crate::integer_enum_impls): the trait impls of generated open
//! enums, written once here instead of in every generated file.

/// `From<&str>`, `Display`, `FromStr`, `Serialize` and `Deserialize` for an open string
/// enum that has `fn as_str(&self) -> &str` and `fn from_wire(&str) -> Self`.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// pub enum Status { Success, Unknown(String) }
/// impl Status {
///     fn as_str(&self) -> &str { match self { Self::Success => "success", Self::Unknown(v) => v } }
///     fn from_wire(v: &str) -> Self { match v { "success" => Self::Success, o => Self::Unknown(o.into()) } }
/// }
/// kycgen_runtime::string_enum_impls!(Status);
///
/// let s: Status = serde_json::from_str(r#""pending""#).unwrap();
/// assert_eq!(s, Status::Unknown("pending".into()));
/// assert_eq!(serde_json::to_string(&s).unwrap(), r#""pending""#);
/// assert_eq!("success".parse::<Status>().unwrap().to_string(), "success");
/// ```
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl ::core::convert::From<&str> for $name {
            fn from(v: &str) -> Self {
                Self::from_wire(v)
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from_wire(s))
            }
        }
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::de::deserialize_str(d, Self::from_wire)
            }
        }
    };
}

/// `From<i64>`, `Display`, `FromStr`, `Serialize` and `Deserialize` for an open integer
/// enum that has `fn as_i64(&self) -> i64` and `fn from_wire(i64) -> Self`.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// pub enum Level { One, Other(i64) }
/// impl Level {
///     fn as_i64(&self) -> i64 { match self { Self::One => 1, Self::Other(v) => *v } }
///     fn from_wire(v: i64) -> Self { match v { 1 => Self::One, o => Self::Other(o) } }
/// }
/// kycgen_runtime::integer_enum_impls!(Level);
///
/// assert_eq!(serde_json::from_str::<Level>("7").unwrap(), Level::Other(7));
/// assert_eq!(serde_json::to_string(&Level::One).unwrap(), "1");
/// assert_eq!("1".parse::<Level>().unwrap(), Level::One);
/// ```
#[macro_export]
macro_rules! integer_enum_impls {
    ($name:ident) => {
        impl ::core::convert::From<i64> for $name {
            fn from(v: i64) -> Self {
                Self::from_wire(v)
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.as_i64(), f)
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = ::core::num::ParseIntError;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                s.parse::<i64>().map(Self::from_wire)
            }
        }
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_i64(self.as_i64())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                <i64 as $crate::__private::serde::Deserialize>::deserialize(d).map(Self::from_wire)
            }
        }
    };
}
