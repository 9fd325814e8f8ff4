//! Parameter objects: a struct with more than seven required fields gets `<Name>Required`,
//! which its `new` takes; seven or fewer stay positional; a name another type has is not
//! taken silently.

mod common;

use common::{generate_one, lib};
use kycgen_codegen::Generated;

const CONFIG: &str = "crate: wide\nspecs: [openapi.yaml]\n";

/// A spec with `Wide` (eight required strings), `Narrow` (seven) and `extra` schemas.
fn spec(extra: &str) -> String {
    let fields = |n: usize| (1..=n).map(|i| format!("        f{i}: {{type: string}}\n")).collect::<String>();
    let required = |n: usize| (1..=n).map(|i| format!("f{i}")).collect::<Vec<_>>().join(", ");
    format!(
        "openapi: 3.0.0\ninfo: {{title: Wide, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Wide:\n      type: object\n      required: [{}]\n      properties:\n{}        note: {{type: string}}\n    Narrow:\n      type: object\n      required: [{}]\n      properties:\n{}{extra}",
        required(8),
        fields(8),
        required(7),
        fields(7)
    )
}

fn run(name: &str, spec: &str) -> Generated {
    generate_one(&format!("params-{name}"), "specs/wide", CONFIG, spec)
}

#[test]
fn more_than_seven_required_fields_make_a_parameter_object() {
    let g = run("plain", &spec(""));
    let lib = lib(&g);
    assert!(lib.contains("pub struct WideRequired {"), "{lib}");
    assert!(lib.contains("pub fn new(required: WideRequired) -> Self {"), "{lib}");
    assert!(lib.contains("let WideRequired { f1, f2, f3, f4, f5, f6, f7, f8 } = required;"), "{lib}");
    assert!(lib.contains("pub fn new(\n        f1: String,"), "seven stay positional: {lib}");
    assert!(!lib.contains("NarrowRequired") && !lib.contains("too_many_arguments"), "{lib}");
    let object = &lib[lib.find("pub struct WideRequired {").unwrap()..];
    assert!(!object[..object.find('}').unwrap()].contains("note"), "only the required fields: {object}");
    assert!(g.warnings.is_empty(), "{}", g.warnings);
}

#[test]
fn a_taken_name_gets_the_next_free_one_with_a_located_warning() {
    let g = run("taken", &spec("    WideRequired:\n      type: object\n      properties:\n        x: {type: string}\n"));
    let lib = lib(&g);
    assert!(lib.contains("pub struct WideRequired {\n    /// Optional"), "the spec's own type keeps its name: {lib}");
    assert!(lib.contains("pub fn new(required: WideRequired2) -> Self {"), "{lib}");
    let warnings = g.warnings.to_string();
    assert!(
        warnings.contains("specs/wide/openapi.yaml:6:5: warning: `WideRequired`, the parameter object of `Wide::new`, is the name of another type: it is named `WideRequired2`"),
        "{warnings}"
    );
}
