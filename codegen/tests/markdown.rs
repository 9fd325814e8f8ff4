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

#[test]
fn real_dialect_samples_read_without_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/markdown-examples");
    if !dir.is_dir() {
        eprintln!("skipping: ../shared is not beside the checkout");
        return;
    }
    // Stripe's docs, Speakeasy's TypeScript docs, openapi-generator's Java docs. Their links
    // name files that are not among the samples, so they are taken by name.
    for sample in ["stripe-skills", "ascend-speakeasy-ts", "sumsub-konfig-java"] {
        let root = SpecRoot::new(&dir.join(sample), sample).expect("sample directory");
        let mut diags = Diagnostics::new();
        let (spec, _) = markdown::read_with(&root, &[".".into()], markdown::Links::Names, &mut diags);
        // Stripe's `customer` doc has blank lines inside cells, which end its table: those
        // rows are errors, rightly. Nothing else is.
        let errors: Vec<String> = diags.errors().map(|d| d.message.clone()).filter(|m| !m.contains("outside any table")).collect();
        assert!(errors.is_empty(), "{sample}:\n{diags}");
        assert!(!diags.to_string().contains("the header's"), "well-formed rows are not ragged: {sample}:\n{diags}");
        assert!(spec.schemas.len() >= 5, "{sample}: {:?}", spec.schemas.keys());
    }
}

#[test]
fn ragged_rows_warn_with_what_was_assumed() {
    let (spec, diags) = snapshot("ragged", "ragged", ".");
    assert!(!diags.contains("error"), "{diags}");
    let at = |line: &str| diags.lines().find(|l| l.contains(line)).unwrap_or_else(|| panic!("no `{line}` in\n{diags}")).to_string();
    assert!(at("ragged.md:8:1: warning:").contains("`short` has 2 of the header's 4 cells: `Required`, `Description` taken as empty, so the field is read as optional"));
    assert!(at("ragged.md:9:1: warning:").ends_with("`Description` taken as empty"));
    assert!(at("ragged.md:10:1: warning:").contains("more cells than the header's 4: `and a fifth` is ignored"));
    assert!(at("generator.md:8:1: warning:").contains("`bare` has 2 of the header's 4 cells: `Description`, `Notes` taken as empty, so the field is read as required"));
    assert!(at("generator.md:9:1: warning:").contains("`[readonly]` is ignored"));
    assert!(at("status.md:8:1: warning:").contains("row of `Done` has 1 of the header's 2 cells: `Value` taken as empty, so the row is skipped"));
    assert!(at("status.md:9:1: warning:").contains("row of `Failed` has more cells than the header's 2: `extra` is ignored"));
    assert!(matches!(&spec.schemas["Status"].kind, Kind::Enum(e) if e.values.len() == 2), "Done is skipped");
    assert!(!diags.contains("generator.md:7:"), "an empty last cell after `| ` is written:\n{diags}");
    assert_eq!(diags.matches("warning").count(), 7, "{diags}");
    let Kind::Object(o) = &spec.schemas["ragged"].kind else { panic!() };
    assert!(o.properties.iter().all(|p| p.name != "short" || !p.required));
}

/// The properties of object `name`, by wire name.
fn props<'s>(spec: &'s Spec, name: &str) -> Vec<(&'s str, &'s kycgen_codegen::ir::Property)> {
    let Kind::Object(o) = &spec.schemas[name].kind else { panic!("{name} is not an object") };
    o.properties.iter().map(|p| (p.name.as_str(), p)).collect()
}

