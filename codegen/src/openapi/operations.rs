//! The operations of `paths` in detail: `operationId`, parameters (path item's and the
//! operation's, local `$ref`s resolved), request body, responses and security, plus the
//! document's `securitySchemes`. Problems are kept on the operation and reported only if
//! it is generated.

use super::schema::{unescape_pointer, Reader};
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Docs, Operation, Origin, ParamIn, Parameter, RequestBody, Response, SecurityScheme};
use crate::source::{escape_pointer, SourceFile};
use serde_json::{Map, Value};

/// Body media types kycgen encodes, in the order it prefers them.
const BODY_TYPES: &[&str] = &["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

/// Where an operation's path item is: its file (relative to the spec root, and as shown),
/// the document it is in (for local `$ref`s), the item and its JSON pointer.
pub(super) struct Place<'a> {
    pub rel: &'a str,
    pub display: &'a str,
    pub root: &'a Value,
    pub item: &'a Map<String, Value>,
    pub pointer: &'a str,
}

/// Fills in the details of the operation `method` of a path item (its origin, id, docs,
/// parameters, body, responses and security); problems are kept on the operation. The
/// files its schemas refer to are found by the caller, with those of the rest of the item.
pub(super) fn describe(at: &Place, method: &str, op: &Value, o: &mut Operation) {
    let mut diags = Diagnostics::new();
    let ptr = format!("{}/{method}", at.pointer);
    let mut r = Reader { file: at.display, rel: at.rel, diags: &mut diags, external: Vec::new(), schema_file: false };
    o.origin = Origin { file: at.display.to_string(), pointer: ptr.clone(), line: 0 };
    detail(&mut r, at.root, at.item, op, &ptr, at.pointer, o);
    o.problems = diags.into_vec();
}

fn detail(r: &mut Reader, root: &Value, item: &Map<String, Value>, op: &Value, ptr: &str, item_ptr: &str, o: &mut Operation) {
    let text = |k: &str| op.get(k).and_then(Value::as_str).map(str::to_string);
    o.operation_id = text("operationId");
    o.docs = Docs { title: text("summary"), description: text("description") };
    let mut params = Vec::new();
    for (list, at) in [(item.get("parameters"), item_ptr.to_string()), (op.get("parameters"), ptr.to_string())] {
        let Some(list) = list.and_then(Value::as_array) else { continue };
        for (i, p) in list.iter().enumerate() {
            if let Some(p) = parameter(r, root, p, &format!("{at}/parameters/{i}")) {
                // An operation's parameter replaces the path item's of the same name and place.
                params.retain(|q: &Parameter| !(q.name == p.name && q.location == p.location));
                params.push(p);
            }
        }
    }
    o.parameters = params;
    if let Some(b) = op.get("requestBody") {
        o.body = request_body(r, root, b, &format!("{ptr}/requestBody"));
    }
    if let Some(Value::Object(responses)) = op.get("responses") {
        for (status, resp) in responses {
            let rptr = format!("{ptr}/responses/{}", escape_pointer(status));
            o.responses.push(response(r, root, status, resp, &rptr));
        }
    }
    o.security = op.get("security").map(security);
    if let Some(Value::Object(callbacks)) = op.get("callbacks") {
        for (name, cb) in callbacks {
            let cptr = format!("{ptr}/callbacks/{}", escape_pointer(name));
            o.callbacks.push(crate::ir::Callback { name: name.clone(), body: callback_body(r, root, cb, &cptr) });
        }
    }
}

/// The JSON request body of a callback's first request (`{expression: {method: operation}}`).
fn callback_body(r: &mut Reader, root: &Value, cb: &Value, ptr: &str) -> Option<crate::ir::Schema> {
    let (cb, ptr) = deref(r, root, cb, ptr)?;
    let (expr, item) = cb.as_object()?.iter().next()?;
    item_body(r, root, item, &format!("{ptr}/{}", escape_pointer(expr)))
}

