//! Receiving webhooks in axum: each handler takes the body as raw `Bytes` (never `Json`,
//! which would parse before the signature is checked), verifies it with the generated
//! crate, and only then acts on the typed event.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use onfido::webhooks as onfido_hooks;
use plaid_idv::webhooks::{self as plaid, VerificationKey, Webhook};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use stripe_identity::webhooks::{self as stripe, Event};

/// What the handlers need: the secrets, and (for this example) a log of what they did.
#[derive(Default)]
pub struct AppState {
    /// Stripe endpoint secrets (`whsec_…`); two during a rotation.
    pub stripe_secrets: Vec<String>,
    /// Plaid verification keys by `kid`, from `/webhook_verification_key/get`. A real
    /// service fetches a key it does not have yet, then caches it.
    pub plaid_keys: HashMap<String, VerificationKey>,
    /// Onfido webhook tokens (the `token` `create_webhook` returned); two during a rotation.
    pub onfido_tokens: Vec<String>,
    /// What the handlers acted on, one line per event.
    pub handled: Mutex<Vec<String>>,
}

/// `POST /webhooks/stripe`, `POST /webhooks/plaid` and `POST /webhooks/onfido`.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/webhooks/stripe", post(stripe_webhook))
        .route("/webhooks/plaid", post(plaid_webhook))
        .route("/webhooks/onfido", post(onfido_webhook))
        .with_state(state)
}

fn now_unix() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.map_or(0, |d| d.as_secs() as i64)
}

/// A header's value; absent (or not visible ASCII) is empty, which verification reports as
/// a missing header.
fn header<'h>(headers: &'h HeaderMap, name: &str) -> &'h str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

fn record(state: &AppState, line: String) {
    state.handled.lock().unwrap_or_else(|e| e.into_inner()).push(line);
}

async fn stripe_webhook(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let secrets: Vec<&str> = state.stripe_secrets.iter().map(String::as_str).collect();
    let signature = header(&headers, stripe::SIGNATURE_HEADER);
    let event = match stripe::construct_event_with(&body, signature, &secrets, now_unix(), stripe::DEFAULT_TOLERANCE_SECS) {
        Ok(event) => event,
        Err(error) => {
            // Safe to log: the error names the failed check, never a secret or body text.
            eprintln!("stripe webhook: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    match &event {
        Event::IdentityVerificationSessionVerified(e) => record(&state, format!("verified {}", e.data.object.id)),
        Event::IdentityVerificationSessionRequiresInput(e) => record(&state, format!("requires input {}", e.data.object.id)),
        // Kinds this service does not act on, known or not, are acknowledged all the same.
        other => record(&state, format!("ignored {}", other.kind())),
    }
    StatusCode::OK
}

async fn plaid_webhook(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let token = header(&headers, plaid::VERIFICATION_HEADER);
    let verified = plaid::key_id(token).and_then(|kid| {
        let key = state.plaid_keys.get(&kid).ok_or(plaid::WebhookError::UnknownKey)?;
        plaid::verify_with_key(&body, token, key, now_unix(), plaid::DEFAULT_MAX_AGE_SECS)
    });
    let webhook = match verified {
        Ok(webhook) => webhook,
        Err(error) => {
            eprintln!("plaid webhook: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    match &webhook {
        Webhook::IdentityVerificationStatusUpdated(w) => {
            // The webhook only says that something changed: fetch the session with
            // /identity_verification/get to learn its status.
            record(&state, format!("status updated {}", w.identity_verification_id));
        }
        other => record(&state, format!("ignored {}", other.kind())),
    }
    StatusCode::OK
}

async fn onfido_webhook(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let tokens: Vec<&str> = state.onfido_tokens.iter().map(String::as_str).collect();
    let event = match onfido_hooks::verify_with(&body, header(&headers, onfido_hooks::SIGNATURE_HEADER), &tokens) {
        Ok(event) => event,
        Err(error) => {
            eprintln!("onfido webhook: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    let object_id = |e: &onfido::WebhookEvent| e.payload.as_ref().and_then(|p| p.object.as_ref()).map(|o| o.id.clone()).unwrap_or_default();
    match &event {
        // The event names the check: fetch it (`FindCheck`) for its result.
        onfido_hooks::Event::CheckCompleted(e) => record(&state, format!("check completed {}", object_id(e))),
        other => record(&state, format!("ignored {}", other.kind())),
    }
    StatusCode::OK
}
