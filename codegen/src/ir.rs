//! The intermediate representation every reader produces: named schemas with their wire
//! names, docs, nullability, limits and the place in the source they came from.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One parsed spec: its named schemas in source order.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Spec {
    /// Spec files as shown in diagnostics and the `@generated` header.
    pub files: Vec<String>,
    pub title: Option<String>,
    pub version: Option<String>,
    pub schemas: IndexMap<String, Schema>,
    /// The API's operations and the named schemas each uses, for per-resource features.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Operation>,
    /// `components/securitySchemes` by name.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub security_schemes: IndexMap<String, SecurityScheme>,
    /// The document's `security`: alternatives, each a list of scheme names used together.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<Vec<String>>,
    /// The document's `servers`: base URLs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// The document's `webhooks` (OpenAPI 3.1): requests the vendor sends, like callbacks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub webhooks: Vec<Callback>,
}

/// One entry of `servers`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Server {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The values of the URL's enumerated `variables` this entry was expanded with
    /// (`[eu]` for `https://api.{region}.onfido.com` with `region: eu`), in the URL's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// One operation of `paths` (method and path), with the component schemas its request
/// and responses refer to.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub schemas: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    /// Path, query and header parameters (the path item's and the operation's).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<RequestBody>,
    /// Responses by status (`200`, `4XX`, `default`) in spec order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    /// The operation's own `security`, when it has one (else the document's applies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<Vec<String>>>,
    /// The operation's `callbacks`: requests the vendor sends back (Onfido's webhook
    /// deliveries), by callback name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub callbacks: Vec<Callback>,
    #[serde(skip)]
    pub origin: Origin,
    /// Problems reading the operation's details; reported when the operation is generated.
    #[serde(skip)]
    pub problems: Vec<crate::diag::Diagnostic>,
}

/// One entry of an operation's `callbacks`: its name and the JSON body of its first request.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Callback {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Schema>,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamIn {
    #[default]
    Path,
    Query,
    Header,
    Cookie,
}

/// One operation parameter.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: ParamIn,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// `form`, `simple`, `deepObject`, … (the location's default when the spec is silent).
    pub style: String,
    pub explode: bool,
    pub schema: Schema,
}

/// A request body: the media type kycgen encodes it as and its schema.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RequestBody {
    pub content_type: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    pub schema: Schema,
}

/// One documented response: its status key and the schema of its JSON body, if any.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Response {
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
}

/// A `securitySchemes` entry as far as requests need it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecurityScheme {
    /// `apiKey` in a header, with the header name.
    Header(String),
    /// `http` with `scheme: bearer`.
    Bearer,
    /// `http` with `scheme: basic`.
    Basic,
    /// Anything else (query keys, cookies, OAuth): named, not applied.
    Other(String),
}

/// Where a node came from: a file and a JSON pointer (OpenAPI) or line (markdown).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Origin {
    pub file: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pointer: String,
    #[serde(skip_serializing_if = "is_zero")]
    pub line: usize,
}

impl Origin {
    /// Points a diagnostic at this node: its line (markdown) or JSON pointer (OpenAPI).
    pub fn locate(&self, d: crate::diag::Diagnostic) -> crate::diag::Diagnostic {
        if self.line > 0 {
            d.at_line(self.line, 1)
        } else {
            d.at_pointer(self.pointer.clone())
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A schema: a kind plus what every kind can carry.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Schema {
    pub kind: Kind,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    #[serde(skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
    /// Keywords the generated code does not act on, as written (`default`, `readOnly`,
    /// `writeOnly`, `multipleOf`, `const`, a boolean `additionalProperties` or one beside
    /// `properties`, `type` on an enum, `format` on a kind without one), so that drift
    /// reports every keyword.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: BTreeMap<String, Value>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Docs {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Docs {
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.description.is_none()
    }
}

/// Validation limits as the spec states them. Carried into docs and `validate()`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Limits {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_minimum: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_maximum: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unique_items: bool,
}

impl Limits {
    pub fn is_empty(&self) -> bool {
        *self == Limits::default()
    }

