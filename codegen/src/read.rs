//! The read stage: spec files (OpenAPI documents with the files their `$ref`s lead into,
//! markdown docs) read inside a spec root and merged into one [`ir::Spec`].

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{self, SourceFile, SpecRoot};
use crate::{ir, markdown, openapi};

/// What the read stage produced: the merged IR and every file read (for locating
/// diagnostics and for the `@generated` header).
#[derive(Clone, Debug, Default)]
pub struct Read {
    /// Every file's schemas and operations merged into one IR spec.
    pub spec: ir::Spec,
    /// Every file read, in reading order: what diagnostics are located against and the header hashes.
    pub sources: Vec<SourceFile>,
}

/// Reads and merges spec files (relative to `root`) into one IR spec. Problems go to
/// `diags` unlocated; [`crate::finish`] locates them against [`Read::sources`].
pub fn read(root: &SpecRoot, files: &[String], diags: &mut Diagnostics) -> Read {
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
            let parsed = source::parse_document(&file);
            let external = match &parsed {
                Ok(doc) if top || doc.get("openapi").is_some() => {
                    let mut load = |rel: &str| path_files.load(root, rel);
                    let (part, ext) = openapi::read_with_refs(&file, doc, top.then_some(&mut load as &mut openapi::paths::Load<'_>), diags);
                    merge(&mut spec, part, diags);
                    ext
                }
                Ok(doc) => {
                    let (part, ext) = openapi::read_schema_file(&file, doc, diags);
                    merge(&mut spec, part, diags);
                    ext
                }
                Err(d) => {
                    diags.push(d.clone());
                    Vec::new()
                }
            };
            // The parsed tree is not needed once read into the IR: freed while the run goes on.
            if let Ok(doc) = parsed {
                crate::par::drop_elsewhere(doc);
            }
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
    Read { spec, sources }
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

/// `part` after `into`; moved whole when `into` is empty.
fn append<T>(into: &mut Vec<T>, part: Vec<T>) {
    if into.is_empty() {
        *into = part;
    } else {
        into.extend(part);
    }
}

fn merge(into: &mut ir::Spec, part: ir::Spec, diags: &mut Diagnostics) {
    into.files.extend(part.files);
    into.title = into.title.take().or(part.title);
    into.version = into.version.take().or(part.version);
    append(&mut into.operations, part.operations);
    append(&mut into.webhooks, part.webhooks);
    into.security_schemes.extend(part.security_schemes);
    if into.security.is_empty() {
        into.security = part.security;
    }
    if into.servers.is_empty() {
        into.servers = part.servers;
    }
    if into.schemas.is_empty() {
        // The first file (most runs read one): its map as it is, not rebuilt entry by entry.
        into.schemas = part.schemas;
        return;
    }
    for (name, s) in part.schemas {
        if let Some(prev) = into.schemas.get(&name) {
            diags.push(s.origin.locate(Diagnostic::error(&s.origin.file, format!("schema `{name}` is also defined in {}", prev.origin.file))));
            continue;
        }
        into.schemas.insert(name, s);
    }
}
