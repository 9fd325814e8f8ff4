//! `diff OLD NEW`: the drift between two versions of a spec, through the IR, as
//! a markdown pull-request comment or JSON. Exit 0 for a successful diff (1 with
//! `--fail-on-breaking` when something breaks), 2 on bad input.

use crate::{Failure, Format};
use kycgen_codegen::diff::{self, report, Change, Severity};
use kycgen_codegen::ir::Spec;
use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::vocabulary::coverage;
use kycgen_codegen::{config, lower};
use std::path::Path;

/// `diff OLD NEW`: exit 0 for a successful diff, 1 with `--fail-on-breaking`
/// when something breaks, 2 on bad input.
#[derive(clap::Args)]
pub struct Args {
    /// The old spec: an OpenAPI file (YAML/JSON), a markdown doc or a directory of them
    old: String,
    /// The new spec, read the same way
    new: String,
    /// Only what this schema reaches through `$ref` (repeatable; a name or an anchored regex)
    #[arg(long = "root", value_name = "SCHEMA")]
    roots: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "markdown")]
    format: Format,
    /// Exit 1 when any change is breaking
    #[arg(long)]
    fail_on_breaking: bool,
    /// The vendor config (kycgen.yaml) of the crate: the drift is that of its Rust API (its
    /// roots when no --root is given, renames, operations and webhooks), and with a
    /// `vocabulary:` the report lists the enum values NEW has that it does not cover, and
    /// mapped values NEW no longer has
    #[arg(long, value_name = "PATH")]
    config: Option<std::path::PathBuf>,
}

/// Runs `diff`: prints the report of OLD → NEW (as the crate of `--config` sees it, with its
/// vocabulary gaps when it has a vocabulary); with `--fail-on-breaking`, a breaking change is
/// a failed check (exit 1).
pub fn run(a: Args) -> Result<(), Failure> {
    diff::check_roots(&a.roots).map_err(|e| Failure::input(format!("diff: {e}")))?;
    let (old, new) = (load(Path::new(&a.old)), load(Path::new(&a.new)));
    let (old, new) = match (old, new) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            let msg: String = [o.err(), n.err()].into_iter().flatten().map(|f| f.message).collect();
            return Err(Failure::input(msg));
        }
    };
    let cfg = a.config.as_deref().map(read_config).transpose()?;
    let changes = match &cfg {
        Some((cfg, _)) => diff::diff_with(&old, &new, &a.roots, cfg),
        None => diff::diff(&old, &new, &a.roots),
    };
    let gaps = match &cfg {
        Some((cfg, shown)) if cfg.vocabulary.is_some() => Some(vocabulary_gaps(cfg, shown, &new)?),
        _ => None,
    };
    let mut report = render(&changes, a.format, &label(&a.old, &old), &label(&a.new, &new));
    if let (Some(gaps), Some(path)) = (&gaps, &a.config) {
        report = with_gaps(report, gaps, &path.to_string_lossy(), a.format);
    }
    print!("{report}");
    let breaking = changes.iter().filter(|c| c.severity == Severity::Breaking).count();
    if a.fail_on_breaking && breaking > 0 {
        return Err(Failure::check(format!("{breaking} breaking changes")));
    }
    Ok(())
}

/// A drift report in `format`, its columns labelled `old` and `new` (a path, with the spec's
/// version when it has one).
pub fn render(changes: &[Change], format: Format, old: &str, new: &str) -> String {
    match format {
        Format::Markdown => report::markdown(changes, old, new),
        Format::Json => report::json(changes, old, new),
    }
}

/// The vendor config at `path`, and how its diagnostics name it.
fn read_config(path: &Path) -> Result<(config::CrateConfig, String), Failure> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let root = SpecRoot::new(dir, dir.to_string_lossy()).map_err(|d| Failure::input(d.to_string()))?;
    let file = root.read(&name).map_err(|d| Failure::input(d.to_string()))?;
    let cfg = config::parse(&file).map_err(|d| Failure::input(d.to_string()))?;
    Ok((cfg, file.display))
}

/// The vocabulary gaps of `new` against `cfg` (shown as `shown`), lowered as it says.
fn vocabulary_gaps(cfg: &config::CrateConfig, shown: &str, new: &Spec) -> Result<Vec<coverage::Gap>, Failure> {
    let mut diags = Diagnostics::new();
    let model = lower::lower(new, cfg, shown, &mut diags);
    if diags.has_errors() {
        diags.sort();
        return Err(Failure::input(diags.errors().map(|d| format!("{d}\n")).collect::<String>()));
    }
    Ok(coverage::gaps(cfg, &model))
}

/// The report with the gaps: a markdown section, or a `vocabulary` list in the JSON.
fn with_gaps(report: String, gaps: &[coverage::Gap], config: &str, format: Format) -> String {
    match format {
        Format::Markdown => report + &coverage::markdown(gaps, config),
        Format::Json => {
            let mut v: serde_json::Value = serde_json::from_str(&report).unwrap_or_default();
            v["vocabulary"] = serde_json::to_value(gaps).unwrap_or_default();
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
    }
}

/// `path (version)` for report headings.
pub fn label(path: &str, spec: &Spec) -> String {
    match &spec.version {
        Some(v) => format!("{path} ({v})"),
        None => path.to_string(),
    }
}

/// Reads a spec file (OpenAPI YAML/JSON, markdown) or a directory of markdown docs into
/// the IR. Errors come back located, every one of them.
pub fn load(path: &Path) -> Result<Spec, Failure> {
    let opened = kycgen_codegen::open(path)?;
    Ok(kycgen_codegen::read_checked(&opened.root, &opened.files)?.spec)
}
