//! The drift engine on tiny spec pairs: one test per semver rule, a shared inline enum that
//! splits (a dedup decision changing), named enums that never merge, a Rust rename,
//! composition members matched by identity, keywords without effect, and the reports.

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
    Account:
      type: object
      required: [status, document_status]
      properties:
        status: {type: string, enum: [active, closed]}
        document_status: {type: string, enum: [active, closed]}
        review: {type: string, enum: [active, closed]}
";

#[test]
fn shared_enum_split_is_breaking() {
    // Before: the three inline enums of `Account` are one Rust type, `AccountReview` (the
    // named `Status` has its own). After: `document_status` gains a value, so it (and
    // nothing else) gets a type of its own.
    let new = SHARED_OLD.replace("document_status: {type: string, enum: [active, closed]}", "document_status: {type: string, enum: [active, closed, expired]}");
    let c = changes(SHARED_OLD, &new);
    let split = find(&c, ChangeKind::SharedTypeSplit, "Account.document_status");
    assert_eq!((split.old.as_str(), split.new.as_str()), (Some("AccountReview"), Some("AccountDocumentStatus")));
    assert_eq!(split.severity, Severity::Breaking);
    assert_eq!(find(&c, ChangeKind::EnumValuesAdded, "Account.document_status").severity, Severity::Additive);
    assert!(!c.iter().any(|x| x.path == "Account.review" || x.path == "Status" || x.path == "Account.status"), "{c:#?}");
}

#[test]
fn named_enums_keep_their_types_when_an_identical_one_is_added() {
    // Plaid added `RiskLevel` {low, medium, high}; `ImageQuality` must stay a type of its own.
    let old = "
    ImageQuality: {type: string, enum: [low, medium, high]}
    Check:
      type: object
      properties:
        quality: {$ref: '#/components/schemas/ImageQuality'}
";
    let new = format!("    RiskLevel: {{type: string, enum: [low, medium, high]}}\n{old}");
    let c = changes(old, &new);
    assert_eq!(c.iter().map(|c| (c.kind, c.path.as_str(), c.severity)).collect::<Vec<_>>(), [(ChangeKind::SchemaAdded, "RiskLevel", Severity::Additive)]);
    assert_eq!(c[0].rust, "new type `RiskLevel`");
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
    // Every struct has `new(required fields)`: a required field added to a response
    // changes its `new()` too.
    assert_eq!(sev(ChangeKind::PropertyAdded, "Thing.extra"), Severity::Breaking, "Thing::new() changes");
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
    assert_eq!(r.rust, "`Verification.completed_at`: `Option<jiff::Timestamp>` → `jiff::Timestamp`; `Verification::new()` gains the parameter for `Verification.completed_at`");
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
    assert_eq!(e.rust, "`Address.region`: `String` → `Option<String>`; `Address::new()` loses the parameter for `Address.region`");
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
        .replace("document_status: {type: string, enum: [active, closed]}", "document_status: {type: string, enum: [active, closed, expired]}")
        .replace("required: [status, document_status]", "required: [status]")
        .replace("      properties:\n", "      description: An account | with a pipe.\n      properties:\n");
    let c = changes(SHARED_OLD, &new);
    insta::assert_snapshot!("drift_markdown", report::markdown(&c, "old.yaml (1)", "new.yaml (2)"));
    insta::assert_snapshot!("drift_json", report::json(&c, "old.yaml", "new.yaml"));
}

/// Rows as a reviewer reads them, for snapshots: severity, kind, path, old → new, Rust.
fn rows(changes: &[Change]) -> String {
    changes.iter().map(|c| format!("{} {} {} {} -> {} | {}\n", c.severity.as_str(), c.kind.as_str(), c.path, c.old, c.new, c.rust)).collect()
}

const COMPOSED: &str = "
    Shared: {type: object, required: [id], properties: {id: {type: string}}}
    FaceShared:
      type: object
      required: [score]
      properties: {score: {type: number}, media: {type: string}}
    MotionReport:
      allOf:
        - $ref: '#/components/schemas/Shared'
        - type: object
          properties: {video: {type: string}}
    MotionCreateRequest:
      allOf:
        - $ref: '#/components/schemas/Shared'
        - type: object
          properties: {video: {type: string}}
