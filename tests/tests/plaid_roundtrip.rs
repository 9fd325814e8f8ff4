//! Every JSON payload of Plaid's IDV API reference (create/get/list/retry responses and the
//! three webhooks) deserializes into the generated plaid-idv types and serializes back to
//! the same JSON. Fields the spec lacks are listed and must match the snapshot below.

use kycgen_tests::{compare, plaid_seed_payloads as payloads, shared_dir};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn round_trip<T: DeserializeOwned + Serialize>(name: &str, v: &Value, dropped: &mut Vec<String>) {
    let typed: T = serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{name}: does not deserialize: {e}"));
    let back = serde_json::to_value(&typed).expect("serializes");
    compare(v, &back, name, dropped).unwrap_or_else(|e| panic!("{name}: {e}"));
}

#[test]
fn seed_payloads_round_trip() {
    let Some(shared) = shared_dir() else { return };
    let text = std::fs::read_to_string(shared.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    let found = payloads(&text);
    let mut seen: Vec<&str> = Vec::new();
    let mut dropped = Vec::new();
    for (heading, v) in &found {
        use plaid_idv::*;
        let d = &mut dropped;
        match heading.as_str() {
            "/identity_verification/create" => round_trip::<IdentityVerificationCreateResponse>(heading, v, d),
            "/identity_verification/get" => round_trip::<IdentityVerificationGetResponse>(heading, v, d),
            "/identity_verification/list" => round_trip::<IdentityVerificationListResponse>(heading, v, d),
            "/identity_verification/retry" => round_trip::<IdentityVerificationRetryResponse>(heading, v, d),
            "STATUS_UPDATED" => round_trip::<IdentityVerificationStatusUpdatedWebhook>(heading, v, d),
            "STEP_UPDATED" => round_trip::<IdentityVerificationStepUpdatedWebhook>(heading, v, d),
            "RETRIED" => round_trip::<IdentityVerificationRetriedWebhook>(heading, v, d),
            other => panic!("json block under unexpected heading {other:?}"),
        }
        seen.push(heading);
    }
    assert_eq!(
        seen,
        [
            "/identity_verification/create",
            "/identity_verification/get",
            "/identity_verification/list",
            "/identity_verification/retry",
            "STATUS_UPDATED",
            "STEP_UPDATED",
            "RETRIED"
        ]
    );
    // Keys in the payloads that the spec does not define (ignored on purpose).
    assert_eq!(dropped, Vec::<String>::new(), "payload keys unknown to the spec");
}

#[test]
fn unknown_fields_and_enum_values_are_tolerated() {
    let Some(shared) = shared_dir() else { return };
    let text = std::fs::read_to_string(shared.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    let (_, mut v) = payloads(&text).into_iter().find(|(h, _)| h == "/identity_verification/get").expect("get response");
    v["status"] = "on_hold_for_a_new_reason".into();
    v["steps"]["kyc_check"] = "queued".into();
    v["a_field_added_next_year"] = serde_json::json!({"x": 1});
    let typed: plaid_idv::IdentityVerificationGetResponse = serde_json::from_value(v.clone()).expect("tolerates additions");
    assert_eq!(typed.status, plaid_idv::IdentityVerificationStatus::Unknown("on_hold_for_a_new_reason".into()));
    assert_eq!(typed.steps.kyc_check.as_str(), "queued");
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(back["status"], "on_hold_for_a_new_reason");
    assert_eq!(back["steps"]["kyc_check"], "queued");
    assert!(back.get("a_field_added_next_year").is_none());
}

#[test]
fn debug_output_redacts_personal_data() {
    let Some(shared) = shared_dir() else { return };
    let text = std::fs::read_to_string(shared.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    let (_, v) = payloads(&text).into_iter().find(|(h, _)| h == "/identity_verification/get").expect("get response");
    let typed: plaid_idv::IdentityVerificationGetResponse = serde_json::from_value(v.clone()).unwrap();
    let debug = format!("{typed:?}");
    for secret in ["Leslie", "Knope", "123456789", "user@example.com", "+12345678909", "123 Main St.", "original_front.jpeg"] {
        assert!(!debug.contains(secret), "Debug output shows {secret}");
    }
    // The payload reuses the birth date for breach dates, which are not personal: only the
    // birth date fields must be hidden.
    assert!(!debug.contains("date_of_birth: Some") && !debug.contains("date_of_birth: 1990"), "{debug}");
    assert!(debug.contains("date_of_birth: [redacted]"));
    assert!(debug.contains("[redacted]"));
    assert!(debug.contains("idv_52xR9LKo77r1Np"), "non-personal fields stay visible");
    // Serialize is unchanged.
    assert_eq!(serde_json::to_value(&typed).unwrap()["user"]["name"]["given_name"], "Leslie");
}
