//! Helpers shared by the tests that run xtask against scratch projects.

use std::path::{Path, PathBuf};

/// A fresh, empty directory under the system temp dir, unique to this test process.
pub fn scratch(prefix: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kycgen-{prefix}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `specs/NAME/` of the project at `root`: the OpenAPI file and a config naming it.
pub fn vendor(root: &Path, name: &str, spec: &str) {
    let dir = root.join("specs").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("openapi.yaml"), spec).unwrap();
    std::fs::write(dir.join("kycgen.yaml"), format!("crate: {name}\nspecs: [openapi.yaml]\n")).unwrap();
}
