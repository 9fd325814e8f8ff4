//! Composition drift: `allOf`/`oneOf`/`anyOf` members matched by identity (a `$ref` by its
//! target, an inline member by its shape, else by its place among inline members), and the
//! consequence of a member added or removed on the generated type: the fields a merged
//! struct gains, loses or changes, or the variants a union gains or loses.

use super::rust::{field_ty, RustView};
use super::{Change, ChangeKind, Severity};
use crate::ir::{Kind, Schema, Tag};
use crate::model::{Body, FieldDef, StructDef};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Old and new members paired: `(Some(i), Some(j))` the same member, `(Some(i), None)`
/// removed, `(None, Some(j))` added. Removed first, then the new list in order.
pub(super) fn match_members(old: &[Schema], new: &[Schema]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    // `$ref` members by target, inline members by identical shape.
    for (j, n) in new.iter().enumerate() {
        let same = |o: &Schema| match (&o.kind, &n.kind) {
            (Kind::Ref(a), Kind::Ref(b)) => a == b,
            (Kind::Ref(_), _) | (_, Kind::Ref(_)) => false,
            _ => shape(o) == shape(n),
        };
        if let Some(i) = (0..old.len()).find(|&i| !taken[i] && same(&old[i])) {
            taken[i] = true;
            partner[j] = Some(i);
        }
    }
    // Inline members whose shape changed: by their order among the unmatched inline ones.
    let inline = |s: &Schema| !matches!(s.kind, Kind::Ref(_));
    let mut spare = (0..old.len()).filter(|&i| !taken[i] && inline(&old[i])).collect::<Vec<_>>().into_iter();
    let unmatched: Vec<usize> = (0..new.len()).filter(|&j| partner[j].is_none() && inline(&new[j])).collect();
    for j in unmatched {
        if let Some(i) = spare.next() {
            taken[i] = true;
            partner[j] = Some(i);
        }
    }
    let mut out: Vec<(Option<usize>, Option<usize>)> = (0..old.len()).filter(|&i| !taken[i]).map(|i| (Some(i), None)).collect();
    out.extend(partner.into_iter().enumerate().map(|(j, i)| (i, Some(j))));
    out
}

/// A schema's shape: everything but its place in the source.
fn shape(s: &Schema) -> Value {
    serde_json::to_value(s).unwrap_or(Value::Null)
}

/// A member as a report names it: the `$ref` target, or `object {a, b}` for an inline one.
pub(super) fn member_name(s: &Schema) -> String {
    match &s.kind {
        Kind::Ref(n) => n.clone(),
        Kind::Object(o) => {
            let names: Vec<&str> = o.properties.iter().map(|p| p.name.as_str()).collect();
            format!("object {{{}}}", names.join(", "))
        }
        _ => super::walk::summary(s),
    }
}

/// A discriminator as tag value → member name, to compare by identity rather than index.
pub(super) fn mapping(tag: &Tag, members: &[Schema]) -> BTreeMap<String, String> {
    tag.mapping.iter().map(|(value, i)| (value.clone(), members.get(*i).map(member_name).unwrap_or_default())).collect()
}

/// Mapping entries that differ, leaving out values whose member was itself added or
/// removed (that member's row says it): `(value, old target, new target)`.
pub(super) fn mapping_changes(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
    kept: &dyn Fn(&str) -> bool,
) -> Vec<(String, Option<String>, Option<String>)> {
    let mut values: Vec<&String> = old.keys().chain(new.keys()).collect();
    values.sort();
    values.dedup();
    values
        .into_iter()
        .filter_map(|v| {
            let (a, b) = (old.get(v), new.get(v));
            let moved = a != b && a.is_none_or(|t| kept(t)) && b.is_none_or(|t| kept(t));
            moved.then(|| (v.clone(), a.cloned(), b.cloned()))
        })
        .collect()
}

/// Severity and rule of a member added or removed, from the generated type at the node.
pub(super) fn member_rule(c: &Change, old: &RustView, new: &RustView) -> (Severity, String) {
    let added = c.kind == ChangeKind::MemberAdded;
    let (name, view) = if added { (c.new.as_str(), new) } else { (c.old.as_str(), old) };
    let name = name.unwrap_or_default();
    match view.type_def(&c.path).map(|t| (&t.name, &t.body)) {
        Some((t, Body::Union(_))) if added => (Severity::Additive, format!("`{t}` gains the variant for `{name}` (non_exhaustive)")),
        Some((t, Body::Union(_))) => (Severity::Breaking, format!("`{t}` loses the variant for `{name}`")),
        // The merged fields decide, once known: see [`sum_up`].
        Some((t, Body::Struct(_))) => (Severity::None, format!("merged into `{t}`")),
        _ => (Severity::Docs, "no generated type at this node".into()),
    }
}

