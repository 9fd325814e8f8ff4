//! Stripe's API reference and SDK docs: `| Field | Type | Required | Description |`, Yes/No,
//! `nullable array of string`, `integer (unix-time)`, `enum: a, b...`,
//! `[x](x.md) (expandable)`, `x[]`; what an enum's values mean in a `| Value | Meaning |`
//! table under a heading naming the field.

use super::{Builtin as B, Columns, Dialect, Meanings, Prefix as P, Required};

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
    prefixes: &[("nullable ", P::Nullable), ("array of ", P::Array), ("map of ", P::Map), ("enum:", P::Enum)],
    builtins: &[
        ("string", B::String),
        ("integer", B::Integer),
        ("number", B::Number),
        ("boolean", B::Boolean),
        ("object", B::FreeForm),
        ("any", B::Any),
    ],
    array_suffix: true,
    paren_suffixes: true,
    not_description: &["Type:"],
    expandable: Some("expandable"),
    meanings: Some(Meanings { value: "value", meaning: "meaning" }),
    ..super::NOTHING
};
