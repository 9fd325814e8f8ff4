//! Vendor configs (`specs/<vendor>/kycgen.yaml`): which spec files make which crate, the
//! root schemas, renames, personal-data fields to redact, and the pinned source.

use crate::diag::Diagnostic;
use crate::source::SourceFile;
use indexmap::IndexMap;
use serde::Deserialize;

/// The config file name looked for in each directory under `specs/`.
pub const CONFIG_FILE: &str = "kycgen.yaml";

/// One generated crate's recipe.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// Cargo package name (`plaid-idv`); the library is the same with `_`.
    #[serde(rename = "crate")]
    pub package: String,
    /// One-line crate description.
    #[serde(default)]
    pub description: String,
    /// The generated crate's semver version (`0.1.0` when absent); `update-specs` bumps it by the drift's worst change.
    #[serde(default = "default_version")]
    pub version: String,
    /// Spec files or directories, relative to the config's directory.
    pub specs: Vec<String>,
    /// The schemas the crate is generated for; empty: every schema of the spec.
    #[serde(default)]
    pub roots: Roots,
    /// Schema name, or an inline type's path (`Schema.property`), → Rust type name.
    #[serde(default)]
    pub renames: IndexMap<String, String>,
    /// Fields of personal data, as `Schema.property` (`Schema.inline.property` inside an
    /// inline object): their type becomes `kycgen_runtime::Pii<T>`, redacted by `Debug`.
    #[serde(default)]
    pub redact: Vec<String>,
    /// Keep the old names of renamed schemas: each entry of `aliases` is generated as
    /// `#[deprecated] pub type Old = New;`, and drift reports such a rename as additive.
    #[serde(default)]
    pub compat: bool,
    /// Old schema name → the schema it was renamed to (`schema_renamed` in a drift report);
    /// generated only with `compat: true`.
    #[serde(default)]
    pub aliases: IndexMap<String, String>,
    /// Where the spec was taken from, for `update-specs` and drift reports.
    #[serde(default)]
    pub source: Option<PinnedSource>,
    /// Path of the `kycgen-runtime` crate as the generated manifest writes it (relative to
    /// the generated crate). Set by the caller, not by the config file; `None` takes
    /// [`crate::runtime_path`] of the layout.
    #[serde(skip)]
    pub runtime: Option<String>,
    /// The webhooks the crate receives, when the spec does not describe them.
    #[serde(default)]
    pub webhooks: Option<Webhooks>,
    /// Operations generated into the `operations` module, by `operationId`; an entry
    /// `operationId: TypeName` renames the operation's type.
    #[serde(default)]
    pub operations: Vec<OperationPick>,
    /// Every operation of the spec instead of those listed in `operations` (whose renames
    /// still apply); one that cannot be generated (no `operationId`, a multipart body) is
    /// left out with a located warning.
    #[serde(default)]
    pub all_operations: bool,
    /// Vendor meaning of enum values, as methods: Rust enum name → method name → the wire
    /// values for which `fn method(&self) -> bool` is true (`is_terminal: [success, failed]`).
    #[serde(default)]
    pub enum_methods: IndexMap<String, IndexMap<String, Vec<serde_json::Value>>>,
    /// Security scheme name → how its secret goes on the wire, when the spec cannot say
    /// (Onfido's `Authorization: Token token=<secret>`).
    #[serde(default)]
    pub auth: IndexMap<String, AuthConfig>,
    /// How the crate's enums and top-level objects map to the common vocabulary of
    /// `kyc-common` (emitted as the crate's `vocabulary` module).
    #[serde(default)]
    pub vocabulary: Option<Vocabulary>,
    /// Path of the `kyc-common` crate as the generated manifest writes it, like `runtime`:
    /// set by the caller; `None` takes [`crate::common_path`] of the layout.
    #[serde(skip)]
    pub common: Option<String>,
    /// The config file as read (set by [`parse`]): errors in its own sections (`vocabulary`,
    /// `enum_methods`) are located in it.
    #[serde(skip)]
    pub file: Option<SourceFile>,
}

