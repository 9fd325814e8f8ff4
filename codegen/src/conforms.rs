//! An independent check of a JSON value against an IR schema (types, required, nullable,
//! formats kycgen types, arrays, maps, unions), used to tell a spec example that
//! contradicts its own schema apart from a kycgen bug. Enums are open and unknown keys are
//! fine, as in the generated code.

use crate::ir::{EnumBase, Kind, Object, Schema, Spec, Union};
use crate::resolve::{self, Target, MAX_REF_HOPS};
use serde_json::Value;
use std::collections::BTreeSet;

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
            // `hops` counts `$ref`s followed without descending into the value, so that a
            // cycle through `allOf` or a union ends too.
            Kind::Ref(name) => match resolve::named(self.spec, name) {
                Target::Schema(t) if hops < MAX_REF_HOPS => self.value(t, v, path, hops + 1, out),
                Target::Schema(_) | Target::Endless => out.push(format!("{path}: `$ref` cycle through `{name}`")),
                Target::Unknown(missing) => out.push(format!("{path}: `$ref` to unknown schema `{missing}`")),
            },
            Kind::String { .. } | Kind::Integer { .. } | Kind::Number { .. } | Kind::Boolean | Kind::Enum(_) => out.extend(scalar(&s.kind, v, path)),
            Kind::Array(items) => match v.as_array() {
                None => out.push(wrong_type(path, "an array", v)),
                Some(list) => list.iter().enumerate().for_each(|(i, item)| self.value(items, item, &format!("{path}[{i}]"), 0, out)),
            },
            Kind::Map(values) => match v.as_object() {
                None => out.push(wrong_type(path, "an object", v)),
                Some(map) => map.iter().for_each(|(k, item)| self.value(values, item, &format!("{path}.{k}"), 0, out)),
            },
            Kind::Object(o) => match v.as_object() {
                None => out.push(wrong_type(path, "an object", v)),
                Some(map) => self.object(o, map, path, out),
            },
            Kind::Expandable(obj) => {
                if !v.is_string() {
                    self.value(obj, v, path, hops, out);
                }
            }
            Kind::Union(u) => self.union(u, v, path, hops, out),
            Kind::AllOf(_) if !v.is_object() => out.push(wrong_type(path, "an object", v)),
            Kind::AllOf(members) => members.iter().for_each(|m| self.value(m, v, path, hops, out)),
        }
    }

    /// The properties of an object: each present one checked, each required one present.
    fn object(&self, o: &Object, map: &serde_json::Map<String, Value>, path: &str, out: &mut Vec<String>) {
        for p in &o.properties {
            match map.get(&p.name) {
                Some(item) => self.value(&p.schema, item, &format!("{path}.{}", p.name), 0, out),
                None if p.required => out.push(format!("{path}: required property `{}` is missing", p.name)),
                None => {}
            }
        }
    }

    /// A union: fine if any variant fits; else why the first one does not.
    fn union(&self, u: &Union, v: &Value, path: &str, hops: usize, out: &mut Vec<String>) {
        // With a discriminator, its value names the one variant the value must match.
        let tagged = u.tag.as_ref().and_then(|tag| {
            let value = v.get(&tag.property)?.as_str()?;
            tag.mapping.iter().find(|(k, _)| k == value).and_then(|(_, i)| u.variants.get(*i))
        });
        if let Some(variant) = tagged {
            return self.value(variant, v, path, hops, out);
        }
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
        let why = first.first().map_or("", String::as_str);
        out.push(format!("{path}: matches none of the {} variants (first: {why})", u.variants.len()));
    }

    fn unknown(&self, s: &Schema, v: &Value, path: &str, hops: usize, out: &mut BTreeSet<String>) {
        if hops >= MAX_REF_HOPS {
            return;
        }
        match (&s.kind, v) {
            (Kind::Ref(name), _) => {
                if let Target::Schema(t) = resolve::named(self.spec, name) {
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
            (Kind::AllOf(members), Value::Object(map)) => out.extend(self.unknown_in_all_of(members, map, v, path, hops)),
            (Kind::Union(u), _) => out.extend(self.unknown_in_union(u, v, path, hops)),
            _ => {}
        }
    }

    /// A key is known if any member defines it; nested values are walked in the member
    /// that does. A member that is only a map (`additionalProperties` without
    /// `properties`) defines no key: the generated struct takes no field from it, so with
    /// no other member every key is unknown.
    fn unknown_in_all_of(&self, members: &[Schema], map: &serde_json::Map<String, Value>, v: &Value, path: &str, hops: usize) -> BTreeSet<String> {
        let members: Vec<&Schema> = members.iter().filter(|m| !self.is_map(m)).collect();
        if members.is_empty() {
            return map.keys().map(|k| format!("{path}.{k}")).collect();
        }
        let sets: Vec<BTreeSet<String>> = members.into_iter().map(|m| self.unknown_set(m, v, path, hops)).collect();
        let top = |p: &str| map.keys().any(|k| format!("{path}.{k}") == p);
        let mut merged = intersect(sets.iter().map(|set| set.iter().filter(|p| top(p)).cloned().collect()));
        merged.extend(sets.into_iter().flatten().filter(|p| !top(p)));
        merged
    }

    /// Keys unknown to every variant the value fits (every variant when it fits none).
    fn unknown_in_union(&self, u: &Union, v: &Value, path: &str, hops: usize) -> BTreeSet<String> {
        let fits = |m: &&Schema| {
            let mut errs = Vec::new();
            self.value(m, v, path, hops, &mut errs);
            errs.is_empty()
        };
        let fitting: Vec<&Schema> = u.variants.iter().filter(fits).collect();
        let candidates = if fitting.is_empty() { u.variants.iter().collect() } else { fitting };
        intersect(candidates.into_iter().map(|m| self.unknown_set(m, v, path, hops)))
    }

    fn unknown_set(&self, s: &Schema, v: &Value, path: &str, hops: usize) -> BTreeSet<String> {
        let mut one = BTreeSet::new();
        self.unknown(s, v, path, hops, &mut one);
        one
    }

    /// Whether `s` is a map (following `$ref`s).
    fn is_map(&self, s: &Schema) -> bool {
        matches!(resolve::kind(self.spec, s), Some(Kind::Map(_)))
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
            Kind::Ref(name) => {
                resolve::nullable(self.spec, name) || matches!(resolve::named(self.spec, name), Target::Schema(t) if self.nullable(t, hops + 1))
            }
            Kind::Union(u) => u.variants.iter().any(|m| self.nullable(m, hops + 1)),
            Kind::AllOf(members) => !members.is_empty() && members.iter().all(|m| self.nullable(m, hops + 1)),
            _ => false,
        }
    }
}

