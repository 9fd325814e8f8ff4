//! Create a Stripe Identity verification session, then poll it until it reaches a terminal
//! status, against a local stand-in for Stripe (a wiremock server on 127.0.0.1 that moves
//! the session from `requires_input` through `processing` to `verified`).
//!
//! `cargo run -p kycgen-tests --example poll_until_verified`. Against Stripe itself, build
//! the client with `https://api.stripe.com` and your secret key instead.

use kycgen_runtime::client::{Client, RetryPolicy};
use serde_json::json;
use std::time::Duration;
use stripe_identity::operations::{credentials, VerificationSessionCreate, VerificationSessionRetrieve};
use stripe_identity::{VerificationSessionCreateParams, VerificationSessionCreateParamsType, VerificationSessionStatus};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = stand_in().await;
    let client = Client::builder(server.uri(), credentials("sk_test_example", "2024-06-20"))
        .idempotency_header("idempotency-key")
        .retry(RetryPolicy::default())
        .timeout(Duration::from_secs(10))
        .build()?;

    let create = VerificationSessionCreate::new(VerificationSessionCreateParams::new(VerificationSessionCreateParamsType::Document));
    // The key makes the POST safe to retry after a 429 or 5xx.
    let session = client.send_idempotent(&create, "example-create-1").await?;
    println!("created {} ({})", session.id, session.status);

    let retrieve = VerificationSessionRetrieve::new(session.id.clone());
    let mut status = session.status;
    while !matches!(status, VerificationSessionStatus::Verified | VerificationSessionStatus::Canceled) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        status = client.send(&retrieve).await?.status;
        println!("polled {}: {status}", session.id);
    }
    println!("terminal status: {status}");
    Ok(())
}

/// A server that answers like Stripe for one session whose status advances per poll.
async fn stand_in() -> MockServer {
    let server = MockServer::start().await;
    let session = |status: &str| {
        ResponseTemplate::new(200).set_body_json(json!({"id": "vs_example", "object": "identity.verification_session",
            "created": 1700000000, "livemode": false, "metadata": {}, "options": {}, "status": status, "type": "document"}))
    };
    Mock::given(method("POST")).and(path("/v1/identity/verification_sessions")).respond_with(session("requires_input")).mount(&server).await;
    let get = || Mock::given(method("GET")).and(path("/v1/identity/verification_sessions/vs_example"));
    get().respond_with(session("requires_input")).up_to_n_times(1).with_priority(1).mount(&server).await;
    get().respond_with(session("processing")).up_to_n_times(2).with_priority(2).mount(&server).await;
    get().respond_with(session("verified")).with_priority(3).mount(&server).await;
    server
}
