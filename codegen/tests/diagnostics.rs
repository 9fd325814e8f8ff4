//! Hostile and broken specs: each gets located errors (never a panic), and the exact
//! diagnostics are snapshotted. Inputs too big to commit are made at run time.

use kycgen_codegen::config::CrateConfig;
use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Layout};
use std::path::{Path, PathBuf};

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// Generates `file` (relative to `dir`) and returns every diagnostic, errors or warnings.
fn run(dir: &Path, display: &str, file: &str) -> (bool, Diagnostics) {
    let root = SpecRoot::new(dir, display).expect("spec root");
    let cfg = CrateConfig { package: "bad".into(), specs: vec![file.into()], version: "0.1.0".into(), ..CrateConfig::default() };
    match generate(&cfg, &root, "command line", Layout::Standalone) {
        Ok(g) => (true, g.warnings),
        Err(e) => (false, e.into_diagnostics()),
    }
}

#[test]
fn bad_specs_corpus() {
    let dir = project_root().join("tests/fixtures/bad");
    insta::glob!("../../tests/fixtures/bad", "*.{yaml,json}", |path| {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (ok, diags) = run(&dir, "tests/fixtures/bad", &name);
        if name.starts_with("bad_pattern") {
            assert!(ok, "{name} generates with warnings");
        } else {
            assert!(!ok && diags.has_errors(), "{name} must fail");
        }
        for d in diags.iter() {
            assert!(d.line > 0, "{name}: diagnostic without a line: {d}");
            assert!(d.message.chars().next().is_some_and(|c| !c.is_uppercase()) && !d.message.ends_with('.'), "{name}: {d}");
        }
        insta::assert_snapshot!(format!("{}: {}\n{diags}", if ok { "ok" } else { "failed" }, name));
    });
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kycgen-diag-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn first_error(dir: &Path, file: &str) -> String {
    let (ok, d) = run(dir, "t", file);
    assert!(!ok, "{file} must fail");
    let first = d.errors().next().map(|e| e.to_string()).unwrap_or_default();
    first
}

#[test]
fn twenty_thousand_nested_arrays_fail_cleanly() {
    let dir = temp_dir("deep");
    let n = 20_000;
    let json = format!("{{\"openapi\": \"3.0.3\", \"x\": {}{}}}", "[".repeat(n), "]".repeat(n));
    std::fs::write(dir.join("deep.json"), json).unwrap();
    let yaml = format!("openapi: 3.0.3\nx: {}{}\n", "[".repeat(n), "]".repeat(n));
    std::fs::write(dir.join("deep.yaml"), yaml).unwrap();
    let block: String = (0..n).map(|i| format!("{}-\n", " ".repeat(i % 2000))).collect();
    std::fs::write(dir.join("deep_block.yaml"), format!("openapi: 3.0.3\nx:\n{block}")).unwrap();
    for f in ["deep.json", "deep.yaml", "deep_block.yaml"] {
        let e = first_error(&dir, f);
        assert!(e.contains(f), "{e}");
    }
}

#[test]
fn size_and_count_limits() {
    let dir = temp_dir("limits");
    let big = std::fs::File::create(dir.join("huge.yaml")).unwrap();
    big.set_len(kycgen_codegen::source::MAX_FILE_BYTES + 1).unwrap();
    assert!(first_error(&dir, "huge.yaml").contains("byte limit"));
    let values: Vec<String> = (0..10_001).map(|i| format!("v{i}")).collect();
    let spec = format!("openapi: 3.0.3\ncomponents:\n  schemas:\n    E:\n      type: string\n      enum: [{}]\n", values.join(", "));
    std::fs::write(dir.join("enum.yaml"), spec).unwrap();
    assert!(first_error(&dir, "enum.yaml").contains("over the limit"));
    std::fs::write(dir.join("latin1.yaml"), b"openapi: 3.0.3\ninfo: {title: caf\xe9}\n").unwrap();
    assert!(first_error(&dir, "latin1.yaml").contains("not valid utf-8"));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_are_refused() {
    let dir = temp_dir("symlink");
    let outside = temp_dir("symlink-outside");
    std::fs::write(outside.join("secret.yaml"), "openapi: 3.0.3\ncomponents: {schemas: {Secret: {type: string}}}\n").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.yaml"), dir.join("link.yaml")).unwrap();
    std::fs::write(
        dir.join("spec.yaml"),
        "openapi: 3.0.3\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        s: {$ref: 'link.yaml#/components/schemas/Secret'}\n",
    )
    .unwrap();
    assert!(first_error(&dir, "link.yaml").contains("outside the spec root"));
    assert!(first_error(&dir, "spec.yaml").contains("outside the spec root"));
}

#[test]
fn roots_that_reach_only_primitives_are_an_error() {
    let dir = temp_dir("primitive-roots");
    let spec = "openapi: 3.0.3\ncomponents:\n  schemas:\n    Id: {type: string}\n    Thing:\n      type: object\n      properties:\n        id: {$ref: '#/components/schemas/Id'}\n";
    std::fs::write(dir.join("spec.yaml"), spec).unwrap();
    let root = SpecRoot::new(&dir, "t").expect("spec root");
    let mut cfg = CrateConfig { package: "p".into(), specs: vec!["spec.yaml".into()], version: "0.1.0".into(), ..CrateConfig::default() };
    cfg.roots.responses = vec!["Id".into()];
    let diags = generate(&cfg, &root, "command line", Layout::Standalone).expect_err("no types is an error").into_diagnostics();
    let first = diags.errors().next().map(|e| e.to_string()).unwrap_or_default();
    assert!(first.starts_with("t/spec.yaml:3:3: error: the spec yields no types to generate: the roots `Id` reach only primitive"), "{first}");
    cfg.roots.responses = vec!["Thing".into()];
    assert!(generate(&cfg, &root, "command line", Layout::Standalone).is_ok(), "a root with structure generates");
}

/// Path item refs are followed where they lead, not copied: two thousand entries that all
/// name one large file (a megabyte) would be two gigabytes of copies.
#[test]
fn many_path_refs_to_one_large_file_are_not_copied() {
    let dir = temp_dir("path-fanout");
    let filler: Vec<String> = (0..60_000).map(|i| format!("\"filler-{i:08}\"")).collect();
    let item = format!(
        "{{\"get\": {{\"responses\": {{\"200\": {{\"description\": \"ok\", \"content\": {{\"application/json\": {{\"schema\": {{\"$ref\": \"spec.yaml#/components/schemas/Thing\"}}}}}}}}}}}}, \"x-filler\": [{}]}}",
        filler.join(", ")
    );
    assert!(item.len() > 1_000_000);
    std::fs::write(dir.join("item.json"), item).unwrap();
    let mut spec = String::from("openapi: 3.0.3\npaths:\n");
    for i in 0..2000 {
        spec.push_str(&format!("  /things/{i}: {{$ref: 'item.json'}}\n"));
    }
    spec.push_str("components:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        id: {type: string}\n");
    std::fs::write(dir.join("spec.yaml"), spec).unwrap();
    let (ok, diags) = run(&dir, "t", "spec.yaml");
    assert!(ok, "{diags}");
}

/// `redact` names fields of data as `Schema.property`: a bare name is refused (it would
/// also hit match codes of that name), an entry that names nothing is a warning; a named
/// field's type becomes `Pii`. `x-enum-descriptions` that name no value are warnings.
#[test]
fn redact_entries_and_enum_meanings_are_checked() {
    let dir = temp_dir("redact");
    let spec = "openapi: 3.0.3\ncomponents:\n  schemas:\n    User:\n      type: object\n      properties:\n        name: {type: string}\n        check: {$ref: '#/components/schemas/Check'}\n    Check:\n      type: object\n      properties:\n        name: {type: string, enum: [match, no_match], x-enum-descriptions: {match: Same as the source., nope: Not a value.}}\n";
    std::fs::write(dir.join("spec.yaml"), spec).unwrap();
    let root = SpecRoot::new(&dir, "t").expect("spec root");
    let mut cfg = CrateConfig { package: "p".into(), specs: vec!["spec.yaml".into()], version: "0.1.0".into(), ..CrateConfig::default() };
    cfg.roots.responses = vec!["User".into()];
    cfg.redact = vec!["name".into()];
    let diags = generate(&cfg, &root, "kycgen.yaml", Layout::Standalone).expect_err("a bare name is refused");
    let diags = diags.into_diagnostics();
    let first = diags.errors().next().map(|e| e.to_string()).unwrap_or_default();
    assert!(first.contains("redact entry `name` is a bare property name: name the field of data as `Schema.name`"), "{first}");
    cfg.redact = vec!["User.name".into(), "User.nickname".into()];
    let g = generate(&cfg, &root, "kycgen.yaml", Layout::Standalone).expect("generates");
    let warnings: Vec<String> = g.warnings.iter().map(|d| d.to_string()).collect();
    assert!(warnings.iter().any(|w| w.contains("redact entry `User.nickname` names no field of a generated type")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("`nope` is not one of the enum's values")), "{warnings:?}");
    let lib = g.files.iter().find(|f| f.path == "src/lib.rs").expect("lib.rs");
    assert!(lib.contents.contains("pub name: Option<Pii<String>>"), "User.name is personal data");
    assert!(lib.contents.contains("pub name: Option<CheckName>"), "Check.name, match codes, is not");
    assert!(lib.contents.contains("/// Same as the source.\n    ///\n    /// On the wire: `match`"), "the meaning documents the variant");
}
