//! The lowered model that emission reads: Rust-named types with resolved field types,
//! presence rules, limits, redaction and the dedup decisions made on the way.

use crate::ir::{EnumBase, Limits};
use serde::Serialize;
use serde_json::Value;

/// One generated crate, ready to emit.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Model {
    pub package: String,
    pub lib: String,
    pub description: String,
    pub version: String,
    /// Spec files with their sha256, for the `@generated` header.
    pub specs: Vec<SpecRef>,
    pub spec_title: Option<String>,
    pub spec_version: Option<String>,
    /// Types sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Adds an empty `[workspace]` table so the crate builds outside any workspace.
    pub standalone: bool,
    /// Path of the `kycgen-runtime` crate in the manifest's dependency (relative inside the
    /// workspace, absolute for standalone crates). Not part of the model snapshot.
    #[serde(skip)]
    pub runtime: String,
    /// Per-resource Cargo features (whole-spec crates with `paths`); `full` enables all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// The vendor config's webhooks, for the `webhooks` module.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhooks: Option<crate::config::Webhooks>,
    /// Endpoints the config selects, for the `operations` module.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<OperationDef>,
    /// Credentials the operations use: security schemes in first-use order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub auth: Vec<AuthDef>,
    /// Absolute base URLs of the spec's `servers`, as constants of the `operations` module.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<ServerDef>,
    /// The checked `vocabulary:` section, for the `vocabulary` module and the table. Not
    /// part of the model snapshot.
    #[serde(skip)]
    pub vocabulary: Option<crate::vocabulary::Plan>,
    /// Path of the `kyc-common` crate in the manifest's dependency, like `runtime`.
    #[serde(skip)]
    pub common: String,
    /// `impl From<from> for to` between structs of one shape (`lower/conversions.rs` has the
    /// rule), sorted by target then source.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conversions: Vec<Conversion>,
    /// The config's response roots, as Rust names: what users receive (crate docs).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub received: Vec<String>,
    /// The config's request roots, as Rust names: what users send.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sent: Vec<String>,
}

