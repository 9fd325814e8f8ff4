//! Webhook deliveries through the generated crates' contract functions: signed here (own
//! secret, own P-256 key), verified on the raw bytes, then parsed into the typed event.
//! Plaid's seed webhooks and Stripe's example session (in `../shared`) are checked too.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use kycgen_tests::{seed_json_blocks, shared_dir};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use plaid_idv::webhooks::{self as plaid, Webhook};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use stripe_identity::webhooks::{self as stripe, Event, ParseErrorKind, WebhookError};

const NOW: i64 = 1_767_225_600;
const SECRET: &str = "whsec_kycgen_tests_own";
const KID: &str = "kycgen-test-key-1";

fn stripe_header(body: &[u8], secret: &str, t: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.").as_bytes());
    mac.update(body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

fn key() -> SigningKey {
    SigningKey::from_slice(&[7; 32]).unwrap()
}

fn jwk() -> String {
    let point = key().verifying_key().to_encoded_point(false);
    let (x, y) = (B64.encode(point.x().unwrap()), B64.encode(point.y().unwrap()));
    json!({"alg": "ES256", "created_at": 1, "crv": "P-256", "expired_at": null, "kid": KID, "kty": "EC", "use": "sig", "x": x, "y": y})
        .to_string()
}

fn plaid_jwt(alg: &str, iat: i64, body: &[u8]) -> String {
    let header = json!({"alg": alg, "kid": KID, "typ": "JWT"}).to_string();
    let claims = json!({"iat": iat, "request_body_sha256": hex::encode(Sha256::digest(body))}).to_string();
    let signed = format!("{}.{}", B64.encode(header), B64.encode(claims));
    let signature: Signature = key().sign(signed.as_bytes());
    format!("{signed}.{}", B64.encode(signature.to_bytes()))
}

fn plaid_body(code: &str) -> Vec<u8> {
    let body = json!({"webhook_type": "IDENTITY_VERIFICATION", "webhook_code": code, "identity_verification_id": "idv_own_1", "environment": "sandbox"});
    body.to_string().into_bytes()
}

/// Verifies a Plaid delivery signed here and checks the variant its code selects.
fn plaid_delivery(body: &[u8], code: &str) {
    let webhook = plaid::verify(body, &plaid_jwt("ES256", NOW - 5, body), &jwk(), NOW).unwrap_or_else(|e| panic!("{code}: {e}"));
    assert_eq!(webhook.kind(), format!("IDENTITY_VERIFICATION.{code}"));
    let ok = match (code, &webhook) {
        ("STATUS_UPDATED", Webhook::IdentityVerificationStatusUpdated(w)) => w.webhook_code == code,
        ("STEP_UPDATED", Webhook::IdentityVerificationStepUpdated(w)) => w.webhook_code == code,
        ("RETRIED", Webhook::IdentityVerificationRetried(w)) => w.webhook_code == code,
        _ => false,
    };
    assert!(ok, "{code} became {webhook:?}");
}

#[test]
fn plaid_own_deliveries_become_typed_webhooks() {
    for code in ["STATUS_UPDATED", "STEP_UPDATED", "RETRIED"] {
        plaid_delivery(&plaid_body(code), code);
    }
    let body = plaid_body("FUTURE_CODE");
    let webhook = plaid::verify(&body, &plaid_jwt("ES256", NOW, &body), &jwk(), NOW).unwrap();
    assert!(matches!(&webhook, Webhook::Unknown { kind, raw } if kind == "IDENTITY_VERIFICATION.FUTURE_CODE" && raw["identity_verification_id"] == "idv_own_1"));
    assert!(!format!("{webhook:?}").contains("idv_own_1"), "Unknown's Debug hides the body");
}

#[test]
fn plaid_seed_webhooks_verify_and_parse() {
    let Some(shared) = shared_dir() else { return };
    let text = std::fs::read_to_string(shared.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    let mut codes = Vec::new();
    for (heading, value) in seed_json_blocks(&text) {
        if !heading.starts_with('/') {
            plaid_delivery(&serde_json::to_vec_pretty(&value).unwrap(), &heading);
            codes.push(heading);
        }
    }
    assert_eq!(codes, ["STATUS_UPDATED", "STEP_UPDATED", "RETRIED"]);
}

#[test]
fn plaid_contract_rejects_before_parsing() {
    let body = plaid_body("STATUS_UPDATED");
    let jwt = plaid_jwt("ES256", NOW, &body);
    let mut changed = body.clone();
    changed[3] ^= 0x20;
    assert_eq!(plaid::verify(&changed, &jwt, &jwk(), NOW).unwrap_err(), plaid_idv::webhooks::WebhookError::BodyHashMismatch);
    let hs256 = plaid_jwt("HS256", NOW, &body);
    assert_eq!(plaid::verify(&body, &hs256, &jwk(), NOW).unwrap_err(), plaid_idv::webhooks::WebhookError::WrongAlgorithm);
    let stale = plaid_jwt("ES256", NOW - 301, &body);
    assert!(matches!(plaid::verify(&body, &stale, &jwk(), NOW), Err(plaid_idv::webhooks::WebhookError::TimestampTooOld { .. })));
    let key = plaid::VerificationKey::from_jwk_json(&jwk()).unwrap();
    assert_eq!(plaid::key_id(&jwt).unwrap(), KID);
    plaid::verify_with_key(&body, &stale, &key, NOW, 600).unwrap();
}

/// A verification session of our own: the fields Stripe's docs make required.
fn own_session() -> Value {
    json!({"id": "vs_own_1", "object": "identity.verification_session", "created": NOW, "livemode": false, "metadata": {},
           "options": {}, "status": "verified", "type": "document"})
}

fn stripe_event(kind: &str, session: &Value) -> Vec<u8> {
    let event = json!({"id": "evt_own_1", "object": "event", "api_version": "2024-06-20", "created": NOW, "livemode": false,
                       "pending_webhooks": 1, "type": kind, "data": {"object": session}});
    serde_json::to_vec(&event).unwrap()
}

const STRIPE_KINDS: [&str; 6] = ["created", "processing", "requires_input", "verified", "canceled", "redacted"];

/// Every session event, signed here, becomes its variant holding the session.
fn stripe_deliveries(session: &Value) {
    for kind in STRIPE_KINDS.map(|k| format!("identity.verification_session.{k}")) {
        let body = stripe_event(&kind, session);
        let event = stripe::construct_event(&body, &stripe_header(&body, SECRET, NOW), SECRET, NOW).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(event.kind(), kind);
        let envelope = match &event {
            Event::IdentityVerificationSessionCreated(e)
            | Event::IdentityVerificationSessionProcessing(e)
            | Event::IdentityVerificationSessionRequiresInput(e)
            | Event::IdentityVerificationSessionVerified(e)
            | Event::IdentityVerificationSessionCanceled(e)
            | Event::IdentityVerificationSessionRedacted(e) => e,
            other => panic!("{kind} became {other:?}"),
        };
        assert_eq!((envelope.id.as_str(), envelope.created), ("evt_own_1", NOW));
        assert_eq!(serde_json::to_value(&envelope.data.object).unwrap(), *session, "{kind}: the session round-trips");
    }
}

#[test]
fn stripe_own_events_become_typed_events() {
    stripe_deliveries(&own_session());
    let body = stripe_event("identity.verification_report.created", &json!({"id": "vr_1"}));
    let event = stripe::construct_event(&body, &stripe_header(&body, SECRET, NOW), SECRET, NOW).unwrap();
    assert!(matches!(&event, Event::Unknown { kind, raw } if kind == "identity.verification_report.created" && raw["data"]["object"]["id"] == "vr_1"));
}

#[test]
fn stripe_example_session_in_every_event() {
    let Some(shared) = shared_dir() else { return };
    let text = std::fs::read_to_string(shared.join("specs/stripe/fixtures3.json")).expect("fixtures3.json readable");
    let all: Value = serde_json::from_str(&text).expect("fixtures3.json parses");
    stripe_deliveries(&all["resources"]["identity.verification_session"]);
    // Stripe's example event is of another kind: kept, not an error.
    let body = serde_json::to_vec(&all["resources"]["event"]).unwrap();
    let event = stripe::construct_event(&body, &stripe_header(&body, SECRET, NOW), SECRET, NOW).unwrap();
    assert!(matches!(event, Event::Unknown { .. }), "{event:?}");
}

fn parse_error(body: &[u8]) -> (String, ParseErrorKind) {
    match stripe::construct_event(body, &stripe_header(body, SECRET, NOW), SECRET, NOW) {
        Err(WebhookError::Parse { path, kind, .. }) => (path, kind),
        other => panic!("{other:?}"),
    }
}

#[test]
fn stripe_verified_bodies_that_are_not_events_are_located_errors() {
    let body = stripe_event("identity.verification_session.verified", &own_session());
    let text = String::from_utf8(body.clone()).unwrap();
    let duplicate = text.replacen("\"type\":", "\"type\":\"identity.verification_session.canceled\",\"type\":", 1);
    assert_eq!(parse_error(duplicate.as_bytes()), (".".into(), ParseErrorKind::DuplicateKey));
    let nested = text.replacen("\"status\":", "\"status\":\"canceled\",\"status\":", 1);
    assert_eq!(parse_error(nested.as_bytes()), ("data.object".into(), ParseErrorKind::DuplicateKey));
    let no_type = text.replacen("\"type\":\"identity", "\"kind\":\"identity", 1);
    assert_eq!(parse_error(no_type.as_bytes()), ("type".into(), ParseErrorKind::Data));
    let bad_created = text.replacen(&format!("\"created\":{NOW}"), "\"created\":\"Jane\"", 2);
    let (path, kind) = parse_error(bad_created.as_bytes());
    assert_eq!((path.as_str(), kind), ("created", ParseErrorKind::Data));
    assert_eq!(parse_error(&body[..body.len() - 1]), ("?".into(), ParseErrorKind::Eof), "`?`: inside an object, before its next key");
}

#[test]
fn stripe_contract_rejects_before_parsing() {
    let body = stripe_event("identity.verification_session.verified", &own_session());
    let header = stripe_header(&body, SECRET, NOW);
    assert_eq!(stripe::construct_event(&body, &header, "whsec_other", NOW).unwrap_err(), WebhookError::BadSignature);
    assert_eq!(stripe::construct_event(&body, "", SECRET, NOW).unwrap_err(), WebhookError::MissingHeader { header: "Stripe-Signature" });
    let old = stripe::construct_event(&body, &stripe_header(&body, SECRET, NOW - 301), SECRET, NOW);
    assert!(matches!(old, Err(WebhookError::TimestampTooOld { age_secs: 301, .. })));
    let rotated = stripe::construct_event_with(&body, &header, &["whsec_new", SECRET], NOW, 60);
    assert!(matches!(rotated, Ok(Event::IdentityVerificationSessionVerified(_))));
    // A body that is not JSON but carries a valid signature is a parse error, not a panic.
    let garbage = b"not json";
    assert_eq!(parse_error(garbage).1, ParseErrorKind::Syntax);
}

/// With the `client` feature, an unknown `kid` is fetched once through the key operation
/// (a real HTTP server on 127.0.0.1) and kept: a second delivery needs no request, and a
/// token with a forged `alg` is refused before anything is fetched.
#[tokio::test]
async fn plaid_key_cache_fetches_an_unknown_kid_once() {
    use wiremock::matchers::{body_partial_json, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    let key: Value = serde_json::from_str(&jwk()).unwrap();
    Mock::given(method("POST"))
        .and(path("/webhook_verification_key/get"))
        .and(body_partial_json(json!({"key_id": KID})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"key": key, "request_id": "req-key-1"})))
        .expect(1)
        .mount(&server)
        .await;
    let credentials = plaid_idv::operations::credentials("client-1", "secret-1", "2020-09-14");
    let client = kycgen_runtime::client::Client::builder(server.uri(), credentials).build().expect("client builds");
    let cache = plaid::KeyCache::new();
    for code in ["STATUS_UPDATED", "STEP_UPDATED"] {
        let body = plaid_body(code);
        let webhook = plaid::verify_fetching_key(&cache, &client, &body, &plaid_jwt("ES256", NOW - 5, &body), NOW).await.expect("verifies");
        assert_eq!(webhook.kind(), format!("IDENTITY_VERIFICATION.{code}"));
    }
    assert_eq!(cache.len(), 1);
    let body = plaid_body("RETRIED");
    let forged = plaid::verify_fetching_key(&cache, &client, &body, &plaid_jwt("HS256", NOW - 5, &body), NOW).await;
    assert!(matches!(forged, Err(plaid::KeyError::Webhook(WebhookError::WrongAlgorithm))), "{forged:?}");
    let tampered = plaid::verify_fetching_key(&cache, &client, b"{}", &plaid_jwt("ES256", NOW - 5, &body), NOW).await;
    assert!(matches!(tampered, Err(plaid::KeyError::Webhook(WebhookError::BodyHashMismatch))), "{tampered:?}");
}
