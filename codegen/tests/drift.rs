//! The drift engine on tiny spec pairs: one test per semver rule, a shared enum that splits
//! (a dedup decision changing), a Rust rename, and the markdown report.

use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::diff::{self, report, Change, ChangeKind, Severity};
use kycgen_codegen::ir::Spec;
use kycgen_codegen::source::{parse_document, SourceFile};

fn spec(schemas: &str) -> Spec {
    let text = format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\ncomponents:\n  schemas:\n{schemas}");
    let file = SourceFile { display: "spec.yaml".into(), rel: "spec.yaml".into(), text };
    let doc = parse_document(&file).unwrap_or_else(|d| panic!("{d}"));
    let mut diags = Diagnostics::new();
    let s = kycgen_codegen::openapi::read(&file, &doc, &mut diags);
    assert!(!diags.has_errors(), "{diags}");
    s
}

fn changes(old: &str, new: &str) -> Vec<Change> {
    diff::diff(&spec(old), &spec(new), &[])
}

fn find<'a>(changes: &'a [Change], kind: ChangeKind, path: &str) -> &'a Change {
    changes.iter().find(|c| c.kind == kind && c.path == path).unwrap_or_else(|| panic!("no {kind:?} at {path} in {changes:#?}"))
}

const SHARED_OLD: &str = "
    Status: {type: string, enum: [active, closed]}
    DocumentStatus: {type: string, enum: [active, closed]}
    Account:
      type: object
      required: [status, document_status]
      properties:
        status: {$ref: '#/components/schemas/Status'}
        document_status: {$ref: '#/components/schemas/DocumentStatus'}
        review: {type: string, enum: [active, closed]}
";

#[test]
fn shared_enum_split_is_breaking() {
    // Before: the three enums are one Rust type, `Status`. After: `DocumentStatus` gains a
    // value, so it (and nothing else) gets a type of its own.
    let new = SHARED_OLD.replace("DocumentStatus: {type: string, enum: [active, closed]}", "DocumentStatus: {type: string, enum: [active, closed, expired]}");
    let c = changes(SHARED_OLD, &new);
    let split = find(&c, ChangeKind::SharedTypeSplit, "DocumentStatus");
    assert_eq!((split.old.as_str(), split.new.as_str()), (Some("Status"), Some("DocumentStatus")));
    assert_eq!(split.severity, Severity::Breaking);
    assert_eq!(find(&c, ChangeKind::EnumValuesAdded, "DocumentStatus").severity, Severity::Additive);
    assert!(!c.iter().any(|x| x.path == "Account.review" || x.path == "Status"), "{c:#?}");
    // The inline enum leaving the shared type shows too.
    let new = SHARED_OLD.replace("review: {type: string, enum: [active, closed]}", "review: {type: string, enum: [active]}");
    let c = changes(SHARED_OLD, &new);
    let split = find(&c, ChangeKind::SharedTypeSplit, "Account.review");
    assert_eq!((split.old.as_str(), split.new.as_str()), (Some("Status"), Some("AccountReview")));
    assert_eq!(find(&c, ChangeKind::EnumValuesRemoved, "Account.review").severity, Severity::Breaking);
}

#[test]
fn request_and_response_rules() {
    let old = "
    ThingRequest:
      type: object
      required: [id]
      properties:
        id: {type: string, maxLength: 10}
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: string, maxLength: 10}
        created: {type: string, format: date-time}
        kind: {type: string, enum: [a, b]}
";
    let new = "
    ThingRequest:
      type: object
      required: [id, secret]
      properties:
        id: {type: string, maxLength: 8}
        secret: {type: string}
        note: {type: string}
    Thing:
      type: object
      required: [id, extra]
      properties:
        id: {type: string, maxLength: 8}
        created: {type: string, format: date-time, nullable: true}
        kind: {type: string, enum: [a, c]}
        extra: {type: integer}
