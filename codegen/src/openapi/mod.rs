//! OpenAPI 3.0 and 3.1 reader: a parsed JSON tree in, IR schemas out, with every problem
//! reported against its JSON pointer.

mod operations;
pub mod paths;
mod schema;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Operation, Spec};
use crate::source::{escape_pointer, SourceFile};
use paths::{Load, PathItem};
use serde_json::Value;

/// Most named schemas one spec file may define (Plaid's full spec has 2,275).
pub const MAX_SCHEMAS: usize = 100_000;

/// Reads the `components/schemas` and `paths` of one OpenAPI document on its own: a path
/// item that is a `$ref` into another file is an error (read through
/// [`crate::read`] to follow those).
pub fn read(file: &SourceFile, doc: &Value, diags: &mut Diagnostics) -> Spec {
    let mut alone = |rel: &str| Err(Diagnostic::error(rel, "other files of a spec are read only through kycgen_codegen::read"));
    read_with_refs(file, doc, Some(&mut alone), diags).0
}

/// Reads one spec file and returns, with its schemas, the other files its `$ref`s point
/// into (relative to the spec root, already checked to stay inside it). A file without an
/// `openapi` field that is referenced from another is read as a mapping of schemas. With
/// `load` (the files the user named, not those only referenced), `paths` is read too, its
/// `$ref`s to path items followed through `load`.
pub fn read_with_refs(file: &SourceFile, doc: &Value, load: Option<&mut Load<'_>>, diags: &mut Diagnostics) -> (Spec, Vec<String>) {
    let mut external = Vec::new();
    let mut spec = read_doc(file, doc, diags, &mut external);
    if let Some(load) = load {
        let items = paths::path_items(file, doc, load, diags);
        spec.operations = operations(doc, &items, &file.rel, &mut external, diags);
        spec.webhooks = operations::webhooks(file, doc, &mut external, diags);
    }
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

/// Reads one schema that is not a component (the inline schema of a media type or a
/// parameter) into the IR, for checking values against it; `ptr` locates its problems.
/// Local `$ref`s become [`crate::ir::Kind::Ref`]s to component schemas.
pub fn read_inline_schema(file: &SourceFile, v: &Value, ptr: &str, diags: &mut Diagnostics) -> crate::ir::Schema {
    schema::Reader { file: &file.display, rel: &file.rel, diags, external: Vec::new(), schema_file: false }.schema(v, ptr)
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
            diags.push(err("/swagger", "swagger 2.0 documents are not supported: convert to openapi 3 first".into()));
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
            spec.schemas.reserve(map.len());
            for mut chunk in component_schemas(file, map) {
                spec.schemas.extend(chunk.schemas);
                diags.extend(chunk.diags);
                external.append(&mut chunk.external);
            }
        }
        Some(_) => diags.push(err("/components/schemas", "`components/schemas` must be a mapping".into())),
    }
    spec.security_schemes = operations::schemes(doc);
    spec.servers = operations::servers(file, doc);
    spec.security = root.get("security").map(operations::security).unwrap_or_default();
    spec
}

/// What reading a chunk of component schemas gave: the schemas in document order, the
/// diagnostics and the files their `$ref`s lead into.
struct SchemaChunk {
    schemas: Vec<(String, crate::ir::Schema)>,
    diags: Diagnostics,
    external: Vec<String>,
}

/// The component schemas read into the IR on all cores, a chunk at a time, so that merging
/// the chunks in order is reading the schemas one by one.
fn component_schemas(file: &SourceFile, map: &serde_json::Map<String, Value>) -> Vec<SchemaChunk> {
    let entries: Vec<(&String, &Value)> = map.iter().collect();
    let threads = crate::par::cores();
    let chunks: Vec<&[(&String, &Value)]> = entries.chunks(entries.len().div_ceil(threads * 32).max(1)).collect();
    let read = crate::par::map_in_turn(&chunks, threads, Some(crate::source::PARSER_STACK), |chunk| {
        let mut diags = Diagnostics::new();
        let mut reader = schema::Reader { file: &file.display, rel: &file.rel, diags: &mut diags, external: Vec::new(), schema_file: false };
        let schemas = chunk.iter().map(|(name, v)| ((*name).clone(), reader.schema(v, &format!("/components/schemas/{}", escape_pointer(name))))).collect();
        let external = reader.external;
        Ok::<_, ()>(SchemaChunk { schemas, diags, external })
    });
    read.into_iter().map(|r| r.and_then(Result::ok).unwrap_or_else(|| panicked(file))).collect()
}

