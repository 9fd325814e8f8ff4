//! `cargo xtask update-specs [--vendor V] [--upstream FILE] [--report PATH]`: download each
//! vendor's pinned spec (`source.url`, with `curl`; or read `--upstream`), check it reads
//! with no errors, print the drift report, then write it into place, re-pin `sha256` and
//! `version`, bump the crate's version by the drift's worst change and add a CHANGELOG
//! entry. A hand-maintained subset (`source.subset: true`) is regenerated from the new
//! upstream by its roots and operations, keeping our descriptions. Everything is fetched
//! and checked before anything is written: a failure changes nothing (exit 2).

mod release;
mod subset;
mod yaml;

use crate::project_root;
use kycgen_cli::diff::{label, load, render};
use kycgen_cli::{Failure, Format};
use kycgen_codegen::config::{self, CrateConfig, PinnedSource, CONFIG_FILE};
use kycgen_codegen::diff::{self, Change, ChangeKind, Severity};
use kycgen_codegen::ir::Spec;
use kycgen_codegen::pin;
use kycgen_codegen::source::{parse_document, SourceFile, SpecRoot};
use std::path::{Path, PathBuf};
use std::process::Command;

use release::CHANGELOG_FILE;

/// The report kept beside a subset spec: the upstream drift its last update took in.
pub const UPSTREAM_FILE: &str = "UPSTREAM.md";

/// What one vendor's update will write.
struct Update {
    dir: PathBuf,
    /// (file, new contents)
    writes: Vec<(PathBuf, String)>,
    report: String,
}

/// `cargo xtask update-specs`: exit 0 when every vendor was updated (or was current), 2
/// when a download or check failed (then nothing is written).
#[derive(clap::Args)]
pub struct Args {
    /// Only this vendor (its directory name under specs/)
    #[arg(long, value_name = "V")]
    vendor: Option<String>,
    /// Read the new upstream spec from this local file instead of downloading
    /// `source.url` (with --vendor)
    #[arg(long, value_name = "FILE", requires = "vendor")]
    upstream: Option<PathBuf>,
    /// Also write the drift report to this file
    #[arg(long = "report", value_name = "PATH")]
    report_path: Option<String>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let Args { vendor, upstream, report_path } = args;
    let specs = project_root().join("specs");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&specs)
        .map_err(|e| Failure::input(format!("{}: {e}", specs.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(CONFIG_FILE).is_file())
        .filter(|p| vendor.as_deref().is_none_or(|v| p.file_name().is_some_and(|n| n == v)))
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(Failure::input(format!("update-specs: no vendor config{} under specs/", vendor.map(|v| format!(" for `{v}`")).unwrap_or_default())));
    }
    let mut updates = Vec::new();
    let mut errors = String::new();
    for dir in dirs {
        match prepare(&dir, upstream.as_deref()) {
            Ok(Some(u)) => updates.push(u),
            Ok(None) => {}
            Err(f) => errors.push_str(&f.message),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::input(format!("{errors}update-specs: nothing was written\n")));
    }
    let mut report = String::new();
    for u in &updates {
        report.push_str(&u.report);
        report.push('\n');
        for (path, text) in &u.writes {
            if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
                std::fs::write(path, text).map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            }
        }
        eprintln!("updated {}", u.dir.display());
    }
    print!("{report}");
    if let Some(p) = report_path {
        std::fs::write(&p, &report).map_err(|e| Failure::input(format!("{p}: {e}")))?;
    }
    Ok(())
}

