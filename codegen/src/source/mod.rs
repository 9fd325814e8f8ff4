//! Spec sources: read files inside a spec root only, parse YAML or JSON into a JSON tree
//! with resource limits, and map JSON pointers back to line and column for diagnostics.

mod block;
mod libyaml;
mod split;

use crate::diag::{Diagnostic, Diagnostics};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// Largest spec file kycgen reads (Stripe's full spec is 4 MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest nesting of mappings and sequences accepted in a spec document.
pub const MAX_DEPTH: usize = 128;

/// One input file, as read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Name used in diagnostics and in the `@generated` header.
    pub display: String,
    /// Path relative to the spec root, with `/` separators.
    pub rel: String,
    /// The file's contents as UTF-8 (a file that is not UTF-8 is refused when read).
    pub text: String,
}

/// A directory that spec files and everything they reference must stay inside.
#[derive(Clone, Debug)]
pub struct SpecRoot {
    root: PathBuf,
    /// How the root is shown in diagnostics (`specs/plaid-idv`).
    display: String,
}

impl SpecRoot {
    /// Opens `root` (canonicalized, so symlinks inside cannot lead out) as the boundary of every
    /// read; `display` is how diagnostics show it. An error when the directory cannot be opened.
    pub fn new(root: &Path, display: impl Into<String>) -> Result<Self, Diagnostic> {
        let display = display.into();
        let root = root
            .canonicalize()
            .map_err(|e| Diagnostic::error(display.clone(), format!("cannot open spec root: {}", io_msg(&e))))?;
        Ok(SpecRoot { root, display })
    }

    /// The canonical directory every read must stay inside.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// How diagnostics show a file at `rel` (relative to the root): the root's display joined with it.
    pub fn display_of(&self, rel: &str) -> String {
        if self.display.is_empty() || self.display == "." {
            rel.to_string()
        } else {
            format!("{}/{}", self.display.trim_end_matches('/'), rel)
        }
    }

    /// Joins `rel` (a relative reference written in `from`, itself relative to the root),
    /// refusing anything that climbs out of the root, is absolute or remote.
    pub fn resolve(&self, from: &str, rel: &str) -> Result<String, String> {
        join_rel(from, rel)
    }

    /// Reads a file given relative to the root. Symlinks that lead outside the root, files
    /// over [`MAX_FILE_BYTES`] and non-UTF-8 files are refused.
    pub fn read(&self, rel: &str) -> Result<SourceFile, Diagnostic> {
        let display = self.display_of(rel);
        let err = |m: String| Diagnostic::error(display.clone(), m);
        let full = self.root.join(rel);
        let canon = full.canonicalize().map_err(|e| err(format!("cannot read file: {}", io_msg(&e))))?;
        if !canon.starts_with(&self.root) {
            return Err(err("file resolves outside the spec root (symlink?) and is not read".into()));
        }
        let meta = std::fs::metadata(&canon).map_err(|e| err(format!("cannot read file: {}", io_msg(&e))))?;
        if !meta.is_file() {
            return Err(err("not a regular file".into()));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(err(format!("file is {} bytes, over the {} byte limit", meta.len(), MAX_FILE_BYTES)));
        }
        let bytes = std::fs::read(&canon).map_err(|e| err(format!("cannot read file: {}", io_msg(&e))))?;
        let text = String::from_utf8(bytes).map_err(|e| err(format!("file is not valid utf-8 (byte {})", e.utf8_error().valid_up_to())))?;
        Ok(SourceFile { display, rel: rel.to_string(), text })
    }
}

/// `rel` as written in the file `from` (both relative to the spec root), normalized; an
/// error when it is remote, absolute, or leaves the root.
pub fn join_rel(from: &str, rel: &str) -> Result<String, String> {
    if rel.contains("://") || rel.starts_with("//") {
        return Err(format!("remote reference `{rel}` is never fetched: only files inside the spec root are read"));
    }
    let rel_path = Path::new(rel);
    if rel_path.is_absolute() || rel.starts_with('\\') {
        return Err(format!("absolute path `{rel}` is not allowed: references must stay inside the spec root"));
    }
    let base = Path::new(from).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for c in base.join(rel_path).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err(format!("`{rel}` leaves the spec root"));
                }
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!("absolute path `{rel}` is not allowed: references must stay inside the spec root"))
            }
        }
    }
    Ok(parts.join("/"))
}

