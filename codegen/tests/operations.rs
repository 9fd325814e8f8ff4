//! Operations from hostile or broken specs: problems are located errors only for the
//! operations the config selects; names and descriptions cannot steer the generated code.

use kycgen_codegen::config::{CrateConfig, OperationPick};
use kycgen_codegen::diag::Diagnostics;
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Generated, Layout};
use std::path::PathBuf;

const SPEC: &str = r#"openapi: '3.0.3'
info: {title: t, version: '1'}
servers:
  - url: https://api.example.test/v1
  - url: /relative
security:
  - key: []
paths:
  /things/{thing_id}:
    post:
      operationId: 'update"Thing; panic!()'
      description: "Updates a thing.\n\n```rust\nfn main() { std::process::exit(1) }\n```"
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string, maxLength: 10}}
        - {name: page_size, in: query, schema: {type: integer, minimum: 1, maximum: 50}}
        - {name: tags, in: query, style: form, explode: false, schema: {type: array, items: {type: string}}}
        - {name: X-Request-Id, in: header, schema: {type: string}}
        - {name: session, in: cookie, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '404': {description: missing, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /remote:
    get:
      operationId: remoteParam
      parameters:
        - $ref: 'https://evil.example/param.yaml'
      responses: {'200': {description: ok}}
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}, 'no"te': {type: string}}}
      responses: {'200': {description: ok}}
  /upload-text:
    post:
      operationId: uploadText
      requestBody:
        content:
          multipart/form-data:
            schema: {type: string}
      responses: {'200': {description: ok}}
  /undeclared/{id}:
    get:
      operationId: undeclared
      responses: {'200': {description: ok}}
  /bad-header:
    get:
      operationId: badHeader
      parameters:
        - {name: "X-Bad\nName", in: header, schema: {type: string}}
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
  schemas:
    Thing:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: 5}
    Problem:
      type: object
      properties:
        message: {type: string}
"#;

fn dir(spec: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kycgen-ops-{}-{:?}", std::process::id(), std::thread::current().id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("api.yaml"), spec).unwrap();
    dir
}

fn run(ops: &[&str]) -> Result<Generated, Diagnostics> {
    run_with(SPEC, ops, CrateConfig::default())
}

/// `ops` of `spec` with the rest of the config from `base`.
fn run_with(spec: &str, ops: &[&str], base: CrateConfig) -> Result<Generated, Diagnostics> {
    let dir = dir(spec);
    let root = SpecRoot::new(&dir, "t").expect("spec root");
    let cfg = CrateConfig {
        package: "ops".into(),
        specs: vec!["api.yaml".into()],
        version: "0.1.0".into(),
        roots: kycgen_codegen::config::Roots { responses: vec!["Problem".into()], requests: Vec::new() },
        operations: ops.iter().map(|o| OperationPick::Id(o.to_string())).collect(),
        ..base
    };
    let out = generate(&cfg, &root, "kycgen.yaml", Layout::Workspace);
    let _ = std::fs::remove_dir_all(&dir);
    out.map_err(kycgen_codegen::Error::into_diagnostics)
}

fn errors(ops: &[&str]) -> String {
    match run(ops) {
        Ok(_) => panic!("{ops:?} must fail"),
        Err(d) => d.errors().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"),
    }
}

#[test]
fn problems_of_unselected_operations_are_not_reported() {
    let g = run(&[]).expect("nothing selected: the broken operations do not matter");
    assert!(g.files.iter().all(|f| f.path != "src/operations.rs"));
    assert!(g.warnings.is_empty(), "{}", g.warnings);
}

#[test]
fn selected_operation_problems_are_located_errors() {
    let e = errors(&["remoteParam"]);
    assert!(e.contains("may only refer inside this document") && e.contains("/paths/~1remote/get/parameters/0/$ref"), "{e}");
    let e = errors(&["uploadText"]);
    assert!(e.contains("`uploadText`: a multipart/form-data body must be an object with properties"), "{e}");
    let e = errors(&["undeclared"]);
    assert!(e.contains("path parameter `id` is not declared"), "{e}");
    let e = errors(&["badHeader"]);
    assert!(e.contains("is not a valid header name"), "{e}");
    let e = errors(&["noSuchOperation"]);
    assert!(e.contains("operation `noSuchOperation` is not in the spec"), "{e}");
}

