//! A hand-maintained subset spec regenerated from a new upstream: the configured
//! operations' path items and every component the roots and those operations reach, in
//! upstream's structure; our descriptions, summaries and enum value meanings
//! (`x-enum-descriptions`) where our subset has the same node, none where it does not (facts
//! only). `info` (but its version), `servers`, `security`,
//! `components.securitySchemes` and the responses our operations add (error objects Plaid's
//! spec leaves out) stay ours; upstream's tags, external links, request and response
//! examples and `x-` extensions are left out of operations.

use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Keywords holding vendor prose rather than facts.
const TEXT: [&str; 2] = ["description", "summary"];

/// Our meanings of an enum's values, kept beside upstream's `enum` (the generator warns about
/// a meaning whose value upstream dropped).
const MEANINGS: &str = "x-enum-descriptions";

/// Keywords whose object value maps names (properties, status codes, media types,
/// component names) to keyword objects.
const NAMED: [&str; 13] =
    ["properties", "patternProperties", "paths", "responses", "content", "headers", "schemas", "parameters", "requestBodies", "examples", "links", "callbacks", "encoding"];

/// Keywords whose value is data, never walked into.
const DATA: [&str; 5] = ["example", "examples", "default", "enum", "const"];

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Operation keywords that are presentation, not interface: left out of a subset.
const PRESENTATION: [&str; 4] = ["tags", "externalDocs", "examples", "example"];

/// The regenerated subset document; an error names what upstream lacks or what the subset
/// cannot take (a `$ref` outside the document).
pub fn regenerate(ours: &Value, upstream: &Value, roots: &[String], operations: &[String]) -> Result<Value, String> {
    let paths = pick_operations(upstream, ours, operations)?;
    let mut wanted: BTreeSet<(String, String)> = roots.iter().map(|r| ("schemas".to_string(), r.clone())).collect();
    collect_refs(&Value::Object(paths.clone()), &mut wanted)?;
    let components = closure(upstream, wanted)?;

    let mut doc = Map::new();
    doc.insert("openapi".into(), upstream.get("openapi").cloned().unwrap_or(Value::Null));
    let mut info = ours.get("info").and_then(Value::as_object).cloned().unwrap_or_default();
    if let Some(v) = upstream.pointer("/info/version") {
        info.insert("version".into(), v.clone());
    }
    doc.insert("info".into(), Value::Object(info));
    for key in ["servers", "security"] {
        if let Some(v) = ours.get(key) {
            doc.insert(key.into(), v.clone());
        }
    }
    let mut paths = Value::Object(paths);
    overlay(&mut paths, ours.get("paths"), true);
    doc.insert("paths".into(), paths);
    let mut comps = Map::new();
    if let Some(s) = ours.pointer("/components/securitySchemes") {
        comps.insert("securitySchemes".into(), s.clone());
    }
    for (kind, entries) in components {
        let mut entries = entries;
        overlay(&mut entries, ours.pointer(&format!("/components/{kind}")), true);
        comps.insert(kind, entries);
    }
    doc.insert("components".into(), Value::Object(comps));
    Ok(Value::Object(doc))
}

/// Upstream's path items reduced to the listed operations (and the path-level keys beside
/// them), with the responses only our subset has; every listed operation must be found.
fn pick_operations(upstream: &Value, ours: &Value, operations: &[String]) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    let mut found = BTreeSet::new();
    for (path, item) in upstream.get("paths").and_then(Value::as_object).into_iter().flatten() {
        let Some(item) = item.as_object() else { continue };
        if item.contains_key("$ref") {
            return Err(format!("upstream path `{path}` is a `$ref`: a subset is taken from one self-contained file"));
        }
        let mut kept = Map::new();
        for (key, op) in item {
            let id = op.get("operationId").and_then(Value::as_str);
            if !METHODS.contains(&key.as_str()) {
                kept.insert(key.clone(), op.clone());
            } else if let Some(id) = id.filter(|id| operations.iter().any(|o| o == id)) {
                found.insert(id.to_string());
                let mut op = op.clone();
                let our_op = ours.get("paths").and_then(|p| p.get(path)).and_then(|p| p.get(key));
                add_our_responses(&mut op, our_op);
                strip_presentation(&mut op);
                kept.insert(key.clone(), op);
            }
        }
        if kept.keys().any(|k| METHODS.contains(&k.as_str())) {
            out.insert(path.clone(), Value::Object(kept));
        }
    }
    let missing: Vec<String> = operations.iter().filter(|o| !found.contains(*o)).map(|o| format!("`{o}`")).collect();
    if !missing.is_empty() {
        return Err(format!("upstream lacks the operations {}", missing.join(", ")));
    }
    Ok(out)
}

