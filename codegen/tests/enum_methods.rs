//! The vendor config's `enum_methods`: predicates on enum values become methods, and every
//! mistake in the section is an error at its line in the config, never a method that is
//! silently false.

use kycgen_codegen::config::{self, CONFIG_FILE};
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Layout};
use std::path::{Path, PathBuf};

/// A copy of specs/plaid-idv whose config has `section` instead of its `enum_methods`.
fn plaid_with(name: &str, section: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/plaid-idv");
    let dir = std::env::temp_dir().join(format!("kycgen-enum-methods-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    let text = std::fs::read_to_string(from.join(CONFIG_FILE)).unwrap();
    let start = text.find("enum_methods:").expect("plaid-idv has enum_methods");
    let end = start + text[start..].find("\n# ").unwrap();
    std::fs::write(dir.join(CONFIG_FILE), format!("{}{section}{}", &text[..start], &text[end..])).unwrap();
    dir
}

/// Generates from `dir`: the diagnostics' text on failure, `src/lib.rs` on success.
fn run(dir: &Path) -> Result<String, String> {
    let root = SpecRoot::new(dir, "specs/plaid-idv").unwrap();
    let cfg = config::parse(&root.read(CONFIG_FILE).unwrap()).map_err(|d| d.to_string())?;
    let out = generate(&cfg, &root, &root.display_of(CONFIG_FILE), Layout::Workspace).map_err(|d| d.to_string());
    std::fs::remove_dir_all(dir).ok();
    out.map(|g| g.files.into_iter().find(|f| f.path == "src/lib.rs").unwrap().contents)
}

/// The 1-based line of the config copy in `dir` that contains `needle`.
fn line_of(dir: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(dir.join(CONFIG_FILE)).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn predicates_become_methods_in_the_enums_order() {
    let dir = plaid_with("ok", "enum_methods:\n  StepStatus:\n    is_over: [failed, success]\n    is_never: []\n");
    let lib = run(&dir).unwrap();
    assert!(lib.contains("pub fn is_over(&self) -> bool {\n        matches!(self, Self::Success | Self::Failed)"), "{lib}");
    assert!(lib.contains("pub fn is_never(&self) -> bool {\n        false"));
    assert!(lib.contains("/// `true` for `success`, `failed` (the vendor config's `enum_methods`)"));
}

#[test]
fn unknown_values_types_and_names_are_located_errors() {
    let cases = [
        ("value", "enum_methods:\n  StepStatus:\n    is_terminal: [success, faild]\n", "faild", "`faild` is not a value of `StepStatus`"),
        ("type", "enum_methods:\n  StepStatuz:\n    is_terminal: [success]\n", "StepStatuz", "names `StepStatuz`, which is not a generated type"),
        ("struct", "enum_methods:\n  AamvaAnalysis:\n    is_terminal: [success]\n", "AamvaAnalysis:", "`AamvaAnalysis`, which is not an enum"),
        ("method", "enum_methods:\n  StepStatus:\n    as_str: [success]\n", "as_str:", "`as_str` cannot be a method of `StepStatus`"),
        ("keyword", "enum_methods:\n  StepStatus:\n    match: [success]\n", "match:", "`match` cannot be a method"),
        ("twice", "enum_methods:\n  StepStatus:\n    is_terminal: [success, success]\n", "success, success", "`success` is listed twice"),
    ];
    for (name, section, needle, message) in cases {
        let dir = plaid_with(name, section);
        let line = line_of(&dir, needle);
        let e = run(&dir).unwrap_err();
        assert!(e.contains(message), "{name}: {e}");
        assert!(e.contains(&format!("kycgen.yaml:{line}:")), "{name}: the error is at line {line} of the config: {e}");
    }
}

#[test]
fn a_malformed_section_is_a_config_error() {
    let dir = plaid_with("shape", "enum_methods:\n  StepStatus: [success]\n");
    let e = run(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).ok();
    assert!(e.contains("kycgen.yaml:") && e.contains("invalid config"), "{e}");
}