#[test]
fn multipart_bodies_send_files_as_binary_parts() {
    let g = run(&["upload"]).expect("generates");
    let ops = &g.files.iter().find(|f| f.path == "src/operations.rs").expect("operations file").contents;
    let lib = &g.files.iter().find(|f| f.path == "src/lib.rs").expect("lib").contents;
    assert!(lib.contains("pub file: Option<kycgen_runtime::FileUpload>"), "a binary request string is a file: {lib}");
    for needle in ["form.files(\"file\", &body.file)?;", "form.text(\"no\\\"te\", &body.no_te)?;", "parts.multipart(form);"] {
        assert!(ops.contains(needle), "{needle} in {ops}");
    }
}

#[test]
fn server_variables_and_auth_prefixes() {
    let spec = SPEC.replace(
        "  - url: https://api.example.test/v1\n",
        "  - url: 'https://api.{region}.example.test/{v}'\n    variables: {region: {default: eu, enum: [eu, us]}, v: {default: v2}}\n",
    );
    let prefixed = |prefix: &str| {
        let auth = [("key".to_string(), kycgen_codegen::config::AuthConfig { prefix: Some(prefix.into()) })].into_iter().collect();
        CrateConfig { auth, ..CrateConfig::default() }
    };
    let g = run_with(&spec, &["update\"Thing; panic!()"], prefixed("Key key=")).expect("generates");
    let ops = &g.files.iter().find(|f| f.path == "src/operations.rs").expect("operations file").contents;
    assert!(ops.contains("pub const EU: &str = \"https://api.eu.example.test/v2\";"), "{ops}");
    assert!(ops.contains("pub const US: &str = \"https://api.us.example.test/v2\";"), "{ops}");
    assert!(ops.contains(".prefixed(\"x-api-key\", \"Key key=\", key)"), "{ops}");
    let e = match run_with(&spec, &["update\"Thing; panic!()"], prefixed("a\r\nb")) {
        Ok(_) => panic!("a prefix with a line break must fail"),
        Err(d) => d.to_string(),
    };
    assert!(e.contains("`auth.key.prefix` must be visible ASCII"), "{e}");
}

#[test]
fn webhook_events_come_from_a_callback() {
    let spec = SPEC.replace(
        "      operationId: badHeader\n",
        "      operationId: badHeader\n      callbacks:\n        done:\n          '{$request.body#/url}':\n            post:\n              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}\n              responses: {'200': {description: ok}}\n",
    );
    let hooks = |callback: &str, schema: &str| {
        let webhooks = kycgen_codegen::config::Webhooks {
            scheme: kycgen_codegen::config::WebhookScheme::Onfido,
            discriminators: vec!["payload.kind".into()],
            callback: Some(callback.into()),
            events: [("thing.done".to_string(), schema.to_string())].into_iter().collect(),
        };
        CrateConfig { webhooks: Some(webhooks), ..CrateConfig::default() }
    };
    // `Thing` is no root: the callback's body makes it one.
    let g = run_with(&spec, &[], hooks("done", "Thing")).expect("generates");
    let hooks_rs = &g.files.iter().find(|f| f.path == "src/webhooks.rs").expect("webhooks file").contents;
    assert!(hooks_rs.contains("ThingDone(crate::Thing)") && hooks_rs.contains("onfido::verify(body, x_sha2_signature, tokens)?;"), "{hooks_rs}");
    let e = match run_with(&spec, &[], hooks("done", "Problem")) {
        Ok(_) => panic!("an event naming another schema must fail"),
        Err(d) => d.to_string(),
    };
    assert!(e.contains("webhook event `thing.done` names `Problem`, but callback `done` sends `Thing`"), "{e}");
    let e = match run_with(&spec, &[], hooks("nope", "Thing")) {
        Ok(_) => panic!("an unknown callback must fail"),
        Err(d) => d.to_string(),
    };
    assert!(e.contains("no operation of the spec has a callback `nope`"), "{e}");
}

