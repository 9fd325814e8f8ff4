//! Failed runs change nothing: bad input (exit 2) and a write that fails half way leave the
//! output directory exactly as it was, for one crate (`--out`) and for a multi-crate run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GOOD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        name: {type: string}\n";
const GOOD_V2: &str = "openapi: 3.0.3\ninfo: {title: t, version: '2'}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        name: {type: string}\n        size: {type: integer}\n";
const BAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Thing: {type: strnig}\n";

mod common;
use common::vendor;

fn scratch(name: &str) -> PathBuf {
    common::scratch("atomic", name)
}

fn xtask(args: &[&str], root: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.args(args).env("KYCGEN_PROJECT_ROOT", root);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("xtask runs")
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    kycgen_codegen::workspace::list_files(dir).into_iter().map(|p| (p.clone(), std::fs::read(dir.join(&p)).unwrap())).collect()
}

#[test]
fn single_crate_output_survives_failures() {
    let dir = scratch("single");
    std::fs::write(dir.join("spec.yaml"), GOOD).unwrap();
    let out = dir.join("out");
    let spec = dir.join("spec.yaml");
    let args = ["generate", "--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let o = xtask(&args, &dir, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = snapshot(&out);
    assert!(before.contains_key("src/lib.rs") && before.contains_key("Cargo.toml"));

    std::fs::write(&spec, BAD).unwrap();
    let o = xtask(&args, &dir, &[]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("spec.yaml:5:19: error: unknown type `strnig`"), "{stderr}");
    assert_eq!(snapshot(&out), before, "bad input left the output as it was");

    std::fs::write(&spec, GOOD_V2).unwrap();
    let o = xtask(&args, &dir, &[("KYCGEN_FAIL_WRITE_AFTER", "1")]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(snapshot(&out), before, "a write that failed half way left the output as it was");
    assert!(!dir.join(".out.kycgen-new").exists(), "staging directory cleaned up");

    let o = xtask(&args, &dir, &[]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&std::fs::read(out.join("src/lib.rs")).unwrap()).contains("pub size: Option<i64>"));
}

/// A run whose output is already on disk writes nothing (the directory is not swapped, so
/// cargo sees no change), as `cargo xtask generate` leaves fresh crates alone; a file that
/// differs or does not belong is a reason to write the crate again.
#[cfg(unix)]
#[test]
fn single_crate_output_unchanged_is_left_alone() {
    use std::os::unix::fs::MetadataExt;
    let dir = scratch("unchanged");
    std::fs::write(dir.join("spec.yaml"), GOOD).unwrap();
    let (out, spec) = (dir.join("out"), dir.join("spec.yaml"));
    let args = ["generate", "--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()];
    assert!(xtask(&args, &dir, &[]).status.success());
    let (before, inode) = (snapshot(&out), std::fs::metadata(&out).unwrap().ino());
    let o = xtask(&args, &dir, &[]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("(no file changed)"), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(std::fs::metadata(&out).unwrap().ino(), inode, "the directory was not replaced");
    std::fs::write(out.join("stray.txt"), "x").unwrap();
    std::fs::write(out.join("src/lib.rs"), "edited").unwrap();
    let o = xtask(&args, &dir, &[]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("(no file changed)"));
    assert_eq!(snapshot(&out), before, "the edit undone and the stray file gone");
}

#[test]
fn multi_crate_run_is_all_or_nothing() {
    let root = scratch("multi");
    vendor(&root, "alpha", GOOD);
    vendor(&root, "beta", GOOD);
    let o = xtask(&["generate"], &root, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let generated = root.join("generated");
    let before = snapshot(&generated);
    assert!(before.contains_key("alpha/src/lib.rs") && before.contains_key("beta/src/lib.rs"));
    let check = xtask(&["generate", "--check"], &root, &[]);
    assert_eq!(check.status.code(), Some(0));

    // alpha changes, beta breaks: nothing is written, not even alpha.
    vendor(&root, "alpha", GOOD_V2);
    vendor(&root, "beta", BAD);
    let o = xtask(&["generate"], &root, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("specs/beta/openapi.yaml:5:"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(snapshot(&generated), before);

    // Both good, but writing fails in the middle: still nothing changes.
    vendor(&root, "beta", GOOD_V2);
    let o = xtask(&["generate"], &root, &[("KYCGEN_FAIL_WRITE_AFTER", "3")]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(snapshot(&generated), before);

    // The stale check sees the change, names the files, writes nothing and exits 1.
    let check = xtask(&["generate", "--check"], &root, &[]);
    assert_eq!(check.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&check.stderr);
    assert!(msg.contains("changed: generated/alpha/src/lib.rs") && msg.contains("+    pub size: Option<i64>,"), "{msg}");
    assert_eq!(snapshot(&generated), before);

    let o = xtask(&["generate"], &root, &[]);
    assert!(o.status.success());
    assert_eq!(xtask(&["generate", "--check"], &root, &[]).status.code(), Some(0));
}
