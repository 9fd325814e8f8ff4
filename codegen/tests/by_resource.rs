//! The crate root's "By resource" section: each type under the resource whose operations use
//! it most directly, shared error bodies apart, webhook bodies under "Used by no operation",
//! every name an intra-doc link (`cargo doc -D warnings` in `.ci/run` checks they resolve).

use kycgen_codegen::config;
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Layout};
use std::path::Path;

/// The crate-root section of `dir`'s generated lib.rs: `## heading` → its list lines.
fn section(dir: &str) -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let spec_root = SpecRoot::new(&root, dir).unwrap();
    let cfg = config::parse(&spec_root.read(config::CONFIG_FILE).unwrap()).unwrap();
    let g = generate(&cfg, &spec_root, "kycgen.yaml", Layout::Workspace).unwrap_or_else(|e| panic!("{e}"));
    let lib = &g.files.iter().find(|f| f.path == "src/lib.rs").unwrap().contents;
    let start = lib.find("//! # By resource").expect("a By resource section");
    let end = start + lib[start..].find("//! # Rules").unwrap();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in lib[start..end].lines().map(|l| l.trim_start_matches("//!").trim()) {
        if let Some(h) = line.strip_prefix("## ") {
            out.push((h.to_string(), Vec::new()));
        } else if let (Some(item), Some(last)) = (line.strip_prefix("- "), out.last_mut()) {
            last.1.push(item.to_string());
        }
    }
    out
}

fn lists<'s>(s: &'s [(String, Vec<String>)], heading: &str) -> &'s [String] {
    &s.iter().find(|(h, _)| h == heading).unwrap_or_else(|| panic!("no `{heading}` in {s:?}")).1
}

#[test]
fn stripe_types_go_under_sessions_and_reports() {
    let s = section("specs/stripe-identity");
    let headings: Vec<&str> = s.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(headings, ["`verification_reports`", "`verification_sessions`", "Shared by several resources"]);
    let reports = lists(&s, "`verification_reports`").join("\n");
    assert!(reports.starts_with("Operations: [`VerificationReportRetrieve`](operations::VerificationReportRetrieve), [`VerificationReportList`]"), "{reports}");
    // Reached from both (a session expands its last report), but nearer to the reports.
    assert!(reports.contains("[`VerificationReport`]") && reports.contains("[`GelatoDocumentReport`]"), "{reports}");
    let sessions = lists(&s, "`verification_sessions`").join("\n");
    assert!(sessions.contains("Requests: [`ExpandParams`], [`SessionOptionsParams`]"), "{sessions}");
    assert!(sessions.contains("[`VerificationSession`]") && !sessions.contains("[`VerificationReport`]"), "{sessions}");
    assert!(lists(&s, "Shared by several resources").iter().any(|l| l.starts_with("Objects: ") && l.contains("[`ApiErrors`]")), "{s:?}");
}

#[test]
fn plaid_webhook_bodies_are_used_by_no_operation() {
    let s = section("specs/plaid-idv");
    assert_eq!(lists(&s, "`webhook_verification_key`")[1], "Requests: [`WebhookVerificationKeyGetRequest`]");
    assert_eq!(lists(&s, "Shared by several resources"), ["Objects: [`PlaidError`]", "Enums: [`PlaidErrorType`]"]);
    let unused = lists(&s, "Used by no operation").join("\n");
    assert!(unused.contains("[`IdentityVerificationStatusUpdatedWebhook`]") && unused.contains("Enums: [`WebhookEnvironmentValues`]"), "{unused}");
    let idv = lists(&s, "`identity_verification`").join("\n");
    assert!(idv.contains("[`StepStatus`]") && idv.contains("[`IdentityVerificationGetResponse`]"), "{idv}");
}
