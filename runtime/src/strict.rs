//! A JSON value read with repeated keys refused: what tagged unions and webhook envelopes
//! parse into before they pick a variant, so that a payload cannot say one thing to a reader
//! that keeps the first key and another to one that keeps the last (serde_json's `Value`
//! keeps the last silently).

use serde::de::{Error, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use std::fmt;

/// A [`Value`] whose objects had no key twice, at any depth. Deserializing it fails with
/// ``duplicate field `key` `` otherwise, as generated structs do.
///
/// ```
/// use kycgen_runtime::StrictValue;
/// let ok: StrictValue = serde_json::from_str(r#"{"a": {"b": 1}}"#).unwrap();
/// assert_eq!(ok.0["a"]["b"], 1);
/// let err = serde_json::from_str::<StrictValue>(r#"{"a": {"b": 1, "b": 2}}"#).unwrap_err();
/// assert!(err.to_string().starts_with("duplicate field `b`"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct StrictValue(pub Value);

/// Deserializes a [`Value`], refusing repeated keys (see [`StrictValue`]).
pub fn strict_value<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    StrictValue::deserialize(d).map(|v| v.0)
}

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = StrictValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<StrictValue, E> {
        Ok(StrictValue(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)))
    }
    fn visit_str<E>(self, v: &str) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::String(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Null))
    }
    fn visit_none<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<StrictValue, D::Error> {
        StrictValue::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(StrictValue(Value::Array(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictValue, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(A::Error::custom(format_args!("duplicate field `{key}`")));
            }
            let StrictValue(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(StrictValue(Value::Object(object)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_refused_at_any_depth() {
        for bad in [r#"{"a":1,"a":1}"#, r#"[{"x":{"y":null,"y":null}}]"#, r#"{"k":[1,{"z":"","z":""}]}"#] {
            let e = serde_json::from_str::<StrictValue>(bad).unwrap_err();
            assert!(e.to_string().starts_with("duplicate field `"), "{bad}: {e}");
        }
        let v: StrictValue = serde_json::from_str(r#"{"a":[1,2.5,"s",true,null],"b":{"a":1}}"#).unwrap();
        assert_eq!(v.0, serde_json::json!({"a":[1,2.5,"s",true,null],"b":{"a":1}}));
    }
}
