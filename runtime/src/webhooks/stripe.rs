//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of `<t>.<raw body>`
//! keyed with the endpoint secret; any `v1` may match any of the secrets (rotation).

use serde::{Deserialize, Serialize};
use std::fmt;

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

/// A Stripe event around its object: `{"id", "object": "event", "type", "created",
/// "livemode", "api_version", "data": {"object", "previous_attributes"}}`. The `type` chose
/// the variant of the generated crate's `Event` that holds this.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct EventEnvelope<T> {
    /// The event's id (`evt_…`), the key to deduplicate deliveries by.
    pub id: String,
    /// When the event happened, as a Unix time.
    pub created: i64,
    /// Whether the event comes from live mode.
    pub livemode: bool,
    /// The API version the object is rendered in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// The object the event is about.
    pub data: EventData<T>,
}

/// The `data` of an [`EventEnvelope`].
#[derive(Clone, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct EventData<T> {
    /// The object as it is after the event.
    pub object: T,
    /// For `*.updated` events, the changed fields' previous values (shown as `[redacted]`
    /// by `Debug`: they may be personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_attributes: Option<serde_json::Value>,
}

impl<T: fmt::Debug> fmt::Debug for EventData<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let previous = self.previous_attributes.as_ref().map(|_| format_args!("[redacted]"));
        f.debug_struct("EventData")
            .field("object", &self.object)
            .field("previous_attributes", &previous)
            .finish()
    }
}
