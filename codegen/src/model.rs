//! The lowered model that emission reads: Rust-named types with resolved field types,
//! presence rules, limits, redaction and the dedup decisions made on the way.

use crate::ir::{EnumBase, Limits};
use serde::Serialize;
use serde_json::Value;

/// One generated crate, ready to emit.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Model {
    /// The Cargo package name, from the config (`plaid-idv`).
    pub package: String,
    /// The library's Rust name: `package` with `-` as `_`, as `use` statements and the harness spell it.
    pub lib: String,
    /// The manifest's `description`, from the config.
    pub description: String,
    /// The crate's semver version, from the config (which `update-specs` bumps by drift).
    pub version: String,
    /// Spec files with their sha256, for the `@generated` header.
    pub specs: Vec<SpecRef>,
    /// The spec's `info.title`, quoted in the crate docs.
    pub spec_title: Option<String>,
    /// The spec's `info.version`: the vendor API version the crate was generated from.
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
    /// The security alternatives the operations accept, each a list of `auth` schemes used
    /// together, in first-use order: the first is `credentials()`, each other one a
    /// `credentials_<schemes>()` of its own. Shown in the model snapshot only when there
    /// is a choice.
    #[serde(skip_serializing_if = "crate::model::single")]
    pub credential_sets: Vec<Vec<String>>,
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
    /// Rust name of the source struct (the one with every field of `to`, maybe more).
    pub from: String,
    /// Rust name of the target struct.
    pub to: String,
}

/// One base URL of the spec's `servers`, emitted as a `pub const` of the `operations` module.
#[derive(Clone, Debug, Serialize)]
pub struct ServerDef {
    /// Constant name (`SANDBOX`, from the host's first label).
    pub name: String,
    /// The absolute URL, variables substituted.
    pub url: String,
    /// The server's `description`, as the constant's doc.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One endpoint: a type in the `operations` module implementing `kycgen_runtime::Operation`.
#[derive(Clone, Debug, Serialize)]
pub struct OperationDef {
    /// Rust type name (UpperCamelCase of the `operationId`, or the config's rename).
    pub name: String,
    /// The spec's `operationId`, as written (the config selects by it).
    pub id: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template as written (`/applicants/{applicant_id}`); `params` fill its placeholders.
    pub path: String,
    /// Doc lines of the generated type, from the operation's summary and description.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    /// Path, query and header parameters, each a field of the type (cookies are left out).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<ParamDef>,
    /// The request body, a field named `body`, when the operation takes one.
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

/// One operation parameter as a field of the operation's type.
#[derive(Clone, Debug, Serialize)]
pub struct ParamDef {
    /// Rust field name.
    pub field: String,
    /// The name on the wire (path placeholder, query key or header name).
    pub wire: String,
    /// Where the value goes: path, query or header.
    #[serde(rename = "in")]
    pub location: crate::ir::ParamIn,
    /// Whether the field is required (else it is an `Option` and omitted when `None`).
    pub required: bool,
    /// The serialization style (`form`, `simple`, `deepObject`, …) the runtime encodes it with.
    pub style: String,
    /// Whether arrays and objects are spread over repeated keys.
    pub explode: bool,
    /// The field's Rust type (already `Option` when not required).
    pub ty: Ty,
    /// Length and range limits, checked by the operation's `validate()`.
    #[serde(skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
}

/// An operation's request body as the `body` field of its type.
#[derive(Clone, Debug, Serialize)]
pub struct BodyDef {
    /// The media type the runtime encodes the body as (JSON, form or multipart).
    pub content_type: String,
    /// The body's Rust type.
    pub ty: Ty,
    /// Whether the body is required (else the field is an `Option`).
    pub required: bool,
}

/// Whether a list has at most one entry (nothing to choose from).
fn single<T>(list: &[T]) -> bool {
    list.len() <= 1
}

/// A security scheme turned into an argument of the generated `credentials` function.
#[derive(Clone, Debug, Serialize)]
pub struct AuthDef {
    /// The scheme's name in the spec.
    pub scheme: String,
    /// Rust argument name.
    pub arg: String,
    /// How the credential is applied (header, bearer, basic).
    pub kind: crate::ir::SecurityScheme,
    /// Text before the secret in the header value (the config's `auth.<scheme>.prefix`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

/// A spec file and its digest, printed in every generated file's `@generated` header.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SpecRef {
    /// The file as shown in diagnostics (relative to the spec root).
    pub file: String,
    /// The file's sha256 in lower-case hex, as pinned in the config.
    pub sha256: String,
}

/// One generated Rust type (struct, enum, alias, union or container) and where it came from.
#[derive(Clone, Debug, Serialize)]
pub struct TypeDef {
    /// The Rust type name (UpperCamelCase, unique in the crate; `naming` made it).
    pub name: String,
    /// Where the type comes from: a schema name, or `Schema.prop` for an inline schema.
    pub source: String,
    /// Doc lines of the type, from the schema's title and description.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    /// The schema is `deprecated` (a line in the docs), or the type is an old name kept by `compat` (`#[deprecated]`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// What the type is: its fields, variants or the type it stands for.
    pub body: Body,
    /// Cargo features that compile this type (any of them); empty: always compiled.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// What the type was made from (`source` says where, for people).
    #[serde(skip)]
    pub origin: TypeOrigin,
    /// Which way the type crosses the wire, from the operations and roots that reach it.
    #[serde(skip_serializing_if = "Direction::is_both")]
    pub direction: Direction,
}

/// Plaid's key operation, whose `key` the cached webhook verification fetches and hands
/// to the key cache as JSON: its response is received and written again.
pub const PLAID_KEY_OPERATION: &str = "webhookVerificationKeyGet";

/// Which way a type crosses the wire (`lower/direction.rs`): a type only sent gets no
/// `Deserialize`, and one only received no `Serialize`, unless the generated crate's
/// `deserialize-requests` or `serialize-responses` feature asks for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Sent and received, or reached by no operation or root: both impls, always.
    #[default]
    Both,
    /// Only in requests (a body, a parameter, a request root).
    Sent,
    /// Only in responses, webhook events and response roots.
    Received,
}

impl Direction {
    /// The feature that gives sent types `Deserialize` (for mock servers and tests).
    pub const DESERIALIZE_REQUESTS: &'static str = "deserialize-requests";
    /// The feature that gives received types `Serialize` (to store or forward them).
    pub const SERIALIZE_RESPONSES: &'static str = "serialize-responses";

