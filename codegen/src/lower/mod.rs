//! Lowering: IR schemas in, a [`Model`] of Rust-named types out. Selects what the roots
//! reach, names every type through [`crate::naming`], turns inline schemas into nested
//! types, deduplicates identical enums and boxes recursive fields.

pub mod conversions;
mod dedupe;
mod direction;
mod enum_methods;
pub mod features;
mod operations;
pub mod params;
mod recursion;
mod types;

use crate::config::CrateConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Kind, Spec};
use crate::model::{Model, OperationDef, TypeDef, TypeOrigin};
use crate::naming;
use crate::resolve::{self, Graph, Target};
use indexmap::IndexSet;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Lowers `spec` as `cfg` asks. `cfg_file` names the config in diagnostics about roots and
/// renames.
pub fn lower(spec: &Spec, cfg: &CrateConfig, cfg_file: &str, diags: &mut Diagnostics) -> Model {
    let ops = operations::selected(spec, cfg, cfg_file, diags);
    let graph = Graph::new(spec);
    let mut op_roots = operations::roots(&ops);
    op_roots.1.extend(operations::callback_root(spec, cfg, cfg_file, diags));
    let (reached, requests) = reachable(spec, &graph, cfg, &op_roots, cfg_file, diags);
    resolve::report_cycles(spec, &reached, diags);
    let mut lw = types::Lowerer::new(spec, cfg, diags);
    check_rename_targets(cfg, cfg_file, lw.diags);
    for (schema, name) in name_components(spec, cfg, &reached, &mut lw) {
        lw.component(schema, &name, requests.contains(schema));
    }
    compat_aliases(spec, cfg, cfg_file, &mut lw);
    check_rename_sources(spec, cfg, cfg_file, &mut lw);
    let (mut operations, auth) = operations::lower(&ops, &mut lw, cfg_file);
    redact_entries(cfg, cfg_file, &mut lw);
    let mut types = std::mem::take(&mut lw.types);
    dedupe_enums(cfg, spec, &mut types, &mut operations, lw.diags);
    enum_methods::attach(cfg, cfg_file, &mut types, lw.diags);
    recursion::box_cycles(&mut types);
    types.sort_by(|a, b| a.name.cmp(&b.name));
    params::assign(&mut types, spec, cfg_file, lw.diags);
    let features = resource_features(spec, &graph, &reached, cfg, &mut types, &mut operations);
    let events: BTreeSet<String> = cfg.webhooks.iter().flat_map(|w| w.events.values()).filter_map(|s| lw.names.get(s).cloned()).collect();
    let rust_names = |roots: &[String]| roots.iter().filter_map(|r| lw.names.get(r).cloned()).collect::<Vec<_>>();
    let (received, sent) = (rust_names(&cfg.roots.responses), rust_names(&cfg.roots.requests));
    let heard: Vec<String> = received.iter().chain(&events).cloned().collect();
    direction::assign(&mut types, &operations, &sent, &heard);
    let conversions = if cfg.roots.is_empty() { Vec::new() } else { conversions::find(&types, &events) };
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
        auth: auth.schemes,
        credential_sets: auth.sets,
        conversions,
        received,
        sent,
        ..Model::default()
    }
}

/// A rename's target must be a type name as `naming` would spell one.
fn check_rename_targets(cfg: &CrateConfig, cfg_file: &str, diags: &mut Diagnostics) {
    for new in cfg.renames.values() {
        if naming::type_name(new) != *new {
            diags.push(Diagnostic::error(cfg_file, format!("rename target `{new}` is not an UpperCamelCase type name")));
        }
    }
}

/// A rename names a schema, or an inline type by its path (`Schema.property`,
/// `Schema.list[]`) as nested types record it: checked once every type is lowered.
fn check_rename_sources(spec: &Spec, cfg: &CrateConfig, cfg_file: &str, lw: &mut types::Lowerer) {
    for old in cfg.renames.keys() {
        if !spec.schemas.contains_key(old) && !lw.types.iter().any(|t| t.source == *old) {
            lw.diags.push(Diagnostic::error(cfg_file, format!("rename of unknown schema or inline type `{old}`")));
        }
    }
}

