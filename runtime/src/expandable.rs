//! [`Expandable`]: an object's id, or the object itself when the request expanded it.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// An object with an id: generated structs whose `id` field is a required string implement
/// it, so that [`Expandable::id`] answers whether or not the object was expanded.
pub trait HasId {
    /// The object's id.
    fn id(&self) -> &str;
}

/// A field that holds an object's id, or the object itself when the request asked for it
/// to be expanded.
///
/// ```
/// use kycgen_runtime::{Expandable, HasId};
///
/// #[derive(Debug, PartialEq, serde::Deserialize)]
/// struct Session { id: String }
/// impl HasId for Session {
///     fn id(&self) -> &str { &self.id }
/// }
///
/// let id: Expandable<Session> = serde_json::from_str(r#""vs_123""#).unwrap();
/// assert_eq!(id.as_id(), Some("vs_123"));
/// let obj: Expandable<Session> = serde_json::from_str(r#"{"id":"vs_123"}"#).unwrap();
/// assert_eq!(obj.as_object(), Some(&Session { id: "vs_123".into() }));
/// assert_eq!((id.id(), obj.id()), ("vs_123", "vs_123"));
/// ```
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
        match self {
            Expandable::Object(o) => Some(o),
            Expandable::Id(_) => None,
        }
    }

    /// The object's id, expanded or not.
    pub fn id(&self) -> &str
    where
        T: HasId,
    {
        match self {
            Expandable::Id(id) => id,
            Expandable::Object(o) => o.id(),
        }
    }

    /// The id, when not expanded ([`id`](Expandable::id) answers in both cases).
    pub fn as_id(&self) -> Option<&str> {
        match self {
            Expandable::Id(id) => Some(id),
            Expandable::Object(_) => None,
        }
    }
}

impl<T: Serialize> Serialize for Expandable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => s.serialize_str(id),
            Expandable::Object(o) => o.serialize(s),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Visit<T> {
            type Value = Expandable<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id string or an object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Expandable::Id(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|o| Expandable::Object(Box::new(o)))
            }
        }
        d.deserialize_any(Visit(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::Expandable;
    use std::collections::BTreeMap;

    #[test]
    fn round_trips_both_forms() {
        for json in [r#""obj_1""#, r#"{"a":1}"#] {
            let e: Expandable<BTreeMap<String, u8>> = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&e).unwrap(), json);
        }
        assert!(serde_json::from_str::<Expandable<BTreeMap<String, u8>>>("3").is_err());
    }
}
