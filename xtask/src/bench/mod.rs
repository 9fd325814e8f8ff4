//! `cargo xtask bench`: the performance table of issue 7 in one run — parse floor, each
//! pipeline stage on the full vendor specs with peak memory, the stale check, build times
//! of generated crates, deserialize throughput and scaling with the number of roots.

use crate::project_root;
use kycgen_cli::Failure;
use kycgen_codegen::config::{CrateConfig, Roots};
use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::source::{self, SourceFile, SpecRoot};
use kycgen_codegen::{lower, openapi, Layout};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod peers;
mod typed;

pub(crate) const RUNS: usize = 5;

/// `cargo xtask bench`: prints the tables (markdown); needs ../shared/specs.
#[derive(clap::Args)]
pub struct Args {
    /// Skip the builds of generated crates (sections 4 and 6)
    #[arg(long)]
    quick: bool,
    /// Also time the first `cargo xtask generate --check` in a fresh clone (a full build)
    #[arg(long)]
    first_run: bool,
    /// Only the commands as typed (section 3, with --first-run if given)
    #[arg(long)]
    typed: bool,
    /// Internal: run `generate --spec SPEC` once and print the peak memory (KiB)
    #[arg(long, value_name = "SPEC", hide = true)]
    e2e_child: Option<PathBuf>,
}

/// Runs the bench (or the `--e2e-child` measurement) and prints the tables; skipped with a
/// message when `../shared/specs` is absent.
pub fn run(args: Args) -> Result<(), Failure> {
    if let Some(spec) = args.e2e_child {
        return e2e_child(spec);
    }
    let root = project_root();
    let shared = root.parent().map(|p| p.join("shared/specs")).filter(|p| p.is_dir());
    let Some(shared) = shared else {
        println!("skipping: ../shared/specs not found beside the checkout");
        return Ok(());
    };
    let plaid = shared.join("plaid/2020-09-14.yml");
    let stripe = shared.join("stripe/spec3.json");
    let mut out = String::new();
    out.push_str(&format!("Machine: {} cores. Medians of {RUNS} runs unless noted.\n\n", kycgen_codegen::par::cores()));
    if args.typed {
        print!("{out}{}", typed_section(&root, &plaid, args.first_run)?);
        return Ok(());
    }
    out.push_str(&stages_section(&root, &[&plaid, &stripe])?);
    out.push('\n');
    out.push_str(&typed_section(&root, &plaid, args.first_run)?);
    if !args.quick {
        out.push_str(&builds_section(&root, &plaid, &stripe)?);
        out.push_str(&scale_section(&root, &plaid)?);
    }
    out.push_str(&deserialize_section(&root)?);
    print!("{out}");
    Ok(())
}

/// Sections 1 and 2: the parse floor and each stage of the pipeline per spec, the whole
/// command as a process, and its peak memory.
fn stages_section(root: &Path, specs: &[&PathBuf]) -> Result<String, Failure> {
    let mut out = String::new();
    out.push_str("## 1. Parse floor and 2. end to end (this binary: `cargo xtask bench` runs `target/xtask/xtask`)\n\n");
    out.push_str("Parse floor: the document parsed whole on one thread into `serde_json::Value`. The\n");
    out.push_str("stages are kycgen's own (a large YAML document is parsed in pieces on all cores);\n");
    out.push_str("`generate --spec` is the whole command as a process of this binary run directly (no cargo):\n");
    out.push_str("start, all stages, locating warnings, hashing, writing the crate.\n\n");
    out.push_str("| spec | parse floor | read | parse | IR | lower | emit+format | end to end | `generate --spec` | peak memory |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for spec in specs {
        let floor = median(|| {
            let text = std::fs::read_to_string(spec).unwrap_or_default();
            let t = Instant::now();
            let _v = parse_floor(spec, &text);
            t.elapsed()
        });
        let stages = stage_medians(spec)?;
        let command = command_median(spec, &root.join("target/bench/command"))?;
        let peak = peak_memory(spec)?;
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | **{}** | {} | {} MiB |\n",
            spec.file_name().unwrap_or_default().to_string_lossy(),
            ms(floor),
            ms(stages[0]),
            ms(stages[1]),
            ms(stages[2]),
            ms(stages[3]),
            ms(stages[4]),
            ms(stages[5]),
            ms(command),
            peak / 1024
        ));
    }
    Ok(out)
}

