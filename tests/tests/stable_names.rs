//! Rust names stay put across real spec versions: for every two consecutive versions in
//! `../shared/specs/*/history` (and from the last of them to the vendor's current spec),
//! each whole spec is lowered as the generator would, and every schema or inline type
//! present in both keeps its Rust type name: the name of the type that holds its
//! definition, so a named enum turned into an alias of a new identical one counts as a
//! rename. A schema the spec renamed changes its source, so it is not compared.

use kycgen_codegen::config::CrateConfig;
use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::ir::Spec;
use kycgen_codegen::model::Body;
use kycgen_codegen::source::SpecRoot;
use kycgen_tests::shared_dir;
use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn no_rust_type_is_renamed_across_history() {
    let Some(shared) = shared_dir() else { return };
    let mut compared = 0;
    let mut renamed = Vec::new();
    for (vendor, current) in [("plaid", "2020-09-14.yml"), ("onfido", "openapi.yaml")] {
        let dir = shared.join(format!("specs/{vendor}"));
        let root = SpecRoot::new(&dir, vendor).expect("spec root");
        let mut versions = versions(&dir.join("history"));
        assert!(versions.len() >= 2, "fewer than two versions in {}/history", dir.display());
        versions.push(current.to_string());
        let mut prev: Option<(String, BTreeMap<String, String>)> = None;
        for v in versions {
            let now = names(&read(&root, &v));
            if let Some((old_file, old)) = &prev {
                for (source, was) in old {
                    compared += 1;
                    match now.get(source) {
                        Some(is) if is != was => renamed.push(format!("{old_file} -> {v}: `{source}`: `{was}` -> `{is}`")),
                        _ => {}
                    }
                }
            }
            prev = Some((v, now));
        }
    }
    eprintln!("{compared} types compared across consecutive versions");
    assert!(compared > 1000, "too few types compared: {compared}");
    assert!(renamed.is_empty(), "Rust types renamed with no rename in the spec:\n{}", renamed.join("\n"));
}

/// The spec versions of a history directory as `history/<file>`, oldest first (their names
/// sort by date and version); the vendor's current spec follows them. Every two consecutive
/// versions are compared, not only the pairs with a truth file.
fn versions(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("history dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| (n.ends_with(".yml") || n.ends_with(".yaml")) && !n.ends_with(".changes.yaml"))
        .map(|n| format!("history/{n}"))
        .collect();
    out.sort();
    out
}

/// Source (schema name or inline path) → the Rust type that holds its definition.
fn names(spec: &Spec) -> BTreeMap<String, String> {
    let cfg = CrateConfig { package: "history".into(), ..CrateConfig::default() };
    let model = kycgen_codegen::lower::lower(spec, &cfg, "history", &mut Diagnostics::new());
    let mut out = BTreeMap::new();
    let by_name: BTreeMap<&str, &Body> = model.types.iter().map(|t| (t.name.as_str(), &t.body)).collect();
    for t in &model.types {
        // A named enum that became an alias of an identical one is generated as that one.
        let holder = match &t.body {
            Body::Alias(target) if matches!(by_name.get(target.as_str()), Some(Body::Enum(_))) && is_enum(spec, &t.source) => target.clone(),
            _ => t.name.clone(),
        };
        out.insert(t.source.clone(), holder);
        if let Body::Enum(e) = &t.body {
            for s in &e.shared_by {
                out.insert(s.clone(), t.name.clone());
            }
        }
    }
    out
}

/// Whether a schema is itself an enum (not a `$ref` to one, which is an alias by design).
fn is_enum(spec: &Spec, source: &str) -> bool {
    spec.schemas.get(source).is_some_and(|s| matches!(s.kind, kycgen_codegen::ir::Kind::Enum(_)))
}

fn read(root: &SpecRoot, rel: &str) -> Spec {
    let mut diags = Diagnostics::new();
    let spec = kycgen_codegen::read(root, &[rel.to_string()], &mut diags).spec;
    assert!(!diags.has_errors(), "{rel}: {diags}");
    spec
}
