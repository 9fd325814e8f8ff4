//! `generate --spec PATH --out DIR`: one spec (optionally with a vendor config) to one
//! standalone crate, staged and swapped in. The options are shared with `cargo xtask
//! generate`, which without `--out` generates every vendor of the repository instead.

use crate::fsx::{self, Tree};
use crate::Failure;
use kycgen_codegen::config::{self, CrateConfig, Roots};
use kycgen_codegen::diag::{Diagnostics, Severity};
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Layout};
use std::path::{Path, PathBuf};

/// `generate`: exit 1 with `--check` when something is stale, 2 on bad input.
#[derive(clap::Args, Default)]
#[command(group = clap::ArgGroup::new("input").args(["spec", "config"]).multiple(true))]
pub struct Args {
    /// Exit 1 if the output is stale; write nothing
    #[arg(long)]
    pub check: bool,
    /// Warnings are errors: print them as errors and exit 2, writing nothing
    #[arg(long)]
    pub deny_warnings: bool,
    /// One spec to generate: an OpenAPI file, a markdown doc, or a directory of markdown
    /// docs (the crate is named after it). Replaces a --config's specs and their pin
    #[arg(long, value_name = "PATH", requires = "out")]
    pub spec: Option<PathBuf>,
    /// The standalone crate's directory (with --spec or --config)
    #[arg(long, value_name = "DIR", requires = "input")]
    pub out: Option<PathBuf>,
    /// The package name of the crate (with --out; default: the config's, or the spec's
    /// file name)
    #[arg(long, value_name = "N", requires = "out")]
    pub crate_name: Option<String>,
    /// A schema to generate with what it reaches (repeatable, with --out; default: the
    /// config's roots, or all). Names ending in `Request` are requests
    #[arg(long = "root", value_name = "SCHEMA", requires = "out")]
    pub roots: Vec<String>,
    /// A vendor config (kycgen.yaml: roots, renames, redaction, operations, webhooks); its
    /// specs are read from its directory unless --spec is given
    #[arg(long, value_name = "FILE", requires = "out")]
    pub config: Option<PathBuf>,
}

/// Prints the warnings, or with `--deny-warnings` fails with them as errors.
pub fn warn(mut warnings: Diagnostics, args: &Args) -> Result<(), Failure> {
    if !args.deny_warnings || warnings.warnings().next().is_none() {
        eprint!("{warnings}");
        return Ok(());
    }
    let n = warnings.warnings().count();
    deny_all(&mut warnings);
    Err(Failure::input(format!("{warnings}generate: {n} warnings denied (--deny-warnings); nothing was written\n")))
}

/// A failed run's diagnostics, with warnings as errors under `--deny-warnings`.
pub fn failed(e: kycgen_codegen::Error, args: &Args) -> Failure {
    if !args.deny_warnings {
        return Failure::from(e);
    }
    let code = e.exit_code();
    let mut diags = e.into_diagnostics();
    deny_all(&mut diags);
    Failure { code, message: diags.to_string() }
}

fn deny_all(diags: &mut Diagnostics) {
    diags.iter_mut().for_each(|d| d.severity = Severity::Error);
}

/// `generate --out DIR` with `--spec` and/or `--config`.
pub fn one_spec(out: &Path, args: &Args) -> Result<(), Failure> {
    let (cfg, spec_root, cfg_display) = crate_config(args)?;
    let g = generate(&cfg, &spec_root, &cfg_display, Layout::Standalone).map_err(|e| failed(e, args))?;
    warn(g.warnings, args)?;
    let tree: Tree = g.files.into_iter().map(|f| (f.path, f.contents)).collect();
    let types = g.model.types.len();
    // The process ends right after this: freeing the spec's IR, the model and the files
    // (hundreds of thousands of small allocations) would only delay the exit.
    std::mem::forget((g.spec, g.model));
    let result = write_or_check(out, &tree, args.check);
    std::mem::forget(tree);
    let changed = result?;
    if !args.check {
        let unchanged = if changed == 0 { " (no file changed)" } else { "" };
        println!("generated {} ({types} types) in {}{unchanged}", cfg.package, out.display());
    }
    Ok(())
}

/// Compares `tree` with `out`; with `check` a difference is the failure, else `out` is
/// replaced with `tree` (staged, then swapped) when anything differs, as `cargo xtask
/// generate` replaces only stale crates. The number of files that differ.
fn write_or_check(out: &Path, tree: &Tree, check: bool) -> Result<usize, Failure> {
    let stale = fsx::compare(out, tree);
    if check && !stale.is_empty() {
        let msg: String = stale.iter().map(|s| s.report(&out.to_string_lossy())).collect();
        return Err(Failure::check(msg));
    }
    if !check && !stale.is_empty() {
        fsx::replace_dir(out, tree).map_err(|e| Failure::input(format!("{}: {e}", out.display())))?;
    }
    Ok(stale.len())
}

/// The crate's config: the `--config` file's (or a default one), with `--spec`,
/// `--crate-name` and `--root` over it; the spec root; and how the config is shown.
fn crate_config(args: &Args) -> Result<(CrateConfig, SpecRoot, String), Failure> {
    let (mut cfg, mut root, shown) = match &args.config {
        Some(path) => read_config(path)?,
        None => (CrateConfig { version: "0.1.0".into(), ..CrateConfig::default() }, None, "command line".to_string()),
    };
    if let Some(spec) = &args.spec {
        let opened = kycgen_codegen::open(spec)?;
        if args.config.is_none() {
            cfg.package = sanitize_package(&opened.stem);
        }
        // The pin is about the config's own spec files, which --spec replaces.
        (cfg.specs, cfg.source, root) = (opened.files, None, Some(opened.root));
    }
    if let Some(name) = &args.crate_name {
        cfg.package = name.clone();
    }
    if !args.roots.is_empty() {
        let (requests, responses) = args.roots.iter().cloned().partition(|r: &String| r.ends_with("Request"));
        cfg.roots = Roots { requests, responses };
    }
    cfg.runtime = crate::runtime_override();
    let root = root.ok_or_else(|| Failure::input("generate: --out needs --spec PATH or --config FILE"))?;
    Ok((cfg, root, shown))
}

/// A vendor config file, with its directory as the spec root of its `specs`.
fn read_config(path: &Path) -> Result<(CrateConfig, Option<SpecRoot>, String), Failure> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let display = dir.to_string_lossy().trim_end_matches('/').to_string();
    let root = SpecRoot::new(dir, display).map_err(|d| Failure::input(d.to_string()))?;
    let cfg = root.read(&name).and_then(|f| config::parse(&f)).map_err(|d| Failure::input(d.to_string()))?;
    Ok((cfg, Some(root.clone()), root.display_of(&name)))
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