/// The `vocabulary:` section: vendor enums mapped to the common enums of `kyc-common`, and
/// where each top-level object keeps what its `VerificationSummary` needs.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// The vendor as summaries name it (`plaid`).
    pub vendor: String,
    /// Vendor enum (its Rust name, after `renames`) → the common enum and the value map.
    #[serde(default)]
    pub enums: IndexMap<String, EnumVocabulary>,
    /// Vendor type (Rust name) → the fields of its summary.
    #[serde(default)]
    pub summaries: IndexMap<String, SummaryFields>,
}

/// One vendor enum's mapping: every value of the enum is either in `values` or `unmapped`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumVocabulary {
    /// `VerificationStatus`, `DocumentType`, `IdNumberType` or `CheckOutcome`.
    pub common: String,
    /// Wire value → common value (`drivers_license: DriversLicense`; for `IdNumberType`,
    /// the scheme and the issuing country: `br_cpf: TaxId(BR)`).
    #[serde(default)]
    pub values: IndexMap<String, String>,
    /// Wire values with no common meaning: they convert to `Other(value)`.
    #[serde(default)]
    pub unmapped: Vec<String>,
}

/// Where a top-level object keeps its summary: dotted paths of fields (wire names) from the
/// object; a list on the way is written `name[last]` or `name[first]`. Where a path is
/// expected, a list of paths may be given: the first that is present counts.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryFields {
    /// The vendor's id of the object (a string field).
    pub id: String,
    /// Enums mapped to `VerificationStatus`; without it (or when the fields are absent) the
    /// status is derived from the checks (`VerificationStatus::from_checks`).
    #[serde(default)]
    pub status: Option<Paths>,
    /// Enums mapped to `DocumentType`.
    #[serde(default)]
    pub document_type: Option<Paths>,
    /// Common check kind (`Document`, `Selfie`, …) → enums mapped to `CheckOutcome`.
    #[serde(default)]
    pub checks: IndexMap<String, Paths>,
    /// Checks that come in separate objects (Onfido's reports of a check): the object also
    /// gets `summary_with_reports(&[Union])`.
    #[serde(default)]
    pub reports: Option<ReportsFields>,
}

/// One path, or several tried in order.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Paths {
    /// A single path.
    One(String),
    /// Paths tried in order; the first present one counts.
    FirstOf(Vec<String>),
}

impl Paths {
    /// The paths in the order they are tried.
    pub fn list(&self) -> Vec<&str> {
        match self {
            Paths::One(p) => vec![p.as_str()],
            Paths::FirstOf(ps) => ps.iter().map(String::as_str).collect(),
        }
    }
}

/// The separate objects that carry a summary's checks: a union whose every variant is a
/// check kind or listed `unmapped` (checked like enum values).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportsFields {
    /// The union type (Rust name).
    pub union: String,
    /// Enums mapped to `CheckOutcome`, from each variant's object.
    pub outcome: Paths,
    /// Union variant (Rust name) → common check kind.
    pub kinds: IndexMap<String, String>,
    /// Variants that are no check of the common vocabulary: left out of summaries.
    #[serde(default)]
    pub unmapped: Vec<String>,
}

/// How one security scheme's header value is made from the secret.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// Text sent before the secret in the header value (`Token token=`).
    #[serde(default)]
    pub prefix: Option<String>,
}

/// One operation chosen in the config: its `operationId`, optionally with a type name.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum OperationPick {
    /// `- operationId`: generated under the type name `naming` makes from the id.
    Id(String),
    /// `- operationId: TypeName`: generated under that type name.
    Renamed(IndexMap<String, String>),
}

