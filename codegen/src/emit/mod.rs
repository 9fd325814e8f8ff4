//! Emission: a [`Model`] to the files of one crate (`Cargo.toml`, `src/lib.rs`), built as
//! syn trees (declarations) and token streams (code with expressions) and rendered by
//! [`crate::render`]. Support types and macros live in the `kycgen-runtime` crate.

mod ast;
mod cargo;
mod conversions;
mod crate_docs;
mod ctor;
mod docs;
mod enums;
mod harness;
mod operations;
mod paginate;
mod param_checks;
mod resources;
mod shape;
mod structs;
mod ty;
mod validate;
mod vocabulary;
mod webhooks;

pub use harness::roundtrip_harness;

use crate::model::{Body, Model, Presence, Ty};
use crate::render::{self, OutputFile};
use proc_macro2::TokenStream;
use quote::quote;

/// Every file of the crate, paths relative to the crate directory, sorted. Types are
/// emitted and formatted on all cores; the result does not depend on how many there are.
pub fn crate_files(model: &Model) -> Result<Vec<OutputFile>, String> {
    crate_files_on(model, crate::par::cores())
}

/// [`crate_files`] with the type items split over `threads` threads.
pub fn crate_files_on(model: &Model, threads: usize) -> Result<Vec<OutputFile>, String> {
    let plan = validate::Plan::new(model);
    // Many small chunks per thread, taken in turn: types differ a lot in size, so halves
    // would leave one core waiting; and a small chunk's syntax trees are still in the
    // cache when it is printed (32 per thread: full Plaid 0.15 -> 0.13 s against 8, and a
    // lower peak, BENCHMARKS.md). Chunks are joined in order whatever ran them.
    let threads = threads.clamp(1, 16);
    let chunks: Vec<&[crate::model::TypeDef]> = model.types.chunks(model.types.len().div_ceil(threads * 32).max(1)).collect();
    let rendered = crate::par::map_in_turn(&chunks, threads, None, |chunk| emit_items(chunk, &plan).map(render::items));
    let mut items = Vec::with_capacity(rendered.len() + 1);
    for r in rendered {
        items.push(r.unwrap_or_else(|| Err("internal error: emission panicked".into()))?);
    }
    items.push(render::items(conversions::emit(model)?));
    let used = Used::new(model, &plan.used_helpers());
    let header = render::header(model);
    let exports = used.exports().into_iter().map(ty::ident);
    let uses_time = uses(model, &|t| matches!(t, Ty::Date | Ty::DateTime | Ty::UnixTime)) || used.split_date;
    let reexport_time = if uses_time { quote!(pub use jiff;) } else { quote!() };
    let crate_doc = docs::inner_attrs_clean(&crate_docs::lines(model));
    let webhooks_mod = if model.webhooks.is_some() { quote!(pub mod webhooks;) } else { quote!() };
    let ops = operations::emit(model, &plan)?;
    let ops_mod = if ops.is_empty() { quote!() } else { quote!(pub mod operations; pub use kycgen_runtime;) };
    let vocabulary_mod = if model.vocabulary.is_some() { quote!(pub mod vocabulary; pub use kyc_common;) } else { quote!() };
    let lib = quote! {
        #crate_doc
        #![forbid(unsafe_code)]
        #webhooks_mod
        pub use kycgen_runtime::{ #(#exports),* };
        #reexport_time
        pub use serde_json;
        #ops_mod
        #vocabulary_mod
    };
    let mut files = vec![
        OutputFile { path: "Cargo.toml".into(), contents: cargo::manifest(model, uses_time, &used.runtime_features(model)) },
        OutputFile { path: "src/lib.rs".into(), contents: concat(render::rust(&header, lib)?, items) },
    ];
    files.extend(webhooks::file(model, &header)?);
    files.extend(vocabulary::file(model, &header)?);
    if !ops.is_empty() {
        files.push(OutputFile { path: "src/operations.rs".into(), contents: render::rust(&header, ops)? });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `head` then `rest`, in one allocation of the final size: lib.rs is most of a crate's
/// text (5.7 MB for full Plaid), so growing it piece by piece would copy it and touch twice
/// its memory.
fn concat(head: String, rest: Vec<String>) -> String {
    let mut out = String::with_capacity(head.len() + rest.iter().map(String::len).sum::<usize>());
    out.push_str(&head);
    for piece in rest {
        out.push_str(&piece);
    }
    out
}

/// The items of some of the model's types.
fn emit_items(types: &[crate::model::TypeDef], plan: &validate::Plan) -> Result<Vec<syn::Item>, String> {
    let mut items = Vec::with_capacity(types.len() * 3);
    for t in types {
        let cfg = Cfg::new(&t.features);
        match &t.body {
            Body::Struct(s) => items.extend(structs::emit(t, s, plan, &cfg)?),
            Body::Enum(e) => items.extend(enums::emit(t, e, &cfg)?),
            Body::Union(u) => items.extend(enums::emit_union(t, u, &cfg)?),
            Body::Alias(target) => {
                let note = format!("`{}` in the spec.", t.source);
                // Our words around a name `naming` made: a real intra-doc link.
                let link = format!("The same type as [`{target}`].");
                items.push(type_alias(t, ast::path_type(target, Vec::new()), note, Some(link), &cfg));
            }
            Body::Container(target) => {
                let what = if matches!(target, Ty::Map(_)) { "a map from keys to values" } else { "a list" };
                let note = format!("`{}` in the spec: {what}.", t.source);
                items.push(type_alias(t, ty::syn_type(target), note, None, &cfg));
            }
        }
    }
    Ok(items)
}

/// `pub type Name = target;` with the type's docs, a line about its source, and `link`, a
/// line of our own that is not escaped. A declaration, so a syntax tree like structs and enums.
fn type_alias(t: &crate::model::TypeDef, target: syn::Type, note: String, link: Option<String>, cfg: &Cfg) -> syn::Item {
    let mut d = t.docs.clone();
    // The old name of a renamed schema, kept by `compat`, is deprecated in Rust; a schema the
    // vendor deprecates says so in its docs, as a struct does.
    let old_name = t.origin == crate::model::TypeOrigin::OldName;
    let deprecated = if old_name {
        let note = format!("renamed to `{}`", quote::ToTokens::to_token_stream(&target));
        Some(ast::list_attr("deprecated", quote!(note = #note)))
    } else {
        if !d.is_empty() {
            d.push(String::new());
        }
        d.push(note);
        if t.deprecated {
            d.extend([String::new(), "Deprecated by the vendor.".to_string()]);
        }
        None
    };
    let mut clean = docs::sanitize(&d);
    if let Some(link) = link.filter(|_| !old_name) {
        clean.extend([String::new(), format!(" {link}")]);
    }
    let mut attrs = ast::doc_attrs(&clean);
    attrs.extend(deprecated);
    attrs.extend(cfg.attrs());
    ast::type_item(attrs, &t.name, target)
}

/// `#[cfg(any(feature = "a", …))]` (`#[cfg(feature = "a")]` for one) for a type used by
/// some resources only (nothing for a type every build needs), as tokens and as an attribute.
struct Cfg {
    /// `any(feature = "a", …)` or `feature = "a"`.
    inner: Option<TokenStream>,
}

impl Cfg {
    fn new(features: &[String]) -> Self {
        let inner = match features {
            [] => None,
            [one] => Some(quote!(feature = #one)),
            many => Some(quote!(any( #( feature = #many ),* ))),
        };
        Cfg { inner }
    }

    /// This condition and `feature` too (when there is one): an impl a direction feature gates.
    fn and(&self, feature: Option<&str>) -> Cfg {
        let Some(f) = feature else { return Cfg { inner: self.inner.clone() } };
        let inner = match &self.inner {
            None => quote!(feature = #f),
            Some(inner) => quote!(all(#inner, feature = #f)),
        };
        Cfg { inner: Some(inner) }
    }

    /// The attribute as tokens, for code written with `quote!`.
    fn tokens(&self) -> TokenStream {
        self.inner.iter().map(|inner| quote!(#[cfg(#inner)])).collect()
    }

    /// The attribute, if any, as a list to extend attributes with.
    fn attrs(&self) -> Vec<syn::Attribute> {
        self.inner.iter().map(|inner| ast::list_attr("cfg", inner.clone())).collect()
    }
}

fn uses(m: &Model, pred: &dyn Fn(&Ty) -> bool) -> bool {
    let mut found = false;
    for t in &m.types {
        t.tys().into_iter().for_each(|ty| ty.visit(&mut |x| found |= pred(x)));
    }
    found
}

/// What the generated types use from `kycgen-runtime`.
struct Used {
    nullable: bool,
    expandable: bool,
    unix_time: bool,
    pii: bool,
    validation: bool,
    pattern: bool,
    /// An open enum (its catch-all holds an `UnknownValue`).
    enums: bool,
    /// A struct with a required string `id` (`HasId`).
    has_id: bool,
    /// A day/month/year struct (`to_date()`, on `split_date`).
    split_date: bool,
}

impl Used {
    fn new(m: &Model, helpers: &std::collections::BTreeSet<validate::Helper>) -> Self {
        let optional_nullable = m.types.iter().any(|t| match &t.body {
            Body::Struct(s) => s.fields.iter().any(|f| f.presence == Presence::OptionalNullable),
            _ => false,
        });
        let structs = || m.types.iter().filter_map(|t| if let Body::Struct(s) = &t.body { Some(s) } else { None });
        Used {
            enums: m.types.iter().any(|t| matches!(t.body, Body::Enum(_))),
            has_id: structs().any(shape::has_id),
            split_date: structs().any(shape::is_split_date),
            nullable: optional_nullable,
            expandable: uses(m, &|t| matches!(t, Ty::Expandable(_))),
            unix_time: uses(m, &|t| matches!(t, Ty::UnixTime)),
            pii: uses(m, &|t| matches!(t, Ty::Pii(_))),
            validation: helpers.contains(&validate::Helper::ValidationError),
            pattern: helpers.contains(&validate::Helper::CheckPattern),
        }
    }

    /// The runtime items the crate re-exports: what its public API names, and the JSON
    /// entry points every crate has.
    fn exports(&self) -> Vec<&'static str> {
        let mut out = vec!["from_slice", "from_str", "JsonError", "With"];
        for (used, name) in [
            (self.nullable, "Nullable"),
            (self.enums, "UnknownValue"),
            (self.has_id, "HasId"),
            (self.expandable, "Expandable"),
            (self.unix_time, "UnixTime"),
            (self.pii, "Pii"),
            (self.pii, "debug_pii"),
            (self.validation, "ValidationError"),
        ] {
            if used {
                out.push(name);
            }
        }
        out
    }

    /// The runtime's optional features the crate needs.
    fn runtime_features(&self, model: &Model) -> Vec<&'static str> {
        let webhooks = model.webhooks.is_some();
        [(self.pattern, "pattern"), (self.unix_time || self.split_date, "time"), (webhooks, "webhooks")].into_iter().filter(|(on, _)| *on).map(|(_, f)| f).collect()
    }
}
