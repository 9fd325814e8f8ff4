//! [`ValidationError`] and the checks that generated `validate()` methods are made of:
//! each pushes one error per limit the value breaks, with the value's JSON path.

use std::fmt;

/// One limit of the spec that a value breaks.
///
/// The message states the limit and the measured size, never the value itself, so it can
/// be logged without leaking personal data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// JSON path of the value (`user.name.given_name`, `steps[2]`).
    pub path: String,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for ValidationError {}

fn push(errors: &mut Vec<ValidationError>, path: &str, message: String) {
    errors.push(ValidationError { path: path.to_owned(), message });
}

/// `base.field`, or `field` at the top.
///
/// ```
/// assert_eq!(kycgen_runtime::validate::join("", "user"), "user");
/// assert_eq!(kycgen_runtime::validate::join("user", "name"), "user.name");
/// ```
pub fn join(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_owned()
    } else {
        format!("{base}.{field}")
    }
}

/// Checks the length of a string in characters against `min` and `max`.
///
/// ```
/// let mut errors = Vec::new();
/// kycgen_runtime::validate::check_length(&mut errors, "name", "Al", Some(3), None);
/// assert_eq!(errors[0].to_string(), "name: length 2 is below the minimum of 3");
/// ```
pub fn check_length(errors: &mut Vec<ValidationError>, path: &str, value: &str, min: Option<u64>, max: Option<u64>) {
    let len = value.chars().count() as u64;
    if let Some(min) = min.filter(|m| len < *m) {
        push(errors, path, format!("length {len} is below the minimum of {min}"));
    }
    if let Some(max) = max.filter(|m| len > *m) {
        push(errors, path, format!("length {len} is above the maximum of {max}"));
    }
}

/// Checks a number against `min` and `max`, each inclusive unless its `exclusive_` flag is set.
pub fn check_range(
    errors: &mut Vec<ValidationError>,
    path: &str,
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
    exclusive_min: bool,
    exclusive_max: bool,
) {
    if let Some(min) = min.filter(|m| value < *m || (exclusive_min && value == *m)) {
        push(errors, path, format!("{value} is below the minimum of {min}"));
    }
    if let Some(max) = max.filter(|m| value > *m || (exclusive_max && value == *m)) {
        push(errors, path, format!("{value} is above the maximum of {max}"));
    }
}

/// Checks the number of items of an array against `min` and `max`.
pub fn check_items(errors: &mut Vec<ValidationError>, path: &str, len: usize, min: Option<u64>, max: Option<u64>) {
    let len = len as u64;
    if let Some(min) = min.filter(|m| len < *m) {
        push(errors, path, format!("{len} items, fewer than the minimum of {min}"));
    }
    if let Some(max) = max.filter(|m| len > *m) {
        push(errors, path, format!("{len} items, more than the maximum of {max}"));
    }
}

/// A spec's `pattern`, compiled on first use; generated code keeps one in a `static`.
#[cfg(feature = "pattern")]
pub struct Pattern {
    source: &'static str,
    compiled: std::sync::OnceLock<regex_lite::Regex>,
}

#[cfg(feature = "pattern")]
impl Pattern {
    /// A pattern that kycgen has checked compiles (it refuses specs whose patterns do not).
    pub const fn new(source: &'static str) -> Self {
        Pattern { source, compiled: std::sync::OnceLock::new() }
    }

    fn is_match(&self, value: &str) -> bool {
        let re = self.compiled.get_or_init(|| regex_lite::Regex::new(self.source).expect("pattern checked by kycgen"));
        re.is_match(value)
    }
}

/// Checks a string against a pattern (unanchored, as JSON Schema says).
///
/// ```
/// use kycgen_runtime::validate::{check_pattern, Pattern};
/// static ZIP: Pattern = Pattern::new("^[0-9]{5}$");
/// let mut errors = Vec::new();
/// check_pattern(&mut errors, "zip", "1234", &ZIP);
/// check_pattern(&mut errors, "zip", "12345", &ZIP);
/// assert_eq!(errors.len(), 1);
/// assert_eq!(errors[0].message, "does not match the pattern `^[0-9]{5}$`");
/// ```
#[cfg(feature = "pattern")]
pub fn check_pattern(errors: &mut Vec<ValidationError>, path: &str, value: &str, pattern: &Pattern) {
    if !pattern.is_match(value) {
        push(errors, path, format!("does not match the pattern `{}`", pattern.source));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_report_each_violation() {
        let mut e = Vec::new();
        check_length(&mut e, "a", "ééé", Some(1), Some(3));
        assert!(e.is_empty(), "characters, not bytes");
        check_length(&mut e, "a", "abcd", Some(1), Some(3));
        check_range(&mut e, "b", 5.0, Some(5.0), None, true, false);
        check_range(&mut e, "b", 5.0, Some(5.0), Some(5.0), false, false);
        check_items(&mut e, "c", 0, Some(1), Some(2));
        check_items(&mut e, "c", 3, Some(1), Some(2));
        let text: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "a: length 4 is above the maximum of 3",
                "b: 5 is below the minimum of 5",
                "c: 0 items, fewer than the minimum of 1",
                "c: 3 items, more than the maximum of 2",
            ]
        );
    }
}
