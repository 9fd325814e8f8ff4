//! Which markdown files are read: the named files, every `*.md` under a named directory
//! (sorted, recursively), and every file a Type cell links to, each once (links may form
//! cycles). Reading goes through [`SpecRoot`], so nothing outside the spec root is read
//! and remote links are never fetched.

use super::doc::{self, Doc};
use super::schema;
use super::Links;
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{SourceFile, SpecRoot};
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};

/// What a link destination in a Type cell leads to.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Link {
    /// A markdown file inside the spec root (relative to it).
    File(String),
    /// A web page, never fetched.
    Remote,
    /// An anchor in the linking file itself.
    Self_,
    /// A link that was refused (already reported).
    Broken,
    /// A file not read ([`Links::Names`]): the stem of its name.
    Named(String),
}

pub(super) struct FileRead {
    pub source: SourceFile,
    /// The parsed doc when it holds a field or value table.
    pub doc: Option<Doc>,
}

pub(super) struct Walk {
    pub files: Vec<FileRead>,
    /// (linking file, destination as written) → where it leads.
    pub links: HashMap<(String, String), Link>,
}

/// Why a file is read.
#[derive(Clone, Copy, PartialEq)]
enum Why {
    /// Named in the config or on the command line.
    Named,
    /// Found in a named directory: skipped, with a warning, when it is not an object doc.
    Listed,
    /// Linked from a Type cell: problems are reported at the link.
    Linked,
}

enum Status {
    Schema,
    NotSchema,
    Failed(String),
}

/// Most files one read follows, against runaway link graphs.
const MAX_FILES: usize = 10_000;

pub(super) fn walk(root: &SpecRoot, rels: &[String], links: Links, diags: &mut Diagnostics) -> Walk {
    let mut queue = named_files(root, rels, diags);
    let mut w = Walk { files: Vec::new(), links: HashMap::new() };
    let mut status: HashMap<String, Status> = HashMap::new();
    // Link sites: linking file's display, line, column, target.
    let mut sites: Vec<(String, usize, usize, String)> = Vec::new();
    while let Some((rel, why)) = queue.pop_front() {
        if status.contains_key(&rel) {
            continue;
        }
        if status.len() >= MAX_FILES {
            diags.push(Diagnostic::error(root.display_of(&rel), format!("more than {MAX_FILES} linked markdown files: not read")));
            break;
        }
        let source = match root.read(&rel) {
            Ok(s) => s,
            Err(d) => {
                status.insert(rel.clone(), Status::Failed(d.message.clone()));
                if why != Why::Linked {
                    diags.push(d);
                }
                continue;
            }
        };
        let parsed = doc::parse(&source.text);
        if !schema::is_schema(&parsed) {
            not_an_object_doc(source, &parsed, why, &mut w, diags);
            status.insert(rel, Status::NotSchema);
            continue;
        }
        for (dest, line, col) in schema::type_links(&parsed) {
            let key = (rel.clone(), dest.clone());
            if w.links.contains_key(&key) {
                continue;
            }
            if links == Links::Names {
                w.links.insert(key, by_name(&dest));
                continue;
            }
            let link = classify(root, &rel, &dest).unwrap_or_else(|m| {
                diags.push(Diagnostic::error(&source.display, m).at_line(line, col));
                Link::Broken
            });
            if let Link::File(target) = &link {
                sites.push((source.display.clone(), line, col, target.clone()));
                queue.push_back((target.clone(), Why::Linked));
            }
            w.links.insert(key, link);
        }
        status.insert(rel, Status::Schema);
        w.files.push(FileRead { source, doc: Some(parsed) });
    }
    report_bad_links(sites, &status, diags);
    w
}

/// The files `rels` name, and the `*.md` files under the directories they name.
fn named_files(root: &SpecRoot, rels: &[String], diags: &mut Diagnostics) -> VecDeque<(String, Why)> {
    let mut queue = VecDeque::new();
    for rel in rels {
        let norm = match root.resolve("", rel) {
            Ok(n) => n,
            Err(m) => {
                diags.push(Diagnostic::error(root.display_of(rel), m));
                continue;
            }
        };
        let full = root.path().join(&norm);
        if full.is_dir() {
            match list(root, &norm) {
                Ok(list) if list.is_empty() => {
                    diags.push(Diagnostic::warning(root.display_of(rel), "directory holds no markdown (`*.md`) files"));
                }
                Ok(list) => queue.extend(list.into_iter().map(|f| (f, Why::Listed))),
                Err(m) => diags.push(Diagnostic::error(root.display_of(rel), m)),
            }
        } else {
            queue.push_back((norm, Why::Named));
        }
    }
    queue
}

