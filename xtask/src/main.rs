//! `cargo xtask`: the project's commands, parsed by clap. Exit codes: 0 ok, 1 stale or
//! failed check, 2 bad input (located diagnostics on stderr; clap's usage errors too).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod corpus;
mod crosscheck;
mod generate;
mod semver_cross;
mod update_specs;

use clap::{Parser, Subcommand};
use kycgen_cli::{conformance, diff};
use std::process::ExitCode;

/// The project's commands. Exit codes: 0 ok, 1 stale or failed check, 2 bad input.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", disable_version_flag = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// specs/ -> generated/, or one spec to one standalone crate (--spec PATH --out DIR)
    Generate(kycgen_cli::generate::Args),
    /// Drift between two spec versions, with its impact on the generated crate
    Diff(diff::Args),
    /// Specs and their examples round-tripped through generated crates
    Conformance(conformance::Args),
    /// Where an object's markdown docs and its OpenAPI schema disagree
    Crosscheck(kycgen_cli::crosscheck::Args),
    /// Download pinned specs (source.url), print the drift, write them and re-pin
    UpdateSpecs(update_specs::Args),
    /// The performance table of BENCHMARKS.md
    Bench(bench::Args),
    /// History pairs' crates through cargo-semver-checks, against the diff's breaking call
    CrosscheckSemver(semver_cross::Args),
    /// Download the real-spec corpus of .ci/corpus.json into ../shared, refusing any hash mismatch
    FetchCorpus(corpus::Args),
}

fn main() -> ExitCode {
    // clap prints help (exit 0) and usage errors (exit 2) itself.
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Generate(a)) => generate::run(a),
        Some(Command::Conformance(a)) => conformance::run(a, &conformance_context()),
        Some(Command::Diff(a)) => diff::run(a),
        Some(Command::Crosscheck(a)) => crosscheck::run(a),
        Some(Command::UpdateSpecs(a)) => update_specs::run(a),
        Some(Command::Bench(a)) => bench::run(a),
        Some(Command::CrosscheckSemver(a)) => semver_cross::run(a),
        Some(Command::FetchCorpus(a)) => corpus::run(a),
        None => {
            use clap::CommandFactory as _;
            print!("{}", Cli::command().render_help());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.report(),
    }
}

/// `target/conformance` of this checkout, checking `../shared/specs` by default.
fn conformance_context() -> conformance::Context {
    let root = project_root();
    let default_corpus = root.parent().map(|p| p.join("shared/specs"));
    conformance::Context { work: root.join("target/conformance"), default_corpus }
}

/// The workspace root (the parent of xtask's manifest directory), or `KYCGEN_PROJECT_ROOT`
/// when set (tests run xtask against scratch projects).
pub fn project_root() -> std::path::PathBuf {
    if let Some(root) = std::env::var_os("KYCGEN_PROJECT_ROOT") {
        return root.into();
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    dir.parent().unwrap_or(dir).to_path_buf()
}
