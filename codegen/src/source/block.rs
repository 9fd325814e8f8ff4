//! A fast reader for the plain block-style YAML that specs are written in: block mappings
//! and sequences, plain, quoted and literal scalars, empty flow collections, comments.
//! Anything outside that subset, or anything it has the least doubt about (an anchor, a
//! tab, a duplicate key, a scalar it cannot type), is `None`, and the caller parses the
//! text with serde-saphyr, which also reports errors. Where it gives a tree, the tree is
//! the one serde-saphyr gives (the tests and the `yaml_block` fuzz target hold it to that),
//! and plain scalars that might be other than strings are typed by serde-saphyr itself.

use serde_json::{Map, Value};

/// Reads `text` (a document whose mappings sit `depth` levels down, at most `max_depth`
/// levels in all), typing doubtful plain scalars with `typed`.
pub fn read(text: &str, depth: usize, max_depth: usize, typed: &dyn Fn(&str) -> Option<Value>) -> Option<Value> {
    if !text.ends_with('\n') || !plain_text(text) {
        return None;
    }
    let lines = lines(text).map(|t| Line { indent: t.bytes().take_while(|&b| b == b' ').count(), text: t }).collect();
    let mut r = Reader { lines, pos: 0, depth, max_depth, typed };
    let i = r.next_content()?;
    let indent = r.lines[i].indent;
    let top = if r.is_dash(i, indent) { r.sequence(indent)? } else { r.mapping(indent, None)? };
    r.next_content().is_none().then_some(top)
}

/// The lines of `text` (which ends with a line feed), without it: split where memchr's
/// vectorized search finds line feeds (a piece of a spec is tens of thousands of short lines).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes()).map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
}