fn io_msg(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s.to_lowercase(),
    }
}

/// Whether a file is read as JSON (by extension) rather than YAML.
pub fn is_json(rel: &str) -> bool {
    rel.to_ascii_lowercase().ends_with(".json")
}

/// Parses a YAML or JSON document into a JSON tree. YAML is parsed with duplicate keys
/// refused, alias expansion and node counts capped, and depth limited. Parsing runs on
/// threads of its own with a large stack, so that the depth limits, not the caller's stack
/// size, decide what is too deep (a test thread has 2 MiB). A large block-style YAML
/// document is parsed in pieces on all cores (see `split`), with the same result.
pub fn parse_document(file: &SourceFile) -> Result<Value, Diagnostic> {
    parse_document_on(file, crate::par::cores())
}

/// [`parse_document`] on at most `threads` threads; with one, the document is parsed whole
/// (the parse floor of `cargo xtask bench`).
pub fn parse_document_on(file: &SourceFile, threads: usize) -> Result<Value, Diagnostic> {
    let parsed = std::thread::scope(|scope| {
        std::thread::Builder::new().stack_size(PARSER_STACK).spawn_scoped(scope, || parse_on_this_thread(file, threads)).map(|h| h.join())
    });
    match parsed {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(Diagnostic::error(file.display.clone(), "internal error: the parser panicked on this file")),
        Err(e) => Err(Diagnostic::error(file.display.clone(), format!("cannot start the parser thread: {e}"))),
    }
}

/// Stack for the parser thread and the threads that read a parsed document recursively:
/// ample for [`MAX_DEPTH`] levels even in debug builds.
pub(crate) const PARSER_STACK: usize = 64 * 1024 * 1024;

/// The split path of [`parse_document`] alone, with pieces of about `piece_bytes` on
/// `threads` threads: `None` where it would fall back to parsing the document whole. For
/// the differential tests and fuzz target that hold it to the whole parse.
#[doc(hidden)]
pub fn parse_in_pieces(text: &str, piece_bytes: usize, threads: usize) -> Option<Value> {
    if libyaml::bom_starting_a_line(text).is_some() {
        return None;
    }
    let plan = split::plan(text, piece_bytes)?;
    // A piece may hold no anchor or alias (they could cross pieces); it starts
    // `prefix.len()` mappings down, which its depth limit accounts for.
    let piece = |p: &split::Piece<'_>| {
        block::read(p.text, p.prefix.len(), MAX_DEPTH, &typed_scalar)
            .or_else(|| serde_saphyr::from_str_with_options::<Value>(p.text, yaml_options(p.prefix.len(), false)).ok())
    };
    let mut value = split::parse(&plan, threads, PARSER_STACK, piece)?;
    libyaml::block_scalar_at_eof(text, &mut value);
    Some(value)
}

/// The block reader on a whole document (`None` where it leaves the text to serde-saphyr).
/// Public for the differential tests and fuzz target that hold it to serde-saphyr's parse.
#[doc(hidden)]
pub fn read_block(text: &str) -> Option<Value> {
    block::read(text, 0, MAX_DEPTH, &typed_scalar)
}

/// A plain scalar the block reader cannot type for certain, typed by serde-saphyr as a
/// document of its own (so both readers resolve it by the same rules).
fn typed_scalar(plain: &str) -> Option<Value> {
    serde_saphyr::from_str_with_options::<Value>(plain, yaml_options(0, false)).ok()
}

/// Bytes per piece when a YAML document of `len` bytes is split for `threads` threads:
/// many pieces per thread (16: they even out, and each piece's tree is built while its
/// text is in the cache), none so small that splitting costs more than it saves.
fn piece_bytes(len: usize, threads: usize) -> usize {
    (len / (threads.max(1) * 16)).max(32 * 1024)
}