";

/// Onfido's shape: a shared `$ref` member inserted before an inline member.
fn composed_inserted() -> String {
    let member = "        - $ref: '#/components/schemas/Shared'\n";
    COMPOSED.replace(member, &format!("{member}        - $ref: '#/components/schemas/FaceShared'\n"))
}

#[test]
fn all_of_member_inserted_is_one_row_and_its_fields() {
    // The inline member moves from allOf[1] to allOf[2] and gains a property: compared with
    // itself, not with the inserted `$ref`.
    let new = composed_inserted().replace("properties: {video: {type: string}}\n    MotionCreate", "properties: {video: {type: string}, clip: {type: string}}\n    MotionCreate");
    let c = changes(COMPOSED, &new);
    assert!(!c.iter().any(|c| c.kind == ChangeKind::TypeChanged), "{c:#?}");
    let added = find(&c, ChangeKind::MemberAdded, "MotionReport");
    assert_eq!((added.new.as_str(), added.severity), (Some("FaceShared"), Severity::Breaking), "MotionReport::new() gains `score`");
    assert_eq!(find(&c, ChangeKind::MemberAdded, "MotionCreateRequest").severity, Severity::Breaking, "new() gains `score`");
    assert_eq!(find(&c, ChangeKind::MergedFieldAdded, "MotionCreateRequest.score").severity, Severity::Breaking);
    assert_eq!(find(&c, ChangeKind::MergedFieldAdded, "MotionCreateRequest.media").severity, Severity::Additive);
    assert_eq!(find(&c, ChangeKind::MergedFieldAdded, "MotionReport.score").severity, Severity::Breaking);
    assert_eq!(find(&c, ChangeKind::PropertyAdded, "MotionReport/allOf[2].clip").severity, Severity::Additive);
    insta::assert_snapshot!("composition_member_inserted", rows(&c));
}

#[test]
fn all_of_member_removed_and_reordered() {
    let c = changes(&composed_inserted(), COMPOSED);
    let removed = find(&c, ChangeKind::MemberRemoved, "MotionReport");
    assert_eq!((removed.old.as_str(), removed.severity), (Some("FaceShared"), Severity::Breaking));
    assert_eq!(find(&c, ChangeKind::MergedFieldRemoved, "MotionReport.media").severity, Severity::Breaking);
    insta::assert_snapshot!("composition_member_removed", rows(&c));
    // The same members in another order: nothing to report.
    let swapped = COMPOSED.replace(
        "        - $ref: '#/components/schemas/Shared'\n        - type: object\n          properties: {video: {type: string}}\n",
        "        - type: object\n          properties: {video: {type: string}}\n        - $ref: '#/components/schemas/Shared'\n",
    );
    assert_ne!(swapped, COMPOSED);
    assert_eq!(changes(COMPOSED, &swapped), Vec::new());
}

const PETS: &str = "
    Cat: {type: object, required: [kind], properties: {kind: {type: string}, meows: {type: boolean}}}
    Dog: {type: object, required: [kind], properties: {kind: {type: string}, barks: {type: boolean}}}
    Bird: {type: object, required: [kind], properties: {kind: {type: string}, sings: {type: boolean}}}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
      discriminator:
        propertyName: kind
        mapping:
          cat: '#/components/schemas/Cat'
          dog: '#/components/schemas/Dog'
";

