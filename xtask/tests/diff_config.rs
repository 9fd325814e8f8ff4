//! `diff --config`: the drift is that of the vendor's crate (its renames and operations),
//! and a config without `vocabulary:` is fine (no vocabulary section in the report).

use std::process::Command;

const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    post:
      operationId: thingCreate
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ThingRequest'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    ThingRequest:
      type: object
      properties:
        address: {$ref: '#/components/schemas/Address'}
    Thing:
      type: object
      properties:
        address: {$ref: '#/components/schemas/Address'}
    Address:
      type: object
      properties:
        city: {type: string}
";

#[test]
fn the_config_decides_names_and_directions() {
    let dir = std::env::temp_dir().join(format!("kycgen-diff-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let new = SPEC.replacen("        address: {$ref: '#/components/schemas/Address'}\n", "        name: {type: string}\n", 1);
    std::fs::write(dir.join("old.yaml"), SPEC).unwrap();
    std::fs::write(dir.join("new.yaml"), new).unwrap();
    std::fs::write(dir.join("kycgen.yaml"), "crate: things\nspecs: [old.yaml]\nall_operations: true\nrenames:\n  Address: PostalAddress\n").unwrap();
    let diff = |config: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
        cmd.args(["diff", "old.yaml", "new.yaml", "--format", "json"]).current_dir(&dir);
        if config {
            cmd.args(["--config", "kycgen.yaml"]);
        }
        let o = cmd.output().expect("xtask runs");
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a json report");
        v
    };
    let with = diff(true);
    let text = with.to_string();
    assert!(text.contains("direction_changed") && text.contains("PostalAddress"), "{with:#}");
    assert!(with.get("vocabulary").is_none(), "{with:#}");
    // Without the config: a whole spec, default names, no direction rows.
    let without = diff(false).to_string();
    assert!(!without.contains("direction_changed") && !without.contains("PostalAddress"), "{without}");
    let _ = std::fs::remove_dir_all(&dir);
}
