//! Plaid: `Plaid-Verification` is an ES256 JWT whose claims carry `iat` and the SHA-256 of
//! the body (`request_body_sha256`); the key is the JWK `/webhook_verification_key/get`
//! returns for the token's `kid`.
//!
//! The algorithm is checked before any key is looked at: `none`, `HS256` (key confusion with
//! the public key as an HMAC secret) and everything but `ES256` are rejected outright.

use super::{check_timestamp, require_header, WebhookError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The header Plaid signs deliveries in.
pub const VERIFICATION_HEADER: &str = "Plaid-Verification";

/// How old (or how far in the future) `iat` may be by default: Plaid says five minutes.
pub const DEFAULT_MAX_AGE_SECS: i64 = 300;

/// A webhook verification key: the `key` object of `/webhook_verification_key/get`.
#[derive(Clone)]
pub struct VerificationKey {
    kid: String,
    key: VerifyingKey,
    expired_at: Option<i64>,
}

impl std::fmt::Debug for VerificationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerificationKey")
            .field("kid", &self.kid)
            .field("expired_at", &self.expired_at)
            .finish_non_exhaustive()
    }
}

/// The JWK fields Plaid sends (`created_at` and `use` are not needed to verify).
#[derive(Deserialize)]
struct Jwk {
    kty: String,
    crv: String,
    x: String,
    y: String,
    kid: String,
    #[serde(default)]
    alg: Option<String>,
    #[serde(default)]
    expired_at: Option<i64>,
}

impl VerificationKey {
    /// Reads the `key` object of a `/webhook_verification_key/get` response, as JSON.
    pub fn from_jwk_json(jwk_json: &str) -> Result<Self, WebhookError> {
        let invalid = |reason| WebhookError::InvalidKey { reason };
        let jwk: Jwk =
            serde_json::from_str(jwk_json).map_err(|_| invalid("not a Plaid JWK object"))?;
        if jwk.kty != "EC" || jwk.crv != "P-256" {
            return Err(invalid("not an EC P-256 key"));
        }
        if jwk.alg.as_deref().is_some_and(|alg| alg != "ES256") {
            return Err(invalid("key is not for ES256"));
        }
        let coordinate = |text: &str| match URL_SAFE_NO_PAD.decode(text) {
            Ok(bytes) if bytes.len() == 32 => Ok(bytes),
            _ => Err(invalid("coordinate is not 32 bytes of base64url")),
        };
        let (x, y) = (coordinate(&jwk.x)?, coordinate(&jwk.y)?);
        let point = p256::EncodedPoint::from_affine_coordinates(
            p256::FieldBytes::from_slice(&x),
            p256::FieldBytes::from_slice(&y),
            false,
        );
        let key = VerifyingKey::from_encoded_point(&point)
            .map_err(|_| invalid("point is not on P-256"))?;
        Ok(Self {
            kid: jwk.kid,
            key,
            expired_at: jwk.expired_at,
        })
    }

    /// The key id (`kid`) tokens name this key by.
    pub fn kid(&self) -> &str {
        &self.kid
    }
}

#[derive(Deserialize)]
struct JwtHeader {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    crit: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Claims {
    iat: i64,
    request_body_sha256: String,
}

/// A `Plaid-Verification` token split into its parts, its header read and `alg` checked.
struct Token<'a> {
    signed: &'a str,
    kid: String,
    claims: &'a str,
    signature: &'a str,
}

fn malformed(reason: &'static str) -> WebhookError {
    WebhookError::MalformedHeader {
        header: VERIFICATION_HEADER,
        reason,
    }
}

fn decode_part<T: for<'de> Deserialize<'de>>(
    part: &str,
    reason: &'static str,
) -> Result<T, WebhookError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| malformed(reason))?;
    serde_json::from_slice(&bytes).map_err(|_| malformed(reason))
}

/// Splits the token and reads its header; anything but `alg: ES256` is `WrongAlgorithm`.
fn read_token(jwt: &str) -> Result<Token<'_>, WebhookError> {
    let jwt = require_header(VERIFICATION_HEADER, jwt)?;
    let mut parts = jwt.split('.');
    let (Some(head), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed("not a JWT of three parts"));
    };
    let header: JwtHeader = decode_part(head, "JWT header is not base64url JSON")?;
    if header.alg != "ES256" {
        return Err(WebhookError::WrongAlgorithm);
    }
    if header.crit.is_some() {
        return Err(malformed("JWT header has critical extensions"));
    }
    let kid = header.kid.ok_or(malformed("JWT header has no kid"))?;
    Ok(Token {
        signed: &jwt[..head.len() + 1 + claims.len()],
        kid,
        claims,
        signature,
    })
}

/// The key id a `Plaid-Verification` token names, to fetch its key with
/// `/webhook_verification_key/get`. The algorithm is checked first.
pub fn key_id(plaid_verification: &str) -> Result<String, WebhookError> {
    read_token(plaid_verification).map(|token| token.kid)
}

