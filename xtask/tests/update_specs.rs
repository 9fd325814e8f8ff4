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
    let root = std::env::temp_dir().join(format!("kycgen-update-specs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let vendor = root.join("specs/demo");
    std::fs::create_dir_all(&vendor).unwrap();
    std::fs::write(vendor.join("openapi.yaml"), V1).unwrap();
    let cfg = format!(
        "# demo vendor\ncrate: demo\nspecs:\n  - openapi.yaml\nsource:\n  url: {url}\n  version: '1'\n  # pinned bytes\n  sha256: {pinned}\nroots:\n  requests: [ThingRequest]\n  responses: [Thing]\n"
    );
    std::fs::write(vendor.join("kycgen.yaml"), cfg).unwrap();
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
fn subset_vendors_get_an_upstream_report() {
    let base = serve(BTreeMap::from([("/v2.yaml", V2)]));
    let root = scratch("subset", &format!("{base}/v2.yaml"), &kycgen_codegen::sha256_hex(V1));
    let cfg_path = root.join("specs/demo/kycgen.yaml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap().replace("  # pinned bytes\n", "  subset: true\n");
    std::fs::write(&cfg_path, &cfg).unwrap();
    let o = xtask(&["update-specs"], &root);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = files(&root);
    assert_eq!(after["openapi.yaml"], V1, "a subset spec is never replaced");
    assert_eq!(after["kycgen.yaml"], cfg);
    assert!(after["UPSTREAM.md"].contains("enum_values_added"), "{}", after["UPSTREAM.md"]);
}
