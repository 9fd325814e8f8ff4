//! The generated crate's `Cargo.toml`: only the dependencies its types use.

use crate::model::{Direction, Model};
use std::fmt::Write;

/// The manifest; `runtime` lists the optional features of `kycgen-runtime` the types use.
pub fn manifest(m: &Model, time: bool, runtime: &[&str]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}", crate::render::header_text(m));
    let _ = writeln!(s, "[package]");
    let _ = writeln!(s, "name = {}", toml_str(&m.package));
    let _ = writeln!(s, "version = {}", toml_str(&m.version));
    let _ = writeln!(s, "edition = \"2021\"");
    let _ = writeln!(s, "rust-version = \"1.85\"");
    if !m.description.is_empty() {
        let _ = writeln!(s, "description = {}", toml_str(&m.description));
    }
    let _ = writeln!(s, "publish = false");
    let _ = writeln!(s);
    let _ = writeln!(s, "[features]");
    if !m.features.is_empty() {
        let _ = writeln!(s, "default = [\"full\"]");
        let _ = writeln!(s, "# Every resource. Build with `--no-default-features --features <resource>` for fewer types.");
        let list: Vec<String> = m.features.iter().map(|f| toml_str(f)).collect();
        let _ = writeln!(s, "full = [{}]", list.join(", "));
        for f in &m.features {
            let _ = writeln!(s, "{f} = []");
        }
    }
    if !m.operations.is_empty() {
        let _ = writeln!(s, "# The async client of kycgen-runtime (reqwest, rustls) and pagination streams.");
        let _ = writeln!(s, "client = [\"kycgen-runtime/client\"]");
    }
    for f in m.serde_features() {
        let _ = writeln!(s, "{}", direction_comment(f));
        let _ = writeln!(s, "{f} = []");
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "[dependencies]");
    if time {
        let _ = writeln!(s, "jiff = {{ version = \"0.2\", default-features = false, features = [\"std\", \"serde\"] }}");
    }
    let _ = writeln!(s, "{}", runtime_comment(m));
    let features: Vec<String> = runtime.iter().map(|f| toml_str(f)).collect();
    let features = if features.is_empty() { String::new() } else { format!(", features = [{}]", features.join(", ")) };
    let _ = writeln!(s, "kycgen-runtime = {{ path = {}, default-features = false{features} }}", toml_str(&m.runtime));
    if m.vocabulary.is_some() {
        let _ = writeln!(s, "# The common vocabulary the `vocabulary` module converts into.");
        let _ = writeln!(s, "kyc-common = {{ path = {} }}", toml_str(&m.common));
    }
    let _ = writeln!(s, "serde = {{ version = \"1\", features = [\"derive\"] }}");
    let _ = writeln!(s, "serde_json = \"1\"");
    let _ = writeln!(s);
    if m.standalone {
        let _ = writeln!(s, "[workspace]");
    } else {
        // The kycgen workspace's lints hold for generated code as for the rest.
        let _ = writeln!(s, "[lints]");
        let _ = writeln!(s, "workspace = true");
    }
    s
}

/// What a direction feature (`model::Direction`) is for.
fn direction_comment(feature: &str) -> &'static str {
    if feature == Direction::DESERIALIZE_REQUESTS {
        "# `Deserialize` for the types only requests use (a mock server, tests that read requests back)."
    } else {
        "# `Serialize` for the types only responses and webhooks use (to store or forward what the vendor sent)."
    }
}

fn runtime_comment(m: &Model) -> &'static str {
    if m.standalone {
        "# The runtime crate of the kycgen checkout that generated this crate (KYCGEN_RUNTIME at generation time overrides the path)."
    } else {
        "# The runtime crate of this workspace."
    }
}

/// A TOML basic string.
fn toml_str(v: &str) -> String {
    let mut out = String::from("\"");
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