/// Why `v` is not a value of a primitive or enum kind, if it is not.
fn scalar(kind: &Kind, v: &Value, path: &str) -> Option<String> {
    let want = match kind {
        Kind::String { format } => {
            let Some(text) = v.as_str() else { return Some(wrong_type(path, "a string", v)) };
            return format_problem(format.as_deref(), text).map(|why| format!("{path}: {why}"));
        }
        Kind::Integer { .. } if !is_integer(v) => "an integer",
        Kind::Number { .. } if !v.is_number() => "a number",
        Kind::Boolean if !v.is_boolean() => "a boolean",
        Kind::Enum(e) if !e.base.fits(v) => match e.base {
            EnumBase::String => "a string (enum)",
            EnumBase::Integer => "an integer (enum)",
            EnumBase::Number => "a number (enum)",
            EnumBase::Boolean => "a boolean (enum)",
            EnumBase::Mixed => " (enum)",
        },
        _ => return None,
    };
    Some(wrong_type(path, want, v))
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
        let status = s(Kind::Enum(Enum { base: EnumBase::String, values: vec![json!("a")], truncated: false, meanings: Default::default() }));
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
            required: Vec::new(),
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
    fn a_discriminator_picks_the_one_variant_to_check() {
        // Onfido's `report`: a value tagged `person` must be a Person, even if it would fit
        // a looser variant (here a map of anything).
        let mut spec = spec();
        let tag = crate::ir::Tag { property: "kind".into(), mapping: vec![("person".into(), 0), ("any".into(), 1)] };
        let union = Union { variants: vec![s(Kind::Ref("Person".into())), s(Kind::Map(Box::default()))], tag: Some(tag), ..Union::default() };
        spec.schemas.insert("Tagged".into(), s(Kind::Union(union)));
        assert_eq!(check(&spec, "Tagged", &json!({"kind": "person", "name": "n"})), ["$: required property `id` is missing"]);
        assert_eq!(check(&spec, "Tagged", &json!({"kind": "any", "name": "n"})), Vec::<String>::new());
        assert_eq!(check(&spec, "Tagged", &json!({"kind": "other", "name": "n"})), Vec::<String>::new(), "an unmapped tag: any variant");
    }

    #[test]
    fn dates_are_checked_by_calendar() {
        assert!(is_date("2024-02-29") && !is_date("2023-02-29") && !is_date("2023-13-01") && !is_date("23-01-01"));
        assert!(is_date_time("2023-01-01T00:00:00Z") && is_date_time("2023-01-01T00:00:00.123456-07:00"));
        assert!(!is_date_time("2023-01-01T00:00:00") && !is_date_time("2023-01-01") && !is_date_time("2023-01-01T25:00:00Z"));
    }
}