/// Only line feeds and printable characters, no tab, no byte order mark and nothing libyaml
/// might read as a line break (NEL, LS, PS).
fn plain_text(text: &str) -> bool {
    let bytes_ok = text.bytes().all(|b| b == b'\n' || (b' '..0x7f).contains(&b) || b >= 0x80);
    bytes_ok && (text.is_ascii() || text.chars().all(|c| c.is_ascii() || (c >= '\u{A0}' && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'))))
}

struct Line<'a> {
    text: &'a str,
    indent: usize,
}

impl Line<'_> {
    /// Blank or a comment: not part of the block structure.
    fn is_content(&self) -> bool {
        !matches!(self.text.as_bytes().get(self.indent), None | Some(b'#'))
    }
}

struct Reader<'a, 't> {
    lines: Vec<Line<'a>>,
    /// The first line not read yet.
    pos: usize,
    depth: usize,
    max_depth: usize,
    typed: &'t dyn Fn(&str) -> Option<Value>,
}

impl<'a> Reader<'a, '_> {
    /// The next line with content, from `pos` (which it leaves there).
    fn next_content(&self) -> Option<usize> {
        (self.pos..self.lines.len()).find(|&i| self.lines[i].is_content())
    }

    fn is_dash(&self, i: usize, col: usize) -> bool {
        let rest = &self.lines[i].text[col..];
        rest == "-" || rest.starts_with("- ")
    }

    /// One level down; `None` a level before the limit, so that serde-saphyr, not this
    /// reader, decides what is too deep.
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth < self.max_depth).then_some(())
    }

    /// A block mapping whose keys are at column `col`; `first` is a line whose key starts
    /// at `col` after a sequence's dash.
    fn mapping(&mut self, col: usize, mut first: Option<usize>) -> Option<Value> {
        self.enter()?;
        let mut map = Map::new();
        loop {
            let i = match first.take() {
                Some(i) => i,
                None => match self.next_content() {
                    Some(i) if self.lines[i].indent == col && !self.is_dash(i, col) => i,
                    Some(i) if self.lines[i].indent > col => return None,
                    _ => break,
                },
            };
            let line = &self.lines[i].text[col..];
            let (key, after) = key(line)?;
            if !line.starts_with(['"', '\'']) && !self.distinct_key(&key) {
                return None;
            }
            let value = self.value(i, col + after, col, true)?;
            if map.insert(key, value).is_some() {
                return None;
            }
        }
        self.depth -= 1;
        Some(Value::Object(map))
    }

    /// A block sequence whose dashes are at column `col`.
    fn sequence(&mut self, col: usize) -> Option<Value> {
        self.enter()?;
        let mut items = Vec::new();
        while let Some(i) = self.next_content().filter(|&i| self.lines[i].indent == col && self.is_dash(i, col)) {
            let text = self.lines[i].text;
            let start = col + 1 + text[col + 1..].len() - text[col + 1..].trim_start_matches(' ').len();
            let item = if start < text.len() && !text[start..].starts_with('#') && key(&text[start..]).is_some() {
                self.mapping(start, Some(i))?
            } else {
                self.value(i, start, col, false)?
            };
            items.push(item);
        }
        if self.next_content().is_some_and(|i| self.lines[i].indent > col) {
            return None;
        }
        self.depth -= 1;
        Some(Value::Array(items))
    }

    /// The value starting at column `at` of line `i`, of a node whose key or dash is at
    /// column `owner`; with nothing there, the block below (a sequence may be flush with
    /// its key when `flush_sequence`). Leaves `pos` after the value.
    fn value(&mut self, i: usize, at: usize, owner: usize, flush_sequence: bool) -> Option<Value> {
        let rest = &self.lines[i].text[at..];
        if rest.is_empty() || rest.starts_with('#') {
            self.pos = i + 1;
            return self.block_below(owner, flush_sequence);
        }
        match rest.as_bytes()[0] {
            b'"' | b'\'' => self.quoted(i, at, owner),
            b'|' => self.literal(i, rest, owner, flush_sequence.then_some(owner)),
            b'[' | b'{' => self.flow(i, rest),
            b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b':' | b',' | b']' | b'}' => None,
            b'-' if rest == "-" || rest.starts_with("- ") => None,
            _ => self.plain(i, rest, owner),
        }
    }

    fn block_below(&mut self, owner: usize, flush_sequence: bool) -> Option<Value> {
        let Some(j) = self.next_content() else { return Some(Value::Null) };
        let indent = self.lines[j].indent;
        if indent == owner && flush_sequence && self.is_dash(j, indent) {
            return self.sequence(indent);
        }
        if indent <= owner {
            return Some(Value::Null);
        }
        if self.is_dash(j, indent) {
            self.sequence(indent)
        } else if key(&self.lines[j].text[indent..]).is_some() {
            self.mapping(indent, None)
        } else {
            self.value(j, indent, owner, false)
        }
    }

    /// A plain scalar, continued on more deeply indented lines until a comment ends it.
    fn plain(&mut self, i: usize, rest: &str, owner: usize) -> Option<Value> {
        let first = plain_line(rest)?;
        let mut text = first.to_string();
        let mut breaks = 0;
        let mut j = i + 1;
        let mut open = pair_at(rest, b" #").is_none();
        while let Some(line) = self.lines.get(j).filter(|_| open) {
            let trimmed = line.text.trim_start_matches(' ');
            if trimmed.is_empty() {
                breaks += 1;
            } else if line.indent > owner && !trimmed.starts_with('#') {
                fold(&mut text, breaks);
                text.push_str(plain_line(trimmed)?);
                open = pair_at(trimmed, b" #").is_none();
                breaks = 0;
                self.pos = j + 1;
            } else {
                break;
            }
            j += 1;
        }
        self.pos = self.pos.max(i + 1);
        if text.len() == first.len() {
            self.typed_plain(first)
        } else if ambiguous(first) {
            None
        } else {
            Some(Value::String(text))
        }
    }

    /// A plain key that serde-saphyr tells apart from other keys by its text, as the JSON
    /// tree does: it finds duplicates among typed keys, so `0` and `0x0`, or `true` and
    /// `True`, are the same key to it. A key of such a kind is left to it, and so is `<<`
    /// (a merge key to it).
    fn distinct_key(&self, key: &str) -> bool {
        key != "<<" && (!ambiguous(key) || small_integer(key).is_some() || (self.typed)(key).is_some_and(|v| v.is_string()))
    }

    /// A one-line plain scalar typed as YAML 1.2's core schema and serde-saphyr's options
    /// type it: the common cases here, the doubtful ones by serde-saphyr itself.
    fn typed_plain(&self, s: &str) -> Option<Value> {
        match s {
            "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
            "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
            "null" | "Null" | "NULL" | "~" => return Some(Value::Null),
            _ => {}
        }
        if !ambiguous(s) || (starts_like_a_number(s) && !s.bytes().all(numeric_byte)) {
            return Some(Value::String(s.to_string()));
        }
        if let Some(n) = small_integer(s) {
            return Some(Value::from(n));
        }
        if let Some(x) = simple_decimal(s) {
            return serde_json::Number::from_f64(x).map(Value::Number);
        }
        // Alone, `---…` or `...…` would be a document marker, not this scalar.
        if s.starts_with("---") || s.starts_with("...") {
            return None;
        }
        (self.typed)(s).filter(|v| !v.is_array() && !v.is_object())
    }

    /// A quoted scalar starting at column `at` of line `i`, possibly over several lines.
    fn quoted(&mut self, i: usize, at: usize, owner: usize) -> Option<Value> {
        let double = self.lines[i].text.as_bytes()[at] == b'"';
        let mut out = String::new();
        let (mut j, mut from) = (i, at + 1);
        loop {
            let text = self.lines[j].text;
            let seg = if double { unescape(&text[from..], &mut out)? } else { unquote(&text[from..], &mut out) };
            if let Some(end) = seg.closed {
                self.pos = j + 1;
                return trailing_comment(&text[from + end + 1..]).then_some(Value::String(out));
            }
            // The line break folds: trailing spaces go (not escaped ones), blank lines
            // become line feeds; an escaped line break joins the lines with nothing.
            if !seg.escaped_break {
                out.truncate(seg.kept.max(out.trim_end_matches(' ').len()));
            }
            let mut breaks = 0;
            j += 1;
            while self.lines.get(j)?.text.trim_start_matches(' ').is_empty() {
                breaks += 1;
                j += 1;
            }
            if self.lines[j].indent <= owner {
                return None;
            }
            if seg.escaped_break {
                out.extend(std::iter::repeat_n('\n', breaks));
            } else {
                fold(&mut out, breaks);
            }
            from = self.lines[j].indent;
        }
    }

    /// A literal block scalar: `|` with `-` (strip), `+` (keep) or neither (clip), and an
    /// indentation indicator where `base` (the column of the mapping it is a value in) says
    /// what it counts from.
    fn literal(&mut self, i: usize, header: &str, owner: usize, base: Option<usize>) -> Option<Value> {
        let (chomp, indicator) = block_header(without_comment(header))?;
        let mut j = i + 1;
        let indent = match indicator {
            Some(n) => base? + n,
            None => {
                let mut leading = 0;
                while self.lines.get(j).is_some_and(|l| l.text.trim_start_matches(' ').is_empty()) {
                    leading = leading.max(self.lines[j].text.len());
                    j += 1;
                }
                match self.lines.get(j) {
                    Some(l) if l.indent > owner && leading <= l.indent => l.indent,
                    _ if j == i + 1 => {
                        self.pos = j;
                        return (chomp != b'+').then(|| Value::String(String::new()));
                    }
                    _ => return None,
                }
            }
        };
        let mut out = String::new();
        let mut end = 0;
        let mut j = i + 1;
        while let Some(line) = self.lines.get(j) {
            if line.text.len() <= indent && line.text.trim_start_matches(' ').is_empty() {
                out.push('\n');
            } else if line.indent >= indent {
                out.push_str(&line.text[indent..]);
                out.push('\n');
                end = out.len();
            } else {
                break;
            }
            j += 1;
        }
        self.pos = j;
        match chomp {
            b'-' => out.truncate(end.saturating_sub(1)),
            b'+' => {}
            _ => out.truncate(end),
        }
        Some(Value::String(out))
    }

    /// A flow collection on one line (`[]`, `{}`, `[a, "b"]`, `{a: 1, b: x}`) of scalars.
    fn flow(&mut self, i: usize, rest: &str) -> Option<Value> {
        self.pos = i + 1;
        let close = if rest.starts_with('[') { ']' } else { '}' };
        let end = rest.find(close)?;
        if !trailing_comment(&rest[end + 1..]) {
            return None;
        }
        let inner = rest[1..end].trim_matches(' ');
        let mut items = if inner.is_empty() { Vec::new() } else { inner.split(',').map(|e| e.trim_matches(' ')).collect() };
        if close == ']' {
            let values = items.drain(..).map(|e| self.flow_scalar(e)).collect::<Option<Vec<_>>>()?;
            return Some(Value::Array(values));
        }
        let mut map = Map::new();
        for e in items {
            let (raw, v) = e.split_once(": ")?;
            let k = flow_scalar_text(raw)?;
            if !raw.starts_with(['"', '\'']) && !self.distinct_key(&k) {
                return None;
            }
            if map.insert(k, self.flow_scalar(v.trim_start_matches(' '))?).is_some() {
                return None;
            }
        }
        Some(Value::Object(map))
    }

    /// An element of a one-line flow collection: a quoted scalar or a plain one with none
    /// of flow's indicators in it.
    fn flow_scalar(&self, e: &str) -> Option<Value> {
        if e.starts_with(['"', '\'']) {
            return flow_scalar_text(e).map(Value::String);
        }
        flow_scalar_text(e)?;
        self.typed_plain(e)
    }
}

