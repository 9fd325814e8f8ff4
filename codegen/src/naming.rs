//! The one place that turns wire names into Rust names: case conversion, keyword escaping,
//! digits and symbols, and deterministic collision suffixes. Nothing else calls heck.

use crate::model::Ty;
use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Words that cannot be Rust identifiers as they are (strict and reserved keywords, 2021+).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static",
    "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where",
    "while", "yield",
];

/// Keywords that cannot even be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names the generated crate uses itself or imports; a schema may not take them.
const RESERVED_TYPES: &[&str] = &[
    "Box", "Vec", "Option", "Result", "String", "Some", "None", "Ok", "Err", "Self", "Nullable", "Expandable",
    "UnixTime", "ValidationError", "JsonError", "Redacted", "Json", "JsonObject", "Map", "Value", "Date", "Timestamp", "Default",
    "Debug", "Clone", "Copy", "Serialize", "Deserialize", "PartialEq", "Eq", "Hash", "Send", "Sync", "Sized",
];

/// Reduces any string to ASCII words separated by `_`, so that heck sees word boundaries.
/// Non-ASCII letters and symbols become separators; nothing from the input survives that is
/// not `[A-Za-z0-9_]`.
fn ascii_words(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// `DocumentImage__Front` → `DocumentImageFront`, `identity.verification_report` →
/// `IdentityVerificationReport`, `3ds` → `T3ds`, `` → `Unnamed`.
pub fn type_name(wire: &str) -> String {
    let mut s = if plain_camel(wire) { wire.to_string() } else { ascii_words(wire).to_upper_camel_case() };
    if s.is_empty() {
        s = "Unnamed".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    if RESERVED_TYPES.contains(&s.as_str()) {
        s.push_str("Type");
    }
    s
}

/// Name for a type nested inside another: `Parent` + `field` in UpperCamelCase
/// (`Report` + `type` → `ReportType`, `Check` + `3ds` → `Check3ds`).
pub fn nested_type_name(parent: &str, wire: &str) -> String {
    format!("{parent}{}", ascii_words(wire).to_upper_camel_case())
}

/// An enum variant: `in-progress` → `InProgress`, `[redacted]` → `Redacted`, `1` → `V1`,
/// `true` → `True`, `` → `Empty`.
pub fn variant_name(wire: &str) -> String {
    let mut s = ascii_words(wire).to_upper_camel_case();
    if s.is_empty() {
        s = if wire.is_empty() { "Empty".into() } else { "Value".into() };
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if s == "Self" {
        s.push('_');
    }
    s
}

/// The variant of a union that holds a `ty`: a named type's own name, else the type spelled
/// out (`String`, `I64`, `StringList`, `OptionalFooMap`).
pub fn union_variant_name(ty: &Ty) -> String {
    fn spell(ty: &Ty) -> String {
        match ty {
            Ty::String => "String".into(),
            Ty::I64 => "I64".into(),
            Ty::F64 => "F64".into(),
            Ty::Bool => "Bool".into(),
            Ty::Date => "Date".into(),
            Ty::DateTime => "DateTime".into(),
            Ty::UnixTime => "UnixTime".into(),
            Ty::Json => "Json".into(),
            Ty::File => "File".into(),
            Ty::Named(n) => n.clone(),
            Ty::Boxed(t) | Ty::Pii(t) => spell(t),
            Ty::Vec(t) => format!("{}List", spell(t)),
            Ty::Map(t) => format!("{}Map", spell(t)),
            Ty::Option(t) => format!("Optional{}", spell(t)),
            Ty::Expandable(t) => format!("Expandable{}", spell(t)),
        }
    }
    match ty {
        Ty::Named(n) => n.clone(),
        other => variant_name(&spell(other)),
    }
}

/// A constant: `production.plaid` → `PRODUCTION_PLAID`, `3ds` → `C_3DS`, `` → `SERVER`.
pub fn const_name(wire: &str) -> String {
    let mut s = ascii_words(wire).to_shouty_snake_case();
    if s.is_empty() {
        s = "SERVER".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "C_");
    }
    s
}

/// A field: `fooBar` → `foo_bar`, `type` → `r#type`, `self` → `self_`, `3d` → `f_3d`.
/// The result is what goes into the token stream (may start with `r#`).
pub fn field_name(wire: &str) -> String {
    let mut s = if plain_snake(wire) { wire.to_string() } else { ascii_words(wire).to_snake_case() };
    if s.is_empty() {
        s = "field".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "f_");
    }
    escape_keyword(s)
}

/// Capitalized ASCII words run together (`IdentityVerification`), which heck's upper camel
/// case returns unchanged: most schema names, taken without heck's word-boundary analysis.
fn plain_camel(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().all(u8::is_ascii_alphabetic)
        && b.windows(2).all(|w| !(w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase()))
        && !b.last().is_some_and(u8::is_ascii_uppercase)
}

/// Lower-case ASCII words joined by single `_`s (`client_user_id`), which heck's snake
/// case returns unchanged: most field names of real specs, taken without heck's
/// word-boundary analysis (a fifth of the lower stage on full Plaid).
fn plain_snake(s: &str) -> bool {
    s.split('_').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The credentials function of a security alternative other than the spec's first: its
/// schemes' names after `credentials_` (`basicAuth` → `credentials_basic_auth`).
pub fn credentials_fn(schemes: &[String]) -> String {
    format!("credentials_{}", field_name(&schemes.join("_")).trim_start_matches("r#"))
}

/// The wire name a Go SDK's field identifier most likely stands for: `ClientUserID` →
/// `client_user_id` (Go docs do not give the wire name; the markdown reader warns).
pub fn wire_from_go(ident: &str) -> String {
    ascii_words(ident).to_snake_case()
}

fn escape_keyword(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// The identifier without a raw prefix: what serde would call the field by default.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The name of an open enum's catch-all variant: `Unknown`, unless a spec value already
/// takes it, then `UnknownValue`, `UnknownValue2`, …
pub fn catch_all_name(taken: &BTreeSet<String>) -> String {
    let mut name = "Unknown".to_string();
    let mut n = 1;
    while taken.contains(&name) {
        name = if n == 1 { "UnknownValue".into() } else { format!("UnknownValue{n}") };
        n += 1;
    }
    name
}

/// A Cargo feature name for a resource: `identity_verification` → `identity-verification`.
pub fn feature_name(wire: &str) -> String {
    let s = heck::ToKebabCase::to_kebab_case(ascii_words(wire).as_str());
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("r-{s}")
    } else {
        s
    }
}

/// Crate package name → library name (`plaid-idv` → `plaid_idv`).
pub fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

/// The parameter object of a struct's `new`: `AamvaAnalysis` → `AamvaAnalysisRequired`.
pub fn params_name(type_name: &str) -> String {
    format!("{type_name}Required")
}

/// Makes `names` unique in order: the first keeps its name, later ones get `2`, `3`, …
/// (`_2` for snake case). `taken` holds names that are already used elsewhere.
pub fn dedupe(names: &mut [String], taken: &mut BTreeSet<String>) {
    for name in names.iter_mut() {
        if taken.insert(name.clone()) {
            continue;
        }
        let snake = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_') || name.starts_with("r#");
        let base = unraw(name).trim_end_matches('_').to_string();
        let mut n = 2;
        loop {
            let candidate = if snake { format!("{base}_{n}") } else { format!("{base}{n}") };
            if taken.insert(candidate.clone()) {
                *name = candidate;
                break;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_camel_names_are_what_heck_makes_of_them() {
        for wire in ["Identity", "IdentityVerificationGetResponse", "AbCd", "Xy"] {
            assert!(plain_camel(wire), "{wire}");
            assert_eq!(wire, ascii_words(wire).to_upper_camel_case());
        }
        for wire in ["", "X", "IDVerification", "AccountV", "Account2", "identity", "Ab_Cd", "AbCD", "Émile"] {
            assert!(!plain_camel(wire), "{wire}");
        }
    }

    #[test]
    fn plain_snake_names_are_what_heck_makes_of_them() {
        for wire in ["id", "client_user_id", "a_b_c", "type", "self", "x"] {
            assert!(plain_snake(wire), "{wire}");
            assert_eq!(wire, ascii_words(wire).to_snake_case());
        }
        for wire in ["", "_id", "id_", "a__b", "clientUserId", "line1", "ID", "é", "a-b"] {
            assert!(!plain_snake(wire), "{wire}");
        }
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("a__b"), ascii_words("a__b").to_snake_case());
    }

    #[test]
    fn types() {
        assert_eq!(type_name("IDNumberType"), "IdNumberType");
        assert_eq!(type_name("DocumentImage__Front"), "DocumentImageFront");
        assert_eq!(type_name("identity.verification_report"), "IdentityVerificationReport");
        assert_eq!(type_name("3ds"), "T3ds");
        assert_eq!(nested_type_name("Report", "type"), "ReportType");
        assert_eq!(nested_type_name("Report", "tax_id"), "ReportTaxId");
        assert_eq!(nested_type_name("Check", "3ds"), "Check3ds");
        assert_eq!(type_name(""), "Unnamed");
        assert_eq!(type_name("Option"), "OptionType");
        assert_eq!(type_name("façade"), "FaAde");
    }

    #[test]
    fn union_variants_spell_their_type() {
        let named = |n: &str| Ty::Named(n.into());
        assert_eq!(union_variant_name(&named("Person")), "Person");
        assert_eq!(union_variant_name(&Ty::String), "String");
        assert_eq!(union_variant_name(&Ty::I64), "I64");
        assert_eq!(union_variant_name(&Ty::Vec(Box::new(Ty::String))), "StringList");
        assert_eq!(union_variant_name(&Ty::Map(Box::new(Ty::Option(Box::new(named("Person")))))), "OptionalPersonMap");
    }

    #[test]
    fn fields() {
        assert_eq!(field_name("fooBar"), "foo_bar");
        assert_eq!(field_name("foo-bar"), "foo_bar");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("match"), "r#match");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("3d_secure"), "f_3d_secure");
        assert_eq!(field_name(""), "field");
        assert_eq!(field_name("*/ #[doc]"), "doc");
        assert_eq!(field_name("_"), "field");
    }

    #[test]
    fn variants() {
        assert_eq!(variant_name("in-progress"), "InProgress");
        assert_eq!(variant_name("in_progress"), "InProgress");
        assert_eq!(variant_name("[redacted]"), "Redacted");
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("日本"), "Value");
    }

    #[test]
    fn collisions_are_deterministic() {
        let mut names = vec!["foo_bar".to_string(), "foo_bar".into(), "foo_bar".into()];
        dedupe(&mut names, &mut BTreeSet::new());
        assert_eq!(names, ["foo_bar", "foo_bar_2", "foo_bar_3"]);
        let mut names = vec!["InProgress".to_string(), "InProgress".into()];
        dedupe(&mut names, &mut BTreeSet::new());
        assert_eq!(names, ["InProgress", "InProgress2"]);
        let mut names = vec!["r#type".to_string(), "r#type".into()];
        dedupe(&mut names, &mut BTreeSet::new());
        assert_eq!(names, ["r#type", "type_2"]);
    }

    #[test]
    fn catch_all_avoids_spec_values() {
        let mut taken = BTreeSet::new();
        assert_eq!(catch_all_name(&taken), "Unknown");
        taken.insert("Unknown".to_string());
        assert_eq!(catch_all_name(&taken), "UnknownValue");
        taken.insert("UnknownValue".to_string());
        assert_eq!(catch_all_name(&taken), "UnknownValue2");
    }
}