/// A chunk of schemas whose reading panicked: reported, so the run stops.
fn panicked(file: &SourceFile) -> SchemaChunk {
    let mut diags = Diagnostics::new();
    diags.push(Diagnostic::error(file.display.clone(), "internal error: reading the component schemas panicked").at_pointer("/components/schemas"));
    SchemaChunk { schemas: Vec::new(), diags, external: Vec::new() }
}

/// Each operation of the path items with the component schemas it refers to (anywhere in
/// its request, parameters or responses). Files those refs point into are added to
/// `external` (the item's own file too, when it is not `top` and refers to its own
/// schemas), to be read for their schemas.
fn operations(doc: &Value, items: &[PathItem], top: &str, external: &mut Vec<String>, diags: &mut Diagnostics) -> Vec<Operation> {
    const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let mut out = Vec::new();
    for PathItem { path, rel, display, pointer, item } in items {
        for (method, op) in item.iter().filter(|(m, _)| METHODS.contains(&m.as_str())) {
            let mut refs = Refs { rel, display, names: Vec::new(), files: Vec::new(), diags: &mut *diags };
            refs.collect(op, &mut format!("{pointer}/{method}"), false);
            let (schemas, files) = (refs.names, refs.files);
            for f in files.into_iter().map(|f| f.unwrap_or_else(|| rel.clone())).filter(|f| f != top) {
                if !external.contains(&f) {
                    external.push(f);
                }
            }
            let mut o = Operation { method: method.clone(), path: path.clone(), schemas, ..Operation::default() };
            let root = match &item {
                paths::Item::Doc(_) => doc,
                paths::Item::File(d, _) => &**d,
            };
            let at = operations::Place { rel, display, root, item, pointer };
            operations::describe(&at, method, op, &mut o);
            out.push(o);
        }
    }
    out
}

/// The schema `$ref`s of one operation, written in the file `rel`.
struct Refs<'a> {
    rel: &'a str,
    display: &'a str,
    names: Vec<String>,
    /// Files the named schemas are in: `None` for `rel` itself.
    files: Vec<Option<String>>,
    diags: &'a mut Diagnostics,
}

impl Refs<'_> {
    /// `in_schema`: below a `schema` key, where every `$ref` names a schema. `ptr` is the
    /// pointer of `v`, one buffer for the whole walk (Stripe's operations are large).
    fn collect(&mut self, v: &Value, ptr: &mut String, in_schema: bool) {
        let len = ptr.len();
        match v {
            Value::Object(m) => {
                if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                    self.reference(r, &format!("{ptr}/$ref"), in_schema);
                }
                for (k, v) in m {
                    ptr.push('/');
                    ptr.push_str(&escape_pointer(k));
                    self.collect(v, ptr, in_schema || k == "schema");
                    ptr.truncate(len);
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    let _ = std::fmt::Write::write_fmt(ptr, format_args!("/{i}"));
                    self.collect(v, ptr, in_schema);
                    ptr.truncate(len);
                }
            }
            _ => {}
        }
    }

    /// `#/components/schemas/Name` in any file of the spec, or `file#/Name` (a file that
    /// is a mapping of schemas) where a schema is expected. Any other ref where a schema
    /// is expected is an error, as in a schema; elsewhere (parameters, responses) it is not
    /// a schema ref.
    fn reference(&mut self, r: &str, ptr: &str, in_schema: bool) {
        let (path, fragment) = r.split_once('#').unwrap_or((r, ""));
        let name = fragment.strip_prefix("/components/schemas/").or_else(|| fragment.strip_prefix('/').filter(|_| in_schema && !path.is_empty()));
        let Some(name) = name.filter(|n| !n.is_empty() && !n.contains('/')) else {
            if in_schema {
                self.diags.push(Diagnostic::error(self.display, schema::unsupported_ref(r)).at_pointer(ptr));
            }
            return;
        };
        let file = if path.is_empty() {
            None
        } else {
            match crate::source::join_rel(self.rel, path) {
                Ok(f) => Some(f),
                Err(msg) => {
                    self.diags.push(Diagnostic::error(self.display, msg).at_pointer(ptr));
                    return;
                }
            }
        };
        let name = schema::unescape_pointer(name);
        if !self.names.contains(&name) {
            self.names.push(name);
        }
        if !self.files.contains(&file) {
            self.files.push(file);
        }
    }
}
