//! Webhook verification against vectors these tests make themselves: own secrets, own P-256
//! key pair (fixed scalar), nothing from outside.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use kycgen_runtime::webhooks::{json, onfido, plaid, stripe, ParseErrorKind, WebhookError};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use proptest::prelude::*;
use sha2::{Digest, Sha256};

const NOW: i64 = 1_767_225_600;
const SECRET: &str = "whsec_test_own_secret_0001";
const OTHER_SECRET: &str = "whsec_test_own_secret_0002";
const BODY: &[u8] =
    br#"{"id":"evt_1","object":"event","type":"identity.verification_session.verified"}"#;
const KID: &str = "6c5516e1-92dc-479e-a8ff-5a51992e0001";

fn hmac_hex(secret: &str, parts: &[&[u8]]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    for part in parts {
        mac.update(part);
    }
    hex::encode(mac.finalize().into_bytes())
}

fn stripe_header(body: &[u8], secret: &str, t: i64) -> String {
    let t = t.to_string();
    format!("t={t},v1={}", hmac_hex(secret, &[t.as_bytes(), b".", body]))
}

fn stripe_verify(body: &[u8], header: &str, secrets: &[&str]) -> Result<(), WebhookError> {
    stripe::verify(body, header, secrets, NOW, stripe::DEFAULT_TOLERANCE_SECS)
}

fn signing_key() -> SigningKey {
    SigningKey::from_slice(&[0x42; 32]).unwrap()
}

fn jwk_json(expired_at: Option<i64>) -> String {
    let point = signing_key().verifying_key().to_encoded_point(false);
    let expired = expired_at.map_or("null".to_owned(), |t| t.to_string());
    format!(
        r#"{{"alg":"ES256","created_at":1560466150,"crv":"P-256","expired_at":{expired},"kid":"{KID}","kty":"EC","use":"sig","x":"{}","y":"{}"}}"#,
        B64.encode(point.x().unwrap()),
        B64.encode(point.y().unwrap()),
    )
}

fn es256_jwt(header: &str, claims: &str) -> String {
    let signed = format!("{}.{}", B64.encode(header), B64.encode(claims));
    let signature: Signature = signing_key().sign(signed.as_bytes());
    format!("{signed}.{}", B64.encode(signature.to_bytes()))
}

fn claims(iat: i64, body: &[u8]) -> String {
    format!(
        r#"{{"iat":{iat},"request_body_sha256":"{}"}}"#,
        hex::encode(Sha256::digest(body))
    )
}

