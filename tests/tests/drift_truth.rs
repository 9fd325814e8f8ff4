//! The drift engine against ground truth: for every pair of real Plaid spec versions in
//! `../shared/specs/plaid/history`, the (kind, path) set of the diff restricted to the
//! identity subset equals the set in the pair's `OLD__NEW.changes.yaml`.

use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::diff::{self, Change, ChangeKind};
use kycgen_codegen::source::{parse_document, SpecRoot};
use kycgen_tests::shared_dir;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

type Set = BTreeSet<(String, String)>;

#[test]
fn plaid_history_matches_ground_truth() {
    history_matches_ground_truth("plaid");
}

#[test]
fn onfido_history_matches_ground_truth() {
    history_matches_ground_truth("onfido");
}

fn history_matches_ground_truth(vendor: &str) {
    let Some(shared) = shared_dir() else { return };
    let dir = shared.join(format!("specs/{vendor}/history"));
    let mut pairs: Vec<_> = std::fs::read_dir(&dir)
        .expect("history dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".changes.yaml"))
        .collect();
    pairs.sort();
    assert!(!pairs.is_empty(), "no *.changes.yaml in {}", dir.display());
    let root = SpecRoot::new(&dir, "history").expect("spec root");
    let mut failures = Vec::new();
    for pair in &pairs {
        let truth = read_yaml(&root, pair);
        let file = |side: &str| truth[side]["file"].as_str().expect("old/new file").to_string();
        let pattern = subset_pattern(truth["subset"]["definition"].as_str().expect("subset definition"));
        let (old, new) = (read(&root, &file("old")), read(&root, &file("new")));
        let roots = vec![pattern];
        assert_eq!(diff::subset(&old, &roots).len() as u64, truth["subset"]["old_schema_count"].as_u64().unwrap(), "{pair}: old subset size");
        assert_eq!(diff::subset(&new, &roots).len() as u64, truth["subset"]["new_schema_count"].as_u64().unwrap(), "{pair}: new subset size");
        let changes = diff::diff(&old, &new, &roots);
        let ours: Set = changes.iter().flat_map(truth_keys).collect();
        for c in changes.iter().filter(|c| c.kind != ChangeKind::DocsChanged && truth_keys(c).is_empty()) {
            eprintln!("  not compared: {} {} {} -> {} ({})", c.kind.as_str(), c.path, c.old, c.new, c.rust);
        }
        let expected: Set = truth["changes"]
            .as_array()
            .expect("changes list")
            .iter()
            .map(|c| {
                let kind = c["kind"].as_str().unwrap_or_default().to_string();
                let path = c.get("path").and_then(Value::as_str).or(c["schema"].as_str()).unwrap_or_default().to_string();
                (kind, path)
            })
            .collect();
        let missed: Vec<_> = expected.difference(&ours).collect();
        let extra: Vec<_> = ours.difference(&expected).collect();
        let found = expected.len() - missed.len();
        eprintln!(
            "{pair}: recall {found}/{} , precision {found}/{} ({} changes reported in all, {} docs-only or rust-only)",
            expected.len(),
            ours.len(),
            changes.len(),
            changes.len() - ours.len()
        );
        if !missed.is_empty() || !extra.is_empty() {
            failures.push(format!("{pair}:\n  missed: {missed:?}\n  not in truth: {extra:?}"));
        }
        // Schemas that were in the old spec but outside the subset are flagged as such.
        for c in truth["changes"].as_array().into_iter().flatten().filter(|c| c["kind"] == "schema_added") {
            let ours = changes.iter().find(|o| o.kind == ChangeKind::SchemaAdded && o.path == c["schema"].as_str().unwrap_or_default());
            assert_eq!(ours.and_then(|o| o.existed_in_old_spec), c["existed_in_old_spec"].as_bool(), "{pair}: {}", c["schema"]);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A change as the truth files count it. They list spec changes only: doc text, and the
/// changes our engine derives from the generated Rust (names, merged fields), are outside
/// them. Their `composition_members` convention gives one `other_changed` at the node for a
/// member list that changed; we give one `member_added`/`member_removed` per member, there.
/// They know no renames: a `schema_renamed` is their removal, addition and moved `$ref`s.
fn truth_keys(c: &Change) -> Vec<(String, String)> {
    use ChangeKind::*;
    let key = |kind: &str, path: &str| (kind.to_string(), path.to_string());
    match c.kind {
        DocsChanged | RustNameChanged | RequestRoleChanged | SharedTypeSplit | MergedFieldAdded | MergedFieldRemoved | MergedFieldChanged | ConversionAdded | ConversionRemoved | DirectionChanged => Vec::new(),
        MemberAdded | MemberRemoved => vec![key("other_changed", &c.path)],
        SchemaRenamed => {
            let mut keys = vec![key("schema_removed", c.old.as_str().unwrap_or_default()), key("schema_added", &c.path)];
            keys.extend(c.moved_refs.iter().map(|p| key("ref_changed", p)));
            keys
        }
        _ => vec![key(c.kind.as_str(), &c.path)],
    }
}

/// `components.schemas whose names match ^(A|B.*)$, plus …` → `A|B.*`.
fn subset_pattern(definition: &str) -> String {
    let start = definition.find("^(").expect("regex in subset definition") + 2;
    let end = definition[start..].find(")$").expect("end of regex") + start;
    definition[start..end].to_string()
}

fn read_yaml(root: &SpecRoot, rel: &str) -> Value {
    parse_document(&root.read(rel).expect("truth file")).expect("truth file parses")
}

fn read(root: &SpecRoot, rel: &str) -> kycgen_codegen::ir::Spec {
    let mut diags = Diagnostics::new();
    let spec = kycgen_codegen::read(root, &[rel.to_string()], &mut diags).spec;
    assert!(!diags.has_errors(), "{}: {diags}", Path::new(rel).display());
    spec
}
