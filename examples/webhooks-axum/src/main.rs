//! `cargo run -p kycgen-example-webhooks`: serves the webhook routes on `WEBHOOKS_ADDR`
//! (default 127.0.0.1:3000). `STRIPE_WEBHOOK_SECRET` holds the endpoint secret, `PLAID_WEBHOOK_JWK` the JSON of a
//! `/webhook_verification_key/get` `key` object, `ONFIDO_WEBHOOK_TOKEN` the Onfido webhook's token.

use kycgen_example_webhooks::{router, AppState};
use plaid_idv::webhooks::VerificationKey;
use std::sync::Arc;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut state = AppState::default();
    if let Ok(secret) = std::env::var("STRIPE_WEBHOOK_SECRET") {
        state.stripe_secrets.push(secret);
    }
    if let Ok(jwk) = std::env::var("PLAID_WEBHOOK_JWK") {
        let key = VerificationKey::from_jwk_json(&jwk)?;
        state.plaid_keys.insert(key.kid().to_owned(), key);
    }
    if let Ok(token) = std::env::var("ONFIDO_WEBHOOK_TOKEN") {
        state.onfido_tokens.push(token);
    }
    let addr = std::env::var("WEBHOOKS_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, router(Arc::new(state))).await?;
    Ok(())
}
