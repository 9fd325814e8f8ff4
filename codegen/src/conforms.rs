//! An independent check of a JSON value against an IR schema (types, required, nullable,
//! formats kycgen types, arrays, maps, unions), used to tell a spec example that
//! contradicts its own schema apart from a kycgen bug. Enums are open and unknown keys are
//! fine, as in the generated code.

use crate::ir::{Kind, Schema, Spec};
use serde_json::Value;
use std::collections::BTreeSet;

/// `$ref` hops followed without descending into the value before giving up (a cycle of
/// `$ref`s that never reaches a schema).
const MAX_REF_HOPS: usize = 64;

/// Every way `value` contradicts the named schema of `spec`, each as `path: why` (paths
/// start at `$`). Empty when the value conforms, or when `schema` is not in the spec.
pub fn check(spec: &Spec, schema: &str, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    match spec.schemas.get(schema) {
        Some(s) => Checker { spec }.value(s, value, "$", 0, &mut out),
        None => out.push(format!("$: schema `{schema}` is not in the spec")),
    }
    out
}

/// The paths of keys in `value` that the named schema does not define (kept out of the
/// generated types on purpose). A key is unknown under a union only if no variant that
/// the value conforms to defines it.
pub fn unknown_keys(spec: &Spec, schema: &str, value: &Value) -> Vec<String> {
    let mut out = BTreeSet::new();
    if let Some(s) = spec.schemas.get(schema) {
        Checker { spec }.unknown(s, value, "$", 0, &mut out);
    }
    out.into_iter().collect()
}

struct Checker<'a> {
    spec: &'a Spec,
}

