//! `cargo xtask crosscheck`: the shared command (`kycgen_cli::crosscheck`), and with no
//! arguments the two real docs/spec pairs in `../shared`.

use crate::project_root;
use kycgen_cli::crosscheck::{run_pairs, Args, Pair};
use kycgen_cli::Failure;
use std::path::Path;

/// The real pairs in `../shared`: (docs, spec, object). Plaid's doc is compared with
/// `IdentityVerification` rather than `IdentityVerificationGetResponse`: the doc is the SDK's
/// model of that schema (same name, and it lists no `request_id`, which only the response
/// envelope adds); the two schemas share every other property.
const REAL: [(&str, &str, &str); 2] = [
    ("seeds/stripe-identity.verification_report.fields.md", "specs/stripe/spec3.json", "identity.verification_report"),
    ("seeds/plaid-identity-verification.sdk-model.md", "specs/plaid/2020-09-14.yml", "IdentityVerification"),
];

pub fn run(args: Args) -> Result<(), Failure> {
    let pairs = match args.pair() {
        Some(pair) => vec![pair],
        None => match real_pairs() {
            Some(pairs) => pairs,
            None => return Ok(()),
        },
    };
    run_pairs(&pairs, args.format)
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
