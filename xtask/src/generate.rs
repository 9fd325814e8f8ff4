//! `cargo xtask generate`: every vendor config under `specs/` to its crate under
//! `generated/`, or (`--out`) the shared one-spec command of `kycgen_cli::generate`.

use crate::project_root;
use kycgen_cli::fsx::{self, Stale};
use kycgen_cli::generate::{failed, one_spec, warn, Args};
use kycgen_cli::Failure;
use kycgen_codegen::{workspace, Error};

pub fn run(args: Args) -> Result<(), Failure> {
    match &args.out {
        Some(out) => one_spec(out, &args),
        None => all_vendors(&args),
    }
}

fn all_vendors(args: &Args) -> Result<(), Failure> {
    let root = project_root();
    let (plan, warnings) = workspace::generate_all(&root).map_err(|d| failed(Error::Input(d), args))?;
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