#[test]
fn union_variant_added_and_mapping_changed() {
    let new = PETS
        .replace("        - $ref: '#/components/schemas/Cat'\n", "        - $ref: '#/components/schemas/Bird'\n        - $ref: '#/components/schemas/Cat'\n")
        .replace("          dog: '#/components/schemas/Dog'\n", "          dog: '#/components/schemas/Dog'\n          bird: '#/components/schemas/Bird'\n");
    let c = changes(PETS, &new);
    let added = find(&c, ChangeKind::MemberAdded, "Pet");
    assert_eq!((added.new.as_str(), added.severity), (Some("Bird"), Severity::Additive));
    assert_eq!(c.len(), 1, "the new variant's mapping entry and the shifted indexes are not rows: {c:#?}");
    insta::assert_snapshot!("composition_variant_added", rows(&c));
    let any_of = changes(PETS, &PETS.replace("oneOf:", "anyOf:"));
    let k = find(&any_of, ChangeKind::OtherChanged, "Pet");
    assert_eq!((any_of.len(), k.severity, k.new.clone()), (1, Severity::None, serde_json::json!({"composition": "anyOf"})));
    let back = changes(&new, PETS);
    assert_eq!(find(&back, ChangeKind::MemberRemoved, "Pet").severity, Severity::Breaking);
    // `pup` starts selecting Dog (additive); `cat` moves from Cat to Dog (breaking).
    let remapped = PETS.replace("          cat: '#/components/schemas/Cat'\n", "          cat: '#/components/schemas/Dog'\n          pup: '#/components/schemas/Dog'\n");
    let c = changes(PETS, &remapped);
    assert_eq!(c.iter().map(|c| (c.kind, c.severity)).collect::<Vec<_>>(), [(ChangeKind::OtherChanged, Severity::Breaking), (ChangeKind::OtherChanged, Severity::Additive)]);
    insta::assert_snapshot!("composition_mapping_changed", rows(&c));
}

#[test]
fn keywords_without_effect_are_reported_as_none() {
    let old = "
    Level: {enum: [low, high]}
    Thing:
      type: object
      properties:
        size: {type: integer}
        id: {type: string}
        tags: {type: object, additionalProperties: {type: string}}
";
    let new = "
    Level: {type: string, enum: [low, high]}
    Thing:
      type: object
      additionalProperties: false
      properties:
        size: {type: integer, default: 3, multipleOf: 2}
        id: {type: string, readOnly: true}
        tags: {type: object, additionalProperties: {type: string}}
";
    let c = changes(old, new);
    let deprecated = changes(old, &old.replace("      type: object\n", "      type: object\n      deprecated: true\n"));
    let d = find(&deprecated, ChangeKind::DeprecatedChanged, "Thing");
    assert_eq!((d.severity, d.rust.as_str()), (Severity::Docs, "doc comment of `Thing` gains \"Deprecated by the vendor.\""));
    // As generated: a doc line on structs and fields (no `#[deprecated]`), nothing on enums.
    let field = changes(old, &old.replace("id: {type: string}", "id: {type: string, deprecated: true}"));
    let f = find(&field, ChangeKind::DeprecatedChanged, "Thing.id");
    assert!(f.severity == Severity::Docs && f.rust.ends_with("gains \"Deprecated by the vendor.\""), "{f:?}");
    let level = changes(old, &old.replace("Level: {enum: [low, high]}", "Level: {enum: [low, high], deprecated: true}"));
    assert_eq!(find(&level, ChangeKind::DeprecatedChanged, "Level").severity, Severity::None);
    let t = find(&c, ChangeKind::TypeChanged, "Level");
    assert_eq!(t.severity, Severity::None);
    assert!(c.iter().all(|c| c.severity == Severity::None), "{c:#?}");
    assert_eq!(c.len(), 5, "{c:#?}");
    insta::assert_snapshot!("keywords_without_effect", rows(&c));
}

const BEFORE_RENAME: &str = "
    IdentityMatch:
      type: object
      description: How well the identity matched.
      properties:
        score: {$ref: '#/components/schemas/MatchScore'}
        name: {type: string}
    MatchScore: {type: string, enum: [match, no_match]}
    Report:
      type: object
      required: [identity]
      properties:
        identity: {$ref: '#/components/schemas/IdentityMatch'}
        scores: {type: array, items: {$ref: '#/components/schemas/MatchScore'}}
        other: {type: string}
";

