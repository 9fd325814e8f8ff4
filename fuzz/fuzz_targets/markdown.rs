//! Markdown bytes through the markdown reader (one file that may link to itself).
#![no_main]

use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::source::SpecRoot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("kycgen-fuzz-md-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    if std::fs::write(dir.join("object.md"), data).is_err() {
        return;
    }
    let Ok(root) = SpecRoot::new(&dir, "fuzz") else { return };
    let mut diags = Diagnostics::new();
    let _ = kycgen_codegen::markdown::read(&root, "object.md", &mut diags);
});
