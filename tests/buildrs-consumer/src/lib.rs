//! A crate that generates its vendor types from its build script (`kycgen_codegen::Builder`)
//! and includes them as a module, as a user of kycgen outside this repository would.

/// The fixture vendor's types, operations and servers, generated at build time.
#[allow(missing_docs)]
pub mod vendor {
    include!(concat!(env!("OUT_DIR"), "/vendor.rs"));
}
