//! Spec text → `#[doc]` attributes that can only ever be prose: code fences become
//! `text` blocks, indented code is flattened, brackets and bare URLs are escaped, so no
//! doctest or intra-doc link comes from a vendor's words.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `#[doc = "…"]` attributes for `lines` (nothing for no lines).
pub fn attrs(lines: &[String]) -> TokenStream {
    attrs_clean(&sanitize(lines))
}

/// A doc line as a string literal, written raw (`r"…"`, `r#"…"#`): syn and prettyplease
/// read a raw literal back by copying it, where an escaped one is escaped and unescaped
/// char by char (over a quarter of emitting full Plaid's types). prettyplease prints the same
/// `///` line either way. Escaped still: a line a raw literal cannot hold (a carriage
/// return), and the lines prettyplease prints as a `#[doc = …]` literal instead of a `///`
/// line (a line feed in it, or a leading `/`), whose output would change.
///
/// The two characters that mark a doc block (see [`crate::render::doc_block`]) never reach
/// a literal from a line: they become U+FFFD, so only a block can start a `///` line with
/// its marker.
pub fn literal(line: &str) -> Literal {
    text_literal(&crate::render::without_doc_marks(line))
}

/// A doc block (several lines in one attribute, from [`crate::render::doc_block`]) as a
/// literal: raw, as [`literal`] writes a line.
pub fn block_literal(block: &str) -> Literal {
    text_literal(block)
}

fn text_literal(line: &str) -> Literal {
    if memchr::memchr2(b'\r', b'\n', line.as_bytes()).is_none() && !line.starts_with('/') {
        let hashes = "#".repeat(raw_hashes(line));
        let mut repr = String::with_capacity(line.len() + 3 + 2 * hashes.len());
        for part in ["r", &hashes, "\"", line, "\"", &hashes] {
            repr.push_str(part);
        }
        if let Ok(lit) = repr.parse() {
            return lit;
        }
    }
    Literal::string(line)
}

/// The fewest `#`s that close a raw string around `s`: one more than the longest run of
/// them after a `"` in it.
fn raw_hashes(s: &str) -> usize {
    s.match_indices('"').map(|(i, _)| 1 + s[i + 1..].bytes().take_while(|&b| b == b'#').count()).max().unwrap_or(0)
}

/// [`attrs`] as syntax trees.
pub fn syn_attrs(lines: &[String]) -> Vec<syn::Attribute> {
    super::ast::doc_attrs(&sanitize(lines))
}

