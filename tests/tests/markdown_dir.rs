//! `cargo xtask generate --spec DIR --out OUT` on a directory of markdown docs (one file per
//! object, linking each other through `../../models/components/` or side by side) makes a
//! standalone crate, named after the directory, that builds: Speakeasy's Python and Go
//! dialects and openapi-generator's Go dialect.

use kycgen_tests::{build_standalone, generate_standalone};

/// The Speakeasy fixture of the markdown reader's snapshot tests.
const DOCS: &str = "tests/fixtures/markdown/speakeasy";

/// Generates `docs` into a temporary crate, checks it is named `name` and defines `types`,
/// and builds it.
fn generates_and_builds(docs: &str, name: &str, types: &[&str]) {
    let out = generate_standalone(docs, name, &[]);
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml written");
    assert!(manifest.contains(&format!("name = \"{name}\"")), "crate is named after the directory:\n{manifest}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).expect("src/lib.rs written");
    for ty in types {
        assert!(lib.contains(ty), "missing `{ty}`");
    }
    build_standalone(&out, &[&[]]);
}

#[test]
fn directory_of_markdown_docs_generates_a_crate_that_builds() {
    let types = ["pub struct IdentityVerification ", "pub enum IdentityVerificationStatus ", "pub struct UserData ", "pub struct UserAddress "];
    generates_and_builds(DOCS, "speakeasy", &types);
}

/// Speakeasy's Go docs, generated from `docs/models/components/` itself (their
/// `../../models/components/x.md` links land back inside it).
#[test]
fn speakeasy_go_docs_generate_a_crate_that_builds() {
    let docs = "tests/fixtures/markdown/speakeasy-go/docs/models/components";
    let types = ["pub struct IdentityVerification ", "pub enum IdentityVerificationStatus ", "pub struct IdentityOwner ", "pub client_user_id: Option<String>"];
    generates_and_builds(docs, "components", &types);
}

/// openapi-generator's Go docs (`Pointer to`, `[optional]`, `NullableString`).
#[test]
fn openapi_generator_go_docs_generate_a_crate_that_builds() {
    let types = ["pub struct IdentityVerification ", "pub enum IdentityVerificationStatus ", "pub struct IdentityDocument ", "pub struct IdentityOwner "];
    generates_and_builds("tests/fixtures/markdown/openapi-generator-go", "openapi-generator-go", &types);
}
