//! `cargo xtask fetch-corpus` without the internet: upstream urls served by a loopback HTTP
//! server, the mirror as a `file://` directory. A file whose sha256 differs from its pin is
//! refused and nothing is written; `--check` compares a directory with the manifest.

#[allow(dead_code)] // the shared helpers this test does not use
mod common;

use common::scratch;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("xtask runs")
}

fn sha256(text: &str) -> String {
    kycgen_codegen::sha256_hex(text)
}

/// Serves `body` for every GET on a loopback port (until the test process ends); its base URL.
fn serve(body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut s = &stream;
            let _ = write!(s, "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
        }
    });
    format!("http://{addr}")
}

fn manifest(dir: &Path, entries: &[(&str, String, Option<String>)]) -> String {
    let files: Vec<serde_json::Value> = entries
        .iter()
        .map(|(path, sha, url)| match url {
            Some(u) => serde_json::json!({"path": path, "sha256": sha, "url": u}),
            None => serde_json::json!({"path": path, "sha256": sha}),
        })
        .collect();
    let path = dir.join("corpus.json");
    std::fs::write(&path, serde_json::to_string(&serde_json::json!({ "files": files })).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn fetches_from_upstream_and_mirror_into_the_shared_layout() {
    let dir = scratch("fetch-corpus", "ok");
    let upstream = serve("openapi: 3.0.3\n");
    let mirror = dir.join("mirror");
    std::fs::create_dir_all(mirror.join("specs/vendor/history")).unwrap();
    std::fs::write(mirror.join("specs/vendor/history/a__b.changes.yaml"), "changes: []\n").unwrap();
    let m = manifest(
        &dir,
        &[
            ("specs/vendor/openapi.yaml", sha256("openapi: 3.0.3\n"), Some(format!("{upstream}/vendor/openapi.yaml"))),
            ("specs/vendor/history/a__b.changes.yaml", sha256("changes: []\n"), None),
        ],
    );
    let dest = dir.join("shared");
    let mirror_url = format!("file://{}", mirror.display());
    let o = xtask(&["fetch-corpus", "--manifest", &m, "--dest", &dest.to_string_lossy(), "--mirror", &mirror_url]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(dest.join("specs/vendor/openapi.yaml")).unwrap(), "openapi: 3.0.3\n");
    assert_eq!(std::fs::read_to_string(dest.join("specs/vendor/history/a__b.changes.yaml")).unwrap(), "changes: []\n");
    assert!(!dest.join(".fetch-corpus.staging").exists(), "the staging directory is removed");
    let o = xtask(&["fetch-corpus", "--manifest", &m, "--dest", &dest.to_string_lossy(), "--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::write(dest.join("specs/vendor/openapi.yaml"), "openapi: 3.1.0\n").unwrap();
    let o = xtask(&["fetch-corpus", "--manifest", &m, "--dest", &dest.to_string_lossy(), "--check"]);
    assert_eq!(o.status.code(), Some(1), "a changed file fails the check");
    assert!(String::from_utf8_lossy(&o.stderr).contains("specs/vendor/openapi.yaml: missing or not sha256"));
}

#[test]
fn a_hash_mismatch_is_refused_and_nothing_is_written() {
    let dir = scratch("fetch-corpus", "mismatch");
    let upstream = serve("openapi: 3.0.3\n# tampered\n");
    let mirror = dir.join("mirror");
    std::fs::create_dir_all(mirror.join("specs")).unwrap();
    std::fs::write(mirror.join("specs/good.yaml"), "good: true\n").unwrap();
    let m = manifest(
        &dir,
        &[
            ("specs/good.yaml", sha256("good: true\n"), None),
            ("specs/vendor/openapi.yaml", sha256("openapi: 3.0.3\n"), Some(format!("{upstream}/openapi.yaml"))),
            ("specs/nowhere.yaml", sha256("x"), None),
        ],
    );
    let dest = dir.join("shared");
    let mirror_url = format!("file://{}", mirror.display());
    let o = xtask(&["fetch-corpus", "--manifest", &m, "--dest", &dest.to_string_lossy(), "--mirror", &mirror_url]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("specs/vendor/openapi.yaml: refused") && stderr.contains(&sha256("openapi: 3.0.3\n")), "{stderr}");
    assert!(stderr.contains("specs/nowhere.yaml: cannot fetch file://"), "a mirror without the file: {stderr}");
    assert!(stderr.contains("2 of 3 files failed; nothing was written"), "{stderr}");
    let left: Vec<_> = walk(&dest);
    assert!(left.is_empty(), "nothing may be written when any file fails: {left:?}");

    let bad = manifest(&dir, &[("../escape.yaml", sha256("x"), None)]);
    let o = xtask(&["fetch-corpus", "--manifest", &bad, "--dest", &dest.to_string_lossy(), "--mirror", &mirror_url]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a relative path inside the corpus"));
}

/// Every file under `dir` (empty when it does not exist).
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn the_manifest_pins_what_shared_holds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let shared = root.parent().unwrap().join("shared");
    if !shared.is_dir() {
        eprintln!("skipping: {} not found", shared.display());
        return;
    }
    let o = xtask(&["fetch-corpus", "--check"]);
    assert_eq!(o.status.code(), Some(0), "update .ci/corpus.json with ../shared: {}", String::from_utf8_lossy(&o.stderr));
}
