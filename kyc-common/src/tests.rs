//! The common enums' texts, serde and `from_checks`.

use super::*;

#[test]
fn texts_round_trip_and_unknown_text_is_other() {
    for v in DocumentType::all() {
        assert_eq!(DocumentType::from_text(v.as_str()), v);
    }
    assert_eq!(DocumentType::VARIANTS.len(), DocumentType::all().len());
    assert_eq!(DocumentType::from_text("library_card"), DocumentType::Other("library_card".into()));
    assert_eq!(VerificationStatus::Other("on_hold".into()).to_string(), "on_hold");
}

#[test]
fn variant_names_are_the_rust_names() {
    // `VARIANTS` is what vendor configs map to: each must be the name `Debug` prints.
    for (name, v) in CheckOutcome::VARIANTS.iter().zip(CheckOutcome::all()) {
        assert_eq!(&format!("{v:?}"), name);
    }
    for (name, v) in VerificationStatus::VARIANTS.iter().zip(VerificationStatus::all()) {
        assert_eq!(&format!("{v:?}"), name);
    }
}

#[test]
fn serde_uses_the_text() {
    let s = VerificationSummary {
        vendor: "acme".into(),
        vendor_id: "v_1".into(),
        status: VerificationStatus::PendingReview,
        document_type: Some(DocumentType::DriversLicense),
        checks: vec![Check { kind: CheckKind::Selfie, outcome: CheckOutcome::Other("retry".into()) }],
    };
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["status"], "pending_review");
    assert_eq!(json["document_type"], "drivers_license");
    assert_eq!(json["checks"][0]["outcome"], "retry");
    assert_eq!(serde_json::from_value::<VerificationSummary>(json).unwrap(), s);
}

#[test]
fn status_from_checks() {
    let c = |outcome| Check { kind: CheckKind::Document, outcome };
    use CheckOutcome::*;
    assert_eq!(VerificationStatus::from_checks(&[c(Passed), c(Skipped)]), VerificationStatus::Verified);
    assert_eq!(VerificationStatus::from_checks(&[c(Passed), c(Failed)]), VerificationStatus::Failed);
    assert_eq!(VerificationStatus::from_checks(&[c(Passed), c(NeedsReview)]), VerificationStatus::PendingReview);
    assert_eq!(VerificationStatus::from_checks(&[c(Passed), c(Pending)]), VerificationStatus::InProgress);
    assert_eq!(VerificationStatus::from_checks(&[c(Passed), c(Other("x".into()))]), VerificationStatus::InProgress);
    assert_eq!(VerificationStatus::from_checks(&[c(Skipped)]), VerificationStatus::InProgress);
    assert_eq!(VerificationStatus::from_checks(&[]), VerificationStatus::InProgress);
}
