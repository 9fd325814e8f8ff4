//! Conformance results: how each example is classified, and the markdown table.

use serde_json::Value;
use std::fmt::Write;

/// One spec's run.
#[derive(Default)]
pub struct SpecReport {
    pub name: String,
    pub schemas: usize,
    pub types: usize,
    /// Operations generated, of those in the spec.
    pub operations: (usize, usize),
    pub generate_error: Option<String>,
    pub generate_seconds: f64,
    /// `None` when the build was not attempted (generation failed).
    pub build: Option<super::build::Build>,
    pub tally: Tally,
    /// Examples run by where they come from: component schemas, media types, parameters,
    /// elsewhere.
    pub sources: [usize; 4],
}

/// Example outcomes. A failure is the spec's when the independent IR check
/// ([`kycgen_codegen::conforms::check`]) finds the example contradicting its schema, and
/// kycgen's otherwise.
#[derive(Default)]
pub struct Tally {
    pub passed: usize,
    pub dropped_only: usize,
    pub spec_failed: usize,
    pub kycgen_failed: usize,
    /// Examples not run: their schema is not in the spec or has no generated type.
    pub skipped: usize,
    /// Round-tripped examples that the IR check says contradict their schema (accepted
    /// because responses are read leniently, e.g. `null` for an optional field).
    pub lenient: usize,
    pub first_dropped: Option<String>,
    pub first_spec: Option<String>,
    pub first_kycgen: Option<String>,
    pub first_skipped: Option<String>,
    pub first_lenient: Option<String>,
    /// Every kycgen failure, for the detail list.
    pub kycgen_details: Vec<String>,
}

impl Tally {
    pub fn run(&self) -> usize {
        self.passed + self.dropped_only + self.spec_failed + self.kycgen_failed
    }

    pub fn skip(&mut self, why: String) {
        self.skipped += 1;
        self.first_skipped.get_or_insert(why);
    }

    /// Counts one result line of the runner; `contradictions` is the IR check's verdict.
    /// `unknown` lists the keys the schema does not define: any other dropped key is a
    /// kycgen failure, unless it was a `null` the schema does not allow.
    pub fn record(&mut self, id: &str, result: &Value, contradictions: &[String], unknown: &[String]) {
        let mut kind = result.get("result").and_then(Value::as_str).unwrap_or_default();
        let dropped: Vec<&str> = result.get("dropped").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let known_dropped = dropped.iter().find(|p| {
            !unknown.iter().any(|u| u == *p) && !contradictions.iter().any(|c| c == &format!("{p}: null where the schema is not nullable"))
        });
        if let (Some(p), "ok" | "dropped") = (known_dropped, kind) {
            self.kycgen_failed += 1;
            let line = format!("{id}: {p}: defined by the schema but dropped by the round trip");
            self.first_kycgen.get_or_insert(line.clone());
            self.kycgen_details.push(line);
            return;
        }
        if kind == "dropped" && dropped.is_empty() {
            kind = "ok";
        }
        let text = |k: &str| result.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        let round_tripped = matches!(kind, "ok" | "dropped");
        if round_tripped && !contradictions.is_empty() {
            self.lenient += 1;
            self.first_lenient.get_or_insert(format!("{id}: {}", contradictions[0]));
        }
        match kind {
            "ok" => self.passed += 1,
            "dropped" => {
                self.dropped_only += 1;
                self.first_dropped.get_or_insert(format!("{id}: {} keys unknown to the spec dropped, first {}", dropped.len(), dropped.first().unwrap_or(&"")));
            }
            _ => {
                let why = match kind {
                    "differs" => format!("{}: {}", text("path"), text("message")),
                    "deserialize_error" => format!("$: does not deserialize: {}", text("message")),
                    other => format!("runner result `{other}`: {}", text("message")),
                };
                if let Some(first) = contradictions.first() {
                    self.spec_failed += 1;
                    let more = if contradictions.len() > 1 { format!(" (+{} more)", contradictions.len() - 1) } else { String::new() };
                    self.first_spec.get_or_insert(format!("{id}: spec example contradicts its schema: {first}{more}"));
                } else {
                    self.kycgen_failed += 1;
                    let line = format!("{id}: {why}");
                    self.first_kycgen.get_or_insert(line.clone());
                    self.kycgen_details.push(line);
                }
            }
        }
    }
}

impl SpecReport {
    pub fn build_ok(&self) -> bool {
        self.build.as_ref().is_some_and(|b| b.ok && b.warnings == 0)
    }
}

/// The markdown table, then the first failure of each category per spec.
pub fn table(reports: &[SpecReport]) -> String {
    let mut s = String::new();
    s.push_str("| spec | schemas | types | operations | generate | build (warnings) | build s | examples | passed | dropped-only | failed (spec contradicts itself) | failed (kycgen) | skipped |\n");
    s.push_str("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for r in reports {
        s.push_str(&row(r));
    }
    s.push('\n');
    for r in reports {
        let lines = notes(r);
        if !lines.is_empty() {
            let _ = writeln!(s, "**{}**", r.name);
            for l in lines {
                let _ = writeln!(s, "- {l}");
            }
            s.push('\n');
        }
    }
    s
}

/// One spec's row of the table, with its line break.
fn row(r: &SpecReport) -> String {
    let gen = if r.generate_error.is_some() { "FAIL".to_string() } else { format!("ok ({:.1}s)", r.generate_seconds) };
    let (build, secs) = match &r.build {
        None => ("-".to_string(), "-".to_string()),
        Some(b) => (format!("{} ({})", if b.ok { "ok" } else { "FAIL" }, b.warnings), format!("{:.0}", b.seconds)),
    };
    let t = &r.tally;
    format!(
        "| {} | {} | {} | {}/{} | {gen} | {build} | {secs} | {} | {} | {} | {} | {} | {} |\n",
        r.name,
        r.schemas,
        r.types,
        r.operations.0,
        r.operations.1,
        t.run(),
        t.passed,
        t.dropped_only,
        t.spec_failed,
        t.kycgen_failed,
        t.skipped
    )
}

/// The notes under the table for one spec: why generation or the build failed, the first
/// example of each kind of failure, and the other kycgen failures.
fn notes(r: &SpecReport) -> Vec<String> {
    let t = &r.tally;
    let mut lines = Vec::new();
    if let Some(e) = &r.generate_error {
        lines.push(format!("generate failed: {}", first_line(e)));
    }
    if let Some(b) = &r.build {
        if let Some(e) = &b.error {
            lines.push(format!("build failed: {}", first_line(e)));
        }
        if let Some(w) = &b.first_warning {
            lines.push(format!("first warning: {}", first_line(w)));
        }
    }
    for (label, v) in [
        ("first failure (kycgen)", &t.first_kycgen),
        ("first failure (spec contradicts itself)", &t.first_spec),
        ("first dropped-only", &t.first_dropped),
        ("round-tripped though contradicting its schema", &t.first_lenient),
        ("first skipped", &t.first_skipped),
    ] {
        if let Some(v) = v {
            let count = match label {
                "round-tripped though contradicting its schema" => format!(" ({} examples)", t.lenient),
                _ => String::new(),
            };
            lines.push(format!("{label}{count}: {v}"));
        }
    }
    if t.kycgen_details.len() > 1 {
        lines.extend(t.kycgen_details.iter().skip(1).map(|d| format!("also (kycgen): {d}")));
    }
    lines
}

fn first_line(s: &str) -> &str {
    s.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim()
}
