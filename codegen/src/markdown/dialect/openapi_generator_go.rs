//! openapi-generator's (and swagger-codegen's) Go model docs: the Java docs' table with
//! fields named by their Go identifiers (`**ClientUserId**`), `Pointer to **string**` for
//! optional fields, `**[]string**`, `**map[string]interface{}**`, `**time.Time**`,
//! `[**[]X**](X.md)`, `**NullableString**` for nullable ones, and `[optional]`,
//! `[default to null]`, `[readonly]` in Notes.

use super::{Builtin as B, Dialect, FieldNames, Pointer, Prefix as P};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "openapi-generator-go",
    columns: super::GENERATOR_COLUMNS,
    required: super::GENERATOR_REQUIRED,
    field_names: FieldNames::Go,
    prefixes: &[("Pointer to ", P::Pointer), ("*", P::Pointer), ("[]", P::Array), ("map[", P::KeyedMap)],
    generics: &[],
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
    linked_builtins: &[],
    nullable_names: &[
        ("NullableString", "string"),
        ("NullableInt32", "int32"),
        ("NullableInt64", "int64"),
        ("NullableFloat32", "float32"),
        ("NullableFloat64", "float64"),
        ("NullableBool", "bool"),
        ("NullableTime", "time.Time"),
    ],
    array_suffix: false,
    paren_suffixes: false,
    values: None,
    sdk_fields: &[],
    pointer: Pointer::Optional,
    no_description: &[],
    not_description: &[],
    expandable: None,
    open_end_is_empty_cell: true,
    value_list: Some(super::GENERATOR_VALUES),
};
