//! `cargo xtask generate --spec tests/fixtures/multi_file/openapi.yaml --out OUT` on a spec
//! laid out as vendors publish them: `paths` entries that are `$ref`s into JSON and YAML
//! files in nested directories (`~1`-escaped and percent-encoded pointers, a whole file as
//! one path item, a ref within the document), whose operations refer to schemas in further
//! files. Every schema the operations reach is generated, each resource gets its feature,
//! and the crate builds, with all features and with one.

use kycgen_tests::{build_standalone, generate_standalone};

const SPEC: &str = "tests/fixtures/multi_file/openapi.yaml";

#[test]
fn path_items_behind_refs_generate_a_crate_that_builds() {
    let out = generate_standalone(SPEC, "multi-file", &["--crate-name", "multi-file-kyc"]);

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

    build_standalone(&out, &[&[], &["--no-default-features", "--features", "checks"]]);
}
