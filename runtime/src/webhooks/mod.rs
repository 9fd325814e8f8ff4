//! Webhook authenticity: each vendor's signature scheme checked on the raw body bytes, before
//! anything parses them, and strict JSON parsing (duplicate keys rejected) for what passed.
//!
//! The generated vendor crates wrap these in `webhooks::construct_event` / `webhooks::verify`
//! that return typed events; use this module directly for a vendor without a generated crate.

mod error;
pub mod json;
pub mod onfido;
pub mod plaid;
pub mod stripe;

pub use error::{ParseErrorKind, WebhookError};

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Decodes lowercase hex only (what every vendor sends), so that one signature has exactly
/// one spelling: `A` for `a` is a changed header, not the same one.
fn decode_lower_hex(
    header: &'static str,
    text: &str,
    expected_len: usize,
) -> Result<Vec<u8>, WebhookError> {
    let malformed = |reason| WebhookError::MalformedHeader { header, reason };
    if text.len() != expected_len * 2 {
        return Err(malformed("signature has the wrong length"));
    }
    if !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(malformed("signature is not lowercase hex"));
    }
    hex::decode(text).map_err(|_| malformed("signature is not lowercase hex"))
}

/// Whether any of `signatures` is the HMAC-SHA256 of `message` under any of `secrets`.
/// Every pair is compared in constant time (`Mac::verify_slice`). An empty secret (an unset
/// environment variable, say) never matches: anyone can sign with it.
fn hmac_sha256_matches(message: &[&[u8]], secrets: &[&str], signatures: &[Vec<u8>]) -> bool {
    let mut found = false;
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
            continue;
        };
        for part in message {
            mac.update(part);
        }
        for signature in signatures {
            found |= mac.clone().verify_slice(signature).is_ok();
        }
    }
    found
}

/// Rejects `signed_at` further than `tolerance_secs` from `now_unix` either way.
fn check_timestamp(signed_at: i64, now_unix: i64, tolerance_secs: i64) -> Result<(), WebhookError> {
    let age = now_unix.saturating_sub(signed_at);
    if age > tolerance_secs {
        return Err(WebhookError::TimestampTooOld {
            age_secs: age,
            tolerance_secs,
        });
    }
    if -age > tolerance_secs {
        return Err(WebhookError::TimestampInFuture {
            ahead_secs: -age,
            tolerance_secs,
        });
    }
    Ok(())
}

/// Returns the header value, or `MissingHeader` for an empty one (what a web framework hands
/// over when the header is absent).
fn require_header<'h>(header: &'static str, value: &'h str) -> Result<&'h str, WebhookError> {
    if value.is_empty() {
        Err(WebhookError::MissingHeader { header })
    } else {
        Ok(value)
    }
}
