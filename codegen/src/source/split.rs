//! A large block-style YAML document cut at mapping keys into pieces that parse on all
//! cores and that diagnostics can be located in one at a time. Only the line structure is
//! read here: each piece is parsed by serde-saphyr itself, any doubt means no plan, and any
//! piece that fails (or holds an anchor, an alias or a key another piece also has) sends
//! the caller back to parsing the whole document, so the result is the same either way.

/// A key line this module can read: a plain key of letters, digits and `_./{}$-:`, then
/// `:` and a space or the line's end. Returns the key and the rest of the line. A `:` not
/// followed by a space belongs to a plain key, as YAML reads it (`/users/:id:`).
fn simple_key(line: &str) -> Option<(&str, &str)> {
    let colon = line.match_indices(':').map(|(i, _)| i).find(|&i| matches!(line.as_bytes().get(i + 1), None | Some(b' ')))?;
    let (key, rest) = (&line[..colon], &line[colon + 1..]);
    let mut chars = key.chars();
    let first = chars.next()?;
    if !(first.is_ascii_alphabetic() || matches!(first, '_' | '/' | '$')) {
        return None;
    }
    if !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '{' | '}' | '$' | '-' | ':')) {
        return None;
    }
    Some((key, rest))
}

/// Only characters YAML accepts anywhere (its `c-printable`, without a byte order mark):
/// lines no piece holds (comments before a mapping's first key, the key line of a mapping
/// split further) are checked with this, as the whole parse would have read them.
fn printable(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '\t' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..) && c != '\u{FEFF}')
}

/// A key YAML 1.1 or 1.2 might read as null or a boolean rather than as its text.
fn special_word(key: &str) -> bool {
    const WORDS: [&str; 9] = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"];
    WORDS.iter().any(|w| key.eq_ignore_ascii_case(w))
}

#[derive(Clone, Copy)]
struct Line {
    start: usize,
    indent: usize,
    /// Neither blank nor a comment.
    content: bool,
}

/// One piece of the document: whole entries of one mapping, in document order.
#[derive(Debug)]
pub struct Piece<'a> {
    /// Keys of the mappings the piece's entries are in (empty: the top mapping).
    pub prefix: Vec<&'a str>,
    pub text: &'a str,
    /// Line of the piece's first line in the document (1-based).
    pub first_line: usize,
    /// The key of each entry.
    pub keys: Vec<&'a str>,
}

/// Entries of a mapping: pieces (by index) and mappings split further.
#[derive(Debug)]
pub enum Entry<'a> {
    Piece(usize),
    Split(&'a str, Vec<Entry<'a>>),
}

#[derive(Debug)]
pub struct Plan<'a> {
    pub pieces: Vec<Piece<'a>>,
    pub top: Vec<Entry<'a>>,
}

impl Plan<'_> {
    /// The piece a JSON pointer leads into, and the pointer relative to that piece; `None`
    /// for a pointer to a split mapping itself or to a key no piece has.
    pub fn route(&self, pointer: &str) -> Option<(usize, String)> {
        let segs: Vec<String> = pointer.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect();
        let raw: Vec<&str> = pointer.split('/').skip(1).collect();
        let mut entries = &self.top;
        for (depth, seg) in segs.iter().enumerate() {
            let next = entries.iter().find_map(|e| match e {
                Entry::Split(key, inner) if key == seg => Some(Ok(inner)),
                Entry::Piece(i) if self.pieces[*i].keys.contains(&seg.as_str()) => Some(Err(*i)),
                _ => None,
            })?;
            match next {
                Ok(inner) => entries = inner,
                Err(piece) => return Some((piece, format!("/{}", raw[depth..].join("/")))),
            }
        }
        None
    }
}

/// Mappings nested deeper than this are not split (OpenAPI's big ones are at depth 2).
const MAX_SPLIT_DEPTH: usize = 3;

