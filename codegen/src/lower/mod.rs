//! Lowering: IR schemas in, a [`Model`] of Rust-named types out. Selects what the roots
//! reach, names every type through [`crate::naming`], turns inline schemas into nested
//! types, deduplicates identical enums and boxes recursive fields.

mod dedupe;
pub mod features;
mod operations;
mod recursion;
mod types;

use crate::config::CrateConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Kind, Schema, Spec};
use crate::model::{Model, TypeDef};
use crate::naming;
use indexmap::IndexSet;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Lowers `spec` as `cfg` asks. `cfg_file` names the config in diagnostics about roots and
/// renames.
pub fn lower(spec: &Spec, cfg: &CrateConfig, cfg_file: &str, diags: &mut Diagnostics) -> Model {
    let ops = operations::selected(spec, cfg, cfg_file, diags);
    let (reached, requests) = reachable(spec, cfg, &operations::roots(&ops), cfg_file, diags);
    let mut lw = types::Lowerer::new(spec, cfg, diags);
    for new in cfg.renames.values() {
        if naming::type_name(new) != *new {
            lw.diags.push(Diagnostic::error(cfg_file, format!("rename target `{new}` is not an UpperCamelCase type name")));
        }
    }
    // Names first, in spec order, so that nested types never take a schema's name.
    let typed: Vec<&String> = reached.iter().filter(|n| needs_type(spec, n)).collect();
    let mut names: Vec<String> = typed
        .iter()
        .map(|n| cfg.renames.get(*n).cloned().unwrap_or_else(|| naming::type_name(n)))
        .collect();
    naming::dedupe(&mut names, &mut lw.taken);
    for (schema, name) in typed.iter().zip(&names) {
        lw.names.insert((*schema).clone(), name.clone());
    }
    for (schema, name) in typed.iter().zip(&names) {
        lw.component(schema, name, requests.contains(*schema));
    }
    // A rename names a schema, or an inline type by its path (`Schema.property`,
    // `Schema.list[]`) as nested types record it.
    for old in cfg.renames.keys() {
        if !spec.schemas.contains_key(old) && !lw.types.iter().any(|t| t.source == *old) {
            lw.diags.push(Diagnostic::error(cfg_file, format!("rename of unknown schema or inline type `{old}`")));
        }
    }
    let (mut operations, auth) = operations::lower(&ops, &mut lw, cfg_file);
    let mut types = std::mem::take(&mut lw.types);
    let replaced = dedupe::enums(&mut types, &cfg.renames.values().cloned().collect());
    for op in &mut operations {
        let tys = op.params.iter_mut().map(|p| &mut p.ty).chain(op.body.iter_mut().map(|b| &mut b.ty));
        tys.chain([&mut op.response, &mut op.error]).for_each(|t| dedupe::rename_in(t, &replaced));
    }
    recursion::box_cycles(&mut types);
    types.sort_by(|a, b| a.name.cmp(&b.name));
    // A whole spec (no roots chosen) with operations gets one Cargo feature per resource.
    let features = if cfg.roots.is_empty() { features::assign(spec, &reached, &mut types) } else { Vec::new() };
    Model {
        package: cfg.package.clone(),
        lib: naming::lib_name(&cfg.package),
        description: cfg.description.clone(),
        version: cfg.version.clone(),
        spec_title: spec.title.clone(),
        spec_version: spec.version.clone(),
        types,
        features,
        servers: if operations.is_empty() { Vec::new() } else { operations::servers(spec, diags) },
        operations,
        auth,
        ..Model::default()
    }
}

/// Schemas that become a Rust type of their own: objects, string and integer enums,
/// unions, and `$ref` aliases of those. Primitives, arrays and maps are used inline.
fn needs_type(spec: &Spec, name: &str) -> bool {
    let mut seen = HashSet::new();
    let mut cur = name;
    loop {
        let Some(s) = spec.schemas.get(cur) else { return false };
        match &s.kind {
            Kind::Ref(next) if seen.insert(cur) => cur = next,
            Kind::Object(_) | Kind::AllOf(_) | Kind::Union(_) => return true,
            Kind::Enum(e) => return e.base == "string" || e.base == "integer",
            _ => return false,
        }
    }
}

/// Every schema the roots reach, in discovery order, and the subset reached from request
/// roots. With no roots configured, every schema is a root and those named `*Request` are
/// request roots.
/// The selected operations' schemas (`op_roots`: sent, received) are roots too.
fn reachable(spec: &Spec, cfg: &CrateConfig, op_roots: &(Vec<String>, Vec<String>), cfg_file: &str, diags: &mut Diagnostics) -> (IndexSet<String>, HashSet<String>) {
    let all: Vec<String> = spec.schemas.keys().cloned().collect();
    let (mut requests, mut responses): (Vec<String>, Vec<String>) = if cfg.roots.is_empty() {
        all.iter().cloned().partition(|n| n.ends_with("Request"))
    } else {
        (cfg.roots.requests.clone(), cfg.roots.responses.clone())
    };
    requests.extend(op_roots.0.iter().filter(|r| !requests.contains(r)).cloned().collect::<Vec<_>>());
    responses.extend(op_roots.1.iter().filter(|r| !responses.contains(r)).cloned().collect::<Vec<_>>());
    for r in requests.iter().chain(&responses) {
        if !spec.schemas.contains_key(r) {
            let mut d = Diagnostic::error(cfg_file, format!("root schema `{r}` is not in the spec"));
            if let Some(near) = closest(r, &all) {
                d.message.push_str(&format!(": did you mean `{near}`?"));
            }
            diags.push(d);
        }
    }
    let walk = |roots: &[String]| {
        let mut seen: IndexSet<String> = IndexSet::new();
        let mut stack: Vec<String> = roots.iter().rev().filter(|r| spec.schemas.contains_key(*r)).cloned().collect();
        while let Some(n) = stack.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            let mut refs = Vec::new();
            if let Some(s) = spec.schemas.get(&n) {
                refs_in(s, &mut refs);
            }
            for r in refs.into_iter().rev() {
                if spec.schemas.contains_key(&r) && !seen.contains(&r) {
                    stack.push(r);
                }
            }
        }
        seen
    };
    let req: HashSet<String> = walk(&requests).into_iter().collect();
    let mut all_roots = requests;
    all_roots.extend(responses);
    let mut reached = walk(&all_roots);
    // Spec order, so that output does not depend on the order roots are listed in.
    reached.sort_by_key(|n| spec.schemas.get_index_of(n));
    (reached, req)
}

/// Names of the schemas `s` refers to, in order.
pub(crate) fn refs_in(s: &Schema, out: &mut Vec<String>) {
    match &s.kind {
        Kind::Ref(n) => out.push(n.clone()),
        Kind::Array(i) | Kind::Map(i) | Kind::Expandable(i) => refs_in(i, out),
        Kind::Object(o) => o.properties.iter().for_each(|p| refs_in(&p.schema, out)),
        Kind::Union(u) => u.variants.iter().for_each(|v| refs_in(v, out)),
        Kind::AllOf(list) => list.iter().for_each(|v| refs_in(v, out)),
        _ => {}
    }
}

fn closest<'a>(name: &str, all: &'a [String]) -> Option<&'a String> {
    let lower = name.to_lowercase();
    all.iter().find(|n| n.to_lowercase() == lower).or_else(|| all.iter().find(|n| n.to_lowercase().contains(&lower)))
}

/// Names in use, shared by component and nested type naming.
pub(crate) type Taken = BTreeSet<String>;
pub(crate) type Names = HashMap<String, String>;
pub(crate) type Types = Vec<TypeDef>;
