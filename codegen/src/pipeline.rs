//! The stages as public functions over plain data, and their composition for one crate:
//! [`read`] → [`lower_crate`] → [`emit_crate`] (which renders), with [`finish`] locating
//! and sorting a run's diagnostics between them. Commands, the build.rs [`crate::Builder`],
//! diff, crosscheck and bench all go through these, so a spec is read, located and sorted
//! one way.

use crate::config::CrateConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::digest::sha256_hex;
use crate::error::Error;
use crate::model::{Model, SpecRef};
use crate::read::{read, Read};
use crate::render::OutputFile;
use crate::source::{self, SourceFile, SpecRoot};
use crate::{ir, lower, markdown, pin};
use std::path::Path;

/// A spec named by one path, as commands and build scripts name it.
#[derive(Clone, Debug)]
pub struct SpecPath {
    /// The directory everything the spec reads must stay inside.
    pub root: SpecRoot,
    /// The spec's entries relative to `root` (for [`CrateConfig::specs`] or [`read`]).
    pub files: Vec<String>,
    /// A name for the spec: the file's stem, or the directory's name.
    pub stem: String,
}

/// Opens `path`: an OpenAPI file (YAML or JSON) or a markdown doc is read from the directory
/// it is in (its spec root); a directory of markdown docs is its own root, read whole (`.`).
pub fn open(path: &Path) -> Result<SpecPath, Error> {
    let (dir, files, stem) = if path.is_dir() {
        let name = path.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        (path.to_path_buf(), vec![".".to_string()], name.unwrap_or_else(|| "spec".into()))
    } else {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "spec".into());
        (parent.to_path_buf(), vec![name], stem)
    };
    let display = dir.to_string_lossy().trim_end_matches('/').to_string();
    Ok(SpecPath { root: SpecRoot::new(&dir, display)?, files, stem })
}

/// Reads a spec for a tool that needs only its IR (diff, crosscheck): the errors of the
/// read, located and sorted, or the spec. Warnings are not reported.
pub fn read_checked(root: &SpecRoot, files: &[String]) -> Result<Read, Error> {
    let mut diags = Diagnostics::new();
    let read = read(root, files, &mut diags);
    errors_only(diags, &read.sources)?;
    Ok(read)
}

/// [`finish`] for a tool that reports only errors: [`Error::Input`] with the errors,
/// located and sorted, when there are any.
pub fn errors_only(diags: Diagnostics, sources: &[SourceFile]) -> Result<(), Error> {
    match finish(diags, sources) {
        Err(Error::Input(all)) => {
            let mut errors = Diagnostics::new();
            all.errors().for_each(|d| errors.push(d.clone()));
            Err(Error::Input(errors))
        }
        _ => Ok(()),
    }
}

/// The lower stage for one crate: the pinned hash is checked, the IR lowered as `cfg` says,
/// and the model given what the emitter needs besides types (layout, runtime path,
/// webhooks, the spec files and their hashes). A crate with no types is an error here.
pub fn lower_crate(read: &Read, cfg: &CrateConfig, root: &SpecRoot, cfg_display: &str, layout: Layout, diags: &mut Diagnostics) -> Model {
    if let Some(d) = pin::check(cfg, root, &read.sources, cfg_display) {
        diags.push(d);
    }
    // The spec files' hashes (for the `@generated` header) on another core meanwhile.
    let (specs, mut model) = crate::par::join(|| spec_refs(&read.sources), || lower::lower(&read.spec, cfg, cfg_display, diags));
    if model.types.is_empty() && !diags.has_errors() {
        diags.push(no_types(&read.spec, cfg, root));
    }
    model.standalone = layout == Layout::Standalone;
    model.runtime = cfg.runtime.clone().unwrap_or_else(|| runtime_path(layout));
    model.webhooks = cfg.webhooks.clone();
    model.common = cfg.common.clone().unwrap_or_else(|| common_path(layout));
    if !diags.has_errors() {
        model.vocabulary = crate::vocabulary::plan(cfg, &model, cfg_display, diags);
    }
    model.specs = specs;
    model
}

/// Each spec file's name and SHA-256.
fn spec_refs(sources: &[SourceFile]) -> Vec<SpecRef> {
    sources.iter().map(|s| SpecRef { file: s.display.clone(), sha256: sha256_hex(&s.text) }).collect()
}

