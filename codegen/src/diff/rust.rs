//! The Rust side of a drift report: each spec version lowered as the generator would lower
//! it, so changes can name the Rust item they touch, and renames and shared-enum splits
//! (dedup decisions) show up as changes of their own.

use super::{Change, ChangeKind, Severity};
use crate::config::{CrateConfig, Roots};
use crate::diag::Diagnostics;
use crate::ir::{Kind, Schema, Spec};
use crate::model::{Body, Model, Presence, Ty, TypeDef};
use indexmap::IndexSet;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// One spec version as generated code.
pub(super) struct RustView {
    model: Model,
    /// Schema name or inline path (`Schema.prop`) → index of its type in `model.types`.
    by_source: HashMap<String, usize>,
    /// Source of an enum → the Rust type it is generated as, after dedup.
    enum_of: HashMap<String, String>,
    /// Source of an enum that shares its type → every source sharing it.
    shared: HashMap<String, Vec<String>>,
    /// Schema name → the places (paths) that `$ref` it.
    users: HashMap<String, Vec<String>>,
}

/// A struct field as generated.
pub(super) struct Field {
    /// `Struct.field`
    pub item: String,
    /// The declared type, presence applied: `Option<jiff::Timestamp>`.
    pub ty: String,
    pub presence: Presence,
    /// The struct is a request type (`new()`, `validate()`).
    pub request: bool,
}

impl Field {
    /// Whether the field is a parameter of the struct's `new()` (every struct has one,
    /// taking the fields that must hold a value).
    pub fn in_new(&self) -> bool {
        self.presence == Presence::Required
    }
}

impl RustView {
    /// Lowers `spec` with the roots the patterns match (requests: the config's request roots,
    /// or names ending in `Request` when the config has none) and the config's renames.
    pub fn new(spec: &Spec, roots: &[String], set: &IndexSet<String>, cfg: &CrateConfig) -> Self {
        let matched: Vec<String> = set.iter().filter(|n| roots.iter().any(|r| super::root_matches(r, n))).cloned().collect();
        let is_request = |n: &String| {
            if cfg.roots.is_empty() {
                n.ends_with("Request")
            } else {
                cfg.roots.requests.contains(n)
            }
        };
        let (requests, responses) = matched.into_iter().partition(is_request);
        // The config's operations and webhooks too: they decide which serde impls a type
        // gets (`lower/direction.rs`), so `direction_changed` rows match the vendor's crate.
        let lower_cfg = CrateConfig {
            package: "drift".into(),
            roots: Roots { requests, responses },
            renames: cfg.renames.clone(),
            operations: cfg.operations.clone(),
            all_operations: cfg.all_operations,
            webhooks: cfg.webhooks.clone(),
            ..CrateConfig::default()
        };
        // Problems in the spec are the reader's to report; lowering is best effort here.
        let model = crate::lower::lower(spec, &lower_cfg, "drift", &mut Diagnostics::new());
        let mut view = RustView { model, by_source: HashMap::new(), enum_of: HashMap::new(), shared: HashMap::new(), users: HashMap::new() };
        for (i, t) in view.model.types.iter().enumerate() {
            view.by_source.insert(t.source.clone(), i);
            if let Body::Enum(e) = &t.body {
                view.enum_of.insert(t.source.clone(), t.name.clone());
                for s in &e.shared_by {
                    view.enum_of.insert(s.clone(), t.name.clone());
                    view.shared.insert(s.clone(), e.shared_by.clone());
                }
            }
        }
        for name in set {
            if let Some(s) = spec.schemas.get(name) {
                collect_users(s, name, &mut view.users);
            }
        }
        view
    }

    /// The struct field a path is in: `Schema.prop`, `Schema.prop[]`, `Schema/allOf[1].prop`.
    pub fn field(&self, path: &str) -> Option<Field> {
        let mut p = normalize(path);
        while let Some(rest) = p.strip_suffix("[]").or_else(|| p.strip_suffix("{}")) {
            p = rest.to_string();
        }
        let (parent, wire) = p.rsplit_once('.')?;
        let t = &self.model.types[*self.by_source.get(parent)?];
        let Body::Struct(s) = &t.body else { return None };
        let f = s.fields.iter().find(|f| f.wire == wire)?;
        Some(Field { item: format!("{}.{}", t.name, f.name), ty: field_ty(&f.ty, f.presence), presence: f.presence, request: s.request })
    }

