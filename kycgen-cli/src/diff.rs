//! `diff OLD NEW`: the drift between two versions of a spec, through the IR, as
//! a markdown pull-request comment or JSON. Exit 0 for a successful diff (1 with
//! `--fail-on-breaking` when something breaks), 2 on bad input.

use crate::{Failure, Format};
use kycgen_codegen::diff::{self, report, Change, Severity};
use kycgen_codegen::ir::Spec;
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
}

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
    let changes = diff::diff(&old, &new, &a.roots);
    print!("{}", render(&changes, a.format, &label(&a.old, &old), &label(&a.new, &new)));
    let breaking = changes.iter().filter(|c| c.severity == Severity::Breaking).count();
    if a.fail_on_breaking && breaking > 0 {
        return Err(Failure::check(format!("{breaking} breaking changes")));
    }
    Ok(())
}

pub fn render(changes: &[Change], format: Format, old: &str, new: &str) -> String {
    match format {
        Format::Markdown => report::markdown(changes, old, new),
        Format::Json => report::json(changes, old, new),
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
