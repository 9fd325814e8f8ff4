//! Markdown dialects as declared data: each file under `dialect/` says, for one docs
//! generator, which table headers it writes, how a row says a field is required, how it
//! spells types (built-in names, generics, prefixes and suffixes) and how it names fields.
//! The reader ([`super::schema`], [`super::types`]) knows no dialect; it reads with one of
//! these, the first in [`ALL`] that reads a doc best ([`super::schema`] decides).

mod openapi_generator_go;
mod openapi_generator_java;
mod speakeasy_go;
mod speakeasy_python;
mod speakeasy_typescript;
mod stripe;

/// Every dialect, in the order ties are broken in.
pub(super) const ALL: &[&Dialect] = &[
    &stripe::DIALECT,
    &speakeasy_python::DIALECT,
    &speakeasy_typescript::DIALECT,
    &speakeasy_go::DIALECT,
    &openapi_generator_java::DIALECT,
    &openapi_generator_go::DIALECT,
];

/// What Speakeasy's SDK docs write in every target language: `| Field | Type | Required |
/// Description | Example |` tables with emoji-shortcode required markers, `N/A` for no
/// description, and `| Name | Value |` enum docs whose open enums end in an
/// `Unrecognized<string>` row. Each target's file adds its type spellings.
const SPEAKEASY: Dialect = Dialect {
    name: "speakeasy",
    columns: Columns { name: &["field"], ty: "type", description: "description", must: &["field", "type"] },
    required: Required::Column { header: "required", yes: &[":heavy_check_mark:", "✔", "✔\u{fe0f}"], no: &[":heavy_minus_sign:", "➖", ""] },
    values: Some(Values { name: "name", value: "value", catch_all: "Unrecognized<", catch_all_name: "-" }),
    no_description: &["N/A"],
    ..NOTHING
};

/// What openapi-generator's model docs write in every target language: `| Name | Type |
/// Description | Notes |` tables with `[optional]` in Notes (rows written `a | b | c | `,
/// the last cell empty), and `## Enum` lists of `` `NAME` (value: `"x"`) `` items.
const GENERATOR: Dialect = Dialect {
    name: "openapi-generator",
    columns: Columns { name: &["name"], ty: "type", description: "description", must: &["name", "type", "notes"] },
    required: Required::Notes { header: "notes", optional: "[optional]" },
    value_list: Some(ValueList { heading: "enum", value: "(value: " }),
    open_end_is_empty_cell: true,
    ..NOTHING
};

/// A dialect that reads nothing: what the others start from.
const NOTHING: Dialect = Dialect {
    name: "",
    columns: Columns { name: &[], ty: "type", description: "description", must: &["\u{0}"] },
    required: Required::Column { header: "required", yes: &[], no: &[] },
    field_names: FieldNames::Wire,
    prefixes: &[],
    generics: &[],
    builtins: &[],
    linked_builtins: &[],
    nullable_names: &[],
    array_suffix: false,
    paren_suffixes: false,
    values: None,
    value_list: None,
    meanings: None,
    sdk_fields: &[],
    pointer: Pointer::Optional,
    no_description: &[],
    not_description: &[],
    expandable: None,
    open_end_is_empty_cell: false,
};

/// One docs generator's way of writing object docs.
#[derive(Debug)]
pub(super) struct Dialect {
    pub name: &'static str,
    /// Header names of a field table (compared lower-case).
    pub columns: Columns,
    pub required: Required,
    pub field_names: FieldNames,
    /// Spellings before a type (`nullable `, `*`, `[]`, `Pointer to `), tried in order.
    pub prefixes: &'static [(&'static str, Prefix)],
    /// Generic types: name, opening and closing bracket, meaning.
    pub generics: &'static [(&'static str, char, char, Generic)],
    /// Built-in type names.
    pub builtins: &'static [(&'static str, Builtin)],
    /// Names that mean something else inside a link to a web page (Speakeasy's Python docs
    /// link date-time fields as `[date](…python docs…)`); other built-ins keep their meaning.
    pub linked_builtins: &'static [(&'static str, Builtin)],
    /// Type names that are a built-in made nullable (`NullableString` → `string`).
    pub nullable_names: &'static [(&'static str, &'static str)],
    /// `T[]` is an array of `T`.
    pub array_suffix: bool,
    /// `T (format)` and `[x](x.md) (expandable)`.
    pub paren_suffixes: bool,
    /// The value table of an enum doc, if the dialect writes them.
    pub values: Option<Values>,
    /// The value list of an enum doc, if the dialect writes them.
    pub value_list: Option<ValueList>,
    /// Tables of what each value of a field's enum means, if the dialect writes them.
    pub meanings: Option<Meanings>,
    /// Fields the SDK adds for what the schema leaves open (Speakeasy's
    /// `additional_properties`): not properties on the wire.
    pub sdk_fields: &'static [&'static str],
    /// What a pointer prefix says about a field.
    pub pointer: Pointer,
    /// Description cells that say there is none (Speakeasy's `N/A`).
    pub no_description: &'static [&'static str],
    /// Paragraphs under the title that start with one of these state the kind of object,
    /// not its description (Stripe's `**Type:** object`).
    pub not_description: &'static [&'static str],
    /// The suffix that makes a linked object expandable (Stripe's `(expandable)`).
    pub expandable: Option<&'static str>,
    /// A row without a leading pipe that ends in `| ` has an empty last cell, not a missing
    /// one: openapi-generator's `{{name}} | {{type}} | {{description}} | {{notes}}` rows.
    pub open_end_is_empty_cell: bool,
}

