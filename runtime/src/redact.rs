//! [`Redacted`]: how generated `Debug` impls hide personal data.

use std::fmt;

/// Shows `[redacted]` instead of the value, unless `show` is set.
///
/// Generated crates pass `cfg!(feature = "debug-pii")` as `show`, evaluated in the
/// generated crate, so each vendor crate's `debug-pii` feature decides for its own types.
///
/// ```
/// use kycgen_runtime::redact;
/// assert_eq!(format!("{:?}", redact(&"1990-01-01", false)), "[redacted]");
/// assert_eq!(format!("{:?}", redact(&"1990-01-01", true)), "\"1990-01-01\"");
/// ```
pub struct Redacted<'a, T> {
    value: &'a T,
    show: bool,
}

/// A [`Redacted`] view of `value`: shown by `Debug` only when `show` is set.
pub fn redact<T>(value: &T, show: bool) -> Redacted<'_, T> {
    Redacted { value, show }
}

impl<T: fmt::Debug> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.show {
            self.value.fmt(f)
        } else {
            f.write_str("[redacted]")
        }
    }
}