/// Section 4: clean builds (debug, check, release) of generated crates.
fn builds_section(root: &Path, plaid: &Path, stripe: &Path) -> Result<String, Failure> {
    let mut out = String::new();
    out.push_str("\n## 4. Clean build of generated crates (dependencies excluded: built once, then the crate alone)\n\n");
    out.push_str("| crate | features | types | operations | debug build | `cargo check` | release build |\n|---|---|---|---|---|---|---|\n");
    let work = root.join("target/bench");
    let crates: Vec<(&str, PathBuf, Vec<String>, Option<&str>)> = vec![
        ("plaid-idv", root.join("specs/plaid-idv/openapi.yaml"), idv_roots(root)?, None),
        ("full Plaid", plaid.to_path_buf(), vec![], None),
        ("full Plaid", plaid.to_path_buf(), vec![], Some("identity-verification")),
        ("full Stripe", stripe.to_path_buf(), vec![], None),
    ];
    for (name, spec, roots, features) in &crates {
        let dir = work.join(name.replace(' ', "-"));
        let (g, dir) = generate_into(spec, &dir, roots)?;
        let target = work.join("target");
        let [debug, check, release] = [Build::Debug, Build::Check, Build::Release].map(|b| build_time(&dir, &target, b, *features));
        let ops = g.operations;
        out.push_str(&format!("| {name} | {} | {} | {ops} | {} | {} | {} |\n", features.unwrap_or("all"), g.types, secs(debug?), secs(check?), secs(release?)));
    }
    Ok(out)
}

/// Section 6: generation time and debug build of full Plaid by the number of roots.
fn scale_section(root: &Path, plaid: &Path) -> Result<String, Failure> {
    let work = root.join("target/bench");
    let mut out = String::from("\n## 6. Scale: roots of the full Plaid spec\n\n| roots | types | generate | debug build |\n|---|---|---|---|\n");
    let all = all_schema_names(plaid)?;
    for n in [100, 500, 1000, all.len()] {
        let roots: Vec<String> = all.iter().take(n).cloned().collect();
        let t = median(|| {
            let t = Instant::now();
            let _ = generate_model(plaid, &roots);
            t.elapsed()
        });
        let (g, dir) = generate_into(plaid, &work.join(format!("scale-{n}")), &roots)?;
        let debug = build_time(&dir, &work.join("target"), Build::Debug, None)?;
        out.push_str(&format!("| {n} | {} | {} | {} |\n", g.types, ms(t), secs(debug)));
    }
    Ok(out)
}

/// Section 5: the deserialize benchmark's own output.
fn deserialize_section(root: &Path) -> Result<String, Failure> {
    let mut out = String::from("\n## 5. Deserialize throughput (`cargo bench -p kycgen-tests --bench deserialize`)\n\n");
    let o = Command::new(cargo())
        .args(["bench", "-q", "-p", "kycgen-tests", "--bench", "deserialize"])
        .current_dir(root)
        .output()
        .map_err(|e| Failure::input(format!("cargo bench: {e}")))?;
    out.push_str(&String::from_utf8_lossy(&o.stdout));
    Ok(out)
}

/// Section 3: the typed commands, and the fresh clone's first run when asked for.
fn typed_section(root: &Path, plaid: &Path, first_run: bool) -> Result<String, Failure> {
    let mut out = String::from("## 3. The commands as typed (the whole `cargo xtask …` invocation; cargo runs `target/xtask/xtask`, profile `xtask`)\n\n");
    out.push_str(&typed::table(root, plaid)?);
    let peak = peak_memory(plaid)? / 1024;
    let met = if peak <= 100 { "met" } else { "not met" };
    out.push_str(&format!("\nPeak memory of the binary running `generate --spec` on full Plaid: {peak} MiB (target ≤ 100 MiB: {met}).\n"));
    if first_run {
        out.push('\n');
        out.push_str(&typed::first_run(root)?);
    }
    Ok(out)
}

