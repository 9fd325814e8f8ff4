//! Peers in the same run as kycgen's typed command (issue 19): quicktype on the spec
//! converted to JSON Schema, and libyaml merely loading the YAML file (PyYAML's C loader).
//! Each is skipped with a message when its tool is absent.

use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The quicktype release the issue measured, installed from the npm registry.
const QUICKTYPE: &str = "quicktype@26.0.0";

/// A peer command: what the table calls it and how to run it once (its wall time).
pub struct Peer {
    pub name: String,
    run: Box<dyn Fn() -> Result<Duration, String>>,
}

impl Peer {
    pub fn time(&self) -> Result<Duration, String> {
        (self.run)()
    }
}

/// The peers that can run here, and a message for each that cannot.
pub fn available(root: &Path, spec: &Path, doc: &Value) -> (Vec<Peer>, Vec<String>) {
    let (mut peers, mut skipped) = (Vec::new(), Vec::new());
    match quicktype(root, spec, doc) {
        Ok(p) => peers.push(p),
        Err(why) => skipped.push(format!("quicktype skipped: {why}")),
    }
    match libyaml(spec) {
        Ok(p) => peers.push(p),
        Err(why) => skipped.push(format!("libyaml skipped: {why}")),
    }
    (peers, skipped)
}

/// quicktype (Rust output) on the spec's schemas as one JSON Schema file; installed into
/// `target/peers` on first use.
fn quicktype(root: &Path, spec: &Path, doc: &Value) -> Result<Peer, String> {
    let prefix = root.join("target/peers");
    let exe = prefix.join("node_modules/.bin/quicktype");
    if !exe.is_file() {
        let npm = Command::new("npm").args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"]).arg(&prefix).arg(QUICKTYPE).status();
        match npm {
            Err(e) => return Err(format!("npm is not available ({e})")),
            Ok(s) if !s.success() || !exe.is_file() => return Err(format!("`npm install {QUICKTYPE}` failed ({s})")),
            Ok(_) => {}
        }
    }
    let schema = prefix.join(format!("{}.schema.json", spec.file_stem().unwrap_or_default().to_string_lossy()));
    std::fs::write(&schema, to_json_schema(doc).to_string()).map_err(|e| format!("{}: {e}", schema.display()))?;
    let out = prefix.join("quicktype-out.rs");
    let run = move || {
        let mut c = Command::new(&exe);
        c.args(["--src-lang", "schema", "--lang", "rust", "--top-level", "Spec", "--out"]).arg(&out).arg(&schema);
        timed(&mut c)
    };
    Ok(Peer { name: "quicktype 26 (JSON Schema → Rust)".into(), run: Box::new(run) })
}

/// libyaml's load of the file through PyYAML's C loader: the time of `yaml.load` itself,
/// measured inside the Python process (its start is not counted).
fn libyaml(spec: &Path) -> Result<Peer, String> {
    const SCRIPT: &str = "import sys, time, yaml\n\
        if not getattr(yaml, '__with_libyaml__', False): sys.exit(3)\n\
        f = open(sys.argv[1], 'rb'); t = time.perf_counter(); yaml.load(f, Loader=yaml.CSafeLoader)\n\
        print(time.perf_counter() - t)\n";
    let probe = Command::new("python3").args(["-c", "import yaml; assert yaml.__with_libyaml__"]).output();
    match probe {
        Err(e) => return Err(format!("python3 is not available ({e})")),
        Ok(o) if !o.status.success() => return Err("PyYAML with its libyaml C loader is not installed".into()),
        Ok(_) => {}
    }
    let spec: PathBuf = spec.to_path_buf();
    let run = move || {
        let o = Command::new("python3").args(["-c", SCRIPT]).arg(&spec).output().map_err(|e| e.to_string())?;
        if !o.status.success() {
            return Err(String::from_utf8_lossy(&o.stderr).into_owned());
        }
        let secs: f64 = String::from_utf8_lossy(&o.stdout).trim().parse().map_err(|_| "no time printed".to_string())?;
        Ok(Duration::from_secs_f64(secs))
    };
    Ok(Peer { name: "libyaml load (PyYAML `CSafeLoader`)".into(), run: Box::new(run) })
}