fn plaid_jwt(iat: i64, body: &[u8]) -> String {
    es256_jwt(
        &format!(r#"{{"alg":"ES256","kid":"{KID}","typ":"JWT"}}"#),
        &claims(iat, body),
    )
}

fn plaid_verify(body: &[u8], jwt: &str, jwk: &str) -> Result<(), WebhookError> {
    plaid::verify_with_jwk_json(body, jwt, jwk, NOW, plaid::DEFAULT_MAX_AGE_SECS)
}

/// Neither the message nor `Debug` of an error may show a secret or body text.
fn assert_clean(result: Result<(), WebhookError>, expected: WebhookError) {
    let error = result.expect_err("delivery must be rejected");
    let shown = format!("{error} {error:?}");
    for secret in [SECRET, OTHER_SECRET, "identity.verification", "evt_1"] {
        assert!(!shown.contains(secret), "{shown} shows {secret}");
    }
    assert_eq!(error, expected, "{shown}");
}

#[test]
fn stripe_valid_delivery_passes_with_any_current_secret() {
    let header = stripe_header(BODY, SECRET, NOW - 10);
    stripe_verify(BODY, &header, &[SECRET]).unwrap();
    stripe_verify(BODY, &header, &[OTHER_SECRET, SECRET]).unwrap();
    let rotated = format!(
        "{header},v1={}",
        &stripe_header(BODY, OTHER_SECRET, NOW - 10)[16..]
    );
    stripe_verify(BODY, &rotated, &[OTHER_SECRET]).unwrap();
    let with_v0 = format!("{header},v0={}", "0".repeat(64));
    stripe_verify(BODY, &with_v0, &[SECRET]).unwrap();
}

#[test]
fn stripe_rejections_each_name_their_check() {
    let header = stripe_header(BODY, SECRET, NOW);
    let mut changed = BODY.to_vec();
    changed[10] ^= 1;
    assert_clean(
        stripe_verify(&changed, &header, &[SECRET]),
        WebhookError::BadSignature,
    );
    let other = stripe_header(b"{}", SECRET, NOW);
    assert_clean(
        stripe_verify(BODY, &other, &[SECRET]),
        WebhookError::BadSignature,
    );
    assert_clean(
        stripe_verify(BODY, &header, &[OTHER_SECRET]),
        WebhookError::BadSignature,
    );
    assert_clean(
        stripe_verify(BODY, &header, &[]),
        WebhookError::BadSignature,
    );
    let old = stripe_header(BODY, SECRET, NOW - 301);
    let too_old = WebhookError::TimestampTooOld {
        age_secs: 301,
        tolerance_secs: 300,
    };
    assert_clean(stripe_verify(BODY, &old, &[SECRET]), too_old);
    stripe_verify(BODY, &stripe_header(BODY, SECRET, NOW - 300), &[SECRET]).unwrap();
    let future = stripe_header(BODY, SECRET, NOW + 301);
    let ahead = WebhookError::TimestampInFuture {
        ahead_secs: 301,
        tolerance_secs: 300,
    };
    assert_clean(stripe_verify(BODY, &future, &[SECRET]), ahead);
    let missing = WebhookError::MissingHeader {
        header: "Stripe-Signature",
    };
    assert_clean(stripe_verify(BODY, "", &[SECRET]), missing);
}

#[test]
fn stripe_malformed_headers() {
    let header = stripe_header(BODY, SECRET, NOW);
    let sig = &header[header.find("v1=").unwrap() + 3..];
    let cases = [
        ("garbage".to_owned(), "an item is not key=value"),
        (format!("v1={sig}"), "no timestamp (t=)"),
        (
            format!("t={NOW},t={NOW},v1={sig}"),
            "more than one timestamp",
        ),
        (format!("t=-{NOW},v1={sig}"), "timestamp is not a Unix time"),
        (format!("t=,v1={sig}"), "timestamp is not a Unix time"),
        (format!("t={NOW}"), "no v1 signature"),
        (
            format!("t={NOW},v1={}", sig.to_uppercase()),
            "signature is not lowercase hex",
        ),
        (
            format!("t={NOW},v1={}", &sig[2..]),
            "signature has the wrong length",
        ),
        (format!("t={NOW}, v1={sig}"), "no v1 signature"),
    ];
    for (value, reason) in cases {
        let expected = WebhookError::MalformedHeader {
            header: "Stripe-Signature",
            reason,
        };
        assert_clean(stripe_verify(BODY, &value, &[SECRET]), expected);
    }
}

#[test]
fn plaid_valid_delivery_passes() {
    plaid_verify(BODY, &plaid_jwt(NOW - 60, BODY), &jwk_json(None)).unwrap();
    plaid_verify(BODY, &plaid_jwt(NOW, BODY), &jwk_json(Some(NOW + 3600))).unwrap();
    assert_eq!(plaid::key_id(&plaid_jwt(NOW, BODY)).unwrap(), KID);
    let key = plaid::VerificationKey::from_jwk_json(&jwk_json(None)).unwrap();
    assert_eq!(key.kid(), KID);
    assert!(!format!("{key:?}").contains(&B64.encode([0x42; 32])[..8]));
}

#[test]
fn plaid_rejections_each_name_their_check() {
    let jwk = jwk_json(None);
    let jwt = plaid_jwt(NOW, BODY);
    let mut changed = BODY.to_vec();
    changed[10] ^= 1;
    assert_clean(
        plaid_verify(&changed, &jwt, &jwk),
        WebhookError::BodyHashMismatch,
    );
    let other = plaid_jwt(NOW, b"{}");
    assert_clean(
        plaid_verify(BODY, &other, &jwk),
        WebhookError::BodyHashMismatch,
    );
    let old = WebhookError::TimestampTooOld {
        age_secs: 301,
        tolerance_secs: 300,
    };
    assert_clean(plaid_verify(BODY, &plaid_jwt(NOW - 301, BODY), &jwk), old);
    let ahead = WebhookError::TimestampInFuture {
        ahead_secs: 301,
        tolerance_secs: 300,
    };
    assert_clean(plaid_verify(BODY, &plaid_jwt(NOW + 301, BODY), &jwk), ahead);
    let custom_age = plaid::verify_with_jwk_json(BODY, &plaid_jwt(NOW - 400, BODY), &jwk, NOW, 600);
    custom_age.unwrap();
    let missing = WebhookError::MissingHeader {
        header: "Plaid-Verification",
    };
    assert_clean(plaid_verify(BODY, "", &jwk), missing);
    let expired = jwk_json(Some(NOW - 1));
    assert_clean(plaid_verify(BODY, &jwt, &expired), WebhookError::ExpiredKey);
    let other_kid = es256_jwt(r#"{"alg":"ES256","kid":"another-key"}"#, &claims(NOW, BODY));
    assert_clean(
        plaid_verify(BODY, &other_kid, &jwk),
        WebhookError::UnknownKey,
    );
}

#[test]
fn plaid_rejects_every_algorithm_but_es256_before_using_a_key() {
    let body_claims = B64.encode(claims(NOW, BODY));
    let none = format!(
        "{}.{body_claims}.",
        B64.encode(format!(r#"{{"alg":"none","kid":"{KID}"}}"#))
    );
    // Key confusion: HS256 keyed with the public key's bytes (SEC1 and the JWK text itself).
    let head = B64.encode(format!(r#"{{"alg":"HS256","kid":"{KID}","typ":"JWT"}}"#));
    let signed = format!("{head}.{body_claims}");
    let public = signing_key().verifying_key().to_encoded_point(false);
    for key_bytes in [public.as_bytes().to_vec(), jwk_json(None).into_bytes()] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&key_bytes).unwrap();
        mac.update(signed.as_bytes());
        let hs256 = format!("{signed}.{}", B64.encode(mac.finalize().into_bytes()));
        assert_clean(
            plaid_verify(BODY, &hs256, &jwk_json(None)),
            WebhookError::WrongAlgorithm,
        );
        // Checked before the key is even read: an unusable key does not change the answer.
        assert_clean(
            plaid_verify(BODY, &hs256, "not a key"),
            WebhookError::WrongAlgorithm,
        );
    }
    assert_clean(
        plaid_verify(BODY, &none, &jwk_json(None)),
        WebhookError::WrongAlgorithm,
    );
    for alg in ["es256", "ES384", "RS256", "PS256", "EdDSA", ""] {
        let jwt = es256_jwt(
            &format!(r#"{{"alg":"{alg}","kid":"{KID}"}}"#),
            &claims(NOW, BODY),
        );
        assert_clean(
            plaid_verify(BODY, &jwt, &jwk_json(None)),
            WebhookError::WrongAlgorithm,
        );
        assert_eq!(plaid::key_id(&jwt), Err(WebhookError::WrongAlgorithm));
    }
}

#[test]
fn plaid_tampered_payload_and_malformed_tokens() {
    let jwk = jwk_json(None);
    let jwt = plaid_jwt(NOW, BODY);
    let parts: Vec<&str> = jwt.split('.').collect();
    let forged = B64.encode(claims(NOW, b"{\"forged\":true}"));
    let tampered = format!("{}.{forged}.{}", parts[0], parts[2]);
    assert_clean(
        plaid_verify(b"{\"forged\":true}", &tampered, &jwk),
        WebhookError::BadSignature,
    );
    let other_sig = plaid_jwt(NOW - 1, BODY);
    let swapped = format!(
        "{}.{}.{}",
        parts[0],
        parts[1],
        other_sig.split('.').nth(2).unwrap()
    );
    assert_clean(
        plaid_verify(BODY, &swapped, &jwk),
        WebhookError::BadSignature,
    );
    let malformed = |reason| WebhookError::MalformedHeader {
        header: "Plaid-Verification",
        reason,
    };
    assert_clean(
        plaid_verify(BODY, "a.b", &jwk),
        malformed("not a JWT of three parts"),
    );
    assert_clean(
        plaid_verify(BODY, &format!("{jwt}.x"), &jwk),
        malformed("not a JWT of three parts"),
    );
    assert_clean(
        plaid_verify(BODY, "!!.b.c", &jwk),
        malformed("JWT header is not base64url JSON"),
    );
    let no_kid = es256_jwt(r#"{"alg":"ES256"}"#, &claims(NOW, BODY));
    assert_clean(
        plaid_verify(BODY, &no_kid, &jwk),
        malformed("JWT header has no kid"),
    );
    let dup = es256_jwt(
        &format!(r#"{{"alg":"ES256","alg":"ES256","kid":"{KID}"}}"#),
        &claims(NOW, BODY),
    );
    assert_clean(
        plaid_verify(BODY, &dup, &jwk),
        malformed("JWT header is not base64url JSON"),
    );
    let crit = es256_jwt(
        &format!(r#"{{"alg":"ES256","kid":"{KID}","crit":["b64"]}}"#),
        &claims(NOW, BODY),
    );
    assert_clean(
        plaid_verify(BODY, &crit, &jwk),
        malformed("JWT header has critical extensions"),
    );
    let no_hash = es256_jwt(
        &format!(r#"{{"alg":"ES256","kid":"{KID}"}}"#),
        &format!(r#"{{"iat":{NOW}}}"#),
    );
    let reason = "JWT claims lack iat or request_body_sha256";
    assert_clean(plaid_verify(BODY, &no_hash, &jwk), malformed(reason));
}

#[test]
fn plaid_keys_that_are_not_p256_are_refused() {
    let good = jwk_json(None);
    let point = signing_key().verifying_key().to_encoded_point(false);
    let x = B64.encode(point.x().unwrap());
    let cases = [
        (good.replace("\"EC\"", "\"RSA\""), "not an EC P-256 key"),
        (good.replace("P-256", "P-384"), "not an EC P-256 key"),
        (
            good.replace("\"alg\":\"ES256\"", "\"alg\":\"HS256\""),
            "key is not for ES256",
        ),
        (
            good.replace(&x, "AAAA"),
            "coordinate is not 32 bytes of base64url",
        ),
        (
            good.replace(&x, &B64.encode([1u8; 32])),
            "point is not on P-256",
        ),
        ("{}".to_owned(), "not a Plaid JWK object"),
    ];
    for (jwk, reason) in cases {
        let error = plaid::VerificationKey::from_jwk_json(&jwk).unwrap_err();
        assert_eq!(error, WebhookError::InvalidKey { reason });
    }
}

#[test]
fn onfido_verifies_hex_hmac_of_the_raw_body() {
    let signature = hmac_hex(SECRET, &[BODY]);
    onfido::verify(BODY, &signature, &[SECRET]).unwrap();
    onfido::verify(BODY, &signature, &[OTHER_SECRET, SECRET]).unwrap();
    let mut changed = BODY.to_vec();
    changed[0] = b' ';
    assert_clean(
        onfido::verify(&changed, &signature, &[SECRET]),
        WebhookError::BadSignature,
    );
    assert_clean(
        onfido::verify(BODY, &signature, &[OTHER_SECRET]),
        WebhookError::BadSignature,
    );
    let missing = WebhookError::MissingHeader {
        header: "X-SHA2-Signature",
    };
    assert_clean(onfido::verify(BODY, "", &[SECRET]), missing);
    let malformed = WebhookError::MalformedHeader {
        header: "X-SHA2-Signature",
        reason: "signature is not lowercase hex",
    };
    assert_clean(onfido::verify(BODY, &"g".repeat(64), &[SECRET]), malformed);
}

#[test]
fn strict_json_rejects_duplicate_keys_with_their_path() {
    let duplicate = |body: &[u8]| match json::parse_strict(body) {
        Err(WebhookError::Parse {
            path,
            kind: ParseErrorKind::DuplicateKey,
            ..
        }) => path,
        other => panic!("{other:?}"),
    };
    assert_eq!(duplicate(br#"{"type":"a","type":"b"}"#), ".");
    assert_eq!(
        duplicate(br#"{"data":{"object":{"id":"x","id":"y"}}}"#),
        "data.object"
    );
    assert_eq!(duplicate(br#"{"list":[{},{"a":1,"a":1}]}"#), "list[1]");
    let value = json::parse_strict(br#"{"a":[1,-2,3.5,"s",null,true,{"a":1}]}"#).unwrap();
    assert_eq!(value["a"][6]["a"], 1);
    let kind = |body: &[u8]| match json::parse_strict(body) {
        Err(WebhookError::Parse { kind, .. }) => kind,
        other => panic!("{other:?}"),
    };
    assert_eq!(kind(b"{\"a\":"), ParseErrorKind::Eof);
    assert_eq!(kind(b"{\"a\":1} x"), ParseErrorKind::Syntax);
    assert_eq!(kind(b"{a:1}"), ParseErrorKind::Syntax);
}

#[test]
fn typed_parse_errors_carry_the_path_but_no_body_text() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Event {
        data: Data,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Data {
        created: i64,
    }
    let value = json::parse_strict(br#"{"data":{"created":"Jane Doe"}}"#).unwrap();
    let error = json::from_value::<Event>(&value).unwrap_err();
    assert!(
        matches!(&error, WebhookError::Parse { path, kind: ParseErrorKind::Data, .. } if path == "data.created")
    );
    assert!(!format!("{error} {error:?}").contains("Jane"));
}

/// Replaces byte `index % len` with a different ASCII byte.
fn mutate(bytes: &[u8], index: usize, delta: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let i = index % out.len();
    out[i] = (out[i] + 1 + delta % 127) % 128;
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_single_byte_change_is_rejected(index in any::<usize>(), delta in any::<u8>()) {
        let stripe = stripe_header(BODY, SECRET, NOW);
        let onfido_sig = hmac_hex(SECRET, &[BODY]);
        let jwt = plaid_jwt(NOW, BODY);
        let jwk = jwk_json(None);
        let body = mutate(BODY, index, delta);
        prop_assert!(stripe_verify(&body, &stripe, &[SECRET]).is_err());
        prop_assert!(onfido::verify(&body, &onfido_sig, &[SECRET]).is_err());
        prop_assert!(plaid_verify(&body, &jwt, &jwk).is_err());
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
        let header = text(mutate(stripe.as_bytes(), index, delta));
        prop_assert!(stripe_verify(BODY, &header, &[SECRET]).is_err(), "{}", header);
        let header = text(mutate(onfido_sig.as_bytes(), index, delta));
        prop_assert!(onfido::verify(BODY, &header, &[SECRET]).is_err(), "{}", header);
        let header = text(mutate(jwt.as_bytes(), index, delta));
        prop_assert!(plaid_verify(BODY, &header, &jwk).is_err(), "{}", header);
    }
}
