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
