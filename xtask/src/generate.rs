//! `cargo xtask generate`: every vendor config under `specs/` to its crate under
//! `generated/`, or one spec to one standalone crate with `--spec`/`--out`.

use crate::fsx::{self, Stale, Tree};
use crate::{project_root, Failure};
use kycgen_codegen::config::{CrateConfig, Roots};
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, workspace, Layout};
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Args {
    check: bool,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
    roots: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Args, Failure> {
    let mut a = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| Failure::input(format!("{name} needs a value")));
        match arg.as_str() {
            "--check" => a.check = true,
            "--spec" => a.spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => a.out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => a.crate_name = Some(value("--crate-name")?),
            "--root" => a.roots.push(value("--root")?),
            other => return Err(Failure::input(format!("generate: unknown argument `{other}`"))),
        }
    }
    if a.spec.is_some() != a.out.is_some() {
        return Err(Failure::input("generate: --spec and --out go together"));
    }
    if a.spec.is_none() && (a.crate_name.is_some() || !a.roots.is_empty()) {
        return Err(Failure::input("generate: --crate-name and --root need --spec and --out"));
    }
    Ok(a)
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let args = parse_args(args)?;
    match (&args.spec, &args.out) {
        (Some(spec), Some(out)) => one_spec(spec, out, &args),
        _ => all_vendors(args.check),
    }
}

fn all_vendors(check: bool) -> Result<(), Failure> {
    let root = project_root();
    let (plan, warnings) = workspace::generate_all(&root).map_err(|d| Failure::input(d.to_string()))?;
    eprint!("{warnings}");
    let crates: usize = plan.values().map(|t| t.keys().filter(|p| p.ends_with("/Cargo.toml")).count()).sum();
    let files: usize = plan.values().map(|t| t.len()).sum();
    let stale: Vec<(String, Vec<Stale>)> =
        plan.iter().map(|(dir, tree)| (dir.clone(), fsx::compare(&root.join(dir), tree))).filter(|(_, s)| !s.is_empty()).collect();
    let count: usize = stale.iter().map(|(_, s)| s.len()).sum();
    if stale.is_empty() {
        println!("generated code is up to date ({crates} crates, {files} files)");
        return Ok(());
    }
    if check {
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
    let cfg = CrateConfig { package, specs: files, roots: Roots { requests, responses }, version: "0.1.0".into(), ..CrateConfig::default() };
    let g = generate(&cfg, &spec_root, "command line", Layout::Standalone).map_err(|d| Failure::input(d.to_string()))?;
    eprint!("{}", g.warnings);
    let tree: Tree = g.files.into_iter().map(|f| (f.path, f.contents)).collect();
    if args.check {
        let stale = fsx::compare(out, &tree);
        if !stale.is_empty() {
            let msg: String = stale.iter().map(|s| s.report(&out.to_string_lossy())).collect();
            return Err(Failure::check(msg));
        }
        return Ok(());
    }
    fsx::replace_dir(out, &tree).map_err(|e| Failure::input(format!("{}: {e}", out.display())))?;
    println!("generated {} ({} types) in {}", cfg.package, g.model.types.len(), out.display());
    Ok(())
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
