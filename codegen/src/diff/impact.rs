//! Semver rules: what each spec change does to the generated crate (open, non_exhaustive
//! enums and structs; `new()` of every struct, `validate()` of requests), stated per change.

use super::rust::{Field, RustView};
use super::{Change, ChangeKind, Severity};
use serde_json::Value;

/// Fills in `severity` and `rust` for every structural change.
pub(super) fn assess(raw: Vec<Change>, old: &RustView, new: &RustView) -> Vec<Change> {
    raw.into_iter()
        .map(|mut c| {
            let (severity, rust) = super::compose::also_merged(&c, old, new, rule(&c, old, new));
            c.severity = severity;
            c.rust = rust;
            c
        })
        .collect()
}

fn rule(c: &Change, old: &RustView, new: &RustView) -> (Severity, String) {
    use ChangeKind::*;
    if matches!(c.kind, TypeChanged | FormatChanged) && c.old.is_object() {
        return keyword(c);
    }
    match c.kind {
        DeprecatedChanged => deprecated(c, new),
        DocsChanged => {
            let item = new.field(&c.path).map(|f| f.item).or_else(|| new.type_name(&c.path));
            (Severity::Docs, item.map(|i| format!("doc comment of `{i}`")).unwrap_or_else(|| "doc comments only".into()))
        }
        SchemaAdded => match (new.type_def(&c.path).map(|t| t.name.clone()), new.type_name(&c.path)) {
            (Some(own), Some(shared)) if own != shared => {
                (Severity::Additive, format!("new `type {own} = {shared}` (identical enums share one type)"))
            }
            (None, Some(shared)) => (Severity::Additive, format!("no type of its own: uses `{shared}` (identical enums share one type)")),
            (_, Some(t)) => (Severity::Additive, format!("new type `{t}`")),
            (_, None) => (Severity::Additive, "no type of its own: used inline where referenced".into()),
        },
        SchemaRemoved => match old.type_name(&c.path) {
            Some(t) => (Severity::Breaking, format!("type `{t}` is removed")),
            None => (Severity::Docs, "had no type of its own: the fields that used it are listed separately".into()),
        },
        PropertyAdded => match new.field(&c.path) {
            Some(f) if f.in_new() => {
                let (ty, name) = (&f.ty, f.item.rsplit('.').next().unwrap_or(""));
                let strukt = f.item.split('.').next().unwrap_or("");
                (Severity::Breaking, format!("`{strukt}::new()` gains the parameter `{name}: {ty}` (a required field)"))
            }
            Some(f) => (Severity::Additive, format!("new field `{}`: `{}`", f.item, f.ty)),
            None => (Severity::Additive, "new property".into()),
        },
        PropertyRemoved => match old.field(&c.path) {
            Some(f) => (Severity::Breaking, format!("field `{}` is removed", f.item)),
            None => (Severity::Breaking, "property removed".into()),
        },
        EnumValuesAdded => enum_values(c, new, "added", Severity::Additive),
        EnumValuesRemoved => enum_values(c, old, "removed", Severity::Breaking),
        MaxLengthChanged | MinLengthChanged | PatternChanged => limit(c, old, new),
        OtherChanged => other(c, old, new),
        MemberAdded | MemberRemoved => super::compose::member_rule(c, old, new),
        RequiredChanged | NullableChanged | EffectiveNullableChanged | TypeChanged | FormatChanged | RefChanged => types(c, old, new),
        SchemaRenamed | RustNameChanged | RequestRoleChanged | SharedTypeSplit | MergedFieldAdded | MergedFieldRemoved | MergedFieldChanged | ConversionAdded | ConversionRemoved | DirectionChanged => (c.severity, c.rust.clone()),
    }
}

fn enum_values(c: &Change, view: &RustView, verb: &str, severity: Severity) -> (Severity, String) {
    let values = if c.new.is_null() { &c.old } else { &c.new };
    let variants = view.variants(&c.path, values);
    if variants.is_empty() {
        let ty = view.field(&c.path).map(|f| format!("`{}`: `{}`", f.item, f.ty));
        return (Severity::Docs, format!("not generated as an enum{}", ty.map(|t| format!(" ({t})")).unwrap_or_default()));
    }
    let list: Vec<String> = variants.iter().map(|v| format!("`{v}`")).collect();
    let why = if severity == Severity::Additive { " (open, non_exhaustive enum)" } else { "" };
    (severity, format!("{} {verb}{why}", list.join(", ")))
}

