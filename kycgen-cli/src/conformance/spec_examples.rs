//! Every example an OpenAPI 3.0/3.1 document carries: component schemas' `example` (and
//! 3.1's `examples` list), media types' `example` and `examples` (request bodies and
//! responses, under `paths`, `webhooks` and `components`), and parameters' `example` and
//! `examples`. An example belongs to the schema beside it: a `$ref` to a component is that
//! component; an inline array whose `items` are such a `$ref` makes each item an example of
//! the component; any other inline schema is named by its JSON pointer (`#/paths/…/schema`)
//! and read into the IR under that name, so that it is checked like a component (it has no
//! generated type: only primitives round-trip, through the runner's primitive types).
//! Component parameters, request bodies, responses and examples are collected once, where
//! they are defined, not at every `$ref` to them.

use super::examples::Example;
use kycgen_codegen::source::escape_pointer;
use serde_json::Value;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const COMPONENTS: &str = "#/components/schemas/";

/// What a document holds: examples, the inline schemas they name (pointer → schema), and
/// the examples that cannot be checked, each with the reason.
#[derive(Default)]
pub struct Collected {
    pub examples: Vec<Example>,
    pub inline: Vec<(String, Value)>,
    pub skipped: Vec<String>,
}

/// The schema an example is checked against.
enum Target {
    Named(String),
    /// Each item of an array value is an example of the named component.
    Items(String),
    Inline(String),
}

struct Walk<'a> {
    doc: &'a Value,
    file: &'a str,
    out: Collected,
}

/// Collects every example of `doc` (shown as `file` in example ids).
pub fn collect(doc: &Value, file: &str) -> Collected {
    let mut w = Walk { doc, file, out: Collected::default() };
    for (name, s) in entries(doc, "/components/schemas") {
        let ptr = format!("/components/schemas/{}", escape_pointer(name));
        if let Some(v) = s.get("example") {
            w.push(&Target::Named(name.clone()), &format!("{ptr}/example"), v);
        }
        for (i, v) in s.get("examples").and_then(Value::as_array).into_iter().flatten().enumerate() {
            w.push(&Target::Named(name.clone()), &format!("{ptr}/examples/{i}"), v);
        }
    }
    for (name, p) in entries(doc, "/components/parameters") {
        w.parameter(&format!("/components/parameters/{}", escape_pointer(name)), p);
    }
    for kind in ["requestBodies", "responses"] {
        for (name, b) in entries(doc, &format!("/components/{kind}")) {
            w.body(&format!("/components/{kind}/{}", escape_pointer(name)), b);
        }
    }
    for top in ["paths", "webhooks"] {
        for (path, item) in entries(doc, &format!("/{top}")) {
            w.path_item(&format!("/{top}/{}", escape_pointer(path)), item);
        }
    }
    w.out
}

/// The entries of the mapping at `ptr` (none when absent or not a mapping).
fn entries<'a>(doc: &'a Value, ptr: &str) -> impl Iterator<Item = (&'a String, &'a Value)> {
    doc.pointer(ptr).and_then(Value::as_object).into_iter().flatten()
}

