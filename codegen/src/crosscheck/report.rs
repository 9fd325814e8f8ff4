//! Crosscheck reports: a markdown table (one row per disagreement, docs order, fields only
//! the spec has last) and JSON for tools.

use super::{Disagreement, Report};
use serde_json::{json, Map, Value};

/// The number of rows of each kind, in [`Disagreement::ALL`] order, kinds with none left out.
pub fn counts(r: &Report) -> Vec<(Disagreement, usize)> {
    Disagreement::ALL.iter().map(|k| (*k, r.rows.iter().filter(|row| row.kind == *k).count())).filter(|(_, n)| *n > 0).collect()
}

/// `{"docs","spec","docs_object","spec_object","summary":{…},"rows":[{"field","kind","docs","spec"}]}`.
pub fn json(r: &Report, docs: &str, spec: &str) -> String {
    let mut by_kind = Map::new();
    for (k, n) in counts(r) {
        by_kind.insert(k.as_str().to_string(), json!(n));
    }
    let v = json!({
        "docs": docs,
        "spec": spec,
        "docs_object": r.docs_object,
        "spec_object": r.spec_object,
        "summary": {
            "docs_fields": r.docs_fields,
            "spec_fields": r.spec_fields,
            "both": r.both,
            "disagreements": r.rows.len(),
            "by_kind": Value::Object(by_kind),
        },
        "rows": r.rows,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// A heading, a summary line and the table of disagreements.
pub fn markdown(r: &Report, docs: &str, spec: &str) -> String {
    let mut out = format!("### Crosscheck: `{}`\n\n", cell(&r.docs_object));
    out.push_str(&format!(
        "docs `{}` (object `{}`) vs spec `{}` (schema `{}`)\n\n",
        cell(docs),
        cell(&r.docs_object),
        cell(spec),
        cell(&r.spec_object)
    ));
    let kinds: Vec<String> = counts(r).iter().map(|(k, n)| format!("{n} {}", k.as_str())).collect();
    out.push_str(&format!("{} fields in the docs, {} in the spec, {} in both: ", r.docs_fields, r.spec_fields, r.both));
    if r.rows.is_empty() {
        out.push_str("no disagreements.\n");
        return out;
    }
    out.push_str(&format!("**{} disagreements** ({})\n\n", r.rows.len(), kinds.join(", ")));
    out.push_str("| field | docs | spec | disagreement |\n| --- | --- | --- | --- |\n");
    for row in &r.rows {
        out.push_str(&format!("| `{}` | {} | {} | {} |\n", cell(&row.field), cell(&row.docs), cell(&row.spec), row.kind.as_str()));
    }
    out
}

/// Text safe inside a table cell: no pipes or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