fn parse_on_this_thread(file: &SourceFile, threads: usize) -> Result<Value, Diagnostic> {
    if is_json(&file.rel) {
        let mut de = serde_json::Deserializer::from_str(&file.text);
        let v = <Value as serde::Deserialize>::deserialize(&mut de).and_then(|v| de.end().map(|_| v));
        return v.map_err(|e| {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let msg = if msg.contains("recursion limit") {
                format!("document nests deeper than {MAX_DEPTH} levels")
            } else {
                msg
            };
            Diagnostic::error(file.display.clone(), format!("invalid json: {msg}")).at_line(e.line(), e.column())
        });
    }
    if let Some(line) = libyaml::bom_starting_a_line(&file.text) {
        let msg = "invalid yaml: a byte order mark starts this line (YAML parsers disagree on what it means)";
        return Err(Diagnostic::error(file.display.clone(), msg).at_line(line, 1));
    }
    if threads > 1 {
        if let Some(v) = parse_in_pieces(&file.text, piece_bytes(file.text.len(), threads), threads) {
            return Ok(v);
        }
    }
    if let Some(value) = read_block(&file.text) {
        return Ok(value);
    }
    parse_with_saphyr(file)
}

/// A YAML document parsed whole by serde-saphyr (with libyaml's readings mended in), as
/// [`parse_document`] parses what the block reader leaves to it. Public for the tests and
/// fuzz targets that hold the faster paths to it.
#[doc(hidden)]
pub fn parse_with_saphyr(file: &SourceFile) -> Result<Value, Diagnostic> {
    let mut text = std::borrow::Cow::Borrowed(file.text.as_str());
    let mut repairs = 0;
    loop {
        let e = match serde_saphyr::from_str_with_options::<Value>(&text, yaml_options(0, true)) {
            Ok(mut value) => {
                libyaml::block_scalar_at_eof(&text, &mut value);
                return Ok(value);
            }
            Err(e) => e,
        };
        let (line, col) = e.location().map(|l| (l.line() as usize, l.column() as usize)).unwrap_or((0, 0));
        let msg = first_line(&e.to_string());
        if repairs < libyaml::MAX_COMMENT_REPAIRS {
            if let Some(fixed) = libyaml::space_before_comment(&text, &msg, line, col) {
                text = std::borrow::Cow::Owned(fixed);
                repairs += 1;
                continue;
            }
        }
        return Err(Diagnostic::error(file.display.clone(), format!("invalid yaml: {msg}")).at_line(line, col));
    }
}

/// Parser options: duplicate keys refused, budgets on everything. `depth` levels are
/// already used by mappings around the text; without `anchors`, any anchor or alias fails.
/// Plain scalars resolve by YAML 1.2's core schema, as libyaml-based loaders with YAML 1.2
/// resolution (serde_yaml_ng) and OpenAPI 3.1 read them: only `true`/`false` (any case
/// spelling YAML allows) are booleans, so an enum `[x, y, n]` or `yes`/`on` stay strings;
/// a key `null` is the string "null"; `0755` (octal to YAML 1.1, decimal to 1.2) stays the
/// string it is written as rather than either guess, and so does `1_000` (a number to YAML
/// 1.1 only). A byte order mark inside a document is content, as libyaml reads it.
fn yaml_options(depth: usize, anchors: bool) -> serde_saphyr::Options {
    let max_depth = MAX_DEPTH.saturating_sub(depth);
    let budget = serde_saphyr::budget! {
        max_events: 50_000_000,
        max_nodes: 20_000_000,
        max_depth: max_depth,
        flow_nesting_limit: max_depth,
        max_aliases: if anchors { 10_000 } else { 0 },
        max_anchors: if anchors { 10_000 } else { 0 },
        max_recorded_anchor_events: 100_000,
        max_total_scalar_bytes: MAX_FILE_BYTES as usize,
        max_documents: 1,
    };
    serde_saphyr::options! {
        budget: budget,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        strict_booleans: true,
        null_as_string: true,
        leading_zero_numbers_as_strings: true,
        bom_inside_document_as_content: true,
        underscored_numbers_as_strings: true,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 1_000,
        },
    }
}

