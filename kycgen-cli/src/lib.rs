//! The commands that work on any spec, shared by the installable `kycgen` binary and by
//! `cargo xtask` (which adds the repository's own jobs): clap definitions and runners for
//! `generate --out`, `diff`, `conformance` and `crosscheck`, and the file system side of
//! writing a crate (stage, then swap).

#![deny(missing_docs)]

pub mod conformance;
pub mod crosscheck;
pub mod diff;
pub mod fsx;
pub mod generate;

/// How a report is printed.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A markdown table (a pull-request comment)
    #[value(alias = "md")]
    Markdown,
    /// JSON, for tools
    Json,
}

/// A failed command: what to print and which exit code to use.
#[derive(Debug)]
pub struct Failure {
    /// The process exit code: 1 for a stale or failed check, 2 for bad input.
    pub code: u8,
    /// The located text to print on stderr (may be empty: the command printed it already).
    pub message: String,
}

impl Failure {
    /// Bad input: exit 2.
    pub fn input(message: impl Into<String>) -> Self {
        Failure { code: 2, message: message.into() }
    }

    /// A stale or failed check: exit 1.
    pub fn check(message: impl Into<String>) -> Self {
        Failure { code: 1, message: message.into() }
    }

    /// Prints the message on stderr and returns the exit code.
    pub fn report(self) -> std::process::ExitCode {
        if !self.message.is_empty() {
            eprint!("{}", self.message);
            if !self.message.ends_with('\n') {
                eprintln!();
            }
        }
        std::process::ExitCode::from(self.code)
    }
}

impl From<kycgen_codegen::Error> for Failure {
    fn from(e: kycgen_codegen::Error) -> Self {
        Failure { code: e.exit_code(), message: e.to_string() }
    }
}

/// The `kycgen-runtime` path a standalone crate's manifest names instead of the generating
/// checkout's runtime: `KYCGEN_RUNTIME` when set and not empty, written as given (a relative
/// path is relative to the generated crate).
pub fn runtime_override() -> Option<String> {
    std::env::var("KYCGEN_RUNTIME").ok().filter(|p| !p.is_empty())
}
