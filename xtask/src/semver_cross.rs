//! `cargo xtask crosscheck-semver`: every pair of consecutive spec versions in a history
//! directory generated into two crates and compared by cargo-semver-checks, against the
//! diff's breaking call (the table in BENCHMARKS.md). Skipped, exit 0, with a message when
//! the tool or `../shared` is absent; too slow for `.ci/run`.

use crate::diff::load;
use crate::project_root;
use kycgen_cli::{Failure, Format};
use kycgen_codegen::diff::{self, Change, Severity};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The summary lines cargo-semver-checks prints when a lint fails.
const MAJOR: &str = "semver requires new major version";
const MINOR: &str = "semver requires new minor version";

/// `cargo xtask crosscheck-semver`: exit 0 when the table is produced (or skipped), 1 when
/// a crate does not generate or cargo-semver-checks cannot run on it, 2 on bad input.
#[derive(clap::Args)]
pub struct Args {
    /// A history directory of spec versions whose names sort oldest first (repeatable;
    /// default: ../shared/specs/plaid/history and ../shared/specs/onfido/history)
    #[arg(long = "history", value_name = "DIR")]
    history: Vec<PathBuf>,
    /// The cargo-semver-checks binary (default: on PATH, else target/semver-tools/bin)
    #[arg(long, value_name = "PATH")]
    tool: Option<PathBuf>,
    /// Only pairs whose `OLD__NEW` name contains this
    #[arg(long, value_name = "TEXT")]
    only: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "markdown")]
    format: Format,
}

/// One compared pair.
struct Row {
    pair: String,
    diff: Severity,
    breaking_rows: Vec<String>,
    semver: Verdict,
    /// The items cargo-semver-checks failed on that no breaking row of the diff names.
    unmatched: Vec<String>,
    /// How many items cargo-semver-checks failed on.
    items: usize,
}

/// What cargo-semver-checks said about the new crate against the old one.
enum Verdict {
    /// No lint failed.
    Pass,
    /// Only lints that need a minor version.
    Minor(Vec<String>),
    /// Some lint needs a major version (under 0.x: the next 0.y).
    Major(Vec<String>),
}

impl Verdict {
    fn breaking(&self) -> bool {
        matches!(self, Verdict::Major(_))
    }
    fn label(&self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Minor(_) => "minor",
            Verdict::Major(_) => "major",
        }
    }
    fn lints(&self) -> &[String] {
        match self {
            Verdict::Pass => &[],
            Verdict::Minor(l) | Verdict::Major(l) => l,
        }
    }
}

pub fn run(a: Args) -> Result<(), Failure> {
    let root = project_root();
    let Some(tool) = find_tool(a.tool.clone(), &root) else {
        println!("skipping: cargo-semver-checks is not installed (cargo install cargo-semver-checks --locked --root target/semver-tools)");
        return Ok(());
    };
    let dirs = if a.history.is_empty() {
        let shared = root.join("../shared/specs");
        let dirs: Vec<PathBuf> = ["plaid", "onfido"].iter().map(|v| shared.join(v).join("history")).filter(|d| d.is_dir()).collect();
        if dirs.is_empty() {
            println!("skipping: ../shared is not beside the checkout");
            return Ok(());
        }
        dirs
    } else {
        a.history.clone()
    };
    let work = root.join("target/semver-cross");
    let mut rows = Vec::new();
    for dir in &dirs {
        let vendor = dir.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "history".into());
        let versions = versions(dir)?;
        for pair in versions.windows(2) {
            let name = format!("{}__{}", stem(&pair[0]), stem(&pair[1]));
            if a.only.as_deref().is_some_and(|o| !name.contains(o)) {
                continue;
            }
            eprintln!("crosscheck-semver: {vendor} {name}");
            rows.push(compare(&tool, &work.join(&vendor), &vendor, &pair[0], &pair[1], name)?);
        }
    }
    print!("{}", render(&rows, a.format));
    Ok(())
}

/// The tool given, or `cargo-semver-checks` on PATH, or the one installed under
/// `target/semver-tools`.
fn find_tool(given: Option<PathBuf>, root: &Path) -> Option<PathBuf> {
    if let Some(t) = given {
        return Some(t);
    }
    let runs = |p: &Path| Command::new(p).args(["semver-checks", "--version"]).output().is_ok_and(|o| o.status.success());
    let on_path = PathBuf::from("cargo-semver-checks");
    if runs(&on_path) {
        return Some(on_path);
    }
    let local = root.join("target/semver-tools/bin/cargo-semver-checks");
    runs(&local).then_some(local)
}