/// A change that can alter a field's type or presence. Where the path is a field, its Rust
/// type before and after decides; for a schema used inline, the fields that use it do.
fn types(c: &Change, old: &RustView, new: &RustView) -> (Severity, String) {
    if let (Some(a), Some(b)) = (old.field(&c.path), new.field(&c.path)) {
        return field_rule(&a, &b).unwrap_or((Severity::Docs, format!("`{}`: `{}` (unchanged)", b.item, b.ty)));
    }
    let mut worst = Severity::Docs;
    let mut notes = Vec::new();
    if let (Some(a), Some(b)) = (old.type_def(&c.path), new.type_def(&c.path)) {
        if body_kind(&a.body) != body_kind(&b.body) {
            worst = Severity::Breaking;
            notes.push(format!("`{}`: {} → {}", b.name, body_kind(&a.body), body_kind(&b.body)));
        }
    }
    let mut users: Vec<&String> = new.users(&c.schema).iter().chain(old.users(&c.schema)).collect();
    users.sort();
    users.dedup();
    for u in users {
        if let (Some(a), Some(b)) = (old.field(u), new.field(u)) {
            if let Some((s, note)) = field_rule(&a, &b) {
                worst = worst.min(s);
                notes.push(note);
            }
        }
    }
    if notes.is_empty() {
        return (Severity::Docs, "no generated type changes".into());
    }
    let more = notes.len().saturating_sub(4);
    notes.truncate(4);
    if more > 0 {
        notes.push(format!("and {more} more"));
    }
    (worst, notes.join("; "))
}

/// The rule for one field whose spec changed: `None` when the generated field is the same.
pub(super) fn field_rule(a: &Field, b: &Field) -> Option<(Severity, String)> {
    let strukt = b.item.split('.').next().unwrap_or("");
    let verb = if b.in_new() { "gains" } else { "loses" };
    let new_fn = format!("`{strukt}::new()` {verb} the parameter for `{}`", b.item);
    if a.ty != b.ty {
        let also = if a.in_new() == b.in_new() { String::new() } else { format!("; {new_fn}") };
        return Some((Severity::Breaking, format!("`{}`: `{}` → `{}`{also}", b.item, a.ty, b.ty)));
    }
    if a.in_new() != b.in_new() {
        return Some((Severity::Breaking, new_fn));
    }
    if a.presence != b.presence {
        use crate::model::Presence::*;
        // Only a field that must hold a value fails to parse when its key is missing.
        let must_be_present = |f: &Field| f.presence == Required;
        return Some(if must_be_present(b) && !must_be_present(a) {
            (Severity::Breaking, format!("`{}`: `{}`, now required on the wire: payloads without it are rejected", b.item, b.ty))
        } else {
            (Severity::Additive, format!("`{}`: `{}`, may now be absent on the wire", b.item, b.ty))
        });
    }
    None
}

fn body_kind(b: &crate::model::Body) -> &'static str {
    match b {
        crate::model::Body::Struct(_) => "struct",
        crate::model::Body::Enum(_) => "enum",
        crate::model::Body::Alias(_) | crate::model::Body::Container(_) => "type alias",
        crate::model::Body::Union(_) => "union enum",
    }
}

/// Length and pattern limits: checked by `validate()` on requests only, so tighter is
/// breaking there and looser additive; on responses they are doc comments.
fn limit(c: &Change, old: &RustView, new: &RustView) -> (Severity, String) {
    let tighter = match c.kind {
        ChangeKind::MaxLengthChanged => tighter_max(&c.old, &c.new),
        ChangeKind::MinLengthChanged => tighter_min(&c.old, &c.new),
        _ => !c.new.is_null(),
    };
    limit_rule(c, old, new, tighter)
}

