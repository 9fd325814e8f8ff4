//! How a generated struct is deserialized: one map visitor for every struct
//! ([`StructVisitor`]) over the [`FromMap`] impl each struct has, which names its fields and
//! their slots ([`Req`], [`Opt`]); keys borrowed from the input when they can be, unknown keys
//! skipped, a missing required field or a repeated key an error. The reading is generic
//! code written once here, so a generated crate has none of its own to check.

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

/// A struct read from a map through [`StructVisitor`], with a slot per field: a generated
/// struct implements it (a generated `Deserialize` impl calls [`deserialize_struct`]), so that
/// the reading itself is this crate's generic code, written and checked once, and a
/// generated crate only names its fields and their types.
pub trait FromMap: Sized {
    /// What a deserializer is told was expected (`struct Name`).
    const EXPECTING: &'static str;
    /// The fields' wire names in declaration order: the order of [`FromMap::Slots`].
    const FIELDS: &'static [&'static str];
    /// A [`Req`] or [`Opt`] slot per field, in declaration order, as a tuple (tuples of up
    /// to twelve, nested for more fields).
    type Slots: Slots;
    /// The struct from its fields' values, in the shape of [`FromMap::Slots`].
    fn build(values: <Self::Slots as Slots>::Out) -> Self;
}

/// The slots of a struct's fields (a [`Req`], an [`Opt`] or a tuple of slots): empty before
/// the map is read, filled by key, taken once it is read.
pub trait Slots: Sized {
    /// How many fields.
    const LEN: usize;
    /// The fields' values.
    type Out;
    /// Every slot empty.
    fn empty() -> Self;
    /// The first required field (in the order of `names`, the wire names of these slots)
    /// whose key never came.
    fn missing(&self, names: &[&'static str]) -> Option<&'static str>;
    /// The values, once [`Slots::missing`] has found none missing (a required slot still
    /// empty then panics).
    fn take(self) -> Self::Out;
}

/// [`Slots`] that read a value of the deserializer's lifetime.
pub trait FillSlots<'de>: Slots {
    /// Reads the value of the `i`-th field into its slot, `name` its wire name.
    fn fill<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, name: &'static str) -> Result<(), A::Error>;
}

/// The slot of a field that must be present: `missing field` when its key never came.
pub struct Req<T>(Option<T>);

/// The slot of an optional field (an `Option` or a `Nullable`): its `Default` (`None`,
/// `Nullable::Absent`) when its key never came.
pub struct Opt<T>(Option<T>);

impl<T> Slots for Req<T> {
    const LEN: usize = 1;
    type Out = T;
    fn empty() -> Self {
        Req(None)
    }
    fn missing(&self, names: &[&'static str]) -> Option<&'static str> {
        self.0.is_none().then(|| names[0])
    }
    fn take(self) -> T {
        match self.0 {
            Some(v) => v,
            None => unreachable!("`missing` checks every required slot first"),
        }
    }
}

impl<T: Default> Slots for Opt<T> {
    const LEN: usize = 1;
    type Out = T;
    fn empty() -> Self {
        Opt(None)
    }
    fn missing(&self, _: &[&'static str]) -> Option<&'static str> {
        None
    }
    fn take(self) -> T {
        self.0.unwrap_or_default()
    }
}

impl<'de, T: Deserialize<'de>> FillSlots<'de> for Req<T> {
    fn fill<A: MapAccess<'de>>(&mut self, _: usize, map: &mut A, name: &'static str) -> Result<(), A::Error> {
        fill(map, &mut self.0, name)
    }
}

impl<'de, T: Deserialize<'de> + Default> FillSlots<'de> for Opt<T> {
    fn fill<A: MapAccess<'de>>(&mut self, _: usize, map: &mut A, name: &'static str) -> Result<(), A::Error> {
        fill(map, &mut self.0, name)
    }
}

/// [`Slots`] for tuples of slots: each element in turn, an index past one element's
/// fields going on to the next.
macro_rules! tuple_slots {
    ($($t:ident $i:tt),+) => {
        impl<$($t: Slots),+> Slots for ($($t,)+) {
            const LEN: usize = 0 $(+ $t::LEN)+;
            type Out = ($($t::Out,)+);
            fn empty() -> Self {
                ($($t::empty(),)+)
            }
            #[allow(unused_assignments)]
            fn missing(&self, names: &[&'static str]) -> Option<&'static str> {
                let mut at = 0;
                $(
                    if let Some(name) = self.$i.missing(&names[at..at + $t::LEN]) {
                        return Some(name);
                    }
                    at += $t::LEN;
                )+
                None
            }
            fn take(self) -> Self::Out {
                ($(self.$i.take(),)+)
            }
        }
        impl<'de, $($t: FillSlots<'de>),+> FillSlots<'de> for ($($t,)+) {
            fn fill<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, name: &'static str) -> Result<(), A::Error> {
                let mut at = 0;
                $(
                    if i < at + $t::LEN {
                        return self.$i.fill(i - at, map, name);
                    }
                    at += $t::LEN;
                )+
                unreachable!("field {i} of {at}")
            }
        }
    };
}