/// The responses (by status) our version of the operation has and upstream's lacks.
fn add_our_responses(op: &mut Value, ours: Option<&Value>) {
    let Some(mine) = ours.and_then(|o| o.get("responses")).and_then(Value::as_object) else { return };
    let Some(theirs) = op.get_mut("responses").and_then(Value::as_object_mut) else { return };
    for (status, response) in mine {
        if !theirs.contains_key(status) {
            theirs.insert(status.clone(), response.clone());
        }
    }
}

/// Drops presentation keywords and `x-` extensions from an operation, down to its media
/// types (schemas below them are left alone).
fn strip_presentation(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, _| !PRESENTATION.contains(&k.as_str()) && !k.starts_with("x-"));
            m.iter_mut().filter(|(k, _)| k.as_str() != "schema").for_each(|(_, v)| strip_presentation(v));
        }
        Value::Array(a) => a.iter_mut().for_each(strip_presentation),
        _ => {}
    }
}

/// Every `#/components/KIND/NAME` the value refers to.
fn collect_refs(v: &Value, out: &mut BTreeSet<(String, String)>) -> Result<(), String> {
    match v {
        Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                let parts: Vec<&str> = r.strip_prefix("#/components/").map(|p| p.split('/').collect()).unwrap_or_default();
                let [kind, name] = parts[..] else {
                    return Err(format!("upstream `$ref: {r}` is not a component of the same document"));
                };
                out.insert((kind.to_string(), name.replace("~1", "/").replace("~0", "~")));
            }
            // `default` is not skipped: in `responses` it is a status, not a value.
            m.iter().filter(|(k, _)| *k == "default" || !DATA.contains(&k.as_str())).try_for_each(|(_, v)| collect_refs(v, out))
        }
        Value::Array(a) => a.iter().try_for_each(|v| collect_refs(v, out)),
        _ => Ok(()),
    }
}

/// The components `wanted` reaches through `$ref`, by kind, each kind in upstream's order.
fn closure(upstream: &Value, mut wanted: BTreeSet<(String, String)>) -> Result<Map<String, Value>, String> {
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    while let Some(next) = wanted.iter().find(|w| !seen.contains(*w)).cloned() {
        let (kind, name) = &next;
        let node = upstream
            .get("components")
            .and_then(|c| c.get(kind))
            .and_then(|c| c.get(name))
            .ok_or_else(|| format!("upstream lacks `#/components/{kind}/{name}`"))?;
        collect_refs(node, &mut wanted)?;
        seen.insert(next);
    }
    let mut out = Map::new();
    for (kind, entries) in upstream.get("components").and_then(Value::as_object).into_iter().flatten() {
        let kept: Map<String, Value> = entries
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(name, _)| seen.contains(&(kind.clone(), (*name).clone())))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !kept.is_empty() && kind != "securitySchemes" {
            out.insert(kind.clone(), Value::Object(kept));
        }
    }
    Ok(out)
}

