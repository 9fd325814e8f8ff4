//! Differential: wherever the split YAML parse (tiny pieces, three threads) gives a tree,
//! serde-saphyr's parse of the whole document must give the same tree.
#![no_main]

use kycgen_codegen::source::{parse_in_pieces, parse_with_saphyr, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(split) = parse_in_pieces(text, 8, 3) else { return };
    let file = SourceFile { display: "spec.yaml".into(), rel: "spec.yaml".into(), text: text.into() };
    match parse_with_saphyr(&file) {
        Ok(whole) => assert_eq!(split, whole, "split parse differs"),
        Err(d) => panic!("split parse succeeded where the whole parse fails: {d}"),
    }
});
