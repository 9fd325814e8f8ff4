//! `impl From<A> for B` for the model's conversions: the fields of `B` moved out of `A`.

use super::{ast, ty, Cfg};
use crate::model::{Body, Model, TypeDef};
use quote::quote;

/// One impl per conversion, compiled where both types are.
pub fn emit(model: &Model) -> Result<Vec<syn::Item>, String> {
    let find = |name: &str| model.types.iter().find(|t| t.name == name);
    let mut items = Vec::with_capacity(model.conversions.len());
    for c in &model.conversions {
        let (Some(from), Some(to)) = (find(&c.from), find(&c.to)) else {
            return Err(format!("internal error: conversion {} -> {} names a missing type", c.from, c.to));
        };
        let Body::Struct(s) = &to.body else { return Err(format!("internal error: conversion into {}, not a struct", c.to)) };
        let (a, b) = (ty::ident(&c.from), ty::ident(&c.to));
        let fields = s.fields.iter().map(|f| ty::ident(&f.name));
        let cfg = both(from, to);
        let doc = if s.fields.len() == field_count(from) {
            format!(" [`{}`] and [`{}`] have the same fields.", c.from, c.to)
        } else {
            format!(" Every field of [`{}`] is in [`{}`]; the others are dropped.", c.to, c.from)
        };
        items.extend(ast::parse(quote! {
            #cfg
            #[doc = #doc]
            impl From<#a> for #b {
                #[inline]
                fn from(value: #a) -> Self {
                    Self { #( #fields: value.#fields ),* }
                }
            }
        })?);
    }
    Ok(items)
}

fn field_count(t: &TypeDef) -> usize {
    match &t.body {
        Body::Struct(s) => s.fields.len(),
        _ => 0,
    }
}

/// `#[cfg]` of an item that needs both types: the features of each, when they have any.
fn both(a: &TypeDef, b: &TypeDef) -> proc_macro2::TokenStream {
    match (Cfg::new(&a.features).inner, Cfg::new(&b.features).inner) {
        (None, None) => quote!(),
        (Some(x), None) | (None, Some(x)) => quote!(#[cfg(#x)]),
        (Some(x), Some(y)) => quote!(#[cfg(all(#x, #y))]),
    }
}