fn other(c: &Change, old: &RustView, new: &RustView) -> (Severity, String) {
    let (Some((key, a)), Some((_, b))) = (first(&c.old), first(&c.new)) else {
        return (Severity::Docs, "no generated type changes".into());
    };
    let tighter = match key {
        "minimum" | "minItems" => tighter_min(a, b),
        "maximum" | "maxItems" => tighter_max(a, b),
        "exclusiveMinimum" | "exclusiveMaximum" | "uniqueItems" => b == &Value::Bool(true),
        "tag" => return (Severity::Breaking, "the union's tag property changed: payloads select variants differently".into()),
        "mapping" if first(a).is_some_and(|(_, v)| v.is_null()) => return (Severity::Additive, "a new tag value selects a variant (it was the catch-all before)".into()),
        "mapping" => return (Severity::Breaking, "a tag value selects another variant, or none: payloads deserialize differently".into()),
        "default" | "readOnly" | "writeOnly" | "multipleOf" | "const" | "additionalProperties" | "composition" => return keyword(c),
        _ => return (Severity::Docs, format!("`{key}` changed: doc comments only")),
    };
    limit_rule(c, old, new, tighter)
}

/// What generation makes of `deprecated`: the line "Deprecated by the vendor." in the doc
/// comment of a struct or a field, and nothing for other types. (No `#[deprecated]`
/// attribute, which the crate's own impls of the item would trip over.)
fn deprecated(c: &Change, new: &RustView) -> (Severity, String) {
    let verb = if c.new == Value::Bool(true) { "gains" } else { "loses" };
    let item = new.field(&c.path).map(|f| f.item).or_else(|| {
        let t = new.type_def(&c.path)?;
        matches!(t.body, crate::model::Body::Struct(_)).then(|| t.name.clone())
    });
    match item {
        Some(i) => (Severity::Docs, format!("doc comment of `{i}` {verb} \"Deprecated by the vendor.\"")),
        None => (Severity::None, "`deprecated` only: kycgen notes it on structs and fields, not on enums or aliases".into()),
    }
}

/// A keyword the generated code does not act on: reported, with no effect.
fn keyword(c: &Change) -> (Severity, String) {
    let key = first(&c.old).or(first(&c.new)).map(|(k, _)| k).unwrap_or("keyword");
    let why = match key {
        "default" => "kycgen does not generate defaults: `new()` and deserialization are unchanged",
        "readOnly" | "writeOnly" => "kycgen sends and reads every field: no generated code changes",
        "multipleOf" => "`validate()` does not check `multipleOf`: no generated code changes",
        "const" => "a `const` is read as a one-value enum, which the enum rows cover",
        "additionalProperties" => "unknown keys are ignored and maps take any key: no generated code changes",
        "type" => "the kind read is unchanged (an enum's values decide its type)",
        "composition" => "`oneOf` and `anyOf` are generated as the same union",
        _ => "the kind read is unchanged",
    };
    (Severity::None, format!("`{key}` only: {why}"))
}

fn limit_rule(c: &Change, old: &RustView, new: &RustView, tighter: bool) -> (Severity, String) {
    let field = new.field(&c.path).or_else(|| old.field(&c.path));
    let request = field.as_ref().map(|f| f.request).unwrap_or_else(|| {
        new.users(&c.schema).iter().any(|u| new.field(u).is_some_and(|f| f.request))
    });
    let item = field.map(|f| format!("`{}`", f.item)).unwrap_or_else(|| format!("`{}`", c.path));
    match (request, tighter) {
        (true, true) => (Severity::Breaking, format!("{item}: `validate()` rejects values it accepted before")),
        (true, false) => (Severity::Additive, format!("{item}: `validate()` accepts more values")),
        (false, _) => (Severity::Docs, format!("{item}: doc comment only (responses are never rejected)")),
    }
}

fn first(v: &Value) -> Option<(&str, &Value)> {
    v.as_object()?.iter().next().map(|(k, v)| (k.as_str(), v))
}

fn tighter_max(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (None, Some(_)) => true,
        (Some(x), Some(y)) => y < x,
        _ => false,
    }
}

fn tighter_min(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (None, Some(_)) => true,
        (Some(x), Some(y)) => y > x,
        _ => false,
    }
}
