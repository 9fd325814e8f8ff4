//! `cargo xtask generate --spec DIR --out OUT` on a directory of markdown docs (one file per
//! object, linking each other through `../../models/components/` or side by side) makes a
//! standalone crate, named after the directory, that builds: Speakeasy's Python and Go
//! dialects and openapi-generator's Go dialect.

use kycgen_tests::project_root;
use std::path::Path;
use std::process::Command;

/// The Speakeasy fixture of the markdown reader's snapshot tests.
const DOCS: &str = "tests/fixtures/markdown/speakeasy";

fn cargo(args: &[&str], dir: &Path) {
    let out = Command::new(env!("CARGO")).args(args).current_dir(dir).output().expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo {} failed:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Generates `docs` into a temporary crate, checks it is named `name` and defines `types`,
/// and builds it.
fn generates_and_builds(docs: &str, name: &str, types: &[&str]) {
    let root = project_root();
    let tmp = std::env::temp_dir().join(format!("kycgen-markdown-dir-{name}-{}", std::process::id()));
    let out = tmp.join(name);
    let _ = std::fs::remove_dir_all(&tmp);
    let out_arg = out.to_string_lossy().into_owned();
    cargo(&["run", "--quiet", "--package", "xtask", "--", "generate", "--spec", docs, "--out", &out_arg], &root);

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml written");
    assert!(manifest.contains(&format!("name = \"{name}\"")), "crate is named after the directory:\n{manifest}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).expect("src/lib.rs written");
    for ty in types {
        assert!(lib.contains(ty), "missing `{ty}`");
    }

    // The workspace's lock file pins the same dependency versions, so nothing new is fetched.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).expect("lock file copied");
    cargo(&["build", "--quiet"], &out);
    let _ = std::fs::remove_dir_all(&tmp);
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
