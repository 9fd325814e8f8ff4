//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of `<t>.<raw body>`
//! keyed with the endpoint secret; any `v1` may match any of the secrets (rotation).

use super::{check_timestamp, decode_lower_hex, hmac_sha256_matches, require_header, WebhookError};

/// The header Stripe signs deliveries in.
pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// How far the signed time may be from now, either way, by default (Stripe's libraries use
/// the same five minutes).
pub const DEFAULT_TOLERANCE_SECS: i64 = 300;

const SIG_BYTES: usize = 32;

/// The parts of a `Stripe-Signature` header that verification uses.
#[derive(Debug)]
struct Header<'a> {
    /// The timestamp exactly as sent (it is part of the signed payload).
    t: &'a str,
    t_unix: i64,
    v1: Vec<Vec<u8>>,
}

/// Verifies a delivery: `payload` is the raw request body, `signature_header` the value of
/// `Stripe-Signature` (empty when absent), `secrets` the endpoint secrets in use (several
/// during a rotation), `now_unix` the current Unix time.
///
/// Checks, in order: the header is present and well formed, some `v1` signature matches
/// under some secret, and the signed time is within `tolerance_secs` of now.
pub fn verify(
    payload: &[u8],
    signature_header: &str,
    secrets: &[&str],
    now_unix: i64,
    tolerance_secs: i64,
) -> Result<(), WebhookError> {
    let header = parse_header(require_header(SIGNATURE_HEADER, signature_header)?)?;
    let signed: [&[u8]; 3] = [header.t.as_bytes(), b".", payload];
    if !hmac_sha256_matches(&signed, secrets, &header.v1) {
        return Err(WebhookError::BadSignature);
    }
    check_timestamp(header.t_unix, now_unix, tolerance_secs)
}

/// Reads `t=` (exactly once, ASCII digits) and every `v1=`; other schemes (`v0=`) are
/// ignored, as Stripe's libraries do. No whitespace is trimmed: Stripe sends none.
fn parse_header(value: &str) -> Result<Header<'_>, WebhookError> {
    let malformed = |reason| WebhookError::MalformedHeader {
        header: SIGNATURE_HEADER,
        reason,
    };
    let mut t = None;
    let mut v1 = Vec::new();
    for item in value.split(',') {
        let (key, val) = item
            .split_once('=')
            .ok_or(malformed("an item is not key=value"))?;
        match key {
            "t" if t.is_some() => return Err(malformed("more than one timestamp")),
            "t" => t = Some(val),
            "v1" => v1.push(decode_lower_hex(SIGNATURE_HEADER, val, SIG_BYTES)?),
            _ => {}
        }
    }
    let t = t.ok_or(malformed("no timestamp (t=)"))?;
    if t.is_empty() || t.len() > 18 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed("timestamp is not a Unix time"));
    }
    let t_unix = t
        .parse()
        .map_err(|_| malformed("timestamp is not a Unix time"))?;
    if v1.is_empty() {
        return Err(malformed("no v1 signature"));
    }
    Ok(Header { t, t_unix, v1 })
}