/// The emit and render stages: the crate's files. `at` (the config) names where a kycgen
/// bug happened.
pub fn emit_crate(model: &Model, at: &str) -> Result<Vec<OutputFile>, Error> {
    crate::emit::crate_files(model).map_err(|message| Error::Internal { at: at.to_string(), message })
}

/// Everything one crate's generation produced: the IR, the lowered model and the files.
#[derive(Debug)]
pub struct Generated {
    /// The IR the crate was lowered from (for snapshots and drift).
    pub spec: ir::Spec,
    /// The lowered model the files were emitted from.
    pub model: Model,
    /// The crate's files (manifest, sources, docs), rendered and in a fixed order.
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
///   sets the path of each output directory itself, see [`crate::workspace::generate_all`]).
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
/// this module in turn. All problems of the run come back together, located.
pub fn generate(cfg: &CrateConfig, root: &SpecRoot, cfg_display: &str, layout: Layout) -> Result<Generated, Error> {
    let mut diags = Diagnostics::new();
    let read = read(root, &cfg.specs, &mut diags);
    let (model, diags) = lower_while_locating(&read, cfg, root, cfg_display, layout, diags);
    let warnings = finish_crate(diags, &read, cfg, cfg_display)?;
    let files = emit_crate(&model, cfg_display)?;
    Ok(Generated { spec: read.spec, model, files, warnings })
}

/// [`lower_crate`] on this thread while the read's diagnostics are located on another
/// (locating walks spec text again, which lowering does not need): the model, and the
/// diagnostics of both stages, the read's located. The lower stage sees the read's
/// diagnostics as before; if no thread can start, [`finish_crate`] locates them all.
fn lower_while_locating(read: &Read, cfg: &CrateConfig, root: &SpecRoot, cfg_display: &str, layout: Layout, mut diags: Diagnostics) -> (Model, Diagnostics) {
    let read_diags = diags.clone();
    let from_read = diags.len();
    std::thread::scope(|scope| {
        let locate = || {
            let mut d = read_diags;
            source::locate(&mut d, &crate_sources(read, cfg, cfg_display));
            d
        };
        let early = std::thread::Builder::new().spawn_scoped(scope, locate);
        let model = lower_crate(read, cfg, root, cfg_display, layout, &mut diags);
        let from_lower = diags.split_off(from_read);
        let mut all = early.ok().and_then(|h| h.join().ok()).unwrap_or(diags);
        all.extend(from_lower);
        (model, all)
    })
}

/// [`finish`] for one crate's run: its diagnostics are located in the spec files read and in
/// the vendor config as read, where errors in its own sections (`vocabulary`, `enum_methods`)
/// point.
pub fn finish_crate(diags: Diagnostics, read: &Read, cfg: &CrateConfig, cfg_display: &str) -> Result<Diagnostics, Error> {
    finish(diags, crate_sources(read, cfg, cfg_display))
}

/// The files a crate's diagnostics are located in: the spec files read and the vendor
/// config as read.
fn crate_sources<'a>(read: &'a Read, cfg: &'a CrateConfig, cfg_display: &str) -> Vec<&'a SourceFile> {
    read.sources.iter().chain(cfg.file.iter().filter(|f| f.display == cfg_display)).collect()
}

/// Locates a run's diagnostics in the files read and sorts them: the warnings when there is
/// no error, or [`Error::Input`] with all of them.
pub fn finish<'a>(mut diags: Diagnostics, sources: impl IntoIterator<Item = &'a SourceFile>) -> Result<Diagnostics, Error> {
    let refs: Vec<&SourceFile> = sources.into_iter().collect();
    source::locate(&mut diags, &refs);
    diags.sort();
    if diags.has_errors() {
        return Err(Error::Input(diags));
    }
    Ok(diags)
}

/// The error for a run that would generate an empty crate, at the first spec file: at its
/// `paths` or `components/schemas` when it has them.
fn no_types(spec: &ir::Spec, cfg: &CrateConfig, root: &SpecRoot) -> Diagnostic {
    let first = cfg.specs.first().map(String::as_str).unwrap_or(".");
    let d = Diagnostic::error(root.display_of(first), lower::why_no_types(spec, cfg));
    if markdown::is_markdown(root, first) {
        return d.at_line(1, 1);
    }
    let pointer = if !spec.operations.is_empty() { "/paths" } else if !spec.schemas.is_empty() { "/components/schemas" } else { "" };
    d.at_pointer(pointer)
}
