//! What several codegen tests share: one small spec generated from a scratch directory.

use kycgen_codegen::config;
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Generated, Layout};

/// Generates `spec` (as `openapi.yaml`) with `config`, in a scratch directory named after
/// `name`, shown as `shown` in diagnostics; panics with the diagnostics on failure.
pub fn generate_one(name: &str, shown: &str, config: &str, spec: &str) -> Generated {
    let dir = std::env::temp_dir().join(format!("kycgen-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("openapi.yaml"), spec).unwrap();
    std::fs::write(dir.join(config::CONFIG_FILE), config).unwrap();
    let root = SpecRoot::new(&dir, shown).unwrap();
    let cfg = config::parse(&root.read(config::CONFIG_FILE).unwrap()).unwrap();
    let out = generate(&cfg, &root, &root.display_of(config::CONFIG_FILE), Layout::Workspace);
    std::fs::remove_dir_all(&dir).ok();
    out.unwrap_or_else(|e| panic!("{e}"))
}

/// The generated `src/lib.rs`.
pub fn lib(g: &Generated) -> &str {
    &g.files.iter().find(|f| f.path == "src/lib.rs").unwrap().contents
}
