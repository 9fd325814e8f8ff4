//! `cargo xtask generate --spec DIR --out OUT` on a directory of markdown docs (Speakeasy
//! dialect, one file per object, linking each other through `../../models/components/`)
//! makes a standalone crate, named after the directory, that builds.

use kycgen_tests::{build_standalone, generate_standalone};

/// The Speakeasy fixture of the markdown reader's snapshot tests.
const DOCS: &str = "tests/fixtures/markdown/speakeasy";

#[test]
fn directory_of_markdown_docs_generates_a_crate_that_builds() {
    let out = generate_standalone(DOCS, "speakeasy", &[]);
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml written");
    assert!(manifest.contains("name = \"speakeasy\""), "crate is named after the directory:\n{manifest}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).expect("src/lib.rs written");
    for ty in ["pub struct IdentityVerification ", "pub enum IdentityVerificationStatus ", "pub struct UserData ", "pub struct UserAddress "] {
        assert!(lib.contains(ty), "missing `{ty}`");
    }
    build_standalone(&out, &[&[]]);
}
