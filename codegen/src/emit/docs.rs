//! Spec text → `#[doc]` attributes that can only ever be prose: code fences become
//! `text` blocks, indented code is flattened, brackets and bare URLs are escaped, so no
//! doctest or intra-doc link comes from a vendor's words.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes for `lines` (nothing for no lines).
pub fn attrs(lines: &[String]) -> TokenStream {
    let clean = sanitize(lines);
    quote! { #( #[doc = #clean] )* }
}

/// [`attrs`] as syntax trees.
pub fn syn_attrs(lines: &[String]) -> Vec<syn::Attribute> {
    super::ast::doc_attrs(&sanitize(lines))
}

/// `#![doc]` attributes for lines that are already clean (from [`sanitize`] and [`inline`],
/// or kycgen's own words around identifiers `naming` made).
pub fn inner_attrs_clean(clean: &[String]) -> TokenStream {
    quote! { #( #![doc = #clean] )* }
}

/// `#[doc]` attributes for lines that are already clean (as for [`inner_attrs_clean`]).
pub fn attrs_clean(clean: &[String]) -> TokenStream {
    quote! { #( #[doc = #clean] )* }
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
        let line = raw.replace('\t', "    ").replace('\r', "");
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let fence = &trimmed[..3];
            out.push(if in_fence { format!(" {fence}") } else { format!(" {fence}text") });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(format!(" {}", line.trim_end()));
            continue;
        }
        let text = escape_inline(trimmed.trim_end());
        if text.is_empty() && out.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        out.push(if text.is_empty() { String::new() } else { format!(" {text}") });
    }
    if in_fence {
        out.push(" ```".into());
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out
}

/// Escapes `[`/`]` that are not part of a `[text](url)` link, and wraps bare URLs in `<…>`.
fn escape_inline(s: &str) -> String {
    if !s.contains(['[', ']', '`']) && !s.contains("http") {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        if c == '[' {
            if let Some(end) = link_end(&chars, i) {
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            out.push_str("\\[");
        } else if c == ']' {
            out.push_str("\\]");
        } else if (c == 'h') && starts_url(&chars[i..]) && (i == 0 || !matches!(chars[i - 1], '<' | '(' | '"')) {
            let end = (i..chars.len()).find(|&j| chars[j].is_whitespace() || chars[j] == ')' || chars[j] == '>').unwrap_or(chars.len());
            let mut url: String = chars[i..end].iter().collect();
            let trail: String = if url.ends_with(['.', ',', ';', ':']) { url.pop().map(String::from).unwrap_or_default() } else { String::new() };
            out.push('<');
            out.push_str(&url);
            out.push('>');
            out.push_str(&trail);
            i = end;
            continue;
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

fn starts_url(chars: &[char]) -> bool {
    let s: String = chars.iter().take(8).collect();
    s.starts_with("http://") || s.starts_with("https://")
}

/// End (exclusive) of a `[text](url)` link starting at `start`, if it is one.
fn link_end(chars: &[char], start: usize) -> Option<usize> {
    let close = (start + 1..chars.len()).find(|&j| chars[j] == ']')?;
    if chars.get(close + 1) != Some(&'(') || chars[start + 1..close].contains(&'[') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&j| chars[j] == ')')?;
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
    fn brackets_and_urls() {
        assert_eq!(s(&["see [docs](https://x.y/z) and [redacted]"]), [" see [docs](https://x.y/z) and \\[redacted\\]"]);
        assert_eq!(s(&["go to https://x.y/z."]), [" go to <https://x.y/z>."]);
        assert_eq!(s(&["`[a]` stays"]), [" `[a]` stays"]);
    }
}
