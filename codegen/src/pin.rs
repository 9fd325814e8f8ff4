//! Pinned vendor specs: the `source.sha256` of a config names the exact bytes of its spec
//! file (the first entry of `specs`), so a hand edit or a half-done update cannot pass.

use crate::config::{CrateConfig, CONFIG_FILE};
use crate::diag::Diagnostic;
use crate::source::{SourceFile, SpecRoot};

/// The spec file a config's `source` pins: the first entry of `specs`.
pub fn pinned_file(cfg: &CrateConfig) -> Option<&str> {
    cfg.specs.first().map(String::as_str)
}

/// An error located at the config's `sha256:` line when the pin does not match the file.
pub fn check(cfg: &CrateConfig, root: &SpecRoot, sources: &[SourceFile], cfg_display: &str) -> Option<Diagnostic> {
    let want = cfg.source.as_ref()?.sha256.as_deref()?.trim().to_ascii_lowercase();
    let rel = pinned_file(cfg)?;
    let file = sources.iter().find(|s| s.rel == rel)?;
    let got = crate::digest::sha256_hex(&file.text);
    if got == want {
        return None;
    }
    let msg = format!(
        "`source.sha256` pins {rel} at {want} but the file's sha256 is {got}: run cargo xtask update-specs, or review the edit and update the pin"
    );
    let mut d = Diagnostic::error(cfg_display, msg);
    if let Ok(cfg_file) = root.read(CONFIG_FILE) {
        if let Some((line, col)) = key_position(&cfg_file.text, "sha256") {
            d = d.at_line(line, col);
            d.snippet = cfg_file.text.lines().nth(line - 1).map(str::to_string);
        }
    }
    Some(d)
}

/// 1-based line and column of `key:` inside the top-level `source:` block of a config.
pub fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.trim_end() == "source:")?;
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let trimmed = l.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.len() == l.len() {
            return None; // the block ended
        }
        if trimmed.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            return Some((i + 1, l.len() - trimmed.len() + 1));
        }
    }
    None
}
