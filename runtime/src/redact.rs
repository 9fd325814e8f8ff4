//! [`Pii`]: personal data as a type, shown as `[redacted]` by `Debug` wherever it is
//! printed, and [`debug_pii`], the one per-call way to see it.

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::fmt;

/// Personal or secret data. The vendor config decides which fields of data hold it.
///
/// It is serialized and deserialized as the value itself (`#[serde(transparent)]`), so the
/// wire format does not change; `Debug` prints `[redacted]` (an `Option<Pii<_>>` shows
/// presence: `Some([redacted])` or `None`) unless the value is printed through
/// [`debug_pii`]. There is no `Display`: reading the value is explicit, with
/// [`expose`](Pii::expose) or [`into_inner`](Pii::into_inner).
///
/// ```
/// use kycgen_runtime::{debug_pii, Pii};
/// let dob = Some(Pii::new("1990-01-01".to_string()));
/// assert_eq!(format!("{dob:?}"), "Some([redacted])");
/// assert_eq!(format!("{:?}", debug_pii(&dob)), "Some(\"1990-01-01\")");
/// assert_eq!(dob.as_ref().map(|d| d.expose().as_str()), Some("1990-01-01"));
/// assert_eq!(serde_json::to_string(&dob).unwrap(), "\"1990-01-01\"");
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pii<T>(T);

impl<T> Pii<T> {
    /// Marks `value` as personal data.
    pub const fn new(value: T) -> Self {
        Pii(value)
    }

    /// The value, read on purpose.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// The value, to change it.
    pub fn expose_mut(&mut self) -> &mut T {
        &mut self.0
    }

    /// The value, no longer marked.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Pii<T> {
    fn from(value: T) -> Self {
        Pii(value)
    }
}

impl From<&str> for Pii<String> {
    fn from(value: &str) -> Self {
        Pii(value.to_owned())
    }
}

impl<T: fmt::Debug> fmt::Debug for Pii<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if revealing() {
            self.0.fmt(f)
        } else {
            f.write_str("[redacted]")
        }
    }
}

thread_local! {
    /// How many [`DebugPii`] views are formatting on this thread right now.
    static REVEAL: Cell<u32> = const { Cell::new(0) };
}

/// Whether the value being formatted on this thread was asked for with [`debug_pii`]:
/// `Debug` impls that hide personal data without a [`Pii`] field (a webhook's raw unknown
/// body) show it only then.
pub fn revealing() -> bool {
    REVEAL.with(Cell::get) > 0
}

/// A view of `value` whose `Debug` shows the personal data inside it, for this one
/// formatting call (`format!("{:?}", debug_pii(&response))`); everywhere else it stays
/// `[redacted]`. There is no global switch: each place that reveals says so.
///
/// ```
/// use kycgen_runtime::{debug_pii, Pii};
/// #[derive(Debug)]
/// struct User { id: &'static str, name: Pii<&'static str> }
/// let u = User { id: "u_1", name: Pii::new("Leslie") };
/// assert_eq!(format!("{u:?}"), r#"User { id: "u_1", name: [redacted] }"#);
/// assert_eq!(format!("{:?}", debug_pii(&u)), r#"User { id: "u_1", name: "Leslie" }"#);
/// assert_eq!(format!("{u:?}"), r#"User { id: "u_1", name: [redacted] }"#);
/// ```
pub fn debug_pii<T: ?Sized + fmt::Debug>(value: &T) -> DebugPii<'_, T> {
    DebugPii(value)
}

/// What [`debug_pii`] returns.
pub struct DebugPii<'a, T: ?Sized>(&'a T);

impl<T: ?Sized + fmt::Debug> fmt::Debug for DebugPii<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// Ends the reveal when formatting returns, or unwinds.
        struct Guard;
        impl Drop for Guard {
            fn drop(&mut self) {
                REVEAL.with(|r| r.set(r.get().saturating_sub(1)));
            }
        }
        REVEAL.with(|r| r.set(r.get().saturating_add(1)));
        let _guard = Guard;
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_shows_and_values_do_not() {
        let none: Option<Pii<String>> = None;
        assert_eq!(format!("{none:?}"), "None");
        assert_eq!(format!("{:?}", Some(Pii::new(5))), "Some([redacted])");
        assert_eq!(format!("{:#?}", vec![Pii::new("a")]), "[\n    [redacted],\n]");
    }

    #[test]
    fn the_reveal_ends_with_its_call_even_on_panic() {
        struct Boom;
        impl fmt::Debug for Boom {
            fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
                panic!("boom")
            }
        }
        let r = std::panic::catch_unwind(|| format!("{:?}", debug_pii(&Boom)));
        assert!(r.is_err());
        assert!(!revealing());
        assert_eq!(format!("{:?}", (debug_pii(&Pii::new(1)), Pii::new(2))), "(1, [redacted])");
    }

    #[test]
    fn serde_is_transparent() {
        let p: Pii<String> = serde_json::from_str("\"x\"").unwrap();
        assert_eq!(p.expose(), "x");
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"x\"");
    }
}
