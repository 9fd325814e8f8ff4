//! Speakeasy's TypeScript SDK docs: the Python docs' tables with `*string*`, `*number*`,
//! `*string*[]`, `Record<string, *any*>`, `[Date](…mdn…)`, `[components.X](x.md)[]`, and
//! `| Name | Value |` enum docs whose open enums end in `| - | Unrecognized<string> |`.

use super::{Builtin as B, Dialect, Generic as G};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "speakeasy-typescript",
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
    array_suffix: true,
    sdk_fields: &["additionalProperties"],
    ..super::SPEAKEASY
};
