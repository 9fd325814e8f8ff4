//! A JSON tree written as block-style YAML for a regenerated subset spec: keys and strings
//! plain when nothing can read them as anything else, else JSON-quoted (a JSON string is a
//! YAML double-quoted scalar). The caller reads the text back and compares trees.

use serde_json::Value;

/// `v` as a YAML document (no leading `---`), ending in a line break.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => object(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => array(&mut out, a, 0),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn object(out: &mut String, m: &serde_json::Map<String, Value>, indent: usize) {
    for (k, v) in m {
        out.push_str(&" ".repeat(indent));
        out.push_str(&string(k));
        out.push(':');
        value_after_key(out, v, indent);
    }
}

/// The value of a mapping entry: inline when it is a scalar or empty, else on the lines
/// below (a sequence at the key's own indent, as most YAML is written).
fn value_after_key(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            object(out, m, indent + 2);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            array(out, a, indent + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn array(out: &mut String, a: &[Value], indent: usize) {
    let pad = " ".repeat(indent);
    for v in a {
        match v {
            Value::Object(m) if !m.is_empty() => {
                // The first entry follows the dash; the rest line up under it.
                let mut inner = String::new();
                object(&mut inner, m, indent + 2);
                out.push_str(&pad);
                out.push_str("- ");
                out.push_str(&inner[indent + 2..]);
            }
            Value::Array(items) if !items.is_empty() => {
                out.push_str(&pad);
                out.push_str("-\n");
                array(out, items, indent + 2);
            }
            other => {
                out.push_str(&pad);
                out.push_str("- ");
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => string(s),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}

/// A string as a plain scalar when it is made of name-like characters and reads as no
/// other type in YAML 1.1 or 1.2; otherwise JSON-quoted.
fn string(s: &str) -> String {
    let reserved = ["null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"];
    let plain = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || "_/$".contains(c))
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-./$ ()".contains(c))
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !reserved.contains(&s.to_ascii_lowercase().as_str())
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        Value::String(s.to_string()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_block_yaml_that_quotes_what_could_be_misread() {
        let v = json!({"a": {"b": [1, "x y", {"c": null, "d": []}, ["n"]], "200": "yes", "e": {}}, "$ref": "#/x", "f": "a: b", "g": "1.5"});
        let text = to_yaml(&v);
        let expected = "a:\n  b:\n    - 1\n    - x y\n    - c: null\n      d: []\n    -\n      - \"n\"\n  \"200\": \"yes\"\n  e: {}\n$ref: \"#/x\"\nf: \"a: b\"\ng: \"1.5\"\n";
        assert_eq!(text, expected);
        let file = kycgen_codegen::source::SourceFile { display: "t.yaml".into(), rel: "t.yaml".into(), text };
        assert_eq!(kycgen_codegen::source::parse_document(&file).expect("reads back"), v);
    }
}