/// Our prose onto upstream's structure: at every keyword object, `description` and
/// `summary` are ours when our subset has the same node (same keys down from the document
/// root; list items by `name`, else position) and absent otherwise; so are the meanings of an
/// `enum`'s values.
fn overlay(node: &mut Value, ours: Option<&Value>, named: bool) {
    match node {
        Value::Object(m) if named => {
            for (k, v) in m.iter_mut() {
                overlay(v, ours.and_then(|o| o.get(k)), false);
            }
        }
        Value::Object(m) => {
            for key in TEXT {
                if m.get(key).is_some_and(Value::is_string) {
                    match ours.and_then(|o| o.get(key)).filter(|t| t.is_string()) {
                        Some(text) => m.insert(key.into(), text.clone()),
                        None => m.shift_remove(key),
                    };
                }
            }
            match ours.and_then(|o| o.get(MEANINGS)).filter(|_| m.contains_key("enum")) {
                Some(meanings) => m.insert(MEANINGS.into(), meanings.clone()),
                None => m.shift_remove(MEANINGS),
            };
            for (k, v) in m.iter_mut() {
                if DATA.contains(&k.as_str()) || k.starts_with("x-") || TEXT.contains(&k.as_str()) {
                    continue;
                }
                overlay(v, ours.and_then(|o| o.get(k)), NAMED.contains(&k.as_str()) && v.is_object());
            }
        }
        Value::Array(items) => {
            let theirs = ours.and_then(Value::as_array);
            for (i, v) in items.iter_mut().enumerate() {
                let by_name = v.get("name").and_then(|n| theirs?.iter().find(|o| o.get("name") == Some(n)));
                let mine = if v.get("name").is_some() { by_name } else { theirs.and_then(|t| t.get(i)) };
                overlay(v, mine, false);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn upstream() -> Value {
        json!({
            "openapi": "3.0.0",
            "info": {"title": "Vendor", "version": "2", "description": "theirs"},
            "paths": {
                "/thing/get": {"post": {"operationId": "thingGet", "summary": "Their summary", "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingGetRequest"}}}}, "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}},
                "/other": {"post": {"operationId": "other", "responses": {}}}
            },
            "components": {"schemas": {
                "ThingGetRequest": {"type": "object", "description": "theirs", "properties": {"id": {"type": "string", "description": "theirs"}}},
                "Thing": {"type": "object", "properties": {"status": {"$ref": "#/components/schemas/Status"}, "description": {"type": "string", "description": "theirs", "example": "kept"}}},
                "Status": {"type": "string", "enum": ["a", "b"], "description": "theirs"},
                "Unrelated": {"type": "string"}
            }}
        })
    }

    #[test]
    fn takes_upstream_structure_and_our_prose_only() {
        let ours = json!({
            "openapi": "3.0.3",
            "info": {"title": "Ours", "version": "1"},
            "servers": [{"url": "https://x", "description": "our server"}],
            "paths": {"/thing/get": {"post": {"summary": "Our summary", "responses": {"200": {"description": "Our OK"}}}}},
            "components": {"schemas": {"Thing": {"properties": {"description": {"description": "ours"}}}, "ThingGetRequest": {"description": "our request"}}}
        });
        let mut with_meanings = ours.clone();
        with_meanings["components"]["schemas"]["Status"] = json!({"enum": ["a"], "x-enum-descriptions": {"a": "Our a.", "gone": "Kept: generate warns."}});
        let doc = regenerate(&with_meanings, &upstream(), &["Thing".into()], &["thingGet".into()]).unwrap();
        let status = &doc["components"]["schemas"]["Status"];
        assert_eq!(status["x-enum-descriptions"], with_meanings["components"]["schemas"]["Status"]["x-enum-descriptions"], "our meanings stay");
        assert_eq!(status["enum"], json!(["a", "b"]), "upstream's values");
        let doc = regenerate(&ours, &upstream(), &["Thing".into()], &["thingGet".into()]).unwrap();
        assert_eq!(doc["openapi"], "3.0.0");
        assert_eq!(doc["info"], json!({"title": "Ours", "version": "2"}));
        assert_eq!(doc["servers"], ours["servers"]);
        assert!(doc["paths"].get("/other").is_none(), "operations not listed are left out");
        let op = &doc["paths"]["/thing/get"]["post"];
        assert_eq!(op["summary"], "Our summary");
        assert_eq!(op["responses"]["200"]["description"], "Our OK");
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["ThingGetRequest", "Thing", "Status"], "reached, in upstream's order");
        assert_eq!(schemas["ThingGetRequest"], json!({"type": "object", "description": "our request", "properties": {"id": {"type": "string"}}}));
        assert_eq!(schemas["Thing"]["properties"]["description"], json!({"type": "string", "description": "ours", "example": "kept"}));
        assert_eq!(schemas["Status"], json!({"type": "string", "enum": ["a", "b"]}), "a new schema comes without prose");
    }

    #[test]
    fn refuses_what_it_cannot_take() {
        let missing = regenerate(&json!({}), &upstream(), &["Gone".into()], &[]).unwrap_err();
        assert!(missing.contains("`#/components/schemas/Gone`"), "{missing}");
        let op = regenerate(&json!({}), &upstream(), &[], &["nope".into()]).unwrap_err();
        assert!(op.contains("`nope`"), "{op}");
        let mut remote = upstream();
        remote["components"]["schemas"]["Status"] = json!({"$ref": "https://example.com/s.yaml#/Status"});
        let err = regenerate(&json!({}), &remote, &["Thing".into()], &[]).unwrap_err();
        assert!(err.contains("not a component of the same document"), "{err}");
    }
}
