//! The generated crate's `support` module: `Nullable`, `Expandable`, `UnixTime`,
//! validation errors and helpers, redaction, and the open-enum string visitor. Only the
//! pieces the crate uses are emitted, so it builds without dead code.

use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// What the generated types use from `support`.
#[derive(Default)]
pub struct Needs {
    pub nullable: bool,
    /// Structs are deserialized by the `deserialize_struct` macro.
    pub structs: bool,
    /// Some struct has fields: the macro's visitor needs `Key`.
    pub struct_fields: bool,
    pub required_fields: bool,
    pub expandable: bool,
    pub unix_time: bool,
    pub redacted: bool,
    pub string_enum: bool,
    pub integer_enum: bool,
    /// Validation helpers by name (`ValidationError`, `join`, `check_length`, …).
    pub validation: BTreeSet<&'static str>,
}

/// The `support` module's items.
pub fn emit(n: &Needs) -> TokenStream {
    let mut out = TokenStream::new();
    if n.nullable {
        out.extend(NULLABLE());
    }
    if n.struct_fields {
        out.extend(quote! {
            /// An object key, borrowed from the input when it can be.
            pub(crate) struct Key<'de>(std::borrow::Cow<'de, str>);

            impl Key<'_> {
                pub(crate) fn as_str(&self) -> &str { &self.0 }
            }

            impl<'de> serde::Deserialize<'de> for Key<'de> {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    struct Visit;
                    impl<'de> serde::de::Visitor<'de> for Visit {
                        type Value = Key<'de>;
                        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("a field name") }
                        fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                            Ok(Key(std::borrow::Cow::Borrowed(v)))
                        }
                        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                            Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
                        }
                        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
                            Ok(Key(std::borrow::Cow::Owned(v)))
                        }
                    }
                    d.deserialize_str(Visit)
                }
            }
        });
    }
    if n.required_fields {
        out.extend(quote! {
            /// A field that must be present (it may still be `null` when its type is an
            /// `Option`).
            pub(crate) fn required<T, E: serde::de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
                slot.ok_or_else(|| E::missing_field(name))
            }
        });
    }
    if n.structs {
        out.extend(quote! {
            /// `Deserialize` for a struct as one map visitor: a slot per field, one `match`
            /// on the key (borrowed from the input when it can be), unknown keys skipped,
            /// `required` fields an error when missing.
            macro_rules! deserialize_struct {
                ($name:ident {}) => {
                    impl<'de> serde::Deserialize<'de> for $name {
                        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                            <serde::de::IgnoredAny as serde::Deserialize>::deserialize(d).map(|_| $name {})
                        }
                    }
                };
                ($name:ident { required: $($req:ident $(= $req_wire:literal)?),*; optional: $($opt:ident $(= $opt_wire:literal)?),* }) => {
                    impl<'de> serde::Deserialize<'de> for $name {
                        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                            struct Visit;
                            impl<'de> serde::de::Visitor<'de> for Visit {
                                type Value = $name;
                                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                                    f.write_str(concat!("struct ", stringify!($name)))
                                }
                                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                                    $( let mut $req = None; )*
                                    $( let mut $opt = None; )*
                                    while let Some(key) = map.next_key::<crate::support::Key<'de>>()? {
                                        match key.as_str() {
                                            $( crate::support::wire_name!($req $(, $req_wire)?) => $req = Some(map.next_value()?), )*
                                            $( crate::support::wire_name!($opt $(, $opt_wire)?) => $opt = Some(map.next_value()?), )*
                                            _ => { map.next_value::<serde::de::IgnoredAny>()?; }
                                        }
                                    }
                                    Ok($name {
                                        $( $req: crate::support::required($req, crate::support::wire_name!($req $(, $req_wire)?))?, )*
                                        $( $opt: $opt.unwrap_or_default(), )*
                                    })
                                }
                            }
                            d.deserialize_map(Visit)
                        }
                    }
                };
            }
            pub(crate) use deserialize_struct;

            /// A field's name on the wire: given, or the identifier's own.
            macro_rules! wire_name {
                ($field:ident) => { stringify!($field) };
                ($field:ident, $wire:literal) => { $wire };
            }
            pub(crate) use wire_name;
        });
    }
    if n.expandable {
        out.extend(EXPANDABLE());
    }
    if n.unix_time {
        out.extend(UNIX_TIME());
    }
    if n.redacted {
        out.extend(quote! {
            /// Shows `[redacted]` instead of the value, unless the `debug-pii` feature is on.
            pub(crate) struct Redacted<'a, T>(pub &'a T);

            impl<T: std::fmt::Debug> std::fmt::Debug for Redacted<'_, T> {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    if cfg!(feature = "debug-pii") { self.0.fmt(f) } else { f.write_str("[redacted]") }
                }
            }
        });
    }
    if n.integer_enum {
        out.extend(quote! {
            /// `From<i64>`, `Display`, `FromStr`, `Serialize` and `Deserialize` for an open
            /// integer enum with `as_i64` and `from_wire`.
            macro_rules! integer_enum_impls {
                ($name:ident) => {
                    impl From<i64> for $name {
                        fn from(v: i64) -> Self { Self::from_wire(v) }
                    }
                    impl std::fmt::Display for $name {
                        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { std::fmt::Display::fmt(&self.as_i64(), f) }
                    }
                    impl std::str::FromStr for $name {
                        type Err = std::num::ParseIntError;
                        fn from_str(s: &str) -> Result<Self, Self::Err> { s.parse::<i64>().map(Self::from_wire) }
                    }
                    impl serde::Serialize for $name {
                        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_i64(self.as_i64()) }
                    }
                    impl<'de> serde::Deserialize<'de> for $name {
                        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                            <i64 as serde::Deserialize>::deserialize(d).map(Self::from_wire)
                        }
                    }
                };
            }
            pub(crate) use integer_enum_impls;
        });
    }
    if n.string_enum {
        out.extend(quote! {
            /// `From<&str>`, `Display`, `FromStr`, `Serialize` and `Deserialize` for an open
            /// string enum with `as_str` and `from_wire`.
            macro_rules! string_enum_impls {
                ($name:ident) => {
                    impl From<&str> for $name {
                        fn from(v: &str) -> Self { Self::from_wire(v) }
                    }
                    impl std::fmt::Display for $name {
                        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
                    }
                    impl std::str::FromStr for $name {
                        type Err = std::convert::Infallible;
                        fn from_str(s: &str) -> Result<Self, Self::Err> { Ok(Self::from_wire(s)) }
                    }
                    impl serde::Serialize for $name {
                        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
                    }
                    impl<'de> serde::Deserialize<'de> for $name {
                        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                            crate::support::deserialize_str(d, Self::from_wire)
                        }
                    }
                };
            }
            pub(crate) use string_enum_impls;
        });
        out.extend(quote! {
            /// Deserializes a string, borrowed when the input allows, through `f`.
            pub(crate) fn deserialize_str<'de, D, T>(d: D, f: fn(&str) -> T) -> Result<T, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct Visit<T>(fn(&str) -> T);
                impl<T> serde::de::Visitor<'_> for Visit<T> {
                    type Value = T;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("a string") }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> { Ok((self.0)(v)) }
                }
                d.deserialize_str(Visit(f))
            }
        });
    }
    for item in &n.validation {
        out.extend(validation(item));
    }
    out
}

