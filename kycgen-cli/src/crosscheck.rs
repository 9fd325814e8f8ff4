//! `crosscheck --markdown FILE --openapi SPEC`: one vendor object read from its markdown
//! docs and from its OpenAPI spec, with every disagreement as a markdown table (or JSON).
//! Exit 0 when the report was produced (disagreements are the expected output), 2 on bad
//! input. `cargo xtask crosscheck` with no arguments runs the real pairs of `../shared`.

use crate::{Failure, Format};
use kycgen_codegen::crosscheck::{self, report};
use std::path::PathBuf;

/// `crosscheck`: exit 0 whenever the report is produced, 2 on bad input.
#[derive(clap::Args)]
pub struct Args {
    /// The object's markdown docs (with --openapi; `cargo xtask crosscheck` with neither: the real pairs in ../shared)
    #[arg(long, value_name = "FILE", requires = "openapi")]
    pub markdown: Option<String>,
    /// The OpenAPI spec to compare with (with --markdown)
    #[arg(long, value_name = "SPEC", requires = "markdown")]
    pub openapi: Option<String>,
    /// The schema to compare (default: the object the docs describe)
    #[arg(long, value_name = "NAME", requires = "markdown")]
    pub object: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
}

/// One docs/spec pair to compare, with the paths as shown in the report.
pub struct Pair {
    /// The markdown docs (a file or a directory of them) to read the object from.
    pub markdown: PathBuf,
    /// The OpenAPI spec to compare it with.
    pub openapi: PathBuf,
    /// The object to compare; `None` when the docs define exactly one.
    pub object: Option<String>,
    /// `markdown` as the report and its errors show it.
    pub markdown_shown: String,
    /// `openapi` as the report shows it.
    pub openapi_shown: String,
}

impl Args {
    /// The pair named by `--markdown` and `--openapi`, if they were given.
    pub fn pair(&self) -> Option<Pair> {
        let (m, o) = (self.markdown.clone()?, self.openapi.clone()?);
        Some(Pair { markdown: m.clone().into(), openapi: o.clone().into(), object: self.object.clone(), markdown_shown: m, openapi_shown: o })
    }
}

/// Compares each pair and prints the reports.
pub fn run_pairs(pairs: &[Pair], format: Format) -> Result<(), Failure> {
    let mut out = Vec::new();
    for p in pairs {
        let docs = crosscheck::read_docs(&p.markdown)?;
        let spec = crosscheck::read_openapi(&p.openapi)?;
        let r = crosscheck::compare(&docs, &spec, p.object.as_deref())
            .map_err(|e| Failure::input(format!("crosscheck: {}: {e}", p.markdown_shown)))?;
        out.push(match format {
            Format::Markdown => report::markdown(&r, &p.markdown_shown, &p.openapi_shown),
            Format::Json => report::json(&r, &p.markdown_shown, &p.openapi_shown),
        });
    }
    let sep = if format == Format::Markdown { "\n" } else { "" };
    print!("{}", out.join(sep));
    Ok(())
}
