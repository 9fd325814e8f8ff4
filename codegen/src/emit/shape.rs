//! Methods a struct gets from the shape of its fields: `HasId` for a required string
//! `id` (so `Expandable::id()` answers for an expanded object), `to_date()` for a
//! day/month/year object (Stripe's split dates).

use super::{ast, ty, Cfg};
use crate::model::{FieldDef, Presence, StructDef, Ty};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::Item;

/// The struct has a required string `id`.
pub fn has_id(s: &StructDef) -> bool {
    s.fields.iter().any(|f| f.wire == "id" && f.ty == Ty::String && f.presence == Presence::Required)
}

/// The struct is a split date: integer `day`, `month` and `year` fields.
pub fn is_split_date(s: &StructDef) -> bool {
    split_date_fields(s).is_some()
}

/// `impl kycgen_runtime::HasId`, for a struct with a required string `id`.
pub fn has_id_impl(name: &Ident, s: &StructDef, cfg: &Cfg) -> Result<Vec<Item>, String> {
    if !has_id(s) {
        return Ok(Vec::new());
    }
    let tokens = || {
        quote! {
            impl kycgen_runtime::HasId for __Name {
                #[inline]
                fn id(&self) -> &str { &self.id }
            }
        }
    };
    ast::template("has_id", tokens, &[("__Name", name)], cfg.attrs())
}

/// `to_date()`, inside the struct's `impl` block, for a split date.
pub fn to_date(s: &StructDef) -> TokenStream {
    let Some([day, month, year]) = split_date_fields(s) else { return quote!() };
    let (day, month, year) = (read(day), read(month), read(year));
    quote! {
        /// The date, when day, month and year are all given and name a real date (`None`
        /// for a partial one, such as a date of birth without its year).
        #[inline]
        pub fn to_date(&self) -> Option<jiff::civil::Date> {
            kycgen_runtime::split_date(#year, #month, #day)
        }
    }
}

fn split_date_fields(s: &StructDef) -> Option<[&FieldDef; 3]> {
    let find = |wire: &str| s.fields.iter().find(|f| f.wire == wire && f.ty == Ty::I64);
    Some([find("day")?, find("month")?, find("year")?])
}

/// The field as an `Option<i64>`.
fn read(f: &FieldDef) -> TokenStream {
    let id = ty::ident(&f.name);
    match f.presence {
        Presence::Required => quote!(Some(self.#id)),
        Presence::Optional | Presence::RequiredNullable => quote!(self.#id),
        Presence::OptionalNullable => quote!(self.#id.as_option().copied()),
    }
}