/// Merges identical inline enums (renamed ones keep their type) and points the operations'
/// types at the survivors.
fn dedupe_enums(cfg: &CrateConfig, spec: &Spec, types: &mut Vec<TypeDef>, operations: &mut [OperationDef], diags: &mut Diagnostics) {
    let replaced = dedupe::enums(types, &cfg.renames.values().cloned().collect(), spec, diags);
    for op in operations {
        let tys = op.params.iter_mut().map(|p| &mut p.ty).chain(op.body.iter_mut().map(|b| &mut b.ty));
        tys.chain([&mut op.response, &mut op.error]).for_each(|t| dedupe::rename_in(t, &replaced));
    }
}

/// A whole spec (no roots, every operation) gets one Cargo feature per resource of its
/// paths, on its types and operations; a selection (Onfido's operations, rooted in them) is
/// small enough to be one (no features).
fn resource_features(spec: &Spec, graph: &Graph, reached: &IndexSet<String>, cfg: &CrateConfig, types: &mut [TypeDef], operations: &mut [OperationDef]) -> Vec<String> {
    let whole = cfg.roots.is_empty() && (cfg.operations.is_empty() || cfg.all_operations);
    let features = if whole { features::assign(spec, graph, reached, types) } else { Vec::new() };
    if !features.is_empty() {
        operations.iter_mut().for_each(|op| op.feature = features::resource(&op.path));
    }
    features
}

/// The Rust name of every reached schema that gets a type, in spec order. Names come first,
/// so that nested types never take a schema's name.
fn name_components<'s>(spec: &Spec, cfg: &CrateConfig, reached: &'s IndexSet<String>, lw: &mut types::Lowerer) -> Vec<(&'s String, String)> {
    let typed: Vec<&String> = reached.iter().filter(|n| needs_type(spec, n)).collect();
    let mut names: Vec<String> = typed
        .iter()
        .map(|n| cfg.renames.get(*n).cloned().unwrap_or_else(|| naming::type_name(n)))
        .collect();
    naming::dedupe(&mut names, &mut lw.taken);
    // Arrays and maps get a type alias each, but their uses stay written out (`Vec<T>`),
    // so they are not names that fields refer to.
    for (schema, name) in typed.iter().zip(&names) {
        let map = if is_container(spec, schema) { &mut lw.containers } else { &mut lw.names };
        map.insert((*schema).clone(), name.clone());
    }
    typed.into_iter().zip(names).collect()
}

/// Each `redact` entry names one field of data as `Schema.property` (an inline type's path
/// for nested objects): a bare property name would also hit fields of that name that hold
/// no personal data (Plaid's `KycCheckDetails.address` is match codes), so it is refused;
/// an entry that names no generated field is reported, never ignored.
fn redact_entries(cfg: &CrateConfig, cfg_file: &str, lw: &mut types::Lowerer) {
    for entry in &cfg.redact {
        if !entry.contains('.') {
            let msg = format!("redact entry `{entry}` is a bare property name: name the field of data as `Schema.{entry}`");
            lw.diags.push(Diagnostic::error(cfg_file, msg));
        } else if !lw.redacted.contains(entry) {
            lw.diags.push(Diagnostic::warning(cfg_file, format!("redact entry `{entry}` names no field of a generated type")));
        }
    }
}

/// `compat: true`: the old name of each renamed schema in `aliases`, as a deprecated alias of
/// the new schema's type, so code written against the old name still compiles.
fn compat_aliases(spec: &Spec, cfg: &CrateConfig, cfg_file: &str, lw: &mut types::Lowerer) {
    if !cfg.compat {
        if !cfg.aliases.is_empty() {
            lw.diags.push(Diagnostic::warning(cfg_file, "`aliases` are generated only with `compat: true`: none generated"));
        }
        return;
    }
    for (old, new) in &cfg.aliases {
        let name = naming::type_name(old);
        let problem = match lw.names.get(new) {
            _ if spec.schemas.contains_key(old) => Some(format!("the spec still has a schema `{old}`")),
            None => Some(format!("`{new}` is not a schema with a type of its own")),
            Some(_) if lw.taken.contains(&name) => Some(format!("the Rust name `{name}` is taken")),
            Some(_) => None,
        };
        if let Some(p) = problem {
            lw.diags.push(Diagnostic::error(cfg_file, format!("alias `{old}`: {p}")));
            continue;
        }
        let target = lw.names[new].clone();
        lw.taken.insert(name.clone());
        let docs = vec![format!("The vendor renamed `{old}` to `{new}`: the old name is kept for compatibility.")];
        lw.types.push(TypeDef { name, source: old.clone(), docs, deprecated: true, body: crate::model::Body::Alias(target), features: Vec::new(), origin: TypeOrigin::OldName, direction: Default::default() });
    }
}

