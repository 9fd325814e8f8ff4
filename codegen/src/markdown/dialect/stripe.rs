//! Stripe's API reference and SDK docs: `| Field | Type | Required | Description |`, Yes/No,
//! `nullable array of string`, `integer (unix-time)`, `enum: a, b...`,
//! `[x](x.md) (expandable)`, `x[]`.

use super::{Builtin as B, Columns, Dialect, FieldNames, Pointer, Prefix as P, Required};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "stripe",
    columns: Columns {
        name: &["field", "name", "property", "attribute", "parameter"],
        ty: "type",
        description: "description",
        must: &["type"],
    },
    required: Required::Column {
        header: "required",
        yes: &["yes", "true", "required", "✓", "x"],
        no: &["no", "false", "optional", "-", ""],
    },
    field_names: FieldNames::Wire,
    prefixes: &[("nullable ", P::Nullable), ("array of ", P::Array), ("map of ", P::Map), ("enum:", P::Enum)],
    generics: &[],
    builtins: &[
        ("string", B::String),
        ("integer", B::Integer),
        ("number", B::Number),
        ("boolean", B::Boolean),
        ("object", B::FreeForm),
        ("any", B::Any),
    ],
    linked_builtins: &[],
    nullable_names: &[],
    array_suffix: true,
    paren_suffixes: true,
    values: None,
    sdk_fields: &[],
    pointer: Pointer::Optional,
    no_description: &[],
    not_description: &["Type:"],
    expandable: Some("expandable"),
    open_end_is_empty_cell: false,
    value_list: None,
};
