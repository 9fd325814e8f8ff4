//! `cargo xtask generate --deny-warnings`: warnings are printed as located errors, the run
//! exits 2 and writes nothing, for one spec (`--spec … --out …`), for every vendor, and
//! with `--check`. Without the flag the same warnings are printed and the run succeeds.

use std::path::Path;
use std::process::{Command, Output};

/// `required` names a property that is not defined: a warning, at line 9.
const WARNS: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        name: {type: string}\n      required: [name, ghost]\n";
const CLEAN: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        name: {type: string}\n";
const MESSAGE: &str = "required property `ghost` is not defined in `properties`";

mod common;

fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch("deny", name)
}

fn xtask(args: &[&str], root: &Path) -> (Option<i32>, String) {
    let o: Output = Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).env("KYCGEN_PROJECT_ROOT", root).output().expect("xtask runs");
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn one_spec() {
    let dir = scratch("one");
    let spec = dir.join("spec.yaml");
    std::fs::write(&spec, WARNS).unwrap();
    let out = dir.join("out");
    let (spec, out_arg) = (spec.to_str().unwrap(), out.to_str().unwrap());

    let (code, stderr) = xtask(&["generate", "--spec", spec, "--out", out_arg, "--deny-warnings"], &dir);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains(&format!("spec.yaml:9:24: error: {MESSAGE}")), "{stderr}");
    assert!(stderr.contains("1 warnings denied (--deny-warnings); nothing was written"), "{stderr}");
    assert!(!out.exists(), "nothing written");

    let (code, stderr) = xtask(&["generate", "--spec", spec, "--out", out_arg], &dir);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains(&format!("spec.yaml:9:24: warning: {MESSAGE}")), "{stderr}");
    assert!(out.join("src/lib.rs").is_file());
    // The output is up to date, but its spec still warns: `--check` fails with exit 2 too.
    let (code, _) = xtask(&["generate", "--spec", spec, "--out", out_arg, "--check"], &dir);
    assert_eq!(code, Some(0));
    let (code, stderr) = xtask(&["generate", "--spec", spec, "--out", out_arg, "--check", "--deny-warnings"], &dir);
    assert_eq!(code, Some(2), "{stderr}");

    std::fs::write(dir.join("spec.yaml"), CLEAN).unwrap();
    let (code, stderr) = xtask(&["generate", "--spec", spec, "--out", out_arg, "--deny-warnings"], &dir);
    assert_eq!(code, Some(0), "a spec without warnings passes: {stderr}");
}

#[test]
fn every_vendor_and_check() {
    let root = scratch("all");
    common::vendor(&root, "alpha", CLEAN);
    common::vendor(&root, "beta", WARNS);
    let (code, stderr) = xtask(&["generate", "--deny-warnings"], &root);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains(&format!("specs/beta/openapi.yaml:9:24: error: {MESSAGE}")), "{stderr}");
    assert!(!root.join("generated").exists(), "nothing written, not even the clean crate");

    let (code, stderr) = xtask(&["generate"], &root);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains(&format!("specs/beta/openapi.yaml:9:24: warning: {MESSAGE}")), "{stderr}");
    let (code, _) = xtask(&["generate", "--check"], &root);
    assert_eq!(code, Some(0));
    let (code, stderr) = xtask(&["generate", "--check", "--deny-warnings"], &root);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains(&format!("specs/beta/openapi.yaml:9:24: error: {MESSAGE}")), "{stderr}");
}
