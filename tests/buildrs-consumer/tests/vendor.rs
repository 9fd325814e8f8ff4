//! The types a build script generated with `kycgen_codegen::Builder`, used as a crate that
//! includes them would: the config's renames and operation, the builder's own rename and
//! redaction, validation, open enums and the sans-IO operation.

use kycgen_buildrs_consumer::vendor::operations::{servers, CreateApplicant};
use kycgen_buildrs_consumer::vendor::{Applicant, ApplicantCreateRequest, ApplicantStatus, Nullable};
use kycgen_runtime::{ApiError, Operation};

const APPLICANT: &str = r#"{"id":"a1","email":"jane@example.test","birth_date":"1990-02-03","status":"approved","address":{"line1":null,"country":"GB"},"extra":1}"#;

#[test]
fn payloads_round_trip_through_the_included_types() {
    let a: Applicant = kycgen_buildrs_consumer::vendor::from_str(APPLICANT).expect("the payload decodes");
    assert_eq!(a.id, "a1");
    assert_eq!(a.status, ApplicantStatus::Approved, "Builder::rename named the enum");
    assert_eq!(a.birth_date.map(|d| d.to_string()).as_deref(), Some("1990-02-03"));
    let address = a.address.as_ref().expect("address");
    assert_eq!(address.line1, Nullable::Null, "null is kept apart from absent");
    let back = serde_json::to_value(&a).unwrap();
    assert_eq!(back["address"], serde_json::json!({"line1": null, "country": "GB"}));
    assert_eq!(back["email"], "jane@example.test", "Serialize is unchanged by redaction");
}

#[test]
fn unknown_enum_values_are_kept() {
    let a: Applicant = serde_json::from_str(r#"{"id":"a2","status":"escalated"}"#).unwrap();
    assert_eq!(a.status.as_str(), "escalated");
    assert_eq!(serde_json::to_value(&a).unwrap()["status"], "escalated");
}

#[test]
fn builder_redaction_hides_the_field_from_debug() {
    let a: Applicant = serde_json::from_str(APPLICANT).unwrap();
    let shown = format!("{a:?}");
    assert!(!shown.contains("jane@example.test") && shown.contains("[redacted]"), "{shown}");
}

#[test]
fn the_config_operation_validates_and_builds_a_request() {
    let too_long = ApplicantCreateRequest::new("x".repeat(21));
    let errors = too_long.validate().expect_err("maxLength 20");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(CreateApplicant::new(too_long).to_http(servers::API).is_err(), "an invalid body is never built");

    let request = CreateApplicant::new(ApplicantCreateRequest::new("Jane".into())).to_http(servers::API).expect("request");
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri(), "https://api.example.test/v1/applicants");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(request.body()).unwrap(), serde_json::json!({"name": "Jane"}));

    let problem = kycgen_runtime::http::Response::builder().status(409).body(br#"{"code":"duplicate"}"#.to_vec()).unwrap();
    match CreateApplicant::from_http(problem) {
        Err(ApiError::Api { status, error }) => assert_eq!((status.as_u16(), error.code.as_str()), (409, "duplicate")),
        other => panic!("expected the default error object, got {other:?}"),
    }
}
