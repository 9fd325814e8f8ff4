//! What [`deserialize_struct!`](crate::deserialize_struct) expands to: one map visitor for
//! every struct ([`StructVisitor`]) and a [`FromMap`] impl per struct, with a slot per field,
//! keys borrowed from the input when they can be, unknown keys skipped, a missing required
//! field or a repeated key an error.

use serde::de::{Error, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::fmt;

/// An object key, borrowed from the input when it can be.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit)
    }
}

/// Reads the value of field `name` into its slot. A slot that is already filled means
/// the key came twice: that is an error (`duplicate field `name``), as with serde's
/// derive, so that a payload cannot say one thing to a checker that reads the first key
/// and another to one that reads the last.
pub fn fill<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a key the struct does not know.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// `missing field` for the first of the required fields (in the order given) whose slot is
/// empty, as `(empty, name)`; `None` when every one was read (it may still be `null` when
/// its type is an `Option`).
pub fn missing<E: Error>(required: &[(bool, &'static str)]) -> Option<E> {
    required.iter().find(|(empty, _)| *empty).map(|(_, name)| E::missing_field(name))
}

/// The value of a required field's slot, once [`missing`] has found every slot filled.
pub fn present<T>(slot: Option<T>) -> T {
    match slot {
        Some(v) => v,
        None => unreachable!("`missing` checks every required slot first"),
    }
}

/// Deserializes a string, borrowed when the input allows, through `f`.
pub fn deserialize_str<'de, D, T>(d: D, f: fn(&str) -> T) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct Visit<T>(fn(&str) -> T);
    impl<T> Visitor<'_> for Visit<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
    }
    d.deserialize_str(Visit(f))
}

/// A struct that [`deserialize_struct!`](crate::deserialize_struct) reads from a map, through
/// [`StructVisitor`].
pub trait FromMap<'de>: Sized {
    /// What a deserializer is told was expected (`struct Name`).
    const EXPECTING: &'static str;
    /// Reads the struct from the map's entries.
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The map visitor of every generated struct: [`FromMap`] does the reading.
pub struct StructVisitor<T>(pub std::marker::PhantomData<T>);

impl<'de, T: FromMap<'de>> Visitor<'de> for StructVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// `Deserialize` for a struct as one map visitor ([`StructVisitor`] over the [`FromMap`] it
/// implements): a slot per field, one `match` on the key
/// (borrowed from the input when it can be), unknown keys skipped, `required` fields an
/// error when missing, any field an error when its key comes twice.
///
/// Fields are listed by identifier, with `= "wire"` where the JSON key differs. Optional
/// fields take their `Default` (`None`, `Nullable::Absent`) when missing.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// pub struct Check {
///     status: String,
///     r#type: Option<String>,
///     note: kycgen_runtime::Nullable<String>,
/// }
/// kycgen_runtime::deserialize_struct!(Check { required: status; optional: r#type = "type", note });
///
/// let c: Check = serde_json::from_str(r#"{"status":"success","type":"kyc","other":1}"#).unwrap();
/// assert_eq!(c.r#type.as_deref(), Some("kyc"));
/// assert!(c.note.is_absent());
/// let twice = serde_json::from_str::<Check>(r#"{"status":"success","status":"failed"}"#);
/// assert!(twice.unwrap_err().to_string().starts_with("duplicate field `status`"));
/// ```
#[macro_export]
macro_rules! deserialize_struct {
    ($name:ident {}) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                <$crate::__private::serde::de::IgnoredAny as $crate::__private::serde::Deserialize>::deserialize(d).map(|_| $name {})
            }
        }
    };
    ($name:ident { required: $($req:ident $(= $req_wire:literal)?),*; optional: $($opt:ident $(= $opt_wire:literal)?),* }) => {
        // One visitor type for every struct (`StructVisitor`, in this crate) instead of a
        // struct, a `Visitor` impl and an `expecting` per struct: less to check and nothing
        // non-generic to compile to machine code in the generated crate.
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                d.deserialize_map($crate::de::StructVisitor::<$name>(::core::marker::PhantomData))
            }
        }
        impl<'de> $crate::de::FromMap<'de> for $name {
            const EXPECTING: &'static str = concat!("struct ", stringify!($name));
            fn from_map<A: $crate::__private::serde::de::MapAccess<'de>>(mut map: A) -> ::core::result::Result<$name, A::Error> {
                $( let mut $req = ::core::option::Option::None; )*
                $( let mut $opt = ::core::option::Option::None; )*
                loop {
                    let key = match map.next_key::<$crate::de::Key<'de>>() { ::core::result::Result::Ok(::core::option::Option::Some(key)) => key, ::core::result::Result::Ok(::core::option::Option::None) => break, ::core::result::Result::Err(e) => return ::core::result::Result::Err(e) };
                    // One `Result` from the whole `match`, checked once, and below one check
                    // for every required field before the struct is built: a `return` per
                    // arm and per field cost the generated crate a quarter to two fifths
                    // more type and borrow checking of this function (BENCHMARKS.md, issue 19).
                    let read = match key.as_str() {
                        $( $crate::wire_name!($req $(, $req_wire)?) => $crate::de::fill(&mut map, &mut $req, $crate::wire_name!($req $(, $req_wire)?)), )*
                        $( $crate::wire_name!($opt $(, $opt_wire)?) => $crate::de::fill(&mut map, &mut $opt, $crate::wire_name!($opt $(, $opt_wire)?)), )*
                        _ => $crate::de::skip(&mut map),
                    };
                    if let ::core::result::Result::Err(e) = read {
                        return ::core::result::Result::Err(e);
                    }
                }
                if let ::core::option::Option::Some(e) = $crate::de::missing(&[$( ($req.is_none(), $crate::wire_name!($req $(, $req_wire)?)) ),*]) {
                    return ::core::result::Result::Err(e);
                }
                ::core::result::Result::Ok($name {
                    $( $req: $crate::de::present($req), )*
                    $( $opt: $opt.unwrap_or_default(), )*
                })
            }
        }
    };
}

