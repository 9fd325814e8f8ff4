//! [`With`]: set fields of a value in one expression, for building generated structs
//! (which are `#[non_exhaustive]`, so struct literals are refused outside their crate).

/// Changes a value in place and hands it back, so that optional fields can be set in the
/// expression that builds it. Implemented for every type; generated crates re-export it.
///
/// Generated structs have `new(required fields…)` (every other field absent or `None`) and
/// public fields: set the rest by assignment, or with `with`.
///
/// ```
/// use kycgen_runtime::With;
///
/// #[derive(Debug, PartialEq)]
/// #[non_exhaustive]
/// pub struct Check { pub status: String, pub note: Option<String> }
///
/// let c = Check { status: "success".into(), note: None }.with(|c| c.note = Some("ok".into()));
/// assert_eq!(c.note.as_deref(), Some("ok"));
/// ```
pub trait With: Sized {
    /// Calls `f` on the value, then returns it.
    fn with(mut self, f: impl FnOnce(&mut Self)) -> Self {
        f(&mut self);
        self
    }
}

impl<T> With for T {}