/// A quoted flow element (wholly the quotes and what is inside them), or a plain one that
/// holds no indicator: its text.
fn flow_scalar_text(e: &str) -> Option<String> {
    let mut out = String::new();
    match e.as_bytes().first()? {
        b'"' => (unescape(&e[1..], &mut out)?.closed? == e.len() - 2).then_some(out),
        b'\'' => (unquote(&e[1..], &mut out).closed? == e.len() - 2).then_some(out),
        b => {
            let dash = *b == b'-' && e.len() > 1 && !e[1..].starts_with(' ');
            let bad = (indicator(*b) && !dash) || e.contains([':', '#', '[', ']', '{', '}', '"', '\'']) || e.ends_with(' ');
            (!bad).then(|| e.to_string())
        }
    }
}

/// Nothing after a node on its line but spaces and a comment (after a space).
fn trailing_comment(rest: &str) -> bool {
    let tail = rest.trim_start_matches(' ');
    tail.is_empty() || (tail.starts_with('#') && tail.len() < rest.len())
}

/// A literal block scalar's header: its chomping (`-`, `+` or `|` for clip) and its
/// indentation indicator, in either order.
fn block_header(header: &str) -> Option<(u8, Option<usize>)> {
    let rest = header.strip_prefix('|')?.as_bytes();
    let (mut chomp, mut indicator) = (b'|', None);
    if rest.len() > 2 {
        return None;
    }
    for &b in rest {
        match b {
            b'-' | b'+' if chomp == b'|' => chomp = b,
            b'1'..=b'9' if indicator.is_none() => indicator = Some(usize::from(b - b'0')),
            _ => return None,
        }
    }
    Some((chomp, indicator))
}

