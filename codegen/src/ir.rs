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
    /// `info.title`, when the OpenAPI document gives one (markdown docs give none: their
    /// heading names the object); the generated crate docs quote it.
    pub title: Option<String>,
    /// `info.version`: the vendor's API version the spec describes, when given.
    pub version: Option<String>,
    /// Named schemas by their name in the spec (`components/schemas` key or markdown heading),
    /// in source order; `Kind::Ref` names point into this map.
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
    /// The base URL with its enumerated variables already substituted.
    pub url: String,
    /// The entry's `description`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The values of the URL's enumerated `variables` this entry was expanded with
    /// (`[eu]` for `https://api.{region}.onfido.com` with `region: eu`), in the URL's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<String>,
    /// Where the entry is written, for diagnostics.
    #[serde(skip)]
    pub origin: Origin,
}

/// One operation of `paths` (method and path), with the component schemas its request
/// and responses refer to.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Operation {
    /// The HTTP method in lower case, as the path item's key (`get`, `post`, …).
    pub method: String,
    /// The path template as written in `paths` (`/applicants/{applicant_id}`).
    pub path: String,
    /// Names of the component schemas the operation refers to anywhere (parameters, body,
    /// responses), in first-seen order: the roots of its resource's Cargo feature.
    pub schemas: Vec<String>,
    /// `operationId`: the name a config's `operations:` selects it by and the emitted method is named from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// `summary` (as title) and `description`.
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    /// Path, query and header parameters (the path item's and the operation's).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// The request body kycgen encodes, when the operation takes one.
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
    /// Where the operation is written (its file and pointer), for diagnostics.
    #[serde(skip)]
    pub origin: Origin,
    /// Problems reading the operation's details; reported when the operation is generated.
    #[serde(skip)]
    pub problems: Vec<crate::diag::Diagnostic>,
}

/// One entry of an operation's `callbacks`: its name and the JSON body of its first request.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Callback {
    /// The callback's (or 3.1 `webhooks` entry's) key: what `webhooks.callback` in a config names.
    pub name: String,
    /// The schema of the JSON body the vendor sends; `None` when the first request has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Schema>,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamIn {
    /// A `{name}` segment of the path template (always required).
    #[default]
    Path,
    /// A query-string parameter.
    Query,
    /// A request header.
    Header,
    /// A cookie; read for drift, not generated (lowering warns that the caller sets it).
    Cookie,
}

/// One operation parameter.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Parameter {
    /// The name on the wire (path placeholder, query key or header name), as written.
    pub name: String,
    /// Where the value goes (`in`).
    #[serde(rename = "in")]
    pub location: ParamIn,
    /// Whether the spec marks it `required` (path parameters always are).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// `form`, `simple`, `deepObject`, … (the location's default when the spec is silent).
    pub style: String,
    /// Whether an array or object is spread over repeated keys (`explode`; `form` style defaults to true).
    pub explode: bool,
    /// The parameter value's schema.
    pub schema: Schema,
}

/// A request body: the media type kycgen encodes it as and its schema.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RequestBody {
    /// The media type kycgen encodes the body as (`application/json`, `multipart/form-data`, …).
    pub content_type: String,
    /// Whether the spec marks the body `required`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// The body's schema under that media type.
    pub schema: Schema,
}

/// One documented response: its status key and the schema of its JSON body, if any.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Response {
    /// The response's key in `responses`: a status code, a range (`4XX`) or `default`.
    pub status: String,
    /// The JSON body's schema; `None` for a response without a JSON body.
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
    /// The spec file as shown in diagnostics (relative to the spec root).
    pub file: String,
    /// A JSON pointer into that file (OpenAPI); empty for markdown, which uses `line`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pointer: String,
    /// The 1-based line in that file (markdown); 0 for OpenAPI, which uses `pointer`.
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
    /// What the value is on the wire.
    pub kind: Kind,
    /// Whether `null` is allowed (`nullable: true`, or `null` among a 3.1 `type` list).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    /// `deprecated: true`: the generated docs say so and drift reports a change of it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// `title` and `description`, the source of the generated doc comment.
    #[serde(skip_serializing_if = "Docs::is_empty")]
    pub docs: Docs,
    /// Length, range and item-count limits, checked by the generated `validate()`.
    #[serde(skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
    /// Keywords the generated code does not act on, as written (`default`, `readOnly`,
    /// `writeOnly`, `multipleOf`, `const`, a boolean `additionalProperties` or one beside
    /// `properties`, `type` on an enum, `format` on a kind without one), so that drift
    /// reports every keyword.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: BTreeMap<String, Value>,
    /// Where the schema is written; the location of every diagnostic about it.
    #[serde(skip)]
    pub origin: Origin,
}

