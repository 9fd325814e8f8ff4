//! `validate()` for request types: every length, pattern, range and item-count limit the
//! spec states, reported together with the JSON path of each violation.

use super::{ast, ty};
use crate::ir::Limits;
use crate::model::{Body, FieldDef, Model, Presence, StructDef, Ty, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Mutex;
use syn::ImplItem;

/// A `kycgen_runtime::validate` item that emitted checks call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Helper {
    ValidationError,
    Join,
    CheckLength,
    CheckPattern,
    CheckRange,
    CheckItems,
}

/// Which request structs have something to check (themselves or inside them), and which
/// runtime helpers the checks use.
pub struct Plan {
    checked: HashSet<String>,
    aliases: HashMap<String, String>,
    used: Mutex<BTreeSet<Helper>>,
}

impl Plan {
    pub fn new(model: &Model) -> Self {
        let aliases: HashMap<String, String> = model
            .types
            .iter()
            .filter_map(|t| match &t.body {
                Body::Alias(a) => Some((t.name.clone(), a.clone())),
                _ => None,
            })
            .collect();
        let mut plan = Plan { checked: HashSet::new(), aliases, used: Mutex::new(BTreeSet::new()) };
        let requests: Vec<(&String, &StructDef)> = model
            .types
            .iter()
            .filter_map(|t| match &t.body {
                Body::Struct(s) if s.request => Some((&t.name, s)),
                _ => None,
            })
            .collect();
        loop {
            let before = plan.checked.len();
            for (name, s) in &requests {
                if !plan.checked.contains(*name) && s.fields.iter().any(|f| plan.field_has_checks(f)) {
                    plan.checked.insert((*name).clone());
                }
            }
            if plan.checked.len() == before {
                break;
            }
        }
        plan
    }

    /// Whether the request type `name` (or what it aliases) has a `validate()`.
    pub fn is_checked(&self, name: &str) -> bool {
        let chain = crate::resolve::follow(name, |n| self.aliases.get(n).map(String::as_str));
        chain.names.iter().any(|n| self.checked.contains(*n))
    }

    fn field_has_checks(&self, f: &FieldDef) -> bool {
        has_limits(&f.ty, &f.limits) || self.ty_has_nested(&f.ty)
    }

    fn ty_has_nested(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Named(n) => self.is_checked(n),
            Ty::Boxed(t) | Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Pii(t) => self.ty_has_nested(t),
            _ => false,
        }
    }

    fn use_helper(&self, name: Helper) {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).insert(name);
    }

    /// The runtime helpers that emitted checks use.
    pub fn used_helpers(&self) -> BTreeSet<Helper> {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

fn has_limits(ty: &Ty, l: &Limits) -> bool {
    match ty {
        Ty::String => l.min_length.is_some() || l.max_length.is_some() || l.pattern.is_some(),
        Ty::I64 | Ty::F64 => l.minimum.is_some() || l.maximum.is_some(),
        Ty::Vec(_) => l.min_items.is_some() || l.max_items.is_some(),
        Ty::Pii(t) => has_limits(t, l),
        _ => false,
    }
}

/// `validate()` (and `validate_at()` when there is something to check) for a request
/// struct, as methods of its `impl` block. Most have nothing to check: theirs is a template
/// (see [`ast::template`]).
pub fn emit(t: &TypeDef, s: &StructDef, plan: &Plan) -> Result<Vec<ImplItem>, String> {
    if !s.request {
        return Ok(Vec::new());
    }
    plan.use_helper(Helper::ValidationError);
    let doc = " Checks every limit the spec states for this value and the values inside it, and returns all violations with their JSON paths.";
    if !plan.is_checked(&t.name) {
        let nothing = || {
            quote! {
                impl X {
                    #[doc = #doc]
                    #[inline]
                    pub fn validate(&self) -> Result<(), Vec<ValidationError>> { Ok(()) }
                }
            }
        };
        return ast::impl_items(ast::template("validate_nothing", nothing, &[], Vec::new())?);
    }
    plan.use_helper(Helper::Join);
    let checks = s.fields.iter().filter(|f| plan.field_has_checks(f)).map(|f| field_check(f, plan));
    ast::impl_items(ast::parse(quote! {
        impl X {
            #[doc = #doc]
            #[inline]
            pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
                let mut errors = Vec::new();
                self.validate_at("", &mut errors);
                if errors.is_empty() { Ok(()) } else { Err(errors) }
            }

            #[inline]
            pub(crate) fn validate_at(&self, path: &str, errors: &mut Vec<ValidationError>) {
                #(#checks)*
            }
        }
    })?)
}

