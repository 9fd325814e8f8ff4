//! Speakeasy's Python SDK docs (`docs/models/components/*.md`):
//! `| Field | Type | Required | Description | Example |` with `:heavy_check_mark:` /
//! `:heavy_minus_sign:`, `*Optional[str]*`, `List[*str*]`, `Dict[str, *Any*]`,
//! `[Optional[components.X]](../../models/components/x.md)`, date-time fields linked as
//! `[date](…python docs…)`, and `| Name | Value |` enum docs.

use super::{Builtin as B, Dialect, Generic as G};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "speakeasy-python",
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
    sdk_fields: &["additional_properties"],
    ..super::SPEAKEASY
};
