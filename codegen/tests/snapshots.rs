//! insta snapshots: the IR and lowered model of the plaid-idv crate (dedup decisions
//! included), its generated code, and the generated code of each behaviour fixture alone.

use kycgen_codegen::config::{self, CrateConfig};
use kycgen_codegen::source::SpecRoot;
use kycgen_codegen::{generate, Generated, Layout};
use std::path::{Path, PathBuf};

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn vendor(dir: &str) -> Generated {
    let root = project_root().join(dir);
    let spec_root = SpecRoot::new(&root, dir).expect("spec root");
    let cfg = config::parse(&spec_root.read(config::CONFIG_FILE).expect("config")).expect("config parses");
    generate(&cfg, &spec_root, "kycgen.yaml", Layout::Workspace).unwrap_or_else(|d| panic!("{d}"))
}

fn file<'a>(g: &'a Generated, path: &str) -> &'a str {
    &g.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} generated")).contents
}

#[test]
fn plaid_idv_ir() {
    let g = vendor("specs/plaid-idv");
    insta::assert_yaml_snapshot!("plaid_idv_ir", g.spec);
}

#[test]
fn plaid_idv_model() {
    let g = vendor("specs/plaid-idv");
    insta::assert_yaml_snapshot!("plaid_idv_model", g.model);
}

#[test]
fn plaid_idv_code() {
    let g = vendor("specs/plaid-idv");
    insta::assert_snapshot!("plaid_idv_lib", file(&g, "src/lib.rs"));
    insta::assert_snapshot!("plaid_idv_manifest", file(&g, "Cargo.toml"));
}

#[test]
fn plaid_idv_has_the_named_types() {
    let g = vendor("specs/plaid-idv");
    let lib = file(&g, "src/lib.rs");
    for ty in ["pub enum StepStatus", "pub enum DocumentCategory", "pub enum IdNumberType", "pub enum IdentityVerificationStatus",
        "pub struct IdentityVerificationGetResponse", "pub struct IdentityVerificationStepUpdatedWebhook"] {
        assert!(lib.contains(ty), "missing {ty}");
    }
    let id_types = g.model.types.iter().find(|t| t.name == "IdNumberType").expect("IdNumberType");
    match &id_types.body {
        kycgen_codegen::model::Body::Enum(e) => assert_eq!(e.variants.len(), 35),
        other => panic!("IdNumberType is {other:?}"),
    }
}

/// Each behaviour fixture generated on its own, one snapshot per file.
#[test]
fn behaviour_fixtures() {
    let dir = project_root().join("tests/specs/behaviour");
    let spec_root = SpecRoot::new(&dir, "tests/specs/behaviour").expect("spec root");
    insta::glob!("../../tests/specs/behaviour", "*.{yaml,json}", |path| {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == config::CONFIG_FILE {
            return;
        }
        let cfg = CrateConfig { package: "fixture".into(), specs: vec![name.clone()], version: "0.1.0".into(), ..CrateConfig::default() };
        let g = generate(&cfg, &spec_root, "fixture", Layout::Standalone).unwrap_or_else(|d| panic!("{name}: {d}"));
        let mut out = String::new();
        for w in g.warnings.iter() {
            out.push_str(&format!("// {w}\n"));
        }
        out.push_str(file(&g, "src/lib.rs"));
        insta::assert_snapshot!(out);
    });
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let g = vendor("specs/plaid-idv");
    let one = kycgen_codegen::emit::crate_files_on(&g.model, 1).unwrap();
    for n in [2, 3, 7] {
        assert_eq!(kycgen_codegen::emit::crate_files_on(&g.model, n).unwrap(), one, "{n} threads");
    }
}

/// One spec file of a fixture directory generated on its own, with the runtime path given
/// (or the layout's default).
fn fixture(dir: &str, spec: &str, layout: Layout, runtime: Option<&str>) -> Generated {
    let root = SpecRoot::new(&project_root().join(dir), dir).expect("spec root");
    let cfg = CrateConfig {
        package: "fixture".into(),
        specs: vec![spec.into()],
        version: "0.1.0".into(),
        runtime: runtime.map(str::to_owned),
        ..CrateConfig::default()
    };
    generate(&cfg, &root, "fixture", layout).unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn whole_spec_crates_get_a_feature_per_resource() {
    let g = fixture("tests/fixtures/features", "openapi.yaml", Layout::Standalone, None);
    assert_eq!(g.model.features, ["other", "owners", "pets"]);
    let features = |name: &str| g.model.types.iter().find(|t| t.name == name).map(|t| t.features.join(",")).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(features("Pet"), "pets");
    assert_eq!(features("PetKind"), "pets", "inline types follow their schema");
    assert_eq!(features("Owner"), "pets", "reached through Pet only");
    assert_eq!(features("OwnersListRequest"), "owners");
    assert_eq!(features("ApiError"), "owners,pets");
    assert_eq!(features("PetsAdoptedWebhook"), "pets", "unreached schemas go to the resource their name starts with");
    assert_eq!(features("Unrelated"), "other");
    let manifest = file(&g, "Cargo.toml");
    assert!(manifest.contains("default = [\"full\"]") && manifest.contains("full = [\"other\", \"owners\", \"pets\"]"), "{manifest}");
    assert!(file(&g, "src/lib.rs").contains("#[cfg(any(feature = \"owners\", feature = \"pets\"))]"));
}

/// The `kycgen-runtime` dependency line of a manifest.
fn runtime_dependency(g: &Generated) -> &str {
    file(g, "Cargo.toml").lines().find(|l| l.starts_with("kycgen-runtime = ")).expect("a kycgen-runtime dependency")
}

#[test]
fn crates_depend_on_the_runtime_by_path() {
    // Standalone: this checkout's runtime, by absolute path (xtask may override it).
    let g = fixture("tests/specs/behaviour", "formats.yaml", Layout::Standalone, None);
    let runtime = project_root().join("runtime");
    assert!(runtime.join("Cargo.toml").is_file());
    let expected = format!("kycgen-runtime = {{ path = {:?}, default-features = false, features = [\"time\"] }}", runtime.display().to_string());
    assert_eq!(runtime_dependency(&g), expected);
    // The caller's path wins, and only the features the types need are turned on.
    let g = fixture("tests/specs/behaviour", "limits.yaml", Layout::Workspace, Some("../rt"));
    assert_eq!(runtime_dependency(&g), "kycgen-runtime = { path = \"../rt\", default-features = false, features = [\"pattern\"] }");
    // The workspace plan writes each output directory's own relative path.
    let (plan, _) = kycgen_codegen::workspace::generate_all(&project_root()).unwrap_or_else(|d| panic!("{d}"));
    let dep = |dir: &str, krate: &str| plan[dir][&format!("{krate}/Cargo.toml")].lines().find(|l| l.starts_with("kycgen-runtime")).map(str::to_owned);
    assert!(dep("generated", "plaid-idv").is_some_and(|l| l.contains("path = \"../../runtime\"")));
    assert!(dep("tests/generated", "kycgen-behaviour").is_some_and(|l| l.contains("path = \"../../../runtime\"")));
}

#[test]
fn vendor_webhooks_modules() {
    let plaid = vendor("specs/plaid-idv");
    insta::assert_snapshot!("plaid_idv_webhooks", file(&plaid, "src/webhooks.rs"));
    let stripe = vendor("specs/stripe-identity");
    insta::assert_snapshot!("stripe_identity_webhooks", file(&stripe, "src/webhooks.rs"));
}
