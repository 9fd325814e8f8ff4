//! OpenAPI 3.0 and 3.1 reader: a parsed JSON tree in, IR schemas out, with every problem
//! reported against its JSON pointer.

mod schema;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::Spec;
use crate::source::{escape_pointer, SourceFile};
use serde_json::Value;

/// Reads the `components/schemas` of one OpenAPI document.
pub fn read(file: &SourceFile, doc: &Value, diags: &mut Diagnostics) -> Spec {
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
        Some(Value::Object(map)) => {
            let mut reader = schema::Reader { file: &file.display, diags };
            for (name, v) in map {
                let ptr = format!("/components/schemas/{}", escape_pointer(name));
                let s = reader.schema(v, &ptr);
                spec.schemas.insert(name.clone(), s);
            }
        }
        Some(_) => diags.push(err("/components/schemas", "`components/schemas` must be a mapping".into())),
    }
    spec
}
