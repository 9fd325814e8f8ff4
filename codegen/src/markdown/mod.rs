//! Markdown field tables as a spec format: object docs in one of the dialects declared in
//! `dialect/` (Stripe's docs; Speakeasy's Python, TypeScript and Go SDK docs;
//! openapi-generator's Java and Go docs) read into the same IR as OpenAPI, one schema per file,
//! keyed by the object's name (the `#` heading, else the file stem). Links in Type cells
//! are followed to the files they name, inside the spec root only ([`Links::Follow`]), or
//! taken as references by name without reading anything ([`Links::Names`]).

mod dialect;
mod doc;
mod facts;
mod files;
mod meanings;
mod schema;
mod types;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::Spec;
use crate::source::{SourceFile, SpecRoot};
use indexmap::IndexMap;
use std::collections::{HashMap, HashSet};
use types::Target;

pub use schema::is_sdk_field;

/// What a link in a Type cell does when the docs are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Links {
    /// Read the linked file (inside the spec root) and refer to its object: the default.
    #[default]
    Follow,
    /// Read nothing: a link to a file becomes a reference to the object its label names
    /// (`[components.Status](status.md)` → `components.Status`), else to the file's stem.
    /// Unlinked names that are not built-in are kept as references, unchecked. For comparing
    /// one doc with a spec when the files it links to are not beside it.
    Names,
}

/// Whether a spec entry is read as markdown: a `.md` file or a directory.
pub fn is_markdown(root: &SpecRoot, rel: &str) -> bool {
    rel.to_ascii_lowercase().ends_with(".md") || rel == "." || rel.ends_with('/') || root.path().join(rel).is_dir()
}

/// Reads one markdown file, or every `*.md` file under a directory (`.` for the root), and
/// every file their Type cells link to. Returns the schemas and the files read.
pub fn read(root: &SpecRoot, rel: &str, diags: &mut Diagnostics) -> (Spec, Vec<SourceFile>) {
    read_all(root, &[rel.to_string()], diags)
}

/// [`read`] for several entries at once, so that files linked from more than one of them
/// are read once.
pub fn read_all(root: &SpecRoot, rels: &[String], diags: &mut Diagnostics) -> (Spec, Vec<SourceFile>) {
    read_with(root, rels, Links::Follow, diags)
}

/// [`read_all`] with a choice of what links do.
pub fn read_with(root: &SpecRoot, rels: &[String], links: Links, diags: &mut Diagnostics) -> (Spec, Vec<SourceFile>) {
    let walk = files::walk(root, rels, links, diags);
    let mut names: HashMap<String, String> = HashMap::new();
    let mut spec = Spec::default();
    let mut first_file: HashMap<String, String> = HashMap::new();
    for f in &walk.files {
        let Some(doc) = &f.doc else { continue };
        let name = match &doc.title {
            Some((t, _)) if !t.is_empty() => t.clone(),
            _ => files::stem(&f.source.rel),
        };
        if let Some(prev) = first_file.get(&name) {
            let line = doc.title.as_ref().map_or(1, |t| t.1);
            diags.push(Diagnostic::error(&f.source.display, format!("object `{name}` is also defined in {prev}")).at_line(line, 1));
            continue;
        }
        first_file.insert(name.clone(), f.source.display.clone());
        names.insert(f.source.rel.clone(), name);
    }
    let mut bare: Vec<(String, String, usize, usize)> = Vec::new();
    let mut schemas = IndexMap::new();
    for f in &walk.files {
        let (Some(doc), Some(name)) = (&f.doc, names.get(f.source.rel.as_str())) else { continue };
        let links = &walk.links;
        let resolve = |dest: &str| -> Target {
            match links.get(&(f.source.rel.clone(), dest.to_string())) {
                Some(files::Link::Remote) => Target::Remote(dest.to_string()),
                Some(files::Link::File(rel)) => match names.get(rel.as_str()) {
                    Some(n) => Target::Local(n.clone()),
                    None => Target::Unread,
                },
                Some(files::Link::Self_) => Target::Local(name.clone()),
                Some(files::Link::Named(stem)) => Target::Named(stem.clone()),
                Some(files::Link::Broken) | None => Target::Unread,
            }
        };
        let built = schema::build(doc, &f.source.display, &resolve, diags);
        bare.extend(built.bare_refs.into_iter().map(|(n, l, c)| (n, f.source.display.clone(), l, c)));
        spec.files.push(f.source.display.clone());
        schemas.insert(name.clone(), built.schema);
    }
    let known: HashSet<&String> = schemas.keys().collect();
    for (name, file, line, col) in bare {
        if links == Links::Follow && !known.contains(&name) {
            diags.push(
                Diagnostic::error(file, format!("unknown type `{name}`: not a built-in type, and no file read defines an object of that name"))
                    .at_line(line, col),
            );
        }
    }
    spec.schemas = schemas;
    let sources = walk.files.into_iter().map(|f| f.source).collect();
    (spec, sources)
}
