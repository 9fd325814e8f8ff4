//! The project's generation plan: every `kycgen.yaml` under a specs directory, each to a
//! crate under an output directory, generated in memory. The stale check and `cargo xtask
//! generate` both start here; writing files is xtask's job.

use crate::config::{self, CONFIG_FILE};
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::SpecRoot;
use crate::vocabulary::table;
use crate::{generate, Layout};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A vendor's changelog beside its config (written by `cargo xtask update-specs`), copied
/// into the generated crate.
pub const CHANGELOG_FILE: &str = "CHANGELOG.md";

/// Where configs are looked for and where their crates go, relative to the project root.
pub const TARGETS: &[(&str, &str)] = &[("specs", "generated"), ("tests/specs", "tests/generated")];

/// Output directory (relative to the project root) → file path inside it → contents.
pub type Plan = BTreeMap<String, BTreeMap<String, String>>;

/// Generates every crate of the project. Fails with every error of every crate together;
/// on success returns the files and the warnings.
pub fn generate_all(root: &Path) -> Result<(Plan, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut plan = Plan::new();
    for (specs, out) in TARGETS {
        let tree = plan.entry(out.to_string()).or_default();
        let Some(dirs) = config_dirs(&root.join(specs)) else { continue };
        let mut plans = Vec::new();
        for dir in dirs {
            let Some(vendor) = generate_vendor(&dir, specs, out, &mut diags) else { continue };
            plans.extend(vendor.vocabulary);
            for (path, contents) in vendor.files {
                let path = format!("{}/{}", vendor.package, path);
                if tree.insert(path.clone(), contents).is_some() {
                    diags.push(Diagnostic::error(vendor.config.clone(), format!("two configs generate {out}/{path}")));
                }
            }
        }
        // The cross-vendor table, beside the crates whose vocabularies it shows.
        if !plans.is_empty() {
            tree.insert(table::FILE.to_string(), table::render(&plans.iter().collect::<Vec<_>>()));
        }
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok((plan, diags))
}

/// The directories of `specs` that hold a vendor config, sorted; `None` when `specs` cannot
/// be read (a checkout without it).
fn config_dirs(specs: &Path) -> Option<Vec<PathBuf>> {
    let mut dirs: Vec<_> = std::fs::read_dir(specs).ok()?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join(CONFIG_FILE).is_file()).collect();
    dirs.sort();
    Some(dirs)
}

/// One vendor's generated crate, before it joins the plan.
struct VendorCrate {
    /// The package name: the crate's directory under the output directory.
    package: String,
    /// The config as diagnostics show it.
    config: String,
    /// Path inside the crate → contents, the vendor's changelog included.
    files: Vec<(String, String)>,
    /// The checked vocabulary, for the cross-vendor table.
    vocabulary: Option<crate::vocabulary::Plan>,
}

/// Generates the crate of the config in `dir` (under `specs`, going to `out`); problems and
/// warnings go to `diags`, and `None` when it could not be generated.
fn generate_vendor(dir: &Path, specs: &str, out: &str, diags: &mut Diagnostics) -> Option<VendorCrate> {
    let vendor = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let display = format!("{specs}/{vendor}");
    let spec_root = match SpecRoot::new(dir, &display) {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut cfg = match spec_root.read(CONFIG_FILE).and_then(|f| config::parse(&f)) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let cfg_display = spec_root.display_of(CONFIG_FILE);
    // `<out>/<crate>` up to the project root, then into the runtime crate.
    let up = "../".repeat(out.split('/').count() + 1);
    cfg.runtime = Some(format!("{up}runtime"));
    cfg.common = Some(format!("{up}kyc-common"));
    let g = match generate(&cfg, &spec_root, &cfg_display, Layout::Workspace) {
        Ok(g) => g,
        Err(e) => {
            diags.extend(e.into_diagnostics());
            return None;
        }
    };
    diags.extend(g.warnings);
    // The vendor's changelog (kept by `update-specs`) ships in the crate as is.
    let changelog = dir.join(CHANGELOG_FILE).is_file().then(|| spec_root.read(CHANGELOG_FILE));
    let changelog = match changelog.transpose() {
        Ok(c) => c.map(|f| (CHANGELOG_FILE.to_string(), f.text)),
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let files = g.files.into_iter().map(|f| (f.path, f.contents)).chain(changelog).collect();
    Some(VendorCrate { package: cfg.package, config: cfg_display, files, vocabulary: g.model.vocabulary })
}

/// Files that differ between `plan` and the disk under `root`: changed, missing, or not
/// generated any more (extra). Paths are relative to `root`.
pub fn stale(root: &Path, plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for (dir, tree) in plan {
        for (path, contents) in tree {
            let full = root.join(dir).join(path);
            if std::fs::read_to_string(&full).ok().as_deref() != Some(contents.as_str()) {
                out.push(format!("{dir}/{path}"));
            }
        }
        for path in list_files(&root.join(dir)) {
            if !tree.contains_key(&path) {
                out.push(format!("{dir}/{path}"));
            }
        }
    }
    out
}

/// Every file under `dir`, relative, `/`-separated, sorted (empty when `dir` is absent).
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(dir.join(&rel)) else { continue };
        for e in rd.flatten() {
            let r = rel.join(e.file_name());
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(r),
                Ok(_) => out.push(r.to_string_lossy().replace('\\', "/")),
                Err(_) => {}
            }
        }
    }
    out.sort();
    out
}
