//! `crosscheck`: an object's markdown docs against its OpenAPI schema. A fixture pair with
//! one disagreement of each kind (and fields that agree under different names), the two
//! real pairs of `../shared` as snapshots, and the xtask command's exit codes.

use kycgen_codegen::crosscheck::{self, report, Disagreement, Row};
use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::markdown;
use kycgen_codegen::source::SpecRoot;
use kycgen_tests::{project_root, shared_dir};
use std::process::Command;

const FIXTURES: &str = "tests/fixtures/crosscheck";

fn row(field: &str, kind: Disagreement, docs: &str, spec: &str) -> Row {
    Row { field: field.into(), kind, docs: docs.into(), spec: spec.into() }
}

#[test]
fn fixture_pair_disagrees_once_in_each_way() {
    let dir = project_root().join(FIXTURES);
    let docs = crosscheck::read_docs(&dir.join("applicant.md")).expect("docs read without following links");
    let spec = crosscheck::read_openapi(&dir.join("openapi.yaml")).expect("spec reads");
    let r = crosscheck::compare(&docs, &spec, None).expect("compared");
    assert_eq!((r.docs_object.as_str(), r.spec_object.as_str()), ("Applicant", "Applicant"));
    assert_eq!((r.docs_fields, r.spec_fields, r.both), (11, 11, 10));
    // `id` (string vs `$ref` to a string), `address` (`[applicant_address]` vs
    // `ApplicantAddress`), `previous_address` (the link's file stem `applicant-address`),
    // `status` (`components.ApplicantStatus`) and `created` agree.
    let expected = vec![
        row("age", Disagreement::Type, "`integer`", "`string`"),
        row("nickname", Disagreement::Nullable, "not nullable", "nullable"),
        row("country", Disagreement::Required, "optional", "required"),
        row("level", Disagreement::EnumValues, "`basic`, `full`", "`basic`, `full`, `premium`"),
        row("note", Disagreement::MaxLength, "500", "1000"),
        row("middle_name", Disagreement::MissingInSpec, "`string`, optional", "—"),
        row("phone", Disagreement::MissingInDocs, "—", "`string`, optional"),
    ];
    assert_eq!(r.rows, expected);
    let md = report::markdown(&r, "applicant.md", "openapi.yaml");
    assert!(md.contains("| field | docs | spec | disagreement |\n"), "{md}");
    assert!(md.contains("| `age` | `integer` | `string` | type |\n"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&report::json(&r, "applicant.md", "openapi.yaml")).expect("json");
    assert_eq!(json["summary"]["disagreements"], 7);
    assert_eq!(json["rows"][0]["kind"], "type");
}

#[test]
fn default_reader_still_follows_links() {
    // The fixture links to files that do not exist: the default mode reports them.
    let root = SpecRoot::new(&project_root().join(FIXTURES), FIXTURES).expect("root");
    let mut diags = Diagnostics::new();
    markdown::read(&root, "applicant.md", &mut diags);
    let errors: Vec<String> = diags.errors().map(|d| d.message.clone()).collect();
    assert!(errors.iter().any(|m| m.contains("applicant-address.md")), "{errors:?}");
    assert!(errors.iter().any(|m| m.contains("leaves the spec root")), "{errors:?}");
}

/// The markdown report of a real pair, with `../shared/…` labels.
fn real_report(docs: &str, spec: &str, object: &str) -> Option<String> {
    let shared = shared_dir()?;
    let d = crosscheck::read_docs(&shared.join(docs)).unwrap_or_else(|e| panic!("{docs}:\n{e}"));
    let s = crosscheck::read_openapi(&shared.join(spec)).unwrap_or_else(|e| panic!("{spec}:\n{e}"));
    let r = crosscheck::compare(&d, &s, Some(object)).expect("compared");
    Some(report::markdown(&r, &format!("../shared/{docs}"), &format!("../shared/{spec}")))
}

#[test]
fn stripe_verification_report_docs_against_spec() {
    let Some(md) = real_report("seeds/stripe-identity.verification_report.fields.md", "specs/stripe/spec3.json", "identity.verification_report")
    else {
        return;
    };
    insta::assert_snapshot!("stripe_identity_verification_report", md);
}

#[test]
fn plaid_identity_verification_sdk_docs_against_spec() {
    let Some(md) = real_report("seeds/plaid-identity-verification.sdk-model.md", "specs/plaid/2020-09-14.yml", "IdentityVerification") else {
        return;
    };
    insta::assert_snapshot!("plaid_identity_verification", md);
}

#[test]
fn xtask_exit_codes() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO"))
            .args(["xtask", "crosscheck"])
            .args(args)
            .current_dir(project_root())
            .output()
            .expect("cargo runs");
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (md, spec) = (format!("{FIXTURES}/applicant.md"), format!("{FIXTURES}/openapi.yaml"));
    let (code, stdout, stderr) = run(&["--markdown", &md, "--openapi", &spec]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("**7 disagreements**"), "{stdout}");
    let (code, _, stderr) = run(&["--markdown", &format!("{FIXTURES}/missing.md"), "--openapi", &spec]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("missing.md: error: cannot read file"), "{stderr}");
    let (code, _, _) = run(&["--markdown", &md]);
    assert_eq!(code, Some(2));
}
