//! `Paginated` impls (behind the generated crate's `client` feature) for list operations
//! recognised by their fields: Plaid's `cursor` in the request and `next_cursor` in the
//! response, Stripe's `has_more` and `data` in the response with a `starting_after` query
//! parameter.

use super::ty;
use crate::model::{Body, FieldDef, Model, OperationDef, Presence, StructDef, Ty};
use proc_macro2::TokenStream;
use quote::quote;

/// The impl for `op` (behind `cfg`, its resource's feature), or nothing when it is not a
/// list of either kind.
pub fn emit(model: &Model, op: &OperationDef, cfg: &TokenStream) -> TokenStream {
    let Some(resp) = struct_of(model, &op.response) else { return TokenStream::new() };
    let name = ty::ident(&op.name);
    let (next, items) = if let Some(t) = plaid_style(model, op, resp) {
        t
    } else if let Some(t) = stripe_style(model, op, resp) {
        t
    } else {
        return TokenStream::new();
    };
    let (items_field, item_ty) = items;
    let (items_ident, item_ty) = (ty::ident(&items_field.name), ty::crate_tokens(item_ty));
    quote! {
        #cfg
        #[cfg(feature = "client")]
        impl kycgen_runtime::client::Paginated for #name {
            type Item = #item_ty;
            #[inline]
            fn next_page(&self, page: &Self::Response) -> Option<Self> { #next }
            #[inline]
            fn into_items(page: Self::Response) -> Vec<Self::Item> { page.#items_ident }
        }
    }
}

fn struct_of<'m>(model: &'m Model, t: &Ty) -> Option<&'m StructDef> {
    let Ty::Named(n) = t else { return None };
    model.types.iter().find(|d| d.name == *n).and_then(|d| match &d.body {
        Body::Struct(s) => Some(s),
        _ => None,
    })
}

fn field<'s>(s: &'s StructDef, wire: &str) -> Option<&'s FieldDef> {
    s.fields.iter().find(|f| f.wire == wire)
}

/// The one required array field of the response: the page's items.
fn items<'s>(resp: &'s StructDef, wire: Option<&str>) -> Option<(&'s FieldDef, &'s Ty)> {
    let mut arrays = resp.fields.iter().filter(|f| f.presence == Presence::Required && wire.is_none_or(|w| f.wire == w)).filter_map(|f| match &f.ty {
        Ty::Vec(inner) => Some((f, inner.as_ref())),
        _ => None,
    });
    let first = arrays.next()?;
    arrays.next().is_none().then_some(first)
}

/// `body.cursor = next_cursor` while `next_cursor` is not null.
fn plaid_style<'m>(model: &'m Model, op: &OperationDef, resp: &'m StructDef) -> Option<(TokenStream, (&'m FieldDef, &'m Ty))> {
    let body = struct_of(model, &op.body.as_ref().filter(|b| b.required)?.ty)?;
    let cursor = field(body, "cursor").filter(|f| f.ty == Ty::String)?;
    let next = field(resp, "next_cursor").filter(|f| f.ty == Ty::String && f.presence != Presence::Required)?;
    let (c, n) = (ty::ident(&cursor.name), ty::ident(&next.name));
    let set = match cursor.presence {
        Presence::Required => quote!(cursor),
        Presence::Optional | Presence::RequiredNullable => quote!(Some(cursor)),
        Presence::OptionalNullable => quote!(Nullable::Value(cursor)),
    };
    let code = quote! {
        let cursor = page.#n.clone().filter(|c| !c.is_empty())?;
        let mut next = self.clone();
        next.body.#c = #set;
        Some(next)
    };
    Some((code, items(resp, None)?))
}

/// `starting_after = <last item>.id` while `has_more`.
fn stripe_style<'m>(model: &'m Model, op: &OperationDef, resp: &'m StructDef) -> Option<(TokenStream, (&'m FieldDef, &'m Ty))> {
    let param = op.params.iter().find(|p| p.wire == "starting_after" && !p.required)?;
    let more = field(resp, "has_more").filter(|f| f.ty == Ty::Bool && f.presence == Presence::Required)?;
    let (data, item) = items(resp, Some("data"))?;
    let id = field(struct_of(model, item)?, "id").filter(|f| f.ty == Ty::String && f.presence == Presence::Required)?;
    let (p, m, d, i) = (ty::ident(&param.field), ty::ident(&more.name), ty::ident(&data.name), ty::ident(&id.name));
    let code = quote! {
        if !page.#m { return None; }
        let last = page.#d.last()?;
        let mut next = self.clone();
        next.#p = Some(last.#i.clone());
        Some(next)
    };
    Some((code, (data, item)))
}
