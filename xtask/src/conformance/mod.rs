//! `cargo xtask conformance`: every full vendor spec of the corpus (`../shared/specs`) is
//! generated into a crate under `target/conformance/`, built with a `roundtrip` runner, and
//! the vendor's own examples are round-tripped through the generated types. Failures are
//! told apart by an independent IR check: the example contradicts its schema, or kycgen
//! is wrong.

mod build;
mod examples;
mod report;

use crate::{fsx, project_root, Failure};
use examples::Example;
use kycgen_codegen::config::CrateConfig;
use kycgen_codegen::source::{self, SpecRoot};
use kycgen_codegen::ir::{self, Kind};
use kycgen_codegen::{conforms, emit, generate, Generated, Layout};
use report::SpecReport;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Examples must round-trip at least this often.
const MIN_PASS_RATE: f64 = 0.99;

/// Which examples a spec is checked with.
#[derive(Clone, Copy)]
enum Source {
    /// Component `example`s plus the Identity Verification API reference's payloads.
    Plaid,
    /// `fixtures3.json` beside the spec.
    Stripe,
    /// Component `example`s only.
    Components,
}

struct Target {
    name: String,
    /// Relative to the corpus.
    rel: String,
    source: Source,
}

/// `cargo xtask conformance`: exit 1 when a spec does not generate or build warning-free,
/// an example fails for a kycgen reason, or too few examples round-trip.
#[derive(clap::Args)]
pub struct Args {
    /// The corpus of vendor specs (default: ../shared/specs beside the checkout)
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Only the corpus specs whose name contains NAME
    #[arg(long, value_name = "NAME")]
    only: Option<String>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let corpus = args.corpus.unwrap_or_else(|| project_root().parent().map(|p| p.join("shared/specs")).unwrap_or_default());
    let only = args.only;
    if !corpus.is_dir() {
        println!("skipping: conformance corpus {} not found", corpus.display());
        return Ok(());
    }
    let work = project_root().join("target/conformance");
    let targets: Vec<Target> = targets(&corpus).into_iter().filter(|t| only.as_ref().is_none_or(|o| t.name.contains(o.as_str()))).collect();
    let start = Instant::now();
    let mut reports = Vec::new();
    for t in &targets {
        eprintln!("== conformance: {} ({})", t.name, t.rel);
        let r = run_one(&corpus, &work, t);
        eprintln!("   {} types, build {:.0}s, {} examples", r.types, r.build.as_ref().map_or(0.0, |b| b.seconds), r.tally.run());
        reports.push(r);
    }
    println!("{}", report::table(&reports));
    let run: usize = reports.iter().map(|r| r.tally.run()).sum();
    let passed: usize = reports.iter().map(|r| r.tally.passed + r.tally.dropped_only).sum();
    let contradicting: usize = reports.iter().map(|r| r.tally.spec_failed).sum();
    // Examples that contradict their own schema cannot be expected to round-trip: the pass
    // rate is over the others (both numbers are printed).
    let conforming = run - contradicting;
    let rate = if conforming == 0 { 1.0 } else { passed as f64 / conforming as f64 };
    println!(
        "{passed}/{run} examples round-trip; {contradicting} contradict their own schema; pass rate over the rest {passed}/{conforming} ({:.2}%); {:.0}s in all",
        rate * 100.0,
        start.elapsed().as_secs_f64()
    );
    println!("per-example results: {}", work.join("examples").display());
    let mut problems = Vec::new();
    for r in &reports {
        if r.generate_error.is_some() || !r.build_ok() {
            problems.push(format!("{}: does not generate or build warning-free", r.name));
        }
        if r.tally.kycgen_failed > 0 {
            problems.push(format!("{}: {} examples fail for a kycgen reason", r.name, r.tally.kycgen_failed));
        }
    }
    if rate < MIN_PASS_RATE {
        problems.push(format!("pass rate {:.2}% is below {:.0}%", rate * 100.0, MIN_PASS_RATE * 100.0));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::check(problems.join("\n")))
    }
}

