//! The parallel YAML parse against the whole parse on every real YAML spec and fixture:
//! the same tree, or the same error, whatever the number of threads. On the full Plaid
//! spec the split path must actually be taken (or this test would prove nothing).

use kycgen_codegen::source::{parse_document_on, parse_in_pieces, SourceFile};
use kycgen_tests::{project_root, shared_dir};
use std::path::{Path, PathBuf};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() && !p.ends_with("target") {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
}

fn check(path: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(path) else { return 0 };
    let file = SourceFile { display: path.display().to_string(), rel: "spec.yaml".into(), text };
    let whole = parse_document_on(&file, 1).map_err(|d| d.to_string());
    let parallel = parse_document_on(&file, 3).map_err(|d| d.to_string());
    assert!(parallel == whole, "{}: 3 threads parse differently from the whole parse", path.display());
    // Small pieces: many splits, deep ones included.
    match parse_in_pieces(&file.text, 4096, 3) {
        Some(v) => {
            assert_eq!(Ok(&v), whole.as_ref(), "{}: pieces differ from the whole parse", path.display());
            1
        }
        None => 0,
    }
}

#[test]
fn project_specs_and_fixtures() {
    let root = project_root();
    let mut files = Vec::new();
    for dir in ["specs", "tests/specs", "tests/fixtures", "codegen/tests"] {
        yaml_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} YAML files", files.len());
    for f in &files {
        check(f);
    }
}

#[test]
fn real_plaid_specs() {
    let Some(shared) = shared_dir() else { return };
    let mut files = Vec::new();
    yaml_files(&shared.join("specs"), &mut files);
    let full = shared.join("specs/plaid/2020-09-14.yml");
    assert!(files.contains(&full), "no {}", full.display());
    let mut split = 0;
    for f in &files {
        split += check(f);
    }
    let text = std::fs::read_to_string(&full).expect("full Plaid spec");
    assert!(parse_in_pieces(&text, 64 * 1024, 2).is_some(), "the full Plaid spec did not take the split path");
    assert!(split >= 7, "only {split} of {} real specs took the split path", files.len());
}
