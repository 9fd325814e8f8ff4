//! `conformance`: every full vendor spec of a corpus (`../shared/specs` for `cargo xtask`) is
//! generated into a crate under a work directory (`target/conformance/`), built with a `roundtrip` runner, and
//! the vendor's own examples are round-tripped through the generated types. Failures are
//! told apart by an independent IR check: the example contradicts its schema, or kycgen
//! is wrong.

mod build;
mod examples;
mod report;
mod spec_examples;

use crate::{fsx, Failure};
use examples::Example;
use kycgen_codegen::config::CrateConfig;
use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::ir::{self, EnumBase, Kind};
use kycgen_codegen::source::{self, SpecRoot};
use kycgen_codegen::{conforms, emit, generate, openapi, Generated, Layout};
use report::SpecReport;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Examples must round-trip at least this often.
const MIN_PASS_RATE: f64 = 0.99;

/// Examples a spec is checked with besides its own.
enum Extra {
    /// Stripe's `fixtures3.json`: each object an example of the schema its `object` names.
    StripeFixtures(PathBuf),
    /// Plaid's Identity Verification API reference: JSON blocks by their heading.
    PlaidSeed(PathBuf),
    /// Examples read from a directory of JSON files named by type (`--examples`).
    Loaded(Vec<Example>),
}

/// One conformance run: a spec file and the examples it is checked with besides its own.
struct Target {
    name: String,
    spec: PathBuf,
    extra: Vec<Extra>,
}

/// `conformance`: exit 1 when a spec does not generate or build warning-free,
/// an example fails for a kycgen reason, or too few examples round-trip; 2 on bad input.
#[derive(clap::Args)]
pub struct Args {
    /// The corpus of vendor specs (`cargo xtask`'s default: ../shared/specs beside the checkout)
    #[arg(long, value_name = "DIR", conflicts_with = "spec")]
    corpus: Option<PathBuf>,
    /// Only the corpus specs whose name contains NAME
    #[arg(long, value_name = "NAME", conflicts_with = "spec")]
    only: Option<String>,
    /// Check this OpenAPI file instead of the corpus: every example it carries (component,
    /// media-type and parameter examples) is round-tripped through its generated crate
    #[arg(long, value_name = "PATH")]
    spec: Option<PathBuf>,
    /// With --spec: also each JSON file of DIR named by type (`TYPE.json`, `TYPE/*.json`;
    /// TYPE is a schema name or a generated type name)
    #[arg(long, value_name = "DIR", requires = "spec")]
    examples: Option<PathBuf>,
}

/// Where a conformance run works and what it checks when told nothing.
pub struct Context {
    /// The generated crates, their shared target directory and the per-example results.
    pub work: PathBuf,
    /// The corpus checked without `--spec` or `--corpus`; `None`: one of them is required.
    pub default_corpus: Option<PathBuf>,
}

/// Runs `conformance`: generates a crate per spec under `ctx.work`, builds it and round-trips
/// every example through it, then prints the table. Fails (exit 1) when a crate does not
/// generate or build warning-free, an example fails for a kycgen reason, or the pass rate is
/// below the minimum; a missing corpus directory is skipped with a message.
pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let targets = match args.spec {
        Some(spec) => vec![spec_target(spec, args.examples.as_deref())?],
        None => {
            let Some(corpus) = args.corpus.or_else(|| ctx.default_corpus.clone()) else {
                return Err(Failure::input("conformance: give --spec PATH (one spec) or --corpus DIR (a corpus laid out as ../shared/specs)"));
            };
            if !corpus.is_dir() {
                println!("skipping: conformance corpus {} not found", corpus.display());
                return Ok(());
            }
            corpus_targets(&corpus).into_iter().filter(|t| args.only.as_ref().is_none_or(|o| t.name.contains(o.as_str()))).collect()
        }
    };
    let work = &ctx.work;
    let start = Instant::now();
    let mut reports = Vec::new();
    for t in &targets {
        eprintln!("== conformance: {} ({})", t.name, t.spec.display());
        let r = run_one(work, t);
        let s = &r.sources;
        eprintln!(
            "   {} types, build {:.0}s, {} examples ({} component, {} media type, {} parameter, {} other)",
            r.types,
            r.build.as_ref().map_or(0.0, |b| b.seconds),
            r.tally.run(),
            s[0],
            s[1],
            s[2],
            s[3]
        );
        reports.push(r);
    }
    verdict(&reports, work, start)
}