/// The document's `webhooks` (OpenAPI 3.1): each entry's name and the JSON body of the request
/// its path item describes, read like a callback's. Files their schemas are in go to `external`.
pub(super) fn webhooks(file: &SourceFile, doc: &Value, external: &mut Vec<String>, diags: &mut Diagnostics) -> Vec<crate::ir::Callback> {
    let Some(Value::Object(hooks)) = doc.get("webhooks") else { return Vec::new() };
    let mut r = Reader { file: &file.display, rel: &file.rel, diags, external: Vec::new(), schema_file: false };
    let out = hooks
        .iter()
        .map(|(name, item)| {
            let ptr = format!("/webhooks/{}", escape_pointer(name));
            let body = deref(&mut r, doc, item, &ptr).and_then(|(item, ptr)| item_body(&mut r, doc, item, &ptr));
            crate::ir::Callback { name: name.clone(), body }
        })
        .collect();
    external.extend(r.external.into_iter().filter(|f| f != &file.rel));
    out
}

/// The JSON body of the first request of a path item that has one.
fn item_body(r: &mut Reader, root: &Value, item: &Value, ptr: &str) -> Option<crate::ir::Schema> {
    let (method, op) = item.as_object()?.iter().find(|(_, v)| v.get("requestBody").is_some())?;
    let bptr = format!("{ptr}/{method}/requestBody");
    let (body, bptr) = deref(r, root, &op["requestBody"], &bptr)?;
    let schema = body.pointer("/content/application~1json/schema")?;
    Some(r.schema(schema, &format!("{bptr}/content/application~1json/schema")))
}

/// Follows a local `$ref` (`#/components/parameters/X`) to its target; remote ones are
/// an error (a spec never makes kycgen fetch anything).
fn deref<'v>(r: &mut Reader, root: &'v Value, v: &'v Value, ptr: &str) -> Option<(&'v Value, String)> {
    let Some(target) = v.get("$ref") else { return Some((v, ptr.to_string())) };
    let target = target.as_str().unwrap_or_default();
    let Some(local) = target.strip_prefix('#') else {
        r.diags.push(Diagnostic::error(r.file, format!("`$ref: {target}`: operation parts may only refer inside this document")).at_pointer(format!("{ptr}/$ref")));
        return None;
    };
    match root.pointer(local) {
        Some(found) if found.get("$ref").is_none() => Some((found, local.to_string())),
        _ => {
            r.diags.push(Diagnostic::error(r.file, format!("`$ref: {target}` does not point to a definition in this document")).at_pointer(format!("{ptr}/$ref")));
            None
        }
    }
}

fn parameter(r: &mut Reader, root: &Value, v: &Value, ptr: &str) -> Option<Parameter> {
    let (v, ptr) = deref(r, root, v, ptr)?;
    let name = v.get("name").and_then(Value::as_str);
    let location = match v.get("in").and_then(Value::as_str) {
        Some("path") => ParamIn::Path,
        Some("query") => ParamIn::Query,
        Some("header") => ParamIn::Header,
        Some("cookie") => ParamIn::Cookie,
        _ => {
            r.diags.push(Diagnostic::error(r.file, "a parameter needs `in`: path, query, header or cookie").at_pointer(ptr.clone()));
            return None;
        }
    };
    let Some(name) = name else {
        r.diags.push(Diagnostic::error(r.file, "a parameter needs a `name`").at_pointer(ptr));
        return None;
    };
    let default_style = if matches!(location, ParamIn::Query | ParamIn::Cookie) { "form" } else { "simple" };
    let style = v.get("style").and_then(Value::as_str).unwrap_or(default_style).to_string();
    let explode = v.get("explode").and_then(Value::as_bool).unwrap_or(style == "form");
    let schema = match v.get("schema") {
        Some(s) => r.schema(s, &format!("{ptr}/schema")),
        None => {
            r.diags.push(Diagnostic::warning(r.file, format!("parameter `{name}` has no `schema`: sent as a string")).at_pointer(ptr.clone()));
            crate::ir::Schema { kind: crate::ir::Kind::String { format: None }, ..Default::default() }
        }
    };
    let required = location == ParamIn::Path || v.get("required").and_then(Value::as_bool).unwrap_or(false);
    Some(Parameter { name: name.to_string(), location, required, style, explode, schema })
}