impl Checker<'_> {
    fn value(&self, s: &Schema, v: &Value, path: &str, hops: usize, out: &mut Vec<String>) {
        if v.is_null() {
            if !self.nullable(s, 0) {
                out.push(format!("{path}: null where the schema is not nullable"));
            }
            return;
        }
        match &s.kind {
            Kind::Any => {}
            Kind::Ref(name) => match self.spec.schemas.get(name) {
                Some(t) if hops < MAX_REF_HOPS => self.value(t, v, path, hops + 1, out),
                Some(_) => out.push(format!("{path}: `$ref` cycle through `{name}`")),
                None => out.push(format!("{path}: `$ref` to unknown schema `{name}`")),
            },
            Kind::String { format } => match v.as_str() {
                None => out.push(wrong_type(path, "a string", v)),
                Some(text) => {
                    if let Some(why) = format_problem(format.as_deref(), text) {
                        out.push(format!("{path}: {why}"));
                    }
                }
            },
            Kind::Integer { .. } => {
                if !is_integer(v) {
                    out.push(wrong_type(path, "an integer", v));
                }
            }
            Kind::Number { .. } => {
                if !v.is_number() {
                    out.push(wrong_type(path, "a number", v));
                }
            }
            Kind::Boolean => {
                if !v.is_boolean() {
                    out.push(wrong_type(path, "a boolean", v));
                }
            }
            Kind::Enum(e) => {
                let (fits, want) = match e.base.as_str() {
                    "string" => (v.is_string(), "a string"),
                    "integer" => (is_integer(v), "an integer"),
                    "number" => (v.is_number(), "a number"),
                    "boolean" => (v.is_boolean(), "a boolean"),
                    _ => (true, ""),
                };
                if !fits {
                    out.push(wrong_type(path, &format!("{want} (enum)"), v));
                }
            }
            Kind::Array(items) => match v.as_array() {
                None => out.push(wrong_type(path, "an array", v)),
                Some(list) => {
                    for (i, item) in list.iter().enumerate() {
                        self.value(items, item, &format!("{path}[{i}]"), 0, out);
                    }
                }
            },
            Kind::Map(values) => match v.as_object() {
                None => out.push(wrong_type(path, "an object", v)),
                Some(map) => {
                    for (k, item) in map {
                        self.value(values, item, &format!("{path}.{k}"), 0, out);
                    }
                }
            },
            Kind::Object(o) => match v.as_object() {
                None => out.push(wrong_type(path, "an object", v)),
                Some(map) => {
                    for p in &o.properties {
                        match map.get(&p.name) {
                            Some(item) => self.value(&p.schema, item, &format!("{path}.{}", p.name), 0, out),
                            None if p.required => out.push(format!("{path}: required property `{}` is missing", p.name)),
                            None => {}
                        }
                    }
                }
            },
            Kind::Expandable(obj) => {
                if !v.is_string() {
                    self.value(obj, v, path, hops, out);
                }
            }
            Kind::Union(u) => {
                let mut first = Vec::new();
                for (i, variant) in u.variants.iter().enumerate() {
                    let mut errs = Vec::new();
                    self.value(variant, v, path, hops, &mut errs);
                    if errs.is_empty() {
                        return;
                    }
                    if i == 0 {
                        first = errs;
                    }
                }
                let why = first.first().map(String::as_str).unwrap_or("");
                out.push(format!("{path}: matches none of the {} variants (first: {why})", u.variants.len()));
            }
            Kind::AllOf(members) => {
                if !v.is_object() {
                    out.push(wrong_type(path, "an object", v));
                    return;
                }
                for m in members {
                    self.value(m, v, path, hops, out);
                }
            }
        }
    }

    fn unknown(&self, s: &Schema, v: &Value, path: &str, hops: usize, out: &mut BTreeSet<String>) {
        if hops >= MAX_REF_HOPS {
            return;
        }
        match (&s.kind, v) {
            (Kind::Ref(name), _) => {
                if let Some(t) = self.spec.schemas.get(name) {
                    self.unknown(t, v, path, hops + 1, out);
                }
            }
            (Kind::Array(items), Value::Array(list)) => {
                for (i, item) in list.iter().enumerate() {
                    self.unknown(items, item, &format!("{path}[{i}]"), 0, out);
                }
            }
            (Kind::Map(values), Value::Object(map)) => {
                for (k, item) in map {
                    self.unknown(values, item, &format!("{path}.{k}"), 0, out);
                }
            }
            (Kind::Object(o), Value::Object(map)) => {
                for (k, item) in map {
                    let p = format!("{path}.{k}");
                    match o.properties.iter().find(|p| p.name == *k) {
                        Some(prop) => self.unknown(&prop.schema, item, &p, 0, out),
                        None => {
                            out.insert(p);
                        }
                    }
                }
            }
            (Kind::Expandable(obj), Value::Object(_)) => self.unknown(obj, v, path, hops, out),
            (Kind::AllOf(members), Value::Object(map)) => {
                // A key is known if any member defines it; nested values are walked in
                // the member that does. A member that is only a map (`additionalProperties`
                // without `properties`) defines no key: the generated struct takes no field
                // from it, so with no other member every key is unknown.
                let members: Vec<&Schema> = members.iter().filter(|m| !self.is_map(m)).collect();
                if members.is_empty() {
                    out.extend(map.keys().map(|k| format!("{path}.{k}")));
                    return;
                }
                let mut sets: Vec<BTreeSet<String>> = Vec::new();
                for m in members {
                    let mut one = BTreeSet::new();
                    self.unknown(m, v, path, hops, &mut one);
                    sets.push(one);
                }
                let top = |p: &str| map.keys().any(|k| format!("{path}.{k}") == p);
                let mut merged = intersect(sets.iter().map(|set| set.iter().filter(|p| top(p)).cloned().collect()));
                merged.extend(sets.into_iter().flatten().filter(|p| !top(p)));
                out.extend(merged);
            }
            (Kind::Union(u), _) => {
                let fitting: Vec<&Schema> = u
                    .variants
                    .iter()
                    .filter(|m| {
                        let mut errs = Vec::new();
                        self.value(m, v, path, hops, &mut errs);
                        errs.is_empty()
                    })
                    .collect();
                let candidates = if fitting.is_empty() { u.variants.iter().collect() } else { fitting };
                out.extend(intersect(candidates.into_iter().map(|m| {
                    let mut one = BTreeSet::new();
                    self.unknown(m, v, path, hops, &mut one);
                    one
                })));
            }
            _ => {}
        }
    }

    /// Whether `s` is a map (following `$ref`s).
    fn is_map(&self, s: &Schema) -> bool {
        let mut kind = &s.kind;
        for _ in 0..MAX_REF_HOPS {
            match kind {
                Kind::Ref(name) => match self.spec.schemas.get(name) {
                    Some(t) => kind = &t.kind,
                    None => return false,
                },
                Kind::Map(_) => return true,
                _ => return false,
            }
        }
        false
    }

    /// Whether `s` accepts `null`: itself, through the `$ref`s it is, or through the
    /// members of an `allOf` wrapper or union.
    fn nullable(&self, s: &Schema, hops: usize) -> bool {
        if s.nullable {
            return true;
        }
        if hops >= MAX_REF_HOPS {
            return false;
        }
        match &s.kind {
            Kind::Any => false,
            Kind::Ref(name) => self.spec.schemas.get(name).is_some_and(|t| self.nullable(t, hops + 1)),
            Kind::Union(u) => u.variants.iter().any(|m| self.nullable(m, hops + 1)),
            Kind::AllOf(members) => !members.is_empty() && members.iter().all(|m| self.nullable(m, hops + 1)),
            _ => false,
        }
    }
}