#[allow(non_snake_case)]
fn NULLABLE() -> TokenStream {
    quote! {
        /// A field that may be absent, `null`, or hold a value, kept apart so that a payload
        /// serializes back to the JSON it came from.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
        pub enum Nullable<T> {
            /// The field was not in the payload (and is left out when serializing).
            #[default]
            Absent,
            /// The field was `null`.
            Null,
            /// The field had a value.
            Value(T),
        }

        impl<T> Nullable<T> {
            /// Whether the field was absent.
            pub fn is_absent(&self) -> bool { matches!(self, Nullable::Absent) }
            /// Whether the field was `null`.
            pub fn is_null(&self) -> bool { matches!(self, Nullable::Null) }
            /// The value, if there is one.
            pub fn as_option(&self) -> Option<&T> {
                match self { Nullable::Value(v) => Some(v), _ => None }
            }
            /// The value, if there is one.
            pub fn into_option(self) -> Option<T> {
                match self { Nullable::Value(v) => Some(v), _ => None }
            }
        }

        impl<T> From<Option<T>> for Nullable<T> {
            fn from(v: Option<T>) -> Self {
                match v { Some(v) => Nullable::Value(v), None => Nullable::Null }
            }
        }

        impl<T: serde::Serialize> serde::Serialize for Nullable<T> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self { Nullable::Value(v) => s.serialize_some(v), _ => s.serialize_none() }
            }
        }

        impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Nullable<T> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <Option<T> as serde::Deserialize>::deserialize(d).map(Nullable::from)
            }
        }
    }
}

