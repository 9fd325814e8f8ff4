//! Directions: a type only requests reach gets `Deserialize` only with the crate's
//! `deserialize-requests` feature, one only responses reach `Serialize` only with
//! `serialize-responses`; shared and orphan types (and what they hold) keep both. Also: an
//! operation named like a model type still names the model type.

mod common;

use common::{generate_one, lib};

const CONFIG: &str = "crate: things\nspecs: [openapi.yaml]\nall_operations: true\n";

/// `thingCreate` sends `ThingCreate` (holding `Address`, `Flags`, `Shared`) and receives
/// `Thing` (holding `Address` and two unions of `Pass`/`Fail`, one tagged); the orphan
/// `Legacy` holds `Shared`.
const SPEC: &str = r#"openapi: 3.0.0
info: {title: Things, version: '1'}
paths:
  /things:
    post:
      operationId: thingCreate
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ThingCreate'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    ThingCreate:
      type: object
      required: [address]
      properties:
        address: {$ref: '#/components/schemas/Address'}
        flags: {$ref: '#/components/schemas/Flags'}
        shared: {$ref: '#/components/schemas/Shared'}
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: string}
        address: {$ref: '#/components/schemas/Address'}
        result:
          oneOf:
            - {$ref: '#/components/schemas/Pass'}
            - {$ref: '#/components/schemas/Fail'}
        event:
          oneOf:
            - {$ref: '#/components/schemas/Pass'}
            - {$ref: '#/components/schemas/Fail'}
          discriminator:
            propertyName: kind
            mapping:
              pass: '#/components/schemas/Pass'
              fail: '#/components/schemas/Fail'
    Address:
      type: object
      properties:
        city: {type: string}
    Flags:
      type: object
      properties:
        fast: {type: boolean}
    Shared:
      type: object
      properties:
        note: {type: string}
    Pass:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
        score: {type: number}
    Fail:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
        reason: {type: string}
    Legacy:
      type: object
      properties:
        shared: {$ref: '#/components/schemas/Shared'}
"#;

/// The line before the `kycgen_runtime::{kind}_struct!(` invocation for `name` (its gate).
fn gate<'a>(lib: &'a str, kind: &str, name: &str) -> &'a str {
    let opener = format!("kycgen_runtime::{kind}_struct!(");
    let at = lib
        .match_indices(&opener)
        .map(|(at, _)| at)
        .find(|&at| {
            let rest = lib[at + opener.len()..].trim_start();
            rest.starts_with(&format!("{name}(")) || rest.starts_with(&format!("{name} {{"))
        })
        .unwrap_or_else(|| panic!("no `{opener}{name}` in {lib}"));
    lib[..at].trim_end().lines().last().unwrap()
}

#[test]
fn impls_only_one_direction_uses_are_behind_a_feature() {
    let g = generate_one("directions", "specs/things", CONFIG, SPEC);
    let lib = lib(&g);
    let de = |name: &str| gate(lib, "deserialize", name).to_string();
    let ser = |name: &str| gate(lib, "serialize", name).to_string();
    let sent = "#[cfg(all(feature = \"things\", feature = \"deserialize-requests\"))]";
    let received = "#[cfg(all(feature = \"things\", feature = \"serialize-responses\"))]";
    assert_eq!(de("Flags"), sent, "{lib}");
    assert_eq!(de("ThingCreate"), sent, "{lib}");
    assert_eq!(ser("Thing"), received, "{lib}");
    assert_eq!(ser("Pass"), received, "{lib}");
    // Both ways: `Address` is sent and received, `Shared` is held by the orphan `Legacy`.
    for both in ["Address", "Shared"] {
        assert!(!ser(both).contains("serialize-responses") && !de(both).contains("deserialize-requests"), "{both}: {lib}");
    }
    assert!(!ser("Legacy").contains("feature = \"s") && !de("Legacy").contains("feature = \"d"), "{lib}");
    // Unions: the gated derive moves into `cfg_attr`, with `serde(untagged)` when no serde
    // derive is left outside it (the tagged union writes its own `Deserialize`).
    assert!(lib.contains("#[derive(Clone, Debug, PartialEq, serde::Deserialize)]\n#[cfg_attr(feature = \"serialize-responses\", derive(serde::Serialize))]\n#[serde(untagged)]\npub enum ThingResult {"), "{lib}");
    assert!(lib.contains("#[derive(Clone, Debug, PartialEq)]\n#[cfg_attr(\n    feature = \"serialize-responses\",\n    derive(serde::Serialize),\n    serde(untagged)\n)]\n#[non_exhaustive]\npub enum ThingEvent {") || lib.contains("#[cfg_attr(feature = \"serialize-responses\", derive(serde::Serialize), serde(untagged))]\n#[non_exhaustive]\npub enum ThingEvent {"), "{lib}");
    // Each gated type says so in its docs; a type used both ways says nothing.
    let docs_of = |name: &str| {
        let at = lib.find(&format!("pub struct {name} {{")).or_else(|| lib.find(&format!("pub enum {name} {{"))).unwrap();
        // The doc lines right above the item and its attributes.
        let above: Vec<&str> = lib[..at].lines().rev().skip_while(|l| l.starts_with("#[")).take_while(|l| l.starts_with("///")).collect();
        above.into_iter().rev().collect::<Vec<_>>().join("\n")
    };
    assert!(docs_of("Thing").contains("/// Only received: `Serialize` comes with the `serialize-responses` feature."), "{lib}");
    assert!(docs_of("ThingCreate").contains("/// Only sent: `Deserialize` comes with the `deserialize-requests` feature."), "{lib}");
    assert!(docs_of("ThingEvent").contains("/// Only received:"), "{lib}");
    assert!(!docs_of("Address").contains("/// Only"), "{lib}");
    let manifest = &g.files.iter().find(|f| f.path == "Cargo.toml").unwrap().contents;
    assert!(manifest.contains("\ndeserialize-requests = []\n") && manifest.contains("\nserialize-responses = []\n"), "{manifest}");
}

#[test]
fn an_operation_named_like_a_model_type_names_the_model_type_by_path() {
    let g = generate_one("directions-ops", "specs/things", CONFIG, SPEC);
    let ops = &g.files.iter().find(|f| f.path == "src/operations.rs").unwrap().contents;
    assert!(ops.contains("pub struct ThingCreate {"), "{ops}");
    assert!(ops.contains("pub body: crate::ThingCreate,"), "{ops}");
}