/// Cuts `text` into pieces of about `piece_bytes`, or `None` when the document is not a
/// plain block mapping this module can read line by line, or would be one piece anyway.
pub fn plan(text: &str, piece_bytes: usize) -> Option<Plan<'_>> {
    if text.starts_with('\u{feff}') {
        return None;
    }
    // One pass over the bytes (this runs before the pieces can start, on one core): line
    // ends found by the `memchr` crate's vectorized search over the whole text (a search per
    // line, or a byte loop, cost several times more); a carriage return is looked for in
    // each line only when the text has one.
    let bytes = text.as_bytes();
    let has_cr = memchr::memchr(b'\r', bytes).is_some();
    let mut lines = Vec::with_capacity(bytes.len() / 32 + 1);
    let mut ends = memchr::memchr_iter(b'\n', bytes);
    let mut start = 0;
    while start < bytes.len() {
        let next = ends.next().map_or(bytes.len(), |i| i + 1);
        let indent = bytes[start..next].iter().take_while(|&&b| b == b' ').count();
        let mut end = next;
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        // A carriage return without a line feed ends a line for YAML but not here.
        if has_cr && bytes[start..end].contains(&b'\r') {
            return None;
        }
        let rest = &text[start + indent..end];
        if rest.starts_with('\t') && !rest.trim().is_empty() {
            return None;
        }
        if indent == 0 && (rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%')) {
            return None;
        }
        // Blank: nothing but whitespace (`trim` only when the first byte is not plainly text).
        let blank = |r: &str| !r.as_bytes()[0].is_ascii_graphic() && r.trim().is_empty();
        let content = !(rest.is_empty() || rest.starts_with('#') || blank(rest));
        lines.push(Line { start, indent, content });
        start = next;
    }
    let mut p = Planner { text, lines: &lines, piece_bytes: piece_bytes.max(1), pieces: Vec::new() };
    let top = p.mapping(0, lines.len(), 0, &[])?;
    (p.pieces.len() > 1).then_some(Plan { pieces: p.pieces, top })
}

struct Planner<'a, 'l> {
    text: &'a str,
    lines: &'l [Line],
    piece_bytes: usize,
    pieces: Vec<Piece<'a>>,
}

