//! Runtime support shared by every crate kycgen generates, so that one application using
//! several vendor crates has one `Nullable`, one `ValidationError` and one `Operation` trait.
//!
//! Generated crates depend on this crate and re-export what their public API uses.

#![deny(missing_docs)]

#[cfg(feature = "webhooks")]
pub mod webhooks;
