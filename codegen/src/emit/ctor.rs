//! A struct's constructor `new` as a syntax tree built directly: it names every field, so
//! it was most of what a crate's structs sent through tokens and `syn`'s parser (issue 19).
//! Printed exactly as the tokens it replaces: `new(required fields…)`, or
//! `new(<Name>Required { … })` unpacked with a `let`.

use super::structs::is_param;
use super::{ast, ty};
use crate::model::{FieldDef, Presence, StructDef};
use syn::punctuated::Punctuated;
use syn::{Expr, FnArg, ImplItem, Member, Pat, Stmt};

/// `new`: the required fields given (or the parameter object), every other field `None`
/// (sent as `null` when it is required but nullable) or absent.
pub fn constructor(s: &StructDef) -> ImplItem {
    let params: Vec<&FieldDef> = s.fields.iter().filter(|f| is_param(f)).collect();
    let mut stmts = Vec::new();
    let (inputs, doc) = match &s.params {
        Some(object) => {
            let fields = params.iter().map(|f| syn::FieldPat { attrs: Vec::new(), member: member(&f.name), colon_token: None, pat: Box::new(ident_pat(&f.name)) });
            let pat = Pat::Struct(syn::PatStruct {
                attrs: Vec::new(),
                qself: None,
                path: ast::path(object, Vec::new()),
                brace_token: Default::default(),
                fields: fields.collect(),
                rest: None,
            });
            stmts.push(Stmt::Local(syn::Local {
                attrs: Vec::new(),
                let_token: Default::default(),
                modifiers: Default::default(),
                pat,
                init: Some(syn::LocalInit { eq_token: Default::default(), expr: Box::new(path_expr("required")), diverge: None }),
                semi_token: Default::default(),
            }));
            let arg = typed_arg("required", ast::path_type(object, Vec::new()));
            (std::iter::once(arg).collect(), " A value with the fields of `required` and every other field `None` or absent;")
        }
        None => {
            let args = params.iter().map(|f| typed_arg(&f.name, ty::field_type(&f.ty, f.presence)));
            (args.collect(), " A value with every required field given and every other field `None` or absent;")
        }
    };
    let inits = s.fields.iter().map(field_init).collect();
    let self_value = Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: ast::path("Self", Vec::new()),
        brace_token: Default::default(),
        fields: inits,
        dot2_token: None,
        rest: None,
    });
    stmts.push(Stmt::Expr(self_value, None));
    let mut attrs = ast::doc_attrs(&[doc.to_string(), " set those by assignment or with `.with(|v| …)` ([`With`]).".to_string()]);
    attrs.push(ast::word_attr("inline"));
    ImplItem::Fn(syn::ImplItemFn {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        sig: signature(inputs),
        block: syn::Block { brace_token: Default::default(), stmts },
    })
}

/// `fn new(inputs) -> Self`.
fn signature(inputs: Punctuated<FnArg, syn::Token![,]>) -> syn::Signature {
    syn::Signature {
        constness: None,
        asyncness: None,
        safety: Default::default(),
        abi: None,
        fn_token: Default::default(),
        ident: ty::ident("new"),
        generics: Default::default(),
        paren_token: Default::default(),
        inputs,
        variadic: None,
        output: syn::ReturnType::Type(Default::default(), Box::new(ast::path_type("Self", Vec::new()))),
    }
}

/// `name` (shorthand, a parameter of `new`), `name: None` or `name: Nullable::Absent`.
fn field_init(f: &FieldDef) -> syn::FieldValue {
    let value = match f.presence {
        Presence::Required => None,
        Presence::Optional | Presence::RequiredNullable => Some(path_expr("None")),
        Presence::OptionalNullable => Some(path_expr("Nullable::Absent")),
    };
    let (colon_token, expr) = match value {
        Some(v) => (Some(Default::default()), v),
        None => (None, path_expr(&f.name)),
    };
    syn::FieldValue { attrs: Vec::new(), member: member(&f.name), colon_token, expr }
}

fn typed_arg(name: &str, ty: syn::Type) -> FnArg {
    FnArg::Typed(syn::PatType { attrs: Vec::new(), pat: Box::new(ident_pat(name)), colon_token: Default::default(), ty: Box::new(ty) })
}

fn ident_pat(name: &str) -> Pat {
    Pat::Ident(syn::PatIdent { attrs: Vec::new(), by_ref: None, mutability: None, ident: ty::ident(name), subpat: None })
}

fn member(name: &str) -> Member {
    Member::Named(ty::ident(name))
}

fn path_expr(path: &str) -> Expr {
    ast::path_expr(ast::path(path, Vec::new()))
}
