//! Drift reports: markdown for a pull-request comment (summary line, breaking changes
//! first, docs-only changes folded away) and JSON for tools.

use super::{Change, Severity};
use serde_json::{json, Value};

/// Counts by severity: breaking, additive, docs, none.
pub fn counts(changes: &[Change]) -> (usize, usize, usize, usize) {
    let n = |s: Severity| changes.iter().filter(|c| c.severity == s).count();
    (n(Severity::Breaking), n(Severity::Additive), n(Severity::Docs), n(Severity::None))
}

/// Doc comments only, or no effect on the generated code: folded away in markdown.
fn quiet(c: &Change) -> bool {
    matches!(c.severity, Severity::Docs | Severity::None)
}

/// `{"old":…,"new":…,"summary":{…},"changes":[…]}`, changes in discovery order.
pub fn json(changes: &[Change], old: &str, new: &str) -> String {
    let (b, a, d, n) = counts(changes);
    let v = json!({
        "old": old,
        "new": new,
        "summary": {"breaking": b, "additive": a, "docs": d, "none": n},
        "changes": changes,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// A pull-request comment: a summary line, then one table with breaking changes first and
/// additive after, then the docs-only changes in a folded table.
pub fn markdown(changes: &[Change], old: &str, new: &str) -> String {
    let (b, a, d, n) = counts(changes);
    let mut out = format!("### Spec drift: `{}` → `{}`\n\n", cell(old), cell(new));
    if changes.is_empty() {
        out.push_str("No changes to the generated crate's schemas.\n");
        return out;
    }
    out.push_str(&format!("**{b} breaking**, {a} additive, {d} docs-only, {n} without effect ({} changes)\n\n", changes.len()));
    let main: Vec<&Change> = sorted(changes).into_iter().filter(|c| !quiet(c)).collect();
    if !main.is_empty() {
        table(&mut out, &main);
    }
    let docs: Vec<&Change> = changes.iter().filter(|c| quiet(c)).collect();
    if !docs.is_empty() {
        out.push_str(&format!("\n<details><summary>{} docs-only or no-effect changes (no change to generated types)</summary>\n\n", docs.len()));
        table(&mut out, &docs);
        out.push_str("\n</details>\n");
    }
    out
}

fn sorted(changes: &[Change]) -> Vec<&Change> {
    let mut v: Vec<&Change> = changes.iter().collect();
    v.sort_by_key(|c| c.severity);
    v
}

fn table(out: &mut String, rows: &[&Change]) {
    out.push_str("| impact | change | path | old → new | Rust |\n| --- | --- | --- | --- | --- |\n");
    for c in rows {
        let icon = match c.severity {
            Severity::Breaking => "🔴 breaking",
            Severity::Additive => "🟢 additive",
            Severity::Docs => "⚪ docs",
            Severity::None => "⚪ none",
        };
        out.push_str(&format!(
            "| {icon} | {} | `{}` | {} → {} | {} |\n",
            c.kind.as_str(),
            cell(&c.path),
            value(&c.old),
            value(&c.new),
            cell(&c.rust)
        ));
    }
}

fn value(v: &Value) -> String {
    let text = match v {
        Value::Null => return "—".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("`{}`", cell(&short).replace('`', "'"))
}

/// Text safe inside a table cell: no pipes or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
