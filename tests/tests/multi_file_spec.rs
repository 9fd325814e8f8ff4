//! `cargo xtask generate --spec tests/fixtures/multi_file/openapi.yaml --out OUT` on a spec
//! laid out as vendors publish them: `paths` entries that are `$ref`s into JSON and YAML
//! files in nested directories (`~1`-escaped and percent-encoded pointers, a whole file as
//! one path item, a ref within the document), whose operations refer to schemas in further
//! files. Every schema the operations reach is generated, each resource gets its feature,
//! and the crate builds, with all features and with one.

use kycgen_tests::{cargo, project_root};

const SPEC: &str = "tests/fixtures/multi_file/openapi.yaml";

#[test]
fn path_items_behind_refs_generate_a_crate_that_builds() {
    let root = project_root();
    let tmp = std::env::temp_dir().join(format!("kycgen-multi-file-{}", std::process::id()));
    let out = tmp.join("multi");
    let _ = std::fs::remove_dir_all(&tmp);
    let out_arg = out.to_string_lossy().into_owned();
    let args = ["run", "--quiet", "--package", "xtask", "--", "generate", "--spec", SPEC, "--out", &out_arg, "--crate-name", "multi-file-kyc"];
    cargo(&args, &root);

    let lib = std::fs::read_to_string(out.join("src/lib.rs")).expect("src/lib.rs written");
    let wanted = [
        // paths/applications.json → schemas/application/application.json → schemas/common.yaml
        "pub struct Application ",
        "pub struct ApplicationCreateRequest ",
        "pub struct Applicant ",
        "pub struct Address ",
        "pub type ApplicationList = Vec<Application>;",
        "pub type Metadata = std::collections::BTreeMap<String, String>;",
        // paths/process.yml#/paths/~1process~1{id}, with its own components
        "pub struct ProcessRequest ",
        "pub struct ProcessResult ",
        // paths/checks.yaml (the whole file) → schemas/check.yaml#/components/schemas/Check
        "pub struct Check ",
        "pub enum CheckResult ",
        // #/x-path-items/status → schemas/common.yaml#/Status
        "pub enum Status ",
    ];
    for item in wanted {
        assert!(lib.contains(item), "missing `{item}` in:\n{lib}");
    }
    assert!(lib.contains("pub fn new(applicant: Applicant) -> Self"), "the request gets new()");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml written");
    assert!(manifest.contains("full = [\"applications\", \"checks\", \"process\", \"status\"]"), "one feature per resource:\n{manifest}");
    // Every file the spec is made of is hashed into the header.
    assert!(lib.starts_with("// @generated") && lib.lines().next().unwrap_or("").contains("7 files"), "{}", lib.lines().next().unwrap_or(""));

    // The workspace's lock file pins the same dependency versions; a target directory
    // under the workspace's keeps their builds between runs.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).expect("lock file copied");
    let target = root.join("target/standalone-fixtures");
    let target = target.to_string_lossy();
    cargo(&["build", "--quiet", "--target-dir", &target], &out);
    cargo(&["build", "--quiet", "--target-dir", &target, "--no-default-features", "--features", "checks"], &out);
    let _ = std::fs::remove_dir_all(&tmp);
}