/// `#![doc]` attributes for lines that are already clean (from [`sanitize`] and [`inline`],
/// or kycgen's own words around identifiers `naming` made).
pub fn inner_attrs_clean(clean: &[String]) -> TokenStream {
    let lits = clean.iter().map(|l| literal(l));
    quote! { #( #![doc = #lits] )* }
}

/// `#[doc]` attributes for lines that are already clean (as for [`inner_attrs_clean`]).
pub fn attrs_clean(clean: &[String]) -> TokenStream {
    let lits = clean.iter().map(|l| literal(l));
    quote! { #( #[doc = #lits] )* }
}

/// The doc paragraph of a struct or union whose direction gates a serde impl
/// (`lower/direction.rs`), pushed after a blank line; nothing for one used both ways.
pub fn push_direction(t: &crate::model::TypeDef, lines: &mut Vec<String>) {
    let line = match (t.serialize_feature(), t.deserialize_feature()) {
        (Some(f), _) => format!("Only received: `Serialize` comes with the `{f}` feature."),
        (_, Some(f)) => format!("Only sent: `Deserialize` comes with the `{f}` feature."),
        _ => return,
    };
    lines.push(String::new());
    lines.push(line);
}

/// One line of spec text made inert for use inside a line of our own (a list item): as
/// [`sanitize`] makes it; a code fence line gives nothing.
pub fn inline(text: &str) -> String {
    let line = text.replace(['\t', '\r', '\n'], " ");
    let line = line.trim();
    if line.starts_with("```") || line.starts_with("~~~") {
        return String::new();
    }
    escape_inline(line)
}

/// Each output line starts with a space, as `///` comments do.
pub fn sanitize(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    for raw in lines {
        let line = if memchr::memchr2(b'\t', b'\r', raw.as_bytes()).is_some() { raw.replace('\t', "    ").replace('\r', "") } else { raw.clone() };
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let fence = &trimmed[..3];
            out.push(if in_fence { format!(" {fence}") } else { format!(" {fence}text") });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(spaced(line.trim_end()));
            continue;
        }
        let text = escape_inline(trimmed.trim_end());
        if text.is_empty() && out.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        out.push(if text.is_empty() { String::new() } else { spaced(&text) });
    }
    if in_fence {
        out.push(" ```".into());
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out
}

/// ` text`, as a `///` line holds it (without `format!`'s machinery: every doc line comes here).
fn spaced(text: &str) -> String {
    let mut line = String::with_capacity(text.len() + 1);
    line.push(' ');
    line.push_str(text);
    line
}

/// Escapes `[`/`]` that are not part of a `[text](url)` link, and wraps bare URLs in `<…>`.
/// Everything it looks for is ASCII, so it jumps from one byte that may matter (a bracket,
/// a backtick, the start of `http`) to the next with memchr and copies the text between.
fn escape_inline(s: &str) -> String {
    let b = s.as_bytes();
    // The next `http` at or after `i`, found again only once passed.
    let mut http = memchr::memmem::find(b, b"http");
    if http.is_none() && memchr::memchr3(b'[', b']', b'`', b).is_none() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    // `from`: where the text not yet copied to `out` starts.
    let (mut i, mut from, mut in_code) = (0, 0, false);
    loop {
        if http.is_some_and(|h| h < i) {
            http = memchr::memmem::find(&b[i..], b"http").map(|h| i + h);
        }
        let mark = memchr::memchr3(b'[', b']', b'`', &b[i..]).map(|m| i + m);
        i = match (mark, http) {
            (Some(m), Some(h)) => m.min(h),
            (Some(at), None) | (None, Some(at)) => at,
            (None, None) => break,
        };
        match b[i] {
            b'`' => in_code = !in_code,
            _ if in_code => {}
            b'[' => {
                if let Some(end) = link_end(b, i) {
                    i = end;
                    continue;
                }
                out.push_str(&s[from..i]);
                out.push_str("\\[");
                from = i + 1;
            }
            b']' => {
                out.push_str(&s[from..i]);
                out.push_str("\\]");
                from = i + 1;
            }
            b'h' if (s[i..].starts_with("http://") || s[i..].starts_with("https://")) && (i == 0 || !matches!(b[i - 1], b'<' | b'(' | b'"')) => {
                let end = s[i..].char_indices().find(|&(_, c)| c.is_whitespace() || c == ')' || c == '>').map_or(s.len(), |(j, _)| i + j);
                let url = &s[i..end];
                let (url, trail) = match url.strip_suffix(['.', ',', ';', ':']) {
                    Some(kept) => (kept, &url[kept.len()..]),
                    None => (url, ""),
                };
                out.push_str(&s[from..i]);
                out.push('<');
                out.push_str(url);
                out.push('>');
                out.push_str(trail);
                (i, from) = (end, end);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&s[from..]);
    out
}

/// End (exclusive) of a `[text](url)` link starting at byte `start`, if it is one.
fn link_end(b: &[u8], start: usize) -> Option<usize> {
    let close = start + 1 + b[start + 1..].iter().position(|&c| c == b']')?;
    if b.get(close + 1) != Some(&b'(') || b[start + 1..close].contains(&b'[') {
        return None;
    }
    let end = close + 2 + b[close + 2..].iter().position(|&c| c == b')')?;
    Some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(lines: &[&str]) -> Vec<String> {
        sanitize(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn fences_become_text() {
        assert_eq!(s(&["a", "```", "panic!()", "```"]), [" a", " ```text", " panic!()", " ```"]);
        assert_eq!(s(&["```rust", "x"]), [" ```text", " x", " ```"]);
    }

    #[test]
    fn indented_code_is_flattened() {
        assert_eq!(s(&["a", "", "    fn main() {}"]), [" a", "", " fn main() {}"]);
    }

    #[test]
    fn doc_literals_are_raw_and_read_back_as_written() {
        for (line, raw) in [(" plain", r##"r" plain""##), (" say \"hi\"", r###"r#" say "hi""#"###), (" a \"# b", r###"r##" a "# b"##"###), ("", r#"r"""#)] {
            let lit = literal(line);
            assert_eq!(lit.to_string(), raw);
            let syn::Lit::Str(s) = syn::Lit::new(lit) else { panic!("not a string literal: {raw}") };
            assert_eq!(s.value(), line);
        }
        assert_eq!(literal(" a\rb").to_string(), "\" a\\rb\"");
        assert_eq!(literal("/ path").to_string(), "\"/ path\"");
        assert_eq!(literal("a\nb").to_string(), "\"a\\nb\"");
    }

    /// The cases the char-by-char version answered so (kept when it went bytewise).
    #[test]
    fn escapes_as_the_char_by_char_version_did() {
        for (line, want) in [
            ("a [b] c", "a \\[b\\] c"),
            ("[x](http://y) and [z]", "[x](http://y) and \\[z\\]"),
            ("see https://x.y/z, then", "see <https://x.y/z>, then"),
            ("`[a]` [b", "`[a]` \\[b"),
            ("é https://ü.de/ä\u{a0}next", "é <https://ü.de/ä>\u{a0}next"),
            ("(https://a.b) <https://c.d> \"https://e.f\"", "(https://a.b) <https://c.d> \"https://e.f\""),
            ("[a [b](c)", "\\[a [b](c)"),
            ("x](y)", "x\\](y)"),
            ("a ` b [c] ` d]", "a ` b [c] ` d\\]"),
            ("https://a.b/c.", "<https://a.b/c>."),
            ("http://a:", "<http://a>:"),
            ("[t](u", "\\[t\\](u"),
            ("é[ü](ö) ]", "é[ü](ö) \\]"),
        ] {
            assert_eq!(escape_inline(line), want, "{line:?}");
        }
    }

    #[test]
    fn brackets_and_urls() {
        assert_eq!(s(&["see [docs](https://x.y/z) and [redacted]"]), [" see [docs](https://x.y/z) and \\[redacted\\]"]);
        assert_eq!(s(&["go to https://x.y/z."]), [" go to <https://x.y/z>."]);
        assert_eq!(s(&["`[a]` stays"]), [" `[a]` stays"]);
    }
}
