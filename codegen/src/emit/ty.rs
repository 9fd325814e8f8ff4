//! Field types as tokens, and the identifiers they are made of.

use crate::model::{Presence, Ty};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier from a name the naming module made (raw `r#type` included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

pub fn tokens(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::I64 => quote!(i64),
        Ty::F64 => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Date => quote!(jiff::civil::Date),
        Ty::DateTime => quote!(jiff::Timestamp),
        Ty::UnixTime => quote!(UnixTime),
        Ty::Json => quote!(serde_json::Value),
        Ty::Named(n) => {
            let n = ident(n);
            quote!(#n)
        }
        Ty::Boxed(t) => {
            let t = tokens(t);
            quote!(Box<#t>)
        }
        Ty::Vec(t) => {
            let t = tokens(t);
            quote!(Vec<#t>)
        }
        Ty::Map(t) => {
            let t = tokens(t);
            quote!(std::collections::BTreeMap<String, #t>)
        }
        Ty::Option(t) => {
            let t = tokens(t);
            quote!(Option<#t>)
        }
        Ty::Expandable(t) => {
            let t = tokens(t);
            quote!(Expandable<#t>)
        }
    }
}

/// The field's declared type once its presence is applied.
pub fn field_tokens(ty: &Ty, presence: Presence) -> TokenStream {
    let t = tokens(ty);
    match presence {
        Presence::Required => t,
        Presence::Optional | Presence::RequiredNullable => quote!(Option<#t>),
        Presence::OptionalNullable => quote!(Nullable<#t>),
    }
}
