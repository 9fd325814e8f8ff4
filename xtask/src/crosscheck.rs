//! `cargo xtask crosscheck`: one vendor object read from its markdown docs and from its
//! OpenAPI spec, with every disagreement as a markdown table (or JSON). With no arguments
//! it checks the two real pairs in `../shared`. Exit 0 when the report was produced
//! (disagreements are the expected output), 2 on bad input.

use crate::{project_root, Failure};
use kycgen_codegen::crosscheck::{self, report};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
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

pub fn run(args: &[String]) -> Result<(), Failure> {
    let (pairs, format) = parse_args(args)?;
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

/// The pairs to check (`None`: nothing to do, already said why) and the output format.
fn parse_args(args: &[String]) -> Result<(Option<Vec<Pair>>, Format), Failure> {
    let (mut markdown, mut openapi, mut object, mut format) = (None, None, None, Format::Markdown);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| Failure::input(format!("crosscheck: {name} needs a value")));
        match arg.as_str() {
            "--markdown" => markdown = Some(value("--markdown")?),
            "--openapi" => openapi = Some(value("--openapi")?),
            "--object" => object = Some(value("--object")?),
            "--format" => {
                format = match value("--format")?.as_str() {
                    "markdown" | "md" => Format::Markdown,
                    "json" => Format::Json,
                    other => return Err(Failure::input(format!("crosscheck: unknown format `{other}`: use markdown or json"))),
                }
            }
            other => return Err(Failure::input(format!("crosscheck: unknown argument `{other}`"))),
        }
    }
    match (markdown, openapi) {
        (Some(m), Some(o)) => {
            let pair = Pair { markdown: m.clone().into(), openapi: o.clone().into(), object, markdown_shown: m, openapi_shown: o };
            Ok((Some(vec![pair]), format))
        }
        (None, None) if object.is_none() => Ok((real_pairs(), format)),
        _ => Err(Failure::input("crosscheck: give both --markdown FILE and --openapi SPEC, or neither")),
    }
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
