//! Onfido: `X-SHA2-Signature` is the lowercase hex HMAC-SHA256 of the raw body, keyed with the
//! webhook token. The scheme carries no timestamp; Onfido's own replay protection is the
//! event's id.

use super::{decode_lower_hex, hmac_sha256_matches, require_header, WebhookError};

/// The header Onfido signs deliveries in.
pub const SIGNATURE_HEADER: &str = "X-SHA2-Signature";

/// Verifies a delivery: `body` is the raw request body, `signature_header` the value of
/// `X-SHA2-Signature` (empty when absent), `tokens` the webhook tokens in use (several during
/// a rotation).
pub fn verify(body: &[u8], signature_header: &str, tokens: &[&str]) -> Result<(), WebhookError> {
    let value = require_header(SIGNATURE_HEADER, signature_header)?;
    let signature = decode_lower_hex(SIGNATURE_HEADER, value, 32)?;
    if hmac_sha256_matches(&[body], tokens, &[signature]) {
        Ok(())
    } else {
        Err(WebhookError::BadSignature)
    }
}
