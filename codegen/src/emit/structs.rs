//! Structs: `Serialize` and `Deserialize` written by the runtime's macros from the field
//! list (no serde derive; they expand to calls of its generic code), derived `Debug`
//! (personal data is a `Pii` field type), and a
//! constructor for every struct: `new(required fields…)`, or `new(<Name>Required { … })`
//! when there are more than `lower::params::MAX_ARGS` of them.

use super::{ast, ctor, docs, shape, ty, validate, Cfg};
use crate::model::{FieldDef, Presence, StructDef, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;
use syn::Item;

pub fn emit(t: &TypeDef, s: &StructDef, validated: &validate::Plan, cfg: &Cfg) -> Result<Vec<Item>, String> {
    let name = ty::ident(&t.name);
    let derive_default = if s.fields.iter().any(is_param) { quote!() } else { quote!(Default,) };
    let mut attrs = docs::syn_attrs(&type_docs(t));
    attrs.extend(cfg.attrs());
    attrs.push(ast::list_attr("derive", quote!(Clone, Debug, #derive_default PartialEq)));
    attrs.push(ast::word_attr("non_exhaustive"));
    let mut items = vec![ast::struct_item(attrs, &t.name, s.fields.iter().map(field).collect())];
    if let Some(params) = &s.params {
        items.push(params_struct(t, s, params, cfg));
    }
    items.push(inherent_impl(t, s, validated, cfg)?);
    items.extend(shape::has_id_impl(&name, s, cfg)?);
    items.push(serialize_impl(s, &name, &cfg.and(t.serialize_feature())));
    items.push(deserialize_impl(s, &name, &cfg.and(t.deserialize_feature())));
    Ok(items)
}

/// `impl Name { new, to_date, validate }`: the constructor built as syntax, the methods only
/// some structs have parsed from tokens.
fn inherent_impl(t: &TypeDef, s: &StructDef, validated: &validate::Plan, cfg: &Cfg) -> Result<Item, String> {
    let mut items = vec![ctor::constructor(s)];
    let to_date = shape::to_date(s);
    if !to_date.is_empty() {
        items.extend(ast::impl_items(ast::parse(quote! { impl X { #to_date } })?)?);
    }
    items.extend(validate::emit(t, s, validated)?);
    Ok(Item::Impl(syn::ItemImpl {
        attrs: cfg.attrs(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics: Default::default(),
        trait_: None,
        self_ty: Box::new(ast::path_type(&t.name, Vec::new())),
        brace_token: Default::default(),
        items,
    }))
}

/// `Deserialize` through the runtime's one map visitor (`de::deserialize_struct`), written
/// by its `deserialize_struct!`: the fields with their wire names, then each field's slot
/// (`Req`: an error when missing, `Opt`: its default) and type. The macro expands to a
/// `FromMap` impl; the reading is the runtime's generic code, so nothing per field is left
/// for the compiler to type-check but the field's type (BENCHMARKS.md, issue 19).
///
/// Only a field that must hold a value (`Presence::Required`) is an error when missing:
/// a required nullable field whose key is absent reads as `None`, as if sent as `null`
/// (liberal in what we accept; `cargo xtask conformance` still reports the absent key).
fn deserialize_impl(s: &StructDef, name: &proc_macro2::Ident, cfg: &Cfg) -> Item {
    let fields = s.fields.iter().map(field_entry);
    let slots = groups(s.fields.iter().map(|f| {
        let (id, t) = (ty::ident(&f.name), ty::field_tokens(&f.ty, f.presence));
        if is_param(f) {
            quote!(#id: Req(#t))
        } else {
            quote!(#id: Opt(#t))
        }
    }));
    ast::macro_item(cfg.attrs(), "kycgen_runtime::deserialize_struct", quote!(#name { #(#fields),* } (#slots)))
}

/// `Serialize` through the runtime's `ser::serialize_struct`, written by its
/// `serialize_struct!`: the fields in declaration order, each `Req` (always written) or
/// `Opt` (left out when absent) under its wire name, instead of serde's derive, whose
/// expansion was a third of a generated crate's `cargo check` time.
fn serialize_impl(s: &StructDef, name: &proc_macro2::Ident, cfg: &Cfg) -> Item {
    let entries = groups(s.fields.iter().map(|f| {
        let entry = field_entry(f);
        if matches!(f.presence, Presence::Required | Presence::RequiredNullable) {
            quote!(Req #entry)
        } else {
            quote!(Opt #entry)
        }
    }));
    ast::macro_item(cfg.attrs(), "kycgen_runtime::serialize_struct", quote!(#name (#entries)))
}

/// A field as the runtime's macros name it: `name`, or `name = "wire"` when the wire name
/// is not the field's name as written.
fn field_entry(f: &FieldDef) -> TokenStream {
    let id = ty::ident(&f.name);
    if f.wire == f.name {
        quote!(#id)
    } else {
        let wire = &f.wire;
        quote!(#id = #wire)
    }
}

/// The runtime's tuples (slots, entries, values) are of at most this many elements.
const TUPLE_MAX: usize = 12;

/// `items` as the runtime's macros take them, comma-separated: as they are up to
/// [`TUPLE_MAX`], else in parenthesized groups of that many (grouped again when there are
/// more groups than that); the macros make each group a tuple of the runtime's.
fn groups(items: impl Iterator<Item = TokenStream>) -> TokenStream {
    let mut items: Vec<TokenStream> = items.collect();
    while items.len() > TUPLE_MAX {
        items = items.chunks(TUPLE_MAX).map(|c| quote!((#(#c),*))).collect();
    }
    quote!(#(#items),*)
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
    docs::push_direction(t, &mut d);
    d
}

fn field(f: &FieldDef) -> syn::Field {
    ast::field(docs::syn_attrs(&field_docs(f)), &f.name, ty::field_type(&f.ty, f.presence))
}

fn field_docs(f: &FieldDef) -> Vec<String> {
    let mut d = f.docs.clone();
    let l = &f.limits;
    let mut facts = vec![presence_doc(f.presence).to_string()];
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

/// What the field's presence rule means, in one line of its docs.
fn presence_doc(p: Presence) -> &'static str {
    match p {
        Presence::Required => "Required, not nullable.",
        Presence::Optional => "Optional (`None`: absent), not nullable.",
        Presence::RequiredNullable => "Required, nullable (`None`: `null`; a missing key also reads as `None`).",
        Presence::OptionalNullable => "Optional, nullable (`Nullable`: absent and `null` kept apart).",
    }
}

/// A field that must hold a value: the constructor takes it, and parsing fails without it.
pub(super) fn is_param(f: &FieldDef) -> bool {
    f.presence == Presence::Required
}

/// The parameter object of a struct with many required fields: a plain struct of them,
/// documented as they are, that users build with named fields.
fn params_struct(t: &TypeDef, s: &StructDef, name: &str, cfg: &Cfg) -> Item {
    let doc = format!(" The required fields of [`{0}`], which [`{0}::new`] takes: each is named, not positional.", t.name);
    let mut attrs = ast::doc_attrs(&[doc]);
    attrs.extend(cfg.attrs());
    attrs.push(ast::list_attr("derive", quote!(Clone, Debug, PartialEq)));
    ast::struct_item(attrs, name, s.fields.iter().filter(|f| is_param(f)).map(field).collect())
}
