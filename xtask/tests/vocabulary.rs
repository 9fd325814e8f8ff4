//! The vocabulary keeps up with the spec: a copy of the Plaid spec with a new
//! `DocumentCategory` value (`mobile_drivers_license`) makes `generate` and `generate --check`
//! fail with exit 1, naming vendor, enum, value and the config's file and line, and writing
//! nothing; once the config maps the value, generation passes and converts it. A mapping of
//! a value the spec no longer has fails the same way, and `diff --config` lists what an
//! update adds that the vocabulary does not cover.

#[allow(dead_code)] // `vendor` is for the other tests
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NEW_VALUE: &str = "mobile_drivers_license";

fn xtask(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).env("KYCGEN_PROJECT_ROOT", root).output().expect("xtask runs")
}

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// A scratch project holding a copy of `specs/plaid-idv` whose `PhysicalDocumentCategory`
/// lists one more value (the config re-pinned to the mutated spec).
fn mutated(name: &str) -> PathBuf {
    let root = common::scratch("vocabulary", name);
    let dir = root.join("specs/plaid-idv");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = std::fs::read_to_string(project().join("specs/plaid-idv/openapi.yaml")).unwrap();
    let anchor = "    PhysicalDocumentCategory:";
    let at = spec.find(anchor).expect("the spec has PhysicalDocumentCategory");
    let visa = at + spec[at..].find("        - visa\n").expect("its enum lists visa");
    let spec = format!("{}        - {NEW_VALUE}\n{}", &spec[..visa], &spec[visa..]);
    let cfg = std::fs::read_to_string(project().join("specs/plaid-idv/kycgen.yaml")).unwrap();
    let old_sha = kycgen_codegen::sha256_hex(std::fs::read_to_string(project().join("specs/plaid-idv/openapi.yaml")).unwrap());
    let cfg = cfg.replace(&old_sha, &kycgen_codegen::sha256_hex(&spec));
    std::fs::write(dir.join("openapi.yaml"), spec).unwrap();
    std::fs::write(dir.join("kycgen.yaml"), cfg).unwrap();
    root
}

