//! Enum value meanings (`x-enum-descriptions`) as variant docs, and the merge of identical
//! inline enums of one schema: one type, with a located warning when their meanings differ
//! (the kept type's meanings then stand for both), none when they agree.

use kycgen_codegen::config;
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Generated, Layout};

fn run(name: &str, second_meaning: &str) -> Generated {
    let spec = format!(
        "openapi: 3.0.0\ninfo: {{title: Capture, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Device:\n      type: object\n      properties:\n        document:\n          type: string\n          enum: [live, unknown]\n          x-enum-descriptions:\n            live: Captured live.\n        face:\n          type: string\n          enum: [live, unknown]\n          x-enum-descriptions:\n            live: {second_meaning}\n"
    );
    let dir = std::env::temp_dir().join(format!("kycgen-enum-meanings-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("openapi.yaml"), spec).unwrap();
    std::fs::write(dir.join(config::CONFIG_FILE), "crate: capture\nspecs: [openapi.yaml]\n").unwrap();
    let root = SpecRoot::new(&dir, "specs/capture").unwrap();
    let cfg = config::parse(&root.read(config::CONFIG_FILE).unwrap()).unwrap();
    let out = generate(&cfg, &root, &root.display_of(config::CONFIG_FILE), Layout::Workspace);
    std::fs::remove_dir_all(&dir).ok();
    out.unwrap_or_else(|e| panic!("{e}"))
}

fn lib(g: &Generated) -> &str {
    &g.files.iter().find(|f| f.path == "src/lib.rs").unwrap().contents
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
