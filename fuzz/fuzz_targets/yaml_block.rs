//! Differential: wherever the block reader (`source::read_block`) gives a tree,
//! serde-saphyr's parse of the whole document gives the same tree.
#![no_main]

use kycgen_codegen::source::{parse_with_saphyr, read_block, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(fast) = read_block(text) else { return };
    let file = SourceFile { display: "spec.yaml".into(), rel: "spec.yaml".into(), text: text.into() };
    match parse_with_saphyr(&file) {
        Ok(whole) => assert_eq!(fast, whole, "the block reader differs from serde-saphyr"),
        Err(d) => panic!("the block reader read what serde-saphyr refuses: {d}"),
    }
});