/// 1-based line of the first line of `text` equal to `line` after trimming.
fn line_of(text: &str, line: &str) -> usize {
    text.lines().position(|l| l.trim() == line).expect("line present") + 1
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_new_vendor_value_fails_until_it_is_mapped() {
    let root = mutated("new-value");
    let cfg_path = root.join("specs/plaid-idv/kycgen.yaml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap();
    let line = line_of(&cfg, "DocumentCategory:");
    for args in [&["generate", "--check"][..], &["generate"][..]] {
        let o = xtask(args, &root);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        let want = format!(
            "specs/plaid-idv/kycgen.yaml:{line}:5: error: vocabulary: plaid: enum `DocumentCategory` value `{NEW_VALUE}` is neither mapped to a `DocumentType` value nor listed under `unmapped`"
        );
        assert!(err.contains(&want), "{args:?}: expected\n{want}\nin\n{err}");
        assert!(!root.join("generated").exists(), "{args:?}: a failed run wrote output");
    }
    // Mapped: generation passes and the value converts.
    let mapped = cfg.replace("        visa: Visa\n", &format!("        visa: Visa\n        {NEW_VALUE}: DriversLicense\n"));
    assert_ne!(mapped, cfg, "the config maps visa");
    std::fs::write(&cfg_path, &mapped).unwrap();
    let o = xtask(&["generate"], &root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let code = std::fs::read_to_string(root.join("generated/plaid-idv/src/vocabulary.rs")).unwrap();
    assert!(code.contains("crate::DocumentCategory::MobileDriversLicense => Self::DriversLicense,"), "{code}");
    let table = std::fs::read_to_string(root.join("generated/VOCABULARY.md")).unwrap();
    assert!(table.contains(&format!("`{NEW_VALUE}`")), "{table}");
    assert_eq!(xtask(&["generate", "--check"], &root).status.code(), Some(0));
    // Declared unmapped instead: passes too, and converts to `Other`.
    let unmapped = cfg.replace("      common: DocumentType\n", &format!("      common: DocumentType\n      unmapped: [{NEW_VALUE}]\n"));
    std::fs::write(&cfg_path, &unmapped).unwrap();
    let o = xtask(&["generate"], &root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let code = std::fs::read_to_string(root.join("generated/plaid-idv/src/vocabulary.rs")).unwrap();
    let arm = format!("crate::DocumentCategory::MobileDriversLicense=>Self::Other(\"{NEW_VALUE}\".to_owned())");
    // prettyplease may put a long arm in braces.
    let flat: String = code.split_whitespace().collect::<String>().replace("=>{", "=>").replace(")}", ")");
    assert!(flat.contains(&arm), "{code}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_mapping_of_a_value_the_spec_lacks_fails() {
    let root = mutated("gone-value");
    let cfg_path = root.join("specs/plaid-idv/kycgen.yaml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap();
    let cfg = cfg.replace("        visa: Visa\n", &format!("        visa: Visa\n        {NEW_VALUE}: DriversLicense\n        library_card: NationalIdCard\n"));
    std::fs::write(&cfg_path, &cfg).unwrap();
    let line = line_of(&cfg, "library_card: NationalIdCard");
    let o = xtask(&["generate", "--check"], &root);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let want = format!("specs/plaid-idv/kycgen.yaml:{line}:23: error: vocabulary: plaid: enum `DocumentCategory` has no value `library_card` any more, but the config maps it");
    assert!(err.contains(&want), "expected\n{want}\nin\n{err}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_mapping_to_a_value_kyc_common_lacks_is_bad_input() {
    let root = mutated("bad-target");
    let cfg_path = root.join("specs/plaid-idv/kycgen.yaml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap();
    let cfg = cfg.replace("        visa: Visa\n", &format!("        visa: Visa\n        {NEW_VALUE}: DrivingPermit\n"));
    std::fs::write(&cfg_path, &cfg).unwrap();
    let o = xtask(&["generate", "--check"], &root);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("`DrivingPermit` is not a `DocumentType` value"), "{err}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn diff_lists_values_the_vocabulary_does_not_cover() {
    let root = mutated("diff");
    let old = project().join("specs/plaid-idv/openapi.yaml");
    let new = root.join("specs/plaid-idv/openapi.yaml");
    let cfg = project().join("specs/plaid-idv/kycgen.yaml");
    let o = xtask(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--config", cfg.to_str().unwrap()], &root);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.contains("Vocabulary"), "{out}");
    assert!(out.contains(&format!("`DocumentCategory` value `{NEW_VALUE}`")), "{out}");
    let o = xtask(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--config", cfg.to_str().unwrap(), "--format", "json"], &root);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json report");
    let uncovered = v["vocabulary"].as_array().expect("vocabulary list");
    assert!(uncovered.iter().any(|u| u["enum"] == "DocumentCategory" && u["value"] == NEW_VALUE), "{v}");
    // Without the new value there is nothing to map.
    let o = xtask(&["diff", old.to_str().unwrap(), old.to_str().unwrap(), "--config", cfg.to_str().unwrap(), "--format", "json"], &root);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json report");
    assert_eq!(v["vocabulary"], serde_json::json!([]), "{v}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn summary_paths_are_checked() {
    let root = mutated("paths");
    let cfg_path = root.join("specs/plaid-idv/kycgen.yaml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap();
    // A field the spec does not have: a spec change to follow (exit 1).
    let gone = cfg.replace("      id: id\n      status: status\n", "      id: id\n      status: verdict\n");
    assert_ne!(gone, cfg);
    std::fs::write(&cfg_path, &gone).unwrap();
    let o = xtask(&["generate", "--check"], &root);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("specs/plaid-idv/kycgen.yaml:{}:", line_of(&gone, "status: verdict"))), "{err}");
    assert!(err.contains("summary of `IdentityVerification`, `verdict`: `IdentityVerification` has no field `verdict`"), "{err}");
    // A list without a pick, and a path to an enum mapped to another common enum: bad input.
    let bad = cfg
        .replace("documentary_verification.documents[last].extracted_data.category", "documentary_verification.documents.extracted_data.category")
        .replace("        Selfie: steps.selfie_check\n", "        Selfie: status\n");
    std::fs::write(&cfg_path, &bad).unwrap();
    let o = xtask(&["generate", "--check"], &root);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("field `documents`: a list: write `name[last]` or `name[first]`"), "{err}");
    assert!(err.contains("ends at enum `IdentityVerificationStatus`, which `vocabulary.enums` does not map to `CheckOutcome`"), "{err}");
    let _ = std::fs::remove_dir_all(&root);
}