    /// Both ways: nothing is gated.
    pub fn is_both(&self) -> bool {
        *self == Direction::Both
    }
}

impl Model {
    /// The direction features some type of the crate needs, sorted.
    pub fn serde_features(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self.types.iter().flat_map(|t| [t.deserialize_feature(), t.serialize_feature()]).flatten().collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// What a generated type was made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeOrigin {
    /// A named schema (`source` is its name).
    Schema,
    /// An inline schema inside `owner`.
    Inline {
        /// The named schema, or the operation id, whose inline schema this is.
        owner: String,
    },
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

    /// The feature this type's `Serialize` needs, if it is gated (structs and unions only:
    /// enums and aliases cost nothing to keep).
    pub fn serialize_feature(&self) -> Option<&'static str> {
        (self.direction == Direction::Received && self.has_serde_impls()).then_some(Direction::SERIALIZE_RESPONSES)
    }

    /// The feature this type's `Deserialize` needs, if it is gated.
    pub fn deserialize_feature(&self) -> Option<&'static str> {
        (self.direction == Direction::Sent && self.has_serde_impls()).then_some(Direction::DESERIALIZE_REQUESTS)
    }

    /// The types the type is made of: its fields', its union variants' or its container's
    /// (none for an enum or an alias).
    pub fn tys(&self) -> Vec<&Ty> {
        match &self.body {
            Body::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            Body::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            Body::Container(ty) => vec![ty],
            Body::Enum(_) | Body::Alias(_) => Vec::new(),
        }
    }

    /// The generated types the type names: in its [`TypeDef::tys`], or an alias's target.
    pub fn referenced(&self) -> Vec<&str> {
        let mut out = Vec::new();
        match &self.body {
            Body::Alias(target) => out.push(target.as_str()),
            _ => self.tys().into_iter().for_each(|ty| ty.names(&mut out)),
        }
        out
    }

    fn has_serde_impls(&self) -> bool {
        matches!(self.body, Body::Struct(_) | Body::Union(_))
    }
}