/// A field's name on the wire: given, or the identifier's own.
#[doc(hidden)]
#[macro_export]
macro_rules! wire_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $wire:literal) => {
        $wire
    };
}

#[cfg(test)]
mod tests {
    use crate::Nullable;

    #[derive(Debug, PartialEq)]
    struct Person {
        status: String,
        middle: Option<String>,
        phone: Nullable<String>,
        kind: Option<u8>,
    }
    crate::deserialize_struct!(Person { required: status, middle; optional: phone, kind = "type" });

    #[derive(Debug, PartialEq)]
    struct Empty {}
    crate::deserialize_struct!(Empty {});

    fn err(json: &str) -> String {
        serde_json::from_str::<Person>(json).unwrap_err().to_string()
    }

    #[test]
    fn reads_fields_and_skips_unknown_keys() {
        let p: Person = serde_json::from_str(r#"{"status":"ok","middle":null,"phone":null,"type":2,"x":[1]}"#).unwrap();
        assert_eq!(p, Person { status: "ok".into(), middle: None, phone: Nullable::Null, kind: Some(2) });
        let p: Person = serde_json::from_str(r#"{"middle":"Q","status":"ok"}"#).unwrap();
        assert_eq!((p.middle.as_deref(), p.phone, p.kind), (Some("Q"), Nullable::Absent, None));
        assert_eq!(serde_json::from_str::<Empty>(r#"{"a":1}"#).unwrap(), Empty {});
    }

    #[test]
    fn missing_required_fields_are_errors() {
        assert!(err(r#"{"status":"ok"}"#).starts_with("missing field `middle`"));
        assert!(err(r#"{"middle":null}"#).starts_with("missing field `status`"));
    }

    #[test]
    fn a_value_that_is_no_object_names_the_struct() {
        assert!(err("[1]").starts_with("invalid type: sequence, expected struct Person"), "{}", err("[1]"));
    }

    #[test]
    fn repeated_keys_are_errors_for_every_kind_of_field() {
        assert!(err(r#"{"status":"success","middle":null,"status":"failed"}"#).starts_with("duplicate field `status`"));
        assert!(err(r#"{"status":"a","middle":null,"middle":"b"}"#).starts_with("duplicate field `middle`"));
        assert!(err(r#"{"status":"a","middle":null,"phone":null,"phone":"1"}"#).starts_with("duplicate field `phone`"));
        assert!(err(r#"{"status":"a","middle":null,"type":1,"type":2}"#).starts_with("duplicate field `type`"));
        // The Rust name of a renamed field is just an unknown key.
        assert!(serde_json::from_str::<Person>(r#"{"status":"a","middle":null,"type":1,"kind":2}"#).is_ok());
    }
}