pub(crate) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

pub(crate) fn median(mut f: impl FnMut() -> Duration) -> Duration {
    let mut v: Vec<Duration> = (0..RUNS).map(|_| f()).collect();
    v.sort();
    v[RUNS / 2]
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

pub(crate) fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn parse_floor(spec: &Path, text: &str) -> Option<serde_json::Value> {
    let file = SourceFile { display: spec.display().to_string(), rel: spec.file_name()?.to_string_lossy().into_owned(), text: text.to_string() };
    source::parse_document_on(&file, 1).ok()
}

/// Median wall time of `xtask generate --spec SPEC --out DIR` run by this same binary
/// directly (no cargo).
fn command_median(spec: &Path, dir: &Path) -> Result<Duration, Failure> {
    let exe = std::env::current_exe().map_err(|e| Failure::input(e.to_string()))?;
    let mut failed = None;
    let t = median(|| {
        let t = Instant::now();
        match Command::new(&exe).args(["generate", "--spec"]).arg(spec).arg("--out").arg(dir).output() {
            Ok(o) if o.status.success() => {}
            Ok(o) => failed = Some(String::from_utf8_lossy(&o.stderr).into_owned()),
            Err(e) => failed = Some(e.to_string()),
        }
        t.elapsed()
    });
    match failed {
        Some(e) => Err(Failure::input(format!("generate --spec {} failed: {e}", spec.display()))),
        None => Ok(t),
    }
}

/// Median time of each stage: read, parse, IR, lower, emit (with prettyplease), total.
fn stage_medians(spec: &Path) -> Result<[Duration; 6], Failure> {
    let mut runs: Vec<[Duration; 6]> = Vec::new();
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let text = std::fs::read_to_string(spec).map_err(|e| Failure::input(format!("{}: {e}", spec.display())))?;
        let t1 = Instant::now();
        let rel = spec.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let file = SourceFile { display: spec.display().to_string(), rel, text };
        let doc = source::parse_document(&file).map_err(|d| Failure::input(d.to_string()))?;
        let t2 = Instant::now();
        let mut diags = Diagnostics::new();
        let ir = openapi::read(&file, &doc, &mut diags);
        let t3 = Instant::now();
        let cfg = CrateConfig { package: "bench".into(), version: "0.1.0".into(), ..CrateConfig::default() };
        let model = lower::lower(&ir, &cfg, "bench", &mut diags);
        let t4 = Instant::now();
        let files = kycgen_codegen::emit_crate(&model, "bench")?;
        let t5 = Instant::now();
        drop((files, model, ir, doc));
        runs.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0]);
    }
    let mut out = [Duration::ZERO; 6];
    for (i, slot) in out.iter_mut().enumerate() {
        let mut col: Vec<Duration> = runs.iter().map(|r| r[i]).collect();
        col.sort();
        *slot = col[RUNS / 2];
    }
    Ok(out)
}

/// Peak resident memory (KiB) of a child process running `generate --spec SPEC --out DIR`
/// once, as the typed command's binary does.
fn peak_memory(spec: &Path) -> Result<u64, Failure> {
    let exe = std::env::current_exe().map_err(|e| Failure::input(e.to_string()))?;
    let o = Command::new(exe).args(["bench", "--e2e-child"]).arg(spec).output().map_err(|e| Failure::input(e.to_string()))?;
    String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or_default().trim().parse().map_err(|_| Failure::input(format!("peak memory child failed: {}", String::from_utf8_lossy(&o.stderr))))
}

fn e2e_child(spec: PathBuf) -> Result<(), Failure> {
    let out = project_root().join("target/bench/peak");
    crate::generate::run(kycgen_cli::generate::Args { spec: Some(spec), out: Some(out), ..Default::default() })?;
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.split_whitespace().next()).unwrap_or("0");
    println!("{kib}");
    Ok(())
}