#[derive(Debug)]
pub(super) struct Columns {
    /// The field-name column: any of these.
    pub name: &'static [&'static str],
    pub ty: &'static str,
    pub description: &'static str,
    /// Columns that must be present for a table to be in this dialect.
    pub must: &'static [&'static str],
}

/// How a row says whether its field is required.
#[derive(Debug)]
pub(super) enum Required {
    /// A column of markers; a table without the column has optional fields only.
    Column { header: &'static str, yes: &'static [&'static str], no: &'static [&'static str] },
    /// A notes column in which this marker makes the field optional; without it, required.
    Notes { header: &'static str, optional: &'static str },
}

/// What the Field column holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum FieldNames {
    /// The names on the wire.
    Wire,
    /// The SDK's Go identifiers (`ClientUserID`): the wire name is not in the docs.
    Go,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Prefix {
    /// The type that follows, nullable.
    Nullable,
    /// An array of the type that follows.
    Array,
    /// A map from strings to the type that follows.
    Map,
    /// A map with its key type in brackets before the value type: `map[string]T`.
    KeyedMap,
    /// `enum: a, b, c` to the end of the cell.
    Enum,
    /// A pointer to the type that follows ([`Pointer`] says what it means).
    Pointer,
}

/// What a pointer to a type says about the field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Pointer {
    /// Nothing: optional fields are pointers (openapi-generator's Go docs, which write
    /// nullable types as `NullableString`).
    Optional,
    /// A required field that is a pointer is nullable (Speakeasy's Go docs).
    NullableWhenRequired,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Generic {
    Nullable,
    List,
    Set,
    /// Two arguments, the first a string key.
    Map,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Builtin {
    String,
    /// A string with this format (`date`, `date-time`, `uuid`).
    Formatted(&'static str),
    Integer,
    /// An integer with this format (`int32`, `int64`).
    IntegerFormatted(&'static str),
    Number,
    /// A number with this format (`decimal`, `double`).
    NumberFormatted(&'static str),
    Boolean,
    /// An object with any keys: a map of anything.
    FreeForm,
    Any,
}

/// An enum doc's value table (`| Name | Value |`).
#[derive(Debug)]
pub(super) struct Values {
    pub name: &'static str,
    pub value: &'static str,
    /// Rows whose value starts with this are the SDK's catch-all, not a value.
    pub catch_all: &'static str,
    /// Rows with this name are the catch-all too.
    pub catch_all_name: &'static str,
}

/// What the values of one field's enum mean: a `| Value | Meaning |` table under a heading
/// that names the field (`### \`status\``, `### \`document.type\`` for a nested one).
#[derive(Debug)]
pub(super) struct Meanings {
    /// The value column's header (compared lower-case).
    pub value: &'static str,
    /// The meaning column's header (compared lower-case).
    pub meaning: &'static str,
}

/// An enum doc's value list: `* \`ACTIVE\` (value: \`"active"\`)` under `## Enum`.
#[derive(Debug)]
pub(super) struct ValueList {
    /// The heading the list sits under (compared lower-case).
    pub heading: &'static str,
    /// What comes before the value in an item; the value runs to the item's last `)`.
    pub value: &'static str,
}

impl Dialect {
    pub fn builtin(&self, name: &str, in_web_link: bool) -> Option<Builtin> {
        let find = |list: &[(&str, Builtin)]| list.iter().find(|(n, _)| *n == name).map(|(_, b)| *b);
        in_web_link.then(|| find(self.linked_builtins)).flatten().or_else(|| find(self.builtins))
    }

    pub fn generic(&self, name: &str, open: char) -> Option<(char, Generic)> {
        self.generics.iter().find(|(n, o, _, _)| *n == name && *o == open).map(|(_, _, c, g)| (*c, *g))
    }

    /// Whether `name` followed by `open` starts a generic of this dialect.
    pub fn opens_generic(&self, open: char) -> bool {
        self.generics.iter().any(|(_, o, _, _)| *o == open)
    }

    pub fn nullable_name(&self, name: &str) -> Option<&'static str> {
        self.nullable_names.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
    }

    pub fn is_sdk_field(&self, name: &str) -> bool {
        self.sdk_fields.contains(&name)
    }

    /// The object's description: the paragraphs under the title that are one.
    pub fn description(&self, paragraphs: &[String]) -> Option<String> {
        let kept: Vec<&str> =
            paragraphs.iter().map(String::as_str).filter(|p| !self.not_description.iter().any(|s| p.starts_with(s))).collect();
        (!kept.is_empty()).then(|| kept.join("\n\n"))
    }
}

/// Whether any dialect declares `name` a field its SDK adds (see [`Dialect::sdk_fields`]).
pub(super) fn any_sdk_field(name: &str) -> bool {
    ALL.iter().any(|d| d.is_sdk_field(name))
}