/// Spec files of a history directory, oldest first (names sort by date and version).
fn versions(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| Failure::input(format!("{}: {e}", dir.display())))?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|n| (n.ends_with(".yml") || n.ends_with(".yaml") || n.ends_with(".json")) && !n.ends_with(".changes.yaml")))
        .collect();
    out.sort();
    Ok(out)
}

fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Generates both versions (one package name, so cargo-semver-checks compares them) and
/// runs the tool with the old crate as the baseline.
fn compare(tool: &Path, work: &Path, vendor: &str, old: &Path, new: &Path, pair: String) -> Result<Row, Failure> {
    let changes = diff::diff(&load(old)?, &load(new)?, &[]);
    let _ = std::fs::create_dir_all(work);
    let listing: String = changes.iter().map(|c| format!("{} {}\n", c.severity.as_str(), describe(c))).collect();
    let _ = std::fs::write(work.join(format!("{pair}.diff.txt")), listing);
    let worst = changes.iter().map(|c| c.severity).min().unwrap_or(Severity::None);
    let breaking_rows: Vec<String> = changes.iter().filter(|c| c.severity == Severity::Breaking).map(describe).collect();
    let (old_dir, new_dir) = (work.join(stem(old)), work.join(stem(new)));
    for (spec, out) in [(old, &old_dir), (new, &new_dir)] {
        generate(spec, out, vendor)?;
    }
    let log = work.join(format!("{pair}.semver-checks.txt"));
    let semver = semver_checks(tool, &old_dir, &new_dir, &work.join("target"), &log)?;
    let items = failed_items(&std::fs::read_to_string(&log).unwrap_or_default());
    let unmatched: Vec<String> = items.iter().filter(|i| !named_by(i, &breaking_rows)).cloned().collect();
    Ok(Row { pair, diff: worst, breaking_rows, semver, unmatched, items: items.len() })
}

/// The `Failed in:` lines of cargo-semver-checks' report, without their file locations.
fn failed_items(report: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in report.lines() {
        if line.trim() == "Failed in:" {
            inside = true;
        } else if inside && line.starts_with("  ") && !line.starts_with("   ") {
            let item = line.trim().split(", previously in file").next().unwrap_or("");
            out.push(item.split(" in /").next().unwrap_or(item).to_string());
        } else {
            inside = false;
        }
    }
    out
}

/// Whether a breaking row names one of the Rust types in `item` (`UserAddress::new takes
/// 5 parameters`, `field item of struct Foo`), as a whole word.
fn named_by(item: &str, rows: &[String]) -> bool {
    let idents = item.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
    let types: Vec<&str> = idents.filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase())).collect();
    types.iter().any(|t| rows.iter().any(|r| r.match_indices(t).any(|(i, _)| !word_char(r[..i].chars().next_back()) && !word_char(r[i + t.len()..].chars().next()))))
}

fn word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn describe(c: &Change) -> String {
    format!("{} {}: {}", c.kind.as_str(), c.path, c.rust)
}

