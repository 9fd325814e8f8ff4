//! Speakeasy's TypeScript SDK docs: the Python docs' tables with `*string*`, `*number*`,
//! `*string*[]`, `Record<string, *any*>`, `[Date](…mdn…)`, `[components.X](x.md)[]`, and
//! `| Name | Value |` enum docs whose open enums end in `| - | Unrecognized<string> |`.

use super::{Builtin as B, Dialect, FieldNames, Generic as G, Pointer};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "speakeasy-typescript",
    columns: super::SPEAKEASY_COLUMNS,
    required: super::SPEAKEASY_REQUIRED,
    field_names: FieldNames::Wire,
    prefixes: &[],
    generics: &[("Record", '<', '>', G::Map), ("Array", '<', '>', G::List)],
    builtins: &[
        ("string", B::String),
        ("number", B::Number),
        ("bigint", B::Integer),
        ("boolean", B::Boolean),
        ("any", B::Any),
        ("unknown", B::Any),
        ("Date", B::Formatted("date-time")),
        ("RFCDate", B::Formatted("date")),
    ],
    linked_builtins: &[],
    nullable_names: &[],
    array_suffix: true,
    paren_suffixes: false,
    values: Some(super::SPEAKEASY_VALUES),
    sdk_fields: &["additionalProperties"],
    pointer: Pointer::Optional,
    no_description: &["N/A"],
    not_description: &[],
    expandable: None,
    open_end_is_empty_cell: false,
    value_list: None,
};
