//! `cargo xtask update-specs` end to end against a spec server on 127.0.0.1, in a scratch
//! copy of a vendor directory: a good download is written and re-pinned (comments kept), a
//! 404 or an unparsable file changes nothing; `generate` refuses a spec that breaks its pin.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const V1: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    ThingRequest:\n      type: object\n      properties:\n        name: {type: string}\n    Thing:\n      type: object\n      properties:\n        status: {type: string, enum: [open, closed]}\n";
const V2: &str = "openapi: 3.0.3\ninfo: {title: t, version: '2.0'}\ncomponents:\n  schemas:\n    ThingRequest:\n      type: object\n      required: [name]\n      properties:\n        name: {type: string}\n    Thing:\n      type: object\n      properties:\n        status: {type: string, enum: [open, closed, held]}\n";
const UNPARSABLE: &str = "openapi: 3.0.3\ninfo: {title: t, version: '3'}\ncomponents:\n  schemas:\n    Thing: {type: strnig}\n";

/// Serves `routes` (path → body; anything else is a 404) until the test process exits.
fn serve(routes: BTreeMap<&'static str, &'static str>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let (status, body) = match routes.get(path) {
                Some(b) => ("200 OK", *b),
                None => ("404 Not Found", "not found"),
            };
            let mut s = &stream;
            let _ = write!(s, "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    format!("http://{addr}")
}

fn scratch(name: &str, url: &str, pinned: &str) -> PathBuf {
    let cfg = format!(
        "# demo vendor\ncrate: demo\nspecs:\n  - openapi.yaml\nsource:\n  url: {url}\n  version: '1'\n  # pinned bytes\n  sha256: {pinned}\nroots:\n  requests: [ThingRequest]\n  responses: [Thing]\n"
    );
    project(name, "demo", V1, &cfg)
}

/// A scratch project with one vendor, `specs/VENDOR/{openapi.yaml,kycgen.yaml}`.
fn project(name: &str, vendor: &str, spec: &str, cfg: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("kycgen-update-specs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("specs").join(vendor);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("openapi.yaml"), spec).unwrap();
    std::fs::write(dir.join("kycgen.yaml"), cfg).unwrap();
    root
}

fn xtask(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).env("KYCGEN_PROJECT_ROOT", root).output().expect("xtask runs")
}

fn files(root: &Path) -> BTreeMap<String, String> {
    let dir = root.join("specs/demo");
    kycgen_codegen::workspace::list_files(&dir).into_iter().map(|p| (p.clone(), std::fs::read_to_string(dir.join(&p)).unwrap())).collect()
}

#[test]
fn update_specs_downloads_reports_and_repins() {
    let base = serve(BTreeMap::from([("/v2.yaml", V2), ("/bad.yaml", UNPARSABLE)]));
    let v1_sha = kycgen_codegen::sha256_hex(V1);

    for (case, path, expect) in [("missing", "/nope.yaml", "404"), ("unparsable", "/bad.yaml", "unknown type `strnig`")] {
        let root = scratch(case, &format!("{base}{path}"), &v1_sha);
        let before = files(&root);
        let o = xtask(&["update-specs", "--vendor", "demo"], &root);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{case}: {stderr}");
        assert!(stderr.contains(expect) && stderr.contains("specs/demo/kycgen.yaml"), "{case}: {stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert_eq!(files(&root), before, "{case}: files unchanged");
    }

    let root = scratch("good", &format!("{base}/v2.yaml"), &v1_sha);
    let o = xtask(&["update-specs", "--vendor", "demo"], &root);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout.contains("**1 breaking**, 1 additive"), "{stdout}");
    assert!(stdout.contains("`ThingRequest::new()` gains the parameter for `ThingRequest.name`"), "{stdout}");
    assert!(stdout.contains("`ThingStatus::Held` added"), "{stdout}");
    let after = files(&root);
    assert_eq!(after["openapi.yaml"], V2);
    let cfg = &after["kycgen.yaml"];
    assert!(cfg.contains(&format!("  sha256: {}\n", kycgen_codegen::sha256_hex(V2))), "{cfg}");
    assert!(cfg.contains("  version: '2.0'\n") && cfg.contains("# demo vendor\n") && cfg.contains("  # pinned bytes\n"), "{cfg}");
    // The new pin holds: generation accepts the updated spec.
    let o = xtask(&["generate"], &root);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn generate_refuses_a_spec_that_breaks_its_pin() {
    let root = scratch("pin", "https://example.invalid/spec.yaml", &"0".repeat(64));
    let o = xtask(&["generate"], &root);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("specs/demo/kycgen.yaml:9:3: error: `source.sha256` pins openapi.yaml"), "{stderr}");
    assert!(!root.join("generated").exists(), "nothing generated");
}

#[test]
fn subset_vendors_are_regenerated_from_upstream() {
    let base = serve(BTreeMap::from([("/v2.yaml", V2)]));
    let root = scratch("subset", &format!("{base}/v2.yaml"), &kycgen_codegen::sha256_hex(V1));
    let cfg_path = root.join("specs/demo/kycgen.yaml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap().replace("  # pinned bytes\n", "  subset: true\n");
    std::fs::write(&cfg_path, &cfg).unwrap();
    let o = xtask(&["update-specs"], &root);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = files(&root);
    let spec = &after["openapi.yaml"];
    assert!(spec.contains("        - held\n") && spec.contains("      required:\n        - name\n"), "upstream's structure taken in:\n{spec}");
    assert!(after["kycgen.yaml"].contains(&format!("  sha256: {}\n", kycgen_codegen::sha256_hex(spec))), "{}", after["kycgen.yaml"]);
    assert!(after["UPSTREAM.md"].contains("enum_values_added"), "{}", after["UPSTREAM.md"]);
}

/// A subset vendor updated offline through a real Plaid history pair: first from a seed
/// subset to 1.575.0, then to 1.586.4. Our descriptions stay, new schemas come without,
/// the pin, `source.version`, the crate version and the changelog follow, and the crate
/// generates with the changelog in it.
#[test]
fn subset_is_regenerated_from_upstream_history() {
    let history = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/plaid/history");
    if !history.is_dir() {
        eprintln!("skipping: ../shared is not beside the checkout");
        return;
    }
    let seed = "# Our subset of Plaid, as of version seed.\nopenapi: 3.0.0\ninfo: {title: Ours, version: seed}\nservers:\n  - url: https://sandbox.plaid.com\n    description: Our sandbox words.\npaths: {}\ncomponents:\n  schemas:\n    IdentityVerificationGetRequest:\n      description: Our words for the request.\n      type: object\n      properties:\n        secret: {$ref: '#/components/schemas/APISecret'}\n    APISecret: {type: string, description: Our words for the secret.}\n    IdentityVerificationGetResponse:\n      description: Our words for the response.\n      type: object\n";
    let cfg = format!(
        "crate: idv-history\nspecs: [openapi.yaml]\nsource:\n  url: https://example.invalid/never-fetched.yml\n  version: seed\n  sha256: {}\n  subset: true\nroots:\n  requests: [IdentityVerificationGetRequest]\n  responses: [IdentityVerificationGetResponse]\noperations: [identityVerificationGet]\n",
        kycgen_codegen::sha256_hex(seed)
    );
    let root = project("history", "idv", seed, &cfg);
    let dir = root.join("specs/idv");
    let update = |version: &str| {
        let file = history.join(format!("2020-09-14_{version}.yml"));
        let o = xtask(&["update-specs", "--vendor", "idv", "--upstream", file.to_str().unwrap()], &root);
        assert!(o.status.success(), "{version}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let read = |dir: &Path| {
        let text = std::fs::read_to_string(dir.join("openapi.yaml")).unwrap();
        let file = kycgen_codegen::source::SourceFile { display: "openapi.yaml".into(), rel: "openapi.yaml".into(), text };
        kycgen_codegen::source::parse_document(&file).unwrap()
    };

    // Seed → 1.575.0: the request gains its required id, so `new()` changes: breaking.
    update("1.575.0");
    let cfg = std::fs::read_to_string(dir.join("kycgen.yaml")).unwrap();
    assert!(cfg.contains("\nversion: 0.2.0\n") && cfg.contains("  version: 2020-09-14_1.575.0\n"), "{cfg}");
    let changelog = std::fs::read_to_string(dir.join("CHANGELOG.md")).unwrap();
    assert!(changelog.starts_with("# Changelog\n\n## 0.2.0\n\nSpec `seed` → `2020-09-14_1.575.0` (breaking).\n\n### Breaking\n"), "{changelog}");

    // 1.575.0 → 1.586.4: new required response fields and schemas only: additive, a patch under 0.x.
    let report = update("1.586.4");
    let text = std::fs::read_to_string(dir.join("openapi.yaml")).unwrap();
    let cfg = std::fs::read_to_string(dir.join("kycgen.yaml")).unwrap();
    assert!(cfg.contains(&format!("  sha256: {}\n", kycgen_codegen::sha256_hex(&text))), "the pin follows the regenerated file");
    assert!(cfg.contains("\nversion: 0.2.1\n") && cfg.contains("  version: 2020-09-14_1.586.4\n"), "{cfg}");
    assert!(text.starts_with("# Our subset of Plaid, as of version 2020-09-14_1.586.4.\n"), "{}", &text[..200]);
    let doc = read(&dir);
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["IdentityVerificationGetRequest"]["description"], "Our words for the request.");
    assert_eq!(schemas["APISecret"]["description"], "Our words for the secret.");
    assert_eq!(schemas["IdentityVerificationGetResponse"]["description"], "Our words for the response.");
    assert_eq!(doc["servers"][0]["description"], "Our sandbox words.");
    assert!(schemas["IdentityVerificationGetResponse"]["properties"]["verify_sms"].is_object(), "1.586.4's new field is taken in");
    let sms = serde_json::to_string(&schemas["SMSVerification"]).unwrap();
    assert!(sms.len() > 20 && !sms.contains("\"description\""), "a new schema comes without upstream's prose: {sms}");
    assert!(doc["paths"]["/identity_verification/get"]["post"]["operationId"] == "identityVerificationGet");
    let upstream_md = std::fs::read_to_string(dir.join("UPSTREAM.md")).unwrap();
    assert!(upstream_md.contains("verify_sms") && report.contains("verify_sms"), "{upstream_md}");
    let changelog = std::fs::read_to_string(dir.join("CHANGELOG.md")).unwrap();
    assert!(changelog.starts_with("# Changelog\n\n## 0.2.1\n\nSpec `2020-09-14_1.575.0` → `2020-09-14_1.586.4` (additive).\n\n### Added\n"), "{changelog}");
    assert!(changelog.contains("\n## 0.2.0\n") && !changelog.contains("### Breaking\n\n- `IdentityVerificationGetResponse"), "{changelog}");

    // The update is ready to generate: the pin holds, and the crate carries version and changelog.
    let o = xtask(&["generate"], &root);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let krate = root.join("generated/idv-history");
    assert!(std::fs::read_to_string(krate.join("Cargo.toml")).unwrap().contains("\nversion = \"0.2.1\"\n"));
    assert_eq!(std::fs::read_to_string(krate.join("CHANGELOG.md")).unwrap(), changelog);
}
