//! No personal data in `Debug`, for every response type parsed from real payloads (Plaid's
//! API reference in `../shared/seeds`, Stripe's `fixtures3.json`): each personal string of a
//! payload, found by the key it sits under, is absent from `{:?}` and `{:#?}` and present in
//! `{:?}` of `debug_pii(&value)`. Skips with a message when `../shared` is absent.

use kycgen_tests::{seed_json_blocks, shared_dir};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Debug;

/// Keys whose string values are personal data or secrets in these payloads (`value` only
/// under `id_number`). Listed here, independently of the vendor configs under test.
const PERSONAL: &[&str] = &[
    "given_name", "family_name", "first_name", "last_name", "email_address", "email", "phone_number", "phone",
    "date_of_birth", "ip_address", "street", "street2", "city", "postal_code", "line1", "line2", "number",
    "id_number", "original_front", "original_back", "cropped_front", "cropped_back", "face", "image_url",
    "video_url", "shareable_url", "client_secret", "url", "files", "selfie", "unparsed_place_of_birth", "unparsed_sex",
];

/// `(personal, other)` string values of `v`: `document` counts as personal only where it
/// is a string (a selfie report's file ID; elsewhere it is a sub-report object).
fn strings(v: &Value, key: &str, parent: &str, personal: &mut BTreeSet<String>, other: &mut BTreeSet<String>) {
    match v {
        Value::String(s) => {
            let is_personal = PERSONAL.contains(&key) || key == "document" || (key == "value" && parent == "id_number");
            if is_personal { personal } else { other }.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|i| strings(i, key, parent, personal, other)),
        Value::Object(map) => map.iter().for_each(|(k, x)| strings(x, k, key, personal, other)),
        _ => {}
    }
}

/// Parses `v` as `T` and checks its `Debug` both ways; returns how many values were checked.
fn check<T: DeserializeOwned + Debug>(name: &str, v: &Value) -> usize {
    let typed: T = serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (mut personal, mut other) = (BTreeSet::new(), BTreeSet::new());
    strings(v, "", "", &mut personal, &mut other);
    // A value the payload also carries in a field that is not personal (Plaid's example
    // reuses the birth date as a breach date) cannot be told apart in text.
    let checked: Vec<&String> = personal.iter().filter(|s| s.len() >= 3 && !other.contains(*s)).collect();
    let (plain, pretty) = (format!("{typed:?}"), format!("{typed:#?}"));
    let revealed = format!("{:?}", kycgen_runtime::debug_pii(&typed));
    for s in &checked {
        let shown = format!("{s:?}");
        assert!(!plain.contains(s.as_str()) && !pretty.contains(s.as_str()), "{name}: Debug shows {s:?}: {plain}");
        // Plain strings print quoted; dates print bare.
        assert!(revealed.contains(&shown) || revealed.contains(s.as_str()), "{name}: debug_pii does not show {s:?}: {revealed}");
    }
    assert!(checked.is_empty() || plain.contains("[redacted]"), "{name}");
    checked.len()
}

#[test]
fn plaid_seed_responses_print_no_personal_data() {
    use plaid_idv::*;
    let Some(shared) = shared_dir() else { return };
    let text = std::fs::read_to_string(shared.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    let mut total = 0;
    for (heading, v) in seed_json_blocks(&text) {
        total += match heading.as_str() {
            "/identity_verification/create" => check::<IdentityVerificationCreateResponse>(&heading, &v),
            "/identity_verification/get" => check::<IdentityVerificationGetResponse>(&heading, &v),
            "/identity_verification/list" => check::<IdentityVerificationListResponse>(&heading, &v),
            "/identity_verification/retry" => check::<IdentityVerificationRetryResponse>(&heading, &v),
            // Webhook bodies carry ids and codes only: nothing personal to hide.
            "STATUS_UPDATED" | "STEP_UPDATED" | "RETRIED" => 0,
            other => panic!("json block under unexpected heading {other:?}"),
        };
    }
    assert!(total >= 40, "only {total} personal values checked");
}

#[test]
fn stripe_fixture_objects_print_no_personal_data() {
    let Some(shared) = shared_dir() else { return };
    let text = std::fs::read_to_string(shared.join("specs/stripe/fixtures3.json")).expect("fixtures readable");
    let all: Value = serde_json::from_str(&text).expect("fixtures parse");
    let report = &all["resources"]["identity.verification_report"];
    let session = &all["resources"]["identity.verification_session"];
    let total = check::<stripe_identity::VerificationReport>("verification_report", report)
        + check::<stripe_identity::VerificationSession>("verification_session", session);
    assert!(total >= 5, "only {total} personal values checked");
}
