//! The `webhooks` module of a crate whose vendor config lists webhooks: an event enum chosen
//! by the discriminators (`Unknown { kind, raw }` for any other kind) and the vendor's entry
//! points, which verify the signature on the raw body with `kycgen-runtime` and then parse.

use super::{ty, Cfg};
use crate::config::{WebhookScheme, Webhooks};
use crate::model::Model;
use crate::naming;
use crate::render::{self, OutputFile};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// One known event kind.
struct Event {
    kind: String,
    variant: Ident,
    /// The payload type: the object's type, wrapped in the scheme's envelope.
    payload: TokenStream,
    doc: String,
    cfg: TokenStream,
}

/// `src/webhooks.rs`, when the model has webhooks.
pub fn file(model: &Model, header: &str) -> Result<Option<OutputFile>, String> {
    let Some(hooks) = &model.webhooks else { return Ok(None) };
    if hooks.discriminators.is_empty() || hooks.events.is_empty() {
        return Err("webhooks: `discriminators` and `events` must not be empty".into());
    }
    let events = events(model, hooks)?;
    let (module_doc, entry) = match hooks.scheme {
        WebhookScheme::Stripe => (STRIPE_DOC, stripe_entry()),
        WebhookScheme::Plaid => (PLAID_DOC, plaid_entry(model)),
        WebhookScheme::Onfido => (ONFIDO_DOC, onfido_entry()),
    };
    let enum_tokens = event_enum(hooks, &events);
    let tokens = quote! {
        #![doc = #module_doc]
        use kycgen_runtime::webhooks::json;
        pub use kycgen_runtime::webhooks::{ParseErrorKind, WebhookError};
        #entry
        #enum_tokens
    };
    Ok(Some(OutputFile { path: "src/webhooks.rs".into(), contents: render::rust(header, tokens)? }))
}

const STRIPE_DOC: &str = " Stripe webhooks: [`construct_event`] checks `Stripe-Signature` on the raw body (HMAC-SHA256, any `v1`, several secrets, a timestamp tolerance) before it parses the [`Event`].";
const ONFIDO_DOC: &str = " Onfido webhooks: [`verify`] checks `X-SHA2-Signature` (hex HMAC-SHA256 of the raw body, keyed with the webhook token; several tokens during a rotation) before it parses the [`Event`].";
const PLAID_DOC: &str = " Plaid webhooks: [`verify`] checks the `Plaid-Verification` JWT (ES256 only, `kid`, key expiry, `iat`, the body's SHA-256) on the raw body before it parses the [`Webhook`].";

