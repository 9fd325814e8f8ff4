//! The generated crate's `Cargo.toml`: only the dependencies its types use.

use crate::model::Model;
use std::fmt::Write;

pub fn manifest(m: &Model, time: bool, regex: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}", crate::render::header_text(m));
    let _ = writeln!(s, "[package]");
    let _ = writeln!(s, "name = {}", toml_str(&m.package));
    let _ = writeln!(s, "version = {}", toml_str(&m.version));
    let _ = writeln!(s, "edition = \"2021\"");
    let _ = writeln!(s, "rust-version = \"1.80\"");
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
    let _ = writeln!(s, "# Show personal data in Debug output (off by default).");
    let _ = writeln!(s, "debug-pii = []");
    let _ = writeln!(s);
    let _ = writeln!(s, "[dependencies]");
    if time {
        let _ = writeln!(s, "jiff = {{ version = \"0.2\", default-features = false, features = [\"std\", \"serde\"] }}");
    }
    if regex {
        let _ = writeln!(s, "regex-lite = \"0.1\"");
    }
    if m.webhooks.is_some() {
        let _ = writeln!(s, "kycgen-runtime = {{ path = {}, features = [\"webhooks\"] }}", toml_str(&runtime_path(m)));
    }
    let _ = writeln!(s, "serde = {{ version = \"1\", features = [\"derive\"] }}");
    let _ = writeln!(s, "serde_json = \"1\"");
    if m.standalone {
        let _ = writeln!(s);
        let _ = writeln!(s, "[workspace]");
    }
    s
}

/// Where `kycgen-runtime` is: beside `generated/` in the workspace, this checkout's for a
/// standalone crate.
fn runtime_path(m: &Model) -> String {
    if m.standalone {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime").into()
    } else {
        "../../runtime".into()
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
