//! `cargo xtask`: the project's commands, parsed by clap. Exit codes: 0 ok, 1 stale or
//! failed check, 2 bad input (located diagnostics on stderr; clap's usage errors too).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod conformance;
mod crosscheck;
mod diff;
mod fsx;
mod generate;
mod semver_cross;
mod update_specs;

use clap::{Parser, Subcommand, ValueEnum};
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
    Generate(generate::Args),
    /// Drift between two spec versions, with its impact on the generated crate
    Diff(diff::Args),
    /// Specs and their examples round-tripped through generated crates
    Conformance(conformance::Args),
    /// Where an object's markdown docs and its OpenAPI schema disagree
    Crosscheck(crosscheck::Args),
    /// Download pinned specs (source.url), print the drift, write them and re-pin
    UpdateSpecs(update_specs::Args),
    /// The performance table of BENCHMARKS.md
    Bench(bench::Args),
    /// History pairs' crates through cargo-semver-checks, against the diff's breaking call
    CrosscheckSemver(semver_cross::Args),
}

/// How a report is printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A markdown table (a pull-request comment)
    #[value(alias = "md")]
    Markdown,
    /// JSON, for tools
    Json,
}

/// A failed command: what to print and which exit code to use.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Self {
        Failure { code: 2, message: message.into() }
    }
    pub fn check(message: impl Into<String>) -> Self {
        Failure { code: 1, message: message.into() }
    }
}

fn main() -> ExitCode {
    // clap prints help (exit 0) and usage errors (exit 2) itself.
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Generate(a)) => generate::run(a),
        Some(Command::Conformance(a)) => conformance::run(a),
        Some(Command::Diff(a)) => diff::run(a),
        Some(Command::Crosscheck(a)) => crosscheck::run(a),
        Some(Command::UpdateSpecs(a)) => update_specs::run(a),
        Some(Command::Bench(a)) => bench::run(a),
        Some(Command::CrosscheckSemver(a)) => semver_cross::run(a),
        None => {
            use clap::CommandFactory as _;
            print!("{}", Cli::command().render_help());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                eprint!("{}", f.message);
                if !f.message.ends_with('\n') {
                    eprintln!();
                }
            }
            ExitCode::from(f.code)
        }
    }
}

/// The `kycgen-runtime` path a standalone crate's manifest names instead of this checkout's
/// runtime: `KYCGEN_RUNTIME` when set and not empty, written as given (a relative path is
/// relative to the generated crate).
pub fn runtime_override() -> Option<String> {
    std::env::var("KYCGEN_RUNTIME").ok().filter(|p| !p.is_empty())
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
