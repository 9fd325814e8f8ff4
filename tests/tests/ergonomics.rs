//! The generated crates as a user's tests use them: values of every kind built without
//! JSON (`new` with the required fields, by name in a `<Name>Required` parameter object
//! when there are more than seven, the rest by assignment or `With`), enums matched
//! as the crate docs say (a wildcard arm; new vendor values land in `Unknown`), an
//! `Unknown` that can never stand for a known value, the config's `is_terminal()`,
//! absent / `null` / missing fields read by the rule of issue 17 item 2 (only a missing
//! field that must hold a value is an error), `Expandable::id()` and `to_date()`.

use plaid_idv::{
    IdentityVerificationCreateRequest, IdentityVerificationGetResponse, IdentityVerificationGetResponseRequired, IdentityVerificationStatus, IdentityVerificationStatusUpdatedWebhook,
    IdentityVerificationStepSummary, IdentityVerificationTemplateReference, IdentityVerificationUserData, KycCheckDetails, StepStatus,
    WebhookEnvironmentValues, AddressPurposeLabel, KycCheckAddressSummary, KycCheckDateOfBirthSummary, KycCheckIdNumberSummary,
    KycCheckNameSummary, KycCheckPhoneSummary, MatchSummaryCode, PoBoxStatus,
};
use serde_json::Value;
use stripe_identity::{
    Expandable, GelatoDataDocumentReportDateOfBirth, GelatoVerificationReportOptions, GelatoVerificationSessionOptions, Nullable, UnixTime,
    VerificationReport, VerificationReportObject, VerificationReportType, VerificationSession, VerificationSessionObject,
    VerificationSessionRequired, VerificationSessionStatus, VerificationSessionType, With,
};

fn steps(all: StepStatus) -> IdentityVerificationStepSummary {
    IdentityVerificationStepSummary::new(all.clone(), all.clone(), all.clone(), all.clone(), all.clone(), all.clone(), all)
}

fn plaid_get() -> IdentityVerificationGetResponse {
    let created = "2024-01-02T03:04:05Z".parse().unwrap();
    // Eight required fields: `new` takes them by name, in a parameter object.
    IdentityVerificationGetResponse::new(IdentityVerificationGetResponseRequired {
        id: "idv_1".into(),
        client_user_id: "user-1".into(),
        created_at: created,
        template: IdentityVerificationTemplateReference::new("idvtmp_1".into(), 2),
        user: IdentityVerificationUserData::new(),
        status: IdentityVerificationStatus::Success,
        steps: steps(StepStatus::Success),
        request_id: "req_1".into(),
    })
    .with(|v| {
        v.steps.kyc_check = StepStatus::Failed;
        v.kyc_check = None;
    })
}

fn stripe_session() -> VerificationSession {
    VerificationSession::new(VerificationSessionRequired {
        created: UnixTime(jiff::Timestamp::from_second(1_700_000_000).unwrap()),
        id: "vs_1".into(),
        livemode: false,
        metadata: Default::default(),
        object: VerificationSessionObject::IdentityVerificationSession,
        options: GelatoVerificationSessionOptions::new(),
        status: VerificationSessionStatus::RequiresInput,
        r#type: VerificationSessionType::Document,
    })
}

fn stripe_report(id: &str) -> VerificationReport {
    VerificationReport::new(
        UnixTime(jiff::Timestamp::from_second(1_700_000_100).unwrap()),
        id.into(),
        false,
        VerificationReportObject::IdentityVerificationReport,
        GelatoVerificationReportOptions::new(),
        VerificationReportType::Document,
    )
}

/// A response built in code, serialized: what the vendor would have sent.
fn json_of<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

