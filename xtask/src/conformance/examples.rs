//! Where the conformance examples come from: Stripe's fixtures (by their `object`), the
//! `example`s of an OpenAPI document's component schemas, and the JSON blocks of Plaid's
//! Identity Verification API reference (by the heading they sit under).

use serde_json::Value;

/// One example: the schema it claims to be, a label, and the JSON.
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

/// The component-level `example` of every schema of an OpenAPI document.
pub fn component_examples(doc: &Value, file: &str) -> Vec<Example> {
    let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) else { return Vec::new() };
    schemas
        .iter()
        .filter_map(|(name, s)| {
            let value = s.get("example")?.clone();
            Some(Example { schema: name.clone(), id: format!("{file}#/components/schemas/{name}/example"), value })
        })
        .collect()
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
