//! `cargo xtask`: the project's commands. Exit codes: 0 ok, 1 stale or failed check,
//! 2 bad input (located diagnostics on stderr).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod conformance;
mod crosscheck;
mod diff;
mod fsx;
mod generate;
mod update_specs;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  cargo xtask generate                       specs/ -> generated/
  cargo xtask generate --check               exit 1 if generated/ is stale; writes nothing
  cargo xtask generate --spec PATH --out DIR [--crate-name N] [--root SCHEMA]...
                                             PATH: an OpenAPI file, a markdown doc, or a
                                             directory of markdown docs (crate named after it)
  cargo xtask diff OLD NEW [--root SCHEMA]... [--format markdown|json] [--fail-on-breaking]
                                             drift between two spec versions, with its impact on
                                             the generated crate (exit 1 only with --fail-on-breaking)
  cargo xtask update-specs [--vendor V] [--report PATH]
                                             download pinned specs (source.url), print the drift,
                                             write them and re-pin sha256/version
  cargo xtask conformance [--corpus DIR] [--only NAME]   vendor specs and examples through generated crates
  cargo xtask crosscheck [--markdown FILE --openapi SPEC] [--object NAME] [--format markdown|json]
                                             where an object's markdown docs and its OpenAPI schema
                                             disagree (no arguments: the real pairs in ../shared)
";

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate::run(&args[1..]),
        Some("conformance") => conformance::run(&args[1..]),
        Some("diff") => diff::run(&args[1..]),
        Some("crosscheck") => crosscheck::run(&args[1..]),
        Some("update-specs") => update_specs::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::input(format!("unknown command `{other}`\n{USAGE}"))),
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

/// The workspace root (the parent of xtask's manifest directory), or `KYCGEN_PROJECT_ROOT`
/// when set (tests run xtask against scratch projects).
pub fn project_root() -> std::path::PathBuf {
    if let Some(root) = std::env::var_os("KYCGEN_PROJECT_ROOT") {
        return root.into();
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    dir.parent().unwrap_or(dir).to_path_buf()
}