#[allow(non_snake_case)]
fn EXPANDABLE() -> TokenStream {
    quote! {
        /// A field that holds an object's id, or the object itself when the request asked
        /// for it to be expanded.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Expandable<T> {
            /// Not expanded: the object's id.
            Id(String),
            /// Expanded: the whole object.
            Object(Box<T>),
        }

        impl<T> Expandable<T> {
            /// The object, when expanded.
            pub fn as_object(&self) -> Option<&T> {
                match self { Expandable::Object(o) => Some(o), Expandable::Id(_) => None }
            }
            /// The id, when not expanded.
            pub fn as_id(&self) -> Option<&str> {
                match self { Expandable::Id(id) => Some(id), Expandable::Object(_) => None }
            }
        }

        impl<T: serde::Serialize> serde::Serialize for Expandable<T> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self { Expandable::Id(id) => s.serialize_str(id), Expandable::Object(o) => o.serialize(s) }
            }
        }

        impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Expandable<T> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visit<T>(std::marker::PhantomData<T>);
                impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
                    type Value = Expandable<T>;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("an id string or an object")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                        Ok(Expandable::Id(v.to_owned()))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                        T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(|o| Expandable::Object(Box::new(o)))
                    }
                }
                d.deserialize_any(Visit(std::marker::PhantomData))
            }
        }
    }
}

#[allow(non_snake_case)]
fn UNIX_TIME() -> TokenStream {
    quote! {
        /// A point in time sent as whole seconds since the Unix epoch.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct UnixTime(pub jiff::Timestamp);

        impl UnixTime {
            /// Seconds since the Unix epoch.
            pub fn as_second(&self) -> i64 { self.0.as_second() }
        }

        impl From<jiff::Timestamp> for UnixTime {
            fn from(t: jiff::Timestamp) -> Self { UnixTime(t) }
        }

        impl serde::Serialize for UnixTime {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_i64(self.0.as_second()) }
        }

        impl<'de> serde::Deserialize<'de> for UnixTime {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let secs = <i64 as serde::Deserialize>::deserialize(d)?;
                jiff::Timestamp::from_second(secs).map(UnixTime).map_err(serde::de::Error::custom)
            }
        }
    }
}

fn validation(item: &str) -> TokenStream {
    match item {
        "ValidationError" => quote! {
            /// One limit of the spec that a value breaks.
            #[derive(Clone, Debug, PartialEq, Eq)]
            pub struct ValidationError {
                /// JSON path of the value (`user.name.given_name`, `steps[2]`).
                pub path: String,
                /// What is wrong, in words.
                pub message: String,
            }

            impl std::fmt::Display for ValidationError {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "{}: {}", self.path, self.message) }
            }

            impl std::error::Error for ValidationError {}
        },
        "join" => quote! {
            pub(crate) fn join(base: &str, field: &str) -> String {
                if base.is_empty() { field.to_owned() } else { format!("{base}.{field}") }
            }
        },
        "check_length" => quote! {
            pub(crate) fn check_length(errors: &mut Vec<ValidationError>, path: &str, value: &str, min: Option<u64>, max: Option<u64>) {
                let len = value.chars().count() as u64;
                if let Some(min) = min.filter(|m| len < *m) {
                    errors.push(ValidationError { path: path.to_owned(), message: format!("length {len} is below the minimum of {min}") });
                }
                if let Some(max) = max.filter(|m| len > *m) {
                    errors.push(ValidationError { path: path.to_owned(), message: format!("length {len} is above the maximum of {max}") });
                }
            }
        },
        "check_range" => quote! {
            pub(crate) fn check_range(errors: &mut Vec<ValidationError>, path: &str, value: f64, min: Option<f64>, max: Option<f64>, exclusive_min: bool, exclusive_max: bool) {
                if let Some(min) = min.filter(|m| value < *m || (exclusive_min && value == *m)) {
                    errors.push(ValidationError { path: path.to_owned(), message: format!("{value} is below the minimum of {min}") });
                }
                if let Some(max) = max.filter(|m| value > *m || (exclusive_max && value == *m)) {
                    errors.push(ValidationError { path: path.to_owned(), message: format!("{value} is above the maximum of {max}") });
                }
            }
        },
        "check_items" => quote! {
            pub(crate) fn check_items(errors: &mut Vec<ValidationError>, path: &str, len: usize, min: Option<u64>, max: Option<u64>) {
                let len = len as u64;
                if let Some(min) = min.filter(|m| len < *m) {
                    errors.push(ValidationError { path: path.to_owned(), message: format!("{len} items, fewer than the minimum of {min}") });
                }
                if let Some(max) = max.filter(|m| len > *m) {
                    errors.push(ValidationError { path: path.to_owned(), message: format!("{len} items, more than the maximum of {max}") });
                }
            }
        },
        "check_pattern" => quote! {
            pub(crate) fn check_pattern(errors: &mut Vec<ValidationError>, path: &str, value: &str, re: &std::sync::OnceLock<regex_lite::Regex>, pattern: &str) {
                let re = re.get_or_init(|| regex_lite::Regex::new(pattern).expect("pattern checked by kycgen"));
                if !re.is_match(value) {
                    errors.push(ValidationError { path: path.to_owned(), message: format!("does not match the pattern `{pattern}`") });
                }
            }
        },
        _ => TokenStream::new(),
    }
}