/// Schemas that become a Rust type of their own: objects, string and integer enums,
/// unions, arrays and maps (type aliases), and `$ref` aliases of those. Primitives are
/// used inline.
fn needs_type(spec: &Spec, name: &str) -> bool {
    match ref_target(spec, name) {
        Some(Kind::Object(_) | Kind::AllOf(_) | Kind::Union(_) | Kind::Array(_) | Kind::Map(_)) => true,
        Some(Kind::Enum(e)) => e.base.has_type(),
        _ => false,
    }
}

/// Whether a schema is an array or map, itself or at the end of its `$ref`s.
fn is_container(spec: &Spec, name: &str) -> bool {
    matches!(ref_target(spec, name), Some(Kind::Array(_) | Kind::Map(_)))
}

/// The kind at the end of `name`'s `$ref` chain (none for a cycle or a dangling ref).
fn ref_target<'s>(spec: &'s Spec, name: &'s str) -> Option<&'s Kind> {
    match resolve::named(spec, name) {
        Target::Schema(s) => Some(&s.kind),
        _ => None,
    }
}

/// Why a spec lowered to no types at all with `cfg`'s roots, for the error that says so.
pub fn why_no_types(spec: &Spec, cfg: &CrateConfig) -> String {
    let roots: Vec<String> = cfg.roots.requests.iter().chain(&cfg.roots.responses).map(|r| format!("`{r}`")).collect();
    let reason = match (spec.schemas.len(), spec.operations.len()) {
        (n, _) if n > 0 && !roots.is_empty() => {
            format!("the roots {} reach only primitive (string, number, boolean) or untyped schemas, which fields use inline", roots.join(", "))
        }
        (0, 0) => "it defines no schemas (`components/schemas` is missing or empty) and has no `paths` that lead to any".to_string(),
        (0, ops) => {
            let ops = if ops == 1 { "its one operation refers".to_string() } else { format!("its {ops} operations refer") };
            format!("{ops} to no schema (`components/schemas` is missing or empty, and no `$ref` names a schema in another file)")
        }
        (1, _) => "its one schema is a primitive (string, number, boolean) or untyped, which fields use inline".to_string(),
        (n, _) => format!("its {n} schemas are all primitives (strings, numbers, booleans) or untyped, which fields use inline"),
    };
    format!("the spec yields no types to generate: {reason}")
}

/// Every schema the roots reach, in spec order, and the subset reached from request
/// roots. With no roots configured, every schema is a root and those named `*Request` are
/// request roots.
/// The selected operations' schemas (`op_roots`: sent, received) are roots too.
fn reachable(spec: &Spec, graph: &Graph, cfg: &CrateConfig, op_roots: &(Vec<String>, Vec<String>), cfg_file: &str, diags: &mut Diagnostics) -> (IndexSet<String>, HashSet<String>) {
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
    let req: HashSet<String> = graph.reach(requests.iter().map(String::as_str)).into_iter().collect();
    // In spec order, so that output does not depend on the order roots are listed in.
    let reached = graph.reach(requests.iter().chain(&responses).map(String::as_str));
    (reached, req)
}

fn closest<'a>(name: &str, all: &'a [String]) -> Option<&'a String> {
    let lower = name.to_lowercase();
    all.iter().find(|n| n.to_lowercase() == lower).or_else(|| all.iter().find(|n| n.to_lowercase().contains(&lower)))
}

/// Names in use, shared by component and nested type naming.
pub(crate) type Taken = BTreeSet<String>;
pub(crate) type Names = HashMap<String, String>;
pub(crate) type Types = Vec<TypeDef>;