/// The shape of a generated type.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// A struct with named fields (an object schema or an `allOf` merge).
    Struct(StructDef),
    /// An open enum of string or integer values, with a catch-all variant.
    Enum(EnumDef),
    /// Another name for a type (a schema that is only a `$ref`, or an enum deduplicated
    /// into an identical one).
    Alias(String),
    /// An untagged or tagged enum over the members of a `oneOf`/`anyOf`.
    Union(UnionDef),
    /// A schema that is an array or a map: `pub type X = Vec<T>` or a `BTreeMap` alias.
    Container(Ty),
}

/// A struct's fields and whether users send it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct StructDef {
    /// Fields in the schema's property order; names are unique after `naming::dedupe`.
    pub fields: Vec<FieldDef>,
    /// Sent by the user (reachable from a request root): gets `validate()`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub request: bool,
    /// The parameter object `new` takes instead of positional arguments, named by `naming`,
    /// when more than `lower::params::MAX_ARGS` fields are required (`lower/params.rs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<String>,
}

/// One struct field: its Rust and wire names, type, presence rule, docs and limits.
#[derive(Clone, Debug, Serialize)]
pub struct FieldDef {
    /// Rust identifier as emitted (may be raw, `r#type`).
    pub name: String,
    /// The property's key on the wire; a `#[serde(rename)]` is emitted when it differs from `name`.
    pub wire: String,
    /// The Rust type without the presence wrapper (`Option`/`Nullable` follow from `presence`).
    pub ty: Ty,
    /// Whether the field may be absent or null on the wire, which picks its wrapper.
    pub presence: Presence,
    /// Doc lines, from the property's docs, plus a deprecation line when the spec says so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    /// Limits checked by `validate()` on request structs.
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

/// An open enum: the listed values as variants plus a catch-all that keeps any other.
#[derive(Clone, Debug, Serialize)]
pub struct EnumDef {
    /// [`EnumBase::String`] or [`EnumBase::Integer`].
    pub base: EnumBase,
    /// Variants in the spec's value order, names unique in the enum.
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

/// One enum value as a variant.
#[derive(Clone, Debug, Serialize)]
pub struct VariantDef {
    /// The variant's Rust name, made from the value by `naming` (unique in the enum).
    pub name: String,
    /// The value on the wire (a JSON string or integer), as the spec lists it.
    pub wire: Value,
    /// What the value means, from the spec (`x-enum-descriptions`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
}

/// An enum over a union's members, tagged when a property tells them apart.
#[derive(Clone, Debug, Serialize)]
pub struct UnionDef {
    /// The members in the spec's order, each a newtype variant.
    pub variants: Vec<UnionVariant>,
    /// Property that selects the variant: the discriminator, or a property every variant
    /// has as a constant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// With a tag: the variant that keeps a payload whose tag value is not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catch_all: Option<String>,
}

/// One member of a union as a newtype variant.
#[derive(Clone, Debug, Serialize)]
pub struct UnionVariant {
    /// The variant's Rust name (from the member's type name or kind).
    pub name: String,
    /// The member's Rust type, held by the variant.
    pub ty: Ty,
    /// Tag values that select this variant.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A field's Rust type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ty {
    /// `String`.
    String,
    /// `i64` (every integer format but `unix-time`).
    I64,
    /// `f64` (every number format).
    F64,
    /// `bool`.
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
    /// A generated type of the same crate, by Rust name.
    Named(String),
    /// `Box<T>`: a field that would make a recursive type infinitely large.
    Boxed(Box<Ty>),
    /// `Vec<T>`: an array.
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`: an object with arbitrary keys (sorted so output and `Debug` are stable).
    Map(Box<Ty>),
    /// `Option<T>` inside a type: a nullable array item or map value, or an operation's
    /// nullable or optional part (struct fields get theirs from [`Presence`]).
    Option(Box<Ty>),
    /// `kycgen_runtime::Expandable<T>`: an id, or the object it names when expanded.
    Expandable(Box<Ty>),
    /// Personal data the vendor config names: `kycgen_runtime::Pii<T>`, redacted by `Debug`.
    Pii(Box<Ty>),
}

impl Ty {
    /// Calls `f` on this type and every type inside it.
    pub fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Ty)) {
        f(self);
        match self {
            Ty::Boxed(t) | Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Expandable(t) | Ty::Pii(t) => t.visit(f),
            _ => {}
        }
    }

    /// Pushes the generated types this type names (`Ty::Named` anywhere inside it).
    pub fn names<'a>(&'a self, out: &mut Vec<&'a str>) {
        self.visit(&mut |x| {
            if let Ty::Named(n) = x {
                out.push(n);
            }
        });
    }
}