/// An OpenAPI 3.1 `webhooks` entry gives the event body as a callback does.
#[test]
fn webhook_events_come_from_a_31_webhooks_entry() {
    let spec = SPEC.replace(
        "components:\n",
        "webhooks:\n  done:\n    post:\n      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}\n      responses: {'200': {description: ok}}\ncomponents:\n",
    );
    let webhooks = kycgen_codegen::config::Webhooks {
        scheme: kycgen_codegen::config::WebhookScheme::Onfido,
        discriminators: vec!["payload.kind".into()],
        callback: Some("done".into()),
        events: [("thing.done".to_string(), "Thing".to_string())].into_iter().collect(),
    };
    let g = run_with(&spec, &[], CrateConfig { webhooks: Some(webhooks.clone()), ..CrateConfig::default() }).expect("generates");
    let hooks_rs = &g.files.iter().find(|f| f.path == "src/webhooks.rs").expect("webhooks file").contents;
    assert!(hooks_rs.contains("ThingDone(crate::Thing)"), "{hooks_rs}");
    let wrong = kycgen_codegen::config::Webhooks { events: [("thing.done".to_string(), "Problem".to_string())].into_iter().collect(), ..webhooks };
    let e = match run_with(&spec, &[], CrateConfig { webhooks: Some(wrong), ..CrateConfig::default() }) {
        Ok(_) => panic!("an event naming another schema must fail"),
        Err(d) => d.to_string(),
    };
    assert!(e.contains("webhook event `thing.done` names `Problem`, but callback `done` sends `Thing`"), "{e}");
}

/// `required` beside `allOf` applies to the merged members' properties (Onfido's uploaders).
#[test]
fn required_beside_all_of_makes_merged_properties_required() {
    let spec = SPEC.replace(
        "    Problem:\n      type: object\n",
        "    Problem:\n      allOf: [{$ref: '#/components/schemas/ProblemBody'}]\n      required: [message]\n    ProblemBody:\n      type: object\n",
    );
    let g = run_with(&spec, &[], CrateConfig::default()).expect("generates");
    assert!(!g.warnings.to_string().contains("required"), "{}", g.warnings);
    let problem = g.model.types.iter().find(|t| t.name == "Problem").expect("Problem");
    let kycgen_codegen::model::Body::Struct(s) = &problem.body else { panic!("Problem is a struct: {problem:?}") };
    let message = s.fields.iter().find(|f| f.wire == "message").expect("message field");
    assert_eq!(message.presence, kycgen_codegen::model::Presence::Required);
}

#[test]
fn names_and_descriptions_cannot_steer_the_code() {
    let g = run(&["update\"Thing; panic!()"]).expect("generates");
    let ops = &g.files.iter().find(|f| f.path == "src/operations.rs").expect("operations file").contents;
    assert!(ops.contains("pub struct UpdateThingPanic {"), "the operationId is reduced to an identifier");
    assert!(!ops.contains("fn main()") || ops.contains("```text"), "a code block in a description is inert");
    // Outside string literals (doc attributes included), the spec's text is no token.
    let tokens = quote::ToTokens::to_token_stream(&syn::parse_file(ops).expect("parses")).to_string();
    assert!(!tokens.contains("panic !") && !tokens.contains("fn main ()") && tokens.contains("update\\\"Thing; panic!()"), "{tokens}");
    // Parameters: percent-encoded path, query by style, header, validated limits.
    for needle in [
        "encoding::path_segment(&self.thing_id)",
        "push(\"page_size\", &self.page_size, encoding::Style::Form, true)",
        "push(\"tags\", &self.tags, encoding::Style::Form, false)",
        "parts.header_param(\"x-request-id\", &self.x_request_id)",
        "kycgen_runtime::validate::check_length(",
        "Some(10u64)",
        "kycgen_runtime::validate::check_range(",
        "Some(50f64)",
        "self.body.validate()",
        "error: &[404]",
        "pub const API: &str = \"https://api.example.test/v1\";",
        ".header(\"x-api-key\", key)",
    ] {
        assert!(ops.contains(needle), "missing {needle}:\n{ops}");
    }
    let warnings = g.warnings.to_string();
    assert!(warnings.contains("cookie parameter `session`"), "{warnings}");
    assert!(warnings.contains("server `/relative` is not an absolute http(s) URL"), "{warnings}");
    let manifest = &g.files.iter().find(|f| f.path == "Cargo.toml").unwrap().contents;
    assert!(manifest.contains("kycgen-runtime = { path = \"../../runtime\", default-features = false") && manifest.contains("client = [\"kycgen-runtime/client\"]"), "{manifest}");
}

const ALL: &str = r#"openapi: '3.0.3'
info: {title: t, version: '1'}
paths:
  /things/get:
    post:
      operationId: thingGet
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
  /things/upload:
    post:
      operationId: thingUpload
      requestBody:
        content: {multipart/form-data: {schema: {type: object, properties: {file: {type: string, format: binary}}}}}
      responses: {'200': {description: ok}}
  /things/anonymous:
    get:
      responses: {'200': {description: ok}}
  /other/list:
    get:
      operationId: otherList
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Other'}}}}}
components:
  schemas:
    Thing: {type: object, properties: {name: {type: string}}}
    Other: {type: object, properties: {n: {type: integer}}}