";
    let c = changes(old, new);
    let sev = |kind, path| find(&c, kind, path).severity;
    assert_eq!(sev(ChangeKind::PropertyAdded, "ThingRequest.secret"), Severity::Breaking, "new() changes");
    assert_eq!(sev(ChangeKind::PropertyAdded, "ThingRequest.note"), Severity::Additive);
    assert_eq!(sev(ChangeKind::PropertyAdded, "Thing.extra"), Severity::Additive);
    assert_eq!(sev(ChangeKind::MaxLengthChanged, "ThingRequest.id"), Severity::Breaking, "tighter limit on a request");
    assert_eq!(sev(ChangeKind::MaxLengthChanged, "Thing.id"), Severity::Docs, "responses are never rejected");
    assert_eq!(sev(ChangeKind::EnumValuesAdded, "Thing.kind"), Severity::Additive);
    assert_eq!(sev(ChangeKind::EnumValuesRemoved, "Thing.kind"), Severity::Breaking);
    let n = find(&c, ChangeKind::NullableChanged, "Thing.created");
    assert_eq!(n.severity, Severity::Breaking);
    assert_eq!(n.rust, "`Thing.created`: `Option<jiff::Timestamp>` → `Nullable<jiff::Timestamp>`");
    // Looser is additive, both ways round.
    let back = diff::diff(&spec(new), &spec(old), &[]);
    assert_eq!(find(&back, ChangeKind::MaxLengthChanged, "ThingRequest.id").severity, Severity::Additive);
    assert_eq!(find(&back, ChangeKind::PropertyRemoved, "ThingRequest.note").severity, Severity::Breaking);
}

#[test]
fn required_in_a_response_changes_the_type() {
    let old = "
    Verification:
      type: object
      properties:
        completed_at: {type: string, format: date-time}
";
    let new = old.replace("      properties:", "      required: [completed_at]\n      properties:");
    let c = changes(old, &new);
    let r = find(&c, ChangeKind::RequiredChanged, "Verification.completed_at");
    assert_eq!(r.severity, Severity::Breaking);
    assert_eq!(r.rust, "`Verification.completed_at`: `Option<jiff::Timestamp>` → `jiff::Timestamp`");
}

#[test]
fn nullable_target_through_ref() {
    let old = "
    Region: {type: string}
    Address:
      type: object
      required: [region]
      properties:
        region: {$ref: '#/components/schemas/Region'}
        regions: {type: array, items: {$ref: '#/components/schemas/Region'}}
";
    let new = old.replace("Region: {type: string}", "Region: {type: string, nullable: true}");
    let c = changes(old, &new);
    assert_eq!(find(&c, ChangeKind::NullableChanged, "Region").severity, Severity::Breaking);
    let e = find(&c, ChangeKind::EffectiveNullableChanged, "Address.region");
    assert_eq!(e.rust, "`Address.region`: `String` → `Option<String>`");
    assert_eq!(find(&c, ChangeKind::EffectiveNullableChanged, "Address.regions[]").rust, "`Address.regions`: `Option<Vec<String>>` → `Option<Vec<Option<String>>>`");
}

#[test]
fn rust_rename_is_reported() {
    let old = "
    foo_bar: {type: object, properties: {a: {type: string}}}
";
    // A new schema takes the Rust name `FooBar` first (spec order), so `foo_bar` becomes `FooBar2`.
    let new = "
    FooBar: {type: object, properties: {b: {type: string}}}
    foo_bar: {type: object, properties: {a: {type: string}}}
";
    let c = changes(old, new);
    let r = find(&c, ChangeKind::RustNameChanged, "foo_bar");
    assert_eq!((r.old.as_str(), r.new.as_str(), r.severity), (Some("FooBar"), Some("FooBar2"), Severity::Breaking));
}

#[test]
fn roots_select_a_subset() {
    let old = "
    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}
    B: {type: string}
    C: {type: string}
";
    let new = old.replace("C: {type: string}", "C: {type: integer}").replace("B: {type: string}", "B: {type: string, format: date}");
    let c = diff::diff(&spec(old), &spec(&new), &["A".to_string()]);
    assert_eq!(c.iter().map(|c| (c.kind, c.path.as_str())).collect::<Vec<_>>(), [(ChangeKind::FormatChanged, "B")]);
    assert_eq!(c[0].rust, "`A.b`: `Option<String>` → `Option<jiff::civil::Date>`");
    assert!(diff::diff(&spec(old), &spec(old), &[]).is_empty());
}

#[test]
fn markdown_report() {
    let new = SHARED_OLD
        .replace("DocumentStatus: {type: string, enum: [active, closed]}", "DocumentStatus: {type: string, enum: [active, closed, expired]}")
        .replace("required: [status, document_status]", "required: [status]")
        .replace("      properties:\n", "      description: An account | with a pipe.\n      properties:\n");
    let c = changes(SHARED_OLD, &new);
    insta::assert_snapshot!("drift_markdown", report::markdown(&c, "old.yaml (1)", "new.yaml (2)"));
    insta::assert_snapshot!("drift_json", report::json(&c, "old.yaml", "new.yaml"));
}
