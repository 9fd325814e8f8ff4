//! openapi-generator's (and swagger-codegen's) Java model docs:
//! `| Name | Type | Description | Notes |`, names in bold, `**String**`, `**OffsetDateTime**`,
//! `**List&lt;String&gt;**`, `[**X**](X.md)`, and `[optional]` in Notes for optional fields.

use super::{Builtin as B, Dialect, Generic as G};

pub(in crate::markdown) const DIALECT: Dialect = Dialect {
    name: "openapi-generator-java",
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
    ..super::GENERATOR
};
