//! `cargo xtask crosscheck`: one vendor object read from its markdown docs and from its
//! OpenAPI spec, with every disagreement as a markdown table (or JSON). With no arguments
//! it checks the two real pairs in `../shared`. Exit 0 when the report was produced
//! (disagreements are the expected output), 2 on bad input.

use crate::{project_root, Failure, Format};
use kycgen_codegen::crosscheck::{self, report};
use std::path::{Path, PathBuf};

/// `cargo xtask crosscheck`: exit 0 whenever the report is produced, 2 on bad input.
#[derive(clap::Args)]
pub struct Args {
    /// The object's markdown docs (with --openapi; neither: the real pairs in ../shared)
    #[arg(long, value_name = "FILE", requires = "openapi")]
    markdown: Option<String>,
    /// The OpenAPI spec to compare with (with --markdown)
    #[arg(long, value_name = "SPEC", requires = "markdown")]
    openapi: Option<String>,
    /// The schema to compare (default: the object the docs describe)
    #[arg(long, value_name = "NAME", requires = "markdown")]
    object: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "markdown")]
    format: Format,
}

/// One docs/spec pair to compare, with the paths as shown in the report.
struct Pair {
    markdown: PathBuf,
    openapi: PathBuf,
    object: Option<String>,
    markdown_shown: String,
    openapi_shown: String,
}

/// The real pairs in `../shared`: (docs, spec, object). Plaid's doc is compared with
/// `IdentityVerification` rather than `IdentityVerificationGetResponse`: the doc is the SDK's
/// model of that schema (same name, and it lists no `request_id`, which only the response
/// envelope adds); the two schemas share every other property.
const REAL: [(&str, &str, &str); 2] = [
    ("seeds/stripe-identity.verification_report.fields.md", "specs/stripe/spec3.json", "identity.verification_report"),
    ("seeds/plaid-identity-verification.sdk-model.md", "specs/plaid/2020-09-14.yml", "IdentityVerification"),
];

pub fn run(args: Args) -> Result<(), Failure> {
    let format = args.format;
    let pairs = match (args.markdown, args.openapi) {
        (Some(m), Some(o)) => {
            Some(vec![Pair { markdown: m.clone().into(), openapi: o.clone().into(), object: args.object, markdown_shown: m, openapi_shown: o }])
        }
        _ => real_pairs(),
    };
    let Some(pairs) = pairs else { return Ok(()) };
    let mut out = Vec::new();
    for p in &pairs {
        let docs = crosscheck::read_docs(&p.markdown).map_err(|d| Failure::input(d.to_string()))?;
        let spec = crosscheck::read_openapi(&p.openapi).map_err(|d| Failure::input(d.to_string()))?;
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

/// The real pairs, or `None` (after saying so) when `../shared` is not beside the checkout.
fn real_pairs() -> Option<Vec<Pair>> {
    let root = project_root();
    let shared = root.parent().unwrap_or(Path::new("..")).join("shared");
    if !shared.is_dir() {
        println!("skipping: {} not found", shared.display());
        return None;
    }
    let pairs = REAL
        .iter()
        .map(|(md, spec, object)| Pair {
            markdown: shared.join(md),
            openapi: shared.join(spec),
            object: Some(object.to_string()),
            markdown_shown: format!("../shared/{md}"),
            openapi_shown: format!("../shared/{spec}"),
        })
        .collect();
    Some(pairs)
}
