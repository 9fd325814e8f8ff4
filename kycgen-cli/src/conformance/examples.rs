//! Where the conformance examples come from besides the spec itself (`spec_examples`):
//! Stripe's fixtures (by their `object`), a directory of JSON files named by type, and the
//! JSON blocks of Plaid's Identity Verification API reference (by the heading they sit
//! under).

use serde_json::Value;
use std::path::{Path, PathBuf};

/// One example: the schema it claims to be, a label, and the JSON.
#[derive(Clone)]
pub struct Example {
    pub schema: String,
    pub id: String,
    pub value: Value,
}

/// Every object of Stripe's `fixtures3.json` (`resources` keyed by object name), as an
/// example of the schema its `object` field names (`deleted_<object>` when deleted).
pub fn stripe_fixtures(doc: &Value) -> Vec<Example> {
    let Some(resources) = doc.get("resources").and_then(Value::as_object) else { return Vec::new() };
    resources
        .iter()
        .map(|(key, v)| {
            // A deleted object keeps its `object` and says `deleted: true`; its schema is
            // `deleted_<object>`.
            let object = v.get("object").and_then(Value::as_str).unwrap_or(key);
            let deleted = v.get("deleted") == Some(&Value::Bool(true));
            let schema = if deleted { format!("deleted_{object}") } else { object.to_string() };
            Example { schema, id: format!("fixtures3.json#/resources/{key}"), value: v.clone() }
        })
        .collect()
}

/// The JSON files of a directory, named by type: `DIR/TYPE.json` is an example of the
/// schema (or generated Rust type) `TYPE`, and each `DIR/TYPE/*.json` is one too. Other
/// files are not examples. A JSON file that does not parse is bad input.
pub fn dir_examples(dir: &Path) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for path in sorted_entries(dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() {
            for file in sorted_entries(&path)?.into_iter().filter(|p| is_json(p)) {
                out.push(read_example(&name, &file)?);
            }
        } else if let Some(ty) = name.strip_suffix(".json") {
            out.push(read_example(ty, &path)?);
        }
    }
    Ok(out)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: error: cannot read examples directory: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}

fn is_json(p: &Path) -> bool {
    p.is_file() && p.extension().is_some_and(|e| e == "json")
}

fn read_example(schema: &str, path: &Path) -> Result<Example, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: error: cannot read file: {e}", path.display()))?;
    let value = serde_json::from_str(&text).map_err(|e| format!("{}:{}:{}: error: not JSON: {e}", path.display(), e.line(), e.column().max(1)))?;
    Ok(Example { schema: schema.to_string(), id: path.display().to_string(), value })
}

/// The ```` ```json ```` blocks of Plaid's Identity Verification API reference, each as an
/// example of the response or webhook schema its heading names. A block that does not
/// parse is returned as an error line.
pub fn plaid_idv_seed(text: &str, file: &str) -> (Vec<Example>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut heading = String::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if let Some(h) = line.strip_prefix("#### ") {
            let h = h.trim().replace('\\', "");
            if h.starts_with('/') || h.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                heading = h;
            }
        }
        if line.trim() != "```json" {
            continue;
        }
        let body: Vec<&str> = lines.by_ref().map(|(_, l)| l).take_while(|l| l.trim() != "```").collect();
        let Some(schema) = seed_schema(&heading) else {
            problems.push(format!("{file}:{}: json block under unexpected heading {heading:?}", n + 1));
            continue;
        };
        match serde_json::from_str::<Value>(&body.join("\n")) {
            Ok(value) => out.push(Example { schema: schema.into(), id: format!("{file}:{} ({heading})", n + 1), value }),
            Err(e) => problems.push(format!("{file}:{}: json block does not parse: {e}", n + 1)),
        }
    }
    (out, problems)
}

fn seed_schema(heading: &str) -> Option<&'static str> {
    Some(match heading {
        "/identity_verification/create" => "IdentityVerificationCreateResponse",
        "/identity_verification/get" => "IdentityVerificationGetResponse",
        "/identity_verification/list" => "IdentityVerificationListResponse",
        "/identity_verification/retry" => "IdentityVerificationRetryResponse",
        "STATUS_UPDATED" => "IdentityVerificationStatusUpdatedWebhook",
        "STEP_UPDATED" => "IdentityVerificationStepUpdatedWebhook",
        "RETRIED" => "IdentityVerificationRetriedWebhook",
        _ => return None,
    })
}
