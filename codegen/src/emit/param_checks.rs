//! The limits of an operation's parameters as checks in its `validate()`: string lengths
//! and number ranges, each violation a `name: what` line without the value.

use super::ty;
use crate::model::{OperationDef, ParamDef, Ty};
use proc_macro2::TokenStream;
use quote::quote;

/// Statements that push onto `errors: Vec<String>`, one block per limited parameter.
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
    let mut tests = Vec::new();
    match inner {
        Ty::String => {
            if let Some(min) = l.min_length {
                let msg = format!("{wire}: shorter than {min} characters");
                tests.push(quote!(if (v.chars().count() as u64) < #min { errors.push(#msg.to_string()); }));
            }
            if let Some(max) = l.max_length {
                let msg = format!("{wire}: longer than {max} characters");
                tests.push(quote!(if v.chars().count() as u64 > #max { errors.push(#msg.to_string()); }));
            }
        }
        Ty::I64 | Ty::F64 => {
            let as_ty = if *inner == Ty::I64 { quote!((*v as f64)) } else { quote!(*v) };
            if let Some(min) = l.minimum {
                let (cmp, word) = if l.exclusive_minimum { (quote!(<=), "more than") } else { (quote!(<), "at least") };
                let msg = format!("{wire}: must be {word} {min}");
                tests.push(quote!(if #as_ty #cmp #min { errors.push(#msg.to_string()); }));
            }
            if let Some(max) = l.maximum {
                let (cmp, word) = if l.exclusive_maximum { (quote!(>=), "less than") } else { (quote!(>), "at most") };
                let msg = format!("{wire}: must be {word} {max}");
                tests.push(quote!(if #as_ty #cmp #max { errors.push(#msg.to_string()); }));
            }
        }
        _ => {}
    }
    if tests.is_empty() {
        return None;
    }
    let f = ty::ident(&p.field);
    Some(if optional {
        quote!(if let Some(v) = &self.#f { #(#tests)* })
    } else {
        quote!({ let v = &self.#f; #(#tests)* })
    })
}