"#;

/// `all_operations`: every operation of a whole spec, those that cannot be generated left
/// out with a located warning each, and each behind its resource's feature.
#[test]
fn all_operations_takes_every_operation_and_says_which_it_leaves_out() {
    let dir = std::env::temp_dir().join(format!("kycgen-all-ops-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("api.yaml"), ALL).unwrap();
    let root = SpecRoot::new(&dir, "t").expect("spec root");
    let renamed = indexmap::IndexMap::from([("otherList".to_string(), "ListOthers".to_string())]);
    let cfg = CrateConfig {
        package: "all".into(),
        specs: vec!["api.yaml".into()],
        version: "0.1.0".into(),
        all_operations: true,
        operations: vec![OperationPick::Renamed(renamed)],
        ..CrateConfig::default()
    };
    let g = generate(&cfg, &root, "kycgen.yaml", Layout::Workspace).expect("generates");
    let _ = std::fs::remove_dir_all(&dir);
    let names: Vec<&str> = g.model.operations.iter().map(|o| o.name.as_str()).collect();
    // The multipart upload is generated like any other operation (the runtime encodes it).
    assert_eq!(names, ["ThingGet", "ThingUpload", "ListOthers"]);
    let warnings = g.warnings.to_string();
    assert!(!warnings.contains("/things/upload"), "{warnings}");
    assert!(warnings.contains("GET /things/anonymous: no operationId to name it by: not generated"), "{warnings}");
    let ops = &g.files.iter().find(|f| f.path == "src/operations.rs").expect("operations module").contents;
    let gated = |item: &str, feature: &str| {
        let lines: Vec<&str> = ops.lines().collect();
        let at = lines.iter().position(|l| l.starts_with(item)).unwrap_or_else(|| panic!("no `{item}` in {ops}"));
        let attrs = lines[..at].iter().rev().take_while(|l| l.starts_with("#[") || l.starts_with("///"));
        attrs.into_iter().any(|l| *l == format!("#[cfg(feature = \"{feature}\")]"))
    };
    for item in ["pub struct ThingGet", "impl ThingGet", "impl Operation for ThingGet", "impl Operation for ThingUpload"] {
        assert!(gated(item, "things"), "`{item}` is not behind its resource's feature: {ops}");
    }
    assert!(gated("impl Operation for ListOthers", "other"), "{ops}");
}

#[test]
fn every_security_alternative_kycgen_can_apply_gets_a_credentials_function() {
    let spec = SPEC
        .replace("security:\n  - key: []\n", "security:\n  - key: []\n  - token: []\n    version: []\n  - basic: []\n  - oauth: []\n  - {}\n")
        .replace(
            "    key: {type: apiKey, in: header, name: X-Api-Key}\n",
            "    key: {type: apiKey, in: header, name: X-Api-Key}\n    token: {type: http, scheme: bearer}\n    version: {type: apiKey, in: header, name: Api-Version}\n    basic: {type: http, scheme: basic}\n    oauth: {type: oauth2, flows: {}}\n",
        );
    let g = run_with(&spec, &["update\"Thing; panic!()"], CrateConfig::default()).expect("generates");
    let ops = &g.files.iter().find(|f| f.path == "src/operations.rs").expect("operations file").contents;
    let squashed: String = ops.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squashed.contains("pub fn credentials( key: impl Into<kycgen_runtime::Secret>, ) -> kycgen_runtime::Credentials"), "{ops}");
    assert!(squashed.contains("pub fn credentials_token_version( token: impl Into<kycgen_runtime::Secret>, version: impl Into<kycgen_runtime::Secret>, )"), "{ops}");
    assert!(squashed.contains(".bearer(token).header(\"api-version\", version)"), "{ops}");
    assert!(squashed.contains("pub fn credentials_basic( basic_user: impl Into<kycgen_runtime::Secret>, basic_password: impl Into<kycgen_runtime::Secret>, )"), "{ops}");
    assert!(squashed.contains(".basic(basic_user, basic_password)"), "{ops}");
    assert!(squashed.contains("The spec accepts other credentials too: [`credentials_token_version`], [`credentials_basic`]."), "{ops}");
    assert!(!ops.contains("oauth"), "{ops}");
    let warnings: Vec<String> = g.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.iter().any(|w| w.contains("security scheme `oauth`") && w.contains("no credentials function")), "{warnings:?}");
    assert_eq!(g.model.credential_sets.len(), 3, "{:?}", g.model.credential_sets);
}