/// Verifies a delivery: `body` is the raw request body, `plaid_verification` the header's
/// value (empty when absent), `key` the key for the token's `kid`, `now_unix` the current
/// Unix time, `max_age_secs` how far `iat` may be from now.
///
/// Checks, in order: header present and a JWT, `alg` is ES256, `kid` is the key's, the key has
/// not expired, the ES256 signature, `iat`, and `request_body_sha256` against the body
/// (constant time).
pub fn verify(
    body: &[u8],
    plaid_verification: &str,
    key: &VerificationKey,
    now_unix: i64,
    max_age_secs: i64,
) -> Result<(), WebhookError> {
    let token = read_token(plaid_verification)?;
    if token.kid != key.kid {
        return Err(WebhookError::UnknownKey);
    }
    if key
        .expired_at
        .is_some_and(|expired_at| expired_at <= now_unix)
    {
        return Err(WebhookError::ExpiredKey);
    }
    let signature = URL_SAFE_NO_PAD
        .decode(token.signature)
        .map_err(|_| malformed("JWT signature is not base64url"))?;
    let signature = Signature::from_slice(&signature).map_err(|_| WebhookError::BadSignature)?;
    key.key
        .verify(token.signed.as_bytes(), &signature)
        .map_err(|_| WebhookError::BadSignature)?;
    let claims: Claims = decode_part(token.claims, "JWT claims lack iat or request_body_sha256")?;
    check_timestamp(claims.iat, now_unix, max_age_secs)?;
    let actual = hex::encode(Sha256::digest(body));
    if bool::from(
        actual
            .as_bytes()
            .ct_eq(claims.request_body_sha256.as_bytes()),
    ) {
        Ok(())
    } else {
        Err(WebhookError::BodyHashMismatch)
    }
}

/// [`verify`] with the key given as the JSON of the `key` object.
pub fn verify_with_jwk_json(
    body: &[u8],
    plaid_verification: &str,
    jwk_json: &str,
    now_unix: i64,
    max_age_secs: i64,
) -> Result<(), WebhookError> {
    read_token(plaid_verification)?;
    let key = VerificationKey::from_jwk_json(jwk_json)?;
    verify(body, plaid_verification, &key, now_unix, max_age_secs)
}

/// Why [`KeyCache::key`] has no key: the token names none (or the fetched one is unusable),
/// or fetching it failed (`E`: the fetch's own error, such as the client's).
#[derive(Debug)]
pub enum KeyError<E> {
    /// The token or the fetched key fails a check ([`WebhookError`] says which).
    Webhook(WebhookError),
    /// `/webhook_verification_key/get` did not answer with a key.
    Fetch(E),
}

impl<E: std::fmt::Display> std::fmt::Display for KeyError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Webhook(e) => e.fmt(f),
            Self::Fetch(e) => write!(f, "fetching the webhook verification key failed: {e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for KeyError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Webhook(e) => Some(e),
            Self::Fetch(e) => Some(e),
        }
    }
}

/// Verification keys by `kid`, each fetched once: a token naming a `kid` the cache has not
/// seen fetches it (with the `client` feature, generated crates fetch through their
/// `/webhook_verification_key/get` operation). Keys are kept as read; an expired one still
/// fails [`verify`] with [`WebhookError::ExpiredKey`], and Plaid signs with a new `kid`.
#[derive(Debug, Default)]
pub struct KeyCache {
    keys: std::sync::Mutex<std::collections::HashMap<String, VerificationKey>>,
}

impl KeyCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The key the token `plaid_verification` names: from the cache, or `fetch(kid)` (the
    /// JSON of the `key` object) read, checked to be that `kid`'s, and kept. The algorithm
    /// is checked before anything is fetched, so a forged `alg` costs no request.
    pub async fn key<E, Fut>(&self, plaid_verification: &str, fetch: impl FnOnce(String) -> Fut) -> Result<VerificationKey, KeyError<E>>
    where
        Fut: std::future::Future<Output = Result<String, E>>,
    {
        let kid = key_id(plaid_verification).map_err(KeyError::Webhook)?;
        if let Some(key) = self.lock().get(&kid) {
            return Ok(key.clone());
        }
        let jwk_json = fetch(kid.clone()).await.map_err(KeyError::Fetch)?;
        let key = VerificationKey::from_jwk_json(&jwk_json).map_err(KeyError::Webhook)?;
        if key.kid != kid {
            return Err(KeyError::Webhook(WebhookError::UnknownKey));
        }
        self.lock().insert(kid, key.clone());
        Ok(key)
    }

    /// How many keys are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no key is kept yet.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, VerificationKey>> {
        // A panic while holding the lock leaves the map whole (inserts are single calls).
        self.keys.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
