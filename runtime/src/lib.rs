//! Runtime support shared by every crate kycgen generates, so that one application using
//! several vendor crates has one `Nullable`, one `ValidationError` and one `Operation` trait.
//!
//! Generated crates depend on this crate and re-export what their public API uses.
//!
//! The operation machinery is sans-IO: an [`Operation`] turns itself into an
//! [`http::Request`] and an [`http::Response`] into its typed result; sending the request
//! is the caller's business (any HTTP library).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

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