for_tuples!(tuple_slots);

/// The map visitor of every generated struct: a slot per field ([`FromMap::Slots`]), one
/// pass over the keys (borrowed from the input when they can be), unknown keys skipped,
/// a repeated key an error, then a missing required field an error.
pub struct StructVisitor<T>(pub std::marker::PhantomData<T>);

impl<'de, T: FromMap> Visitor<'de> for StructVisitor<T>
where
    T::Slots: FillSlots<'de>,
{
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut slots = T::Slots::empty();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match T::FIELDS.iter().position(|name| *name == key.as_str()) {
                Some(i) => slots.fill(i, &mut map, T::FIELDS[i])?,
                None => skip(&mut map)?,
            }
        }
        match slots.missing(T::FIELDS) {
            Some(name) => Err(A::Error::missing_field(name)),
            None => Ok(T::build(slots.take())),
        }
    }
}

/// `Deserialize::deserialize` of a generated struct: a map read by [`StructVisitor`]
/// through the struct's [`FromMap`].
///
/// ```
/// use kycgen_runtime::de::{FromMap, Opt, Req, Slots};
/// use kycgen_runtime::Nullable;
///
/// #[derive(Debug, PartialEq)]
/// pub struct Check {
///     status: String,
///     r#type: Option<String>,
///     note: Nullable<String>,
/// }
/// impl FromMap for Check {
///     const EXPECTING: &'static str = "struct Check";
///     const FIELDS: &'static [&'static str] = &["status", "type", "note"];
///     type Slots = (Req<String>, Opt<Option<String>>, Opt<Nullable<String>>);
///     fn build((status, r#type, note): <Self::Slots as Slots>::Out) -> Self {
///         Check { status, r#type, note }
///     }
/// }
/// impl<'de> serde::Deserialize<'de> for Check {
///     fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
///         kycgen_runtime::de::deserialize_struct(d)
///     }
/// }
///
/// let c: Check = serde_json::from_str(r#"{"status":"success","type":"kyc","other":1}"#).unwrap();
/// assert_eq!(c.r#type.as_deref(), Some("kyc"));
/// assert!(c.note.is_absent());
/// let twice = serde_json::from_str::<Check>(r#"{"status":"success","status":"failed"}"#);
/// assert!(twice.unwrap_err().to_string().starts_with("duplicate field `status`"));
/// ```
pub fn deserialize_struct<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromMap,
    T::Slots: FillSlots<'de>,
{
    d.deserialize_map(StructVisitor::<T>(std::marker::PhantomData))
}

/// `Deserialize::deserialize` of a generated struct without fields: any value, ignored.
pub fn deserialize_empty<'de, D: Deserializer<'de>, T: Default>(d: D) -> Result<T, D::Error> {
    IgnoredAny::deserialize(d).map(|_| T::default())
}