/// A key at the start of `text` (a plain key, or a one-line quoted one) followed by `:` and
/// a space or the line's end: the key, and where its value starts. A plain key is its text
/// whatever it looks like (`200`, `null`), as serde-saphyr reads keys into a JSON tree.
fn key(text: &str) -> Option<(String, usize)> {
    let (key, colon) = match text.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let mut out = String::new();
            let seg = if *q == b'"' { unescape(&text[1..], &mut out)? } else { unquote(&text[1..], &mut out) };
            (out, 2 + seg.closed?)
        }
        _ => {
            let colon = text.match_indices(':').map(|(i, _)| i).find(|&i| matches!(text.as_bytes().get(i + 1), None | Some(b' ')))?;
            let key = &text[..colon];
            if key.is_empty() || key.len() > MAX_KEY || key.ends_with(' ') || pair_at(key, b" #").is_some() || indicator(key.as_bytes()[0]) {
                return None;
            }
            (key.to_string(), colon)
        }
    };
    if !text[colon..].starts_with(':') || !matches!(text.as_bytes().get(colon + 1), None | Some(b' ')) {
        return None;
    }
    let after = colon + 1;
    Some((key, after + text[after..].len() - text[after..].trim_start_matches(' ').len()))
}

/// Longest implicit key YAML allows.
const MAX_KEY: usize = 1024;

