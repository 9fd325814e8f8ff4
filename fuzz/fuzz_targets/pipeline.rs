//! The whole pipeline: spec bytes in, and either a crate whose every Rust file parses with
//! syn, or errors; never a panic, never code that does not parse.
#![no_main]

use kycgen_codegen::config::CrateConfig;
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Layout};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("kycgen-fuzz-pipe-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let name = if data.first() == Some(&b'{') { "spec.json" } else { "spec.yaml" };
    if std::fs::write(dir.join(name), data).is_err() {
        return;
    }
    let Ok(root) = SpecRoot::new(&dir, "fuzz") else { return };
    let cfg = CrateConfig { package: "fuzzed".into(), specs: vec![name.into()], version: "0.1.0".into(), ..CrateConfig::default() };
    if let Ok(g) = generate(&cfg, &root, "fuzz", Layout::Standalone) {
        for f in g.files.iter().filter(|f| f.path.ends_with(".rs")) {
            if let Err(e) = syn::parse_file(&f.contents) {
                panic!("generated {} does not parse: {e}\n{}", f.path, f.contents);
            }
        }
    }
});