#[test]
fn speakeasy_go_dialect() {
    // Read from `docs/models/components/` itself: its `../../models/components/x.md` links
    // land back inside.
    let (spec, diags) = snapshot("speakeasy_go", "speakeasy-go/docs/models/components", ".");
    assert!(!diags.contains("error"), "{diags}");
    assert_eq!(diags.matches("warning").count(), 3, "one per table, about Go names:\n{diags}");
    assert!(diags.contains("(`ID` → `id`)"), "{diags}");
    let p = props(&spec, "IdentityVerification");
    let names: Vec<&str> = p.iter().map(|(n, _)| *n).collect();
    assert_eq!(&names[..4], ["id", "client_user_id", "attempt", "score"]);
    let field = |n: &str| p.iter().find(|(w, _)| *w == n).map(|(_, p)| *p).unwrap_or_else(|| panic!("no {n}"));
    // A required pointer is nullable; an optional one is just optional.
    assert!(field("client_user_id").required && field("client_user_id").schema.nullable);
    assert!(!field("id").schema.nullable);
    assert!(!field("score").required && !field("score").schema.nullable);
    assert!(field("completed_at").schema.nullable);
    assert_eq!(field("owner").schema.kind, Kind::Ref("IdentityOwner".into()));
    assert!(field("owner").schema.nullable);
    assert!(matches!(&field("addresses").schema.kind, Kind::Array(a) if a.kind == Kind::Ref("Address".into())));
    assert!(matches!(&field("addresses_by_kind").schema.kind, Kind::Map(a) if a.kind == Kind::Ref("Address".into())));
    assert!(matches!(spec.schemas["IdentityVerificationStatus"].kind, Kind::Enum(_)));
}

#[test]
fn openapi_generator_go_dialect() {
    let (spec, diags) = snapshot("openapi_generator_go", "openapi-generator-go", ".");
    assert!(!diags.contains("error"), "{diags}");
    assert_eq!(diags.matches("warning").count(), 3, "one per table, about Go names:\n{diags}");
    let p = props(&spec, "IdentityVerification");
    let field = |n: &str| p.iter().find(|(w, _)| *w == n).map(|(_, p)| *p).unwrap_or_else(|| panic!("no {n}"));
    assert!(field("id").required && !field("id").schema.nullable);
    // `NullableString` is nullable; `Pointer to` says only what `[optional]` says.
    assert!(field("client_user_id").required && field("client_user_id").schema.nullable);
    assert!(!field("score").required && !field("score").schema.nullable);
    assert!(!field("completed_at").required && field("completed_at").schema.nullable);
    assert_eq!(field("raw").schema.kind, Kind::Any);
    assert_eq!(field("raw").schema.docs.description.as_deref(), Some("Raw payload, <b>as sent</b>."));
    assert!(matches!(&field("documents").schema.kind, Kind::Array(a) if a.kind == Kind::Ref("IdentityDocument".into())));
    assert!(matches!(&field("scans").schema.kind, Kind::Map(a) if a.kind == Kind::Ref("IdentityDocument".into())));
    assert_eq!(field("status").schema.kind, Kind::Ref("IdentityVerificationStatus".into()));
    // The enum doc is a `## Enum` list of `NAME (value: "x")` items.
    let Kind::Enum(e) = &spec.schemas["IdentityVerificationStatus"].kind else { panic!("an enum") };
    assert_eq!(e.values, ["active", "success", "failed"]);
    assert_eq!(spec.schemas.len(), 4);
}

#[test]
fn value_meanings_tables_give_enum_values_their_meaning() {
    let (spec, diags) = snapshot("enum_meanings", "enum-meanings", "check.md");
    let at = "tests/fixtures/markdown/enum-meanings/check.md";
    let meanings = |path: &[&str]| {
        let mut s = &spec.schemas["check"];
        for name in path {
            let Kind::Object(o) = &s.kind else { panic!("{name}: not an object") };
            s = &o.properties.iter().find(|p| p.name == *name).expect(name).schema;
        }
        if let Kind::Array(items) = &s.kind {
            s = items;
        }
        let Kind::Enum(e) = &s.kind else { panic!("{path:?}: not an enum") };
        e.meanings.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>()
    };
    assert_eq!(meanings(&["status"]), ["failed=The user failed the check; see `error`.", "passed=The user passed the check."]);
    assert_eq!(meanings(&["kinds"]), ["selfie=A photo of the user's face."]);
    assert_eq!(meanings(&["error", "code"]), ["expired=The document is past its expiry date."]);
    for expected in [
        format!("{at}:28:1: warning: the meaning of `failed` of `status` is given twice: the first is kept"),
        format!("{at}:29:1: warning: `pending` is not one of the values of `status`: its meaning is ignored"),
        format!("{at}:36:1: warning: value `document` of `kinds` has an empty meaning: ignored"),
        format!("{at}:46:1: warning: value meanings under `note` name no enum field: ignored"),
    ] {
        assert!(diags.contains(&expected), "{expected}\nin\n{diags}");
    }
    assert!(!diags.contains("error:"), "{diags}");
}
