//! xtask is a workspace of its own (so that `cargo xtask` resolves only the generator's
//! dependencies): these tests keep it the same as the root workspace where it must be
//! (dependency versions, lints) and run its tests (unit and `xtask/tests/`), which
//! `cargo test --workspace` does not reach.

use kycgen_tests::{cargo, project_root};
use std::collections::BTreeMap;

/// `name version source` of every package in a `Cargo.lock`, by name and version.
fn locked(file: &str) -> BTreeMap<(String, String), String> {
    let text = std::fs::read_to_string(project_root().join(file)).expect("lock file read");
    let mut out = BTreeMap::new();
    for block in text.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|l| l.strip_prefix(key).and_then(|v| v.strip_prefix(" = "))).map(|v| v.trim_matches('"').to_string())
        };
        let (name, version) = (field("name").expect("name"), field("version").expect("version"));
        out.insert((name, version), field("source").unwrap_or_default());
    }
    out
}

#[test]
fn xtask_locks_the_versions_the_workspace_locks() {
    let root = locked("Cargo.lock");
    let xtask = locked("xtask/Cargo.lock");
    assert!(xtask.len() > 20, "xtask/Cargo.lock lists {} packages", xtask.len());
    // Packages only the generator uses (its allocator) are in xtask's lock only.
    let in_root = |name: &str| root.keys().any(|(n, _)| n == name);
    let drift: Vec<String> = xtask
        .iter()
        .filter(|((name, _), _)| in_root(name))
        .filter(|(key, source)| root.get(*key) != Some(*source))
        .map(|((name, version), _)| format!("{name} {version}"))
        .collect();
    assert!(
        drift.is_empty(),
        "xtask/Cargo.lock locks packages that Cargo.lock does not lock the same way (the generator would be \
         built with other versions than the tests test); run `cargo update` in both, or copy Cargo.lock to \
         xtask/Cargo.lock and run `cargo metadata --manifest-path xtask/Cargo.toml`: {drift:?}"
    );
}

/// The `[workspace.lints.*]` entries of a manifest, comments and blank lines left out.
fn lints(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(project_root().join(file)).expect("manifest read");
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line.starts_with("[workspace.lints");
        }
        if inside && !line.is_empty() && !line.starts_with('#') {
            out.push(line.to_string());
        }
    }
    out
}

#[test]
fn xtask_has_the_workspace_lints() {
    let root = lints("Cargo.toml");
    assert!(root.len() > 10, "{root:?}");
    assert_eq!(lints("xtask/Cargo.toml"), root, "xtask/Cargo.toml's [workspace.lints] must be the root's");
}

/// xtask's own tests (unit and `xtask/tests/`), in the profile `cargo xtask` builds, so that
/// its dependencies are built once for both.
#[test]
fn xtask_tests_pass() {
    cargo(&["test", "--quiet", "--profile", "xtask", "--manifest-path", "xtask/Cargo.toml"], &project_root());
}