/// Fetches (or reads `--upstream`) and checks one vendor's spec and works out every file the
/// update writes; `None` when its config pins no source.
fn prepare(dir: &Path, local: Option<&Path>) -> Result<Option<Update>, Failure> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let display = format!("specs/{name}");
    let root = SpecRoot::new(dir, &display).map_err(|d| Failure::input(format!("{d}\n")))?;
    let cfg_file = root.read(CONFIG_FILE).map_err(|d| Failure::input(format!("{d}\n")))?;
    let cfg = config::parse(&cfg_file).map_err(|d| Failure::input(format!("{d}\n")))?;
    let Some(source) = cfg.source.clone() else { return Ok(None) };
    let cfg_display = format!("{display}/{CONFIG_FILE}");
    let Some(rel) = pin::pinned_file(&cfg).map(str::to_string) else { return Ok(None) };
    let (text, upstream, from) = upstream_spec(local, &source, &name, &rel, &cfg, &cfg_display)?;
    let current = load(&dir.join(&rel))?;
    let old_label = format!("{display}/{rel}");
    let (text, new_spec) = if source.subset { regenerate_subset(dir, &rel, &cfg, &text, &cfg_display)? } else { (text, upstream) };
    let mut changes = diff::diff_with(&current, &new_spec, &[], &cfg);
    let mut writes = Vec::new();
    if source.subset {
        // Our descriptions differ from upstream's by design: only structure is drift.
        let structural: Vec<Change> = changes.iter().filter(|c| c.kind != ChangeKind::DocsChanged).cloned().collect();
        let report = render(&structural, Format::Markdown, &old_label, &label(&from, &new_spec));
        let body = format!("<!-- written by cargo xtask update-specs: {rel} regenerated from {from}, our descriptions kept -->\n{report}");
        writes.push((dir.join(UPSTREAM_FILE), body));
        changes = structural;
    }
    let report = render(&changes, Format::Markdown, &label(&old_label, &current), &label(&from, &new_spec));
    let mut cfg_text = cfg_file.text.clone();
    cfg_text = set_source_key(&cfg_text, "sha256", &kycgen_codegen::sha256_hex(&text))
        .ok_or_else(|| Failure::input(format!("{cfg_display}: error: cannot update `source.sha256`: write `source:` as a block mapping\n")))?;
    if let Some(v) = &new_spec.version {
        cfg_text = set_source_key(&cfg_text, "version", &yaml_scalar(v))
            .ok_or_else(|| Failure::input(format!("{cfg_display}: error: cannot update `source.version`\n")))?;
    }
    if let Some(version) = release::next_version(&cfg.version, release::worst(&changes)) {
        cfg_text = release::set_version(&cfg_text, &version).ok_or_else(|| Failure::input(format!("{cfg_display}: error: cannot set `version`: no `crate:` line\n")))?;
        let old_changelog = std::fs::read_to_string(dir.join(CHANGELOG_FILE)).ok();
        let spec_version = |s: &Spec, fallback: &str| s.version.clone().unwrap_or_else(|| fallback.to_string());
        let entry = release::add_entry(old_changelog.as_deref(), &version, &spec_version(&current, &old_label), &spec_version(&new_spec, &from), &changes);
        writes.push((dir.join(CHANGELOG_FILE), entry));
        eprintln!("{display}: {} {} → {version}", cfg.package, cfg.version);
    }
    writes.push((dir.join(&rel), text));
    writes.push((dir.join(CONFIG_FILE), cfg_text));
    let breaking = changes.iter().filter(|c| c.severity == Severity::Breaking).count();
    eprintln!("{display}: {} changes, {breaking} breaking", changes.len());
    Ok(Some(Update { dir: dir.to_path_buf(), writes, report }))
}

/// The new spec's text, as read and checked, and where it came from: the `--upstream` file
/// when given, else a download of `source.url` (an http(s) URL only) into a scratch
/// directory removed afterwards.
fn upstream_spec(local: Option<&Path>, source: &PinnedSource, name: &str, rel: &str, cfg: &CrateConfig, cfg_display: &str) -> Result<(String, Spec, String), Failure> {
    Ok(match local {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Failure::input(format!("{}: {e}\n", path.display())))?;
            let what = path.display().to_string();
            (text, check(path, &what, cfg, cfg_display)?, what)
        }
        None => {
            if !(source.url.starts_with("https://") || source.url.starts_with("http://")) {
                return Err(Failure::input(format!("{cfg_display}: error: `source.url` must be an http(s) url, found `{}`\n", source.url)));
            }
            let tmp = scratch_dir(name)?;
            let result = fetch_and_check(&source.url, &tmp, rel, cfg, cfg_display);
            let _ = std::fs::remove_dir_all(&tmp);
            let (text, spec) = result?;
            (text, spec, source.url.clone())
        }
    })
}

/// The subset spec regenerated from upstream's `text`, checked like a download: its
/// YAML reads back to the same tree, and it reads as a spec with the config's roots.
fn regenerate_subset(dir: &Path, rel: &str, cfg: &CrateConfig, upstream_text: &str, cfg_display: &str) -> Result<(String, Spec), Failure> {
    let bad = |m: String| Failure::input(format!("{cfg_display}: error: cannot regenerate the subset {rel}: {m}\n"));
    let parse = |text: &str, display: &str| {
        let file = SourceFile { display: display.to_string(), rel: rel.to_string(), text: text.to_string() };
        parse_document(&file).map_err(|d| Failure::input(format!("{d}\n")))
    };
    let ours_text = std::fs::read_to_string(dir.join(rel)).map_err(|e| bad(e.to_string()))?;
    let ours = parse(&ours_text, rel)?;
    let upstream = parse(upstream_text, "upstream")?;
    let roots: Vec<String> = cfg.roots.requests.iter().chain(&cfg.roots.responses).cloned().collect();
    let ops: Vec<String> = cfg.operations.iter().flat_map(|o| o.pairs()).map(|(id, _)| id).collect();
    let tree = subset::regenerate(&ours, &upstream, &roots, &ops).map_err(bad)?;
    let (old_v, new_v) = (ours.pointer("/info/version").and_then(|v| v.as_str()), upstream.pointer("/info/version").and_then(|v| v.as_str()));
    // Our leading comment lines stay, naming the new upstream version.
    let header: String = ours_text.lines().take_while(|l| l.starts_with('#')).map(|l| format!("{}\n", match (old_v, new_v) {
        (Some(o), Some(n)) => l.replace(o, n),
        _ => l.to_string(),
    })).collect();
    let text = format!("{header}{}", yaml::to_yaml(&tree));
    if parse(&text, rel)? != tree {
        return Err(bad("the written YAML does not read back as the same tree".into()));
    }
    let tmp = scratch_dir("subset")?;
    let path = tmp.join(Path::new(rel).file_name().unwrap_or_default());
    let checked = std::fs::write(&path, &text).map_err(|e| bad(e.to_string())).and_then(|()| check(&path, &format!("the regenerated {rel}"), cfg, cfg_display));
    let _ = std::fs::remove_dir_all(&tmp);
    Ok((text, checked?))
}

