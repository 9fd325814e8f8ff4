//! Facts stated in prose inside a Description cell (`Max length: 5000.`, `Min length: 1.`,
//! `Nullable.`, `Possible values: a, b, c.`), as Stripe's docs and SDKs write them, applied
//! to the field's schema. The description text itself is kept as the field's docs.

use crate::ir::{Enum, EnumBase, Kind, Schema};
use serde_json::Value;

#[derive(Debug, Default, PartialEq)]
pub(super) struct Facts {
    pub max_length: Option<u64>,
    pub min_length: Option<u64>,
    pub nullable: bool,
    pub values: Option<Vec<String>>,
}

/// Reads the facts of a description.
pub(super) fn read(text: &str) -> Facts {
    Facts {
        max_length: number_after(text, "Max length:"),
        min_length: number_after(text, "Min length:"),
        nullable: sentences(text).any(|s| s == "Nullable"),
        values: after(text, "Possible values:").map(|rest| {
            let list = sentence_end(rest);
            list.split(',').map(|v| v.trim().trim_matches('`').to_string()).filter(|v| !v.is_empty()).collect()
        }),
    }
}

/// Applies facts to a field's schema: lengths go to the strings an array or map holds,
/// `Possible values` turn a string into an enum.
pub(super) fn apply(s: &mut Schema, f: &Facts) {
    if f.nullable {
        s.nullable = true;
    }
    let t = length_target(s);
    if f.max_length.is_some() {
        t.limits.max_length = f.max_length;
    }
    if f.min_length.is_some() {
        t.limits.min_length = f.min_length;
    }
    if let (Some(values), Kind::String { format: None }) = (&f.values, &s.kind) {
        if !values.is_empty() {
            let values = values.iter().map(|v| Value::String(v.clone())).collect();
            s.kind = Kind::Enum(Enum { base: EnumBase::String, values, truncated: false, meanings: Default::default() });
        }
    }
}

fn length_target(s: &mut Schema) -> &mut Schema {
    match s.kind {
        Kind::Array(ref mut inner) | Kind::Map(ref mut inner) => length_target(inner),
        _ => s,
    }
}

fn after<'t>(text: &'t str, label: &str) -> Option<&'t str> {
    text.find(label).map(|i| text[i + label.len()..].trim_start())
}

fn number_after(text: &str, label: &str) -> Option<u64> {
    let rest = after(text, label)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Text up to the end of its sentence: a period followed by whitespace, or the end.
fn sentence_end(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'.' && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
            return &text[..i];
        }
        if *b == b'\n' {
            return &text[..i];
        }
    }
    text
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let r = rest.trim_start();
        if r.is_empty() {
            return None;
        }
        let s = sentence_end(r);
        rest = r.get(s.len() + 1..).unwrap_or("");
        Some(s.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Limits;

    #[test]
    fn reads_stripe_prose_facts() {
        let f = read("Sex of the person. Possible values: [redacted], female, male. Max length: 5000. Nullable.");
        assert_eq!(f.max_length, Some(5000));
        assert!(f.nullable);
        assert_eq!(f.values, Some(vec!["[redacted]".into(), "female".into(), "male".into()]));
        let f = read("Type of the object. Possible values: `identity.verification_report`.");
        assert_eq!(f.values, Some(vec!["identity.verification_report".into()]));
        assert_eq!(read("Not nullable. Min length: 2"), Facts { min_length: Some(2), ..Facts::default() });
    }

    #[test]
    fn lengths_apply_to_array_items_and_map_values() {
        let f = Facts { max_length: Some(5), ..Facts::default() };
        let mut s = Schema { kind: Kind::Array(Box::new(Schema { kind: Kind::String { format: None }, ..Schema::default() })), ..Schema::default() };
        apply(&mut s, &f);
        assert!(s.limits.is_empty());
        let Kind::Array(items) = &s.kind else { panic!() };
        assert_eq!(items.limits, Limits { max_length: Some(5), ..Limits::default() });
    }

    #[test]
    fn possible_values_turn_a_string_into_an_enum() {
        let mut s = Schema { kind: Kind::String { format: None }, ..Schema::default() };
        apply(&mut s, &read("Possible values: a, b."));
        assert!(matches!(&s.kind, Kind::Enum(e) if e.values.len() == 2));
    }
}
