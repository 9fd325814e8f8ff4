//! The common vocabulary as users meet it: every value of every mapped vendor enum converts
//! to what its vendor config says (and an unknown value to `Other`), and vendor payloads of
//! the same real-world outcome summarize alike.
//!
//! Seed material (`../shared`): Plaid's API reference has one outcome only, a verified
//! driver's license (`/identity_verification/get`); Stripe's example report is a verified
//! driving license. The other outcomes (a verified passport, a failed selfie, a pending
//! review) are built from those payloads by changing the fields that say so; Stripe has no
//! pending-review state, so that outcome is compared for Plaid and Onfido. The seed material
//! has no Onfido payloads: its check and reports are built here from the spec's shapes.
//! Onfido reports say `consider` where others say failed (the business decides), and name
//! no document type in a typed field, so its summaries are compared on status and checks.

use kycgen_codegen::config;
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::vocabulary::{EnumMap, Plan, Target};
use kycgen_tests::{project_root, seed_json_blocks, shared_dir};
use kyc_common::{CheckKind, CheckOutcome, DocumentType, VerificationStatus, VerificationSummary};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::fmt::Debug;

/// The checked vocabulary of `specs/<vendor>`, as `cargo xtask generate` makes it.
fn plan(vendor: &str) -> Plan {
    let root = SpecRoot::new(&project_root().join("specs").join(vendor), format!("specs/{vendor}")).unwrap();
    let cfg = config::parse(&root.read(config::CONFIG_FILE).unwrap()).unwrap();
    let display = root.display_of(config::CONFIG_FILE);
    let g = kycgen_codegen::generate(&cfg, &root, &display, kycgen_codegen::Layout::Workspace).unwrap_or_else(|d| panic!("{d}"));
    g.model.vocabulary.expect("the config has a vocabulary")
}

/// What a common enum should be for a config target (`None`: unmapped or unknown).
trait Expected: PartialEq + Debug {
    fn expected(target: Option<&Target>, wire: &str) -> Self;
}

macro_rules! expected_by_name {
    ($($t:ty),*) => {$(
        impl Expected for $t {
            fn expected(target: Option<&Target>, wire: &str) -> Self {
                match target {
                    Some(t) => {
                        let i = <$t>::VARIANTS.iter().position(|v| *v == t.variant).expect("a kyc-common value");
                        <$t>::all().swap_remove(i)
                    }
                    None => <$t>::Other(wire.to_string()),
                }
            }
        }
    )*};
}
expected_by_name!(VerificationStatus, DocumentType, CheckOutcome);

impl Expected for kyc_common::IdNumberType {
    fn expected(target: Option<&Target>, wire: &str) -> Self {
        match target {
            Some(t) => {
                let i = kyc_common::IdScheme::VARIANTS.iter().position(|v| *v == t.variant).expect("a scheme");
                kyc_common::IdNumberType { scheme: kyc_common::IdScheme::all().swap_remove(i), country: t.country.clone() }
            }
            None => kyc_common::IdNumberType::other(wire),
        }
    }
}

/// Every value of the vendor enum `V` (read from its wire text, as payloads are) converts to
/// the config's target; so does a value the spec does not list (to `Other`).
fn converts<V: DeserializeOwned, C: Expected + for<'a> From<&'a V>>(e: &EnumMap) -> usize {
    assert!(!e.values.is_empty(), "{}: no values", e.name);
    for v in &e.values {
        let vendor: V = serde_json::from_value(json!(v.wire)).unwrap_or_else(|err| panic!("{} {:?}: {err}", e.name, v.wire));
        assert_eq!(C::from(&vendor), C::expected(v.target.as_ref(), &v.wire), "{} value {:?}", e.name, v.wire);
    }
    let unknown: V = serde_json::from_value(json!("kycgen_unlisted_value")).unwrap();
    assert_eq!(C::from(&unknown), C::expected(None, "kycgen_unlisted_value"), "{}: an unknown value", e.name);
    e.values.len()
}