fn scratch_dir(name: &str) -> Result<PathBuf, Failure> {
    let tmp = std::env::temp_dir().join(format!("kycgen-update-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| Failure::input(format!("{}: {e}\n", tmp.display())))?;
    Ok(tmp)
}

/// Downloads `url` into `tmp/<rel's file name>` and reads it as a spec: no errors, and every
/// root of the config present.
fn fetch_and_check(url: &str, tmp: &Path, rel: &str, cfg: &CrateConfig, cfg_display: &str) -> Result<(String, Spec), Failure> {
    let file_name = Path::new(rel).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "spec.yaml".into());
    let target = tmp.join(&file_name);
    let out = Command::new("curl")
        .args(["--fail", "--silent", "--show-error", "--location", "--proto", "=http,https", "--max-time", "300", "--output"])
        .arg(&target)
        .arg(url)
        .output()
        .map_err(|e| Failure::input(format!("{cfg_display}: error: cannot run curl: {e}\n")))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(Failure::input(format!("{cfg_display}: error: download of {url} failed: {why}\n")));
    }
    let text = std::fs::read_to_string(&target).map_err(|e| Failure::input(format!("{cfg_display}: error: download of {url} is not utf-8 text: {e}\n")))?;
    Ok((text, check(&target, &format!("download of {url}"), cfg, cfg_display)?))
}

/// Reads `path` as a spec: no errors, and every root of the config present. `what` names
/// it in the error.
fn check(path: &Path, what: &str, cfg: &CrateConfig, cfg_display: &str) -> Result<Spec, Failure> {
    let spec = load(path).map_err(|f| Failure::input(format!("{cfg_display}: error: {what} does not read as a spec:\n{}", f.message)))?;
    let missing: Vec<&String> = cfg.roots.requests.iter().chain(&cfg.roots.responses).filter(|r| !spec.schemas.contains_key(*r)).collect();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|r| format!("`{r}`")).collect();
        return Err(Failure::input(format!("{cfg_display}: error: {what} lacks root schemas {}\n", list.join(", "))));
    }
    Ok(spec)
}

/// A YAML scalar for a string: plain when it cannot be read as anything else, else quoted.
fn yaml_scalar(v: &str) -> String {
    let special = v.is_empty()
        || v.parse::<f64>().is_ok()
        || ["true", "false", "null", "~", "yes", "no", "on", "off"].contains(&v.to_ascii_lowercase().as_str())
        || v.contains(": ")
        || v.contains(" #")
        || v.ends_with(':')
        || v.starts_with(|c: char| c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(c))
        || v.ends_with(char::is_whitespace);
    if special {
        format!("'{}'", v.replace('\'', "''"))
    } else {
        v.to_string()
    }
}

/// Sets `key: value` inside the config's `source:` block, keeping every other line (and
/// comment) as it is; inserts the key after the block's last entry when it is absent.
pub fn set_source_key(text: &str, key: &str, value: &str) -> Option<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if let Some((line, col)) = pin::key_position(text, key) {
        let indent = " ".repeat(col - 1);
        let old = &lines[line - 1];
        let comment = old.find(" #").map(|i| old[i..].to_string()).unwrap_or_default();
        lines[line - 1] = format!("{indent}{key}: {value}{comment}");
    } else {
        let (url_line, col) = pin::key_position(text, "url")?;
        let mut at = url_line;
        while at < lines.len() && lines[at].starts_with(' ') && !lines[at].trim().is_empty() {
            at += 1;
        }
        lines.insert(at, format!("{}{key}: {value}", " ".repeat(col - 1)));
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}
