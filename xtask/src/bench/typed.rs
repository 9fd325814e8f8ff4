//! The commands as a user types them: the whole `cargo xtask …` invocation (cargo's start,
//! its freshness check of the xtask binary, the run), warm, and the first run in a fresh
//! clone, where cargo builds xtask and its dependencies first.

use super::{cargo, median, ms, secs};
use kycgen_cli::Failure;
use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Targets of issue 15 for the typed commands, in milliseconds.
const SPEC_TARGET_MS: u128 = 300;
const CHECK_TARGET_MS: u128 = 200;

/// Runs `cargo ARGS` in `dir` once; its wall time, or the failure with cargo's stderr.
fn typed(dir: &Path, args: &[OsString]) -> Result<Duration, String> {
    let t = Instant::now();
    let o = Command::new(cargo()).args(args).current_dir(dir).env_remove("CARGO_TARGET_DIR").env_remove("KYCGEN_PROJECT_ROOT").output();
    let elapsed = t.elapsed();
    match o {
        Ok(o) if o.status.success() => Ok(elapsed),
        Ok(o) => Err(String::from_utf8_lossy(&o.stderr).into_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Median of warm runs (one run first builds the binary if needed and warms the caches).
fn warm_median(dir: &Path, args: &[OsString]) -> Result<Duration, Failure> {
    let shown = args.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ");
    let fail = |e: String| Failure::check(format!("`cargo {shown}` failed: {e}"));
    typed(dir, args).map_err(fail)?;
    let mut failed = None;
    let t = median(|| typed(dir, args).unwrap_or_else(|e| {
        failed = Some(e);
        Duration::ZERO
    }));
    failed.map_or(Ok(t), |e| Err(fail(e)))
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// The table of the typed commands: full Plaid `generate --spec`, `generate --check` and
/// `generate` on the embedded specs, warm.
pub fn table(root: &Path, plaid: &Path) -> Result<String, Failure> {
    let out_dir = root.join("target/bench/typed-plaid");
    let mut spec = os(&["xtask", "generate", "--spec"]);
    spec.extend([plaid.as_os_str().to_owned(), "--out".into(), out_dir.into_os_string()]);
    let rows: [(&str, Vec<OsString>, Option<u128>); 3] = [
        ("cargo xtask generate --spec ../shared/specs/plaid/2020-09-14.yml --out DIR", spec, Some(SPEC_TARGET_MS)),
        ("cargo xtask generate --check", os(&["xtask", "generate", "--check"]), Some(CHECK_TARGET_MS)),
        ("cargo xtask generate", os(&["xtask", "generate"]), None),
    ];
    let mut s = String::from("| command as typed (warm) | median | target | met |\n|---|---|---|---|\n");
    for (shown, args, target) in rows {
        let t = warm_median(root, &args)?;
        let (target, met) = match target {
            Some(ms_max) => (format!("≤ {ms_max} ms"), if t.as_millis() <= ms_max { "yes" } else { "no" }),
            None => ("-".into(), "-"),
        };
        s.push_str(&format!("| `{shown}` | {} | {target} | {met} |\n", ms(t)));
    }
    Ok(s)
}

/// The first `cargo xtask generate --check` in a fresh clone of the committed project
/// (`git clone` into `target/bench/fresh-clone`, its own empty target directory): cargo
/// builds xtask and its dependencies, then runs it. Crates are already downloaded.
pub fn first_run(root: &Path) -> Result<String, Failure> {
    let clone = root.join("target/bench/fresh-clone");
    let _ = std::fs::remove_dir_all(&clone);
    let status = Command::new("git").args(["clone", "--quiet", "--no-hardlinks"]).arg(root).arg(&clone).status();
    if !status.is_ok_and(|s| s.success()) {
        return Err(Failure::check(format!("git clone {} failed", root.display())));
    }
    let t = typed(&clone, &os(&["xtask", "generate", "--check"])).map_err(|e| Failure::check(format!("first run in the fresh clone failed: {e}")))?;
    let warm = typed(&clone, &os(&["xtask", "generate", "--check"])).map_err(Failure::check)?;
    let _ = std::fs::remove_dir_all(&clone);
    Ok(format!(
        "- fresh clone, first `cargo xtask generate --check` (builds xtask and its dependencies, then runs): {}\n- the same command right after, in that clone: {}\n",
        secs(t),
        ms(warm)
    ))
}