/// Prints the table and the totals; fails when the run did.
fn verdict(reports: &[SpecReport], work: &Path, start: Instant) -> Result<(), Failure> {
    println!("{}", report::table(reports));
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
    for r in reports {
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

/// The run of `--spec PATH [--examples DIR]`, named after the file.
fn spec_target(spec: PathBuf, examples: Option<&Path>) -> Result<Target, Failure> {
    if !spec.is_file() {
        return Err(Failure::input(format!("{}: error: cannot read file: not a file", spec.display())));
    }
    let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let extra = match examples {
        Some(dir) => vec![Extra::Loaded(examples::dir_examples(dir).map_err(Failure::input)?)],
        None => Vec::new(),
    };
    Ok(Target { name: stem, spec, extra })
}

/// The built-in corpus as a list of runs: Plaid's current spec (with the API reference's
/// payloads), Stripe's (with its fixtures), and Plaid's history.
fn corpus_targets(corpus: &Path) -> Vec<Target> {
    let mut out = Vec::new();
    let plaid = corpus.join("plaid/2020-09-14.yml");
    if plaid.is_file() {
        let seed = corpus.join("../seeds/plaid-identity-verification.api-reference.md");
        out.push(Target { name: "plaid".into(), spec: plaid, extra: vec![Extra::PlaidSeed(seed)] });
    }
    let stripe = corpus.join("stripe/spec3.json");
    if stripe.is_file() {
        let fixtures = stripe.with_file_name("fixtures3.json");
        out.push(Target { name: "stripe".into(), spec: stripe, extra: vec![Extra::StripeFixtures(fixtures)] });
    }
    // Onfido's full spec: its own component examples (the subset crate's are checked by
    // tests/tests/onfido.rs).
    let onfido = corpus.join("onfido/openapi.yaml");
    if onfido.is_file() {
        out.push(Target { name: "onfido".into(), spec: onfido, extra: Vec::new() });
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
        out.push(Target { name: format!("plaid-history-{stem}"), spec: corpus.join("plaid/history").join(&file), extra: Vec::new() });
    }
    out
}

fn run_one(work: &Path, t: &Target) -> SpecReport {
    let mut r = SpecReport { name: t.name.clone(), ..SpecReport::default() };
    let dir = t.spec.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let file = t.spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let started = Instant::now();
    let generated = generate_crate(dir, &file, &t.name);
    r.generate_seconds = started.elapsed().as_secs_f64();
    let (mut g, tree) = match generated {
        Ok(x) => x,
        Err(e) => {
            r.generate_error = Some(e);
            return r;
        }
    };
    r.schemas = g.spec.schemas.len();
    r.types = g.model.types.len();
    r.operations = (g.model.operations.len(), g.spec.operations.len());
    // Operations left out (multipart bodies, no operationId) are among these, located.
    g.warnings.iter().for_each(|w| eprintln!("   {w}"));
    let crate_dir = work.join(&t.name);
    if let Err(e) = fsx::replace_dir(&crate_dir, &tree) {
        r.generate_error = Some(format!("{}: {e}", crate_dir.display()));
        return r;
    }
    let build = build::cargo_build(&crate_dir, &work.join("target"), &crate_names(&t.name).1, &g.model.serde_features());
    let exe = build.executable.clone().filter(|_| build.ok);
    r.build = Some(build);
    let Some(exe) = exe else { return r };
    let examples = match collect_examples(dir, &file, t, &mut g.spec) {
        Ok((examples, skipped)) => {
            skipped.into_iter().for_each(|s| r.tally.skip(s));
            examples
        }
        Err(e) => {
            r.tally.skip(e);
            return r;
        }
    };
    run_examples(&g, &examples, &exe, &work.join("examples").join(format!("{}.jsonl", t.name)), &mut r);
    r
}

/// The crate's package name (`conformance-NAME`, sanitized) and the name of its runner
/// binary: `roundtrip-NAME`, one per crate, since all of them build into one target
/// directory, where cargo puts each binary under its own name.
fn crate_names(name: &str) -> (String, String) {
    let name: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    (format!("conformance-{name}"), format!("roundtrip-{name}"))
}

/// Generates the spec into a standalone crate, plus its runner `src/bin/roundtrip-NAME.rs`.
fn generate_crate(dir: &Path, file: &str, name: &str) -> Result<(Generated, fsx::Tree), String> {
    let dir_display = dir.display().to_string();
    let spec_root = SpecRoot::new(dir, &dir_display).map_err(|d| d.to_string())?;
    let (package, bin) = crate_names(name);
    let cfg = CrateConfig {
        package,
        description: format!("kycgen conformance crate for {dir_display}/{file}"),
        version: "0.0.0".into(),
        specs: vec![file.to_string()],
        runtime: crate::runtime_override(),
        all_operations: true,
        ..CrateConfig::default()
    };
    let g = generate(&cfg, &spec_root, "conformance", Layout::Standalone).map_err(|d| d.to_string())?;
    let mut tree: fsx::Tree = g.files.iter().map(|f| (f.path.clone(), f.contents.clone())).collect();
    tree.insert(format!("src/bin/{bin}.rs"), emit::roundtrip_harness(&g.model)?);
    Ok((g, tree))
}

/// The spec's own examples, then the target's others; the spec's inline schemas are read
/// into `spec` under their pointer names. Also returns the examples that cannot be checked.
fn collect_examples(dir: &Path, file: &str, t: &Target, spec: &mut ir::Spec) -> Result<(Vec<Example>, Vec<String>), String> {
    let root = SpecRoot::new(dir, dir.display().to_string()).map_err(|d| d.to_string())?;
    let source = root.read(file).map_err(|d| d.to_string())?;
    let doc = source::parse_document(&source).map_err(|d| d.to_string())?;
    let found = spec_examples::collect(&doc, file);
    let mut skipped = found.skipped;
    for (name, schema) in found.inline {
        let mut diags = Diagnostics::new();
        let s = openapi::read_inline_schema(&source, &schema, name.trim_start_matches('#'), &mut diags);
        let problem = diags.errors().next().map(|d| d.message.clone());
        match problem {
            Some(why) => skipped.push(format!("{name}: the inline schema does not read: {why}")),
            None => _ = spec.schemas.insert(name, s),
        }
    }
    let mut list = found.examples;
    for extra in &t.extra {
        match extra {
            Extra::StripeFixtures(path) if path.is_file() => list.extend(examples::stripe_fixtures(&read_json_doc(path)?)),
            Extra::StripeFixtures(_) => {}
            Extra::PlaidSeed(path) => {
                let Ok(text) = std::fs::read_to_string(path) else { continue };
                let (found, problems) = examples::plaid_idv_seed(&text, "plaid-identity-verification.api-reference.md");
                problems.iter().for_each(|p| eprintln!("   {p}"));
                list.extend(found);
            }
            Extra::Loaded(examples) => list.extend(examples.iter().cloned()),
        }
    }
    Ok((list, skipped))
}

fn read_json_doc(path: &Path) -> Result<Value, String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let root = SpecRoot::new(dir, dir.display().to_string()).map_err(|d| d.to_string())?;
    let file = root.read(&name).map_err(|d| d.to_string())?;
    source::parse_document(&file).map_err(|d| d.to_string())
}

/// Writes the examples that have a generated type as JSON lines, runs them and counts.
fn run_examples(g: &Generated, examples: &[Example], exe: &Path, jsonl: &Path, r: &mut SpecReport) {
    let types: HashMap<&str, &str> = g.model.types.iter().map(|t| (t.source.as_str(), t.name.as_str())).collect();
    let by_rust: HashMap<&str, &str> = g.model.types.iter().map(|t| (t.name.as_str(), t.source.as_str())).collect();
    let mut lines = String::new();
    let mut sent: Vec<(&str, &Example)> = Vec::new();
    for ex in examples {
        // An example named by its Rust type (from `--examples`) is checked against the
        // schema that type was generated from.
        let schema = match by_rust.get(ex.schema.as_str()) {
            Some(source) if !g.spec.schemas.contains_key(&ex.schema) => source,
            _ => ex.schema.as_str(),
        };
        if !g.spec.schemas.contains_key(schema) {
            r.tally.skip(format!("{}: no schema `{schema}` in this spec", ex.id));
            continue;
        }
        let Some(rust) = types.get(schema).copied().or_else(|| primitive(&g.spec, schema)) else {
            r.tally.skip(format!("{}: schema `{schema}` has no generated type", ex.id));
            continue;
        };
        lines.push_str(&json!({"type": rust, "id": ex.id, "value": ex.value}).to_string());
        lines.push('\n');
        r.sources[source_kind(&ex.id)] += 1;
        sent.push((schema, ex));
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
    for ((schema, ex), result) in sent.iter().zip(&results) {
        let contradictions = conforms::check(&g.spec, schema, &ex.value);
        let unknown = conforms::unknown_keys(&g.spec, schema, &ex.value);
        r.tally.record(&ex.id, result, &contradictions, &unknown);
        let mut line = result.clone();
        line["schema"] = json!(schema);
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

/// Where an example id points: 0 a component schema, 1 a media type, 2 a parameter, 3
/// elsewhere (fixtures, seeds, `--examples`).
fn source_kind(id: &str) -> usize {
    match id.split_once('#').map(|(_, p)| p) {
        Some(p) if p.contains("/content/") => 1,
        Some(p) if p.contains("/parameters/") => 2,
        Some(p) if p.starts_with("/components/schemas/") => 0,
        _ => 3,
    }
}

/// The runner's name for the Rust type of a primitive schema (following `$ref`s), or
/// `None` for the others (arrays and maps have type aliases of their own).
fn primitive(spec: &ir::Spec, schema: &str) -> Option<&'static str> {
    let kycgen_codegen::resolve::Target::Schema(s) = kycgen_codegen::resolve::named(spec, schema) else { return None };
    Some(match &s.kind {
        Kind::String { format } => match format.as_deref() {
            Some("date") => "date",
            Some("date-time") => "date-time",
            _ => "string",
        },
        Kind::Integer { .. } => "integer",
        Kind::Number { .. } => "number",
        Kind::Boolean => "boolean",
        Kind::Enum(e) if e.base == EnumBase::Boolean => "boolean",
        Kind::Enum(e) if e.base == EnumBase::Number => "number",
        Kind::Enum(e) if !e.base.has_type() => "json",
        Kind::Any => "json",
        _ => return None,
    })
}
