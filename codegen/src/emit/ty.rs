//! Field types as syntax trees (and as tokens from them), and the identifiers they are
//! made of.

use crate::model::{Presence, Ty};
use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;

/// An identifier from a name the naming module made (raw `r#type` included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust type of `ty`.
pub fn syn_type(ty: &Ty) -> syn::Type {
    type_with(ty, "")
}

/// The Rust type of `ty` as tokens, the crate's own types named from the root (`crate::Thing`): the
/// operations module declares a type per operation, which may have a model type's name.
pub fn crate_tokens(ty: &Ty) -> TokenStream {
    type_with(ty, "crate::").into_token_stream()
}

/// The Rust type of `ty`, the crate's own types written `{prefix}Name`.
fn type_with(ty: &Ty, prefix: &str) -> syn::Type {
    use super::ast::path_type;
    let inner = |t: &Ty| type_with(t, prefix);
    match ty {
        Ty::String => path_type("String", Vec::new()),
        Ty::I64 => path_type("i64", Vec::new()),
        Ty::F64 => path_type("f64", Vec::new()),
        Ty::Bool => path_type("bool", Vec::new()),
        Ty::Date => path_type("jiff::civil::Date", Vec::new()),
        Ty::DateTime => path_type("jiff::Timestamp", Vec::new()),
        Ty::UnixTime => path_type("UnixTime", Vec::new()),
        Ty::File => path_type("kycgen_runtime::FileUpload", Vec::new()),
        Ty::Json => path_type("serde_json::Value", Vec::new()),
        Ty::Named(n) => path_type(&format!("{prefix}{n}"), Vec::new()),
        Ty::Boxed(t) => path_type("Box", vec![inner(t)]),
        Ty::Vec(t) => path_type("Vec", vec![inner(t)]),
        Ty::Map(t) => path_type("std::collections::BTreeMap", vec![path_type("String", Vec::new()), inner(t)]),
        Ty::Option(t) => path_type("Option", vec![inner(t)]),
        Ty::Expandable(t) => path_type("Expandable", vec![inner(t)]),
        Ty::Pii(t) => path_type("Pii", vec![inner(t)]),
    }
}

/// The field's declared type once its presence is applied.
pub fn field_type(ty: &Ty, presence: Presence) -> syn::Type {
    let t = syn_type(ty);
    match presence {
        Presence::Required => t,
        Presence::Optional | Presence::RequiredNullable => super::ast::path_type("Option", vec![t]),
        Presence::OptionalNullable => super::ast::path_type("Nullable", vec![t]),
    }
}

/// [`field_type`] as tokens.
pub fn field_tokens(ty: &Ty, presence: Presence) -> TokenStream {
    field_type(ty, presence).into_token_stream()
}
