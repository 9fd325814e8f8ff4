//! The generated crate's next version and CHANGELOG entry from a drift report. The version
//! lives in the vendor config (`version:`, default 0.1.0), the input generation reads, so
//! `generate` stays a pure function of `specs/`; `CHANGELOG.md` beside the config is copied
//! into the crate by generation.

use kycgen_codegen::diff::{Change, Severity};
use std::fmt::Write as _;

pub use kycgen_codegen::workspace::CHANGELOG_FILE;

const HEADING: &str = "# Changelog\n";

/// The version after a release whose worst change is `worst`, by Cargo's semver rules:
/// below 1.0 a breaking change bumps the minor (0.3.1 → 0.4.0) and anything else the patch
/// (additions are compatible within 0.y); from 1.0, major, minor and patch. `None` when
/// nothing in the generated code changes, or the version is not `x.y.z`.
pub fn next_version(current: &str, worst: Severity) -> Option<String> {
    let parts: Vec<u64> = current.split('.').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [major, minor, patch] = parts[..] else { return None };
    let next = match (worst, major) {
        (Severity::None, _) => return None,
        (Severity::Breaking, 0) => (0, minor + 1, 0),
        (Severity::Breaking, _) => (major + 1, 0, 0),
        (Severity::Additive, m) if m > 0 => (major, minor + 1, 0),
        _ => (major, minor, patch + 1),
    };
    Some(format!("{}.{}.{}", next.0, next.1, next.2))
}

/// The worst severity among `changes` (`None` when there are none).
pub fn worst(changes: &[Change]) -> Severity {
    changes.iter().map(|c| c.severity).min().unwrap_or(Severity::None)
}

/// `changelog` with an entry for `version` on top (below the heading): the spec versions,
/// then the Rust-side changes by severity, breaking first, each line once; docs-only
/// changes are counted, not listed.
pub fn add_entry(changelog: Option<&str>, version: &str, from: &str, to: &str, changes: &[Change]) -> String {
    let mut entry = format!("## {version}\n\nSpec `{from}` → `{to}` ({}).\n", worst(changes).as_str());
    for (severity, title) in [(Severity::Breaking, "Breaking"), (Severity::Additive, "Added")] {
        let mut lines: Vec<&str> = changes.iter().filter(|c| c.severity == severity).map(|c| c.rust.as_str()).collect();
        let mut seen = std::collections::BTreeSet::new();
        lines.retain(|l| seen.insert(*l));
        if !lines.is_empty() {
            let _ = write!(entry, "\n### {title}\n\n");
            for l in lines {
                let _ = writeln!(entry, "- {}", l.replace('\n', " "));
            }
        }
    }
    let docs = changes.iter().filter(|c| c.severity == Severity::Docs).count();
    if docs > 0 {
        let _ = write!(entry, "\n### Documentation\n\n- {docs} doc comments changed.\n");
    }
    let rest = changelog.map(|c| c.strip_prefix(HEADING).unwrap_or(c).trim_start_matches('\n')).unwrap_or("");
    if rest.is_empty() {
        format!("{HEADING}\n{entry}")
    } else {
        format!("{HEADING}\n{entry}\n{rest}")
    }
}

/// Sets the top-level `version:` of a vendor config, keeping every other line; inserts it
/// after the `crate:` line when absent.
pub fn set_version(text: &str, version: &str) -> Option<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let value = format!("version: {version}");
    if let Some(i) = lines.iter().position(|l| l.strip_prefix("version:").is_some()) {
        let comment = lines[i].find(" #").map(|c| lines[i][c..].to_string()).unwrap_or_default();
        lines[i] = format!("{value}{comment}");
    } else {
        let at = lines.iter().position(|l| l.starts_with("crate:"))?;
        lines.insert(at + 1, value);
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_cargo_semver() {
        let cases = [
            ("0.1.0", Severity::Breaking, Some("0.2.0")),
            ("0.3.4", Severity::Additive, Some("0.3.5")),
            ("0.3.4", Severity::Docs, Some("0.3.5")),
            ("0.3.4", Severity::None, None),
            ("1.2.3", Severity::Breaking, Some("2.0.0")),
            ("1.2.3", Severity::Additive, Some("1.3.0")),
            ("1.2.3", Severity::Docs, Some("1.2.4")),
            ("1.2", Severity::Docs, None),
        ];
        for (from, worst, to) in cases {
            assert_eq!(next_version(from, worst).as_deref(), to, "{from} {worst:?}");
        }
    }

    #[test]
    fn config_version_is_set_or_inserted() {
        assert_eq!(set_version("# c\ncrate: x\nversion: 0.1.0 # kept\nspecs: []\n", "0.2.0").unwrap(), "# c\ncrate: x\nversion: 0.2.0 # kept\nspecs: []\n");
        assert_eq!(set_version("crate: x\nspecs: []\n", "0.1.1").unwrap(), "crate: x\nversion: 0.1.1\nspecs: []\n");
    }
}
