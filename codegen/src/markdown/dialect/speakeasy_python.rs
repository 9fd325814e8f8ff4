//! Speakeasy's Python SDK docs (`docs/models/components/*.md`):
//! `| Field | Type | Required | Description | Example |` with `:heavy_check_mark:` /
//! `:heavy_minus_sign:`, `*Optional[str]*`, `List[*str*]`, `Dict[str, *Any*]`,
//! `[Optional[components.X]](../../models/components/x.md)`, date-time fields linked as
//! `[date](…python docs…)`, and `| Name | Value |` enum docs.

use super::{Builtin as B, Dialect, FieldNames, Generic as G, Pointer};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "speakeasy-python",
    columns: super::SPEAKEASY_COLUMNS,
    required: super::SPEAKEASY_REQUIRED,
    field_names: FieldNames::Wire,
    prefixes: &[],
    generics: &[
        ("Optional", '[', ']', G::Nullable),
        ("OptionalNullable", '[', ']', G::Nullable),
        ("Nullable", '[', ']', G::Nullable),
        ("List", '[', ']', G::List),
        ("Dict", '[', ']', G::Map),
    ],
    builtins: &[
        ("str", B::String),
        ("int", B::Integer),
        ("float", B::Number),
        ("Decimal", B::NumberFormatted("decimal")),
        ("bool", B::Boolean),
        ("Any", B::Any),
        ("date", B::Formatted("date")),
        ("datetime", B::Formatted("date-time")),
        ("datetime.date", B::Formatted("date")),
        ("datetime.datetime", B::Formatted("date-time")),
    ],
    linked_builtins: &[("date", B::Formatted("date-time"))],
    nullable_names: &[],
    array_suffix: false,
    paren_suffixes: false,
    values: Some(super::SPEAKEASY_VALUES),
    sdk_fields: &["additional_properties"],
    pointer: Pointer::Optional,
    no_description: &["N/A"],
    not_description: &[],
    expandable: None,
    open_end_is_empty_cell: false,
    value_list: None,
};