#[test]
fn renames_without_a_change_of_shape_are_renames_only() {
    // Two schemas renamed (one refers to the other), descriptions reworded, refs moved.
    let after = BEFORE_RENAME
        .replace("IdentityMatch:", "IdentityMatchInfo:")
        .replace("schemas/IdentityMatch'", "schemas/IdentityMatchInfo'")
        .replace("How well the identity matched.", "Identity match details.")
        .replace("MatchScore", "MatchScoreCode");
    let c = changes(BEFORE_RENAME, &after);
    let kinds: Vec<(ChangeKind, &str, Severity)> = c.iter().map(|c| (c.kind, c.path.as_str(), c.severity)).collect();
    assert_eq!(
        kinds,
        [(ChangeKind::SchemaRenamed, "IdentityMatchInfo", Severity::Breaking), (ChangeKind::SchemaRenamed, "MatchScoreCode", Severity::Breaking)]
    );
    // The refs inside a renamed schema are part of its shape; those elsewhere fold in.
    assert_eq!((c[0].moved_refs.as_slice(), c[1].moved_refs.as_slice()), (&["Report.identity".to_string()][..], &["Report.scores[]".to_string()][..]));
    insta::assert_snapshot!("renames", rows(&c));
    // With `compat`, an old name listed in `aliases` stays as a deprecated alias: not breaking.
    let mut cfg = kycgen_codegen::config::CrateConfig { compat: true, ..Default::default() };
    cfg.aliases.insert("IdentityMatch".into(), "IdentityMatchInfo".into());
    let c = diff::diff_with(&spec(BEFORE_RENAME), &spec(&after), &[], &cfg);
    let severities: Vec<(&str, Severity)> = c.iter().map(|c| (c.path.as_str(), c.severity)).collect();
    assert_eq!(severities, [("IdentityMatchInfo", Severity::Additive), ("MatchScoreCode", Severity::Breaking)], "only the listed alias is kept");
    // A changed shape is no rename; nor are two removed schemas of one shape.
    let reshaped = after.replace("other: {type: string}", "other: {type: integer}").replace("name: {type: string}", "name: {type: integer}");
    assert!(changes(BEFORE_RENAME, &reshaped).iter().any(|c| c.kind == ChangeKind::SchemaRemoved && c.path == "IdentityMatch"));
    let twins = "\n    A: {type: string, enum: [x]}\n    B: {type: string, enum: [x]}\n";
    let c = changes(twins, "\n    C: {type: string, enum: [x]}\n");
    assert!(!c.iter().any(|c| c.kind == ChangeKind::SchemaRenamed), "{c:#?}");
}

#[test]
fn compat_aliases_are_generated_and_checked() {
    use kycgen_codegen::config::CrateConfig;
    use kycgen_codegen::model::Body;
    let s = spec("    Info: {type: object, properties: {a: {type: string}}}\n    Other: {type: string}\n");
    let lower = |compat: bool, aliases: &[(&str, &str)]| {
        let mut cfg = CrateConfig { package: "t".into(), compat, ..CrateConfig::default() };
        cfg.aliases = aliases.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        let mut diags = Diagnostics::new();
        let model = kycgen_codegen::lower::lower(&s, &cfg, "kycgen.yaml", &mut diags);
        (model, diags.to_string())
    };
    let (model, diags) = lower(true, &[("Match", "Info")]);
    assert!(diags.is_empty(), "{diags}");
    let alias = model.types.iter().find(|t| t.name == "Match").expect("alias generated");
    assert!(alias.deprecated && matches!(&alias.body, Body::Alias(t) if t == "Info"));
    let (_, diags) = lower(true, &[("Other", "Info"), ("Gone", "Missing"), ("Old", "Other"), ("info", "Info")]);
    for msg in ["alias `Other`: the spec still has a schema `Other`", "alias `Gone`: `Missing` is not a schema", "alias `Old`: `Other` is not a schema with a type", "alias `info`: the Rust name `Info` is taken"] {
        assert!(diags.contains(msg), "{msg} in {diags}");
    }
    let (model, diags) = lower(false, &[("Match", "Info")]);
    assert!(diags.contains("`aliases` are generated only with `compat: true`"), "{diags}");
    assert!(!model.types.iter().any(|t| t.name == "Match"));
}

