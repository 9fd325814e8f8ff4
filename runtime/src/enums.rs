//! [`UnknownValue`], the opaque payload of an open enum's catch-all variant, and
//! [`string_enum_impls!`](crate::string_enum_impls) and
//! [`integer_enum_impls!`](crate::integer_enum_impls): the trait impls of generated open
//! enums, written once here instead of in every generated file.

use std::fmt;

/// A value of an open enum that the enum does not list, kept as received (a `String` for
/// string enums, an `i64` for integer enums).
///
/// Only parsing makes one (`from_wire` of a generated enum, which serde, `FromStr` and
/// `From` go through), and parsing turns every listed value into its own variant, so an
/// `UnknownValue` never holds a value the enum knows: `Status::Unknown(_)` can never stand
/// for `Status::Failed`. Read it with [`as_str`](UnknownValue::as_str) or
/// [`get`](UnknownValue::get); compare it with a plain value.
///
/// ```
/// let v = kycgen_runtime::__private::unknown("on_hold".to_string());
/// assert_eq!(v.as_str(), "on_hold");
/// assert_eq!(v, "on_hold");
/// assert_eq!(format!("{v:?} {v}"), r#"UnknownValue("on_hold") on_hold"#);
/// ```
///
/// Its field is private: code outside this crate cannot write one.
///
/// ```compile_fail
/// let v = kycgen_runtime::UnknownValue("failed".to_string());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue<T = String>(T);

impl UnknownValue<String> {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl UnknownValue<i64> {
    /// The value as received.
    pub fn get(&self) -> i64 {
        self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UnknownValue").field(&self.0).finish()
    }
}

impl<T: fmt::Display> fmt::Display for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq<str> for UnknownValue<String> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for UnknownValue<String> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<i64> for UnknownValue<i64> {
    fn eq(&self, other: &i64) -> bool {
        self.0 == *other
    }
}

/// The one way to make an [`UnknownValue`], for generated `from_wire` functions only (after
/// every listed value has been matched).
#[doc(hidden)]
pub fn unknown<T>(v: T) -> UnknownValue<T> {
    UnknownValue(v)
}

/// `From<&str>`, `Display`, `FromStr`, `Serialize` and `Deserialize` for an open string
/// enum that has `fn as_str(&self) -> &str` and `fn from_wire(&str) -> Self`.
///
/// The non-generic methods are `#[inline]`, so that a generated crate does not compile them
/// to machine code for each of its enums, only the crates that call them do.
///
/// ```
/// use kycgen_runtime::UnknownValue;
/// #[derive(Debug, PartialEq)]
/// pub enum Status { Success, Unknown(UnknownValue) }
/// impl Status {
///     fn as_str(&self) -> &str { match self { Self::Success => "success", Self::Unknown(v) => v.as_str() } }
///     fn from_wire(v: &str) -> Self {
///         match v { "success" => Self::Success, o => Self::Unknown(kycgen_runtime::__private::unknown(o.into())) }
///     }
/// }
/// kycgen_runtime::string_enum_impls!(Status);
///
/// let s: Status = serde_json::from_str(r#""pending""#).unwrap();
/// assert!(matches!(&s, Status::Unknown(v) if v == "pending"));
/// assert_eq!(serde_json::to_string(&s).unwrap(), r#""pending""#);
/// assert_eq!("success".parse::<Status>().unwrap().to_string(), "success");
/// ```
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl ::core::convert::From<&str> for $name {
            #[inline]
            fn from(v: &str) -> Self {
                Self::from_wire(v)
            }
        }
        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            #[inline]
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
/// Its non-generic methods are `#[inline]` for the same reason as
/// [`string_enum_impls!`](crate::string_enum_impls)'s.
///
/// ```
/// use kycgen_runtime::UnknownValue;
/// #[derive(Debug, PartialEq)]
/// pub enum Level { One, Other(UnknownValue<i64>) }
/// impl Level {
///     fn as_i64(&self) -> i64 { match self { Self::One => 1, Self::Other(v) => v.get() } }
///     fn from_wire(v: i64) -> Self { match v { 1 => Self::One, o => Self::Other(kycgen_runtime::__private::unknown(o)) } }
/// }
/// kycgen_runtime::integer_enum_impls!(Level);
///
/// assert!(matches!(serde_json::from_str::<Level>("7").unwrap(), Level::Other(v) if v == 7));
/// assert_eq!(serde_json::to_string(&Level::One).unwrap(), "1");
/// assert_eq!("1".parse::<Level>().unwrap(), Level::One);
/// ```
#[macro_export]
macro_rules! integer_enum_impls {
    ($name:ident) => {
        impl ::core::convert::From<i64> for $name {
            #[inline]
            fn from(v: i64) -> Self {
                Self::from_wire(v)
            }
        }
        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.as_i64(), f)
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = ::core::num::ParseIntError;
            #[inline]
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
