//! Wire encodings: percent-encoded path segments, query parameters by OpenAPI
//! `style`/`explode`, JSON and Stripe-style form bodies, and JSON decoding that names the
//! path of a failure without echoing the value.

use crate::error::RequestError;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Characters left as they are in a path segment: RFC 3986 unreserved.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A path parameter's value as one percent-encoded segment (`/` and `?` included).
pub fn path_segment(value: &impl std::fmt::Display) -> String {
    utf8_percent_encode(&value.to_string(), SEGMENT).to_string()
}

/// An OpenAPI parameter `style`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `form` (the query default): `a=1&a=2` exploded, `a=1,2` not.
    Form,
    /// `spaceDelimited`: `a=1%202`.
    SpaceDelimited,
    /// `pipeDelimited`: `a=1|2`.
    PipeDelimited,
    /// `deepObject`: `a[k]=v`, nested as Stripe reads it.
    DeepObject,
}

/// A query string being built, pairs in the order pushed.
#[derive(Debug, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Adds parameter `name` with `value` as `style` and `explode` say. `null` adds nothing.
    pub fn push<T: Serialize + ?Sized>(&mut self, name: &str, value: &T, style: Style, explode: bool) -> Result<(), RequestError> {
        let value = serde_json::to_value(value).map_err(|e| RequestError::Build(format!("query parameter `{name}`: {e}")))?;
        match (&value, style) {
            (Value::Null, _) => {}
            (_, Style::DeepObject) => flatten(name, &value, &mut self.pairs),
            (Value::Array(items), _) if explode && style == Style::Form => {
                self.pairs.extend(items.iter().map(|v| (name.to_string(), scalar(v))));
            }
            (Value::Array(items), _) => {
                let sep = match style {
                    Style::SpaceDelimited => " ",
                    Style::PipeDelimited => "|",
                    _ => ",",
                };
                self.pairs.push((name.to_string(), items.iter().map(scalar).collect::<Vec<_>>().join(sep)));
            }
            (Value::Object(map), _) if explode => self.pairs.extend(sorted(map).map(|(k, v)| (k.clone(), scalar(v)))),
            (Value::Object(map), _) => {
                let joined: Vec<String> = sorted(map).flat_map(|(k, v)| [k.clone(), scalar(v)]).collect();
                self.pairs.push((name.to_string(), joined.join(",")));
            }
            _ => self.pairs.push((name.to_string(), scalar(&value))),
        }
        Ok(())
    }

    /// The encoded query string, without `?`.
    pub fn finish(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        s.extend_pairs(&self.pairs);
        s.finish()
    }
}

/// A scalar as a form value: strings bare, `null` empty (Stripe's "unset").
pub(crate) fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `key[sub]=v` pairs the way Stripe reads form bodies: objects bracketed, arrays of
/// scalars as `key[]=a&key[]=b`, arrays of objects indexed (`key[0][sub]=v`).
pub(crate) fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => sorted(map).for_each(|(k, v)| flatten(&format!("{prefix}[{k}]"), v, out)),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            out.extend(items.iter().map(|i| (format!("{prefix}[]"), scalar(i))));
        }
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| flatten(&format!("{prefix}[{i}]"), v, out)),
        _ => out.push((prefix.to_string(), scalar(v))),
    }
}

/// An object's entries by key, whatever map type serde_json was built with (its
/// `preserve_order` feature is unified across a whole build), so bodies are deterministic.
fn sorted(map: &serde_json::Map<String, Value>) -> impl Iterator<Item = (&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.into_iter()
}

/// A body as JSON.
pub fn json_body<T: Serialize + ?Sized>(body: &T) -> Result<Vec<u8>, RequestError> {
    serde_json::to_vec(body).map_err(|e| RequestError::Build(format!("body does not serialize: {e}")))
}

/// A body as `application/x-www-form-urlencoded`, nested the way Stripe reads it
/// (`metadata[key]=v`, `expand[]=a&expand[]=b`). The body must serialize to an object.
pub fn form_body<T: Serialize + ?Sized>(body: &T) -> Result<Vec<u8>, RequestError> {
    let value = serde_json::to_value(body).map_err(|e| RequestError::Build(format!("body does not serialize: {e}")))?;
    let Value::Object(map) = value else {
        return Err(RequestError::Build("a form body must be an object".into()));
    };
    let mut pairs = Vec::new();
    for (k, v) in sorted(&map) {
        match v {
            Value::Object(_) | Value::Array(_) => flatten(k, v, &mut pairs),
            _ => pairs.push((k.clone(), scalar(v))),
        }
    }
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.extend_pairs(&pairs);
    Ok(s.finish().into_bytes())
}

/// Decodes JSON into `T`; on failure, the JSON path that failed and the message of
/// [`crate::from_slice`], whose quoted input values are redacted (a body can hold personal
/// data).
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, (String, String)> {
    crate::from_slice(body).map_err(|e| (e.path().to_string(), e.message().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(path_segment(&"vs_1/../x?y z"), "vs_1%2F..%2Fx%3Fy%20z");
        assert_eq!(path_segment(&"idv_AbC-1.2_~"), "idv_AbC-1.2_~");
    }

    #[test]
    fn query_styles() {
        let mut q = Query::default();
        q.push("expand", &json!(["a", "b"]), Style::Form, true).unwrap();
        q.push("ids", &json!([1, 2]), Style::Form, false).unwrap();
        q.push("p", &json!(["x", "y"]), Style::PipeDelimited, false).unwrap();
        q.push("created", &json!({"gt": 5}), Style::DeepObject, true).unwrap();
        q.push("missing", &Value::Null, Style::Form, true).unwrap();
        q.push("q", &"a&b=c", Style::Form, true).unwrap();
        assert_eq!(q.finish(), "expand=a&expand=b&ids=1%2C2&p=x%7Cy&created%5Bgt%5D=5&q=a%26b%3Dc");
    }

    #[test]
    fn form_body_the_stripe_way() {
        let body = json!({
            "type": "document",
            "metadata": {"order": "42", "note": "a b"},
            "expand": ["a", "b"],
            "options": {"document": {"allowed_types": ["passport"], "require_matching_selfie": true}},
            "items": [{"id": 1}],
            "unset": null
        });
        let s = String::from_utf8(form_body(&body).unwrap()).unwrap();
        let decoded: Vec<(String, String)> = form_urlencoded::parse(s.as_bytes()).into_owned().collect();
        let want = [
            ("type", "document"),
            ("metadata[order]", "42"),
            ("metadata[note]", "a b"),
            ("expand[]", "a"),
            ("expand[]", "b"),
            ("options[document][allowed_types][]", "passport"),
            ("options[document][require_matching_selfie]", "true"),
            ("items[0][id]", "1"),
            ("unset", ""),
        ];
        let mut want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        // Keys come sorted at every level; repeated keys keep their order.
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(decoded, want);
        assert!(form_body(&json!([1])).is_err());
    }

    #[test]
    fn decode_reports_path_without_values() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            items: Vec<u8>,
        }
        let (path, msg) = decode_json::<T>(br#"{"items":[1,"Jane Doe"]}"#).unwrap_err();
        assert_eq!(path, "items[1]");
        assert!(!msg.contains("Jane"), "{msg}");
        let (_, msg) = decode_json::<T>(br#"{"items":[300]}"#).unwrap_err();
        assert!(!msg.contains("300"), "numbers are values too: {msg}");
        assert!(decode_json::<T>(br#"{"items":[]} trailing"#).is_err());
    }
}