#[test]
fn every_mapped_vendor_value_converts_as_configured() {
    let mut counted = 0;
    for e in &plan("plaid-idv").enums {
        use plaid_idv as p;
        counted += match e.name.as_str() {
            "IdentityVerificationStatus" => converts::<p::IdentityVerificationStatus, VerificationStatus>(e),
            "StepStatus" => converts::<p::StepStatus, CheckOutcome>(e),
            "DocumentCategory" => converts::<p::DocumentCategory, DocumentType>(e),
            "IdNumberType" => converts::<p::IdNumberType, kyc_common::IdNumberType>(e),
            other => panic!("plaid-idv maps enum {other}, which this test does not convert yet: add it"),
        };
    }
    for e in &plan("stripe-identity").enums {
        use stripe_identity as s;
        counted += match e.name.as_str() {
            "VerificationSessionStatus" => converts::<s::VerificationSessionStatus, VerificationStatus>(e),
            "GelatoDocumentReportType" => converts::<s::GelatoDocumentReportType, DocumentType>(e),
            "CheckStatus" => converts::<s::CheckStatus, CheckOutcome>(e),
            "GelatoSelfieReportStatus" => converts::<s::GelatoSelfieReportStatus, CheckOutcome>(e),
            "GelatoIdNumberReportStatus" => converts::<s::GelatoIdNumberReportStatus, CheckOutcome>(e),
            "GelatoEmailReportStatus" => converts::<s::GelatoEmailReportStatus, CheckOutcome>(e),
            "GelatoPhoneReportStatus" => converts::<s::GelatoPhoneReportStatus, CheckOutcome>(e),
            "IdNumberType" => converts::<s::IdNumberType, kyc_common::IdNumberType>(e),
            "GelatoVerifiedOutputsIdNumberType" => converts::<s::GelatoVerifiedOutputsIdNumberType, kyc_common::IdNumberType>(e),
            other => panic!("stripe-identity maps enum {other}, which this test does not convert yet: add it"),
        };
    }
    for e in &plan("onfido").enums {
        use onfido as o;
        counted += match e.name.as_str() {
            "CheckResult" => converts::<o::CheckResult, VerificationStatus>(e),
            "CheckResponseResult" => converts::<o::CheckResponseResult, VerificationStatus>(e),
            "CheckStatus" => converts::<o::CheckStatus, VerificationStatus>(e),
            "ReportResult" => converts::<o::ReportResult, CheckOutcome>(e),
            "ReportStatus" => converts::<o::ReportStatus, CheckOutcome>(e),
            "DocumentTypes" => converts::<o::DocumentTypes, DocumentType>(e),
            "IdNumberType" => converts::<o::IdNumberType, kyc_common::IdNumberType>(e),
            other => panic!("onfido maps enum {other}, which this test does not convert yet: add it"),
        };
    }
    // 6 + 11 + 6 + 35 Plaid values, 4 + 3 + 5 × 2 + 2 × 3 Stripe values,
    // 2 × 2 + 6 + 3 + 5 + 78 + 10 Onfido values.
    assert_eq!(counted, 58 + 23 + 106);
}

#[test]
fn the_contract_of_the_issue() {
    assert_eq!(kyc_common::DocumentType::from(&plaid_idv::DocumentCategory::DriversLicense), kyc_common::DocumentType::DriversLicense);
    assert_eq!(kyc_common::DocumentType::from(&stripe_identity::GelatoDocumentReportType::DrivingLicense), kyc_common::DocumentType::DriversLicense);
    let br = kyc_common::IdNumberType::from(&plaid_idv::IdNumberType::BrCpf);
    assert_eq!(br, kyc_common::IdNumberType { scheme: kyc_common::IdScheme::TaxId, country: Some("BR".into()) });
    assert_eq!(kyc_common::IdNumberType::from(&stripe_identity::IdNumberType::BrCpf), br);
}