/// A member row of a merged struct, given the field rows it brought: the worst of their
/// severities, and the fields named.
pub(super) fn sum_up(c: &mut Change, rows: &[Change]) {
    let verb = if c.kind == ChangeKind::MemberAdded { "adds" } else { "removes" };
    let fields: Vec<String> = rows.iter().map(|r| format!("`{}`", r.path.rsplit('.').next().unwrap_or(""))).collect();
    let what = if fields.is_empty() { "no fields".to_string() } else { format!("{} (`merged_field_*` rows)", fields.join(", ")) };
    c.severity = rows.iter().map(|r| r.severity).min().unwrap_or(Severity::None);
    c.rust = format!("{}: {verb} {what}", c.rust);
}

/// A change inside a schema that other schemas merge (`allOf: [$ref S, …]`) changes their
/// structs too: the rule of each merged field joins the change's own, the worst deciding.
pub(super) fn also_merged(c: &Change, old: &RustView, new: &RustView, own: (Severity, String)) -> (Severity, String) {
    use ChangeKind::*;
    let Some(rest) = c.path.strip_prefix(c.schema.as_str()).filter(|r| r.starts_with('.')) else { return own };
    let (mut worst, mut notes) = (own.0, vec![own.1]);
    let mut users: Vec<&String> = old.users(&c.schema).iter().chain(new.users(&c.schema)).collect();
    users.sort();
    users.dedup();
    for node in users.iter().filter_map(|u| u.rsplit_once("/allOf[").map(|(node, _)| node)) {
        let at = format!("{node}{rest}");
        let rule = match (c.kind, old.field(&at), new.field(&at)) {
            (PropertyAdded, None, Some(f)) if f.in_new() => Some((Severity::Breaking, format!("merged: `{}` is a new parameter of `new()`", f.item))),
            (PropertyAdded, None, Some(f)) => Some((Severity::Additive, format!("merged: new field `{}`", f.item))),
            (PropertyRemoved, Some(f), None) => Some((Severity::Breaking, format!("merged: field `{}` is removed", f.item))),
            (_, Some(a), Some(b)) => super::impact::field_rule(&a, &b).map(|(s, n)| (s, format!("merged: {n}"))),
            _ => None,
        };
        if let Some((s, note)) = rule {
            worst = worst.min(s);
            notes.push(note);
        }
    }
    (worst, notes.join("; "))
}

/// The fields a merged (`allOf`) struct gains, loses or changes where a member was added or
/// removed, each with the rule for its struct (request or response).
pub(super) fn merged_fields(c: &Change, old: &RustView, new: &RustView) -> Vec<Change> {
    let (Some(a), Some(b)) = (old.type_def(&c.path), new.type_def(&c.path)) else { return Vec::new() };
    let (Body::Struct(sa), Body::Struct(sb)) = (&a.body, &b.body) else { return Vec::new() };
    let row = |kind, f: &FieldDef, old: Value, new: Value, severity, rust: String| Change {
        kind,
        schema: c.schema.clone(),
        path: format!("{}.{}", c.path, f.wire),
        old,
        new,
        severity,
        rust,
        existed_in_old_spec: None,
            moved_refs: Vec::new(),
    };
    let mut out = Vec::new();
    for f in sa.fields.iter().filter(|f| !has(sb, &f.wire)) {
        let rust = format!("field `{}.{}` is removed", b.name, f.name);
        out.push(row(ChangeKind::MergedFieldRemoved, f, json!(field_ty(&f.ty, f.presence)), Value::Null, Severity::Breaking, rust));
    }
    for f in &sb.fields {
        let ty = field_ty(&f.ty, f.presence);
        match sa.fields.iter().find(|x| x.wire == f.wire) {
            None => {
                let (severity, rust) = added_field(&b.name, f, &ty);
                out.push(row(ChangeKind::MergedFieldAdded, f, Value::Null, json!(ty), severity, rust));
            }
            Some(x) if field_ty(&x.ty, x.presence) != ty => {
                let rust = format!("`{}.{}`: `{}` → `{ty}`", b.name, f.name, field_ty(&x.ty, x.presence));
                out.push(row(ChangeKind::MergedFieldChanged, f, json!(field_ty(&x.ty, x.presence)), json!(ty), Severity::Breaking, rust));
            }
            Some(_) => {}
        }
    }
    out
}

fn has(s: &StructDef, wire: &str) -> bool {
    s.fields.iter().any(|f| f.wire == wire)
}

fn added_field(strukt: &str, f: &FieldDef, ty: &str) -> (Severity, String) {
    use crate::model::Presence::*;
    if f.presence == Required {
        (Severity::Breaking, format!("`{strukt}::new()` gains the parameter `{}: {ty}` (a required field)", f.name))
    } else {
        (Severity::Additive, format!("new field `{strukt}.{}`: `{ty}`", f.name))
    }
}