fn field_check(f: &FieldDef, plan: &Plan) -> TokenStream {
    let id = ty::ident(&f.name);
    let wire = &f.wire;
    let body = value_check(&f.ty, &f.limits, quote!(value), quote!(&path), plan);
    let binding = match f.presence {
        Presence::Required => return quote! {{ let value = &self.#id; let path = kycgen_runtime::validate::join(path, #wire); #body }},
        Presence::Optional | Presence::RequiredNullable => quote!(Some(value)),
        Presence::OptionalNullable => quote!(Nullable::Value(value)),
    };
    quote! { if let #binding = &self.#id { let path = kycgen_runtime::validate::join(path, #wire); #body } }
}

/// Checks for `value: &T` at `path: &str`.
fn value_check(ty: &Ty, l: &Limits, value: TokenStream, path: TokenStream, plan: &Plan) -> TokenStream {
    let mut out = TokenStream::new();
    match ty {
        Ty::String => out.extend(string_checks(l, &value, &path, plan)),
        Ty::I64 | Ty::F64 if l.minimum.is_some() || l.maximum.is_some() => {
            plan.use_helper(Helper::CheckRange);
            let (min, max) = (opt(l.minimum), opt(l.maximum));
            let (emin, emax) = (l.exclusive_minimum, l.exclusive_maximum);
            let number = if *ty == Ty::F64 { quote!(*#value) } else { quote!(*#value as f64) };
            out.extend(quote!(kycgen_runtime::validate::check_range(errors, #path, #number, #min, #max, #emin, #emax);));
        }
        Ty::Vec(inner) => out.extend(vec_checks(inner, l, &value, &path, plan)),
        Ty::Map(inner) if plan.ty_has_nested(inner) => {
            let each = value_check(inner, &Limits::default(), quote!(item), quote!(&item_path), plan);
            out.extend(quote! {
                for (key, item) in #value.iter() {
                    let item_path = kycgen_runtime::validate::join(#path, key);
                    #each
                }
            });
        }
        Ty::Option(inner) if plan.ty_has_nested(inner) => {
            let each = value_check(inner, l, quote!(inner), path, plan);
            out.extend(quote!(if let Some(inner) = #value { #each }));
        }
        Ty::Boxed(inner) => out.extend(value_check(inner, l, value, path, plan)),
        Ty::Pii(inner) => out.extend(value_check(inner, l, quote!(#value.expose()), path, plan)),
        Ty::Named(n) if plan.is_checked(n) => out.extend(quote!(#value.validate_at(#path, errors);)),
        _ => {}
    }
    out
}

/// `Some(n)` or `None`, as a literal of the limit's type.
fn opt(v: Option<impl quote::ToTokens>) -> TokenStream {
    match v {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    }
}

/// A string's length and pattern checks.
fn string_checks(l: &Limits, value: &TokenStream, path: &TokenStream, plan: &Plan) -> TokenStream {
    let mut out = TokenStream::new();
    if l.min_length.is_some() || l.max_length.is_some() {
        plan.use_helper(Helper::CheckLength);
        let (min, max) = (opt(l.min_length), opt(l.max_length));
        out.extend(quote!(kycgen_runtime::validate::check_length(errors, #path, #value, #min, #max);));
    }
    if let Some(p) = &l.pattern {
        plan.use_helper(Helper::CheckPattern);
        out.extend(quote! {{
            static PATTERN: kycgen_runtime::validate::Pattern = kycgen_runtime::validate::Pattern::new(#p);
            kycgen_runtime::validate::check_pattern(errors, #path, #value, &PATTERN);
        }});
    }
    out
}

/// An array's item-count check, then each item's checks when its type has any.
fn vec_checks(inner: &Ty, l: &Limits, value: &TokenStream, path: &TokenStream, plan: &Plan) -> TokenStream {
    let mut out = TokenStream::new();
    if l.min_items.is_some() || l.max_items.is_some() {
        plan.use_helper(Helper::CheckItems);
        let (min, max) = (opt(l.min_items), opt(l.max_items));
        out.extend(quote!(kycgen_runtime::validate::check_items(errors, #path, #value.len(), #min, #max);));
    }
    if plan.ty_has_nested(inner) {
        let each = value_check(inner, &Limits::default(), quote!(item), quote!(&item_path), plan);
        out.extend(quote! {
            for (i, item) in #value.iter().enumerate() {
                let item_path = format!("{}[{}]", #path, i);
                #each
            }
        });
    }
    out
}
