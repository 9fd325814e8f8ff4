//! The `kycgen` binary as a user runs it: every subcommand answers `--help`, usage and input
//! errors exit 2, and a spec generates a standalone crate. The install-and-build round trip
//! (`cargo install --path kycgen-cli`, then `cargo build` of a generated crate in a fresh
//! directory) takes minutes, so it is `#[ignore]`d: `cargo test -p kycgen-cli -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kycgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kycgen")).args(args).output().expect("kycgen runs")
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kycgen-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The build.rs test crate's spec: small, with an operation and an enum.
fn small_spec() -> PathBuf {
    project_root().join("tests/buildrs-consumer/spec/openapi.yaml")
}

#[test]
fn every_subcommand_answers_help() {
    let cases: [(&str, &[&str]); 4] = [
        ("generate", &["--spec <PATH>", "--out <DIR>", "--crate-name <N>", "--root <SCHEMA>", "--config <FILE>", "--check", "--deny-warnings"]),
        ("diff", &["<OLD>", "<NEW>", "--root <SCHEMA>", "--format <FORMAT>", "--fail-on-breaking"]),
        ("conformance", &["--spec <PATH>", "--examples <DIR>", "--corpus <DIR>"]),
        ("crosscheck", &["--markdown <FILE>", "--openapi <SPEC>", "--object <NAME>"]),
    ];
    for (command, options) in cases {
        let o = kycgen(&[command, "--help"]);
        let help = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{command} --help");
        assert!(help.contains(&format!("Usage: kycgen {command}")), "{help}");
        options.iter().for_each(|opt| assert!(help.contains(opt), "{command} --help lacks {opt}:\n{help}"));
    }
}

#[test]
fn bad_usage_and_bad_input_exit_2() {
    for args in [&["generate", "--spec", "x.yaml"][..], &["generate", "--out", "d"], &["diff", "a"], &["bench"]] {
        let o = kycgen(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: "), "{args:?}: clap's error");
    }
    for args in [&["conformance"][..], &["crosscheck"], &["generate"]] {
        assert_eq!(kycgen(args).status.code(), Some(2), "{args:?}");
    }
    let dir = scratch("bad");
    std::fs::write(dir.join("bad.yaml"), "openapi: 3.0.3\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {$ref: '#/components/schemas/Nope'}\n").unwrap();
    let out = dir.join("out");
    let o = kycgen(&["generate", "--spec", &dir.join("bad.yaml").to_string_lossy(), "--out", &out.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bad.yaml:7:") && stderr.contains(": error: "), "located: {stderr}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn generates_a_standalone_crate_with_a_config() {
    let dir = scratch("gen");
    let out = dir.join("vendor");
    let config = project_root().join("tests/buildrs-consumer/spec/kycgen.yaml");
    let o = kycgen(&["generate", "--config", &config.to_string_lossy(), "--out", &out.to_string_lossy(), "--crate-name", "acme-kyc"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"acme-kyc\"") && manifest.contains("[workspace]"), "{manifest}");
    let ops = std::fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(ops.contains("pub struct CreateApplicant"), "the config's operation and its rename");
    let o = kycgen(&["generate", "--config", &config.to_string_lossy(), "--out", &out.to_string_lossy(), "--crate-name", "acme-kyc", "--check"]);
    assert_eq!(o.status.code(), Some(0), "fresh output passes --check");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[ignore = "cargo install and a crate build: minutes; run with --ignored"]
fn installed_kycgen_generates_a_crate_that_builds_in_a_fresh_directory() {
    let dir = scratch("install");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = project_root().join("target/install-test");
    let status = Command::new(&cargo)
        .args(["install", "--quiet", "--path"])
        .arg(project_root().join("kycgen-cli"))
        .arg("--root")
        .arg(dir.join("root"))
        .arg("--target-dir")
        .arg(&target)
        .status()
        .unwrap();
    assert!(status.success(), "cargo install --path kycgen-cli");
    let out = dir.join("fresh/small-vendor");
    let o = Command::new(dir.join("root/bin/kycgen")).args(["generate", "--spec"]).arg(small_spec()).arg("--out").arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let build = Command::new(&cargo).arg("build").current_dir(&out).env("CARGO_TARGET_DIR", dir.join("target")).status().unwrap();
    assert!(build.success(), "the generated crate builds on its own");
    let _ = std::fs::remove_dir_all(&dir);
}