/// The human-readable parts of a node, kept as written (docs are sanitized when emitted,
/// not when read).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Docs {
    /// `title` (an operation's `summary`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description`, markdown as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Docs {
    /// Whether neither a title nor a description was given.
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.description.is_none()
    }
}

/// Validation limits as the spec states them. Carried into docs and `validate()`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Limits {
    /// `minLength` of a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// `maxLength` of a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// `pattern`: a regular expression a string must match, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// `minimum` of a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    /// `maximum` of a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    /// Whether `minimum` is exclusive (3.0's boolean `exclusiveMinimum`, or 3.1's number form read into `minimum`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_minimum: bool,
    /// Whether `maximum` is exclusive (3.0's boolean `exclusiveMaximum`, or 3.1's number form read into `maximum`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive_maximum: bool,
    /// `minItems` of an array.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// `maxItems` of an array.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// `uniqueItems: true` on an array.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unique_items: bool,
}

impl Limits {
    /// Whether no limit is set (nothing for `validate()` to check).
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
    /// A JSON string.
    String {
        /// `format` (`date-time`, `date`, `binary`, …), which picks the Rust type where one fits.
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// A JSON integer.
    Integer {
        /// `format` (`int32`, `int64`, `unix-time`, …), which picks the Rust integer type.
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// A JSON number.
    Number {
        /// `format` (`float`, `double`, …), kept for drift; numbers are generated as `f64`.
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// `true` or `false`.
    Boolean,
    /// A closed list of values on the wire; generated as an open enum.
    Enum(Enum),
    /// A JSON array of items of one schema.
    Array(Box<Schema>),
    /// A JSON object with declared properties.
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

/// A closed list of JSON values (`enum`), with their type and meanings.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Enum {
    /// The JSON type of the values.
    pub base: EnumBase,
    /// The allowed values in source order; each becomes a variant.
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
    /// `type: string`, or every value a string: a string-based open enum.
    #[default]
    String,
    /// `type: integer`, or every value an integer: an integer-based open enum.
    Integer,
    /// `type: number`, or every value a number and some not integers: used as `f64`.
    Number,
    /// `type: boolean`, or every value `true` or `false`: used as `bool`.
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

/// An object's declared properties (and names it requires without declaring).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Object {
    /// The properties in source order; each becomes a struct field.
    pub properties: Vec<Property>,
    /// Names this object requires without defining them: an `allOf` member that only
    /// marks another member's properties required (`{required: [id]}`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
}

/// One property of an object.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Property {
    /// The property's key on the wire, as written; `naming` makes the field name from it.
    pub name: String,
    /// Whether the object lists it in `required` (a required field is not an `Option`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// The property value's schema.
    pub schema: Schema,
}

/// The members of a `oneOf` or `anyOf`, with the discriminator when there is one.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Union {
    /// The member schemas in source order; each becomes a variant of the generated enum.
    pub variants: Vec<Schema>,
    /// Property whose value selects the variant, with value → variant index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
    /// Spelled `anyOf` (else `oneOf`); generated the same, kept for drift paths.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub any_of: bool,
}

/// A union's `discriminator`: which property tells the members apart.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tag {
    /// The `propertyName`: the property whose value selects the member.
    pub property: String,
    /// Discriminator value → index in `Union::variants`, from `mapping` or, without one, each
    /// `$ref` member's schema name as its value.
    pub mapping: Vec<(String, usize)>,
}
