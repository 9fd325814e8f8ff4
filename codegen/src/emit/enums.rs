//! Open enums: known values as variants, anything else kept in a catch-all that
//! serializes back unchanged; small hand-written serde impls instead of derives. Unions
//! are emitted here too.

use super::{ast, docs, ty, Cfg};
use crate::model::{EnumDef, TypeDef, UnionDef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;
use syn::Item;

/// The items of one open enum: the `enum`, its wire conversions, `known_values()` and the
/// config's predicates, and the runtime macro that writes its trait impls.
pub fn emit(t: &TypeDef, e: &EnumDef, cfg_both: &Cfg) -> Result<Vec<Item>, String> {
    let cfg = &cfg_both.tokens();
    let name = ty::ident(&t.name);
    let mut items = vec![enum_item(t, e, cfg_both)];
    // The conversions to and from the wire value, then the trait impls, which are the
    // same for every enum: a runtime macro writes those, which keeps the generated files
    // (and kycgen's formatting work) small.
    let integer = e.base == crate::ir::EnumBase::Integer;
    items.extend(if integer { integer_conversions(&name, e, cfg)? } else { string_conversions(&name, e, cfg_both)? });
    items.extend(extra_methods(&name, e, cfg_both)?);
    let impls = if integer { "kycgen_runtime::integer_enum_impls" } else { "kycgen_runtime::string_enum_impls" };
    items.push(ast::macro_item(cfg_both.attrs(), impls, quote!(#name)));
    Ok(items)
}

/// The enum's doc lines: the spec's docs (or where it comes from), then the open-enum rule.
fn enum_docs(t: &TypeDef, e: &EnumDef) -> Vec<String> {
    let mut doc_lines = t.docs.clone();
    if doc_lines.is_empty() {
        doc_lines.push(format!("`{}` in the spec.", t.source));
    }
    doc_lines.push(String::new());
    doc_lines.push(format!(
        "Open enum: a value this crate does not know yet arrives as `{0}` and is sent back unchanged. \
         Match with a wildcard arm (the enum is `#[non_exhaustive]`); `{0}(v)` is where values the vendor adds later land, \
         and only parsing makes one, so it never holds a value listed here. `known_values()` lists those.",
        e.catch_all
    ));
    if e.truncated {
        doc_lines.push("The source listed only some of the values.".into());
    }
    doc_lines
}

/// The `enum` item itself: one documented variant per value, then the catch-all holding an
/// `UnknownValue`.
fn enum_item(t: &TypeDef, e: &EnumDef, cfg_both: &Cfg) -> Item {
    let integer = e.base == crate::ir::EnumBase::Integer;
    let mut variants: Vec<syn::Variant> = e
        .variants
        .iter()
        .map(|v| {
            let text = wire_text(&v.wire);
            let wire = if text.is_empty() { "The empty string.".to_string() } else { format!("`{}`", text.replace('`', "'")) };
            // The meaning first (spec text, made inert), then the wire value.
            let lines = match &v.meaning {
                Some(m) => vec![m.clone(), String::new(), format!("On the wire: {wire}")],
                None => vec![wire],
            };
            ast::variant(docs::syn_attrs(&lines), &v.name, None)
        })
        .collect();
    let catch_doc = format!(" A value not listed in the spec, kept as received (`{}` reads it).", if integer { "get()" } else { "as_str()" });
    let payload = if integer { ast::path_type("UnknownValue", vec![ast::path_type("i64", Vec::new())]) } else { ast::path_type("UnknownValue", Vec::new()) };
    variants.push(ast::variant(ast::doc_attrs(&[catch_doc]), &e.catch_all, Some(payload)));
    let mut attrs = docs::syn_attrs(&enum_docs(t, e));
    attrs.extend(cfg_both.attrs());
    attrs.push(ast::list_attr("derive", quote!(Clone, Debug, PartialEq, Eq, Hash)));
    attrs.push(ast::word_attr("non_exhaustive"));
    ast::enum_item(attrs, &t.name, variants)
}

/// `as_i64()` and `from_wire()` of an integer enum.
fn integer_conversions(name: &Ident, e: &EnumDef, cfg: &TokenStream) -> Result<Vec<Item>, String> {
    let catch = ty::ident(&e.catch_all);
    let idents = e.variants.iter().map(|v| ty::ident(&v.name));
    let lits: Vec<TokenStream> = e.variants.iter().map(|v| int_lit(&v.wire)).collect();
    let idents2 = idents.clone();
    ast::parse(quote! {
        #cfg
        impl #name {
            /// The value as sent on the wire.
            #[inline]
            pub fn as_i64(&self) -> i64 {
                match self { #( Self::#idents => #lits, )* Self::#catch(v) => v.get() }
            }
            #[inline]
            fn from_wire(v: i64) -> Self {
                match v { #( #lits => Self::#idents2, )* other => Self::#catch(kycgen_runtime::__private::unknown(other)) }
            }
        }
    })
}

/// `as_str()` and `from_wire()` of a string enum: an arm per value, then the catch-all's.
/// The skeleton is a template (see [`ast::template`]), its arms built as syntax (see
/// [`ast::fill`]).
fn string_conversions(name: &Ident, e: &EnumDef, cfg: &Cfg) -> Result<Vec<Item>, String> {
    let catch = ty::ident(&e.catch_all);
    let this = Ident::new("Self", proc_macro2::Span::call_site());
    let (mut to_wire, mut from_wire) = (Vec::with_capacity(e.variants.len()), Vec::with_capacity(e.variants.len()));
    for v in &e.variants {
        let wire = wire_text(&v.wire);
        to_wire.push(ast::arm(ast::path_pat(ast::variant_path(&this, &v.name)), ast::str_expr(&wire)));
        from_wire.push(ast::arm(ast::str_pat(&wire), ast::path_expr(ast::variant_path(&this, &v.name))));
    }
    let skeleton = || {
        quote! {
            impl __Name {
                /// The value as sent on the wire.
                #[inline]
                pub fn as_str(&self) -> &str {
                    match self { Self::__Catch(v) => v.as_str() }
                }
                #[inline]
                fn from_wire(v: &str) -> Self {
                    match v { other => Self::__Catch(kycgen_runtime::__private::unknown(other.to_owned())) }
                }
            }
        }
    };
    let items = ast::template("string_conversions", skeleton, &[("__Name", name), ("__Catch", &catch)], cfg.attrs())?;
    ast::fill(items, vec![to_wire, from_wire], Vec::new())
}

/// `known_values()` (a template, see [`ast::template`]) and the config's predicates
/// (`is_terminal()`), parsed.
fn extra_methods(name: &Ident, e: &EnumDef, cfg: &Cfg) -> Result<Vec<Item>, String> {
    let all = e.variants.iter().map(|v| ast::path_expr(ast::variant_path(name, &v.name))).collect();
    let skeleton = || {
        quote! {
            impl __Name {
                /// Every value this crate knows, in the spec's order (never the catch-all).
                #[inline]
                pub fn known_values() -> &'static [Self] {
                    const ALL: &[__Name] = &[];
                    ALL
                }
            }
        }
    };
    let mut items = ast::fill(ast::template("known_values", skeleton, &[("__Name", name)], cfg.attrs())?, Vec::new(), vec![all])?;
    if e.methods.is_empty() {
        return Ok(items);
    }
    let methods = e.methods.iter().map(|m| {
        let method = ty::ident(&m.name);
        let wires: Vec<String> = m.variants.iter().filter_map(|n| e.variants.iter().find(|v| v.name == *n)).map(|v| format!("`{}`", wire_text(&v.wire).replace('`', "'"))).collect();
        let doc = format!(" `true` for {} (the vendor config's `enum_methods`); `false` for any other value, unknown ones included.", wires.join(", "));
        let body = if m.variants.is_empty() {
            quote!(false)
        } else {
            let vs = m.variants.iter().map(|v| ty::ident(v));
            quote!(matches!(self, #(Self::#vs)|*))
        };
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self) -> bool { #body }
        }
    });
    let methods = ast::impl_items(ast::parse(quote!(impl X { #(#methods)* }))?)?;
    match items.first_mut() {
        Some(Item::Impl(known)) => known.items.extend(methods),
        _ => return Err("internal error: `known_values` is not an impl block".into()),
    }
    Ok(items)
}

fn wire_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn int_lit(v: &Value) -> TokenStream {
    let n = v.as_i64().unwrap_or_default();
    let lit = Literal::i64_unsuffixed(n.abs());
    if n < 0 {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}

/// A union. With a tag, deserialization reads the tag and picks the variant (an unknown
/// tag value is kept whole in the catch-all); without one, serde tries the variants in
/// order. Serialization writes the variant as it is. The `enum` is a syntax tree like an
/// open enum's; the tagged `Deserialize` impl, code with expressions, goes through tokens.
pub fn emit_union(t: &TypeDef, u: &UnionDef, cfg_both: &Cfg) -> Result<Vec<Item>, String> {
    let mut doc_lines = t.docs.clone();
    if doc_lines.is_empty() {
        doc_lines.push(format!("`{}` in the spec.", t.source));
    }
    if let (Some(tag), Some(catch)) = (&u.tag, &u.catch_all) {
        doc_lines.push(String::new());
        doc_lines.push(format!("The `{tag}` property selects the variant; a value this crate does not know arrives as `{catch}`."));
    }
    docs::push_direction(t, &mut doc_lines);
    let mut variants: Vec<syn::Variant> = u.variants.iter().map(|v| ast::variant(Vec::new(), &v.name, Some(ty::syn_type(&v.ty)))).collect();
    let mut attrs = docs::syn_attrs(&doc_lines);
    attrs.extend(cfg_both.attrs());
    let (Some(tag), Some(catch)) = (&u.tag, &u.catch_all) else {
        attrs.extend(derives(t, true));
        return Ok(vec![ast::enum_item(attrs, &t.name, variants)]);
    };
    let catch_doc = " A variant this crate does not know, kept as received.".to_string();
    variants.push(ast::variant(ast::doc_attrs(&[catch_doc]), catch, Some(ast::path_type("serde_json::Value", Vec::new()))));
    attrs.extend(derives(t, false));
    attrs.push(ast::word_attr("non_exhaustive"));
    let mut items = vec![ast::enum_item(attrs, &t.name, variants)];
    let cfg = cfg_both.and(t.deserialize_feature());
    items.extend(ast::parse(tagged_deserialize(t, u, tag, catch, &cfg.tokens()))?);
    Ok(items)
}

/// A union's derives and `#[serde(untagged)]`: `Clone, Debug, PartialEq`, `Serialize`, and
/// `Deserialize` when `deserialize` (a tagged union writes its own). A serde trait the
/// type's direction gates goes in `#[cfg_attr(feature = "…", derive(…))]`, which also
/// carries `serde(untagged)` when no serde derive is left outside it.
fn derives(t: &TypeDef, deserialize: bool) -> Vec<syn::Attribute> {
    let serde = [(quote!(serde::Serialize), t.serialize_feature())].into_iter();
    let serde = serde.chain(deserialize.then(|| (quote!(serde::Deserialize), t.deserialize_feature())));
    let (mut always, mut gated) = (vec![quote!(Clone), quote!(Debug), quote!(PartialEq)], Vec::new());
    for (path, feature) in serde {
        match feature {
            None => always.push(path),
            Some(f) => gated.push((f, path)),
        }
    }
    let untagged_outside = always.len() > 3;
    let mut attrs = vec![ast::list_attr("derive", quote!(#(#always),*))];
    for (f, path) in gated {
        let untagged = (!untagged_outside).then(|| quote!(, serde(untagged)));
        attrs.push(ast::list_attr("cfg_attr", quote!(feature = #f, derive(#path) #untagged)));
    }
    if untagged_outside {
        attrs.push(ast::list_attr("serde", quote!(untagged)));
    }
    attrs
}

/// `Deserialize` of a tagged union: the tag's value picks the variant; any other value
/// (or none) keeps the payload whole in the catch-all `catch`.
fn tagged_deserialize(t: &TypeDef, u: &UnionDef, tag: &str, catch: &str, cfg: &TokenStream) -> TokenStream {
    let name = ty::ident(&t.name);
    let catch = ty::ident(catch);
    let arms = u.variants.iter().filter(|v| !v.tags.is_empty()).map(|v| {
        let id = ty::ident(&v.name);
        let values = &v.tags;
        quote!(Some(#(#values)|*) => serde_json::from_value(value).map(Self::#id).map_err(serde::de::Error::custom),)
    });
    quote! {
        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = kycgen_runtime::strict_value(d)?;
                let tag = value.get(#tag).and_then(serde_json::Value::as_str).map(str::to_owned);
                match tag.as_deref() {
                    #(#arms)*
                    _ => Ok(Self::#catch(value)),
                }
            }
        }
    }
}