/// The full specs of the corpus: Plaid's current spec, Stripe's, and Plaid's history.
fn targets(corpus: &Path) -> Vec<Target> {
    let mut out = Vec::new();
    for (name, rel, source) in [("plaid", "plaid/2020-09-14.yml", Source::Plaid), ("stripe", "stripe/spec3.json", Source::Stripe)] {
        if corpus.join(rel).is_file() {
            out.push(Target { name: name.into(), rel: rel.into(), source });
        }
    }
    let mut history: Vec<String> = std::fs::read_dir(corpus.join("plaid/history"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yml") && !n.contains("__"))
        .collect();
    history.sort();
    for file in history {
        let stem = file.trim_end_matches(".yml");
        out.push(Target { name: format!("plaid-history-{stem}"), rel: format!("plaid/history/{file}"), source: Source::Components });
    }
    out
}

fn run_one(corpus: &Path, work: &Path, t: &Target) -> SpecReport {
    let mut r = SpecReport { name: t.name.clone(), ..SpecReport::default() };
    let path = corpus.join(&t.rel);
    let (dir_rel, file) = match t.rel.rsplit_once('/') {
        Some((d, f)) => (d.to_string(), f.to_string()),
        None => (".".to_string(), t.rel.clone()),
    };
    let started = Instant::now();
    let generated = generate_crate(&corpus.join(&dir_rel), &dir_rel, &file, &t.name);
    r.generate_seconds = started.elapsed().as_secs_f64();
    let (g, tree) = match generated {
        Ok(x) => x,
        Err(e) => {
            r.generate_error = Some(e);
            return r;
        }
    };
    r.schemas = g.spec.schemas.len();
    r.types = g.model.types.len();
    let crate_dir = work.join(&t.name);
    if let Err(e) = fsx::replace_dir(&crate_dir, &tree) {
        r.generate_error = Some(format!("{}: {e}", crate_dir.display()));
        return r;
    }
    let build = build::cargo_build(&crate_dir, &work.join("target"));
    let exe = build.executable.clone().filter(|_| build.ok);
    r.build = Some(build);
    let Some(exe) = exe else { return r };
    let examples = match collect_examples(corpus, &path, t) {
        Ok(x) => x,
        Err(e) => {
            r.tally.skip(e);
            return r;
        }
    };
    run_examples(&g, &examples, &exe, &work.join("examples").join(format!("{}.jsonl", t.name)), &mut r);
    r
}

/// Generates the spec into a standalone crate, plus its `src/bin/roundtrip.rs`.
fn generate_crate(dir: &Path, dir_display: &str, file: &str, name: &str) -> Result<(Generated, fsx::Tree), String> {
    let spec_root = SpecRoot::new(dir, dir_display).map_err(|d| d.to_string())?;
    let package: String = format!("conformance-{name}").chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let cfg = CrateConfig {
        package,
        description: format!("kycgen conformance crate for {dir_display}/{file}"),
        version: "0.0.0".into(),
        specs: vec![file.to_string()],
        ..CrateConfig::default()
    };
    let g = generate(&cfg, &spec_root, "conformance", Layout::Standalone).map_err(|d| d.to_string())?;
    let mut tree: fsx::Tree = g.files.iter().map(|f| (f.path.clone(), f.contents.clone())).collect();
    tree.insert("src/bin/roundtrip.rs".into(), emit::roundtrip_harness(&g.model)?);
    Ok((g, tree))
}

fn collect_examples(corpus: &Path, spec: &Path, t: &Target) -> Result<Vec<Example>, String> {
    let read_doc = |path: &Path| -> Result<Value, String> {
        let dir = path.parent().unwrap_or(corpus);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let root = SpecRoot::new(dir, dir.display().to_string()).map_err(|d| d.to_string())?;
        let file = root.read(&name).map_err(|d| d.to_string())?;
        source::parse_document(&file).map_err(|d| d.to_string())
    };
    let file = t.rel.rsplit('/').next().unwrap_or(&t.rel);
    Ok(match t.source {
        Source::Stripe => {
            let fixtures = spec.with_file_name("fixtures3.json");
            if !fixtures.is_file() {
                return Ok(Vec::new());
            }
            examples::stripe_fixtures(&read_doc(&fixtures)?)
        }
        Source::Components => examples::component_examples(&read_doc(spec)?, file),
        Source::Plaid => {
            let mut list = examples::component_examples(&read_doc(spec)?, file);
            let seed = corpus.join("../seeds/plaid-identity-verification.api-reference.md");
            if let Ok(text) = std::fs::read_to_string(&seed) {
                let (found, problems) = examples::plaid_idv_seed(&text, "plaid-identity-verification.api-reference.md");
                for p in problems {
                    eprintln!("   {p}");
                }
                list.extend(found);
            }
            list
        }
    })
}

/// Writes the examples that have a generated type as JSON lines, runs them and counts.
fn run_examples(g: &Generated, examples: &[Example], exe: &Path, jsonl: &Path, r: &mut SpecReport) {
    let types: HashMap<&str, &str> = g.model.types.iter().map(|t| (t.source.as_str(), t.name.as_str())).collect();
    let mut lines = String::new();
    let mut sent: Vec<&Example> = Vec::new();
    for ex in examples {
        if !g.spec.schemas.contains_key(&ex.schema) {
            r.tally.skip(format!("{}: no schema `{}` in this spec", ex.id, ex.schema));
            continue;
        }
        let Some(rust) = types.get(ex.schema.as_str()).copied().or_else(|| primitive(&g.spec, &ex.schema)) else {
            r.tally.skip(format!("{}: schema `{}` has no generated type (an array or map)", ex.id, ex.schema));
            continue;
        };
        lines.push_str(&json!({"type": rust, "id": ex.id, "value": ex.value}).to_string());
        lines.push('\n');
        sent.push(ex);
    }
    let written = jsonl.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(jsonl, lines));
    if let Err(e) = written {
        r.tally.skip(format!("{}: {e}", jsonl.display()));
        return;
    }
    let results = match build::run_examples(exe, jsonl) {
        Ok(x) => x,
        Err(e) => {
            r.tally.kycgen_failed += 1;
            r.tally.first_kycgen.get_or_insert(e);
            return;
        }
    };
    let mut detail = String::new();
    for (ex, result) in sent.iter().zip(&results) {
        let contradictions = conforms::check(&g.spec, &ex.schema, &ex.value);
        let unknown = conforms::unknown_keys(&g.spec, &ex.schema, &ex.value);
        r.tally.record(&ex.id, result, &contradictions, &unknown);
        let mut line = result.clone();
        line["schema"] = json!(ex.schema);
        line["contradictions"] = json!(contradictions);
        detail.push_str(&line.to_string());
        detail.push('\n');
    }
    let _ = std::fs::write(jsonl.with_extension("results.jsonl"), detail);
    if results.len() != sent.len() {
        r.tally.kycgen_failed += 1;
        r.tally.first_kycgen.get_or_insert(format!("roundtrip printed {} results for {} examples", results.len(), sent.len()));
    }
}

/// The runner's name for the Rust type of a primitive schema (following `$ref`s), or
/// `None` for arrays and maps.
fn primitive(spec: &ir::Spec, schema: &str) -> Option<&'static str> {
    let mut s = spec.schemas.get(schema)?;
    for _ in 0..64 {
        return Some(match &s.kind {
            Kind::Ref(next) => {
                s = spec.schemas.get(next)?;
                continue;
            }
            Kind::String { format } => match format.as_deref() {
                Some("date") => "date",
                Some("date-time") => "date-time",
                _ => "string",
            },
            Kind::Integer { .. } => "integer",
            Kind::Number { .. } => "number",
            Kind::Boolean => "boolean",
            Kind::Enum(e) if e.base == "boolean" => "boolean",
            Kind::Enum(e) if e.base == "number" => "number",
            Kind::Enum(e) if e.base != "string" && e.base != "integer" => "json",
            Kind::Any => "json",
            _ => return None,
        });
    }
    None
}
