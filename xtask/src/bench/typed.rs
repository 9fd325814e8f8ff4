//! The commands as a user types them: the whole `cargo xtask …` invocation (cargo's start,
//! its freshness check of the xtask binary, the run), warm, and the first run in a fresh
//! clone, where cargo builds xtask and its dependencies first.

use super::{cargo, ms, peers, secs};
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

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// One timed thing of the interleaved rounds: a typed command or a peer.
struct Entry {
    shown: String,
    run: Box<dyn Fn() -> Result<Duration, String>>,
    times: Vec<Duration>,
}

impl Entry {
    fn median(&self) -> Duration {
        let mut v = self.times.clone();
        v.sort();
        v[v.len() / 2]
    }
}

/// The table of the typed commands (full Plaid `generate --spec`, `generate --check` and
/// `generate` on the embedded specs, warm) beside the peers, measured interleaved: each
/// round runs every command once, so that load from elsewhere on the machine falls on all
/// of them alike; medians of [`super::RUNS`] rounds after one warm-up round.
pub fn table(root: &Path, plaid: &Path) -> Result<String, Failure> {
    let out_dir = root.join("target/bench/typed-plaid");
    let mut spec = os(&["xtask", "generate", "--spec"]);
    spec.extend([plaid.as_os_str().to_owned(), "--out".into(), out_dir.clone().into_os_string()]);
    // The spec's output directory is removed before each run (untimed), so that every run
    // writes the whole crate: a directory already holding it would be left alone.
    let commands = [
        ("cargo xtask generate --spec ../shared/specs/plaid/2020-09-14.yml --out DIR", spec, Some(out_dir.clone())),
        ("cargo xtask generate --check", os(&["xtask", "generate", "--check"]), None),
        ("cargo xtask generate", os(&["xtask", "generate"]), None),
    ];
    let mut entries: Vec<Entry> = commands
        .into_iter()
        .map(|(shown, args, fresh)| {
            let dir = root.to_path_buf();
            let run = move || {
                if let Some(out) = &fresh {
                    let _ = std::fs::remove_dir_all(out);
                }
                typed(&dir, &args)
            };
            Entry { shown: format!("`{shown}`"), run: Box::new(run), times: Vec::new() }
        })
        .collect();
    let doc = super::parse_whole(plaid)?;
    let (peers, skipped) = peers::available(root, plaid, &doc);
    drop(doc);
    for p in peers {
        entries.push(Entry { shown: p.name.clone(), run: Box::new(move || p.time()), times: Vec::new() });
    }
    for round in 0..=super::RUNS {
        for e in &mut entries {
            let t = (e.run)().map_err(|err| Failure::check(format!("{} failed: {err}", e.shown)))?;
            if round > 0 {
                e.times.push(t);
            }
        }
    }
    let medians: Vec<Duration> = entries.iter().map(Entry::median).collect();
    let peer = |prefix: &str| entries.iter().zip(&medians).find(|(e, _)| e.shown.starts_with(prefix)).map(|(_, m)| *m);
    let (quicktype, libyaml) = (peer("quicktype"), peer("libyaml"));
    let mut s = String::from("| command (warm) | median | quicktype ÷ this | this ÷ libyaml load | targets | met |\n|---|---|---|---|---|---|\n");
    for (i, (e, m)) in entries.iter().zip(&medians).enumerate() {
        let speedup = quicktype.map_or("-".into(), |q| format!("{:.1}×", q.as_secs_f64() / m.as_secs_f64()));
        let of_load = libyaml.map_or("-".into(), |l| format!("{:.2}×", m.as_secs_f64() / l.as_secs_f64()));
        let (targets, met) = targets(i, *m, quicktype, libyaml);
        s.push_str(&format!("| {} | {} | {speedup} | {of_load} | {targets} | {met} |\n", e.shown, ms(*m)));
    }
    for why in skipped {
        s.push_str(&format!("\n{why}"));
    }
    s.push('\n');
    Ok(s)
}

/// The targets of row `i` (issue 15's absolute ones, issue 19's ratios) and whether `t`
/// meets those that could be measured.
fn targets(i: usize, t: Duration, quicktype: Option<Duration>, libyaml: Option<Duration>) -> (String, &'static str) {
    let (abs_ms, min_speedup, max_of_load) = match i {
        0 => (SPEC_TARGET_MS, Some(20.0), Some(0.25)),
        1 => (CHECK_TARGET_MS, None, Some(0.20)),
        _ => return ("-".into(), "-"),
    };
    let mut shown = vec![format!("≤ {abs_ms} ms")];
    let mut met = t.as_millis() <= abs_ms;
    if let (Some(min), Some(q)) = (min_speedup, quicktype) {
        shown.push(format!("≥ {min:.0}× quicktype"));
        met &= q.as_secs_f64() / t.as_secs_f64() >= min;
    }
    if let (Some(max), Some(l)) = (max_of_load, libyaml) {
        shown.push(format!("≤ {max:.2}× libyaml"));
        met &= t.as_secs_f64() / l.as_secs_f64() <= max;
    }
    (shown.join(", "), if met { "yes" } else { "no" })
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