impl OperationPick {
    /// `(operationId, rename)` pairs of this entry.
    pub fn pairs(&self) -> Vec<(String, Option<String>)> {
        match self {
            OperationPick::Id(id) => vec![(id.clone(), None)],
            OperationPick::Renamed(m) => m.iter().map(|(k, v)| (k.clone(), Some(v.clone()))).collect(),
        }
    }
}

fn default_version() -> String {
    "0.1.0".into()
}

/// Root schemas: everything they reference comes along. Requests (what the user sends)
/// also get `validate()`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roots {
    /// Schema names the user sends: they and what they reach get `new()` and `validate()`.
    /// With no roots at all, every schema whose name ends in `Request` is one.
    #[serde(default)]
    pub requests: Vec<String>,
    /// Schema names the user receives: they and what they reach are generated for reading.
    #[serde(default)]
    pub responses: Vec<String>,
}

impl Roots {
    /// Whether the config lists no root (then every schema of the spec is generated).
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty() && self.responses.is_empty()
    }
}

/// Webhooks: the vendor's signature scheme, the body fields whose values (joined by `.`)
/// name an event's kind, and each kind's schema. Emitted as the crate's `webhooks` module.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Webhooks {
    /// How the vendor signs deliveries, which picks the runtime verifier the entry point calls.
    pub scheme: WebhookScheme,
    /// Dotted JSON paths of string fields (`type`, `webhook_type`, `payload.action`).
    pub discriminators: Vec<String>,
    /// The spec's callback (an operation's `callbacks` entry) whose JSON body every event
    /// is: that schema becomes a root, and each event must name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback: Option<String>,
    /// Event kind (discriminator values joined by `.`) → schema of the event's object.
    pub events: IndexMap<String, String>,
}

/// How a vendor signs its webhooks (verified by `kycgen-runtime`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WebhookScheme {
    /// `Stripe-Signature`, HMAC-SHA256; the body is an event envelope around `data.object`.
    Stripe,
    /// `Plaid-Verification`, an ES256 JWT; the body is the webhook object itself.
    Plaid,
    /// `X-SHA2-Signature`, hex HMAC-SHA256 of the body keyed with the webhook token; the body
    /// is the event object itself.
    Onfido,
}

/// Where a vendor spec comes from (`source:`): what `update-specs` fetches and checks it against.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinnedSource {
    /// The upstream URL `update-specs` downloads the spec from.
    pub url: String,
    /// The upstream spec's `info.version` when it was last taken (updated by `update-specs`).
    #[serde(default)]
    pub version: Option<String>,
    /// The spec file's sha256 (lower-case hex): generation refuses a file that does not match.
    #[serde(default)]
    pub sha256: Option<String>,
    /// The spec file is a hand-maintained subset of the file at `url`: `update-specs`
    /// reports the upstream drift (in `UPSTREAM.md`) instead of replacing the file.
    #[serde(default)]
    pub subset: bool,
}

/// Parses a vendor config; errors carry the file's line and column.
pub fn parse(file: &SourceFile) -> Result<CrateConfig, Diagnostic> {
    let cfg: CrateConfig = serde_saphyr::from_str(&file.text).map_err(|e| {
        let (line, col) = e.location().map(|l| (l.line() as usize, l.column() as usize)).unwrap_or((0, 0));
        let msg = e.to_string();
        let msg = msg.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().trim_start_matches("error: ");
        Diagnostic::error(file.display.clone(), format!("invalid config: {}", msg.to_lowercase())).at_line(line, col)
    })?;
    let bad_name = cfg.package.is_empty()
        || !cfg.package.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || cfg.package.starts_with(|c: char| c.is_ascii_digit() || c == '-');
    if bad_name {
        return Err(Diagnostic::error(file.display.clone(), format!("invalid crate name `{}`", cfg.package)));
    }
    if cfg.specs.is_empty() {
        return Err(Diagnostic::error(file.display.clone(), "config lists no spec files under `specs`"));
    }
    Ok(CrateConfig { file: Some(file.clone()), ..cfg })
}
