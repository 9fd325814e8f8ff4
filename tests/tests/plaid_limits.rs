//! Plaid documents its limits in prose ("1 to 100 characters", "up to 80 characters"); our
//! spec carries them as `minLength`/`maxLength`, so `validate()` on Plaid requests enforces
//! them and an operation whose body breaks one is never sent.

use kycgen_runtime::client::{Client, ClientError, RetryPolicy};
use kycgen_runtime::{Operation, RequestError};
use plaid_idv::operations::{credentials, IdentityVerificationCreate};
use plaid_idv::IdentityVerificationCreateRequest;
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::MockServer;

/// A create request with a user whose given name, street and postal code are as given.
fn request(given_name: &str, street: &str, postal_code: &str) -> IdentityVerificationCreateRequest {
    let body: Value = json!({
        "is_shareable": true, "template_id": "idvtmp_1", "gave_consent": true,
        "user": {
            "email_address": "user@example.com",
            "name": {"given_name": given_name, "family_name": "Knope"},
            "address": {"street": street, "street2": null, "city": "Pawnee", "region": "IN", "postal_code": postal_code, "country": "US"}
        }
    });
    serde_json::from_value(body).expect("a request body parses")
}

fn lines(errors: &[kycgen_runtime::ValidationError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn values_within_the_documented_limits_pass() {
    assert_eq!(request(&"L".repeat(100), &"1".repeat(80), "46001").validate(), Ok(()));
    assert_eq!(request("L", "1 Main St", "46").validate(), Ok(()));
}

#[test]
fn values_beyond_them_fail_with_their_paths() {
    let errors = request(&"L".repeat(101), &"1".repeat(81), "4").validate().expect_err("three limits broken");
    assert_eq!(
        lines(&errors),
        [
            "user.name.given_name: length 101 is above the maximum of 100",
            "user.address.street: length 81 is above the maximum of 80",
            "user.address.postal_code: length 1 is below the minimum of 2",
        ]
    );
    let empty = request("", "1 Main St", "46001").validate().expect_err("an empty name is refused");
    assert_eq!(lines(&empty), ["user.name.given_name: length 0 is below the minimum of 1"]);
}

#[test]
fn the_operation_refuses_to_build_it() {
    let op = IdentityVerificationCreate::new(request(&"L".repeat(101), "1 Main St", "46001"));
    match op.to_http("https://sandbox.plaid.com") {
        Err(RequestError::Invalid(errors)) => assert_eq!(lines(&errors), ["user.name.given_name: length 101 is above the maximum of 100"]),
        other => panic!("expected RequestError::Invalid, got {other:?}"),
    }
}

#[tokio::test]
async fn a_too_long_value_is_never_sent() {
    let server = MockServer::start().await;
    let client = Client::builder(server.uri(), credentials("client-1", "secret-1", "2020-09-14"))
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds");
    let op = IdentityVerificationCreate::new(request("Leslie", &"1".repeat(81), "46001"));
    match client.send(&op).await {
        Err(ClientError::Request(RequestError::Invalid(errors))) => {
            assert_eq!(lines(&errors), ["user.address.street: length 81 is above the maximum of 80"]);
        }
        other => panic!("expected an invalid request, got {other:?}"),
    }
    assert!(server.received_requests().await.expect("recording is on").is_empty(), "nothing reached the server");
}