/// An error at each link to a file that could not be read or is not an object doc.
fn report_bad_links(sites: Vec<(String, usize, usize, String)>, status: &HashMap<String, Status>, diags: &mut Diagnostics) {
    for (file, line, col, target) in sites {
        let msg = match status.get(&target) {
            Some(Status::Failed(m)) => format!("cannot read linked file `{target}`: {m}"),
            Some(Status::NotSchema) => format!("linked file `{target}` has no field table or value table"),
            _ => continue,
        };
        diags.push(Diagnostic::error(file, msg).at_line(line, col));
    }
}

/// A file without a field or value table: an error if it was named, a warning if it was
/// listed from a directory, nothing if a link led to it (the link reports it).
fn not_an_object_doc(source: SourceFile, parsed: &doc::Doc, why: Why, w: &mut Walk, diags: &mut Diagnostics) {
    let line = parsed.title.as_ref().map_or(1, |t| t.1);
    let msg = "no field table (`| Field | Type | … |`) or value table (`| Name | Value |`): not an object doc";
    match why {
        Why::Named => {
            diags.push(Diagnostic::error(&source.display, msg).at_line(line, 1));
            w.files.push(FileRead { source, doc: None });
        }
        Why::Listed => diags.push(Diagnostic::warning(&source.display, format!("{msg}, skipped")).at_line(line, 1)),
        Why::Linked => {}
    }
}

fn classify(root: &SpecRoot, from: &str, dest: &str) -> Result<Link, String> {
    let lower = dest.to_ascii_lowercase();
    if dest.contains("://") || dest.starts_with("//") || lower.starts_with("mailto:") {
        return Ok(Link::Remote);
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return Ok(Link::Self_);
    }
    let target = land(root, from, path)?;
    if !target.to_ascii_lowercase().ends_with(".md") {
        return Err(format!("link to `{dest}` in a type cell does not name a markdown (`.md`) file"));
    }
    Ok(Link::File(target))
}

/// Where a relative link `path` written in `from` lands, relative to the root. Tried first
/// as written inside the root; a link that climbs above the root is followed from the
/// root's real location on disk (Speakeasy's `docs/models/components/a.md` links
/// `../../models/components/b.md`, which lands back beside it when the root is
/// `components/`), and refused only when it lands outside the root.
fn land(root: &SpecRoot, from: &str, path: &str) -> Result<String, String> {
    let written = root.resolve(from, path);
    if written.is_ok() || Path::new(path).has_root() || path.starts_with('\\') {
        return written;
    }
    let mut landed = root.path().to_path_buf();
    landed.extend(Path::new(from).parent());
    for c in Path::new(path).components() {
        match c {
            Component::Normal(s) => landed.push(s),
            Component::ParentDir => {
                landed.pop();
            }
            _ => {}
        }
    }
    let Ok(rel) = landed.strip_prefix(root.path()) else { return written };
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Ok(parts.join("/"))
}

/// A link classified without resolving or reading its destination ([`Links::Names`]).
fn by_name(dest: &str) -> Link {
    let lower = dest.to_ascii_lowercase();
    if dest.contains("://") || dest.starts_with("//") || lower.starts_with("mailto:") {
        return Link::Remote;
    }
    match dest.split(['#', '?']).next().unwrap_or("") {
        "" => Link::Self_,
        path => Link::Named(stem(path)),
    }
}

/// Every `*.md` file under `dir` (relative to the root), sorted; hidden entries and
/// directories that resolve outside the root are skipped.
fn list(root: &SpecRoot, dir: &str) -> Result<Vec<String>, String> {
    let mut out = BTreeSet::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut stack = vec![dir.to_string()];
    while let Some(rel) = stack.pop() {
        let full = root.path().join(&rel);
        let Ok(canon) = full.canonicalize() else { continue };
        if !canon.starts_with(root.path()) || !seen.insert(canon.clone()) {
            continue;
        }
        let rd = std::fs::read_dir(&canon).map_err(|e| format!("cannot list directory: {}", e.to_string().to_lowercase()))?;
        for entry in rd.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let child = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
            let path = entry.path();
            if path.is_dir() {
                stack.push(child);
            } else if name.to_ascii_lowercase().ends_with(".md") {
                out.insert(child);
            }
        }
    }
    Ok(out.into_iter().collect())
}

/// The file name without directories and extension.
pub(super) fn stem(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}
