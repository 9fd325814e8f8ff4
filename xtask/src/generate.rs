//! `cargo xtask generate`: every vendor config under `specs/` to its crate under
//! `generated/`, or one spec to one standalone crate with `--spec`/`--out`.

use crate::fsx::{self, Tree};
use crate::{project_root, Failure};
use kycgen_codegen::config::{self, CrateConfig, Roots};
use kycgen_codegen::diag::{Diagnostic, Diagnostics};
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Layout};
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

/// Generates every crate in memory. Nothing is written unless all of them succeed.
pub fn generate_all(root: &Path) -> Result<(Tree, Diagnostics, usize), Diagnostics> {
    let specs = root.join("specs");
    let mut diags = Diagnostics::new();
    let mut tree = Tree::new();
    let mut count = 0;
    let mut dirs: Vec<PathBuf> = match std::fs::read_dir(&specs) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join(config::CONFIG_FILE).is_file()).collect(),
        Err(e) => return Err(Diagnostic::error("specs", format!("cannot list spec directories: {e}")).into()),
    };
    dirs.sort();
    for dir in dirs {
        let vendor = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let display = format!("specs/{vendor}");
        let spec_root = match SpecRoot::new(&dir, &display) {
            Ok(r) => r,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let cfg = match spec_root.read(config::CONFIG_FILE).and_then(|f| config::parse(&f)) {
            Ok(c) => c,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let cfg_display = spec_root.display_of(config::CONFIG_FILE);
        match generate(&cfg, &spec_root, &cfg_display, Layout::Workspace) {
            Ok(g) => {
                count += 1;
                for w in g.warnings.iter() {
                    diags.push(w.clone());
                }
                for f in g.files {
                    tree.insert(format!("{}/{}", cfg.package, f.path), f.contents);
                }
            }
            Err(d) => diags.extend(d),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((tree, diags, count))
}

fn all_vendors(check: bool) -> Result<(), Failure> {
    let root = project_root();
    let (tree, warnings, count) = generate_all(&root).map_err(|d| Failure::input(d.to_string()))?;
    eprint!("{warnings}");
    let out = root.join("generated");
    let stale = fsx::compare(&out, &tree);
    if check {
        if stale.is_empty() {
            println!("generated/ is up to date ({count} crates, {} files)", tree.len());
            return Ok(());
        }
        let mut msg = String::new();
        for s in &stale {
            msg.push_str(&s.report("generated"));
        }
        msg.push_str(&format!("generated/ is stale ({} files): run cargo xtask generate\n", stale.len()));
        return Err(Failure::check(msg));
    }
    if stale.is_empty() {
        println!("generated/ is up to date ({count} crates, {} files)", tree.len());
        return Ok(());
    }
    fsx::replace_dir(&out, &tree).map_err(|e| Failure::input(format!("generated: {e}")))?;
    println!("generated {count} crates ({} files changed)", stale.len());
    Ok(())
}

fn one_spec(spec: &Path, out: &Path, args: &Args) -> Result<(), Failure> {
    let (root_dir, files) = if spec.is_dir() {
        (spec.to_path_buf(), vec![])
    } else {
        let parent = spec.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        (parent.to_path_buf(), vec![name])
    };
    if files.is_empty() {
        return Err(Failure::input(format!("{}: directories of markdown docs are not supported yet; pass a spec file", spec.display())));
    }
    let display = root_dir.to_string_lossy().into_owned();
    let spec_root = SpecRoot::new(&root_dir, display).map_err(|d| Failure::input(d.to_string()))?;
    let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "spec".into());
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
