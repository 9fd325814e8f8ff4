//! The vendor config's `webhooks` section: a mistake in it is an error naming the config,
//! never a module that silently leaves an event out.

use kycgen_codegen::config::{self, CrateConfig, Webhooks};
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Layout};
use std::path::Path;

fn plaid() -> (CrateConfig, SpecRoot) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/plaid-idv");
    let spec_root = SpecRoot::new(&root, "specs/plaid-idv").expect("spec root");
    let cfg = config::parse(&spec_root.read(config::CONFIG_FILE).expect("config")).expect("config parses");
    (cfg, spec_root)
}

/// Generates plaid-idv with its webhooks changed by `edit`; the error text, if any.
fn generate_with(edit: impl FnOnce(&mut Webhooks)) -> Result<Vec<String>, String> {
    let (mut cfg, root) = plaid();
    edit(cfg.webhooks.as_mut().expect("plaid-idv lists webhooks"));
    match generate(&cfg, &root, "specs/plaid-idv/kycgen.yaml", Layout::Workspace) {
        Ok(g) => Ok(g.files.into_iter().map(|f| f.path).collect()),
        Err(d) => Err(d.to_string()),
    }
}

#[test]
fn the_module_and_the_runtime_dependency_come_with_the_config() {
    let files = generate_with(|_| {}).unwrap();
    assert!(files.contains(&"src/webhooks.rs".to_owned()), "{files:?}");
    let (mut cfg, root) = plaid();
    cfg.webhooks = None;
    let g = generate(&cfg, &root, "kycgen.yaml", Layout::Workspace).unwrap();
    assert!(g.files.iter().all(|f| f.path != "src/webhooks.rs"));
    let manifest = &g.files.iter().find(|f| f.path == "Cargo.toml").unwrap().contents;
    let dep = manifest.lines().find(|l| l.starts_with("kycgen-runtime")).unwrap();
    assert!(!dep.contains("webhooks"), "the runtime's webhooks feature only with a webhooks config: {dep}");
    let standalone = generate(&plaid().0, &root, "kycgen.yaml", Layout::Standalone).unwrap();
    let manifest = &standalone.files.iter().find(|f| f.path == "Cargo.toml").unwrap().contents;
    let dep = manifest.lines().find(|l| l.starts_with("kycgen-runtime")).unwrap();
    let checkout = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().display().to_string();
    assert!(dep.contains(&format!("path = \"{checkout}")), "standalone crates name the runtime by absolute path: {dep}");
    assert!(dep.contains("\"webhooks\""), "{dep}");
}

#[test]
fn mistakes_in_the_webhooks_section_are_errors() {
    let unknown_schema = generate_with(|w| {
        w.events.insert("IDENTITY_VERIFICATION.NEW".into(), "NoSuchWebhook".into());
    });
    let e = unknown_schema.unwrap_err();
    assert!(e.contains("kycgen.yaml") && e.contains("schema `NoSuchWebhook` is not generated"), "{e}");
    let clash = generate_with(|w| {
        w.events.insert("identity_verification.status_updated".into(), "IdentityVerificationRetriedWebhook".into());
    });
    assert!(clash.unwrap_err().contains("both become variant `IdentityVerificationStatusUpdated`"));
    let catch_all = generate_with(|w| {
        w.events.insert("unknown".into(), "IdentityVerificationRetriedWebhook".into());
    });
    assert!(catch_all.unwrap_err().contains("catch-all variant `Unknown`"));
    let empty = generate_with(|w| w.discriminators.clear());
    assert!(empty.unwrap_err().contains("must not be empty"));
}

#[test]
fn unknown_schemes_and_keys_are_config_errors() {
    let (_, root) = plaid();
    let text = root.read(config::CONFIG_FILE).unwrap().text;
    for (from, to) in [("scheme: plaid", "scheme: jumio"), ("discriminators:", "discriminator:")] {
        let mut file = root.read(config::CONFIG_FILE).unwrap();
        file.text = text.replace(from, to);
        let e = config::parse(&file).unwrap_err().to_string();
        assert!(e.contains("kycgen.yaml:") && e.contains("invalid config"), "{e}");
    }
}