impl Walk<'_> {
    fn path_item(&mut self, ptr: &str, item: &Value) {
        self.parameters(&format!("{ptr}/parameters"), item.get("parameters"));
        for (method, op) in item.as_object().into_iter().flatten().filter(|(m, _)| METHODS.contains(&m.as_str())) {
            let op_ptr = format!("{ptr}/{method}");
            self.parameters(&format!("{op_ptr}/parameters"), op.get("parameters"));
            if let Some(body) = op.get("requestBody") {
                self.body(&format!("{op_ptr}/requestBody"), body);
            }
            for (status, response) in op.get("responses").and_then(Value::as_object).into_iter().flatten() {
                self.body(&format!("{op_ptr}/responses/{}", escape_pointer(status)), response);
            }
        }
    }

    fn parameters(&mut self, ptr: &str, list: Option<&Value>) {
        for (i, p) in list.and_then(Value::as_array).into_iter().flatten().enumerate() {
            self.parameter(&format!("{ptr}/{i}"), p);
        }
    }

    /// A parameter's own examples (against its `schema`) and those of its `content`.
    fn parameter(&mut self, ptr: &str, p: &Value) {
        if self.is_ref(ptr, p) {
            return;
        }
        self.examples_beside(ptr, p, p.get("schema"), &format!("{ptr}/schema"));
        self.content(ptr, p);
    }

    /// A request body or a response: the examples of each media type of its `content`.
    fn body(&mut self, ptr: &str, b: &Value) {
        if !self.is_ref(ptr, b) {
            self.content(ptr, b);
        }
    }

    fn content(&mut self, ptr: &str, v: &Value) {
        for (media_type, media) in v.get("content").and_then(Value::as_object).into_iter().flatten() {
            let mt_ptr = format!("{ptr}/content/{}", escape_pointer(media_type));
            self.examples_beside(&mt_ptr, media, media.get("schema"), &format!("{mt_ptr}/schema"));
        }
    }

    /// A `$ref`ed parameter, body or response is collected where it is defined: a local
    /// one among the components, one in another file not at all (said so).
    fn is_ref(&mut self, ptr: &str, v: &Value) -> bool {
        let Some(r) = v.get("$ref").and_then(Value::as_str) else { return false };
        if !r.starts_with("#/components/") {
            self.out.skipped.push(format!("{}#{ptr}: `$ref: {r}` leaves this document: its examples are not collected", self.file));
        }
        true
    }

    /// `example` and each `examples` entry of `holder`, against `schema`.
    fn examples_beside(&mut self, ptr: &str, holder: &Value, schema: Option<&Value>, schema_ptr: &str) {
        let mut found: Vec<(String, Value)> = Vec::new();
        if let Some(v) = holder.get("example") {
            found.push((format!("{ptr}/example"), v.clone()));
        }
        for (name, e) in holder.get("examples").and_then(Value::as_object).into_iter().flatten() {
            let e_ptr = format!("{ptr}/examples/{}", escape_pointer(name));
            match self.example_value(e) {
                Ok(v) => found.push((format!("{e_ptr}/value"), v)),
                Err(why) => self.out.skipped.push(format!("{}#{e_ptr}: {why}", self.file)),
            }
        }
        if found.is_empty() {
            return;
        }
        let Some(target) = self.target(schema, schema_ptr) else {
            let n = found.len();
            self.out.skipped.push(format!("{}#{ptr}: {n} examples without a schema in this document", self.file));
            return;
        };
        for (id, v) in found {
            self.push(&target, &id, &v);
        }
    }

    /// The `value` of an Example Object, following a local `$ref` to `components/examples`.
    fn example_value(&self, e: &Value) -> Result<Value, String> {
        let e = match e.get("$ref").and_then(Value::as_str) {
            Some(r) => r.strip_prefix('#').and_then(|p| self.doc.pointer(p)).ok_or_else(|| format!("`$ref: {r}` does not resolve in this document"))?,
            None => e,
        };
        match (e.get("value"), e.get("externalValue")) {
            (Some(v), _) => Ok(v.clone()),
            (None, Some(url)) => Err(format!("externalValue {url} is not fetched")),
            (None, None) => Err("an example without `value`".into()),
        }
    }

    fn target(&mut self, schema: Option<&Value>, ptr: &str) -> Option<Target> {
        let schema = schema?;
        if let Some(name) = component_ref(schema) {
            return Some(Target::Named(name));
        }
        if schema.get("$ref").is_some() {
            return None;
        }
        if schema.get("type").and_then(Value::as_str) == Some("array") {
            if let Some(name) = schema.get("items").and_then(component_ref) {
                return Some(Target::Items(name));
            }
        }
        let name = format!("#{ptr}");
        self.out.inline.push((name.clone(), schema.clone()));
        Some(Target::Inline(name))
    }

    fn push(&mut self, target: &Target, ptr: &str, value: &Value) {
        let id = format!("{}#{ptr}", self.file);
        let example = |schema: &str, id: String, value: &Value| Example { schema: schema.to_string(), id, value: value.clone() };
        match (target, value) {
            (Target::Named(s) | Target::Inline(s), v) => self.out.examples.push(example(s, id, v)),
            (Target::Items(s), Value::Array(items)) => {
                self.out.examples.extend(items.iter().enumerate().map(|(i, v)| example(s, format!("{id}/{i}"), v)));
            }
            (Target::Items(s), _) => self.out.skipped.push(format!("{id}: not an array, but its schema is an array of `{s}`")),
        }
    }
}

/// The component a schema `$ref`s (`#/components/schemas/NAME`), unescaped.
fn component_ref(schema: &Value) -> Option<String> {
    let r = schema.get("$ref")?.as_str()?.strip_prefix(COMPONENTS)?;
    Some(r.replace("~1", "/").replace("~0", "~"))
}
