//! Speakeasy's Go SDK docs: the Python docs' tables, fields named by their Go identifiers
//! (`ClientUserID`), types `*string*`, `**string*` (a pointer), `[]*string*`,
//! `map[string]*any*`, `[time.Time](…pkg.go.dev…)`, `[*components.X](x.md)`,
//! `[][components.X](x.md)`. A required field that is a pointer is nullable.

use super::{Builtin as B, Dialect, FieldNames, Pointer, Prefix as P};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "speakeasy-go",
    field_names: FieldNames::Go,
    prefixes: &[("*", P::Pointer), ("[]", P::Array), ("map[", P::KeyedMap)],
    builtins: &[
        ("string", B::String),
        ("int", B::Integer),
        ("int32", B::IntegerFormatted("int32")),
        ("int64", B::IntegerFormatted("int64")),
        ("float32", B::NumberFormatted("float")),
        ("float64", B::NumberFormatted("double")),
        ("bool", B::Boolean),
        ("any", B::Any),
        ("interface{}", B::Any),
        ("time.Time", B::Formatted("date-time")),
        ("types.Date", B::Formatted("date")),
    ],
    sdk_fields: &["AdditionalProperties"],
    pointer: Pointer::NullableWhenRequired,
    ..super::SPEAKEASY
};
