//! The structural comparison: two IR specs walked side by side over the schemas of both
//! subsets, each difference recorded at its path. Severity and Rust names come later.

use super::{compose, Change, ChangeKind, Severity};
use crate::ir::{Enum, Kind, Limits, Object, Schema, Spec, Union};
use indexmap::IndexSet;
use serde_json::{json, Value};

/// Every change between the subsets: removed schemas first, then the new spec's schemas in
/// order (added ones, or compared with their old version).
pub(super) fn changes(old: &Spec, new: &Spec, old_set: &IndexSet<String>, new_set: &IndexSet<String>) -> Vec<Change> {
    let mut w = Walker { old, new, schema: String::new(), out: Vec::new() };
    for name in old_set.iter().filter(|n| !new_set.contains(*n)) {
        w.schema = name.clone();
        w.push(ChangeKind::SchemaRemoved, name, json!(summary(&old.schemas[name])), Value::Null);
    }
    for name in new_set {
        w.schema = name.clone();
        match (old_set.contains(name), old.schemas.get(name)) {
            (true, Some(o)) => w.node(o, &new.schemas[name], name),
            (_, existed) => {
                w.push(ChangeKind::SchemaAdded, name, Value::Null, json!(summary(&new.schemas[name])));
                if let Some(c) = w.out.last_mut() {
                    c.existed_in_old_spec = Some(existed.is_some());
                }
            }
        }
    }
    w.out
}

struct Walker<'a> {
    old: &'a Spec,
    new: &'a Spec,
    schema: String,
    out: Vec<Change>,
}

