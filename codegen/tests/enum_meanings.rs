//! Enum value meanings (`x-enum-descriptions`) as variant docs, and the merge of identical
//! inline enums of one schema: one type, with a located warning when their meanings differ
//! (the kept type's meanings then stand for both), none when they agree.

mod common;

use common::{generate_one, lib};
use kycgen_codegen::Generated;

fn run(name: &str, second_meaning: &str) -> Generated {
    let spec = format!(
        "openapi: 3.0.0\ninfo: {{title: Capture, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Device:\n      type: object\n      properties:\n        document:\n          type: string\n          enum: [live, unknown]\n          x-enum-descriptions:\n            live: Captured live.\n        face:\n          type: string\n          enum: [live, unknown]\n          x-enum-descriptions:\n            live: {second_meaning}\n"
    );
    generate_one(&format!("enum-meanings-{name}"), "specs/capture", "crate: capture\nspecs: [openapi.yaml]\n", &spec)
}

#[test]
fn merged_enums_with_other_meanings_are_warned_about() {
    let g = run("differ", "Captured live by the front camera.");
    // The kept type is the shorter name's, with its meanings.
    assert!(lib(&g).contains("/// Captured live by the front camera.\n    ///\n    /// On the wire: `live`"), "{}", lib(&g));
    assert!(!lib(&g).contains("pub enum DeviceDocument"), "one type for both");
    let w = g.warnings.to_string();
    assert!(
        w.contains("specs/capture/openapi.yaml:6:5: warning: `Device.document` and `Device.face` have the same values but the spec gives them other meanings: they are one type, `DeviceFace`, with the meanings of `Device.face`"),
        "{w}"
    );
}

#[test]
fn merged_enums_with_the_same_meanings_are_not() {
    let g = run("same", "Captured live.");
    assert!(g.warnings.is_empty(), "{}", g.warnings);
}