/// One generated `impl From<from> for to`: every field of `to` is a field of `from`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conversion {
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ServerDef {
    /// Constant name (`SANDBOX`, from the host's first label).
    pub name: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One endpoint: a type in the `operations` module implementing `kycgen_runtime::Operation`.
#[derive(Clone, Debug, Serialize)]
pub struct OperationDef {
    /// Rust type name (UpperCamelCase of the `operationId`, or the config's rename).
    pub name: String,
    pub id: String,
    /// Upper-case HTTP method.
    pub method: String,
    pub path: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<ParamDef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyDef>,
    /// Type of the success body (`serde_json::Value` when the spec gives none).
    pub response: Ty,
    /// Documented success statuses; `2` stands for `2XX`.
    pub success: Vec<u16>,
    /// The vendor's error object (`serde_json::Value` when the spec gives none).
    pub error: Ty,
    /// Documented statuses whose body is `error`; `4` stands for `4XX`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<u16>,
    /// A `default` response carries `error`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub default_error: bool,
    /// The Cargo feature of its resource (whole-spec crates with per-resource features):
    /// the operation compiles with that feature only, as the types it uses do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ParamDef {
    /// Rust field name.
    pub field: String,
    pub wire: String,
    #[serde(rename = "in")]
    pub location: crate::ir::ParamIn,
    pub required: bool,
    pub style: String,
    pub explode: bool,
    pub ty: Ty,
    /// Length and range limits, checked by the operation's `validate()`.
    #[serde(skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyDef {
    pub content_type: String,
    pub ty: Ty,
    pub required: bool,
}

/// A security scheme turned into an argument of the generated `credentials` function.
#[derive(Clone, Debug, Serialize)]
pub struct AuthDef {
    /// The scheme's name in the spec.
    pub scheme: String,
    /// Rust argument name.
    pub arg: String,
    pub kind: crate::ir::SecurityScheme,
    /// Text before the secret in the header value (the config's `auth.<scheme>.prefix`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct SpecRef {
    pub file: String,
    pub sha256: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TypeDef {
    pub name: String,
    /// Where the type comes from: a schema name, or `Schema.prop` for an inline schema.
    pub source: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    pub body: Body,
    /// Cargo features that compile this type (any of them); empty: always compiled.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// What the type was made from (`source` says where, for people).
    #[serde(skip)]
    pub origin: TypeOrigin,
}

/// What a generated type was made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeOrigin {
    /// A named schema (`source` is its name).
    Schema,
    /// An inline schema inside `owner`: a named schema, or an operation (by id).
    Inline { owner: String },
    /// The old name of a renamed schema, kept as a deprecated alias (`compat: true`).
    OldName,
}

impl TypeDef {
    /// The named schema or operation the type belongs to (none for an old name).
    pub fn owner(&self) -> Option<&str> {
        match &self.origin {
            TypeOrigin::Schema => Some(&self.source),
            TypeOrigin::Inline { owner } => Some(owner),
            TypeOrigin::OldName => None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Struct(StructDef),
    Enum(EnumDef),
    /// Another name for a type (a schema that is only a `$ref`, or an enum deduplicated
    /// into an identical one).
    Alias(String),
    Union(UnionDef),
    /// A schema that is an array or a map: `pub type X = Vec<T>` or a `BTreeMap` alias.
    Container(Ty),
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct StructDef {
    pub fields: Vec<FieldDef>,
    /// Sent by the user (reachable from a request root): gets `validate()`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub request: bool,
    /// The parameter object `new` takes instead of positional arguments, named by `naming`,
    /// when more than `lower::params::MAX_ARGS` fields are required (`lower/params.rs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldDef {
    /// Rust identifier as emitted (may be raw, `r#type`).
    pub name: String,
    pub wire: String,
    pub ty: Ty,
    pub presence: Presence,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    #[serde(skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
}

/// How a field may appear on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Present and not null: `T`.
    Required,
    /// May be absent, never null: `Option<T>`, omitted when `None`.
    Optional,
    /// Always present, may be null: `Option<T>` that must be present.
    RequiredNullable,
    /// May be absent or null, kept apart: `Nullable<T>`.
    OptionalNullable,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumDef {
    /// [`EnumBase::String`] or [`EnumBase::Integer`].
    pub base: EnumBase,
    pub variants: Vec<VariantDef>,
    /// Name of the variant that keeps values the spec does not list.
    pub catch_all: String,
    /// The spec listed only some values (`a, b, c...`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// Every inline enum of the same component that was found identical and shares this
    /// type (named schemas always have a type of their own).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_by: Vec<String>,
    /// The vendor config's `enum_methods` for this enum: `fn name(&self) -> bool`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<EnumMethod>,
}

/// A predicate on an enum's values, from the vendor config (`is_terminal`).
#[derive(Clone, Debug, Serialize)]
pub struct EnumMethod {
    /// Method name (snake_case).
    pub name: String,
    /// Names of the variants for which it is true, in the enum's order.
    pub variants: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct VariantDef {
    pub name: String,
    pub wire: Value,
    /// What the value means, from the spec (`x-enum-descriptions`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnionDef {
    pub variants: Vec<UnionVariant>,
    /// Property that selects the variant: the discriminator, or a property every variant
    /// has as a constant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// With a tag: the variant that keeps a payload whose tag value is not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catch_all: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnionVariant {
    pub name: String,
    pub ty: Ty,
    /// Tag values that select this variant.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A field's Rust type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ty {
    String,
    I64,
    F64,
    Bool,
    /// `jiff::civil::Date`
    Date,
    /// `jiff::Timestamp`
    DateTime,
    /// Seconds since the epoch, as `UnixTime`.
    UnixTime,
    /// A `format: binary` string in a request: `kycgen_runtime::FileUpload`, sent as a
    /// `multipart/form-data` part.
    File,
    /// `serde_json::Value`
    Json,
    Named(String),
    Boxed(Box<Ty>),
    Vec(Box<Ty>),
    Map(Box<Ty>),
    Option(Box<Ty>),
    Expandable(Box<Ty>),
    /// Personal data the vendor config names: `kycgen_runtime::Pii<T>`, redacted by `Debug`.
    Pii(Box<Ty>),
}

impl Ty {
    /// Calls `f` on this type and every type inside it.
    pub fn visit(&self, f: &mut impl FnMut(&Ty)) {
        f(self);
        match self {
            Ty::Boxed(t) | Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Expandable(t) | Ty::Pii(t) => t.visit(f),
            _ => {}
        }
    }
}
