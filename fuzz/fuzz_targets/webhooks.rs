//! Webhook deliveries: arbitrary header and body bytes through every vendor's verification
//! and the strict event parse. Never a panic, never accepted (the fuzzer cannot sign), and
//! the strict parse agrees with serde_json except where it finds a duplicate key.
#![no_main]

use kycgen_runtime::webhooks::{json, onfido, plaid, stripe, ParseErrorKind, WebhookError};
use libfuzzer_sys::fuzz_target;

/// A P-256 public key (the curve's generator point). The fuzzer cannot make an ES256
/// signature or an HMAC, so no input may verify.
const JWK: &str = r#"{"kty":"EC","crv":"P-256","kid":"fuzz","alg":"ES256","expired_at":null,"x":"axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY","y":"T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU"}"#;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let header = String::from_utf8_lossy(&data[..split]);
    let body = data.get(split + 1..).unwrap_or_default();
    assert!(stripe::verify(body, &header, &["whsec_fuzz"], 1_700_000_000, 300).is_err());
    assert!(onfido::verify(body, &header, &["fuzz_token"]).is_err());
    assert!(plaid::verify_with_jwk_json(body, &header, JWK, 1_700_000_000, 300).is_err());
    let _ = plaid::key_id(&header);
    let loose = serde_json::from_slice::<serde_json::Value>(body);
    match json::parse_strict(body) {
        Ok(strict) => assert_eq!(loose.ok(), Some(strict)),
        Err(WebhookError::Parse { kind: ParseErrorKind::DuplicateKey, .. }) => {}
        Err(_) => assert!(loose.is_err(), "strict parse refused JSON serde_json reads"),
    }
    let _ = plaid_idv::webhooks::Webhook::from_verified_body(body);
    let _ = stripe_identity::webhooks::Event::from_verified_body(body);
});
