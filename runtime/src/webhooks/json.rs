//! Strict JSON for verified webhook bodies: a key twice in one object is an error (serde_json
//! would keep the last one silently), and every error carries its JSON path.

use super::{ParseErrorKind, WebhookError};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;

/// How [`crate::StrictValue`] reports a repeated key.
const DUPLICATE: &str = "duplicate field `";

/// Parses a body into a JSON value, rejecting duplicate keys at any depth.
pub fn parse_strict(body: &[u8]) -> Result<Value, WebhookError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed: Result<crate::StrictValue, _> = serde_path_to_error::deserialize(&mut de);
    let value = parsed.map_err(|e| {
        let path = clean_path(&e.path().to_string());
        located(path, e.inner())
    })?;
    de.end().map_err(|e| located(".".to_owned(), &e))?;
    Ok(value.0)
}

/// Deserializes a parsed value into a typed event, with the JSON path of any mismatch.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, WebhookError> {
    serde_path_to_error::deserialize(value).map_err(|e| WebhookError::Parse {
        path: clean_path(&e.path().to_string()),
        kind: ParseErrorKind::Data,
        line: 0,
        column: 0,
    })
}

/// An event's kind: the string values at the dotted `paths`, joined by `.` (Plaid's
/// `webhook_type` + `webhook_code` → `IDENTITY_VERIFICATION.STATUS_UPDATED`). A value that
/// already starts with the kind so far and a `.` is qualified and replaces it (Onfido's
/// `resource_type: check` + `action: check.completed` → `check.completed`; with
/// `resource_type: report` the kind is `report.check.completed`, which no event has). A path
/// that is missing or not a string is a parse error there.
pub fn kind(value: &Value, paths: &[&str]) -> Result<String, WebhookError> {
    let mut parts = Vec::with_capacity(paths.len());
    for path in paths {
        let found = path.split('.').try_fold(value, |v, key| v.get(key));
        let part = found.and_then(Value::as_str).ok_or_else(|| WebhookError::Parse {
            path: (*path).to_owned(),
            kind: ParseErrorKind::Data,
            line: 0,
            column: 0,
        })?;
        let so_far = parts.join(".");
        if !so_far.is_empty() && part.strip_prefix(so_far.as_str()).is_some_and(|rest| rest.starts_with('.')) {
            parts.clear();
        }
        parts.push(part);
    }
    Ok(parts.join("."))
}

/// `Debug` of an event enum's `Unknown { kind, raw }`: the kind, and the body only inside
/// [`crate::debug_pii`], since it may hold personal data.
pub fn fmt_unknown(f: &mut fmt::Formatter<'_>, kind: &str, raw: &Value) -> fmt::Result {
    let mut d = f.debug_struct("Unknown");
    d.field("kind", &kind);
    if crate::revealing() {
        d.field("raw", raw);
    } else {
        d.field("raw", &format_args!("[redacted]"));
    }
    d.finish()
}

fn located(path: String, e: &serde_json::Error) -> WebhookError {
    let kind = match e.classify() {
        serde_json::error::Category::Syntax => ParseErrorKind::Syntax,
        serde_json::error::Category::Eof => ParseErrorKind::Eof,
        _ if e.to_string().starts_with(DUPLICATE) => ParseErrorKind::DuplicateKey,
        _ => ParseErrorKind::Data,
    };
    WebhookError::Parse {
        path,
        kind,
        line: e.line(),
        column: e.column(),
    }
}

/// The path as printable ASCII of bounded length: keys come from the untrusted body.
fn clean_path(path: &str) -> String {
    let mut out: String = path
        .chars()
        .take(200)
        .map(|c| if c.is_ascii_graphic() { c } else { '?' })
        .collect();
    if path.chars().count() > 200 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_joins_and_qualified_values_replace_their_prefix() {
        let paths = ["payload.resource_type", "payload.action"];
        let v = |t: &str, a: &str| serde_json::json!({"payload": {"resource_type": t, "action": a}});
        assert_eq!(kind(&v("check", "check.completed"), &paths).unwrap(), "check.completed");
        assert_eq!(kind(&v("report", "check.completed"), &paths).unwrap(), "report.check.completed");
        assert_eq!(kind(&v("check", "checked"), &paths).unwrap(), "check.checked");
        let plaid = serde_json::json!({"webhook_type": "IDV", "webhook_code": "RETRIED"});
        assert_eq!(kind(&plaid, &["webhook_type", "webhook_code"]).unwrap(), "IDV.RETRIED");
        assert!(kind(&serde_json::json!({"payload": {}}), &paths).is_err());
    }
}