fn timed(c: &mut Command) -> Result<Duration, String> {
    let t = Instant::now();
    let o = c.output().map_err(|e| e.to_string())?;
    let elapsed = t.elapsed();
    if o.status.success() {
        Ok(elapsed)
    } else {
        Err(String::from_utf8_lossy(&o.stderr).chars().take(2000).collect())
    }
}

/// An OpenAPI 3.0 document as one JSON Schema (draft 7) that quicktype reads: the component
/// schemas become `definitions` (refs rewritten), `nullable: true` becomes a `null` type
/// alternative, and the top level is an object with one property per schema, so that every
/// schema is generated, as kycgen generates every one.
pub fn to_json_schema(doc: &Value) -> Value {
    let schemas = doc.pointer("/components/schemas").and_then(Value::as_object).cloned().unwrap_or_default();
    let mut definitions = Map::new();
    let mut properties = Map::new();
    for (name, schema) in schemas {
        properties.insert(name.clone(), json!({ "$ref": format!("#/definitions/{name}") }));
        definitions.insert(name, convert(schema));
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": properties,
        "definitions": definitions,
    })
}

/// One schema: its subschemas converted in place, other keywords kept as they are.
fn convert(v: Value) -> Value {
    let Value::Object(m) = v else { return v };
    let nullable = m.get("nullable").and_then(Value::as_bool) == Some(true);
    let mut out = Map::new();
    for (k, v) in m {
        let v = match (k.as_str(), v) {
            ("nullable" | "example" | "discriminator" | "externalDocs" | "xml", _) => continue,
            ("$ref", Value::String(r)) => Value::String(r.replace("#/components/schemas/", "#/definitions/")),
            ("properties" | "patternProperties", Value::Object(props)) => Value::Object(props.into_iter().map(|(n, s)| (n, convert(s))).collect()),
            ("allOf" | "anyOf" | "oneOf", Value::Array(list)) => Value::Array(list.into_iter().map(convert).collect()),
            ("items" | "additionalProperties" | "not", s) => convert(s),
            (_, v) => v,
        };
        out.insert(k, v);
    }
    // `type: string` with `enum: [3]` (Plaid has eight) is an impossible type to quicktype,
    // which then refuses the whole file; without the `type` it reads the values' types.
    if let (Some(Value::String(t)), Some(Value::Array(values))) = (out.get("type"), out.get("enum")) {
        if !values.iter().all(|v| v.is_null() || of_type(v, t)) {
            out.remove("type");
        }
    }
    if nullable {
        return json!({ "anyOf": [Value::Object(out), { "type": "null" }] });
    }
    Value::Object(out)
}

/// Whether `v` is of the JSON Schema type `t`.
fn of_type(v: &Value, t: &str) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::to_json_schema;
    use serde_json::json;

    #[test]
    fn openapi_schemas_become_one_json_schema() {
        let doc = json!({"components": {"schemas": {
            "A": {"type": "object", "example": {"x": 1}, "properties": {
                "example": {"type": "string", "nullable": true},
                "b": {"$ref": "#/components/schemas/B"},
                "list": {"type": "array", "items": {"$ref": "#/components/schemas/B"}}
            }},
            "B": {"type": "string", "enum": ["x"]},
            "V": {"type": "string", "enum": [3]}
        }}});
        let s = to_json_schema(&doc);
        assert_eq!(s["properties"]["A"], json!({"$ref": "#/definitions/A"}));
        let a = &s["definitions"]["A"];
        assert!(a.get("example").is_none(), "OpenAPI's example keyword is dropped");
        assert_eq!(a["properties"]["example"], json!({"anyOf": [{"type": "string"}, {"type": "null"}]}), "a property named `example` is kept");
        assert_eq!(a["properties"]["b"], json!({"$ref": "#/definitions/B"}));
        assert_eq!(a["properties"]["list"]["items"], json!({"$ref": "#/definitions/B"}));
        assert_eq!(s["definitions"]["B"], json!({"type": "string", "enum": ["x"]}));
        assert_eq!(s["definitions"]["V"], json!({"enum": [3]}), "a type its values contradict is left to quicktype to infer");
    }
}
