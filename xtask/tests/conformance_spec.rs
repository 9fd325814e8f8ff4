//! `cargo xtask conformance --spec PATH [--examples DIR]` on fixtures of our own: every
//! example the spec carries (component, media-type and parameter examples, 3.0 and 3.1)
//! plus the files of the examples directory are round-tripped and counted, and an example
//! the generated type cannot round-trip fails the run (exit 1). The crates build under
//! `target/conformance/` of this checkout, beside the built-in corpus runs.

use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/conformance");

fn conformance(args: &[&str]) -> (Output, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_xtask")).arg("conformance").args(args).output().expect("xtask runs");
    let (out, err) = (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned());
    (o, out, err)
}

#[test]
fn openapi_30_examples_and_an_examples_dir_round_trip() {
    let spec = format!("{FIXTURES}/api30.yaml");
    let (o, out, err) = conformance(&["--spec", &spec, "--examples", &format!("{FIXTURES}/examples")]);
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    // 2 component examples, 6 media-type ones (one an array of 2 items, one from
    // components/examples, one of a component response), 3 parameter ones (path item,
    // operation, component), and 3 files (one named by the Rust type `PostalAddress`).
    assert!(err.contains("14 examples (2 component, 6 media type, 3 parameter, 3 other)"), "{err}");
    assert!(out.contains("14/14 examples round-trip; 0 contradict their own schema"), "{out}");
    assert!(out.contains("| api30 | 5 | 5 |") && out.contains("| 14 | 14 | 0 | 0 | 0 | 0 |"), "{out}");
}

#[test]
fn openapi_31_examples_round_trip_and_external_values_are_reported() {
    let (o, out, err) = conformance(&["--spec", &format!("{FIXTURES}/api31.yaml")]);
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    assert!(err.contains("8 examples (2 component, 4 media type, 2 parameter, 0 other)"), "{err}");
    assert!(out.contains("8/8 examples round-trip"), "{out}");
    assert!(out.contains("| 8 | 8 | 0 | 0 | 0 | 1 |"), "one skipped: {out}");
    assert!(out.contains("examples/elsewhere: externalValue \"https://example.com/document.json\" is not fetched"), "{out}");
}

#[test]
fn an_example_the_generated_type_cannot_round_trip_fails() {
    let (o, out, err) = conformance(&["--spec", &format!("{FIXTURES}/bad.yaml")]);
    assert_eq!(o.status.code(), Some(1), "{out}\n{err}");
    assert!(out.contains("1/2 examples round-trip"), "{out}");
    assert!(
        out.contains("first failure (kycgen): bad.yaml#/components/schemas/Counter/example: $: does not deserialize"),
        "{out}"
    );
    assert!(err.contains("bad: 1 examples fail for a kycgen reason"), "{err}");
}

#[test]
fn bad_input_exits_2() {
    let (o, _, err) = conformance(&["--spec", &format!("{FIXTURES}/missing.yaml")]);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("missing.yaml: error: cannot read file"), "{err}");
    let dir = std::env::temp_dir().join(format!("kycgen-conformance-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Person.json"), "{\"id\": \n").unwrap();
    let (o, _, err) = conformance(&["--spec", &format!("{FIXTURES}/api30.yaml"), "--examples", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("Person.json:2:1: error: not JSON"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
