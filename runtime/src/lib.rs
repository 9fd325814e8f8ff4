//! Runtime support shared by every crate kycgen generates, so that one application using
//! several vendor crates has one `Nullable`, one `ValidationError` and one `Operation` trait.
//!
//! Generated crates depend on this crate and re-export what their public API uses, so a
//! user of a vendor crate does not need to add it as a dependency.
//!
//! - [`Nullable`], [`Expandable`] and [`UnixTime`] (feature `time`) are field types;
//!   [`Pii`] marks personal data, which `Debug` shows only through [`debug_pii`].
//!   [`UnknownValue`] is the opaque payload of an open enum's catch-all variant.
//! - [`With`] sets fields of a generated struct in the expression that builds it;
//!   [`HasId`] lets [`Expandable::id`] answer for expanded objects; [`split_date`]
//!   (feature `time`) reads a day/month/year object as a date.
//! - [`from_slice`] and [`from_str`] deserialize JSON with the path of the first error.
//! - [`ValidationError`] and the `check_*` helpers in [`validate`] implement the
//!   generated `validate()` methods.
//! - [`ser`] and [`de`] serialize and deserialize generated structs: a generated crate
//!   names each struct's fields in [`serialize_struct!`] and [`deserialize_struct!`], which
//!   expand to impls calling these modules' generic functions;
//!   [`string_enum_impls!`] and [`integer_enum_impls!`] write the serde impls of open enums.
//! - The operation machinery is sans-IO: an [`Operation`] turns itself into an
//!   [`http::Request`] and an [`http::Response`] into its typed result; sending the request
//!   is the caller's business (any HTTP library). The `client` feature adds an async client.
//! - [`multipart`] encodes `multipart/form-data` bodies, with [`FileUpload`] for file parts.
//! - The `webhooks` feature verifies Stripe, Plaid and Onfido webhook signatures on the raw
//!   body before anything is parsed.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

/// Invokes `$m!` once for each tuple size the generic struct code of [`ser`] and [`de`]
/// supports (one to twelve elements), with the elements' type parameters and indices.
macro_rules! for_tuples {
    ($m:ident) => {
        $m!(S0 0);
        $m!(S0 0, S1 1);
        $m!(S0 0, S1 1, S2 2);
        $m!(S0 0, S1 1, S2 2, S3 3);
        $m!(S0 0, S1 1, S2 2, S3 3, S4 4);
        $m!(S0 0, S1 1, S2 2, S3 3, S4 4, S5 5);
        $m!(S0 0, S1 1, S2 2, S3 3, S4 4, S5 5, S6 6);
        $m!(S0 0, S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7);
        $m!(S0 0, S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7, S8 8);
        $m!(S0 0, S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7, S8 8, S9 9);
        $m!(S0 0, S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7, S8 8, S9 9, S10 10);
        $m!(S0 0, S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7, S8 8, S9 9, S10 10, S11 11);
    };
}

pub mod de;
mod enums;
mod expandable;
mod json;
mod nullable;
mod redact;
#[cfg(feature = "time")]
mod split_date;
pub mod ser;
mod strict;
mod struct_macros;
#[cfg(feature = "time")]
mod unix_time;
pub mod validate;
mod with;

pub use enums::UnknownValue;
pub use expandable::{Expandable, HasId};
pub use json::{from_slice, from_str, JsonError};
pub use nullable::Nullable;
pub use redact::{debug_pii, revealing, DebugPii, Pii};
pub use strict::{strict_value, StrictValue};
#[cfg(feature = "time")]
pub use split_date::split_date;
#[cfg(feature = "time")]
pub use unix_time::UnixTime;
pub use validate::ValidationError;
pub use with::With;

/// What the macros' expansions refer to, so that a generated crate needs nothing else in
/// scope. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::enums::unknown;
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
pub mod multipart;
mod operation;

pub use auth::{Credentials, Secret};
pub use error::{ApiError, RawBody, RequestError};
pub use multipart::FileUpload;
pub use operation::{parse_response, Operation, RequestParts, Statuses};
pub use http;
