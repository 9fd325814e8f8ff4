//! Building a conformance crate's `roundtrip-NAME` binary with cargo (one shared target
//! directory, so dependencies compile once) and running it over an examples file.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What `cargo build --bin roundtrip-NAME` did.
pub struct Build {
    pub ok: bool,
    pub seconds: f64,
    /// Compiler warnings in the crate (dependencies' lints are capped by cargo).
    pub warnings: usize,
    pub first_warning: Option<String>,
    /// The first error, or cargo's stderr when it failed without one.
    pub error: Option<String>,
    pub executable: Option<PathBuf>,
}

/// Builds the runner `bin` of the crate at `dir` in debug, into `target_dir`, with the
/// crate's `features` on (the runner reads and writes every type both ways).
pub fn cargo_build(dir: &Path, target_dir: &Path, bin: &str, features: &[&str]) -> Build {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let start = Instant::now();
    let output = Command::new(cargo)
        .args(["build", "--bin", bin, "--color", "never", "--message-format", "json", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .args(features.iter().flat_map(|f| ["--features", f]))
        .env("CARGO_TARGET_DIR", target_dir)
        .output();
    let seconds = start.elapsed().as_secs_f64();
    let mut b = Build { ok: false, seconds, warnings: 0, first_warning: None, error: None, executable: None };
    let output = match output {
        Ok(o) => o,
        Err(e) => {
            b.error = Some(format!("cannot run cargo: {e}"));
            return b;
        }
    };
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<Value>(line) else { continue };
        match msg.get("reason").and_then(Value::as_str) {
            Some("compiler-message") => {
                let level = msg.pointer("/message/level").and_then(Value::as_str).unwrap_or_default();
                let rendered = msg.pointer("/message/rendered").and_then(Value::as_str).unwrap_or_default().to_string();
                if level == "warning" {
                    b.warnings += 1;
                    b.first_warning.get_or_insert(rendered);
                } else if level == "error" {
                    b.error.get_or_insert(rendered);
                }
            }
            Some("compiler-artifact") => {
                if let Some(exe) = msg.get("executable").and_then(Value::as_str) {
                    b.executable = Some(PathBuf::from(exe));
                }
            }
            _ => {}
        }
    }
    b.ok = output.status.success();
    if !b.ok && b.error.is_none() {
        b.error = Some(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    b
}

/// Runs the built runner over `examples` (JSON lines) and returns its result lines.
pub fn run_examples(exe: &Path, examples: &Path) -> Result<Vec<Value>, String> {
    let out = Command::new(exe).arg(examples).output().map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if !out.status.success() {
        return Err(format!("{} failed: {}", exe.display(), String::from_utf8_lossy(&out.stderr).trim()));
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).map_err(|e| format!("bad result line from roundtrip: {e}: {l}")))
        .collect()
}
