//! Differential: wherever the split YAML parse (tiny pieces, three threads) gives a tree,
//! the whole parse must give the same tree.
#![no_main]

use kycgen_codegen::source::{parse_document_on, parse_in_pieces, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(split) = parse_in_pieces(text, 8, 3) else { return };
    let file = SourceFile { display: "spec.yaml".into(), rel: "spec.yaml".into(), text: text.into() };
    match parse_document_on(&file, 1) {
        Ok(whole) => assert_eq!(split, whole, "split parse differs"),
        Err(d) => panic!("split parse succeeded where the whole parse fails: {d}"),
    }
});