    /// The type generated for a schema or inline path, if it has one of its own.
    pub fn type_def(&self, source: &str) -> Option<&TypeDef> {
        self.by_source.get(&normalize(source)).map(|i| &self.model.types[*i])
    }

    /// The Rust type name a schema or inline path is generated as (shared enums included).
    pub fn type_name(&self, source: &str) -> Option<String> {
        let source = normalize(source);
        self.enum_of.get(&source).cloned().or_else(|| self.type_def(&source).map(|t| t.name.clone()))
    }

    /// Rust variant names of an enum's wire values.
    pub fn variants(&self, source: &str, values: &Value) -> Vec<String> {
        let Some(name) = self.type_name(source) else { return Vec::new() };
        let Some(Body::Enum(e)) = self.model.types.iter().find(|t| t.name == name).map(|t| &t.body) else { return Vec::new() };
        let wanted: Vec<&Value> = values.as_array().map(|a| a.iter().collect()).unwrap_or_default();
        e.variants.iter().filter(|v| wanted.contains(&&v.wire)).map(|v| format!("{name}::{}", v.name)).collect()
    }

    /// The places that `$ref` a schema.
    pub fn users(&self, schema: &str) -> &[String] {
        self.users.get(schema).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Diff paths to lowering sources: union members are `Schema[i]`, `allOf` members merge into
/// their parent.
pub(super) fn normalize(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(i) = rest.find('/') {
        out.push_str(&rest[..i]);
        let seg = &rest[i + 1..];
        let end = seg.find(']').map(|e| e + 1).unwrap_or(seg.len());
        let (member, tail) = seg.split_at(end);
        if let Some(idx) = member.strip_prefix("oneOf").or_else(|| member.strip_prefix("anyOf")) {
            out.push_str(idx);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn collect_users(s: &Schema, path: &str, out: &mut HashMap<String, Vec<String>>) {
    match &s.kind {
        Kind::Ref(n) => out.entry(n.clone()).or_default().push(path.to_string()),
        Kind::Array(i) => collect_users(i, &format!("{path}[]"), out),
        Kind::Map(v) => collect_users(v, &format!("{path}{{}}"), out),
        Kind::Expandable(o) => collect_users(o, path, out),
        Kind::Object(o) => o.properties.iter().for_each(|p| collect_users(&p.schema, &format!("{path}.{}", p.name), out)),
        Kind::Union(u) => {
            let keyword = super::walk::union_keyword(u);
            u.variants.iter().enumerate().for_each(|(i, v)| collect_users(v, &format!("{path}/{keyword}[{i}]"), out));
        }
        Kind::AllOf(list) => list.iter().enumerate().for_each(|(i, v)| collect_users(v, &format!("{path}/allOf[{i}]"), out)),
        _ => {}
    }
}

/// A type as written in the generated crate.
pub(super) fn ty_str(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::I64 => "i64".into(),
        Ty::F64 => "f64".into(),
        Ty::Bool => "bool".into(),
        Ty::Date => "jiff::civil::Date".into(),
        Ty::DateTime => "jiff::Timestamp".into(),
        Ty::UnixTime => "UnixTime".into(),
        Ty::File => "FileUpload".into(),
        Ty::Json => "serde_json::Value".into(),
        Ty::Named(n) => n.clone(),
        Ty::Boxed(t) => format!("Box<{}>", ty_str(t)),
        Ty::Vec(t) => format!("Vec<{}>", ty_str(t)),
        Ty::Map(t) => format!("BTreeMap<String, {}>", ty_str(t)),
        Ty::Option(t) => format!("Option<{}>", ty_str(t)),
        Ty::Expandable(t) => format!("Expandable<{}>", ty_str(t)),
        Ty::Pii(t) => format!("Pii<{}>", ty_str(t)),
    }
}

/// A field's declared type: `Option<T>` when optional or required-nullable, `Nullable<T>`
/// when both optional and nullable.
pub(super) fn field_ty(ty: &Ty, presence: Presence) -> String {
    match presence {
        Presence::Required => ty_str(ty),
        Presence::Optional | Presence::RequiredNullable => format!("Option<{}>", ty_str(ty)),
        Presence::OptionalNullable => format!("Nullable<{}>", ty_str(ty)),
    }
}

/// Changes in the generated names themselves: shared enums that split, and types, fields and
/// variants whose Rust name changed between the two versions.
pub(super) fn renames(old: &RustView, new: &RustView) -> Vec<Change> {
    let mut out = Vec::new();
    let mut split: Vec<String> = Vec::new();
    let shared: BTreeMap<&String, &Vec<String>> = old.shared.iter().collect();
    for (source, members) in shared {
        let (Some(was), Some(is)) = (old.enum_of.get(source), new.enum_of.get(source)) else { continue };
        let now: Vec<String> = new.shared.get(source).cloned().unwrap_or_else(|| vec![source.clone()]);
        let left: Vec<&String> = members.iter().filter(|m| *m != source && new.enum_of.contains_key(*m) && !now.contains(m)).collect();
        if left.is_empty() || was == is {
            continue;
        }
        split.push(source.clone());
        let others: Vec<String> = left.iter().map(|m| format!("`{m}`")).collect();
        out.push(change(
            ChangeKind::SharedTypeSplit,
            source,
            json!(was),
            json!(is),
            Severity::Breaking,
            format!("`{source}` no longer shares `{was}` (with {}): it is generated as `{is}`", others.join(", ")),
        ));
    }
    let sources: BTreeMap<&String, String> =
        old.by_source.keys().chain(old.enum_of.keys()).filter_map(|s| old.type_name(s).map(|n| (s, n))).collect();
    for (source, was) in sources {
        let Some(is) = new.type_name(source) else { continue };
        if is == was || split.contains(source) {
            continue;
        }
        let rule = format!("`{was}` → `{is}`: the type is renamed");
        out.push(change(ChangeKind::RustNameChanged, source, json!(was), json!(is), Severity::Breaking, rule));
    }
    for (source, &i) in &old.by_source {
        let Some(&j) = new.by_source.get(source) else { continue };
        match (&old.model.types[i].body, &new.model.types[j].body) {
            (Body::Struct(a), Body::Struct(b)) => {
                for fa in &a.fields {
                    if let Some(fb) = b.fields.iter().find(|f| f.wire == fa.wire && f.name != fa.name) {
                        let t = &new.model.types[j].name;
                        let rule = format!("`{t}.{}` → `{t}.{}`: the field is renamed", fa.name, fb.name);
                        out.push(change(ChangeKind::RustNameChanged, &format!("{source}.{}", fa.wire), json!(fa.name), json!(fb.name), Severity::Breaking, rule));
                    }
                }
            }
            (Body::Enum(a), Body::Enum(b)) => {
                for va in &a.variants {
                    if let Some(vb) = b.variants.iter().find(|v| v.wire == va.wire && v.name != va.name) {
                        let t = &new.model.types[j].name;
                        let rule = format!("`{t}::{}` → `{t}::{}`: the variant is renamed", va.name, vb.name);
                        out.push(change(ChangeKind::RustNameChanged, source, json!(va.name), json!(vb.name), Severity::Breaking, rule));
                    }
                }
            }
            _ => {}
        }
    }
    out.sort_by(|a, b| (&a.path, a.kind).cmp(&(&b.path, b.kind)));
    out
}

/// Structs whose request role changed: one reached from a request root has `new()` (or
/// `Default` when nothing is required) and `validate()`; one that is no longer loses them.
pub(super) fn request_roles(old: &RustView, new: &RustView) -> Vec<Change> {
    let mut out = Vec::new();
    let sources: BTreeMap<&String, &usize> = old.by_source.iter().collect();
    for (source, &i) in sources {
        let Some(&j) = new.by_source.get(source) else { continue };
        let (Body::Struct(a), Body::Struct(b)) = (&old.model.types[i].body, &new.model.types[j].body) else { continue };
        if a.request == b.request {
            continue;
        }
        let t = &new.model.types[j].name;
        let (severity, rule) = if a.request {
            (Severity::Breaking, format!("`{t}` is no longer reached from a request: `{t}::new()` and `validate()` go"))
        } else {
            (Severity::Additive, format!("`{t}` is now reached from a request: it gains `new()` and `validate()`"))
        };
        out.push(change(ChangeKind::RequestRoleChanged, source, json!(a.request), json!(b.request), severity, rule));
    }
    out.sort_by(|a, b| (&a.path, a.kind).cmp(&(&b.path, b.kind)));
    out
}

/// `From` impls between structs of one shape that one version generates and the other does
/// not (`lower/conversions.rs`): a removed one breaks code that converted, an added one is
/// new API. Rows sit at the target type's source; pairs whose types are not in both
/// versions are left to the rows of the types themselves.
pub(super) fn conversions(old: &RustView, new: &RustView) -> Vec<Change> {
    let exists = |v: &RustView, name: &str| v.model.types.iter().any(|t| t.name == name);
    let pairs = |v: &RustView| -> BTreeMap<(String, String), String> {
        let source = |name: &str| v.model.types.iter().find(|t| t.name == name).map(|t| t.source.clone()).unwrap_or_default();
        let both = |c: &&crate::model::Conversion| [&c.from, &c.to].iter().all(|n| exists(old, n) && exists(new, n));
        v.model.conversions.iter().filter(both).map(|c| ((c.to.clone(), c.from.clone()), source(&c.to))).collect()
    };
    let (was, is) = (pairs(old), pairs(new));
    let mut out = Vec::new();
    for ((to, from), source) in was.iter().filter(|(k, _)| !is.contains_key(*k)) {
        let rule = format!("`impl From<{from}> for {to}` is no longer generated: the fields of `{to}` are no longer most of `{from}`'s, with equal types");
        out.push(change(ChangeKind::ConversionRemoved, source, json!(format!("From<{from}> for {to}")), Value::Null, Severity::Breaking, rule));
    }
    for ((to, from), source) in is.iter().filter(|(k, _)| !was.contains_key(*k)) {
        let rule = format!("`impl From<{from}> for {to}` is generated: the two structs now share `{to}`'s fields");
        out.push(change(ChangeKind::ConversionAdded, source, Value::Null, json!(format!("From<{from}> for {to}")), Severity::Additive, rule));
    }
    out
}

/// Structs and unions whose direction changed (`lower/direction.rs`): a serde impl that
/// now needs a feature breaks code that used it without one; one that no longer needs it is
/// new API. One row per type, at its source.
pub(super) fn directions(old: &RustView, new: &RustView) -> Vec<Change> {
    let mut out = Vec::new();
    let sources: BTreeMap<&String, &usize> = old.by_source.iter().collect();
    for (source, &i) in sources {
        let Some(&j) = new.by_source.get(source) else { continue };
        let (a, b) = (&old.model.types[i], &new.model.types[j]);
        let impls = |t: &TypeDef| [("Serialize", t.serialize_feature()), ("Deserialize", t.deserialize_feature())];
        let (mut lost, mut gained) = (Vec::new(), Vec::new());
        for ((name, was), (_, is)) in impls(a).into_iter().zip(impls(b)) {
            match (was, is) {
                (None, Some(f)) => lost.push(format!("`{name}` now needs the `{f}` feature")),
                (Some(_), None) => gained.push(format!("`{name}` needs no feature any more")),
                _ => {}
            }
        }
        if lost.is_empty() && gained.is_empty() {
            continue;
        }
        let severity = if lost.is_empty() { Severity::Additive } else { Severity::Breaking };
        let rule = format!("`{}` is {} now: {}", b.name, direction_words(b.direction), lost.into_iter().chain(gained).collect::<Vec<_>>().join("; "));
        out.push(change(ChangeKind::DirectionChanged, source, json!(a.direction), json!(b.direction), severity, rule));
    }
    out
}

fn direction_words(d: crate::model::Direction) -> &'static str {
    match d {
        crate::model::Direction::Both => "sent and received",
        crate::model::Direction::Sent => "only sent",
        crate::model::Direction::Received => "only received",
    }
}

fn change(kind: ChangeKind, path: &str, old: Value, new: Value, severity: Severity, rust: String) -> Change {
    let schema = path.split(['.', '[', '{', '/']).next().unwrap_or(path).to_string();
    Change { kind, schema, path: path.to_string(), old, new, severity, rust, existed_in_old_spec: None, moved_refs: Vec::new() }
}
