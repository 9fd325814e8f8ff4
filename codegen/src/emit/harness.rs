//! The conformance example runner (`src/bin/roundtrip-NAME.rs` of a conformance crate): reads JSON lines of
//! `{"type", "id", "value"}`, round-trips each value through the named generated type and
//! prints one JSON result line per example.

use super::ty;
use crate::model::{Model, Ty};
use crate::render;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The source of the runner binary for `model`'s crate. `type` is a Rust type name of the
/// crate or a primitive (`string`, `integer`, `number`, `boolean`, `json`, `date`,
/// `date-time`). Results are JSON objects with
/// `id`, `type` and `result`: `ok`, `dropped` (with `dropped` paths: keys the round trip
/// lost), `differs` (`path`, `message`), `deserialize_error` (`message`), `unknown_type`
/// or `bad_input`.
pub fn roundtrip_harness(model: &Model) -> Result<String, String> {
    let lib = ty::ident(&model.lib);
    let uses_time = uses_time(model);
    let doc = " Round-trips JSON examples through the generated types: `roundtrip FILE` reads JSON lines of `{\"type\", \"id\", \"value\"}` and prints one JSON result line per example.";
    let (main, dispatch, compare) = (main_and_run(), dispatch(model, &lib, uses_time), compare(&lib, uses_time));
    let tokens = quote! {
        #![doc = #doc]

        use serde_json::{json, Value};
        use std::io::BufRead as _;
        use std::process::ExitCode;

        #main
        #dispatch
        #compare
    };
    render::rust(&render::header(model), tokens)
}

/// Whether any type of the crate holds a date, a timestamp or a Unix time: then the runner
/// round-trips `date` and `date-time` examples through jiff and compares timestamps by instant.
fn uses_time(model: &Model) -> bool {
    super::uses(model, &|x| matches!(x, Ty::Date | Ty::DateTime | Ty::UnixTime))
}

/// The runner's `main` (one result line per example line of the file), `run` (one line) and
/// `round_trip` (one value through one type): the same for every crate.
fn main_and_run() -> TokenStream {
    quote! {
        fn main() -> ExitCode {
            let Some(path) = std::env::args().nth(1) else {
                eprintln!("usage: roundtrip EXAMPLES.jsonl");
                return ExitCode::from(2);
            };
            let file = match std::fs::File::open(&path) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("{path}: {e}");
                    return ExitCode::from(2);
                }
            };
            for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
                match line {
                    Ok(line) if line.trim().is_empty() => {}
                    Ok(line) => println!("{}", run(&line, n + 1)),
                    Err(e) => {
                        eprintln!("{path}:{}: {e}", n + 1);
                        return ExitCode::from(2);
                    }
                }
            }
            ExitCode::SUCCESS
    }

    /// One example line to its result line.
    fn run(line: &str, n: usize) -> Value {
        let input: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => return json!({"line": n, "result": "bad_input", "message": e.to_string()}),
        };
        let ty = input.get("type").and_then(Value::as_str).unwrap_or_default();
        let value = input.get("value").cloned().unwrap_or(Value::Null);
        let mut out = match dispatch(ty, value.clone()) {
            None => json!({"result": "unknown_type"}),
            Some(Err(message)) => json!({"result": "deserialize_error", "message": message}),
            Some(Ok(back)) => {
                let mut dropped = Vec::new();
                match compare(&value, &back, "$", &mut dropped) {
                    Ok(()) if dropped.is_empty() => json!({"result": "ok"}),
                    Ok(()) => json!({"result": "dropped", "dropped": dropped}),
                    Err((path, message)) => json!({"result": "differs", "path": path, "message": message, "dropped": dropped}),
                }
            }
        };
        out["line"] = json!(n);
        out["id"] = input.get("id").cloned().unwrap_or(Value::Null);
        out["type"] = json!(ty);
        out
    }

    fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> Result<Value, String> {
        let typed: T = serde_json::from_value(value).map_err(|e| e.to_string())?;
        serde_json::to_value(&typed).map_err(|e| format!("serializes back with an error: {e}"))
    }
    }
}

/// `dispatch`: a type name of the example to its round trip, one arm per generated type
/// plus the primitives.
fn dispatch(model: &Model, lib: &Ident, uses_time: bool) -> TokenStream {
    // A type compiles only with its resource's feature, and round-trips only with both
    // serde impls: its arm is there when all of them are on.
    let arms = model.types.iter().map(|t| {
        let name = &t.name;
        let id = ty::ident(name);
        let cfg = super::Cfg::new(&t.features).and(t.serialize_feature()).and(t.deserialize_feature()).tokens();
        quote!(#cfg #name => round_trip::<#lib::#id>(value),)
    });
    // Schemas that are primitives have no type of their own: their examples go through
    // the Rust type a field of that schema gets.
    let time_arms = if uses_time {
        quote! {
            "date" => round_trip::<#lib::jiff::civil::Date>(value),
            "date-time" => round_trip::<#lib::jiff::Timestamp>(value),
        }
    } else {
        quote!("date" | "date-time" => round_trip::<String>(value),)
    };
    quote! {
        /// The round trip through the Rust type named `ty`, if the crate has it, or through
        /// the type of a primitive schema (`string`, `integer`, `number`, `boolean`, `json`,
        /// `date`, `date-time`).
        fn dispatch(ty: &str, value: Value) -> Option<Result<Value, String>> {
            Some(match ty {
                "string" => round_trip::<String>(value),
                "integer" => round_trip::<i64>(value),
                "number" => round_trip::<f64>(value),
                "boolean" => round_trip::<bool>(value),
                "json" => round_trip::<Value>(value),
                #time_arms
                #(#arms)*
                _ => return None,
            })
    }
    }
}

/// `compare` (the value before against the value after the round trip) and `same_instant`
/// (two timestamps of one instant, when the crate has time types).
fn compare(lib: &Ident, uses_time: bool) -> TokenStream {
    let same_instant = if uses_time {
        quote! {
            let parse = |s: &str| s.parse::<#lib::jiff::Timestamp>().ok();
            a.contains('T') && matches!((parse(a), parse(b)), (Some(x), Some(y)) if x == y)
        }
    } else {
        quote!(a == b)
    };
    quote! {
        /// Keys in `before` missing from `after` go to `dropped`; any other difference is
        /// the first differing path. Numbers compare by value, timestamps by instant.
        fn compare(before: &Value, after: &Value, path: &str, dropped: &mut Vec<String>) -> Result<(), (String, String)> {
            match (before, after) {
                (Value::Object(a), Value::Object(b)) => {
                    for (k, va) in a {
                        let p = format!("{path}.{k}");
                        match b.get(k) {
                            Some(vb) => compare(va, vb, &p, dropped)?,
                            None => dropped.push(p),
                        }
                    }
                    match b.keys().find(|k| !a.contains_key(*k)) {
                        Some(k) => Err((format!("{path}.{k}"), "added by the round trip".to_owned())),
                        None => Ok(()),
                    }
                }
                (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
                    a.iter().zip(b).enumerate().try_for_each(|(i, (x, y))| compare(x, y, &format!("{path}[{i}]"), dropped))
                }
                (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => Ok(()),
                (Value::String(a), Value::String(b)) if a == b || same_instant(a, b) => Ok(()),
                (a, b) if a == b => Ok(()),
                (a, b) => Err((path.to_owned(), format!("{a} became {b}"))),
            }
    }

    fn same_instant(a: &str, b: &str) -> bool {
        #same_instant
    }
    }
}