#[test]
fn a_merged_member_changing_changes_the_structs_that_merge_it() {
    // `Shared` gains a required property: `MotionCreateRequest::new()` gains a parameter
    // (and so does `Shared`'s own, a request type since a request reaches it).
    let new = COMPOSED.replace("required: [id], properties: {id: {type: string}}}", "required: [id, kind], properties: {id: {type: string}, kind: {type: string}}}");
    let c = changes(COMPOSED, &new);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].severity, Severity::Breaking);
    assert_eq!(
        c[0].rust,
        "`Shared::new()` gains the parameter `kind: String` (a required field); merged: `MotionCreateRequest.kind` is a new parameter of `new()`; merged: `MotionReport.kind` is a new parameter of `new()`"
    );
}

#[test]
fn a_ref_replaced_by_an_inline_schema() {
    let old = "
    Level: {type: string, enum: [low, high]}
    Check:
      type: object
      properties:
        level: {$ref: '#/components/schemas/Level'}
        score: {$ref: '#/components/schemas/Level'}
";
    let new = old.replace("level: {$ref: '#/components/schemas/Level'}", "level: {type: string, enum: [low, high, none]}").replace("score: {$ref: '#/components/schemas/Level'}", "score: {type: number, readOnly: true}");
    let c = changes(old, &new);
    insta::assert_snapshot!("ref_or_inline", rows(&c));
    let kinds: Vec<(ChangeKind, &str)> = c.iter().filter(|c| c.kind != ChangeKind::RustNameChanged).map(|c| (c.kind, c.path.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::RefChanged, "Check.level"),
            (ChangeKind::TypeChanged, "Check.level"),
            (ChangeKind::EnumValuesAdded, "Check.level"),
            (ChangeKind::OtherChanged, "Check.score"),
            (ChangeKind::RefChanged, "Check.score"),
            (ChangeKind::TypeChanged, "Check.score")
        ]
    );
    assert!(c.iter().filter(|c| c.path == "Check.score" && c.kind != ChangeKind::OtherChanged).all(|c| c.severity == Severity::Breaking), "{c:#?}");
}

/// `ThingRequest` sends an `Address` and `Thing` receives one; `without_request_address`
/// drops it from the request.
const ADDRESS_BOTH_WAYS: &str = "
    ThingRequest:
      type: object
      properties:
        address: {$ref: '#/components/schemas/Address'}
    Thing:
      type: object
      properties:
        address: {$ref: '#/components/schemas/Address'}
    Address:
      type: object
      required: [city]
      properties:
        city: {type: string}
";

fn without_request_address() -> String {
    ADDRESS_BOTH_WAYS.replacen("        address: {$ref: '#/components/schemas/Address'}\n", "        name: {type: string}\n", 1)
}

/// A struct no longer reached from a request loses `new()` and `validate()` (what
/// cargo-semver-checks found as `AddressData::new` missing between Plaid 1.391.2 and
/// 1.406.1); one newly reached gains them.
#[test]
fn request_role_changes_are_reported() {
    let (old, new) = (ADDRESS_BOTH_WAYS, without_request_address());
    let c = changes(old, &new);
    let r = find(&c, ChangeKind::RequestRoleChanged, "Address");
    assert_eq!((r.severity, r.rust.as_str()), (Severity::Breaking, "`Address` is no longer reached from a request: `Address::new()` and `validate()` go"));
    let back = changes(&new, old);
    assert_eq!(find(&back, ChangeKind::RequestRoleChanged, "Address").severity, Severity::Additive);
}