fn intersect(mut sets: impl Iterator<Item = BTreeSet<String>>) -> BTreeSet<String> {
    let first = sets.next().unwrap_or_default();
    sets.fold(first, |acc, s| acc.intersection(&s).cloned().collect())
}

fn is_integer(v: &Value) -> bool {
    v.is_i64() || v.is_u64()
}

fn wrong_type(path: &str, want: &str, v: &Value) -> String {
    let got = match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    format!("{path}: expected {want}, found {got}")
}

/// Why `text` is not of the string format kycgen types (`date`, `date-time`), if it is not.
fn format_problem(format: Option<&str>, text: &str) -> Option<String> {
    let ok = match format? {
        "date" => is_date(text),
        "date-time" => is_date_time(text),
        _ => return None,
    };
    (!ok).then(|| format!("{text:?} is not an RFC 3339 {}", format.unwrap_or_default()))
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// `YYYY-MM-DD` with a day that exists in that month.
fn is_date(s: &str) -> bool {
    let mut parts = s.split('-');
    let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else { return false };
    let (Some(y), Some(m), Some(d)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// `date "T" HH:MM:SS[.frac] ("Z" / ±HH:MM)`, RFC 3339 section 5.6.
fn is_date_time(s: &str) -> bool {
    let Some(t) = s.find(['T', 't']) else { return false };
    let (date, rest) = (&s[..t], &s[t + 1..]);
    if !is_date(date) || rest.len() < 9 {
        return false;
    }
    let (time, mut zone) = rest.split_at(8);
    let mut hms = time.split(':');
    let (Some(h), Some(mi), Some(sec), None) = (hms.next(), hms.next(), hms.next(), hms.next()) else { return false };
    let (Some(h), Some(mi), Some(sec)) = (digits(h, 2), digits(mi, 2), digits(sec, 2)) else { return false };
    if h > 23 || mi > 59 || sec > 60 {
        return false;
    }
    if let Some(frac) = zone.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        zone = &frac[n..];
    }
    if zone == "Z" || zone == "z" {
        return true;
    }
    let Some(offset) = zone.strip_prefix(['+', '-']) else { return false };
    let mut hm = offset.split(':');
    matches!((hm.next().and_then(|x| digits(x, 2)), hm.next().and_then(|x| digits(x, 2)), hm.next()), (Some(oh), Some(om), None) if oh < 24 && om < 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Enum, Object, Property, Union};
    use serde_json::json;

    fn s(kind: Kind) -> Schema {
        Schema { kind, ..Schema::default() }
    }

    fn prop(name: &str, required: bool, schema: Schema) -> Property {
        Property { name: name.into(), required, schema }
    }

    fn spec() -> Spec {
        let mut spec = Spec::default();
        let nullable_name = Schema { nullable: true, ..s(Kind::String { format: None }) };
        let status = s(Kind::Enum(Enum { base: "string".into(), values: vec![json!("a")], truncated: false, meanings: Default::default() }));
        let person = s(Kind::Object(Object {
            properties: vec![
                prop("id", true, s(Kind::String { format: None })),
                prop("name", true, s(Kind::Ref("Name".into()))),
                prop("age", false, s(Kind::Integer { format: None })),
                prop("born", false, s(Kind::String { format: Some("date-time".into()) })),
                prop("status", false, s(Kind::Ref("Status".into()))),
                prop("tags", false, s(Kind::Array(Box::new(s(Kind::String { format: None }))))),
                prop("either", false, s(Kind::Union(Union { variants: vec![s(Kind::Integer { format: None }), s(Kind::Boolean)], ..Union::default() }))),
            ],
        }));
        spec.schemas.insert("Name".into(), nullable_name);
        spec.schemas.insert("Status".into(), status);
        spec.schemas.insert("Person".into(), person);
        spec
    }

    #[test]
    fn conforming_values_pass_with_unknown_keys_and_enum_values() {
        let v = json!({"id": "p1", "name": null, "status": "not-listed", "born": "2020-01-01T10:00:00.5+02:00",
            "tags": ["x"], "either": true, "extra": {"anything": 1}});
        assert_eq!(check(&spec(), "Person", &v), Vec::<String>::new());
    }

    #[test]
    fn contradictions_are_named_with_their_path() {
        let v = json!({"name": "n", "age": 1.5, "status": 3, "tags": ["x", null], "born": "2020-01-01 10:00", "either": "s"});
        assert_eq!(
            check(&spec(), "Person", &v),
            [
                "$: required property `id` is missing",
                "$.age: expected an integer, found a fractional number",
                "$.born: \"2020-01-01 10:00\" is not an RFC 3339 date-time",
                "$.status: expected a string (enum), found an integer",
                "$.tags[1]: null where the schema is not nullable",
                "$.either: matches none of the 2 variants (first: $.either: expected an integer, found a string)",
            ]
        );
    }

    #[test]
    fn unknown_keys_are_those_no_schema_defines() {
        let v = json!({"id": "p1", "name": "n", "extra": 1, "tags": ["x"], "either": 3});
        assert_eq!(unknown_keys(&spec(), "Person", &v), ["$.extra"]);
    }

    #[test]
    fn map_members_of_all_of_define_no_keys() {
        // Plaid's `SenderBACSNullable`: allOf [RecipientBACS, {additionalProperties: true}].
        let mut spec = spec();
        let any_map = s(Kind::Map(Box::default()));
        spec.schemas.insert("Extra".into(), any_map.clone());
        spec.schemas.insert("Wrapped".into(), s(Kind::AllOf(vec![s(Kind::Ref("Person".into())), s(Kind::Ref("Extra".into()))])));
        spec.schemas.insert("OnlyMaps".into(), s(Kind::AllOf(vec![any_map])));
        let v = json!({"id": "p1", "name": "n", "account_id": "a1"});
        assert_eq!(unknown_keys(&spec, "Wrapped", &v), ["$.account_id"]);
        assert_eq!(unknown_keys(&spec, "OnlyMaps", &v), ["$.account_id", "$.id", "$.name"]);
    }

    #[test]
    fn dates_are_checked_by_calendar() {
        assert!(is_date("2024-02-29") && !is_date("2023-02-29") && !is_date("2023-13-01") && !is_date("23-01-01"));
        assert!(is_date_time("2023-01-01T00:00:00Z") && is_date_time("2023-01-01T00:00:00.123456-07:00"));
        assert!(!is_date_time("2023-01-01T00:00:00") && !is_date_time("2023-01-01") && !is_date_time("2023-01-01T25:00:00Z"));
    }
}