impl<'a> Planner<'a, '_> {
    fn line(&self, i: usize) -> &'a str {
        let start = self.lines[i].start;
        let end = self.lines.get(i + 1).map_or(self.text.len(), |l| l.start);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    fn offset(&self, i: usize) -> usize {
        self.lines.get(i).map_or(self.text.len(), |l| l.start)
    }

    /// The entries of the block mapping whose keys are the content lines at `indent` in
    /// lines `from..to` (every content line there is indented at least that much).
    fn mapping(&mut self, from: usize, to: usize, indent: usize, prefix: &[&'a str]) -> Option<Vec<Entry<'a>>> {
        // Entry starts: (line, key). A `-` line at the key indent continues the entry
        // before it (a sequence written flush with its key); anything else is not a key
        // this module can read.
        let mut starts: Vec<(usize, &'a str)> = Vec::new();
        for i in from..to {
            let l = self.lines[i];
            if l.content && l.indent < indent {
                return None;
            }
            if !l.content || l.indent != indent {
                continue;
            }
            let text = &self.line(i)[indent..];
            if text.starts_with("- ") || text == "-" {
                if starts.is_empty() {
                    return None;
                }
                continue;
            }
            starts.push((i, simple_key(text)?.0));
        }
        let first = starts.first()?.0;
        if self.lines[from..first].iter().any(|l| l.content) || !(from..first).all(|i| printable(self.line(i))) {
            return None;
        }
        let mut entries = Vec::new();
        let mut group: Option<(usize, Vec<&'a str>)> = None;
        for (n, &(i, key)) in starts.iter().enumerate() {
            let end = starts.get(n + 1).map_or(to, |s| s.0);
            let bytes = self.offset(end) - self.offset(i);
            let nested = if bytes > 2 * self.piece_bytes && prefix.len() < MAX_SPLIT_DEPTH { self.nested(i, end, indent, prefix, key) } else { None };
            match nested {
                Some(inner) => {
                    self.close(&mut group, i, prefix, &mut entries);
                    entries.push(Entry::Split(key, inner));
                }
                None => {
                    let g = group.get_or_insert_with(|| (i, Vec::new()));
                    g.1.push(key);
                    if self.offset(end) - self.offset(g.0) >= self.piece_bytes {
                        self.close(&mut group, end, prefix, &mut entries);
                    }
                }
            }
        }
        self.close(&mut group, to, prefix, &mut entries);
        Some(entries)
    }

    /// The entry at line `i` (to `end`) as a mapping of its own, if its value is a block
    /// mapping on the following lines and its key line holds nothing else.
    fn nested(&mut self, i: usize, end: usize, indent: usize, prefix: &[&'a str], key: &'a str) -> Option<Vec<Entry<'a>>> {
        let (_, rest) = simple_key(&self.line(i)[indent..])?;
        let rest = rest.trim();
        if special_word(key) || !(rest.is_empty() || rest.starts_with('#')) || !printable(rest) {
            return None;
        }
        let inner = (i + 1..end).find(|&j| self.lines[j].content)?;
        let inner_indent = self.lines[inner].indent;
        if inner_indent <= indent {
            return None;
        }
        let mut path = prefix.to_vec();
        path.push(key);
        let mark = self.pieces.len();
        let entries = self.mapping(i + 1, end, inner_indent, &path);
        if entries.is_none() {
            self.pieces.truncate(mark);
        }
        entries
    }

    /// Ends the piece being grouped (if any) before line `end`.
    fn close(&mut self, group: &mut Option<(usize, Vec<&'a str>)>, end: usize, prefix: &[&'a str], entries: &mut Vec<Entry<'a>>) {
        if let Some((start, keys)) = group.take() {
            entries.push(Entry::Piece(self.pieces.len()));
            self.pieces.push(Piece {
                prefix: prefix.to_vec(),
                text: &self.text[self.offset(start)..self.offset(end)],
                first_line: start + 1,
                keys,
            });
        }
    }
}

/// The document assembled from its pieces parsed with `parse_piece` on `threads` threads
/// of `stack` bytes; `None` when any piece fails, is not a mapping, or repeats a key.
pub fn parse<F>(plan: &Plan<'_>, threads: usize, stack: usize, parse_piece: F) -> Option<serde_json::Value>
where
    F: Fn(&Piece<'_>) -> Option<serde_json::Value> + Sync,
{
    // Largest first, so that the last piece a thread takes is a small one.
    let mut order: Vec<usize> = (0..plan.pieces.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(plan.pieces[i].text.len()));
    let parsed = crate::par::map_in_turn(&order, threads, Some(stack), |&i| parse_piece(&plan.pieces[i]).ok_or(()));
    let mut values: Vec<Option<serde_json::Value>> = plan.pieces.iter().map(|_| None).collect();
    for (i, r) in order.into_iter().zip(parsed) {
        values[i] = Some(r?.ok()?);
    }
    assemble(&plan.top, &mut values).map(serde_json::Value::Object)
}

fn assemble(entries: &[Entry<'_>], values: &mut [Option<serde_json::Value>]) -> Option<serde_json::Map<String, serde_json::Value>> {
    let mut map = serde_json::Map::new();
    for e in entries {
        match e {
            Entry::Piece(i) => {
                let serde_json::Value::Object(part) = values.get_mut(*i)?.take()? else { return None };
                for (k, v) in part {
                    if map.insert(k, v).is_some() {
                        return None;
                    }
                }
            }
            Entry::Split(key, inner) => {
                let inner = assemble(inner, values)?;
                if map.insert((*key).to_string(), serde_json::Value::Object(inner)).is_some() {
                    return None;
                }
            }
        }
    }
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn whole(text: &str) -> Result<Value, String> {
        let file = crate::source::SourceFile { display: "t.yaml".into(), rel: "t.yaml".into(), text: text.into() };
        crate::source::parse_document_on(&file, 1).map_err(|d| d.to_string())
    }

    /// The split path with tiny pieces: `Some` only where it equals the whole parse.
    fn pieces(text: &str) -> Option<Value> {
        let v = crate::source::parse_in_pieces(text, 8, 3)?;
        assert_eq!(Ok(&v), whole(text).as_ref(), "split parse differs from the whole parse of:\n{text}");
        Some(v)
    }

    fn plan_shape(text: &str) -> Vec<(String, String)> {
        let p = plan(text, 8).expect("a plan");
        p.pieces.iter().map(|p| (p.prefix.join("/"), p.keys.join(","))).collect()
    }

    const SPEC: &str = "\
# a comment before anything
openapi: 3.0.0
tags:
- name: a
- name: b
paths:
  /a/get:
    post:
      description: |
        not: a key
        x: y
  /b:
    get: {}
components:
  schemas:
    A:
      type: object

    B:
      description: \"two
        lines\"
# a comment at column 0 between entries
    C: {type: string}
";

    #[test]
    fn splits_nested_mappings_in_document_order() {
        let v = pieces(SPEC).expect("split path taken");
        let keys: Vec<&String> = v["components"]["schemas"].as_object().map(|m| m.keys().collect()).unwrap_or_default();
        assert_eq!(keys, ["A", "B", "C"]);
        let shape = plan_shape(SPEC);
        assert!(shape.contains(&("components/schemas".into(), "C".into())), "{shape:?}");
        assert!(shape.contains(&("paths//a/get/post".into(), "description".into())), "{shape:?}");
        assert!(shape.contains(&(String::new(), "tags".into())), "{shape:?}");
    }

    #[test]
    fn crlf_lines_split_too() {
        let crlf = SPEC.replace('\n', "\r\n");
        assert_eq!(pieces(&crlf), pieces(SPEC));
    }

    #[test]
    fn anchors_and_duplicates_across_pieces_fall_back() {
        let anchors = "a:\n  x: &shared\n    k: v\nb:\n  y: *shared\n";
        assert_eq!(crate::source::parse_in_pieces(anchors, 8, 2), None);
        assert!(whole(anchors).is_ok());
        let dup = "a:\n  x: 1\nb:\n  y: 2\na:\n  z: 3\n";
        assert_eq!(crate::source::parse_in_pieces(dup, 8, 2), None);
        assert!(whole(dup).is_err());
        let nested_dup = "c:\n  a:\n    x: 1\n  b:\n    y: 2\n  a:\n    z: 3\n";
        assert_eq!(crate::source::parse_in_pieces(nested_dup, 8, 2), None);
    }

    #[test]
    fn doubtful_documents_get_no_plan() {
        for text in [
            "\u{feff}a: 1\nb: 2\n",
            "---\na: 1\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "- a\n- b\n",
            "{a: 1,\nb: 2}\n",
            "\"a\": 1\nb: 2\n",
            "a: 1\n\tb: 2\n",
            "x\na: 1\n",
        ] {
            assert!(plan(text, 1).is_none(), "{text:?}");
        }
    }

    #[test]
    fn a_key_like_line_inside_a_quoted_scalar_never_changes_the_result() {
        // A flow scalar may continue on a line flush with its key; the split there
        // leaves a piece with an open quote, which fails and falls back.
        for text in ["a: \"one\nb: two\"\nc: 3\n", "a:\n  k: 'x\n  b: y'\nc: 1\n", "a:\n  k: \"x\n\n  b: y\"\n  c: 1\nd: 2\n"] {
            assert_eq!(pieces(text), None, "{text:?}");
        }
    }

    /// Found by the `yaml_split` fuzz target: a NUL, or a carriage return, in a comment no
    /// piece held made the split parse succeed where the whole parse fails.
    #[test]
    fn lines_outside_pieces_are_checked_as_yaml_would() {
        // The third: a carriage return alone breaks the line, which here was a comment.
        for text in ["#\0\nP: leue\ne: 1\n", "a:\n  # \u{1}\n  b: 1\n  c: 2\nd: 1\n", "# x\ry\na: 1\nb: 2\n", "a: # \u{0}\n  b: 1\n  c: 2\nd: 1\n"] {
            assert!(whole(text).is_err(), "{text:?}");
            assert_eq!(crate::source::parse_in_pieces(text, 1, 2), None, "{text:?}");
        }
        assert!(pieces("# fine: é ✓\na:\n  # also fine\n  b: 1\n  c: 2\nd: 1\n").is_some());
    }

    /// Path keys such as `/users/:id` (in Plaid's spec) kept `paths` whole, one piece of a
    /// third of the document that left a core idle.
    #[test]
    fn keys_with_a_colon_inside_split_like_others() {
        assert_eq!(simple_key("/users/:id: {}"), Some(("/users/:id", " {}")));
        assert_eq!(simple_key("/a/:id:"), Some(("/a/:id", "")));
        assert_eq!(simple_key("a:b"), None);
        let text = "paths:\n  /a/:id:\n    get: {}\n  /b:c:\n    get: {}\n  /c: {}\nx: 1\n";
        let shape = plan_shape(text);
        assert!(shape.contains(&("paths//a/:id".into(), "get".into())), "{shape:?}");
        assert!(shape.contains(&("paths//b:c".into(), "get".into())), "{shape:?}");
        let v = pieces(text).expect("split path taken");
        assert!(v["paths"]["/a/:id"]["get"].is_object() && v["paths"]["/b:c"]["get"].is_object());
    }

    #[test]
    fn special_words_and_flow_values_are_not_split_into() {
        assert!(plan_shape("null:\n  a: 1\n  b: 2\nc: 3\n").iter().all(|(prefix, _)| prefix.is_empty()));
        assert!(plan_shape("a: {x: 1,\n  y: 2}\nb: 2\n").iter().all(|(prefix, _)| prefix.is_empty()));
        assert_eq!(pieces("a: {x: 1,\n  y: 2}\nb: 2\n").map(|v| v["a"]["y"].clone()), Some(Value::from(2)));
    }
}