impl Walker<'_> {
    fn push(&mut self, kind: ChangeKind, path: &str, old: Value, new: Value) {
        self.out.push(Change {
            kind,
            schema: self.schema.clone(),
            path: path.to_string(),
            old,
            new,
            severity: Severity::Docs,
            rust: String::new(),
            existed_in_old_spec: None,
            moved_refs: Vec::new(),
        });
    }

    fn node(&mut self, o: &Schema, n: &Schema, path: &str) {
        if o.docs != n.docs {
            let text = |s: &Schema| json!(s.docs.description.as_deref().or(s.docs.title.as_deref()));
            self.push(ChangeKind::DocsChanged, path, text(o), text(n));
        }
        if o.deprecated != n.deprecated {
            self.push(ChangeKind::DeprecatedChanged, path, json!(o.deprecated), json!(n.deprecated));
        }
        if o.nullable != n.nullable {
            self.push(ChangeKind::NullableChanged, path, json!(o.nullable), json!(n.nullable));
        }
        self.limits(&o.limits, &n.limits, path);
        // Across a `$ref` ↔ inline switch an enum's `type` is reported with the switch.
        let switch = matches!(o.kind, Kind::Ref(_)) != matches!(n.kind, Kind::Ref(_));
        self.keywords(o, n, path, switch);
        match (&o.kind, &n.kind) {
            (Kind::Ref(a), Kind::Ref(b)) if a != b => self.push(ChangeKind::RefChanged, path, json!(a), json!(b)),
            (Kind::Ref(a), Kind::Ref(_)) => {
                // Same target: its nullability (through `$ref` chains) decides the field type.
                let (was, is) = (crate::resolve::nullable(self.old, a), crate::resolve::nullable(self.new, a));
                if !o.nullable && !n.nullable && was != is {
                    self.push(ChangeKind::EffectiveNullableChanged, path, json!(was), json!(is));
                }
            }
            (Kind::String { format: a }, Kind::String { format: b })
            | (Kind::Integer { format: a }, Kind::Integer { format: b })
            | (Kind::Number { format: a }, Kind::Number { format: b }) => {
                if a != b {
                    self.push(ChangeKind::FormatChanged, path, json!(a), json!(b));
                }
            }
            (Kind::Any, Kind::Any) | (Kind::Boolean, Kind::Boolean) => {}
            (Kind::Enum(a), Kind::Enum(b)) => self.enumeration(a, b, path),
            (Kind::Array(a), Kind::Array(b)) => self.node(a, b, &format!("{path}[]")),
            (Kind::Map(a), Kind::Map(b)) => self.node(a, b, &format!("{path}{{}}")),
            (Kind::Expandable(a), Kind::Expandable(b)) => self.node(a, b, path),
            (Kind::Object(a), Kind::Object(b)) => self.object(a, b, path),
            (Kind::Union(a), Kind::Union(b)) => {
                if a.any_of != b.any_of {
                    self.push(ChangeKind::OtherChanged, path, one("composition", json!(union_keyword(a))), one("composition", json!(union_keyword(b))));
                }
                self.discriminator(a, b, path);
                self.members(&a.variants, &b.variants, path, union_keyword(b));
            }
            (Kind::AllOf(a), Kind::AllOf(b)) => self.members(a, b, path, "allOf"),
            (Kind::Ref(_), _) | (_, Kind::Ref(_)) => self.ref_or_inline(o, n, path),
            _ => self.push(ChangeKind::TypeChanged, path, json!(summary(o)), json!(summary(n))),
        }
    }

    fn object(&mut self, o: &Object, n: &Object, path: &str) {
        for p in o.properties.iter().filter(|p| !n.properties.iter().any(|q| q.name == p.name)) {
            self.push(ChangeKind::PropertyRemoved, &format!("{path}.{}", p.name), json!(property_summary(p)), Value::Null);
        }
        for np in &n.properties {
            let at = format!("{path}.{}", np.name);
            match o.properties.iter().find(|p| p.name == np.name) {
                None => self.push(ChangeKind::PropertyAdded, &at, Value::Null, json!(property_summary(np))),
                Some(op) => {
                    if op.required != np.required {
                        self.push(ChangeKind::RequiredChanged, &at, json!(op.required), json!(np.required));
                    }
                    self.node(&op.schema, &np.schema, &at);
                }
            }
        }
    }

    /// A node switching between a `$ref` and an inline schema: a `ref_changed` with one side
    /// null, and the inline side's type or enum values appearing or disappearing (the truth
    /// files' `inline_vs_ref` convention).
    fn ref_or_inline(&mut self, o: &Schema, n: &Schema, path: &str) {
        let target = |s: &Schema| match &s.kind {
            Kind::Ref(r) => json!(r),
            _ => Value::Null,
        };
        self.push(ChangeKind::RefChanged, path, target(o), target(n));
        let (inline, appeared) = if matches!(o.kind, Kind::Ref(_)) { (n, true) } else { (o, false) };
        let mut rows = Vec::new();
        match &inline.kind {
            Kind::Any => {}
            Kind::Enum(e) => {
                if let Some(t) = inline.keywords.get("type") {
                    rows.push((ChangeKind::TypeChanged, t.clone()));
                }
                rows.push((if appeared { ChangeKind::EnumValuesAdded } else { ChangeKind::EnumValuesRemoved }, json!(e.values)));
            }
            _ => rows.push((ChangeKind::TypeChanged, json!(summary(inline)))),
        }
        for (kind, v) in rows {
            let (a, b) = if appeared { (Value::Null, v) } else { (v, Value::Null) };
            self.push(kind, path, a, b);
        }
    }

    /// Members matched by identity: the same member is compared at its new index; one added
    /// or removed is one row at the composition node, naming it.
    fn members(&mut self, o: &[Schema], n: &[Schema], path: &str, keyword: &str) {
        for pair in compose::match_members(o, n) {
            match pair {
                (Some(i), Some(j)) => self.node(&o[i], &n[j], &format!("{path}/{keyword}[{j}]")),
                (Some(i), None) => self.push(ChangeKind::MemberRemoved, path, json!(compose::member_name(&o[i])), Value::Null),
                (None, Some(j)) => self.push(ChangeKind::MemberAdded, path, Value::Null, json!(compose::member_name(&n[j]))),
                (None, None) => {}
            }
        }
    }

    /// The discriminator's property, and its mapping compared as tag value → member.
    fn discriminator(&mut self, a: &Union, b: &Union, path: &str) {
        let property = |u: &Union| u.tag.as_ref().map(|t| t.property.clone());
        if property(a) != property(b) {
            self.push(ChangeKind::OtherChanged, path, one("tag", json!(property(a))), one("tag", json!(property(b))));
        }
        let (Some(ta), Some(tb)) = (&a.tag, &b.tag) else { return };
        let names = |u: &Union| u.variants.iter().map(compose::member_name).collect::<Vec<_>>();
        let (na, nb) = (names(a), names(b));
        let kept = |m: &str| na.iter().any(|x| x == m) && nb.iter().any(|x| x == m);
        for (value, was, is) in compose::mapping_changes(&compose::mapping(ta, &a.variants), &compose::mapping(tb, &b.variants), &kept) {
            self.push(ChangeKind::OtherChanged, path, one("mapping", json!({ value.clone(): was })), one("mapping", json!({ value: is })));
        }
    }

    fn enumeration(&mut self, a: &Enum, b: &Enum, path: &str) {
        if a.base != b.base {
            self.push(ChangeKind::TypeChanged, path, json!(format!("enum of {}", a.base)), json!(format!("enum of {}", b.base)));
            return;
        }
        let removed: Vec<&Value> = a.values.iter().filter(|v| !b.values.contains(v)).collect();
        let added: Vec<&Value> = b.values.iter().filter(|v| !a.values.contains(v)).collect();
        if !removed.is_empty() {
            self.push(ChangeKind::EnumValuesRemoved, path, json!(removed), Value::Null);
        }
        if !added.is_empty() {
            self.push(ChangeKind::EnumValuesAdded, path, Value::Null, json!(added));
        }
        if a.truncated != b.truncated {
            self.push(ChangeKind::OtherChanged, path, json!({"truncated": a.truncated}), json!({"truncated": b.truncated}));
        }
    }

    /// Keywords kept as written: `type` on an enum is a type change, `format` a format
    /// change, the rest other changes, each at the node.
    fn keywords(&mut self, o: &Schema, n: &Schema, path: &str, skip_type: bool) {
        let mut keys: Vec<&String> = o.keywords.keys().chain(n.keywords.keys()).filter(|k| !(skip_type && *k == "type")).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (a, b) = (o.keywords.get(key), n.keywords.get(key));
            if a == b {
                continue;
            }
            let kind = match key.as_str() {
                "type" => ChangeKind::TypeChanged,
                "format" => ChangeKind::FormatChanged,
                _ => ChangeKind::OtherChanged,
            };
            self.push(kind, path, one(key, json!(a)), one(key, json!(b)));
        }
    }

    fn limits(&mut self, o: &Limits, n: &Limits, path: &str) {
        if o.max_length != n.max_length {
            self.push(ChangeKind::MaxLengthChanged, path, json!(o.max_length), json!(n.max_length));
        }
        if o.min_length != n.min_length {
            self.push(ChangeKind::MinLengthChanged, path, json!(o.min_length), json!(n.min_length));
        }
        if o.pattern != n.pattern {
            self.push(ChangeKind::PatternChanged, path, json!(o.pattern), json!(n.pattern));
        }
        let others = |l: &Limits| {
            [
                ("minimum", json!(l.minimum)),
                ("maximum", json!(l.maximum)),
                ("exclusiveMinimum", json!(l.exclusive_minimum)),
                ("exclusiveMaximum", json!(l.exclusive_maximum)),
                ("minItems", json!(l.min_items)),
                ("maxItems", json!(l.max_items)),
                ("uniqueItems", json!(l.unique_items)),
            ]
        };
        for ((key, a), (_, b)) in others(o).into_iter().zip(others(n)) {
            if a != b {
                self.push(ChangeKind::OtherChanged, path, one(key, a), one(key, b));
            }
        }
    }
}