fn first_line(s: &str) -> String {
    let line = s.lines().find(|l| !l.trim().is_empty()).unwrap_or(s).trim();
    let line = line.trim_start_matches("error: ");
    let mut out = line.to_string();
    if let Some(i) = out.find(" at line ") {
        out.truncate(i);
    }
    // serde-saphyr repeats the position (already in the diagnostic) and adds advice
    // about its own options, which is not the user's to act on.
    if let Some(rest) = out.strip_prefix("line ").and_then(|r| r.split_once(": ")).map(|(_, r)| r.to_string()) {
        out = rest;
    }
    if let Some(i) = out.find(", set DuplicateKeyPolicy") {
        out.truncate(i);
    }
    if let Some(limit) = out.strip_prefix("budget breached: ") {
        let name: String = limit.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_string();
        out = match name.as_str() {
            "Depth" => format!("document nests deeper than {MAX_DEPTH} levels"),
            "Aliases" | "RecordedAnchorEvents" | "RecordedAnchorBytes" | "Anchors" => {
                "aliases expand past kycgen's limit (an alias bomb?)".to_string()
            }
            other => format!("document exceeds kycgen's parser limit on {}", words(other)),
        };
    }
    let mut chars = out.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str().trim_end_matches('.'),
        None => out,
    }
}

/// `RecordedAnchorEvents` → `recorded anchor events`.
fn words(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Escapes one JSON pointer segment (`~` → `~0`, `/` → `~1`).
pub fn escape_pointer(seg: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr2(b'~', b'/', seg.as_bytes()).is_some() {
        std::borrow::Cow::Owned(seg.replace('~', "~0").replace('/', "~1"))
    } else {
        std::borrow::Cow::Borrowed(seg)
    }
}

/// Fills in line, column and source line for diagnostics that carry a JSON pointer into one
/// of `files`. A large YAML file is walked only in the pieces (see `split`) the pointers
/// lead to; anything else in one pass over the file's events. A pointer that names
/// something absent falls back to its nearest present ancestor.
pub fn locate(diags: &mut Diagnostics, files: &[&SourceFile]) {
    for file in files {
        let pending: Vec<(usize, String)> = diags
            .iter()
            .enumerate()
            .filter(|(_, d)| d.file == file.display && d.line == 0)
            .filter_map(|(i, d)| Some((i, d.pointer.clone()?)))
            .collect();
        let mut placed: HashMap<usize, (usize, usize)> = HashMap::new();
        let plan = if pending.is_empty() { None } else { split::plan(&file.text, piece_bytes(file.text.len(), crate::par::cores())) };
        let rest = match &plan {
            Some(plan) => locate_in_pieces(pending, plan, &mut placed),
            None => pending,
        };
        if !rest.is_empty() {
            let wanted: HashSet<String> = rest.iter().flat_map(|(_, p)| prefixes(p)).collect();
            let found = find_pointers(&file.text, &wanted);
            for (i, p) in rest {
                // The document itself (or an empty one) is at its first line.
                placed.insert(i, prefixes(&p).iter().rev().find_map(|q| found.get(q)).copied().unwrap_or((1, 1)));
            }
        }
        for (i, d) in diags.iter_mut().enumerate() {
            if let Some(&(line, col)) = placed.get(&i) {
                d.line = line;
                d.col = col;
            }
        }
        let needs_snippet = |d: &Diagnostic| d.file == file.display && d.line > 0 && d.snippet.is_none();
        let wanted: std::collections::BTreeSet<usize> = diags.iter().filter(|d| needs_snippet(d)).map(|d| d.line).collect();
        let lines = lines_at(&file.text, &wanted);
        for d in diags.iter_mut().filter(|d| needs_snippet(d)) {
            d.snippet = lines.get(&d.line).map(|l| l.chars().take(160).collect());
        }
    }
}

/// The text of each wanted line (numbered from 1, as `str::lines` yields them), read up to
/// the last one wanted, not listed whole: a spec has tens of thousands of lines and a run a
/// few diagnostics.
fn lines_at<'t>(text: &'t str, wanted: &std::collections::BTreeSet<usize>) -> HashMap<usize, &'t str> {
    let last = wanted.last().copied().unwrap_or(0);
    text.lines().take(last).enumerate().map(|(i, line)| (i + 1, line)).filter(|(n, _)| wanted.contains(n)).collect()
}

