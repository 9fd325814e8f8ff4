//! The library's error: bad input with every located diagnostic, a request the input
//! cannot answer, or a kycgen bug. Callers map it to an exit code with [`Error::exit_code`].

use crate::diag::{Diagnostic, Diagnostics};
use std::fmt;

/// Why a library entry point failed. `Debug` shows the same located text as `Display`, so a
/// build script's `?` or `unwrap()` fails the build with readable diagnostics.
#[derive(Clone, PartialEq, Eq)]
pub enum Error {
    /// Bad input: every problem of the run, located (`file:line:col`) and sorted.
    Input(Diagnostics),
    /// The input is fine but does not have what was asked for (a schema named on the
    /// command line that is not there, a root pattern that is not a regex).
    Request(String),
    /// A kycgen bug (emitted code that does not parse), with the config or spec it was
    /// generating when it happened.
    Internal {
        /// The config (or spec) being generated, as diagnostics show it.
        at: String,
        /// What went wrong, for a bug report.
        message: String,
    },
}

impl Error {
    /// The exit code the project's commands use: 1 when the only errors are failed checks
    /// (a vocabulary that does not cover the spec), else 2 for bad input or a bad request; a
    /// kycgen bug is reported the same way, since the run produced nothing.
    pub fn exit_code(&self) -> u8 {
        match self {
            // A vocabulary that does not cover the spec is a failed check, like stale output.
            Error::Input(d) if d.only_failed_checks() => 1,
            _ => 2,
        }
    }

    /// The diagnostics of the failure: an [`Error::Input`]'s own, or one for the others.
    pub fn into_diagnostics(self) -> Diagnostics {
        match self {
            Error::Input(d) => d,
            Error::Request(message) => Diagnostic::error("command line", message).into(),
            Error::Internal { at, message } => Diagnostic::error(at, message).into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(d) => write!(f, "{d}"),
            Error::Request(message) => write!(f, "{message}"),
            Error::Internal { at, message } => writeln!(f, "{}", Diagnostic::error(at.as_str(), message.as_str())),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{self}")
    }
}

impl std::error::Error for Error {}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::Input(d)
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Input(d.into())
    }
}