/// `xtask generate --spec SPEC --out OUT --crate-name VENDOR`, by this very binary.
fn generate(spec: &Path, out: &Path, vendor: &str) -> Result<(), Failure> {
    let exe = std::env::current_exe().map_err(|e| Failure::check(format!("crosscheck-semver: {e}")))?;
    let o = Command::new(exe)
        .args(["generate", "--crate-name", &format!("{vendor}-history"), "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(out)
        .output()
        .map_err(|e| Failure::check(format!("crosscheck-semver: cannot run generate: {e}")))?;
    if !o.status.success() {
        return Err(Failure::check(format!("crosscheck-semver: generating {} failed:\n{}", spec.display(), String::from_utf8_lossy(&o.stderr))));
    }
    Ok(())
}

/// `cargo semver-checks --baseline-root OLD --manifest-path NEW/Cargo.toml`; both crates
/// have the same version, which the tool takes as a minor release (under 0.x, a patch of
/// the same 0.y): a `major` verdict is a breaking change.
fn semver_checks(tool: &Path, old: &Path, new: &Path, target: &Path, log: &Path) -> Result<Verdict, Failure> {
    let o = Command::new(tool)
        .args(["semver-checks", "check-release", "--color", "never", "--baseline-root"])
        .arg(old)
        .arg("--manifest-path")
        .arg(new.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|e| Failure::check(format!("crosscheck-semver: cannot run {}: {e}", tool.display())))?;
    let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    let lints: Vec<String> = text.lines().filter_map(|l| l.trim().strip_prefix("--- failure ")).map(|l| l.split(':').next().unwrap_or(l).to_string()).collect();
    // The full output, for explaining a disagreement.
    let _ = std::fs::write(log, &text);
    if text.contains(MAJOR) {
        Ok(Verdict::Major(lints))
    } else if text.contains(MINOR) {
        Ok(Verdict::Minor(lints))
    } else if o.status.success() {
        Ok(Verdict::Pass)
    } else {
        Err(Failure::check(format!("crosscheck-semver: cargo-semver-checks failed on {}:\n{text}", new.display())))
    }
}

fn render(rows: &[Row], format: Format) -> String {
    match format {
        Format::Json => {
            let list: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "pair": r.pair, "diff": r.diff.as_str(), "diff_breaking": r.breaking_rows,
                        "semver_checks": r.semver.label(), "lints": r.semver.lints(),
                        "failed_items": r.items, "items_no_breaking_row_names": r.unmatched,
                        "agree": agree(r),
                    })
                })
                .collect();
            format!("{}\n", serde_json::Value::Array(list))
        }
        Format::Markdown => markdown(rows),
    }
}

/// Breaking in one is breaking in the other (cargo-semver-checks does not tell additive
/// from no change: a pass agrees with additive, docs and none).
fn agree(r: &Row) -> bool {
    (r.diff == Severity::Breaking) == r.semver.breaking()
}

fn markdown(rows: &[Row]) -> String {
    let mut s = String::from(
        "| pair | diff | breaking rows | cargo-semver-checks | failed lints | failed items a breaking row names | agree |\n| --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for r in rows {
        let lints = if r.semver.lints().is_empty() { "–".to_string() } else { r.semver.lints().join(", ") };
        let found = format!("{} of {}", r.items - r.unmatched.len(), r.items);
        let _ = writeln!(s, "| {} | {} | {} | {} | {lints} | {found} | {} |", r.pair, r.diff.as_str(), r.breaking_rows.len(), r.semver.label(), if agree(r) { "yes" } else { "**no**" });
    }
    let n = rows.iter().filter(|r| agree(r)).count();
    let _ = writeln!(s, "\n{n} of {} pairs agree.", rows.len());
    for r in rows.iter().filter(|r| !agree(r)) {
        let _ = writeln!(s, "\n{}: the diff's breaking rows:", r.pair);
        for b in &r.breaking_rows {
            let _ = writeln!(s, "- {b}");
        }
    }
    for r in rows.iter().filter(|r| !r.unmatched.is_empty()) {
        let _ = writeln!(s, "\n{}: failed items no breaking row names:", r.pair);
        for i in &r.unmatched {
            let _ = writeln!(s, "- {i}");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "\n--- failure method_parameter_count_changed: pub method parameter count changed ---\n\nFailed in:\n  plaid_history::UserAddress::new takes 5 parameters in /x/old/src/lib.rs:39853, but now takes 3 parameters in /x/new/src/lib.rs:40205\n\n--- failure struct_pub_field_missing: pub struct's pub field removed or renamed ---\n\nFailed in:\n  field item of struct AddressData, previously in file /x/old/src/lib.rs:1\n    Building plaid-history v0.1.0 (current)\n";

    #[test]
    fn failed_items_are_matched_to_breaking_rows_by_type_name() {
        let items = failed_items(REPORT);
        assert_eq!(items, ["plaid_history::UserAddress::new takes 5 parameters", "field item of struct AddressData"]);
        let rows = ["required_changed UserAddress.region: `UserAddress::new()` loses the parameter".to_string(), "ref_changed X.a: `AddressDataNullable`".to_string()];
        assert!(named_by(&items[0], &rows));
        assert!(!named_by(&items[1], &rows), "AddressDataNullable is not AddressData");
    }
}
