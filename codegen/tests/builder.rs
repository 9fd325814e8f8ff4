//! The build.rs API: one module file for `include!`, and spec errors as located diagnostics
//! with nothing written.

use kycgen_codegen::Builder;
use std::path::{Path, PathBuf};

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

#[test]
fn a_vendor_with_modules_becomes_one_includable_file() {
    let root = project_root().join("specs/plaid-idv");
    let module = Builder::new(root.join("openapi.yaml")).config(root.join("kycgen.yaml")).generate().unwrap_or_else(|e| panic!("{e}"));
    let file = syn::parse_file(&module.code).expect("the module parses");
    // `include!` accepts no inner attributes (`//!`, `#![…]`) anywhere in the file.
    assert!(file.attrs.is_empty(), "inner attributes at the top");
    assert!(!module.code.contains("#!["), "an inner attribute is left");
    assert!(!module.code.lines().any(|l| l.trim_start().starts_with("//!")), "an inner doc is left");
    assert!(module.code.contains("pub mod webhooks {") && module.code.contains("pub mod operations {"), "modules are inline");
    assert!(!module.code.contains("crate::"), "paths are relative to where the file is included");
    assert!(module.code.contains("use super::*;"));
    assert!(module.code.contains("//   kycgen-runtime = "), "the header names the dependencies");
    assert!(module.inputs.iter().any(|p| p.ends_with("openapi.yaml")) && module.inputs.iter().any(|p| p.ends_with("kycgen.yaml")));
}

#[test]
fn spec_errors_fail_with_located_diagnostics_and_write_nothing() {
    let dir = std::env::temp_dir().join(format!("kycgen-builder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.yaml"), "openapi: 3.0.3\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {$ref: '#/components/schemas/Missing'}\n").unwrap();
    let out = dir.join("vendor.rs");
    let err = Builder::new(dir.join("bad.yaml")).write_module(&out).expect_err("a dangling $ref fails the build");
    let shown = format!("{err:?}");
    assert!(shown.contains("bad.yaml:7:") && shown.contains("error:"), "{shown}");
    assert!(!out.exists() && !dir.join("vendor.rs.tmp").exists(), "nothing written");
    let _ = std::fs::remove_dir_all(&dir);
}