/// The spec parsed whole, as the peers get it.
fn parse_whole(spec: &Path) -> Result<serde_json::Value, Failure> {
    let text = std::fs::read_to_string(spec).map_err(|e| Failure::input(format!("{}: {e}", spec.display())))?;
    parse_floor(spec, &text).ok_or_else(|| Failure::input(format!("{}: does not parse", spec.display())))
}

/// The crate of `spec` with what `roots` reach, or the whole spec with every operation (as
/// the conformance crates are) when `roots` is empty.
fn generate_model(spec: &Path, roots: &[String]) -> Result<kycgen_codegen::Generated, Failure> {
    let opened = kycgen_codegen::open(spec)?;
    let cfg = CrateConfig {
        package: "bench-crate".into(),
        version: "0.1.0".into(),
        specs: opened.files,
        roots: Roots { requests: vec![], responses: roots.to_vec() },
        all_operations: roots.is_empty(),
        ..CrateConfig::default()
    };
    Ok(kycgen_codegen::generate(&cfg, &opened.root, "bench", Layout::Standalone)?)
}

/// How many types and operations a generated crate has.
struct Counts {
    types: usize,
    operations: usize,
}

fn generate_into(spec: &Path, dir: &Path, roots: &[String]) -> Result<(Counts, PathBuf), Failure> {
    let g = generate_model(spec, roots)?;
    let tree = g.files.into_iter().map(|f| (f.path, f.contents)).collect();
    kycgen_cli::fsx::replace_dir(dir, &tree).map_err(|e| Failure::input(format!("{}: {e}", dir.display())))?;
    Ok((Counts { types: g.model.types.len(), operations: g.model.operations.len() }, dir.to_path_buf()))
}

#[derive(Clone, Copy, PartialEq)]
enum Build {
    Debug,
    Check,
    Release,
}

/// Clean build (or check) time of the crate itself, without incremental compilation:
/// dependencies are built first, then the crate's own artifacts are removed and it is
/// built again.
fn build_time(dir: &Path, target: &Path, build: Build, features: Option<&str>) -> Result<Duration, Failure> {
    let cargo_in = |args: &[&str]| {
        let mut c = Command::new(cargo());
        c.args(args).arg("-q").current_dir(dir).env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0");
        if build == Build::Release {
            c.arg("--release");
        }
        c
    };
    let mut build_args = vec![if build == Build::Check { "check" } else { "build" }];
    if let Some(f) = features {
        build_args.extend(["--no-default-features", "--features", f]);
    }
    let ok = cargo_in(&build_args).status().map_err(|e| Failure::input(e.to_string()))?;
    if !ok.success() {
        return Err(Failure::check(format!("{} does not build", dir.display())));
    }
    cargo_in(&["clean", "-p", "bench-crate"]).status().map_err(|e| Failure::input(e.to_string()))?;
    let t = Instant::now();
    cargo_in(&build_args).status().map_err(|e| Failure::input(e.to_string()))?;
    Ok(t.elapsed())
}

fn all_schema_names(spec: &Path) -> Result<Vec<String>, Failure> {
    let opened = kycgen_codegen::open(spec)?;
    let read = kycgen_codegen::read(&opened.root, &opened.files, &mut Diagnostics::new());
    Ok(read.spec.schemas.keys().cloned().collect())
}

/// The plaid-idv crate's roots (requests and responses), from its vendor config.
fn idv_roots(root: &Path) -> Result<Vec<String>, Failure> {
    let bad = |d: kycgen_codegen::diag::Diagnostic| Failure::input(d.to_string());
    let dir = SpecRoot::new(&root.join("specs/plaid-idv"), "specs/plaid-idv").map_err(bad)?;
    let cfg = kycgen_codegen::config::parse(&dir.read("kycgen.yaml").map_err(bad)?).map_err(bad)?;
    Ok(cfg.roots.requests.into_iter().chain(cfg.roots.responses).collect())
}
