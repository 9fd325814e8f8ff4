//! `WebhookError`: which check a webhook delivery failed, without secret or body text.

use std::fmt;

/// Why a webhook delivery was rejected: one variant per check, in the order they run.
///
/// Neither the messages nor `Debug` contain a secret, a key, a signature or body text: a
/// header or parse error names the header and the JSON path, never the value found there.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signature header is absent or empty.
    MissingHeader {
        /// The header's name, such as `Stripe-Signature`.
        header: &'static str,
    },
    /// The signature header is present but cannot be read.
    MalformedHeader {
        /// The header's name.
        header: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// No signature in the header matches the body under any of the secrets or the key.
    BadSignature,
    /// The signed timestamp is older than the tolerance allows.
    TimestampTooOld {
        /// Seconds between the signed time and now.
        age_secs: i64,
        /// The tolerance in seconds.
        tolerance_secs: i64,
    },
    /// The signed timestamp lies further in the future than the tolerance allows.
    TimestampInFuture {
        /// Seconds from now to the signed time.
        ahead_secs: i64,
        /// The tolerance in seconds.
        tolerance_secs: i64,
    },
    /// The token's algorithm is not the one the scheme allows (Plaid: only `ES256`).
    WrongAlgorithm,
    /// The token names a key id other than the key supplied.
    UnknownKey,
    /// The key supplied has expired (`expired_at` is in the past).
    ExpiredKey,
    /// The verification key itself cannot be used (not an EC P-256 JWK, bad coordinates).
    InvalidKey {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The signed body hash differs from the SHA-256 of the body received.
    BodyHashMismatch,
    /// The verified body is not an event of this vendor (invalid JSON, a duplicate key, a
    /// field of the wrong type).
    Parse {
        /// JSON path of the problem (`.` for the root, `?` for a place inside an object
        /// before its next key).
        path: String,
        /// The kind of problem.
        kind: ParseErrorKind,
        /// Line of the problem in the body (1-based; 0 when it was found after parsing).
        line: usize,
        /// Column of the problem in the body (1-based; 0 when it was found after parsing).
        column: usize,
    },
}

/// The kind of a [`WebhookError::Parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// Not JSON.
    Syntax,
    /// The body ends early.
    Eof,
    /// An object has the same key twice.
    DuplicateKey,
    /// Valid JSON, but not of the event's shape (missing field, wrong type).
    Data,
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Syntax => "invalid JSON",
            Self::Eof => "unexpected end of the body",
            Self::DuplicateKey => "duplicate key",
            Self::Data => "value does not match the event's type",
        })
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHeader { header } => write!(f, "webhook rejected: missing {header} header"),
            Self::MalformedHeader { header, reason } => {
                write!(f, "webhook rejected: malformed {header} header: {reason}")
            }
            Self::BadSignature => f.write_str("webhook rejected: signature does not match"),
            Self::TimestampTooOld { age_secs, tolerance_secs } => write!(
                f,
                "webhook rejected: signed {age_secs} s ago, more than the tolerance of {tolerance_secs} s"
            ),
            Self::TimestampInFuture { ahead_secs, tolerance_secs } => write!(
                f,
                "webhook rejected: signed {ahead_secs} s in the future, more than the tolerance of {tolerance_secs} s"
            ),
            Self::WrongAlgorithm => f.write_str("webhook rejected: token algorithm is not allowed"),
            Self::UnknownKey => f.write_str("webhook rejected: token names an unknown key id"),
            Self::ExpiredKey => f.write_str("webhook rejected: verification key has expired"),
            Self::InvalidKey { reason } => write!(f, "webhook verification key is unusable: {reason}"),
            Self::BodyHashMismatch => {
                f.write_str("webhook rejected: body does not match the signed body hash")
            }
            Self::Parse { path, kind, line, column } => {
                write!(f, "webhook body rejected at {path}: {kind}")?;
                if *line > 0 {
                    write!(f, " (line {line}, column {column})")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for WebhookError {}
