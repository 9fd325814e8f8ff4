//! The file system side of generation: compare an in-memory tree with a directory, and
//! replace a directory atomically (stage next to it, then swap), keeping the modification
//! time of files whose contents did not change so cargo does not rebuild them.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// Relative path (with `/`) → contents.
pub type Tree = BTreeMap<String, String>;

/// One way a directory on disk differs from the tree that should be there; `path` is
/// relative to the directory, with `/`.
pub enum Stale {
    /// The file exists with other contents.
    Changed {
        /// The file.
        path: String,
        /// Its contents on disk.
        old: String,
        /// The contents it should have.
        new: String,
    },
    /// The file should exist and does not (or cannot be read).
    Missing {
        /// The file.
        path: String,
    },
    /// The file exists and is not part of the tree: generation would remove it.
    Extra {
        /// The file.
        path: String,
    },
}

impl Stale {
    /// A short report: the path and the first differing lines.
    pub fn report(&self, dir: &str) -> String {
        match self {
            Stale::Missing { path } => format!("missing: {dir}/{path}\n"),
            Stale::Extra { path } => format!("not generated (would be removed): {dir}/{path}\n"),
            Stale::Changed { path, old, new } => format!("changed: {dir}/{path}\n{}", short_diff(old, new)),
        }
    }
}

/// A unified diff of two texts, cut to the first `MAX_DIFF_LINES` (40) lines.
pub fn short_diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::configure().timeout(std::time::Duration::from_secs(2)).diff_lines(old, new);
    let text = diff.unified_diff().context_radius(2).to_string();
    let mut out = String::new();
    let total = text.lines().count();
    for line in text.lines().take(MAX_DIFF_LINES) {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    if total > MAX_DIFF_LINES {
        out.push_str(&format!("  … {} more diff lines\n", total - MAX_DIFF_LINES));
    }
    out
}

/// How much of a stale file's diff `--check` prints.
const MAX_DIFF_LINES: usize = 40;

/// What differs between `dir` on disk and `tree`.
pub fn compare(dir: &Path, tree: &Tree) -> Vec<Stale> {
    let mut stale = Vec::new();
    for (path, new) in tree {
        match std::fs::read_to_string(dir.join(path)) {
            Ok(old) if old == *new => {}
            Ok(old) => stale.push(Stale::Changed { path: path.clone(), old, new: new.clone() }),
            Err(_) => stale.push(Stale::Missing { path: path.clone() }),
        }
    }
    for path in kycgen_codegen::workspace::list_files(dir) {
        if !tree.contains_key(&path) {
            stale.push(Stale::Extra { path });
        }
    }
    stale
}

/// Makes `dir` hold exactly `tree`. The new contents are written to a sibling staging
/// directory first; only when that is complete is it swapped in. A failure before the swap
/// leaves `dir` as it was.
pub fn replace_dir(dir: &Path, tree: &Tree) -> io::Result<()> {
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let stage = parent.join(format!(".{name}.kycgen-new"));
    let old = parent.join(format!(".{name}.kycgen-old"));
    recover(dir, &old)?;
    if stage.exists() {
        std::fs::remove_dir_all(&stage)?;
    }
    let written = write_tree(&stage, dir, tree);
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&stage);
        return Err(e);
    }
    if dir.exists() {
        std::fs::rename(dir, &old)?;
    }
    if let Err(e) = std::fs::rename(&stage, dir) {
        let _ = std::fs::rename(&old, dir);
        return Err(e);
    }
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// A run that stopped between the two renames leaves only the old directory: put it back.
fn recover(dir: &Path, old: &Path) -> io::Result<()> {
    if old.exists() {
        if dir.exists() {
            std::fs::remove_dir_all(old)?;
        } else {
            std::fs::rename(old, dir)?;
        }
    }
    Ok(())
}

fn write_tree(stage: &Path, current: &Path, tree: &Tree) -> io::Result<()> {
    if let Some(fail) = std::env::var_os("KYCGEN_FAIL_WRITE_AFTER") {
        // Test hook: fail after N files, to prove a failed run changes nothing.
        let n: usize = fail.to_string_lossy().parse().unwrap_or(0);
        return write_files(stage, current, tree, Some(n));
    }
    write_files(stage, current, tree, None)
}

fn write_files(stage: &Path, current: &Path, tree: &Tree, fail_after: Option<usize>) -> io::Result<()> {
    for (i, (path, contents)) in tree.iter().enumerate() {
        if fail_after == Some(i) {
            return Err(io::Error::other("simulated write failure (KYCGEN_FAIL_WRITE_AFTER)"));
        }
        let target = stage.join(path);
        if let Some(p) = target.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(&target, contents)?;
        let existing = current.join(path);
        if let Ok(old) = std::fs::read(&existing) {
            if old == contents.as_bytes() {
                if let Ok(modified) = std::fs::metadata(&existing).and_then(|m| m.modified()) {
                    std::fs::File::options().write(true).open(&target)?.set_modified(modified)?;
                }
            }
        }
    }
    Ok(())
}
