//! Structs: serde attributes per presence rule, a compact hand-written `Deserialize`,
//! derived `Debug` (personal data is a `Pii` field type), and constructors for request types.

use super::{ast, docs, ty, validate, Cfg};
use crate::model::{FieldDef, Presence, StructDef, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;
use syn::Item;

pub fn emit(t: &TypeDef, s: &StructDef, validated: &validate::Plan, cfg: &Cfg) -> Result<Vec<Item>, String> {
    let name = ty::ident(&t.name);
    let derive_default = if s.request && !s.fields.iter().any(is_param) { quote!(Default,) } else { quote!() };
    let mut attrs = docs::syn_attrs(&type_docs(t));
    attrs.extend(cfg.attrs());
    attrs.push(ast::list_attr("derive", quote!(Clone, Debug, #derive_default PartialEq, serde::Serialize)));
    attrs.push(ast::word_attr("non_exhaustive"));
    let mut items = vec![ast::struct_item(attrs, &t.name, s.fields.iter().map(field).collect())];
    let ctor = if s.request { constructor(s) } else { quote!() };
    let validate = validate::emit(t, s, validated);
    if !(ctor.is_empty() && validate.is_empty()) {
        let cfg = cfg.tokens();
        items.extend(ast::parse(quote! { #cfg impl #name { #ctor #validate } })?);
    }
    items.push(deserialize_impl(s, &name, cfg));
    Ok(items)
}

/// `Deserialize` as one map visitor: a slot per field, one `match` on the key, unknown
/// keys skipped. A third of what serde's derive emits (no field enum with its own
/// visitor, no sequence form), which is most of a generated crate's build time. The
/// visitor is written by a runtime macro, so the generated file lists only the fields.
fn deserialize_impl(s: &StructDef, name: &proc_macro2::Ident, cfg: &Cfg) -> Item {
    let attrs = cfg.attrs();
    let path = "kycgen_runtime::deserialize_struct";
    if s.fields.is_empty() {
        return ast::macro_item(attrs, path, quote!(#name {}));
    }
    let entry = |f: &FieldDef| {
        let id = ty::ident(&f.name);
        let wire = &f.wire;
        // The wire name is written only where it is not the identifier itself.
        if crate::naming::unraw(&f.name) == f.wire && !f.name.starts_with("r#") {
            quote!(#id)
        } else {
            quote!(#id = #wire)
        }
    };
    let required = s.fields.iter().filter(|f| matches!(f.presence, Presence::Required | Presence::RequiredNullable)).map(entry);
    let optional = s.fields.iter().filter(|f| matches!(f.presence, Presence::Optional | Presence::OptionalNullable)).map(entry);
    ast::macro_item(attrs, path, quote!(#name { required: #(#required),*; optional: #(#optional),* }))
}

fn type_docs(t: &TypeDef) -> Vec<String> {
    let mut d = t.docs.clone();
    if d.is_empty() {
        d.push(format!("`{}` in the spec.", t.source));
    }
    if t.deprecated {
        d.push(String::new());
        d.push("Deprecated by the vendor.".into());
    }
    d
}

fn field(f: &FieldDef) -> syn::Field {
    let mut attrs = docs::syn_attrs(&field_docs(f));
    if crate::naming::unraw(&f.name) != f.wire {
        let wire = &f.wire;
        attrs.push(ast::list_attr("serde", quote!(rename = #wire)));
    }
    match f.presence {
        Presence::Required | Presence::RequiredNullable => {}
        Presence::Optional => attrs.push(ast::list_attr("serde", quote!(skip_serializing_if = "Option::is_none"))),
        Presence::OptionalNullable => attrs.push(ast::list_attr("serde", quote!(skip_serializing_if = "Nullable::is_absent"))),
    }
    ast::field(attrs, &f.name, ty::field_type(&f.ty, f.presence))
}

fn field_docs(f: &FieldDef) -> Vec<String> {
    let mut d = f.docs.clone();
    let l = &f.limits;
    let mut facts = Vec::new();
    if let Some(n) = l.min_length {
        facts.push(format!("Min length: {n}."));
    }
    if let Some(n) = l.max_length {
        facts.push(format!("Max length: {n}."));
    }
    if let Some(p) = &l.pattern {
        facts.push(format!("Pattern: `{}`.", p.replace('`', "'")));
    }
    if let Some(n) = l.minimum {
        facts.push(format!("Minimum: {n}{}.", if l.exclusive_minimum { " (exclusive)" } else { "" }));
    }
    if let Some(n) = l.maximum {
        facts.push(format!("Maximum: {n}{}.", if l.exclusive_maximum { " (exclusive)" } else { "" }));
    }
    if let Some(n) = l.min_items {
        facts.push(format!("Min items: {n}."));
    }
    if let Some(n) = l.max_items {
        facts.push(format!("Max items: {n}."));
    }
    // A fact the description already states in these words is not said twice, whatever
    // format the spec came in.
    let text = d.join(" ");
    facts.retain(|f| !text.contains(f.as_str()));
    if !facts.is_empty() {
        if !d.is_empty() {
            d.push(String::new());
        }
        d.extend(facts);
    }
    d
}

/// A field the constructor takes: required ones (nullable required ones as `Option`).
fn is_param(f: &FieldDef) -> bool {
    matches!(f.presence, Presence::Required | Presence::RequiredNullable)
}

fn constructor(s: &StructDef) -> TokenStream {
    let params: Vec<&FieldDef> = s.fields.iter().filter(|f| is_param(f)).collect();
    if params.is_empty() {
        return quote!();
    }
    let args = params.iter().map(|f| {
        let id = ty::ident(&f.name);
        let t = ty::field_tokens(&f.ty, f.presence);
        quote!(#id: #t)
    });
    let inits = s.fields.iter().map(|f| {
        let id = ty::ident(&f.name);
        match f.presence {
            Presence::Required | Presence::RequiredNullable => quote!(#id),
            Presence::Optional => quote!(#id: None),
            Presence::OptionalNullable => quote!(#id: Nullable::Absent),
        }
    });
    let allow = if params.len() > 7 { quote!(#[allow(clippy::too_many_arguments)]) } else { quote!() };
    quote! {
        /// A value with every required field given and every optional field absent.
        #allow
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits),* }
        }
    }
}