/// Places the pending (diagnostic index, pointer) pairs whose pointers lead into one piece
/// by walking that piece alone, the pieces on all cores; returns those it could not place.
fn locate_in_pieces(pending: Vec<(usize, String)>, plan: &split::Plan<'_>, placed: &mut HashMap<usize, (usize, usize)>) -> Vec<(usize, String)> {
    let mut rest = Vec::new();
    let mut by_piece: BTreeMap<usize, Vec<(usize, String, String)>> = BTreeMap::new();
    for (i, pointer) in pending {
        match plan.route(&pointer) {
            Some((piece, rel)) => by_piece.entry(piece).or_default().push((i, pointer, rel)),
            None => rest.push((i, pointer)),
        }
    }
    let work: Vec<_> = by_piece.into_iter().collect();
    let walked = crate::par::map_in_turn(&work, crate::par::cores(), None, |(piece, list)| {
        let piece = &plan.pieces[*piece];
        // Only pointers below the piece's own entries: its root is not a node of the file.
        let wanted: HashSet<String> = list.iter().flat_map(|(_, _, rel)| prefixes(rel).into_iter().skip(1)).collect();
        Ok::<_, ()>((piece.first_line, find_pointers(piece.text, &wanted)))
    });
    for ((_, list), walked) in work.into_iter().zip(walked) {
        let (first_line, found) = walked.and_then(Result::ok).unwrap_or_default();
        for (i, pointer, rel) in list {
            match prefixes(&rel).iter().skip(1).rev().find_map(|q| found.get(q)) {
                Some(&(line, col)) => {
                    placed.insert(i, (line + first_line - 1, col));
                }
                None => rest.push((i, pointer)),
            }
        }
    }
    rest
}

fn prefixes(p: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut acc = String::new();
    for seg in p.split('/').skip(1) {
        acc.push('/');
        acc.push_str(seg);
        out.push(acc.clone());
    }
    out
}

enum Frame {
    Map { key: Option<String>, key_at: (usize, usize) },
    Seq { index: usize },
}

/// Walks the YAML (or JSON) event stream tracking the current JSON pointer. A `#` the
/// parse mended (see [`libyaml::space_before_comment`]) is mended here too; the space
/// goes before a comment, so no node moves.
fn find_pointers(text: &str, wanted: &HashSet<String>) -> HashMap<String, (usize, usize)> {
    let mut text = std::borrow::Cow::Borrowed(text);
    for _ in 0..libyaml::MAX_COMMENT_REPAIRS {
        let (found, error) = walk_pointers(&text, wanted);
        let mended = error.and_then(|e| libyaml::space_before_comment(&text, &e.kind().to_string(), e.marker().line(), e.marker().col() + 1));
        match mended {
            Some(fixed) if found.len() < wanted.len() => text = std::borrow::Cow::Owned(fixed),
            _ => return found,
        }
    }
    walk_pointers(&text, wanted).0
}

/// [`find_pointers`] in one pass, with the error that ended it early, if one did.
fn walk_pointers(text: &str, wanted: &HashSet<String>) -> (HashMap<String, (usize, usize)>, Option<serde_saphyr::granit_parser::ScanError>) {
    use serde_saphyr::granit_parser::{Event, Parser};
    let mut found = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    // The pointer of the current node, and where each of its segments starts.
    let mut path = Pointer::default();
    let pos = |s: &serde_saphyr::granit_parser::Span| (s.start.line(), s.start.col() + 1);
    for ev in Parser::new_from_str(text) {
        let (ev, span) = match ev {
            Ok(ev) => ev,
            Err(e) => return (found, Some(e)),
        };
        let is_node = matches!(ev, Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..) | Event::Alias(..));
        if is_node {
            // A scalar in key position of a mapping is a key, not a node of its own.
            if let Some(Frame::Map { key: key @ None, key_at }) = stack.last_mut() {
                if let Event::Scalar(s, ..) = &ev {
                    *key = Some(s.to_string());
                    *key_at = pos(&span);
                    continue;
                }
            }
            let (here, at) = match stack.last() {
                Some(Frame::Map { key: Some(k), key_at }) => {
                    let at = if matches!(ev, Event::Scalar(..)) { pos(&span) } else { *key_at };
                    (Some(escape_pointer(k).into_owned()), at)
                }
                Some(Frame::Seq { index }) => (Some(index.to_string()), pos(&span)),
                _ => (None, pos(&span)),
            };
            if let Some(seg) = &here {
                path.push(seg);
            }
            if wanted.contains(&path.text) {
                found.entry(path.text.clone()).or_insert(at);
                if found.len() == wanted.len() {
                    return (found, None);
                }
            }
            match ev {
                Event::MappingStart(..) => stack.push(Frame::Map { key: None, key_at: (0, 0) }),
                Event::SequenceStart(..) => stack.push(Frame::Seq { index: 0 }),
                _ => finish_node(&mut stack, &mut path, here.is_some()),
            }
        } else if matches!(ev, Event::MappingEnd | Event::SequenceEnd) {
            stack.pop();
            let had_seg = !stack.is_empty();
            finish_node(&mut stack, &mut path, had_seg);
        }
    }
    (found, None)
}

