//! Where serde-saphyr reads a document differently from libyaml and kycgen follows libyaml
//! (PyYAML, Ruby, PHP, most tools): applied to the parsed tree, whole or split.

use serde_json::Value;
use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle};

/// A block scalar that ends the input without a line break: libyaml adds none, serde-saphyr
/// adds one (as the YAML test suite's L24T expects) and has no option for libyaml's way.
/// When the document's last node is such a scalar, its value is the tree's last leaf, and
/// the line break serde-saphyr added is taken off it. Costs a second walk over the events
/// only for a document that does not end with a line break.
pub fn block_scalar_at_eof(text: &str, value: &mut Value) {
    if text.is_empty() || text.ends_with(['\n', '\r']) {
        return;
    }
    let mut options = Options::default();
    options.block_scalar_eof_without_line_feed = true;
    let mut last = None;
    for ev in Parser::new_from_str_with_options(text, options) {
        let Ok((ev, _)) = ev else { return };
        if ev.is_node() {
            last = Some(ev);
        }
    }
    let Some(Event::Scalar(scalar, ScalarStyle::Literal | ScalarStyle::Folded, ..)) = last else { return };
    if let Some(Value::String(leaf)) = last_leaf(value) {
        if leaf.strip_suffix('\n') == Some(scalar.as_ref()) {
            leaf.pop();
        }
    }
}

/// The line (1-based) of a byte order mark that starts a line after the first: libyaml
/// skips it there yet counts it as a column of indentation, serde-saphyr reads it as
/// content, so the two read different trees from it. kycgen refuses such a document.
pub fn bom_starting_a_line(text: &str) -> Option<usize> {
    // Marks are rare: find each one (memchr's vectorized search for its bytes) and look at
    // the byte before.
    let mark = "\u{feff}".as_bytes();
    let at = memchr::memmem::find_iter(text.as_bytes(), mark).find(|&i| i > 0 && matches!(text.as_bytes()[i - 1], b'\n' | b'\r'))? - 1;
    let before = &text[..=at];
    Some(before.matches('\n').count() + before.matches('\r').count() - before.matches("\r\n").count() + 1)
}

/// Most `#`s directly after a token [`space_before_comment`] mends in one document; past
/// that, the parser's refusal stands (each mend costs a parse of the whole document).
pub const MAX_COMMENT_REPAIRS: usize = 64;

/// `a: "x"#c`, `a: [x]#c`, `{a: 1,#c` and `a: |-#c`: libyaml reads a `#` right after a
/// quoted scalar, a flow indicator or a block scalar header as a comment; YAML and serde-saphyr want a
/// space before it. Given the
/// parser's refusal (`message` at 1-based `line` and `col`), the text with a space before
/// that `#`, when the refusal is exactly that one and the `#` follows a quote, a flow
/// indicator or a header's character; `None` otherwise. The space changes no value: what follows is a comment.
pub fn space_before_comment(text: &str, message: &str, line: usize, col: usize) -> Option<String> {
    if message != "comments must be separated from other tokens by whitespace" {
        return None;
    }
    let start = line_start(text, line)?;
    let at = start + text[start..].char_indices().nth(col.checked_sub(1)?)?.0;
    let before = text[..at].chars().next_back()?;
    if !text[at..].starts_with('#') || !matches!(before, '"' | '\'' | '[' | ']' | '{' | '}' | ',' | '|' | '>' | '+' | '-' | '0'..='9') {
        return None;
    }
    Some(format!("{} {}", &text[..at], &text[at..]))
}

/// Byte offset of the 1-based `line`, with `\r\n`, `\n` and a lone `\r` each ending one
/// line, as YAML (and the parser's positions) count them.
fn line_start(text: &str, line: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        let end = text[start..].find(['\n', '\r'])? + start;
        start = end + if text[end..].starts_with("\r\n") { 2 } else { 1 };
    }
    Some(start)
}

/// The last value in document order: the last entry of the last entry… of the tree.
fn last_leaf(value: &mut Value) -> Option<&mut Value> {
    match value {
        Value::Object(map) => last_leaf(map.values_mut().next_back()?),
        Value::Array(items) => last_leaf(items.last_mut()?),
        leaf => Some(leaf),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixed(text: &str, mut v: Value) -> Value {
        block_scalar_at_eof(text, &mut v);
        v
    }

    #[test]
    fn a_comment_right_after_a_closing_quote_or_bracket() {
        let msg = "comments must be separated from other tokens by whitespace";
        assert_eq!(space_before_comment("a: 1\nb: \"x\"#c\n", msg, 2, 7).as_deref(), Some("a: 1\nb: \"x\" #c\n"));
        assert_eq!(space_before_comment("é: [x]#c\n", msg, 1, 7).as_deref(), Some("é: [x] #c\n"));
        assert_eq!(space_before_comment("a: |-#c\n  x\n", msg, 1, 6).as_deref(), Some("a: |- #c\n  x\n"));
        assert_eq!(space_before_comment("{a: 1,#c\n}\n", msg, 1, 7).as_deref(), Some("{a: 1, #c\n}\n"));
        // Not after a closing token, not at a `#`, another refusal: nothing to mend.
        assert_eq!(space_before_comment("a: &x#c\n", msg, 1, 6), None);
        assert_eq!(space_before_comment("a: \"x\"#c\n", msg, 1, 6), None);
        assert_eq!(space_before_comment("a: \"x\"#c\n", "unclosed quote", 1, 7), None);
        assert_eq!(space_before_comment("a\n", msg, 9, 1), None);
        // A lone carriage return ends a line too.
        assert_eq!(space_before_comment("a: 1\rb: 2\r\nc: [x]#c\n", msg, 3, 7).as_deref(), Some("a: 1\rb: 2\r\nc: [x] #c\n"));
    }

    #[test]
    fn a_byte_order_mark_starting_a_line() {
        assert_eq!(bom_starting_a_line("\u{feff}a: 1\nb: \u{feff}c\n"), None);
        assert_eq!(bom_starting_a_line("a: 1\n\u{feff}b: 2\n"), Some(2));
        assert_eq!(bom_starting_a_line("a: 1\r\nb:\r\n\u{feff}c: 2\n"), Some(3));
    }

    #[test]
    fn only_a_last_block_scalar_without_line_break_loses_it() {
        assert_eq!(fixed("a: |\n  x\n  y", json!({"a": "x\ny\n"})), json!({"a": "x\ny"}));
        assert_eq!(fixed("- a\n- >\n  x\n  y", json!(["a", "x y\n"])), json!(["a", "x y"]));
        // Kept: a line break at the end, keep chomping that libyaml keeps too, another style.
        assert_eq!(fixed("a: |\n  x\n", json!({"a": "x\n"})), json!({"a": "x\n"}));
        assert_eq!(fixed("a: \"x\n\"", json!({"a": "x "})), json!({"a": "x "}));
        assert_eq!(fixed("a: |\n  x\nb: 1", json!({"a": "x\n", "b": 1})), json!({"a": "x\n", "b": 1}));
        assert_eq!(fixed("a: |-\n  x", json!({"a": "x"})), json!({"a": "x"}));
    }
}
