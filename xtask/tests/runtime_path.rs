//! `cargo xtask generate --spec … --out …` names the runtime crate of this checkout by
//! absolute path, or `KYCGEN_RUNTIME` written as given when it is set (the library itself
//! reads no environment: xtask passes the override in the config).

use std::process::Command;

#[allow(dead_code)] // the shared helpers this test does not use
mod common;

const SPEC: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        name: {type: string}\n";

/// The `kycgen-runtime` line of the manifest generated with `KYCGEN_RUNTIME` set to `env`.
fn runtime_line(name: &str, env: Option<&str>) -> String {
    let dir = common::scratch("runtime", name);
    let spec = dir.join("spec.yaml");
    std::fs::write(&spec, SPEC).unwrap();
    let out = dir.join("out");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.args(["generate", "--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()]).env("KYCGEN_PROJECT_ROOT", &dir);
    match env {
        Some(v) => cmd.env("KYCGEN_RUNTIME", v),
        None => cmd.env_remove("KYCGEN_RUNTIME"),
    };
    let o = cmd.output().expect("xtask runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    manifest.lines().find(|l| l.starts_with("kycgen-runtime = ")).expect("a runtime dependency").to_owned()
}

#[test]
fn kycgen_runtime_overrides_the_checkout_path() {
    assert!(runtime_line("override", Some("../rt")).starts_with("kycgen-runtime = { path = \"../rt\""));
    let checkout = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().join("runtime");
    let default = runtime_line("default", None);
    assert!(default.starts_with(&format!("kycgen-runtime = {{ path = {:?}", checkout.display().to_string())), "{default}");
    assert_eq!(runtime_line("empty", Some("")), default, "an empty KYCGEN_RUNTIME is no override");
}