/// Plaid's `/identity_verification/get` seed payload (a verified driver's license).
fn plaid_seed() -> Option<Value> {
    let text = std::fs::read_to_string(shared_dir()?.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    Some(seed_json_blocks(&text).into_iter().find(|(h, _)| h == "/identity_verification/get").expect("get response").1)
}

/// Stripe's example verification report (a verified driving license).
fn stripe_seed() -> Option<Value> {
    let path = shared_dir()?.join("specs/stripe/fixtures3.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("fixtures3.json readable")).expect("parses");
    Some(all["resources"]["identity.verification_report"].clone())
}

fn plaid(v: &Value) -> VerificationSummary {
    serde_json::from_value::<plaid_idv::IdentityVerificationGetResponse>(v.clone()).expect("plaid payload").summary()
}

fn stripe(v: &Value) -> VerificationSummary {
    serde_json::from_value::<stripe_identity::VerificationReport>(v.clone()).expect("stripe payload").summary()
}

/// The parts of a summary that say what happened (not who ran it or its id).
fn outcome(s: &VerificationSummary, kinds: &[CheckKind]) -> (VerificationStatus, Option<DocumentType>, Vec<Option<CheckOutcome>>) {
    (s.status.clone(), s.document_type.clone(), kinds.iter().map(|k| s.check(k).cloned()).collect())
}

#[test]
fn a_verified_drivers_license_summarizes_alike() {
    let (Some(p), Some(s)) = (plaid_seed(), stripe_seed()) else { return };
    let (p, s) = (plaid(&p), stripe(&s));
    let want = (VerificationStatus::Verified, Some(DocumentType::DriversLicense), vec![Some(CheckOutcome::Passed)]);
    assert_eq!(outcome(&p, &[CheckKind::Document]), want);
    assert_eq!(outcome(&s, &[CheckKind::Document]), want);
    assert_eq!((p.vendor.as_str(), p.vendor_id.as_str()), ("plaid", "idv_52xR9LKo77r1Np"));
    assert_eq!((s.vendor.as_str(), s.vendor_id.as_str()), ("stripe", "vr_1Pgc76B7WZ01zgkWq9Rp33Dj"));
    // Plaid reports each step; Stripe's report only the checks it ran.
    assert_eq!(p.checks.len(), 6);
    assert_eq!(s.checks.len(), 1);
}

#[test]
fn a_verified_passport_summarizes_alike() {
    let (Some(mut p), Some(mut s)) = (plaid_seed(), stripe_seed()) else { return };
    p["documentary_verification"]["documents"][0]["extracted_data"]["category"] = "passport".into();
    s["document"]["type"] = "passport".into();
    let want = (VerificationStatus::Verified, Some(DocumentType::Passport), vec![Some(CheckOutcome::Passed)]);
    assert_eq!(outcome(&plaid(&p), &[CheckKind::Document]), want);
    assert_eq!(outcome(&stripe(&s), &[CheckKind::Document]), want);
}

#[test]
fn a_failed_selfie_summarizes_alike() {
    let (Some(mut p), Some(mut s)) = (plaid_seed(), stripe_seed()) else { return };
    p["status"] = "failed".into();
    p["steps"]["selfie_check"] = "failed".into();
    p["selfie_check"]["status"] = "failed".into();
    s["selfie"] = json!({"status": "unverified", "document": null, "selfie": null, "error": {"code": "selfie_face_mismatch", "reason": "The selfie does not match the document."}});
    let kinds = [CheckKind::Document, CheckKind::Selfie];
    let want = (VerificationStatus::Failed, Some(DocumentType::DriversLicense), vec![Some(CheckOutcome::Passed), Some(CheckOutcome::Failed)]);
    assert_eq!(outcome(&plaid(&p), &kinds), want);
    assert_eq!(outcome(&stripe(&s), &kinds), want);
}

#[test]
fn a_pending_review_summarizes_as_pending_review() {
    let Some(mut p) = plaid_seed() else { return };
    p["status"] = "pending_review".into();
    p["steps"]["documentary_verification"] = "pending_review".into();
    let got = outcome(&plaid(&p), &[CheckKind::Document]);
    assert_eq!(got, (VerificationStatus::PendingReview, Some(DocumentType::DriversLicense), vec![Some(CheckOutcome::NeedsReview)]));
}

#[test]
fn a_stripe_session_summarizes_its_expanded_report() {
    let (Some(report), Some(shared)) = (stripe_seed(), shared_dir()) else { return };
    let all: Value = serde_json::from_str(&std::fs::read_to_string(shared.join("specs/stripe/fixtures3.json")).unwrap()).unwrap();
    let mut session = all["resources"]["identity.verification_session"].clone();
    let by_id = serde_json::from_value::<stripe_identity::VerificationSession>(session.clone()).unwrap().summary();
    // Not expanded: the status only.
    assert_eq!((by_id.status, by_id.document_type, by_id.checks.len()), (VerificationStatus::Verified, None, 0));
    session["last_verification_report"] = report;
    let expanded = serde_json::from_value::<stripe_identity::VerificationSession>(session).unwrap().summary();
    assert_eq!(outcome(&expanded, &[CheckKind::Document]), (VerificationStatus::Verified, Some(DocumentType::DriversLicense), vec![Some(CheckOutcome::Passed)]));
}

#[test]
fn unknown_values_are_kept_and_summaries_hold_no_identity_data() {
    let Some(mut p) = plaid_seed() else { return };
    p["status"] = "on_hold".into();
    p["documentary_verification"]["documents"][0]["extracted_data"]["category"] = "library_card".into();
    let s = plaid(&p);
    assert_eq!(s.status, VerificationStatus::Other("on_hold".into()));
    assert_eq!(s.document_type, Some(DocumentType::Other("library_card".into())));
    let debug = format!("{s:?}");
    for personal in ["Leslie", "Knope", "123456789", "Pawnee", "1990-05-29"] {
        assert!(p.to_string().contains(personal), "the seed holds {personal}");
        assert!(!debug.contains(personal), "summary Debug shows {personal}: {debug}");
    }
}

/// An Onfido check with `status` and `result`, and reports of `(name, result)`.
fn onfido(status: &str, result: Option<&str>, reports: &[(&str, &str)]) -> VerificationSummary {
    let mut check = json!({"id": "chk_1", "applicant_id": "app_1", "status": status});
    if let Some(r) = result {
        check["result"] = r.into();
    }
    let check: onfido::Check = serde_json::from_value(check).expect("onfido check");
    let reports: Vec<onfido::Report> = reports
        .iter()
        .enumerate()
        .map(|(i, (name, result))| {
            let v = json!({"id": format!("rep_{i}"), "name": name, "status": "complete", "result": result, "check_id": "chk_1"});
            serde_json::from_value(v).expect("onfido report")
        })
        .collect();
    check.summary_with_reports(&reports)
}

#[test]
fn onfido_checks_summarize_with_their_reports() {
    let kinds = [CheckKind::Document, CheckKind::Selfie];
    let clear = onfido("complete", Some("clear"), &[("document", "clear"), ("facial_similarity_photo", "clear")]);
    assert_eq!(outcome(&clear, &kinds), (VerificationStatus::Verified, None, vec![Some(CheckOutcome::Passed), Some(CheckOutcome::Passed)]));
    assert_eq!((clear.vendor.as_str(), clear.vendor_id.as_str()), ("onfido", "chk_1"));
    // The same outcome as Plaid's and Stripe's verified seeds, but for the document type.
    if let (Some(p), Some(s)) = (plaid_seed(), stripe_seed()) {
        for other in [plaid(&p), stripe(&s)] {
            let (status, _, checks) = outcome(&other, &[CheckKind::Document]);
            assert_eq!((status, checks), (clear.status.clone(), vec![clear.check(&CheckKind::Document).cloned()]));
        }
    }
    // Onfido's selfie mismatch is a `consider`: for the business to review, not failed.
    let selfie = onfido("complete", Some("consider"), &[("document", "clear"), ("facial_similarity_photo", "consider")]);
    assert_eq!(outcome(&selfie, &kinds), (VerificationStatus::PendingReview, None, vec![Some(CheckOutcome::Passed), Some(CheckOutcome::NeedsReview)]));
    // Unmapped and unknown reports add no check; the status of a check still running.
    let running = onfido("in_progress", None, &[("known_faces", "clear"), ("some_future_report", "clear")]);
    assert_eq!((running.status, running.checks), (VerificationStatus::InProgress, vec![]));
    let summary_alone = serde_json::from_value::<onfido::Check>(json!({"id": "chk_2", "applicant_id": "a", "status": "withdrawn"})).unwrap().summary();
    assert_eq!(summary_alone.status, VerificationStatus::Canceled);
}

#[test]
fn a_pending_review_summarizes_alike_at_plaid_and_onfido() {
    let Some(mut p) = plaid_seed() else { return };
    p["status"] = "pending_review".into();
    p["steps"]["documentary_verification"] = "pending_review".into();
    let o = onfido("complete", Some("consider"), &[("document", "consider")]);
    let (ps, _, pc) = outcome(&plaid(&p), &[CheckKind::Document]);
    let (os, _, oc) = outcome(&o, &[CheckKind::Document]);
    assert_eq!((ps, pc), (os, oc));
    assert_eq!(o.status, VerificationStatus::PendingReview);
}