fn indicator(b: u8) -> bool {
    matches!(b, b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`')
}

/// A plain scalar that YAML might type as other than a string: a number, a word such as
/// `null` or `true` (in any case), `~`, `.inf`.
fn ambiguous(s: &str) -> bool {
    const WORDS: [&str; 11] = ["null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"];
    matches!(s.as_bytes().first(), None | Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'~')) || WORDS.iter().any(|w| s.eq_ignore_ascii_case(w))
}

fn starts_like_a_number(s: &str) -> bool {
    matches!(s.as_bytes().first(), Some(b'0'..=b'9' | b'-' | b'+' | b'.'))
}

/// A byte some number, `.inf` or `.nan` of YAML 1.1 or 1.2 may hold (digits, signs,
/// points, exponents, `_`, `:` and the letters of hexadecimal, `0x`, `0o`, `inf`, `nan`):
/// a scalar with any other byte is a string.
fn numeric_byte(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F' | b'.' | b'+' | b'-' | b'_' | b':' | b'x' | b'X' | b'o' | b'O' | b'i' | b'I' | b'n' | b'N')
}

/// A decimal with a point and digits on both sides and no leading zero (`12.5`, `-0.25`).
fn simple_decimal(s: &str) -> Option<f64> {
    let (int, frac) = s.strip_prefix('-').unwrap_or(s).split_once('.')?;
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    let ok = digits(int) && digits(frac) && (int == "0" || !int.starts_with('0')) && int.len() + frac.len() <= 15;
    ok.then(|| s.parse().ok()).flatten()
}

/// `0` or a decimal integer without a leading zero that fits an `i64` with room to spare.
fn small_integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let ok = !digits.is_empty() && digits.len() <= 18 && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'));
    ok.then(|| s.parse().ok()).flatten().filter(|n: &i64| *n != 0 || s == "0")
}

/// One line of a plain scalar, without its comment and trailing spaces; `None` where YAML
/// would read it otherwise (a `: ` making it a key, a dash or another indicator).
fn plain_line(text: &str) -> Option<&str> {
    let text = without_comment(text);
    let first = *text.as_bytes().first()?;
    let doubtful = pair_at(text, b": ").is_some() || text.ends_with(':') || text.starts_with("- ") || text == "-";
    (!doubtful && !matches!(first, b'#' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b':' | b'|' | b'>' | b'[' | b'{' | b'"' | b'\'' | b',' | b']' | b'}'))
        .then_some(text)
}

/// `text` up to a comment (a `#` after a space), without trailing spaces.
fn without_comment(text: &str) -> &str {
    let end = pair_at(text, b" #").unwrap_or(text.len());
    text[..end].trim_end_matches(' ')
}

/// Where `pair` (two ASCII bytes, one of them a space: `: `, ` #`) first stands in `text`:
/// memchr finds the other byte, where `str::find` would set up a substring search for
/// every line.
fn pair_at(text: &str, pair: &[u8; 2]) -> Option<usize> {
    let bytes = text.as_bytes();
    match *pair {
        [b' ', b] => memchr::memchr_iter(b, bytes).find(|&i| i > 0 && bytes[i - 1] == b' ').map(|i| i - 1),
        [a, b] => memchr::memchr_iter(a, bytes).find(|&i| bytes.get(i + 1) == Some(&b)),
    }
}

/// Joins a scalar's next line on: a space for a single line break, else a line feed for
/// each blank line.
fn fold(out: &mut String, breaks: usize) {
    if breaks == 0 {
        out.push(' ');
    } else {
        out.extend(std::iter::repeat_n('\n', breaks));
    }
}

/// What one line of a quoted scalar held.
struct Segment {
    /// Where the closing quote is, when the scalar closes on this line.
    closed: Option<usize>,
    /// Length of the output up to its last escape, which folding must not trim.
    kept: usize,
    /// The line ends in a backslash: an escaped line break.
    escaped_break: bool,
}

/// The inside of a single-quoted scalar on one line into `out`.
fn unquote(text: &str, out: &mut String) -> Segment {
    let mut rest = text;
    while let Some(q) = rest.find('\'') {
        out.push_str(&rest[..q]);
        if rest[q + 1..].starts_with('\'') {
            out.push('\'');
            rest = &rest[q + 2..];
        } else {
            return Segment { closed: Some(text.len() - rest.len() + q), kept: 0, escaped_break: false };
        }
    }
    out.push_str(rest);
    Segment { closed: None, kept: 0, escaped_break: false }
}

/// The inside of a double-quoted scalar on one line into `out`, escapes decoded; `None`
/// for an escape it does not know.
fn unescape(text: &str, out: &mut String) -> Option<Segment> {
    let mut rest = text;
    let mut kept = 0;
    while let Some(q) = rest.find(['"', '\\']) {
        out.push_str(&rest[..q]);
        if rest.as_bytes()[q] == b'"' {
            return Some(Segment { closed: Some(text.len() - rest.len() + q), kept, escaped_break: false });
        }
        if q + 1 == rest.len() {
            return Some(Segment { closed: None, kept, escaped_break: true });
        }
        let (c, len) = escape(&rest[q + 1..])?;
        out.push(c);
        kept = out.len();
        rest = &rest[q + 1 + len..];
    }
    out.push_str(rest);
    Some(Segment { closed: None, kept, escaped_break: false })
}

/// The character an escape (after its backslash) stands for, and the escape's length.
fn escape(text: &str) -> Option<(char, usize)> {
    let c = match *text.as_bytes().first()? {
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\u{b}',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'e' => '\u{1b}',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' => return hex(text, 2),
        b'u' => return hex(text, 4),
        b'U' => return hex(text, 8),
        _ => return None,
    };
    Some((c, 1))
}

fn hex(text: &str, digits: usize) -> Option<(char, usize)> {
    let h = text.get(1..1 + digits)?;
    if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some((char::from_u32(u32::from_str_radix(h, 16).ok()?)?, 1 + digits))
}

#[cfg(test)]
mod tests {
    use super::super::{parse_with_saphyr, read_block, SourceFile, MAX_DEPTH};
    use serde_json::{json, Value};

    fn saphyr(text: &str) -> Result<Value, String> {
        let file = SourceFile { display: "t.yaml".into(), rel: "t.yaml".into(), text: text.into() };
        on_big_stack(|| parse_with_saphyr(&file).map_err(|d| d.to_string()))
    }

    fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
        std::thread::scope(|s| std::thread::Builder::new().stack_size(64 << 20).spawn_scoped(s, f).unwrap().join().unwrap())
    }

    /// The block reader's tree, held to serde-saphyr's wherever it gives one.
    fn block(text: &str) -> Option<Value> {
        let ours = on_big_stack(|| read_block(text))?;
        assert_eq!(Ok(&ours), saphyr(text).as_ref(), "the block reader differs from serde-saphyr on:\n{text}");
        Some(ours)
    }

    /// Each construct the reader knows, read to the tree serde-saphyr gives.
    #[test]
    fn reads_its_subset() {
        let cases: &[(&str, Value)] = &[
            ("a:\n  b: 1\n  c:\n  - x\n  -   y\nd: [] # empty\n", json!({"a": {"b": 1, "c": ["x", "y"]}, "d": []})),
            ("- a: 1\n  b:\n  - 2\n-\n  c: 3\n- # nothing\n-\n", json!([{"a": 1, "b": [2]}, {"c": 3}, null, null])),
            ("a:\nb: ~\nc: null\nd: NULL\n", json!({"a": null, "b": null, "c": null, "d": null})),
            ("a: one\n  two\n\n  three # c\nb: x#y\n", json!({"a": "one two\nthree", "b": "x#y"})),
            ("a:\n  plain on\n  its own lines\n", json!({"a": "plain on its own lines"})),
            (
                "a: \"t\\tq\\\"\\u00e9\\x41\\/\\\\\" # c\nb: \"one\n   two\n\n   three\"\nc: \"no \\\n   space\"\nd: \"kept\\ \n  x\"\n",
                json!({"a": "t\tq\"\u{e9}A/\\", "b": "one two\nthree", "c": "no space", "d": "kept  x"}),
            ),
            ("a: 'it''s'\nb: 'one\n  two'\n'quoted key': 1\n\"200\": 2\n", json!({"a": "it's", "b": "one two", "quoted key": 1, "200": 2})),
            ("a: |\n  x\n   y\n  # not a comment\n\nb: |-\n  z\n\nc: |+\n  k\n\nd: 1\n", json!({"a": "x\n y\n# not a comment\n", "b": "z", "c": "k\n\n", "d": 1})),
            ("a: |\n\n  after a blank line\nb: |2-\n     indented\n    less\nc: |\nd: |-\n  \n  x\n", json!({"a": "\nafter a blank line\n", "b": "   indented\n  less", "c": "", "d": "\nx"})),
            ("a: [x, 'y', \"w\", 1, true]\nb: {k: v, n: 2}\nc: {}\n", json!({"a": ["x", "y", "w", 1, true], "b": {"k": "v", "n": 2}, "c": {}})),
            (
                "a: [true, False, TRUE, yes, No, on, y]\nb: [12, -3, 0, 1.5, -0.25, 007, 1e3, 0x1F, 1_000, -0]\nc: [2020-01-01, 1.2.3, 12ab, +1 555, .5]\n",
                json!({"a": [true, false, true, "yes", "No", "on", "y"], "b": [12, -3, 0, 1.5, -0.25, "007", 1000.0, 31, "1_000", 0], "c": ["2020-01-01", "1.2.3", "12ab", "+1 555", 0.5]}),
            ),
            ("200: a\n401a: b\n/users/{id}: c\n$ref: d\nx-y.z: e\nurl: http://x:80/\n", json!({"200": "a", "401a": "b", "/users/{id}": "c", "$ref": "d", "x-y.z": "e", "url": "http://x:80/"})),
            ("# leading comment\n\n    a: 1 # indented document\n    b:\n      - 2\n# trailing\n", json!({"a": 1, "b": [2]})),
            ("- - x\n", Value::Null),
        ];
        for (text, expected) in cases {
            match block(text) {
                Some(v) => assert_eq!(&v, expected, "{text}"),
                None => assert!(expected.is_null(), "not read by the block reader:\n{text}"),
            }
        }
    }

    /// What it leaves to serde-saphyr: anything outside its subset, anything doubtful, and
    /// every error (serde-saphyr reports them, located).
    #[test]
    fn leaves_the_rest_to_serde_saphyr() {
        let deep = (0..MAX_DEPTH).map(|n| format!("{}k:\n", "  ".repeat(n))).collect::<String>() + &format!("{}x: 1\n", "  ".repeat(MAX_DEPTH));
        let long_key = format!("{}: 1\n", "k".repeat(1025));
        let cases = [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a:\tb\n",
            "a: 1\r\nb: 2\r\n",
            "a: 1",
            "a: 1\na: 2\n",
            "0: a\n0x0: b\n",
            "true: a\nTrue: b\n",
            "a: {0: x, 0x0: y}\n",
            "a:\n ---\n",
            "a: 1\n<<:\n",
            "a: >\n  folded\n",
            "a: [x,\n  y]\n",
            "a: [[x]]\n",
            "a: ['y, z']\n",
            "? a\n: b\n",
            "---\na: 1\n",
            "a: b: c\n",
            "a: 1\n  b: 2\n",
            "a: one # a comment ends it\n  two\n",
            "a: one\n  two # and here\n  three\n",
            "a:\n  b: 1\n c: 2\n",
            "a: \"x\n\"\nb: \"at the key's depth\ncontinued\"\n",
            "a: \"x\"#c\n",
            "a: \"\\q\"\n",
            "a: |\n    x\n  y\n",
            "a: |\n    \n  x\n",
            "\u{feff}a: 1\n",
            "a: \u{85}\n",
            "plain scalar\n",
            "a: .inf\n",
            &deep,
            &long_key,
        ];
        for text in cases {
            assert_eq!(on_big_stack(|| read_block(text)), None, "read by the block reader:\n{text}");
        }
        assert!(deep.lines().count() > MAX_DEPTH && saphyr(&deep).is_err());
    }
}