#[test]
fn direction_changes_are_reported() {
    // With roots, `Address` is sent (in `ThingRequest`) and received (in `Thing`); once the
    // request drops it, it is only received and its `Serialize` goes behind a feature.
    let (old, new) = (ADDRESS_BOTH_WAYS, without_request_address());
    let roots = ["ThingRequest".to_string(), "Thing".to_string()];
    let c = diff::diff(&spec(old), &spec(&new), &roots);
    let d = find(&c, ChangeKind::DirectionChanged, "Address");
    assert_eq!((d.severity, d.rust.as_str()), (Severity::Breaking, "`Address` is only received now: `Serialize` now needs the `serialize-responses` feature"));
    assert_eq!((d.old.as_str(), d.new.as_str()), (Some("both"), Some("received")));
    let back = diff::diff(&spec(&new), &spec(old), &roots);
    let d = find(&back, ChangeKind::DirectionChanged, "Address");
    assert_eq!((d.severity, d.rust.as_str()), (Severity::Additive, "`Address` is sent and received now: `Serialize` needs no feature any more"));
    // Without roots (a whole spec, every schema a root), nothing is gated: no such row.
    assert!(!changes(old, &new).iter().any(|x| x.kind == ChangeKind::DirectionChanged));
}

#[test]
fn conversions_between_copies_of_one_shape_are_recorded() {
    // `Session` is most of `GetResponse` (the response adds `request_id`): the response
    // converts into it. When `Session` gains a field the response lacks, that conversion
    // goes (breaking); when the response gains it too, it comes back (additive).
    let old = "
    Session: {type: object, required: [id, status], properties: {id: {type: string}, status: {type: string}}}
    GetResponse: {type: object, required: [id, status, request_id], properties: {id: {type: string}, status: {type: string}, request_id: {type: string}}}
";
    // Conversions exist in crates with roots (a whole spec gets none), so roots are given.
    let changes = |old: &str, new: &str| diff::diff(&spec(old), &spec(new), &["Session".into(), "GetResponse".into()]);
    let new = old.replace("status: {type: string}}}\n    GetResponse", "status: {type: string}, note: {type: string}}}\n    GetResponse");
    let c = changes(old, &new);
    let gone = find(&c, ChangeKind::ConversionRemoved, "Session");
    assert_eq!((gone.old.as_str(), gone.severity), (Some("From<GetResponse> for Session"), Severity::Breaking));
    let back = changes(&new, &new.replace("request_id: {type: string}}}", "request_id: {type: string}, note: {type: string}}}"));
    let added = find(&back, ChangeKind::ConversionAdded, "Session");
    assert_eq!((added.new.as_str(), added.severity), (Some("From<GetResponse> for Session"), Severity::Additive));
    assert!(changes(old, old).is_empty());
}

/// A whole spec whose crate is generated with `all_operations` gets its directions from the
/// operations (no roots): drift, given that config, reports the same direction change.
#[test]
fn direction_changes_follow_the_configs_operations() {
    let paths = "paths:\n  /things:\n    post:\n      operationId: thingCreate\n      requestBody:\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/ThingRequest'}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing'}\n";
    let read = |schemas: &str| {
        let dir = std::env::temp_dir().join(format!("kycgen-drift-ops-{}-{}", std::process::id(), schemas.len()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let text = format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{paths}components:\n  schemas:\n{schemas}");
        std::fs::write(dir.join("openapi.yaml"), text).expect("spec written");
        let opened = kycgen_codegen::open(&dir.join("openapi.yaml")).expect("spec opened");
        let read = kycgen_codegen::read_checked(&opened.root, &opened.files).unwrap_or_else(|e| panic!("{e}"));
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(read.spec.operations.len(), 1);
        read.spec
    };
    let (old, new) = (read(ADDRESS_BOTH_WAYS), read(&without_request_address()));
    let cfg = kycgen_codegen::config::CrateConfig { all_operations: true, ..Default::default() };
    let c = diff::diff_with(&old, &new, &[], &cfg);
    let d = find(&c, ChangeKind::DirectionChanged, "Address");
    assert_eq!((d.severity, d.old.as_str(), d.new.as_str()), (Severity::Breaking, Some("both"), Some("received")));
    // Without the operations, every type of a whole spec keeps both impls.
    assert!(!diff::diff(&old, &new, &[]).iter().any(|x| x.kind == ChangeKind::DirectionChanged));
}
