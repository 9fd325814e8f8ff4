//! Schemas renamed without a change of shape: a removed schema and an added one that are
//! identical (docs aside, and with the `$ref`s to other renamed schemas followed) are one
//! `schema_renamed` row, and the `ref_changed` rows that only follow the rename fold into it.

use super::rust::RustView;
use super::{Change, ChangeKind, Severity};
use crate::config::CrateConfig;
use crate::ir::{Kind, Spec};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Replaces each rename's `schema_removed`/`schema_added` pair with one `schema_renamed` row
/// (at the added row's place) and folds the `ref_changed` rows that follow it.
pub(super) fn fold(changes: Vec<Change>, old: &Spec, new: &Spec, views: (&RustView, &RustView), cfg: &CrateConfig) -> Vec<Change> {
    let removed: Vec<&str> = names_of(&changes, ChangeKind::SchemaRemoved).into_iter().filter(|n| !new.schemas.contains_key(*n)).collect();
    let added: Vec<&str> = names_of(&changes, ChangeKind::SchemaAdded).into_iter().filter(|n| !old.schemas.contains_key(*n)).collect();
    let renames = find(old, new, &removed, &added);
    if renames.is_empty() {
        return changes;
    }
    let by_new: BTreeMap<&str, &str> = renames.iter().map(|(o, n)| (n.as_str(), o.as_str())).collect();
    let follows = |c: &Change| c.kind == ChangeKind::RefChanged && c.old.as_str().is_some_and(|o| renames.get(o).map(String::as_str) == c.new.as_str());
    let mut moved: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in changes.iter().filter(|c| follows(c)) {
        moved.entry(c.old.as_str().unwrap_or_default().to_string()).or_default().push(c.path.clone());
    }
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        let gone = c.kind == ChangeKind::SchemaRemoved && renames.contains_key(&c.path);
        if gone || follows(&c) {
            continue;
        }
        match by_new.get(c.path.as_str()) {
            Some(was) if c.kind == ChangeKind::SchemaAdded => {
                let kept = cfg.compat && cfg.aliases.get(*was) == Some(&c.path);
                out.push(renamed(was, &c.path, moved.remove(*was).unwrap_or_default(), views, kept));
            }
            _ => out.push(c),
        }
    }
    out
}

fn names_of(changes: &[Change], kind: ChangeKind) -> Vec<&str> {
    changes.iter().filter(|c| c.kind == kind).map(|c| c.path.as_str()).collect()
}

/// Old name → new name for every removed schema with exactly one added schema of its shape
/// (and no other removed one of that shape). Repeated so that schemas referring to renamed
/// ones are found once those are.
fn find(old: &Spec, new: &Spec, removed: &[&str], added: &[&str]) -> BTreeMap<String, String> {
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    let new_shapes: Vec<(&str, Value)> = added.iter().map(|a| (*a, shape(&new.schemas[*a], &BTreeMap::new()))).collect();
    loop {
        let open: Vec<&str> = removed.iter().copied().filter(|r| !renames.contains_key(*r) && !matches!(old.schemas[*r].kind, Kind::Any)).collect();
        let old_shapes: Vec<(&str, Value)> = open.iter().map(|r| (*r, shape(&old.schemas[*r], &renames))).collect();
        let mut found = false;
        for (r, s) in &old_shapes {
            let taken = |a: &str| renames.values().any(|v| v == a);
            let same: Vec<&str> = new_shapes.iter().filter(|(a, t)| t == s && !taken(a)).map(|(a, _)| *a).collect();
            let twins = old_shapes.iter().filter(|(_, t)| t == s).count();
            if let ([only], 1) = (same.as_slice(), twins) {
                renames.insert(r.to_string(), only.to_string());
                found = true;
            }
        }
        if !found {
            return renames;
        }
    }
}

/// A schema as JSON without its docs, `$ref`s to renamed schemas written with the new name.
fn shape(s: &crate::ir::Schema, renames: &BTreeMap<String, String>) -> Value {
    let mut v = serde_json::to_value(s).unwrap_or(Value::Null);
    scrub(&mut v, renames);
    v
}

fn scrub(v: &mut Value, renames: &BTreeMap<String, String>) {
    match v {
        Value::Object(m) => {
            m.remove("docs");
            if let Some(Value::String(target)) = m.get_mut("ref") {
                if let Some(n) = renames.get(target.as_str()) {
                    *target = n.clone();
                }
            }
            m.values_mut().for_each(|x| scrub(x, renames));
        }
        Value::Array(a) => a.iter_mut().for_each(|x| scrub(x, renames)),
        _ => {}
    }
}

/// The rename row; `kept`: the config keeps the old name (`compat` and the alias listed).
fn renamed(was: &str, is: &str, refs: Vec<String>, (old, new): (&RustView, &RustView), kept: bool) -> Change {
    let moved = if refs.is_empty() { String::new() } else { format!("; {} `$ref`s follow it", refs.len()) };
    let (severity, rust) = match (old.type_name(was), new.type_name(is)) {
        (Some(a), Some(b)) if a != b && kept => {
            (Severity::Additive, format!("`{a}` → `{b}`; `#[deprecated] pub type {a} = {b};` keeps the old name (`compat`){moved}"))
        }
        (Some(a), Some(b)) if a != b => (Severity::Breaking, format!("`{a}` → `{b}`: the type is renamed (`compat: true` with `aliases: {{{was}: {is}}}` keeps the old name){moved}")),
        (Some(a), Some(_)) => (Severity::None, format!("the Rust name `{a}` is unchanged{moved}")),
        _ => (Severity::None, format!("no type of its own: the fields that use it are unchanged{moved}")),
    };
    Change {
        kind: ChangeKind::SchemaRenamed,
        schema: is.to_string(),
        path: is.to_string(),
        old: json!(was),
        new: json!(is),
        severity,
        rust,
        existed_in_old_spec: None,
        moved_refs: refs,
    }
}