fn request_body(r: &mut Reader, root: &Value, v: &Value, ptr: &str) -> Option<RequestBody> {
    let (v, ptr) = deref(r, root, v, ptr)?;
    let content = v.get("content").and_then(Value::as_object)?;
    let Some(ct) = BODY_TYPES.iter().find(|t| content.contains_key(**t)) else {
        let found: Vec<&String> = content.keys().collect();
        r.diags.push(Diagnostic::error(r.file, format!("request body media types {found:?}: kycgen encodes only {BODY_TYPES:?}")).at_pointer(format!("{ptr}/content")));
        return None;
    };
    let media_ptr = format!("{ptr}/content/{}", escape_pointer(ct));
    let schema = content[*ct].get("schema").map(|s| r.schema(s, &format!("{media_ptr}/schema"))).unwrap_or_default();
    Some(RequestBody { content_type: ct.to_string(), required: v.get("required").and_then(Value::as_bool).unwrap_or(false), schema })
}

fn response(r: &mut Reader, root: &Value, status: &str, v: &Value, ptr: &str) -> Response {
    let mut out = Response { status: status.to_string(), schema: None };
    let Some((v, ptr)) = deref(r, root, v, ptr) else { return out };
    let json = v.get("content").and_then(Value::as_object).and_then(|c| {
        c.iter().find(|(t, _)| t.as_str() == "application/json" || (t.starts_with("application/") && t.ends_with("+json")))
    });
    if let Some((t, media)) = json {
        let sptr = format!("{ptr}/content/{}/schema", escape_pointer(t));
        out.schema = media.get("schema").map(|s| r.schema(s, &sptr));
    }
    out
}

/// The document's `servers` with string URLs, in order. A URL with `variables` becomes one
/// server per combination of their `enum` values (a variable without `enum` takes its
/// `default`), so each region of a vendor is a server of its own.
pub(super) fn servers(file: &SourceFile, root: &Value) -> Vec<crate::ir::Server> {
    let list = root.get("servers").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let text = |s: &Value, k: &str| s.get(k).and_then(Value::as_str).map(str::to_string);
    let mut out = Vec::new();
    for (i, s) in list.iter().enumerate() {
        let Some(url) = text(s, "url") else { continue };
        let origin = Origin { file: file.display.clone(), pointer: format!("/servers/{i}"), line: 0 };
        let mut expanded = vec![(url, Vec::new())];
        for (name, var) in s.get("variables").and_then(Value::as_object).into_iter().flatten() {
            let values: Vec<String> = match var.get("enum").and_then(Value::as_array) {
                Some(e) => e.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                None => text(var, "default").into_iter().collect(),
            };
            let enumerated = var.get("enum").is_some();
            let place = format!("{{{name}}}");
            let mut next = Vec::new();
            for (u, chosen) in &expanded {
                for v in &values {
                    let mut chosen = chosen.clone();
                    if enumerated {
                        chosen.push(v.clone());
                    }
                    next.push((u.replace(&place, v), chosen));
                }
            }
            expanded = next;
        }
        let description = text(s, "description");
        out.extend(expanded.into_iter().map(|(url, variables)| crate::ir::Server { url, description: description.clone(), variables, origin: origin.clone() }));
    }
    out
}

/// A `security` list: alternatives, each the scheme names used together.
pub(super) fn security(v: &Value) -> Vec<Vec<String>> {
    let list = v.as_array().map(Vec::as_slice).unwrap_or_default();
    list.iter().map(|req| req.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()).collect()
}

/// `components/securitySchemes`, as far as requests need them.
pub(super) fn schemes(root: &Value) -> indexmap::IndexMap<String, SecurityScheme> {
    let mut out = indexmap::IndexMap::new();
    let Some(map) = root.pointer("/components/securitySchemes").and_then(Value::as_object) else { return out };
    for (name, s) in map {
        let get = |k: &str| s.get(k).and_then(Value::as_str).unwrap_or_default();
        let scheme = match (get("type"), get("in"), get("scheme").to_ascii_lowercase().as_str()) {
            ("apiKey", "header", _) => SecurityScheme::Header(get("name").to_string()),
            ("http", _, "bearer") => SecurityScheme::Bearer,
            ("http", _, "basic") => SecurityScheme::Basic,
            (t, _, _) => SecurityScheme::Other(t.to_string()),
        };
        out.insert(unescape_pointer(name), scheme);
    }
    out
}
