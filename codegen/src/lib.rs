//! kycgen's code generator: vendor specs (OpenAPI 3.0/3.1, markdown field tables) are read
//! into one IR, lowered to Rust-named types and emitted as a crate. The library reads spec
//! files (inside a spec root only) and returns file contents; it never writes files.
//!
//! Pipeline: [`source`] → [`openapi`] → [`ir`] → [`resolve`] → [`lower`] → [`model`] → [`emit`] → [`render`],
//! exposed as stage functions over plain data ([`read`], [`lower_crate`], [`emit_crate`],
//! [`finish`]) that [`generate`] composes and every command calls.

#![deny(missing_docs)]

mod builder;
pub mod config;
pub mod conforms;
pub mod crosscheck;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod lower;
pub mod markdown;
pub mod model;
pub mod naming;
pub mod openapi;
pub mod par;
pub mod pin;
pub mod render;
pub mod resolve;
pub mod source;
pub mod vocabulary;
pub mod workspace;

mod digest;
mod error;
mod pipeline;
mod read;

pub use builder::{Builder, Module};
pub use digest::sha256_hex;
pub use error::Error;
pub use pipeline::{common_path, emit_crate, errors_only, finish, finish_crate, generate, lower_crate, open, read_checked, runtime_path, Generated, Layout, SpecPath};
pub use read::{read, Read};
