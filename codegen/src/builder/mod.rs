//! The build.rs API: [`Builder`] generates a vendor spec into one `.rs` file that a crate
//! `include!`s, as prost-build and tonic-build do, through the same stages as the commands.

mod inline;

use crate::config::{self, CrateConfig, CONFIG_FILE};
use crate::diag::Diagnostics;
use crate::source::SpecRoot;
use crate::{emit_crate, finish_crate, lower_crate, open, read, Error, Layout};
use std::path::{Path, PathBuf};

/// Generates a spec into one module file from a build script:
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), kycgen_codegen::Error> {
///     let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
///     kycgen_codegen::Builder::new("specs/vendor/openapi.yaml")
///         .root("Applicant")
///         .redact("email")
///         .write_module(out.join("vendor.rs"))
/// }
/// ```
///
/// and in the crate, `include!(concat!(env!("OUT_DIR"), "/vendor.rs"));` (at the crate root
/// or inside a `mod`). The crate depends on `kycgen-runtime` and the crates the file's
/// header names (`serde`, `serde_json`, `jiff` for dates, with the runtime features listed).
/// A spec error fails the build with every diagnostic, located.
#[derive(Clone, Debug)]
pub struct Builder {
    spec: PathBuf,
    config: Option<PathBuf>,
    roots: Vec<String>,
    renames: Vec<(String, String)>,
    redact: Vec<String>,
}

/// What [`Builder::generate`] produced: the file's text and every file it read.
#[derive(Clone, Debug)]
pub struct Module {
    /// The generated crate as one Rust module (header, then prettyplease output), ready for
    /// `include!` from `OUT_DIR`.
    pub code: String,
    /// The spec files (and the config) read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
}

impl Builder {
    /// A spec: an OpenAPI file (YAML or JSON, with the files its `$ref`s lead into), a
    /// markdown doc, or a directory of markdown docs.
    pub fn new(spec: impl AsRef<Path>) -> Self {
        Builder { spec: spec.as_ref().to_path_buf(), config: None, roots: Vec::new(), renames: Vec::new(), redact: Vec::new() }
    }

    /// A vendor config (`kycgen.yaml`): roots, renames, redaction, operations, webhooks.
    /// Its `specs` and `source` pin are replaced by the builder's spec.
    pub fn config(mut self, path: impl AsRef<Path>) -> Self {
        self.config = Some(path.as_ref().to_path_buf());
        self
    }

    /// A schema to generate with what it reaches (default: the config's roots, or every
    /// schema). Names ending in `Request` are requests (`new()` and `validate()`).
    pub fn root(mut self, schema: impl Into<String>) -> Self {
        self.roots.push(schema.into());
        self
    }

    /// The Rust name of a schema (or of an inline type, `Schema.property`).
    pub fn rename(mut self, schema: impl Into<String>, rust_name: impl Into<String>) -> Self {
        self.renames.push((schema.into(), rust_name.into()));
        self
    }

    /// A personal-data field `Debug` shows as `[redacted]`: a property name, or
    /// `Schema.property`.
    pub fn redact(mut self, field: impl Into<String>) -> Self {
        self.redact.push(field.into());
        self
    }

    /// Generates the module without writing or printing anything. On a spec error, the
    /// error carries every diagnostic, located.
    pub fn generate(&self) -> Result<Module, Error> {
        let (mut cfg, cfg_display, mut inputs) = self.crate_config()?;
        let spec = open(&self.spec)?;
        cfg.specs = spec.files;
        cfg.source = None;
        let mut diags = Diagnostics::new();
        let read = read(&spec.root, &cfg.specs, &mut diags);
        inputs.extend(read.sources.iter().map(|s| spec.root.path().join(&s.rel)));
        let mut model = lower_crate(&read, &cfg, &spec.root, &cfg_display, Layout::Standalone, &mut diags);
        // One module inside another crate: that crate's features decide nothing but
        // `client`, so every resource's types are compiled, with both serde impls.
        model.features.clear();
        model.types.iter_mut().for_each(|t| {
            t.features.clear();
            t.direction = crate::model::Direction::Both;
        });
        finish_crate(diags, &read, &cfg, &cfg_display)?;
        let files = emit_crate(&model, &cfg_display)?;
        let code = inline::one_file(&files, &header(&files)).map_err(|message| Error::Internal { at: cfg_display, message })?;
        Ok(Module { code, inputs })
    }

    /// Generates the module and writes it to `path` (normally under `OUT_DIR`), printing
    /// `cargo:rerun-if-changed` for every file read and the features the code tests with
    /// `cfg!`. Written through a temporary file beside it, so a failed run leaves no
    /// half-written module. The error's `Debug` is its located diagnostics, so `?` or
    /// `unwrap()` in `main` fails the build with them.
    pub fn write_module(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let result = self.generate();
        let inputs = match &result {
            Ok(m) => m.inputs.clone(),
            Err(_) => self.config.iter().cloned().chain([self.spec.clone()]).collect(),
        };
        for input in inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        println!("cargo:rustc-check-cfg=cfg(feature, values(\"client\"))");
        let module = result?;
        let path = path.as_ref();
        let tmp = path.with_extension("rs.tmp");
        let io = |e: std::io::Error| Error::from(crate::diag::Diagnostic::error(path.display().to_string(), format!("cannot write: {e}")));
        std::fs::write(&tmp, &module.code).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }

    /// The config file's (or a default one) with the builder's roots, renames and redaction
    /// over it; how it is shown; the files read for it.
    fn crate_config(&self) -> Result<(CrateConfig, String, Vec<PathBuf>), Error> {
        let (mut cfg, shown, inputs) = match &self.config {
            Some(path) => {
                let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| CONFIG_FILE.into());
                let root = SpecRoot::new(dir, dir.to_string_lossy().trim_end_matches('/'))?;
                let cfg = config::parse(&root.read(&name)?)?;
                (cfg, root.display_of(&name), vec![path.clone()])
            }
            None => (CrateConfig { package: "kycgen-module".into(), version: "0.1.0".into(), ..CrateConfig::default() }, "build.rs".to_string(), Vec::new()),
        };
        if !self.roots.is_empty() {
            let (requests, responses) = self.roots.iter().cloned().partition(|r: &String| r.ends_with("Request"));
            cfg.roots = config::Roots { requests, responses };
        }
        cfg.renames.extend(self.renames.iter().cloned());
        cfg.redact.extend(self.redact.iter().cloned());
        Ok((cfg, shown, inputs))
    }
}

/// The `@generated` line of `lib.rs`, then the dependencies the code names, as the crate's
/// manifest would list them.
fn header(files: &[crate::render::OutputFile]) -> String {
    let lib = files.iter().find(|f| f.path == "src/lib.rs").map(|f| f.contents.as_str()).unwrap_or_default();
    let mut out: String = lib.lines().take_while(|l| l.starts_with("//")).map(|l| format!("{l}\n")).collect();
    let manifest = files.iter().find(|f| f.path == "Cargo.toml").map(|f| f.contents.as_str()).unwrap_or_default();
    let deps = manifest.lines().skip_while(|l| *l != "[dependencies]").skip(1).take_while(|l| !l.starts_with('['));
    out.push_str("// Dependencies the including crate needs (kycgen-runtime from crates.io or a path):\n");
    for dep in deps.filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        out.push_str(&format!("//   {dep}\n"));
    }
    out
}