#[test]
fn values_of_every_kind_are_built_without_json() {
    let get = plaid_get();
    assert_eq!((get.id.as_str(), get.steps.kyc_check.clone(), get.completed_at), ("idv_1", StepStatus::Failed, None));
    // A request, a webhook body, and a struct with no required field (`Default` too).
    let mut req = IdentityVerificationCreateRequest::new(true, "idvtmp_1".into(), true);
    req.client_user_id = Some("user-1".into());
    assert!(req.validate().is_ok());
    let hook = IdentityVerificationStatusUpdatedWebhook::new("IDENTITY_VERIFICATION".into(), "STATUS_UPDATED".into(), "idv_1".into(), WebhookEnvironmentValues::Sandbox);
    assert_eq!(json_of(&hook)["environment"], "sandbox");
    assert_eq!(IdentityVerificationUserData::new(), IdentityVerificationUserData::default());
    // Nested required objects are built the same way, inside out.
    let m = MatchSummaryCode::Match;
    let kyc = KycCheckDetails::new(
        "success".into(),
        KycCheckAddressSummary::new(m.clone(), PoBoxStatus::No, AddressPurposeLabel::Residential),
        KycCheckNameSummary::new(m.clone()),
        KycCheckDateOfBirthSummary::new(m.clone()),
        KycCheckIdNumberSummary::new(MatchSummaryCode::NoInput),
        KycCheckPhoneSummary::new(m.clone(), m),
    );
    let with_kyc = get.clone().with(|g| g.kyc_check = Some(kyc));
    assert_eq!(json_of(&with_kyc)["kyc_check"]["address"]["po_box"], "no");
    // Stripe: optional nullable fields start absent and take values or null.
    let session = stripe_session().with(|s| {
        s.url = kycgen_runtime::Pii::from("https://verify.stripe.com/start/x".to_string()).into();
        s.last_error = Nullable::Null;
    });
    let j = json_of(&session);
    assert_eq!((j["url"].as_str(), &j["last_error"]), (Some("https://verify.stripe.com/start/x"), &Value::Null));
    assert!(j.get("redaction").is_none(), "absent fields are not sent: {j}");
    // What was built parses back to itself.
    assert_eq!(serde_json::from_value::<VerificationSession>(j).unwrap(), session);
    assert_eq!(serde_json::from_value::<IdentityVerificationGetResponse>(json_of(&get)).unwrap(), get);
}

/// Reads a decision the way the crate docs say: known values by name, new vendor values
/// in the `Unknown` arm, and the wildcard arm `#[non_exhaustive]` requires.
fn decide(s: &IdentityVerificationStatus) -> String {
    match s {
        IdentityVerificationStatus::Success => "approve".into(),
        IdentityVerificationStatus::Failed => "reject".into(),
        IdentityVerificationStatus::Unknown(v) => format!("review: new status {}", v.as_str()),
        _ => "wait".into(),
    }
}

