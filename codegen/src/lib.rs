//! kycgen's code generator: vendor specs (OpenAPI 3.0/3.1, markdown field tables) are read
//! into one IR, lowered to Rust-named types and emitted as a crate. The library reads spec
//! files (inside a spec root only) and returns file contents; it never writes files.
//!
//! Pipeline: [`source`] → [`openapi`] → [`ir`] → [`lower`] → [`model`] → [`emit`] → [`render`].

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
pub mod source;
pub mod workspace;

use config::CrateConfig;
use diag::{Diagnostic, Diagnostics};
use model::{Model, SpecRef};
use render::OutputFile;
use sha2::{Digest, Sha256};
use source::{SourceFile, SpecRoot};

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
    match layout {
        Layout::Workspace => "../../runtime".into(),
        Layout::Standalone => {
            let codegen = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            codegen.parent().unwrap_or(codegen).join("runtime").to_string_lossy().into_owned()
        }
    }
}

/// Reads the spec files of `cfg` from `root`, lowers and emits the crate. All problems of
/// the run come back together, located.
pub fn generate(cfg: &CrateConfig, root: &SpecRoot, cfg_display: &str, layout: Layout) -> Result<Generated, Diagnostics> {
    let mut diags = Diagnostics::new();
    let (spec, sources) = read_spec(root, &cfg.specs, &mut diags);
    if let Some(d) = pin::check(cfg, root, &sources, cfg_display) {
        diags.push(d);
    }
    let mut model = lower::lower(&spec, cfg, cfg_display, &mut diags);
    if model.types.is_empty() && !diags.has_errors() {
        diags.push(no_types(&spec, cfg, root));
    }
    model.standalone = layout == Layout::Standalone;
    model.runtime = cfg.runtime.clone().unwrap_or_else(|| runtime_path(layout));
    model.webhooks = cfg.webhooks.clone();
    model.specs = sources.iter().map(|s| SpecRef { file: s.display.clone(), sha256: sha256_hex(&s.text) }).collect();
    // Diagnostics about the config's own sections (`enum_methods`) point into it.
    let cfg_source = diags.iter().any(|d| d.file == cfg_display && d.pointer.is_some()).then(|| root.read(config::CONFIG_FILE).ok()).flatten();
    let refs: Vec<&SourceFile> = sources.iter().chain(cfg_source.iter().filter(|f| f.display == cfg_display)).collect();
    source::locate(&mut diags, &refs);
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    let files = emit::crate_files(&model).map_err(|e| Diagnostics::from(Diagnostic::error(cfg_display, e)))?;
    diags.sort();
    Ok(Generated { spec, model, files, warnings: diags })
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

/// Reads and merges spec files (relative to `root`) into one IR spec.
pub fn read_spec(root: &SpecRoot, files: &[String], diags: &mut Diagnostics) -> (ir::Spec, Vec<SourceFile>) {
    let mut spec = ir::Spec::default();
    let mut sources = Vec::new();
    // Files that path item `$ref`s lead into, each read and parsed once.
    let mut path_files = PathFiles::default();
    // Markdown entries are read together, at the place of the first one, so that files
    // linked from several of them are read once.
    let markdown: Vec<String> = files.iter().filter(|rel| markdown::is_markdown(root, rel)).cloned().collect();
    for rel in files {
        if markdown.contains(rel) {
            if markdown.first() == Some(rel) {
                let (part, read) = markdown::read_all(root, &markdown, diags);
                merge(&mut spec, part, diags);
                sources.extend(read);
            }
            continue;
        }
        let file = match root.read(rel) {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let mut queue = vec![(file, true)];
        while let Some((file, top)) = queue.pop() {
            let external = match source::parse_document(&file) {
                Ok(doc) if top || doc.get("openapi").is_some() => {
                    let mut load = |rel: &str| path_files.load(root, rel);
                    let (part, ext) = openapi::read_with_refs(&file, &doc, top.then_some(&mut load as &mut openapi::paths::Load<'_>), diags);
                    merge(&mut spec, part, diags);
                    ext
                }
                Ok(doc) => {
                    let (part, ext) = openapi::read_schema_file(&file, &doc, diags);
                    merge(&mut spec, part, diags);
                    ext
                }
                Err(d) => {
                    diags.push(d);
                    Vec::new()
                }
            };
            sources.push(file);
            // Files that `$ref`s point into, each read once, inside the spec root only.
            for rel in external {
                let known = files.contains(&rel) || sources.iter().any(|s| s.rel == rel) || queue.iter().any(|(q, _)| q.rel == rel);
                if known {
                    continue;
                }
                match root.read(&rel) {
                    Ok(f) => queue.push((f, false)),
                    Err(d) => diags.push(d),
                }
            }
        }
    }
    path_files.add_to(&mut sources);
    (spec, sources)
}

/// The files path item `$ref`s lead into, with their parsed documents.
#[derive(Default)]
struct PathFiles {
    files: Vec<SourceFile>,
    docs: std::collections::HashMap<String, Result<std::sync::Arc<serde_json::Value>, Diagnostic>>,
}

impl PathFiles {
    /// The file `rel` as shown and parsed, or why it cannot be (the same diagnostic for every
    /// `$ref` to it: identical ones are merged when the run's diagnostics are sorted).
    fn load(&mut self, root: &SpecRoot, rel: &str) -> Result<(String, std::sync::Arc<serde_json::Value>), Diagnostic> {
        if let Some(known) = self.docs.get(rel) {
            let display = root.display_of(rel);
            return known.clone().map(|doc| (display, doc));
        }
        let parsed = root.read(rel).and_then(|file| {
            let doc = source::parse_document(&file);
            self.files.push(file);
            doc.map(std::sync::Arc::new)
        });
        self.docs.insert(rel.to_string(), parsed.clone());
        parsed.map(|doc| (root.display_of(rel), doc))
    }

    /// Files read only for their path items are sources too (diagnostics, the header).
    fn add_to(self, sources: &mut Vec<SourceFile>) {
        for f in self.files {
            if !sources.iter().any(|s| s.rel == f.rel) {
                sources.push(f);
            }
        }
    }
}

fn merge(into: &mut ir::Spec, part: ir::Spec, diags: &mut Diagnostics) {
    into.files.extend(part.files);
    into.title = into.title.take().or(part.title);
    into.version = into.version.take().or(part.version);
    into.operations.extend(part.operations);
    into.security_schemes.extend(part.security_schemes);
    if into.security.is_empty() {
        into.security = part.security;
    }
    if into.servers.is_empty() {
        into.servers = part.servers;
    }
    for (name, s) in part.schemas {
        if let Some(prev) = into.schemas.get(&name) {
            diags.push(s.origin.locate(Diagnostic::error(&s.origin.file, format!("schema `{name}` is also defined in {}", prev.origin.file))));
            continue;
        }
        into.schemas.insert(name, s);
    }
}

/// Lower-case hex sha256 of a text.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}