/// The configured kinds, in config order, with their variant names and types.
fn events(model: &Model, hooks: &Webhooks) -> Result<Vec<Event>, String> {
    let mut out: Vec<Event> = Vec::new();
    for (kind, schema) in &hooks.events {
        let Some(t) = model.types.iter().find(|t| &t.source == schema) else {
            return Err(format!("webhook event `{kind}`: schema `{schema}` is not generated (list it under roots)"));
        };
        let name = naming::variant_name(kind);
        if name == "Unknown" {
            return Err(format!("webhook event `{kind}` would become the catch-all variant `Unknown`"));
        }
        if let Some(other) = out.iter().find(|e| e.variant == name) {
            return Err(format!("webhook events `{kind}` and `{}` both become variant `{name}`", other.kind));
        }
        let object = ty::ident(&t.name);
        let payload = match hooks.scheme {
            WebhookScheme::Stripe => quote!(EventEnvelope<crate::#object>),
            WebhookScheme::Plaid | WebhookScheme::Onfido => quote!(crate::#object),
        };
        let doc = format!(" `{kind}`, with [`{}`](crate::{}).", t.name, t.name);
        out.push(Event { kind: kind.clone(), variant: ty::ident(&name), payload, doc, cfg: Cfg::new(&t.features).tokens() });
    }
    Ok(out)
}

/// The enum, `kind()`, `from_verified_body()` and a `Debug` that keeps `raw` hidden.
fn event_enum(hooks: &Webhooks, events: &[Event]) -> TokenStream {
    let name = ty::ident(match hooks.scheme {
        WebhookScheme::Stripe | WebhookScheme::Onfido => "Event",
        WebhookScheme::Plaid => "Webhook",
    });
    let discriminators = &hooks.discriminators;
    let by = discriminators.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>().join(" + ");
    let joined = if discriminators.len() > 1 { " (the values joined by `.` are its kind; a value that starts with the ones before it and `.` stands for them)" } else { " (its kind)" };
    let enum_doc = format!(" A webhook event, chosen by {by}{joined}.");
    let (variants, kinds, docs, payloads, cfgs) = (
        events.iter().map(|e| &e.variant).collect::<Vec<_>>(),
        events.iter().map(|e| &e.kind).collect::<Vec<_>>(),
        events.iter().map(|e| &e.doc).collect::<Vec<_>>(),
        events.iter().map(|e| &e.payload).collect::<Vec<_>>(),
        events.iter().map(|e| &e.cfg).collect::<Vec<_>>(),
    );
    let debug_impl = debug_impl(&name, events);
    quote! {
        #[doc = #enum_doc]
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #docs] #cfgs #variants(#payloads), )*
            /// A kind this crate does not know (or whose feature is off): the kind and the
            /// whole body. Never an error, so a new vendor event does not break a handler.
            Unknown {
                /// The discriminator values joined by `.`.
                kind: String,
                /// The body as parsed (duplicate keys rejected).
                raw: serde_json::Value,
            },
        }

        impl #name {
            /// The event's kind: the discriminator values joined by `.`.
            #[inline]
            pub fn kind(&self) -> &str {
                match self {
                    #( #cfgs Self::#variants(_) => #kinds, )*
                    Self::Unknown { kind, .. } => kind,
                }
            }

            /// Parses a body whose signature has already been verified. Duplicate keys are
            /// rejected; an error names the JSON path but never shows body text.
            #[inline]
            pub fn from_verified_body(body: &[u8]) -> Result<Self, WebhookError> {
                let raw = json::parse_strict(body)?;
                let kind = json::kind(&raw, &[#( #discriminators ),*])?;
                Ok(match kind.as_str() {
                    #( #cfgs #kinds => Self::#variants(json::from_value(&raw)?), )*
                    _ => Self::Unknown { kind, raw },
                })
            }
        }

        #debug_impl
    }
}

/// `Debug` through each variant's own `Debug`; `raw` only inside `debug_pii`.
fn debug_impl(name: &Ident, events: &[Event]) -> TokenStream {
    let variants: Vec<&Ident> = events.iter().map(|e| &e.variant).collect();
    let cfgs = events.iter().map(|e| &e.cfg);
    let names = variants.iter().map(|v| v.to_string());
    quote! {
        impl std::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #( #cfgs Self::#variants(v) => f.debug_tuple(#names).field(v).finish(), )*
                    Self::Unknown { kind, raw } => json::fmt_unknown(f, kind, raw),
                }
            }
        }
    }
}

fn stripe_entry() -> TokenStream {
    quote! {
        use kycgen_runtime::webhooks::stripe;
        pub use kycgen_runtime::webhooks::stripe::{EventData, EventEnvelope, DEFAULT_TOLERANCE_SECS, SIGNATURE_HEADER};

        /// Verifies a delivery and parses its event: `payload` is the raw request body,
        /// `signature_header` the `Stripe-Signature` value (empty when absent), `secret` the
        /// endpoint secret, `now_unix` the current Unix time; the tolerance is
        /// [`DEFAULT_TOLERANCE_SECS`].
        #[inline]
        pub fn construct_event(payload: &[u8], signature_header: &str, secret: &str, now_unix: i64) -> Result<Event, WebhookError> {
            construct_event_with(payload, signature_header, &[secret], now_unix, DEFAULT_TOLERANCE_SECS)
        }

        /// [`construct_event`] with several secrets (a rotation) and a tolerance of your own.
        #[inline]
        pub fn construct_event_with(payload: &[u8], signature_header: &str, secrets: &[&str], now_unix: i64, tolerance_secs: i64) -> Result<Event, WebhookError> {
            stripe::verify(payload, signature_header, secrets, now_unix, tolerance_secs)?;
            Event::from_verified_body(payload)
        }
    }
}

