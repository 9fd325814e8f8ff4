//! insta snapshots of the markdown reader: one small fixture directory per behaviour under
//! `tests/fixtures/markdown/`, each snapshotted as IR (`ir::Spec`) and as diagnostics text.

use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::ir::{Kind, Spec};
use kycgen_codegen::markdown;
use kycgen_codegen::source::{self, SpecRoot};
use std::path::Path;

/// Reads `entry` (a file, or `.` for the whole directory) of one fixture directory.
fn read(fixture: &str, entry: &str) -> (Spec, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/markdown").join(fixture);
    let root = SpecRoot::new(&dir, format!("tests/fixtures/markdown/{fixture}")).expect("fixture directory");
    let mut diags = Diagnostics::new();
    let (spec, files) = markdown::read(&root, entry, &mut diags);
    let refs: Vec<_> = files.iter().collect();
    source::locate(&mut diags, &refs);
    diags.sort();
    (spec, diags.to_string())
}

fn snapshot(name: &str, fixture: &str, entry: &str) -> (Spec, String) {
    let (spec, diags) = read(fixture, entry);
    insta::assert_yaml_snapshot!(format!("{name}_ir"), spec);
    insta::assert_snapshot!(format!("{name}_diagnostics"), diags);
    (spec, diags)
}

#[test]
fn stripe_dialect() {
    // One file named; the file it links to comes along.
    let (spec, diags) = snapshot("stripe", "stripe", "identity-check.md");
    assert!(diags.is_empty(), "{diags}");
    assert_eq!(spec.schemas.keys().collect::<Vec<_>>(), ["identity.check", "identity_document"]);
}

#[test]
fn speakeasy_dialect() {
    // A directory, with Speakeasy's `../../models/components/x.md` links between its files.
    let (spec, diags) = snapshot("speakeasy", "speakeasy", ".");
    assert!(diags.is_empty(), "{diags}");
    assert!(matches!(spec.schemas["IdentityVerificationStatus"].kind, Kind::Enum(_)));
}

#[test]
fn openapi_generator_dialect() {
    let (spec, diags) = snapshot("openapi_generator", "openapi-generator", ".");
    assert!(diags.is_empty(), "{diags}");
    assert_eq!(spec.schemas.len(), 3);
}

#[test]
fn cyclic_links() {
    let (spec, diags) = snapshot("cyclic", "cyclic", "node.md");
    assert!(diags.is_empty(), "{diags}");
    assert_eq!(spec.files.len(), 2, "each file is read once");
}

#[test]
fn escaped_pipes_and_html_in_cells() {
    let (_, diags) = snapshot("cells", "cells", "cells.md");
    assert!(diags.is_empty(), "{diags}");
}

#[test]
fn truncated_enum_warns() {
    let (_, diags) = snapshot("truncated_enum", "truncated-enum", "dispute.md");
    assert!(diags.contains("dispute.md:7:14: warning: enum list"), "{diags}");
    assert!(!diags.contains("error"), "{diags}");
}

#[test]
fn unknown_type_is_an_error_with_file_and_line() {
    let (_, diags) = snapshot("unknown_type", "unknown-type", "broken.md");
    assert!(diags.contains("tests/fixtures/markdown/unknown-type/broken.md:8:12: error: unknown type `strnig`"), "{diags}");
}

#[test]
fn links_that_are_not_followed() {
    let (_, diags) = snapshot("bad_links", "bad-links", "links.md");
    assert!(diags.contains("leaves the spec root"), "{diags}");
    assert!(diags.contains("absolute path `/etc/passwd.md` is not allowed"), "{diags}");
}

#[test]
fn links_resolve_where_they_land() {
    // The root is `docs/models/components/`: `../../models/components/owner.md` climbs above
    // it and lands back inside; `../../secrets/secret.md` lands outside and is refused.
    let (spec, diags) = read("climbing/docs/models/components", ".");
    assert_eq!(spec.schemas.keys().collect::<Vec<_>>(), ["Account", "Owner"], "{diags}");
    let Kind::Object(account) = &spec.schemas["Account"].kind else { panic!("Account is an object") };
    assert_eq!(account.properties[1].schema.kind, Kind::Ref("Owner".into()));
    assert!(
        diags.contains("climbing/docs/models/components/account.md:11:14: error: `../../secrets/secret.md` leaves the spec root"),
        "{diags}"
    );
    assert_eq!(diags.matches("error").count(), 1, "{diags}");
    assert!(spec.files.iter().all(|f| !f.contains("secret")), "{:?}", spec.files);
}
