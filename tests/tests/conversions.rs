//! `From` between copies of one shape: decision code written for Plaid's `IdentityVerification`
//! (a list item) takes a get, create or retry response through `.into()`; identical
//! structs convert both ways; every field survives the conversion. Request bodies never
//! convert (`codegen/src/lower/conversions.rs` has the rule).

use kycgen_tests::{seed_json_blocks, shared_dir};
use plaid_idv::{IdentityVerification, IdentityVerificationCreateResponse, IdentityVerificationGetResponse, IdentityVerificationListResponse, IdentityVerificationRetryResponse, IdentityVerificationStatus};
use serde_json::{json, Value};

/// Decision code written once, against the list item type.
fn is_done(v: impl Into<IdentityVerification>) -> bool {
    v.into().status == IdentityVerificationStatus::Success
}

/// The seed's payload under `heading`, or `None` when `../shared` is absent.
fn seed(heading: &str) -> Option<Value> {
    let text = std::fs::read_to_string(shared_dir()?.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    Some(seed_json_blocks(&text).into_iter().find(|(h, _)| h == heading).unwrap_or_else(|| panic!("no {heading} payload")).1)
}

#[test]
fn a_response_converts_into_the_list_item_with_every_field() {
    let Some(get) = seed("/identity_verification/get") else { return };
    let typed: IdentityVerificationGetResponse = serde_json::from_value(get.clone()).expect("parses");
    let item: IdentityVerification = typed.clone().into();
    let mut expected = get.clone();
    expected.as_object_mut().expect("an object").remove("request_id");
    assert_eq!(serde_json::to_value(&item).unwrap(), serde_json::to_value(serde_json::from_value::<IdentityVerification>(expected).unwrap()).unwrap());
    assert_eq!(is_done(typed.clone()), typed.status == IdentityVerificationStatus::Success);
    // A list item and a get response reach the same decision.
    let Some(list) = seed("/identity_verification/list") else { return };
    let list: IdentityVerificationListResponse = serde_json::from_value(list).expect("parses");
    for v in list.identity_verifications {
        let status = v.status.clone();
        assert_eq!(is_done(v), status == IdentityVerificationStatus::Success);
    }
}

#[test]
fn identical_responses_convert_both_ways() {
    let Some(get) = seed("/identity_verification/get") else { return };
    let typed: IdentityVerificationGetResponse = serde_json::from_value(get.clone()).expect("parses");
    let created: IdentityVerificationCreateResponse = typed.clone().into();
    let retried: IdentityVerificationRetryResponse = created.clone().into();
    let back: IdentityVerificationGetResponse = retried.into();
    assert_eq!(back, typed);
    assert_eq!(serde_json::to_value(&created).unwrap(), serde_json::to_value(&typed).unwrap());
}

#[test]
fn a_document_name_converts_and_personal_data_stays_marked() {
    let doc: plaid_idv::IdentityVerificationDocumentNameResponse = serde_json::from_value(json!({"given_name": "Leslie", "family_name": "Knope"})).unwrap();
    let name: plaid_idv::IdentityVerificationResponseUserName = doc.into();
    assert_eq!(name.given_name.expose(), "Leslie");
    assert!(!format!("{name:?}").contains("Leslie"));
}

#[test]
fn stripe_split_dates_of_one_shape_convert() {
    let dob: stripe_identity::GelatoDataDocumentReportDateOfBirth = serde_json::from_value(json!({"day": 1, "month": 2, "year": 1990})).unwrap();
    let out: stripe_identity::GelatoDataVerifiedOutputsDate = dob.into();
    assert_eq!(serde_json::to_value(&out).unwrap(), json!({"day": 1, "month": 2, "year": 1990}));
}
