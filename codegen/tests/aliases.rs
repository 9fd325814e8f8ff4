//! Type aliases: a schema that is only a `$ref` (and a container schema) becomes `pub type`;
//! a vendor-deprecated one says so in its docs, and only `compat`'s old names are
//! `#[deprecated]` as renamed.

mod common;

const SPEC: &str = r#"openapi: '3.0.3'
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Holder:
      type: object
      properties:
        old: {$ref: '#/components/schemas/OldThing'}
        tags: {$ref: '#/components/schemas/Tags'}
    OldThing:
      deprecated: true
      allOf:
        - $ref: '#/components/schemas/Thing'
    Thing:
      type: object
      properties:
        name: {type: string}
    Tags:
      deprecated: true
      type: array
      items: {type: string}
"#;

const CONFIG: &str = "crate: aliases\nspecs: [openapi.yaml]\nroots:\n  responses: [Holder]\n";

#[test]
fn a_vendor_deprecated_alias_is_not_called_renamed() {
    let g = common::generate_one("aliases", "t", CONFIG, SPEC);
    let lib = common::lib(&g);
    assert!(!lib.contains("renamed to"), "{lib}");
    assert!(!lib.contains("#[deprecated"), "{lib}");
    for alias in ["pub type OldThing = Thing;", "pub type Tags = Vec<String>;"] {
        let at = lib.find(alias).unwrap_or_else(|| panic!("{alias} missing:\n{lib}"));
        // The item's own doc comment: the `///` lines right above it.
        let docs: Vec<&str> = lib[..at].lines().rev().take_while(|l| l.starts_with("///")).collect();
        assert!(docs.contains(&"/// Deprecated by the vendor."), "{alias}: {docs:?}");
    }
}