#[cfg(test)]
mod tests {
    use super::{FromMap, Opt, Req, Slots};
    use crate::Nullable;

    #[derive(Debug, PartialEq)]
    struct Person {
        status: String,
        middle: Option<String>,
        phone: Nullable<String>,
        kind: Option<u8>,
    }
    impl FromMap for Person {
        const EXPECTING: &'static str = "struct Person";
        const FIELDS: &'static [&'static str] = &["status", "middle", "phone", "type"];
        type Slots = (Req<String>, Req<Option<String>>, Opt<Nullable<String>>, Opt<Option<u8>>);
        fn build((status, middle, phone, kind): <Self::Slots as Slots>::Out) -> Self {
            Person { status, middle, phone, kind }
        }
    }
    impl<'de> serde::Deserialize<'de> for Person {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::deserialize_struct(d)
        }
    }

    #[derive(Debug, Default, PartialEq)]
    struct Empty {}
    impl<'de> serde::Deserialize<'de> for Empty {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::deserialize_empty(d)
        }
    }

    /// Fourteen fields in two nested tuples of slots, as the generator writes more than
    /// twelve: every index reaches its own slot, the first missing required field is named.
    #[derive(Debug, PartialEq)]
    struct Wide([u8; 13], Option<u8>);
    impl FromMap for Wide {
        const EXPECTING: &'static str = "struct Wide";
        const FIELDS: &'static [&'static str] = &["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"];
        #[allow(clippy::type_complexity)]
        type Slots = (
            (Req<u8>, Req<u8>, Req<u8>, Req<u8>, Req<u8>, Req<u8>, Req<u8>, Req<u8>, Req<u8>, Req<u8>, Req<u8>, Req<u8>),
            (Req<u8>, Opt<Option<u8>>),
        );
        fn build(((a, b, c, d, e, f, g, h, i, j, k, l), (m, n)): <Self::Slots as Slots>::Out) -> Self {
            Wide([a, b, c, d, e, f, g, h, i, j, k, l, m], n)
        }
    }
    impl<'de> serde::Deserialize<'de> for Wide {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::deserialize_struct(d)
        }
    }

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
    fn an_empty_struct_reads_any_value() {
        for json in ["{}", "null", "[1]", "7", r#""x""#] {
            assert_eq!(serde_json::from_str::<Empty>(json).unwrap(), Empty {}, "{json}");
        }
    }

    #[test]
    fn missing_required_fields_are_errors() {
        assert!(err(r#"{"status":"ok"}"#).starts_with("missing field `middle`"));
        assert!(err(r#"{"middle":null}"#).starts_with("missing field `status`"));
        assert!(err(r#"{}"#).starts_with("missing field `status`"));
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
        // A repeated key is an error before a missing field is looked for.
        assert!(err(r#"{"phone":null,"phone":null}"#).starts_with("duplicate field `phone`"));
    }

    #[test]
    fn nested_slots_reach_every_field() {
        let keys = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"];
        let json = |skip: Option<usize>, n: &str| {
            let fields: Vec<String> = keys.iter().enumerate().filter(|(i, _)| Some(*i) != skip).map(|(i, k)| format!(r#""{k}":{i}"#)).collect();
            format!("{{{}{n}}}", fields.join(","))
        };
        let w: Wide = serde_json::from_str(&json(None, r#","n":99"#)).unwrap();
        assert_eq!(w, Wide([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], Some(99)));
        let w: Wide = serde_json::from_str(&json(None, "")).unwrap();
        assert_eq!(w.1, None);
        for (i, k) in keys.iter().enumerate() {
            let e = serde_json::from_str::<Wide>(&json(Some(i), "")).unwrap_err().to_string();
            assert!(e.starts_with(&format!("missing field `{k}`")), "{e}");
        }
        let e = serde_json::from_str::<Wide>(&json(None, r#","m":1"#)).unwrap_err().to_string();
        assert!(e.starts_with("duplicate field `m`"), "{e}");
    }
}
