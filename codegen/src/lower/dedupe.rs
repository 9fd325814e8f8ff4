//! Structurally identical anonymous (inline) enums of one component schema become one type;
//! named schemas always keep a type of their own. The rule looks only inside one schema, so
//! adding or changing another schema can never rename or merge an existing type.

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::Spec;
use crate::model::{Body, Ty, TypeDef, TypeOrigin};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Merges the inline enums of one component with the same base and value set. The kept type
/// is the renamed one if any, then the shortest name, then the first alphabetically.
/// `renamed` lists the Rust names given in the config. Returns the inline enums that
/// disappeared, each with the type that replaces it. A merged enum whose values the spec
/// gives other meanings is warned about at its owner: the kept type's meanings stand for both.
pub(super) fn enums(types: &mut Vec<TypeDef>, renamed: &BTreeSet<String>, spec: &Spec, diags: &mut Diagnostics) -> HashMap<String, String> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, t) in types.iter().enumerate() {
        let TypeOrigin::Inline { owner: component } = &t.origin else { continue };
        if let Body::Enum(e) = &t.body {
            let mut values: Vec<String> = e.variants.iter().map(|v| v.wire.to_string()).collect();
            values.sort();
            groups.entry(format!("{component}|{}|{}|{}", e.base, e.truncated, values.join(","))).or_default().push(i);
        }
    }
    let mut replace: HashMap<String, String> = HashMap::new();
    let mut remove: BTreeSet<usize> = BTreeSet::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let keep = *members
            .iter()
            .min_by_key(|i| (!renamed.contains(&types[**i].name), types[**i].name.len(), types[**i].name.clone()))
            .unwrap_or(&members[0]);
        let canonical = types[keep].name.clone();
        let mut shared: Vec<String> = members.iter().map(|i| types[*i].source.clone()).collect();
        shared.sort();
        for &i in members.iter().filter(|i| **i != keep) {
            if meanings(&types[i]) != meanings(&types[keep]) {
                warn_meanings(&types[i], &types[keep], spec, diags);
            }
            replace.insert(types[i].name.clone(), canonical.clone());
            remove.insert(i);
        }
        if let Body::Enum(e) = &mut types[keep].body {
            e.shared_by = shared;
        }
    }
    for i in remove.into_iter().rev() {
        types.remove(i);
    }
    if replace.is_empty() {
        return replace;
    }
    for t in types.iter_mut() {
        match &mut t.body {
            Body::Struct(s) => s.fields.iter_mut().for_each(|f| rename_in(&mut f.ty, &replace)),
            Body::Union(u) => u.variants.iter_mut().for_each(|v| rename_in(&mut v.ty, &replace)),
            Body::Alias(target) => {
                if let Some(n) = replace.get(target) {
                    *target = n.clone();
                }
            }
            Body::Container(ty) => rename_in(ty, &replace),
            Body::Enum(_) => {}
        }
    }
    replace
}

/// An enum's meanings by wire value.
fn meanings(t: &TypeDef) -> BTreeMap<String, Option<&str>> {
    match &t.body {
        Body::Enum(e) => e.variants.iter().map(|v| (v.wire.to_string(), v.meaning.as_deref())).collect(),
        _ => BTreeMap::new(),
    }
}

fn warn_meanings(gone: &TypeDef, kept: &TypeDef, spec: &Spec, diags: &mut Diagnostics) {
    let msg = format!(
        "`{}` and `{}` have the same values but the spec gives them other meanings: they are one type, `{}`, with the meanings of `{}`",
        gone.source, kept.source, kept.name, kept.source
    );
    let owner = gone.owner();
    let schema = owner.and_then(|o| spec.schemas.get(o)).map(|s| &s.origin);
    let operation = || spec.operations.iter().find(|op| op.operation_id.as_deref() == owner).map(|op| &op.origin);
    if let Some(origin) = schema.or_else(operation) {
        diags.push(origin.locate(Diagnostic::warning(&origin.file, msg)));
    }
}

pub(super) fn rename_in(ty: &mut Ty, replace: &HashMap<String, String>) {
    match ty {
        Ty::Named(n) => {
            if let Some(new) = replace.get(n) {
                *n = new.clone();
            }
        }
        Ty::Boxed(t) | Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Expandable(t) | Ty::Pii(t) => rename_in(t, replace),
        _ => {}
    }
}
