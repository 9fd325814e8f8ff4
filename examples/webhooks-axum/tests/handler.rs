//! The example's routes, called in process: signed deliveries are acted on, tampered,
//! unsigned and wrongly keyed ones get 400 and change nothing.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use kycgen_example_webhooks::{router, AppState};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use plaid_idv::webhooks::VerificationKey;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tower::ServiceExt;

const SECRET: &str = "whsec_example_own";

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

fn state() -> Arc<AppState> {
    let point = SigningKey::from_slice(&[9; 32]).unwrap().verifying_key().to_encoded_point(false);
    let jwk = json!({"kty": "EC", "crv": "P-256", "kid": "k1", "alg": "ES256", "expired_at": null,
                     "x": B64.encode(point.x().unwrap()), "y": B64.encode(point.y().unwrap())});
    let key = VerificationKey::from_jwk_json(&jwk.to_string()).unwrap();
    Arc::new(AppState { stripe_secrets: vec![SECRET.into()], plaid_keys: [("k1".into(), key)].into(), onfido_tokens: vec![SECRET.into()], ..AppState::default() })
}

async fn post(state: &Arc<AppState>, path: &str, header: (&str, &str), body: &[u8]) -> StatusCode {
    let request = Request::post(path).header(header.0, header.1).body(Body::from(body.to_vec())).unwrap();
    router(state.clone()).oneshot(request).await.unwrap().status()
}

fn stripe_body(kind: &str) -> Vec<u8> {
    let session = json!({"id": "vs_example", "object": "identity.verification_session", "created": 1, "livemode": false,
                         "metadata": {}, "options": {}, "status": "verified", "type": "document"});
    json!({"id": "evt_example", "object": "event", "created": 1, "livemode": false, "type": kind, "data": {"object": session}})
        .to_string()
        .into_bytes()
}

fn stripe_signature(body: &[u8]) -> String {
    let t = now();
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{t}.").as_bytes());
    mac.update(body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

fn plaid_token(kid: &str, body: &[u8]) -> String {
    let header = B64.encode(json!({"alg": "ES256", "kid": kid, "typ": "JWT"}).to_string());
    let claims = B64.encode(json!({"iat": now(), "request_body_sha256": hex::encode(Sha256::digest(body))}).to_string());
    let signature: Signature = SigningKey::from_slice(&[9; 32]).unwrap().sign(format!("{header}.{claims}").as_bytes());
    format!("{header}.{claims}.{}", B64.encode(signature.to_bytes()))
}

#[tokio::test]
async fn stripe_route_acts_only_on_verified_events() {
    let state = state();
    let body = stripe_body("identity.verification_session.verified");
    let signature = stripe_signature(&body);
    assert_eq!(post(&state, "/webhooks/stripe", ("Stripe-Signature", &signature), &body).await, StatusCode::OK);
    let mut tampered = body.clone();
    tampered[8] ^= 1;
    assert_eq!(post(&state, "/webhooks/stripe", ("Stripe-Signature", &signature), &tampered).await, StatusCode::BAD_REQUEST);
    assert_eq!(post(&state, "/webhooks/stripe", ("X-Other", "1"), &body).await, StatusCode::BAD_REQUEST);
    let future = stripe_body("identity.verification_session.future_kind");
    assert_eq!(post(&state, "/webhooks/stripe", ("Stripe-Signature", &stripe_signature(&future)), &future).await, StatusCode::OK);
    let handled = state.handled.lock().unwrap().clone();
    assert_eq!(handled, ["verified vs_example", "ignored identity.verification_session.future_kind"]);
}

#[tokio::test]
async fn plaid_route_verifies_with_the_key_the_token_names() {
    let state = state();
    let body = json!({"webhook_type": "IDENTITY_VERIFICATION", "webhook_code": "STATUS_UPDATED",
                      "identity_verification_id": "idv_example", "environment": "sandbox"})
    .to_string()
    .into_bytes();
    assert_eq!(post(&state, "/webhooks/plaid", ("Plaid-Verification", &plaid_token("k1", &body)), &body).await, StatusCode::OK);
    let unknown_kid = plaid_token("k2", &body);
    assert_eq!(post(&state, "/webhooks/plaid", ("Plaid-Verification", &unknown_kid), &body).await, StatusCode::BAD_REQUEST);
    let other_body = plaid_token("k1", b"{}");
    assert_eq!(post(&state, "/webhooks/plaid", ("Plaid-Verification", &other_body), &body).await, StatusCode::BAD_REQUEST);
    assert_eq!(state.handled.lock().unwrap().clone(), ["status updated idv_example"]);
}

#[tokio::test]
async fn onfido_route_checks_the_body_hmac() {
    let state = state();
    let body = json!({"payload": {"resource_type": "check", "action": "check.completed", "object": {"id": "chk_example", "status": "complete"}}})
        .to_string()
        .into_bytes();
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(&body);
    let signature = hex::encode(mac.finalize().into_bytes());
    assert_eq!(post(&state, "/webhooks/onfido", ("X-SHA2-Signature", &signature), &body).await, StatusCode::OK);
    let mut tampered = body.clone();
    tampered[12] ^= 1;
    assert_eq!(post(&state, "/webhooks/onfido", ("X-SHA2-Signature", &signature), &tampered).await, StatusCode::BAD_REQUEST);
    assert_eq!(post(&state, "/webhooks/onfido", ("X-Other", "1"), &body).await, StatusCode::BAD_REQUEST);
    assert_eq!(state.handled.lock().unwrap().clone(), ["check completed chk_example"]);
}
