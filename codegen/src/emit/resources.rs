//! The crate root's "By resource" section: each resource's operations, request types,
//! objects and enums as intra-doc links, so the docs can be read by resource, not only
//! alphabetically. A resource is what an operation's path names
//! (`lower::features::doc_resource`); a type is listed under the resource whose operations
//! use it most directly (fewest steps from a parameter, body or response), under "Shared"
//! when several are equally near (error bodies), and under "Used by no operation" (webhook
//! bodies, mostly) when none uses it. Whole-spec crates, whose types are per-resource
//! Cargo features, get no section: it would list thousands of types.

use crate::lower::features;
use crate::model::{Body, Model, Ty, TypeDef, TypeOrigin};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What one group lists, each sorted by name.
#[derive(Default)]
struct Group<'m> {
    operations: Vec<&'m str>,
    requests: Vec<&'m str>,
    objects: Vec<&'m str>,
    enums: Vec<&'m str>,
}

/// Clean doc lines (each starting with a space, or empty); none without operations.
pub fn lines(m: &Model) -> Vec<String> {
    if m.operations.is_empty() || !m.features.is_empty() {
        return Vec::new();
    }
    let by_name: HashMap<&str, &TypeDef> = m.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let collections = features::collections(m.operations.iter().map(|o| o.path.as_str()));
    let mut resources: BTreeMap<String, Group> = BTreeMap::new();
    // For each type, its distance from each resource's operations.
    let mut users: HashMap<&str, BTreeMap<String, usize>> = HashMap::new();
    let mut sent: BTreeSet<&str> = BTreeSet::new();
    for op in &m.operations {
        let r = features::doc_resource(&op.path, &collections).unwrap_or_else(|| "other".into());
        resources.entry(r.clone()).or_default().operations.push(&op.name);
        let request = reach(&by_name, op.params.iter().map(|p| &p.ty).chain(op.body.iter().map(|b| &b.ty)));
        sent.extend(request.keys());
        for (name, depth) in request.into_iter().chain(reach(&by_name, [&op.response, &op.error])) {
            let d = users.entry(name).or_default().entry(r.clone()).or_insert(depth);
            *d = (*d).min(depth);
        }
    }
    let (mut shared, mut unused) = (Group::default(), Group::default());
    for t in m.types.iter().filter(|t| t.origin != TypeOrigin::OldName) {
        let group = match users.get(t.name.as_str()).map(nearest) {
            Some(Some(r)) => resources.get_mut(r),
            Some(None) => Some(&mut shared),
            None => Some(&mut unused),
        };
        let Some(group) = group else { continue };
        let list = match &t.body {
            Body::Enum(_) => &mut group.enums,
            _ if sent.contains(t.name.as_str()) => &mut group.requests,
            _ => &mut group.objects,
        };
        list.push(&t.name);
    }
    let mut d = vec![" # By resource".to_string(), String::new()];
    d.push(" Every type, under the resource whose operations use it; the endpoints are in [`operations`].".into());
    d.push(String::new());
    let named = resources.iter().map(|(r, g)| (format!("`{r}`"), g));
    for (title, g) in named.chain([("Shared by several resources".to_string(), &shared), ("Used by no operation".to_string(), &unused)]) {
        d.extend(group_lines(&title, g));
    }
    d
}

/// The one resource nearest to a type, if no other is as near.
fn nearest(distances: &BTreeMap<String, usize>) -> Option<&str> {
    let min = distances.values().min()?;
    let mut at_min = distances.iter().filter(|(_, d)| *d == min);
    match (at_min.next(), at_min.next()) {
        (Some((r, _)), None) => Some(r),
        _ => None,
    }
}

/// `## title` and one line per non-empty list.
fn group_lines(title: &str, g: &Group) -> Vec<String> {
    let ops = g.operations.iter().map(|n| format!("[`{n}`](operations::{n})")).collect::<Vec<_>>().join(", ");
    let links = |names: &[&str]| names.iter().map(|n| format!("[`{n}`]")).collect::<Vec<_>>().join(", ");
    let rows = [("Operations", ops), ("Requests", links(&g.requests)), ("Objects", links(&g.objects)), ("Enums", links(&g.enums))];
    let rows: Vec<String> = rows.into_iter().filter(|(_, l)| !l.is_empty()).map(|(k, l)| format!(" - {k}: {l}")).collect();
    if rows.is_empty() {
        return Vec::new();
    }
    let mut out = vec![format!(" ## {title}"), String::new()];
    out.extend(rows);
    out.push(String::new());
    out
}

/// The types `roots` use, through fields, union variants, aliases and containers, each with
/// its fewest steps from a root (a root's own type is 1).
fn reach<'m, 't>(by_name: &HashMap<&str, &'m TypeDef>, roots: impl IntoIterator<Item = &'t Ty>) -> BTreeMap<&'m str, usize> {
    let mut seen: BTreeMap<&'m str, usize> = BTreeMap::new();
    let mut next: Vec<&'m str> = Vec::new();
    roots.into_iter().for_each(|ty| named(by_name, ty, &mut next));
    let mut depth = 1;
    while !next.is_empty() {
        let mut after = Vec::new();
        for name in std::mem::take(&mut next) {
            if seen.contains_key(name) {
                continue;
            }
            seen.insert(name, depth);
            after.extend(by_name[name].referenced().into_iter().filter_map(|n| by_name.get(n)).map(|t| t.name.as_str()));
        }
        next = after;
        depth += 1;
    }
    seen
}

/// The generated types `ty` names.
fn named<'m>(by_name: &HashMap<&str, &'m TypeDef>, ty: &Ty, out: &mut Vec<&'m str>) {
    let mut names = Vec::new();
    ty.names(&mut names);
    out.extend(names.into_iter().filter_map(|n| by_name.get(n)).map(|t| t.name.as_str()));
}
