//! Differential: wherever libyaml (serde_yaml_ng over unsafe-libyaml) reads a document,
//! kycgen reads it to the same JSON value (whole and split into pieces), or refuses it for
//! one of the reasons `tests/tests/yaml_libyaml.rs` documents.
#![no_main]

use kycgen_codegen::source::{parse_document_on, SourceFile};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Refusals by design: duplicate keys, nesting and alias limits, parser budgets,
/// non-finite floats (no JSON value), a byte order mark starting a line.
const BY_DESIGN: [&str; 7] = [
    "duplicate",
    "document nests deeper than",
    "recursion limit exceeded",
    "aliases expand past",
    "document exceeds kycgen's parser limit",
    "non-finite float",
    "a byte order mark starts this line",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Known, documented differences (tests/tests/yaml_libyaml.rs): libyaml reads `?x` in a
    // flow collection as a key, serde_yaml_ng nests some explicit `? ` keys unlike libyaml
    // itself, libyaml ends an anchor or alias name at `:` and reads a block scalar header
    // at column 0 as the value of the key above it.
    let header_at_column_0 = text.lines().any(|l| l.starts_with(['|', '>']));
    if text.contains('?') || colon_in_a_name(text) || header_at_column_0 {
        return;
    }
    let Ok(reference) = serde_yaml_ng::from_str::<Value>(text) else { return };
    let file = SourceFile { display: "spec.yaml".into(), rel: "spec.yaml".into(), text: text.into() };
    let whole = parse_document_on(&file, 1);
    let split = parse_document_on(&file, 3);
    assert_eq!(whole.as_ref().map_err(|d| &d.message), split.as_ref().map_err(|d| &d.message), "split parse differs");
    match whole {
        Ok(ours) => assert_eq!(ours, reference, "values differ from libyaml's"),
        Err(d) => {
            let msg = d.message.trim_start_matches("invalid yaml: ");
            assert!(BY_DESIGN.iter().any(|r| msg.starts_with(r)), "libyaml reads it, we refuse it: {msg}");
        }
    }
});

/// Whether a `&` or `*` is followed by a name that holds a `:` (roughly: anywhere, in
/// scalars too).
fn colon_in_a_name(text: &str) -> bool {
    text.match_indices(['&', '*']).any(|(i, _)| {
        let name = &text[i + 1..];
        let end = name.find(|c: char| c.is_whitespace() || ",[]{}".contains(c)).unwrap_or(name.len());
        name[..end].contains(':')
    })
}
