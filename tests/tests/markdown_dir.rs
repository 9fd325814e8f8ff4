//! `cargo xtask generate --spec DIR --out OUT` on a directory of markdown docs (Speakeasy
//! dialect, one file per object, linking each other through `../../models/components/`)
//! makes a standalone crate, named after the directory, that builds.

use kycgen_tests::{cargo, project_root};

/// The Speakeasy fixture of the markdown reader's snapshot tests.
const DOCS: &str = "tests/fixtures/markdown/speakeasy";

#[test]
fn directory_of_markdown_docs_generates_a_crate_that_builds() {
    let root = project_root();
    let tmp = std::env::temp_dir().join(format!("kycgen-markdown-dir-{}", std::process::id()));
    let out = tmp.join("speakeasy");
    let _ = std::fs::remove_dir_all(&tmp);
    let out_arg = out.to_string_lossy().into_owned();
    cargo(&["run", "--quiet", "--package", "xtask", "--", "generate", "--spec", DOCS, "--out", &out_arg], &root);

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml written");
    assert!(manifest.contains("name = \"speakeasy\""), "crate is named after the directory:\n{manifest}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).expect("src/lib.rs written");
    for ty in ["pub struct IdentityVerification ", "pub enum IdentityVerificationStatus ", "pub struct UserData ", "pub struct UserAddress "] {
        assert!(lib.contains(ty), "missing `{ty}`");
    }

    // The workspace's lock file pins the same dependency versions, so nothing new is fetched.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).expect("lock file copied");
    cargo(&["build", "--quiet"], &out);
    let _ = std::fs::remove_dir_all(&tmp);
}