    /// Limits of `self`, with any unset one taken from `other` (a `$ref` target's).
    pub fn or(&self, other: &Limits) -> Limits {
        Limits {
            min_length: self.min_length.or(other.min_length),
            max_length: self.max_length.or(other.max_length),
            pattern: self.pattern.clone().or_else(|| other.pattern.clone()),
            minimum: self.minimum.or(other.minimum),
            maximum: self.maximum.or(other.maximum),
            exclusive_minimum: self.exclusive_minimum || (self.minimum.is_none() && other.exclusive_minimum),
            exclusive_maximum: self.exclusive_maximum || (self.maximum.is_none() && other.exclusive_maximum),
            min_items: self.min_items.or(other.min_items),
            max_items: self.max_items.or(other.max_items),
            unique_items: self.unique_items || other.unique_items,
        }
    }
}

/// What a value is on the wire.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Arbitrary JSON (an empty schema, `any`).
    #[default]
    Any,
    /// A named schema of the same spec.
    Ref(String),
    String {
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    Integer {
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    Number {
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    Boolean,
    /// A closed list of values on the wire; generated as an open enum.
    Enum(Enum),
    Array(Box<Schema>),
    Object(Object),
    /// An object with arbitrary keys and values of one schema.
    Map(Box<Schema>),
    /// Stripe's expandable field: an id string, or the object it names when expanded.
    Expandable(Box<Schema>),
    /// One of several schemas (`oneOf`/`anyOf`).
    Union(Union),
    /// All of several schemas at once (`allOf` with more than one object member); lowering
    /// merges their properties.
    AllOf(Vec<Schema>),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Enum {
    /// The JSON type of the values.
    pub base: EnumBase,
    pub values: Vec<Value>,
    /// The list in the source was cut short (`a, b, c...`): values beyond it exist.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// What each value means, by its text (`x-enum-descriptions` in our specs): the variant's
    /// doc comment.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub meanings: std::collections::BTreeMap<String, String>,
}

/// The JSON type of an enum's values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumBase {
    #[default]
    String,
    Integer,
    Number,
    Boolean,
    /// Values of more than one type (or not of the declared one): any JSON value.
    Mixed,
}

impl EnumBase {
    /// The JSON type as the spec spells it (`string`, …; `mixed` for several).
    pub fn as_str(self) -> &'static str {
        match self {
            EnumBase::String => "string",
            EnumBase::Integer => "integer",
            EnumBase::Number => "number",
            EnumBase::Boolean => "boolean",
            EnumBase::Mixed => "mixed",
        }
    }

    /// The base a spec's `type` names, if it is one an enum can have.
    pub fn from_type(name: &str) -> Option<Self> {
        [EnumBase::String, EnumBase::Integer, EnumBase::Number, EnumBase::Boolean].into_iter().find(|b| b.as_str() == name)
    }

    /// Whether `v` is a value of this type (every value fits `Mixed`).
    pub fn fits(self, v: &Value) -> bool {
        match self {
            EnumBase::String => v.is_string(),
            EnumBase::Integer => v.is_i64() || v.is_u64(),
            EnumBase::Number => v.is_number(),
            EnumBase::Boolean => v.is_boolean(),
            EnumBase::Mixed => true,
        }
    }

    /// Whether generated code has an enum type for it (strings and integers do; the others
    /// are used as `f64`, `bool` or JSON values).
    pub fn has_type(self) -> bool {
        matches!(self, EnumBase::String | EnumBase::Integer)
    }
}

impl std::fmt::Display for EnumBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Object {
    pub properties: Vec<Property>,
    /// Names this object requires without defining them: an `allOf` member that only
    /// marks another member's properties required (`{required: [id]}`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Property {
    pub name: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    pub schema: Schema,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Union {
    pub variants: Vec<Schema>,
    /// Property whose value selects the variant, with value → variant index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
    /// Spelled `anyOf` (else `oneOf`); generated the same, kept for drift paths.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub any_of: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tag {
    pub property: String,
    pub mapping: Vec<(String, usize)>,
}
