//! kycgen's code generator: vendor specs (OpenAPI 3.0/3.1, markdown field tables) are read
//! into one IR, lowered to Rust-named types and emitted as a crate. The library reads spec
//! files (inside a spec root only) and returns file contents; it never writes files.
//!
//! Pipeline: [`source`] → [`openapi`] → [`ir`] → [`resolve`] → [`lower`] → [`model`] → [`emit`] → [`render`],
//! exposed as stage functions over plain data ([`read`], [`lower_crate`], [`emit_crate`],
//! [`finish`]) that [`generate`] composes and every command calls.

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
pub use pipeline::{emit_crate, errors_only, finish, lower_crate, open, read_checked, SpecPath};
pub use read::{read, Read};

use config::CrateConfig;
use diag::Diagnostics;
use model::Model;
use render::OutputFile;
use source::SpecRoot;

/// Everything one crate's generation produced: the IR, the lowered model and the files.
#[derive(Debug)]
pub struct Generated {
    pub spec: ir::Spec,
    pub model: Model,
    pub files: Vec<OutputFile>,
    /// Warnings (errors make [`generate`] fail instead).
    pub warnings: Diagnostics,
}

/// How the crate will be used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A member of the kycgen workspace (`generated/<crate>`).
    #[default]
    Workspace,
    /// A crate that builds on its own (`--out DIR`): its manifest gets a `[workspace]` table.
    Standalone,
}

/// Where a generated crate finds `kycgen-runtime` unless its config says otherwise.
///
/// - [`Layout::Workspace`]: `../../runtime`, from `generated/<crate>` (the workspace plan
///   sets the path of each output directory itself, see [`workspace::generate_all`]).
/// - [`Layout::Standalone`]: the absolute path of the runtime crate of the kycgen checkout
///   this generator was built from, so the crate builds wherever it is written without the
///   runtime being published. A caller that knows better sets `CrateConfig::runtime`
///   (xtask does, from `KYCGEN_RUNTIME`); the library reads no environment.
pub fn runtime_path(layout: Layout) -> String {
    checkout_crate(layout, "runtime")
}

/// Where a generated crate with a vocabulary finds `kyc-common` unless its config says
/// otherwise: as [`runtime_path`] finds the runtime (`CrateConfig::common` overrides it).
pub fn common_path(layout: Layout) -> String {
    checkout_crate(layout, "kyc-common")
}

/// The directory `dir` of the kycgen checkout, relative to `generated/<crate>` or absolute.
fn checkout_crate(layout: Layout, dir: &str) -> String {
    match layout {
        Layout::Workspace => format!("../../{dir}"),
        Layout::Standalone => {
            let codegen = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            codegen.parent().unwrap_or(codegen).join(dir).to_string_lossy().into_owned()
        }
    }
}

/// Reads the spec files of `cfg` from `root`, lowers and emits the crate: the stages of
/// [`pipeline`] in turn. All problems of the run come back together, located.
pub fn generate(cfg: &CrateConfig, root: &SpecRoot, cfg_display: &str, layout: Layout) -> Result<Generated, Error> {
    let mut diags = Diagnostics::new();
    let read = read(root, &cfg.specs, &mut diags);
    let model = lower_crate(&read, cfg, root, cfg_display, layout, &mut diags);
    // Vocabulary errors are located in the vendor config, so it is searched too.
    let warnings = finish(diags, read.sources.iter().chain(cfg.file.iter().filter(|f| f.display == cfg_display)))?;
    let files = emit_crate(&model, cfg_display)?;
    Ok(Generated { spec: read.spec, model, files, warnings })
}
