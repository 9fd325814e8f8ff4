//! openapi-generator's (and swagger-codegen's) Java model docs:
//! `| Name | Type | Description | Notes |`, names in bold, `**String**`, `**OffsetDateTime**`,
//! `**List&lt;String&gt;**`, `[**X**](X.md)`, and `[optional]` in Notes for optional fields.

use super::{Builtin as B, Dialect, FieldNames, Generic as G, Pointer};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "openapi-generator-java",
    columns: super::GENERATOR_COLUMNS,
    required: super::GENERATOR_REQUIRED,
    field_names: FieldNames::Wire,
    prefixes: &[],
    generics: &[("List", '<', '>', G::List), ("Set", '<', '>', G::Set), ("Map", '<', '>', G::Map)],
    builtins: &[
        ("String", B::String),
        ("Integer", B::Integer),
        ("Long", B::IntegerFormatted("int64")),
        ("Float", B::NumberFormatted("float")),
        ("Double", B::NumberFormatted("double")),
        ("BigDecimal", B::NumberFormatted("decimal")),
        ("Boolean", B::Boolean),
        ("Object", B::Any),
        ("AnyType", B::Any),
        ("LocalDate", B::Formatted("date")),
        ("OffsetDateTime", B::Formatted("date-time")),
        ("Date", B::Formatted("date-time")),
        ("UUID", B::Formatted("uuid")),
        ("URI", B::Formatted("uri")),
    ],
    linked_builtins: &[],
    nullable_names: &[],
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
