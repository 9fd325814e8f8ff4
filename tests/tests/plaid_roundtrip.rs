//! Every JSON payload of Plaid's IDV API reference (create/get/list/retry responses and the
//! three webhooks) deserializes into the generated plaid-idv types and serializes back to
//! the same JSON. Fields the spec lacks are listed and must match the snapshot below.

use kycgen_tests::{compare, seed_json_blocks as payloads, shared_dir};
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
    assert!(matches!(&typed.status, plaid_idv::IdentityVerificationStatus::Unknown(v) if v == "on_hold_for_a_new_reason"));
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
    assert!(!debug.contains("date_of_birth: Some(19") && !debug.contains("date_of_birth: 1990"), "{debug}");
    assert!(debug.contains("date_of_birth: Some([redacted])"), "presence shows: {debug}");
    // Match codes that share a name with personal data print: they say why KYC failed.
    assert!(debug.contains("address: KycCheckAddressSummary {"), "{debug}");
    assert!(debug.contains("[redacted]"));
    assert!(debug.contains("idv_52xR9LKo77r1Np"), "non-personal fields stay visible");
    // Serialize is unchanged.
    assert_eq!(serde_json::to_value(&typed).unwrap()["user"]["name"]["given_name"], "Leslie");
}

/// The get response of the seed as compact JSON text.
fn get_response_text() -> Option<String> {
    let shared = shared_dir()?;
    let text = std::fs::read_to_string(shared.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    let (_, v) = payloads(&text).into_iter().find(|(h, _)| h == "/identity_verification/get").expect("get response");
    Some(serde_json::to_string(&v).unwrap())
}

#[test]
fn repeated_keys_are_rejected() {
    let Some(text) = get_response_text() else { return };
    assert!(text.contains(r#""status":"success""#), "the seed's status is success");
    let body = text.strip_suffix('}').expect("an object");
    // `{"status":"success", …, "status":"failed"}`: a checker that reads the first key and
    // one that reads the last would disagree, so the payload is refused.
    let twice = format!(r#"{body},"status":"failed"}}"#);
    let e = serde_json::from_str::<plaid_idv::IdentityVerificationGetResponse>(&twice).unwrap_err();
    assert!(e.to_string().starts_with("duplicate field `status`"), "{e}");
    let e = plaid_idv::from_str::<plaid_idv::IdentityVerificationGetResponse>(&twice).unwrap_err();
    assert!(e.to_string().contains("duplicate field `status`"), "{e}");
    // In a nested object, and for nullable fields (`Option` and `Nullable`).
    let nested = text.replacen(r#""steps":{"#, r#""steps":{"kyc_check":"failed","#, 1);
    let e = plaid_idv::from_str::<plaid_idv::IdentityVerificationGetResponse>(&nested).unwrap_err();
    assert!(e.to_string().starts_with("steps: duplicate field `kyc_check`"), "{e}");
    let nullable = format!(r#"{body},"redacted_at":null}}"#);
    let e = serde_json::from_str::<plaid_idv::IdentityVerificationGetResponse>(&nullable).unwrap_err();
    assert!(e.to_string().starts_with("duplicate field `redacted_at`"), "{e}");
    let nullable = format!(r#"{body},"latest_scored_protect_event":null,"latest_scored_protect_event":null}}"#);
    let e = serde_json::from_str::<plaid_idv::IdentityVerificationGetResponse>(&nullable).unwrap_err();
    assert!(e.to_string().starts_with("duplicate field `latest_scored_protect_event`"), "{e}");
    serde_json::from_str::<plaid_idv::IdentityVerificationGetResponse>(&text).expect("the seed itself deserializes");
}

#[test]
fn from_slice_errors_carry_the_json_path() {
    let Some(text) = get_response_text() else { return };
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["steps"]["kyc_check"] = serde_json::json!({"unexpected": "object"});
    let bytes = serde_json::to_vec(&v).unwrap();
    let e = plaid_idv::from_slice::<plaid_idv::IdentityVerificationGetResponse>(&bytes).unwrap_err();
    assert_eq!(e.path(), "steps.kyc_check");
    assert!(e.to_string().starts_with("steps.kyc_check: invalid type: map, expected a string"), "{e}");
    // Values from the payload (personal data, here a name) are not in the message.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["user"]["name"]["given_name"] = serde_json::json!(98765);
    let e = plaid_idv::from_slice::<plaid_idv::IdentityVerificationGetResponse>(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    assert!(e.to_string().starts_with("user.name.given_name: invalid type: integer [redacted], expected a string"), "{e}");
    assert!(!e.to_string().contains("98765") && !format!("{e:?}").contains("98765"), "{e:?}");
    let typed = plaid_idv::from_slice::<plaid_idv::IdentityVerificationGetResponse>(text.as_bytes()).expect("the seed deserializes");
    assert_eq!(typed.status, plaid_idv::IdentityVerificationStatus::Success);
}
