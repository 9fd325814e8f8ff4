//! Spec bytes (YAML, or JSON when the first byte is `{`) through the parser and the
//! OpenAPI reader: any input must give a value or located diagnostics, never a panic.
#![no_main]

use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::source::{parse_document, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rel = if text.starts_with('{') { "spec.json" } else { "spec.yaml" };
    let file = SourceFile { display: rel.into(), rel: rel.into(), text: text.into() };
    if let Ok(doc) = parse_document(&file) {
        let mut diags = Diagnostics::new();
        let _ = kycgen_codegen::openapi::read(&file, &doc, &mut diags);
    }
});