#[test]
fn enums_match_with_a_wildcard_and_an_unknown_arm() {
    assert_eq!(decide(&IdentityVerificationStatus::Success), "approve");
    assert_eq!(decide(&IdentityVerificationStatus::Active), "wait");
    let new: IdentityVerificationStatus = serde_json::from_str(r#""on_hold""#).unwrap();
    assert_eq!(decide(&new), "review: new status on_hold");
    assert_eq!(serde_json::to_string(&new).unwrap(), r#""on_hold""#);
}

#[test]
fn unknown_never_holds_a_known_value() {
    // Every way in goes through parsing: a known wire value is always its own variant.
    for known in StepStatus::known_values() {
        let wire = known.as_str();
        assert_eq!(&StepStatus::from(wire), known);
        assert_eq!(&wire.parse::<StepStatus>().unwrap(), known);
        assert_eq!(&serde_json::from_value::<StepStatus>(wire.into()).unwrap(), known);
        assert!(!matches!(StepStatus::from(wire), StepStatus::Unknown(_)));
    }
    let unknown = StepStatus::from("failed_again");
    assert!(matches!(&unknown, StepStatus::Unknown(v) if v == "failed_again"));
    assert_ne!(unknown, StepStatus::Failed);
    assert_eq!(format!("{unknown:?}"), r#"Unknown(UnknownValue("failed_again"))"#);
}

#[test]
fn known_values_list_every_variant_in_spec_order() {
    let wires: Vec<&str> = IdentityVerificationStatus::known_values().iter().map(|v| v.as_str()).collect();
    assert_eq!(wires, ["active", "success", "failed", "expired", "canceled", "pending_review"]);
    assert_eq!(StepStatus::known_values().len(), 11);
    let stripe: Vec<&str> = VerificationSessionStatus::known_values().iter().map(|v| v.as_str()).collect();
    assert_eq!(stripe, ["canceled", "processing", "requires_input", "verified"]);
}

#[test]
fn terminal_states_come_from_the_vendor_config() {
    let terminal: Vec<&str> = IdentityVerificationStatus::known_values().iter().filter(|s| s.is_terminal()).map(|s| s.as_str()).collect();
    assert_eq!(terminal, ["success", "failed", "expired", "canceled"]);
    assert!(StepStatus::ManuallyRejected.is_terminal() && StepStatus::NotApplicable.is_terminal());
    assert!(!StepStatus::PendingReview.is_terminal() && !StepStatus::WaitingForPrerequisite.is_terminal());
    assert!(!StepStatus::from("a_state_from_next_year").is_terminal(), "an unknown state is never terminal");
    assert!(VerificationSessionStatus::Verified.is_terminal() && VerificationSessionStatus::Canceled.is_terminal());
    assert!(!VerificationSessionStatus::RequiresInput.is_terminal() && !VerificationSessionStatus::Processing.is_terminal());
}

#[test]
fn plaid_missing_nullable_fields_read_as_none_and_missing_required_ones_fail() {
    let full = json_of(&plaid_get());
    assert_eq!(full["kyc_check"], Value::Null, "a required nullable field is sent as null");
    // Absent and null read alike for a required nullable field.
    let mut absent = full.clone();
    for key in ["kyc_check", "completed_at", "documentary_verification", "redacted_at"] {
        absent.as_object_mut().unwrap().remove(key);
    }
    let read: IdentityVerificationGetResponse = serde_json::from_value(absent).expect("missing nullable fields are None");
    assert_eq!((read.kyc_check, read.completed_at, read.documentary_verification, read.redacted_at), (None, None, None, None));
    // Nested too: `user` has required nullable fields only (sent as nulls); an empty
    // object reads as the same value.
    let mut nested = full.clone();
    assert!(nested["user"].as_object().unwrap().values().any(Value::is_null), "{}", nested["user"]);
    nested["user"].as_object_mut().unwrap().clear();
    let read: IdentityVerificationGetResponse = serde_json::from_value(nested).unwrap();
    assert_eq!(read.user, IdentityVerificationUserData::new());
    // A field that must hold a value is still an error, named, with its path.
    for key in ["status", "steps", "request_id"] {
        let mut missing = full.clone();
        missing.as_object_mut().unwrap().remove(key);
        let e = plaid_idv::from_str::<IdentityVerificationGetResponse>(&missing.to_string()).unwrap_err().to_string();
        assert!(e.contains(&format!("missing field `{key}`")), "{key}: {e}");
    }
    let mut null_required = full;
    null_required["status"] = Value::Null;
    assert!(serde_json::from_value::<IdentityVerificationGetResponse>(null_required).is_err(), "null is no value for a non-nullable field");
}

#[test]
fn stripe_absent_null_and_missing_fields() {
    let base = json_of(&stripe_session());
    let read: VerificationSession = serde_json::from_value(base.clone()).unwrap();
    assert!(read.url.is_absent() && read.last_verification_report.is_absent());
    let mut nulls = base.clone();
    nulls["url"] = Value::Null;
    nulls["redaction"] = Value::Null;
    let read: VerificationSession = serde_json::from_value(nulls).unwrap();
    assert!(read.url.is_null() && read.redaction.is_null());
    let mut missing = base;
    missing.as_object_mut().unwrap().remove("id");
    let e = stripe_identity::from_str::<VerificationSession>(&missing.to_string()).unwrap_err().to_string();
    assert!(e.contains("missing field `id`"), "{e}");
}

#[test]
fn expandable_id_answers_expanded_or_not() {
    let mut session = stripe_session();
    session.last_verification_report = Nullable::Value(Expandable::Id("vr_1".into()));
    let id_only = session.last_verification_report.as_option().unwrap();
    assert_eq!((id_only.id(), id_only.as_id()), ("vr_1", Some("vr_1")));
    session.last_verification_report = Nullable::Value(Expandable::Object(Box::new(stripe_report("vr_2"))));
    let expanded = session.last_verification_report.as_option().unwrap();
    assert_eq!((expanded.id(), expanded.as_id()), ("vr_2", None));
    // The expanded form survives the wire.
    let back: VerificationSession = serde_json::from_value(json_of(&session)).unwrap();
    assert_eq!(back.last_verification_report.as_option().map(|e| e.id()), Some("vr_2"));
}

#[test]
fn split_dates_become_dates_when_complete() {
    let dob = GelatoDataDocumentReportDateOfBirth::new().with(|d| {
        d.day = 29.into();
        d.month = 2.into();
        d.year = 2000.into();
    });
    assert_eq!(dob.to_date(), Some(jiff::civil::date(2000, 2, 29)));
    let no_year = dob.clone().with(|d| d.year = Nullable::Null);
    assert_eq!(no_year.to_date(), None);
    let impossible = dob.with(|d| d.year = 2001.into());
    assert_eq!(impossible.to_date(), None, "2001 has no 29 February");
    let parsed: GelatoDataDocumentReportDateOfBirth = serde_json::from_str(r#"{"day":1,"month":12,"year":1990}"#).unwrap();
    assert_eq!(parsed.to_date(), Some(jiff::civil::date(1990, 12, 1)));
}