fn plaid_entry(model: &Model) -> TokenStream {
    let cached = plaid_cached_verify(model);
    quote! {
        use kycgen_runtime::webhooks::plaid;
        pub use kycgen_runtime::webhooks::plaid::{key_id, KeyCache, KeyError, VerificationKey, DEFAULT_MAX_AGE_SECS, VERIFICATION_HEADER};
        #cached

        /// Verifies a delivery and parses its webhook: `body` is the raw request body,
        /// `plaid_verification` the `Plaid-Verification` value (empty when absent),
        /// `jwk_json` the `key` object `/webhook_verification_key/get` returned for the
        /// token's [`key_id`], as JSON; `now_unix` the current Unix time. `iat` may be
        /// [`DEFAULT_MAX_AGE_SECS`] old.
        #[inline]
        pub fn verify(body: &[u8], plaid_verification: &str, jwk_json: &str, now_unix: i64) -> Result<Webhook, WebhookError> {
            plaid::verify_with_jwk_json(body, plaid_verification, jwk_json, now_unix, DEFAULT_MAX_AGE_SECS)?;
            Webhook::from_verified_body(body)
        }

        /// [`verify`] with a key already read (and cached) and a maximum age of your own.
        #[inline]
        pub fn verify_with_key(body: &[u8], plaid_verification: &str, key: &VerificationKey, now_unix: i64, max_age_secs: i64) -> Result<Webhook, WebhookError> {
            plaid::verify(body, plaid_verification, key, now_unix, max_age_secs)?;
            Webhook::from_verified_body(body)
        }
    }
}

/// With the `client` feature, when the crate has Plaid's key operation: verification that
/// fetches an unknown `kid` through it and keeps it in a [`KeyCache`].
fn plaid_cached_verify(model: &Model) -> TokenStream {
    let Some(op) = model.operations.iter().find(|o| o.id == crate::model::PLAID_KEY_OPERATION) else { return quote!() };
    let Some(crate::model::Ty::Named(request)) = op.body.as_ref().map(|b| &b.ty) else { return quote!() };
    let (op_name, request) = (ty::ident(&op.name), ty::ident(request));
    let doc = format!(
        " [`verify`] with the key from `cache`; a `kid` the cache has not seen is fetched with [`{0}`](crate::operations::{0}) through `client`.",
        op.name
    );
    quote! {
        #[doc = #doc]
        #[cfg(feature = "client")]
        pub async fn verify_fetching_key(
            cache: &KeyCache,
            client: &kycgen_runtime::client::Client,
            body: &[u8],
            plaid_verification: &str,
            now_unix: i64,
        ) -> Result<Webhook, KeyError<kycgen_runtime::client::ClientError<<crate::operations::#op_name as kycgen_runtime::Operation>::Error>>> {
            let key = cache
                .key(plaid_verification, |kid| async move {
                    let response = client.send(&crate::operations::#op_name::new(crate::#request::new(kid))).await?;
                    Ok(serde_json::to_string(&response.key).unwrap_or_default())
                })
                .await?;
            verify_with_key(body, plaid_verification, &key, now_unix, DEFAULT_MAX_AGE_SECS).map_err(KeyError::Webhook)
        }
    }
}

fn onfido_entry() -> TokenStream {
    quote! {
        use kycgen_runtime::webhooks::onfido;
        pub use kycgen_runtime::webhooks::onfido::SIGNATURE_HEADER;

        /// Verifies a delivery and parses its event: `body` is the raw request body,
        /// `x_sha2_signature` the [`SIGNATURE_HEADER`] value (empty when absent), `token` the
        /// webhook's token.
        #[inline]
        pub fn verify(body: &[u8], x_sha2_signature: &str, token: &str) -> Result<Event, WebhookError> {
            verify_with(body, x_sha2_signature, &[token])
        }

        /// [`verify`] accepting any of several tokens (a rotation).
        #[inline]
        pub fn verify_with(body: &[u8], x_sha2_signature: &str, tokens: &[&str]) -> Result<Event, WebhookError> {
            onfido::verify(body, x_sha2_signature, tokens)?;
            Event::from_verified_body(body)
        }
    }
}
