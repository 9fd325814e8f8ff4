//! openapi-generator's (and swagger-codegen's) Go model docs: the Java docs' table with
//! fields named by their Go identifiers (`**ClientUserId**`), `Pointer to **string**` for
//! optional fields, `**[]string**`, `**map[string]interface{}**`, `**time.Time**`,
//! `[**[]X**](X.md)`, `**NullableString**` for nullable ones, and `[optional]`,
//! `[default to null]`, `[readonly]` in Notes.

use super::{Builtin as B, Dialect, FieldNames, Prefix as P};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "openapi-generator-go",
    field_names: FieldNames::Go,
    prefixes: &[("Pointer to ", P::Pointer), ("*", P::Pointer), ("[]", P::Array), ("map[", P::KeyedMap)],
    builtins: &[
        ("string", B::String),
        ("int32", B::IntegerFormatted("int32")),
        ("int64", B::IntegerFormatted("int64")),
        ("float32", B::NumberFormatted("float")),
        ("float64", B::NumberFormatted("double")),
        ("bool", B::Boolean),
        ("interface{}", B::Any),
        ("time.Time", B::Formatted("date-time")),
        ("os.File", B::Formatted("binary")),
    ],
    nullable_names: &[
        ("NullableString", "string"),
        ("NullableInt32", "int32"),
        ("NullableInt64", "int64"),
        ("NullableFloat32", "float32"),
        ("NullableFloat64", "float64"),
        ("NullableBool", "bool"),
        ("NullableTime", "time.Time"),
    ],
    ..super::GENERATOR
};
