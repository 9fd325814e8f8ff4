//! Runtime support shared by every crate kycgen generates, so that one application using
//! several vendor crates has one `Nullable`, one `ValidationError` and one `Operation` trait.
//!
//! Generated crates depend on this crate and re-export what their public API uses, so a
//! user of a vendor crate does not need to add it as a dependency.
//!
//! - [`Nullable`], [`Expandable`] and [`UnixTime`] (feature `time`) are field types;
//!   [`Pii`] marks personal data, which `Debug` shows only through [`debug_pii`].
//! - [`from_slice`] and [`from_str`] deserialize JSON with the path of the first error.
//! - [`ValidationError`] and the `check_*` helpers in [`validate`] implement the
//!   generated `validate()` methods.
//! - [`deserialize_struct!`], [`string_enum_impls!`] and [`integer_enum_impls!`] write the
//!   serde impls of generated structs and open enums; [`de`] holds what they expand to.
//! - The operation machinery is sans-IO: an [`Operation`] turns itself into an
//!   [`http::Request`] and an [`http::Response`] into its typed result; sending the request
//!   is the caller's business (any HTTP library). The `client` feature adds an async client.
//! - The `webhooks` feature verifies Stripe, Plaid and Onfido webhook signatures on the raw
//!   body before anything is parsed.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod de;
mod enums;
mod expandable;
mod json;
mod nullable;
mod redact;
mod strict;
#[cfg(feature = "time")]
mod unix_time;
pub mod validate;

pub use expandable::Expandable;
pub use json::{from_slice, from_str, JsonError};
pub use nullable::Nullable;
pub use redact::{debug_pii, revealing, DebugPii, Pii};
pub use strict::{strict_value, StrictValue};
#[cfg(feature = "time")]
pub use unix_time::UnixTime;
pub use validate::ValidationError;

/// What the macros' expansions refer to, so that a generated crate needs nothing else in
/// scope. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}

#[cfg(feature = "webhooks")]
pub mod webhooks;

mod auth;
#[cfg(feature = "client")]
pub mod client;
pub mod encoding;
mod error;
mod operation;

pub use auth::{Credentials, Secret};
pub use error::{ApiError, RawBody, RequestError};
pub use operation::{parse_response, Operation, RequestParts, Statuses};
pub use http;