/// `anyOf` or `oneOf`, as the spec spells the union.
pub(super) fn union_keyword(u: &Union) -> &'static str {
    if u.any_of {
        "anyOf"
    } else {
        "oneOf"
    }
}

fn one(key: &str, v: Value) -> Value {
    let mut m = serde_json::Map::new();
    m.insert(key.to_string(), v);
    Value::Object(m)
}

/// A schema in a few words: `string (date-time)`, `Region`, `array of Region`, `object`.
pub(super) fn summary(s: &Schema) -> String {
    let base = match &s.kind {
        Kind::Any => "any".to_string(),
        Kind::Ref(n) => n.clone(),
        Kind::String { format } => with_format("string", format),
        Kind::Integer { format } => with_format("integer", format),
        Kind::Number { format } => with_format("number", format),
        Kind::Boolean => "boolean".into(),
        Kind::Enum(e) => format!("enum of {}", e.base),
        Kind::Array(i) => format!("array of {}", summary(i)),
        Kind::Map(v) => format!("map of {}", summary(v)),
        Kind::Expandable(o) => format!("expandable {}", summary(o)),
        Kind::Object(_) => "object".into(),
        Kind::Union(_) => "oneOf".into(),
        Kind::AllOf(_) => "allOf".into(),
    };
    if s.nullable {
        format!("{base}, nullable")
    } else {
        base
    }
}

fn with_format(t: &str, format: &Option<String>) -> String {
    match format {
        Some(f) => format!("{t} ({f})"),
        None => t.to_string(),
    }
}

fn property_summary(p: &crate::ir::Property) -> String {
    format!("{}{}", summary(&p.schema), if p.required { ", required" } else { "" })
}
