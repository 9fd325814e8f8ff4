//! [`from_slice`] and [`from_str`]: JSON into a generated type, with the JSON path of the
//! value that failed (`steps.kyc_check: invalid type: …`), on `serde_path_to_error`.

use serde::Deserialize;
use serde_json::error::Category;
use std::fmt;

/// Why a JSON document did not deserialize, and where.
///
/// The message is serde_json's, with the values it quotes from the input replaced by
/// `[redacted]` (a string, number or character the payload held, which may be personal
/// data); names from the schema (fields, types) are kept. So the error can be logged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    path: String,
    message: String,
    line: usize,
    column: usize,
    category: Category,
}

impl JsonError {
    /// The JSON path of the value that failed (`steps.kyc_check`, `documents[0].status`),
    /// `.` for the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What went wrong, with input values redacted (and the line and column).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The line of the input (1-based; 0 when not known).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the input (1-based; 0 when not known).
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether the input was not JSON (`Syntax`, `Eof`), or JSON of the wrong shape (`Data`).
    pub fn classify(&self) -> Category {
        self.category
    }

    fn new(e: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = e.path().to_string();
        Self::at(path, e.into_inner())
    }

    fn at(path: String, inner: serde_json::Error) -> Self {
        JsonError {
            path,
            message: redact_values(&inner.to_string()),
            line: inner.line(),
            column: inner.column(),
            category: inner.classify(),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path == "." {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for JsonError {}

/// Deserializes `T` from JSON bytes; the error names the JSON path of the failing value.
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// struct Check { status: String }
/// #[derive(Debug, serde::Deserialize)]
/// struct Steps { kyc_check: Check }
///
/// let err = kycgen_runtime::from_slice::<Steps>(br#"{"kyc_check": {"status": 7}}"#).unwrap_err();
/// assert_eq!(err.path(), "kyc_check.status");
/// assert!(err.to_string().starts_with("kyc_check.status: invalid type: integer [redacted], expected a string"));
/// ```
pub fn from_slice<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    finish(serde_path_to_error::deserialize(&mut de), de)
}

/// Deserializes `T` from a JSON string; the error names the JSON path of the failing value.
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_str(text);
    finish(serde_path_to_error::deserialize(&mut de), de)
}

/// The value, once nothing but whitespace follows it.
fn finish<'de, T, R: serde_json::de::Read<'de>>(
    value: Result<T, serde_path_to_error::Error<serde_json::Error>>,
    mut de: serde_json::Deserializer<R>,
) -> Result<T, JsonError> {
    let value = value.map_err(JsonError::new)?;
    de.end().map_err(|e| JsonError::at(".".into(), e))?;
    Ok(value)
}

/// Replaces what serde and parsers quote from the input: every `"…"` string (with its
/// escapes) and the `` `…` `` after `integer `, `floating point ` or `character `.
fn redact_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(['"', '`']) {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        let quote = from.as_bytes()[0] as char;
        let value_tick = quote == '`' && ["integer ", "floating point ", "character "].iter().any(|w| out.ends_with(w));
        let end = if quote == '"' { closing_quote(&from[1..]) } else { from[1..].find('`') };
        match end {
            Some(end) if quote == '"' || value_tick => {
                out.push_str("[redacted]");
                rest = &from[end + 2..];
            }
            Some(end) => {
                out.push_str(&from[..end + 2]);
                rest = &from[end + 2..];
            }
            None => {
                out.push_str("[redacted]");
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset of the `"` that closes a Rust-escaped string body.
fn closing_quote(body: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        items: Vec<u8>,
    }

    #[test]
    fn errors_name_the_path_and_hide_values() {
        let e = from_str::<Doc>(r#"{"name": 12345678, "items": []}"#).unwrap_err();
        assert_eq!(e.to_string(), "name: invalid type: integer [redacted], expected a string at line 1 column 17");
        let e = from_str::<Doc>(r#"{"name": "n", "items": [1, "Jane \"J\" Doe"]}"#).unwrap_err();
        assert_eq!(e.path(), "items[1]");
        assert!(e.to_string().starts_with("items[1]: invalid type: string [redacted], expected u8"), "{e}");
        assert!(!format!("{e:?}").contains("Jane"));
        assert_eq!(e.classify(), Category::Data);
    }

    #[test]
    fn syntax_errors_and_trailing_input() {
        let e = from_slice::<Doc>(br#"{"name": "n", "items": [] } x"#).unwrap_err();
        assert_eq!((e.path(), e.classify()), (".", Category::Syntax));
        assert!(e.to_string().starts_with("trailing characters"), "{e}");
        assert!(from_slice::<Doc>(b" {\"name\": \"n\", \"items\": [1]} \n").is_ok());
    }

    #[test]
    fn redaction_keeps_schema_names() {
        assert_eq!(redact_values("duplicate field `status`"), "duplicate field `status`");
        assert_eq!(redact_values("invalid value: string \"a\\\"b\", expected x"), "invalid value: string [redacted], expected x");
        assert_eq!(redact_values("floating point `1.5`, expected `T`"), "floating point [redacted], expected `T`");
        assert_eq!(redact_values("unterminated \"abc"), "unterminated [redacted]");
    }
}
