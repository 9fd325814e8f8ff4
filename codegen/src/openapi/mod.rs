//! OpenAPI 3.0 and 3.1 reader: a parsed JSON tree in, IR schemas out, with every problem
//! reported against its JSON pointer.

mod operations;
mod schema;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::Spec;
use crate::source::{escape_pointer, SourceFile};
use serde_json::Value;

/// Most named schemas one spec file may define (Plaid's full spec has 2,275).
pub const MAX_SCHEMAS: usize = 100_000;

/// Reads the `components/schemas` of one OpenAPI document.
pub fn read(file: &SourceFile, doc: &Value, diags: &mut Diagnostics) -> Spec {
    read_with_refs(file, doc, diags).0
}

/// Reads one spec file and returns, with its schemas, the other files its `$ref`s point
/// into (relative to the spec root, already checked to stay inside it). A file without an
/// `openapi` field that is referenced from another is read as a mapping of schemas.
pub fn read_with_refs(file: &SourceFile, doc: &Value, diags: &mut Diagnostics) -> (Spec, Vec<String>) {
    let mut external = Vec::new();
    let spec = read_doc(file, doc, diags, &mut external);
    (spec, external)
}

/// A referenced file that is a plain mapping of schema name → schema.
pub fn read_schema_file(file: &SourceFile, doc: &Value, diags: &mut Diagnostics) -> (Spec, Vec<String>) {
    let mut spec = Spec { files: vec![file.display.clone()], ..Spec::default() };
    let Some(map) = doc.as_object() else {
        diags.push(Diagnostic::error(file.display.clone(), "a referenced schema file must be a mapping of schema names to schemas"));
        return (spec, Vec::new());
    };
    let mut reader = schema::Reader { file: &file.display, rel: &file.rel, diags, external: Vec::new(), schema_file: true };
    for (name, v) in map {
        let s = reader.schema(v, &format!("/{}", escape_pointer(name)));
        spec.schemas.insert(name.clone(), s);
    }
    (spec, reader.external)
}

fn read_doc(file: &SourceFile, doc: &Value, diags: &mut Diagnostics, external: &mut Vec<String>) -> Spec {
    let mut spec = Spec { files: vec![file.display.clone()], ..Spec::default() };
    let err = |ptr: &str, msg: String| Diagnostic::error(file.display.clone(), msg).at_pointer(ptr);
    let Some(root) = doc.as_object() else {
        diags.push(err("", "an openapi document must be a mapping at the top level".into()));
        return spec;
    };
    match root.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0") || v.starts_with("3.1") => {}
        Some(Value::String(v)) => diags.push(err("/openapi", format!("unsupported openapi version `{v}`: kycgen reads 3.0 and 3.1"))),
        Some(_) => diags.push(err("/openapi", "`openapi` must be a version string such as \"3.0.3\"".into())),
        None if root.contains_key("swagger") => {
            diags.push(err("/swagger", "swagger 2.0 documents are not supported: convert to openapi 3 first".into()))
        }
        None => diags.push(err("", "missing `openapi` version field: is this an openapi document?".into())),
    }
    if let Some(info) = root.get("info") {
        spec.title = info.get("title").and_then(Value::as_str).map(str::to_string);
        spec.version = info.get("version").and_then(Value::as_str).map(str::to_string);
    }
    let schemas = root.get("components").and_then(|c| c.get("schemas"));
    match schemas {
        None => {}
        Some(Value::Object(map)) if map.len() > MAX_SCHEMAS => diags.push(err(
            "/components/schemas",
            format!("the spec defines {} schemas, over the limit of {MAX_SCHEMAS}", map.len()),
        )),
        Some(Value::Object(map)) => {
            let mut reader = schema::Reader { file: &file.display, rel: &file.rel, diags, external: Vec::new(), schema_file: false };
            for (name, v) in map {
                let ptr = format!("/components/schemas/{}", escape_pointer(name));
                let s = reader.schema(v, &ptr);
                spec.schemas.insert(name.clone(), s);
            }
            external.append(&mut reader.external);
        }
        Some(_) => diags.push(err("/components/schemas", "`components/schemas` must be a mapping".into())),
    }
    if let Some(Value::Object(paths)) = root.get("paths") {
        spec.operations = operations::read(file, doc, paths, external);
    }
    spec.security_schemes = operations::schemes(doc);
    spec.servers = operations::servers(file, doc);
    spec.security = root.get("security").map(operations::security).unwrap_or_default();
    spec
}

/// Names of the component schemas `v` refers to, anywhere inside it.
pub(crate) fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(name) = m.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/")) {
                let name = schema::unescape_pointer(name);
                if !out.contains(&name) {
                    out.push(name);
                }
            }
            m.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}
