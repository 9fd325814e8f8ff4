//! `kycgen`: the generator as an installable command (`cargo install --path kycgen-cli`).
//! The same commands, options, diagnostics and exit codes as `cargo xtask`'s (0 ok, 1 stale
//! or failed check, 2 bad input), without the jobs that belong to kycgen's own repository.

use clap::{Parser, Subcommand};
use kycgen_cli::{conformance, crosscheck, diff, generate, Failure};
use std::process::ExitCode;

/// Typed Rust crates from KYC vendor specs. Exit codes: 0 ok, 1 stale or failed check, 2 bad input.
#[derive(Parser)]
#[command(name = "kycgen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// One spec to one standalone crate (--spec PATH and/or --config FILE, --out DIR)
    Generate(generate::Args),
    /// Drift between two spec versions, with its impact on the generated crate
    Diff(diff::Args),
    /// A spec's examples round-tripped through its generated crate
    Conformance(conformance::Args),
    /// Where an object's markdown docs and its OpenAPI schema disagree
    Crosscheck(crosscheck::Args),
}

fn main() -> ExitCode {
    // clap prints help (exit 0) and usage errors (exit 2) itself.
    let result = match Cli::parse().command {
        Command::Generate(a) => match &a.out {
            Some(out) => generate::one_spec(out, &a),
            None => Err(Failure::input("generate: give --out DIR with --spec PATH and/or --config FILE")),
        },
        Command::Diff(a) => diff::run(a),
        Command::Conformance(a) => conformance::run(a, &conformance_context()),
        Command::Crosscheck(a) => match a.pair() {
            Some(pair) => crosscheck::run_pairs(&[pair], a.format),
            None => Err(Failure::input("crosscheck: give --markdown FILE and --openapi SPEC")),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.report(),
    }
}

/// Conformance crates go under `target/kycgen-conformance` of the working directory; there
/// is no default corpus (give `--spec` or `--corpus`).
fn conformance_context() -> conformance::Context {
    conformance::Context { work: std::path::PathBuf::from("target/kycgen-conformance"), default_corpus: None }
}