/// A JSON pointer built up segment by segment as a walk goes down and back up.
#[derive(Default)]
struct Pointer {
    text: String,
    starts: Vec<usize>,
}

impl Pointer {
    fn push(&mut self, seg: &str) {
        self.starts.push(self.text.len());
        self.text.push('/');
        self.text.push_str(seg);
    }

    fn pop(&mut self) {
        if let Some(start) = self.starts.pop() {
            self.text.truncate(start);
        }
    }
}

fn finish_node(stack: &mut [Frame], path: &mut Pointer, pushed: bool) {
    if pushed {
        path.pop();
    }
    match stack.last_mut() {
        Some(Frame::Map { key, .. }) => *key = None,
        Some(Frame::Seq { index }) => *index += 1,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_at_gives_the_lines_str_lines_numbers() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\n\nc\r", "\n\n x \n", "é\nü\r\n"] {
            let all: Vec<&str> = text.lines().collect();
            let wanted: std::collections::BTreeSet<usize> = (1..=all.len() + 2).collect();
            let found = lines_at(text, &wanted);
            for n in wanted {
                assert_eq!(found.get(&n).copied(), all.get(n - 1).copied(), "{text:?} line {n}");
            }
        }
        assert!(lines_at("a\nb", &Default::default()).is_empty());
    }

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile { display: rel.into(), rel: rel.into(), text: text.into() }
    }

    #[test]
    fn locates_pointers_in_yaml_and_json() {
        let y = file("a.yaml", "a:\n  b:\n    - x\n    - c: 1\n  d: [1, 2]\n");
        let wanted: HashSet<String> = ["/a/b/1/c", "/a/d/1", "/a/b"].iter().map(|s| s.to_string()).collect();
        let f = find_pointers(&y.text, &wanted);
        assert_eq!(f["/a/b/1/c"], (4, 10));
        assert_eq!(f["/a/d/1"], (5, 10));
        assert_eq!(f["/a/b"], (2, 3));
        let j = file("a.json", "{\n \"a~b\": {\"c/d\": true}\n}");
        let wanted: HashSet<String> = ["/a~0b/c~1d".to_string()].into_iter().collect();
        assert_eq!(find_pointers(&j.text, &wanted)["/a~0b/c~1d"], (2, 17));
    }

    #[test]
    fn resolve_stays_inside_root() {
        let root = SpecRoot { root: PathBuf::from("/x"), display: "x".into() };
        assert_eq!(root.resolve("a/b.yaml", "../c.yaml").unwrap(), "c.yaml");
        assert!(root.resolve("a/b.yaml", "../../etc/passwd").is_err());
        assert!(root.resolve("a.yaml", "/etc/passwd").is_err());
        assert!(root.resolve("a.yaml", "https://evil.example/x.yaml").is_err());
    }

    #[test]
    fn yaml_errors_are_located() {
        let e = parse_document(&file("a.yaml", "a: 1\na: 2\n")).unwrap_err();
        assert!(e.line > 0, "{e}");
        let e = parse_document(&file("a.json", "{\"a\": }")).unwrap_err();
        assert_eq!((e.line, e.col), (1, 7));
    }

    /// Issue 15: a quoted scalar continued at its key's depth, as libyaml, Go's yaml and
    /// SnakeYAML read it (the continuation folds into one space).
    #[test]
    fn quoted_scalar_continued_at_its_keys_depth() {
        let text = "paths:\n  /x:\n    get:\n      description: \"first line\n      continued at the key's depth\"\n      summary: 'one\n      two'\n";
        let v = parse_document_on(&file("a.yaml", text), 1).unwrap();
        let get = &v["paths"]["/x"]["get"];
        assert_eq!(get["description"], "first line continued at the key's depth");
        assert_eq!(get["summary"], "one two");
    }

    /// A `#` right after a closing quote or bracket is a comment, as libyaml reads it.
    #[test]
    fn comments_right_after_a_closing_token() {
        let text = "a: \"x\"#one\nb: 'y'#two\nc: [1]#three\nd: {e: 2,#four\n}\nf: g#h\n";
        let v = parse_document_on(&file("a.yaml", text), 1).unwrap();
        assert_eq!(v, serde_json::json!({"a": "x", "b": "y", "c": [1], "d": {"e": 2}, "f": "g#h"}));
        // Nodes after such a `#` are located too.
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::warning("a.yaml", "f").at_pointer("/f"));
        locate(&mut diags, &[&file("a.yaml", text)]);
        assert_eq!(diags.iter().map(|d| (d.line, d.col)).collect::<Vec<_>>(), [(6, 4)]);
        // A later error is still reported, and located.
        let e = parse_document_on(&file("a.yaml", "a: \"x\"#c\nb: [\n"), 1).unwrap_err();
        assert_eq!((e.line, e.col), (2, 4), "{e}");
        assert!(e.message.contains("unclosed bracket"), "{e}");
    }

    /// YAML 1.2 core resolution, as libyaml with serde_yaml_ng reads plain scalars.
    #[test]
    fn plain_scalars_resolve_by_yaml_1_2() {
        let text = "enum: [x, y, n, yes, no, on, off, True]\nnull: 0755\nu: 1_000\nh: 0x1F\ne: 1e3\n";
        let v = parse_document_on(&file("a.yaml", text), 1).unwrap();
        assert_eq!(v["enum"], serde_json::json!(["x", "y", "n", "yes", "no", "on", "off", true]));
        assert_eq!((&v["null"], &v["u"], &v["h"], &v["e"]), (&"0755".into(), &"1_000".into(), &31.into(), &1000.0.into()));
    }

    /// A document large enough to be split, located piece by piece, must give every
    /// pointer the position the walk over the whole file gives it.
    #[test]
    fn locating_in_pieces_equals_the_whole_walk() {
        let mut text = String::from("openapi: 3.0.0\npaths:\n  /a/b:\n    get: {}\ncomponents:\n  schemas:\n");
        for n in 0..3000 {
            text.push_str(&format!("    S{n}:\n      type: object\n      properties:\n        p1: {{type: string}}\n        p2:\n          type: integer\n"));
        }
        let y = file("big.yaml", &text);
        let threads = 2;
        let plan = split::plan(&y.text, piece_bytes(y.text.len(), threads)).expect("a plan");
        assert!(plan.pieces.len() > 4);
        assert!(plan.route("/components/schemas/S2999/properties/p2/type").is_some());
        assert!(plan.route("/components/schemas").is_none());
        let pointers = [
            "/components/schemas/S2999/properties/p2/type",
            "/components/schemas/S1500/properties/p1",
            "/components/schemas/S7/properties/absent/deeper",
            "/components/schemas/Missing/type",
            "/components/schemas",
            "/paths/~1a~1b/get",
            "/openapi",
            "",
        ];
        let mut diags = Diagnostics::new();
        for p in pointers {
            diags.push(Diagnostic::warning("big.yaml", p).at_pointer(p));
        }
        locate(&mut diags, &[&y]);
        let wanted: HashSet<String> = pointers.iter().flat_map(|p| prefixes(p)).collect();
        let whole = find_pointers(&y.text, &wanted);
        for d in diags.iter() {
            let p = d.pointer.clone().unwrap_or_default();
            let expected = prefixes(&p).iter().rev().find_map(|q| whole.get(q)).copied().unwrap_or((1, 1));
            assert_eq!((d.line, d.col), expected, "{p}");
        }
        let deep = diags.iter().find(|d| d.message.starts_with("/components/schemas/S2999")).map(|d| d.line);
        assert_eq!(deep, Some(6 + 2999 * 6 + 6));
    }
}
