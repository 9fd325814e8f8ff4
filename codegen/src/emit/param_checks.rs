//! The limits of an operation's parameters as checks in its `validate()`: string lengths
//! and number ranges, through the runtime's `validate::check_*` (the same checks and
//! messages as a request body's `validate()`), each violation named by the parameter.

use super::ty;
use crate::model::{OperationDef, ParamDef, Ty};
use proc_macro2::TokenStream;
use quote::quote;

/// Statements that push onto `errors: Vec<ValidationError>`, one per limited parameter.
pub fn emit(op: &OperationDef) -> Vec<TokenStream> {
    op.params.iter().filter_map(check).collect()
}

fn check(p: &ParamDef) -> Option<TokenStream> {
    let (inner, optional) = match &p.ty {
        Ty::Option(t) => (t.as_ref(), true),
        t => (t, false),
    };
    let l = &p.limits;
    let wire = &p.wire;
    let opt_u = |v: Option<u64>| v.map_or(quote!(None), |v| quote!(Some(#v)));
    let opt_f = |v: Option<f64>| v.map_or(quote!(None), |v| quote!(Some(#v)));
    let test = match inner {
        Ty::String if l.min_length.is_some() || l.max_length.is_some() => {
            let (min, max) = (opt_u(l.min_length), opt_u(l.max_length));
            quote!(kycgen_runtime::validate::check_length(&mut errors, #wire, v, #min, #max);)
        }
        Ty::I64 | Ty::F64 if l.minimum.is_some() || l.maximum.is_some() => {
            let value = if *inner == Ty::I64 { quote!(*v as f64) } else { quote!(*v) };
            let (min, max, xmin, xmax) = (opt_f(l.minimum), opt_f(l.maximum), l.exclusive_minimum, l.exclusive_maximum);
            quote!(kycgen_runtime::validate::check_range(&mut errors, #wire, #value, #min, #max, #xmin, #xmax);)
        }
        _ => return None,
    };
    let f = ty::ident(&p.field);
    Some(if optional {
        quote!(if let Some(v) = &self.#f { #test })
    } else {
        quote!({ let v = &self.#f; #test })
    })
}
