//! Shared helpers for the workspace tests: where `../shared` is, running cargo, and JSON
//! comparison that names the first difference.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(PathBuf::from).unwrap_or_default()
}

/// `../shared` beside the checkout, if it is there. Tests that need it skip with a message
/// when it is absent (CI always has it).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = project_root().parent()?.join("shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared is not beside the checkout ({})", dir.display());
        None
    }
}

/// Runs `cargo ARGS` in `dir` (the cargo that runs the tests) and fails the test with its
/// output unless it succeeds.
pub fn cargo(args: &[&str], dir: &Path) {
    let out = Command::new(env!("CARGO")).args(args).current_dir(dir).output().expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo {} failed:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `cargo xtask generate --spec SPEC --out OUT EXTRA…` from the workspace root, as users
/// type it, OUT being a fresh scratch directory `…/NAME`, and returns OUT.
pub fn generate_standalone(spec: &str, name: &str, extra: &[&str]) -> PathBuf {
    let tmp = std::env::temp_dir().join(format!("kycgen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let out = tmp.join(name);
    let out_arg = out.to_string_lossy().into_owned();
    let mut args = vec!["xtask", "generate", "--spec", spec, "--out", &out_arg];
    args.extend(extra);
    cargo(&args, &project_root());
    out
}

/// `cargo build --quiet ARGS…` of a crate made by [`generate_standalone`], then removes it.
/// The workspace's lock file pins the same dependency versions, so nothing new is fetched;
/// a target directory under the workspace's keeps their builds between runs.
pub fn build_standalone(out: &Path, builds: &[&[&str]]) {
    std::fs::copy(project_root().join("Cargo.lock"), out.join("Cargo.lock")).expect("lock file copied");
    let target = project_root().join("target/standalone-fixtures");
    let target = target.to_string_lossy();
    for extra in builds {
        let mut args = vec!["build", "--quiet", "--target-dir", &target];
        args.extend(*extra);
        cargo(&args, out);
    }
    if let Some(tmp) = out.parent() {
        let _ = std::fs::remove_dir_all(tmp);
    }
}

/// The `json` code blocks of a vendor's API reference in `../shared/seeds`, each with the
/// heading it sits under (an endpoint path, or a webhook code such as `STATUS_UPDATED`).
pub fn seed_json_blocks(text: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(h) = line.strip_prefix("#### ") {
            let h = h.trim().replace('\\', "");
            if h.starts_with('/') || h.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                heading = h;
            }
        }
        if line.trim() == "```json" {
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            let v: Value = serde_json::from_str(&body.join("\n")).expect("seed json block parses");
            out.push((heading.clone(), v));
        }
    }
    out
}

/// Compares what a payload was with what it became after a round trip through generated
/// types. Keys present in `before` but missing in `after` are collected in `dropped` (the
/// spec does not know them); every other difference is returned as an error with its path.
/// Numbers compare by value (`1` equals `1.0`) and RFC 3339 timestamps by instant
/// (`…19.350Z` equals `…19.35Z`).
pub fn compare(before: &Value, after: &Value, path: &str, dropped: &mut Vec<String>) -> Result<(), String> {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                let p = format!("{path}.{k}");
                match b.get(k) {
                    Some(vb) => compare(va, vb, &p, dropped)?,
                    None => dropped.push(p),
                }
            }
            if let Some(k) = b.keys().find(|k| !a.contains_key(*k)) {
                return Err(format!("{path}.{k}: added by the round trip"));
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().try_for_each(|(i, (x, y))| compare(x, y, &format!("{path}[{i}]"), dropped))
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => Ok(()),
        (Value::String(a), Value::String(b)) if a == b || same_instant(a, b) => Ok(()),
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("{path}: {a} became {b}")),
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    let parse = |s: &str| s.parse::<jiff::Timestamp>().ok();
    a.contains('T') && matches!((parse(a), parse(b)), (Some(x), Some(y)) if x == y)
}
