//! `cargo xtask generate`: every vendor config under `specs/` to its crate under
//! `generated/`, or one spec to one standalone crate with `--spec`/`--out`.

use crate::fsx::{self, Stale, Tree};
use crate::{project_root, Failure};
use kycgen_codegen::config::{CrateConfig, Roots};
use kycgen_codegen::diag::{Diagnostics, Severity};
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, workspace, Layout};
use std::path::{Path, PathBuf};

/// `cargo xtask generate`: exit 1 with `--check` when something is stale, 2 on bad input.
#[derive(clap::Args, Default)]
pub struct Args {
    /// Exit 1 if the output is stale; write nothing
    #[arg(long)]
    pub(crate) check: bool,
    /// Warnings are errors: print them as errors and exit 2, writing nothing
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// One spec to generate: an OpenAPI file, a markdown doc, or a directory of markdown
    /// docs (the crate is named after it)
    #[arg(long, value_name = "PATH", requires = "out")]
    pub(crate) spec: Option<PathBuf>,
    /// The standalone crate's directory (with --spec)
    #[arg(long, value_name = "DIR", requires = "spec")]
    pub(crate) out: Option<PathBuf>,
    /// The package name of the crate (with --spec; default: the spec's file name)
    #[arg(long, value_name = "N", requires = "spec")]
    pub(crate) crate_name: Option<String>,
    /// A schema to generate with what it reaches (repeatable, with --spec; default: all).
    /// Names ending in `Request` are requests
    #[arg(long = "root", value_name = "SCHEMA", requires = "spec")]
    pub(crate) roots: Vec<String>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    match (&args.spec, &args.out) {
        (Some(spec), Some(out)) => one_spec(spec, out, &args),
        _ => all_vendors(&args),
    }
}

/// Prints the warnings, or with `--deny-warnings` fails with them as errors.
fn warn(mut warnings: Diagnostics, args: &Args) -> Result<(), Failure> {
    if !args.deny_warnings || warnings.warnings().next().is_none() {
        eprint!("{warnings}");
        return Ok(());
    }
    let n = warnings.warnings().count();
    deny_all(&mut warnings);
    Err(Failure::input(format!("{warnings}generate: {n} warnings denied (--deny-warnings); nothing was written\n")))
}

/// A failed run's diagnostics, with warnings as errors under `--deny-warnings`.
fn failed(mut diags: Diagnostics, args: &Args) -> Failure {
    if args.deny_warnings {
        deny_all(&mut diags);
    }
    Failure::input(diags.to_string())
}

fn deny_all(diags: &mut Diagnostics) {
    diags.iter_mut().for_each(|d| d.severity = Severity::Error);
}

fn all_vendors(args: &Args) -> Result<(), Failure> {
    let root = project_root();
    let (plan, warnings) = workspace::generate_all(&root).map_err(|d| failed(d, args))?;
    warn(warnings, args)?;
    let crates: usize = plan.values().map(|t| t.keys().filter(|p| p.ends_with("/Cargo.toml")).count()).sum();
    let files: usize = plan.values().map(|t| t.len()).sum();
    let stale: Vec<(String, Vec<Stale>)> =
        plan.iter().map(|(dir, tree)| (dir.clone(), fsx::compare(&root.join(dir), tree))).filter(|(_, s)| !s.is_empty()).collect();
    let count: usize = stale.iter().map(|(_, s)| s.len()).sum();
    if stale.is_empty() {
        println!("generated code is up to date ({crates} crates, {files} files)");
        return Ok(());
    }
    if args.check {
        let mut msg = String::new();
        for (dir, list) in &stale {
            for s in list {
                msg.push_str(&s.report(dir));
            }
        }
        msg.push_str(&format!("{count} generated files are stale: run cargo xtask generate\n"));
        return Err(Failure::check(msg));
    }
    // Every crate was generated in memory before anything is written; each output
    // directory is then swapped in whole.
    for (dir, _) in &stale {
        fsx::replace_dir(&root.join(dir), &plan[dir]).map_err(|e| Failure::input(format!("{dir}: {e}")))?;
    }
    println!("generated {crates} crates ({count} files changed)");
    Ok(())
}

fn one_spec(spec: &Path, out: &Path, args: &Args) -> Result<(), Failure> {
    // A directory of markdown docs is its own spec root, read whole (`.`); a file is read
    // from the directory it is in.
    let (root_dir, files, stem) = if spec.is_dir() {
        let name = spec.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        (spec.to_path_buf(), vec![".".to_string()], name.unwrap_or_else(|| "spec".into()))
    } else {
        let parent = spec.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "spec".into());
        (parent.to_path_buf(), vec![name], stem)
    };
    let display = root_dir.to_string_lossy().trim_end_matches('/').to_string();
    let spec_root = SpecRoot::new(&root_dir, display).map_err(|d| Failure::input(d.to_string()))?;
    let package = args.crate_name.clone().unwrap_or_else(|| sanitize_package(&stem));
    let (requests, responses) = args.roots.iter().cloned().partition(|r: &String| r.ends_with("Request"));
    let cfg = CrateConfig { package, specs: files, roots: Roots { requests, responses }, version: "0.1.0".into(), runtime: crate::runtime_override(), ..CrateConfig::default() };
    let g = generate(&cfg, &spec_root, "command line", Layout::Standalone).map_err(|d| failed(d, args))?;
    warn(g.warnings, args)?;
    let tree: Tree = g.files.into_iter().map(|f| (f.path, f.contents)).collect();
    let types = g.model.types.len();
    // The process ends right after this: freeing the spec's IR, the model and the files
    // (hundreds of thousands of small allocations) would only delay the exit.
    std::mem::forget((g.spec, g.model));
    let result = write_or_check(out, &tree, args.check);
    std::mem::forget(tree);
    result?;
    if !args.check {
        println!("generated {} ({types} types) in {}", cfg.package, out.display());
    }
    Ok(())
}

/// Writes `tree` to `out` (staged, then swapped), or with `check` compares it.
fn write_or_check(out: &Path, tree: &Tree, check: bool) -> Result<(), Failure> {
    if check {
        let stale = fsx::compare(out, tree);
        if !stale.is_empty() {
            let msg: String = stale.iter().map(|s| s.report(&out.to_string_lossy())).collect();
            return Err(Failure::check(msg));
        }
        return Ok(());
    }
    fsx::replace_dir(out, tree).map_err(|e| Failure::input(format!("{}: {e}", out.display())))
}

fn sanitize_package(stem: &str) -> String {
    let s: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("spec-{s}")
    } else {
        s
    }
}
