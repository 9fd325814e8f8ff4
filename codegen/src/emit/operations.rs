//! The `operations` module: one type per selected endpoint implementing
//! `kycgen_runtime::Operation` (sans-IO request building; responses are read by the
//! trait's `from_http` from the documented statuses), and
//! `credentials()` from the spec's security schemes.

use super::{docs, ty, validate};
use crate::ir::{ParamIn, SecurityScheme};
use crate::model::{AuthDef, Body, BodyDef, FieldDef, Model, OperationDef, ParamDef, ServerDef, Ty};
use proc_macro2::TokenStream;
use quote::quote;

/// The module's items, or nothing when the model has no operations.
pub fn emit(model: &Model, plan: &validate::Plan) -> Result<TokenStream, String> {
    if model.operations.is_empty() {
        return Ok(TokenStream::new());
    }
    let doc = " Every selected endpoint as a sans-IO request type: `to_http` builds an `http::Request`, `from_http` reads the `http::Response`; send it with any HTTP client, adding `credentials()`.";
    let mut items = vec![quote! {
        #![doc = #doc]
        #[allow(unused_imports)]
        use crate::*;
        #[allow(unused_imports)]
        use kycgen_runtime::{encoding, http, Operation, RequestError, RequestParts, Statuses};
    }];
    items.push(credentials(&model.auth, &model.credential_sets));
    items.push(servers(&model.servers));
    for op in &model.operations {
        // Each of the operation's items is behind its resource's feature, when it has one.
        let cfg = super::Cfg::new(op.feature.as_slice()).tokens();
        items.push(operation(model, op, plan, &cfg)?);
        items.push(super::paginate::emit(model, op, &cfg));
    }
    Ok(items.into_iter().collect())
}

/// `pub mod servers` with one constant per base URL of the spec.
fn servers(list: &[ServerDef]) -> TokenStream {
    if list.is_empty() {
        return TokenStream::new();
    }
    let consts = list.iter().map(|s| {
        let name = ty::ident(&s.name);
        let url = &s.url;
        let doc = docs::attrs(&[s.description.clone().unwrap_or_else(|| format!("`{url}`"))]);
        quote!(#doc pub const #name: &str = #url;)
    });
    let doc = " Base URLs the spec lists (pass one to `to_http` or the client).";
    quote! {
        #[doc = #doc]
        pub mod servers { #(#consts)* }
    }
}

/// One credentials function per security alternative: `credentials()` for the first (with
/// no arguments when the spec has none), `credentials_<schemes>()` for each other one.
fn credentials(auth: &[AuthDef], sets: &[Vec<String>]) -> TokenStream {
    let first: &[String] = sets.first().map_or(&[], Vec::as_slice);
    let mut names: Vec<String> = std::iter::once("credentials".to_string()).chain(sets.iter().skip(1).map(|s| crate::naming::credentials_fn(s))).collect();
    crate::naming::dedupe(&mut names, &mut std::collections::BTreeSet::new());
    let mut lines = vec!["Credentials for the operations, from the spec's security schemes:".to_string(), String::new()];
    if sets.len() > 1 {
        lines[0] = format!("Credentials for the operations, from the spec's first security alternative (`{}`):", first.join(" + "));
    }
    let also: Vec<String> = names.iter().skip(1).map(|n| format!("[`{n}`]")).collect();
    let mut out = credentials_fn(&names[0], first, auth, lines, &also);
    for (name, set) in names.iter().zip(sets).skip(1) {
        let lines = vec![format!("Credentials by the spec's other security alternative `{}`:", set.join(" + ")), String::new()];
        out.extend(credentials_fn(name, set, auth, lines, &[]));
    }
    out
}

/// `pub fn <name>(<one argument per secret>) -> Credentials` for the schemes `set`.
fn credentials_fn(name: &str, set: &[String], auth: &[AuthDef], mut lines: Vec<String>, also: &[String]) -> TokenStream {
    let mut args = Vec::new();
    let mut calls = Vec::new();
    for a in set.iter().filter_map(|s| auth.iter().find(|a| &a.scheme == s)) {
        let arg = ty::ident(&a.arg);
        match &a.kind {
            SecurityScheme::Header(h) => {
                let h = h.to_ascii_lowercase();
                match &a.prefix {
                    Some(prefix) => {
                        lines.push(format!("- `{}`: the `{h}` header, as `{prefix}<{}>`", a.arg, a.arg));
                        calls.push(quote!(.prefixed(#h, #prefix, #arg)));
                    }
                    None => {
                        lines.push(format!("- `{}`: the `{h}` header", a.arg));
                        calls.push(quote!(.header(#h, #arg)));
                    }
                }
            }
            SecurityScheme::Bearer => {
                lines.push(format!("- `{}`: `Authorization: Bearer` token", a.arg));
                calls.push(quote!(.bearer(#arg)));
            }
            SecurityScheme::Basic => {
                let (user, password) = (ty::ident(&format!("{}_user", a.arg)), ty::ident(&format!("{}_password", a.arg)));
                lines.push(format!("- `{}_user`, `{}_password`: `Authorization: Basic` (HTTP basic authentication)", a.arg, a.arg));
                calls.push(quote!(.basic(#user, #password)));
                args.push(quote!(#user: impl Into<kycgen_runtime::Secret>));
                args.push(quote!(#password: impl Into<kycgen_runtime::Secret>));
                continue;
            }
            // Lowering leaves out the alternatives with schemes kycgen does not apply.
            SecurityScheme::Other(_) => continue,
        }
        args.push(quote!(#arg: impl Into<kycgen_runtime::Secret>));
    }
    lines.push(String::new());
    lines.push("Apply them to a built request with `Credentials::apply`.".into());
    // Scheme names are the spec's words (sanitized); the links are to names `naming` made.
    let mut clean = docs::sanitize(&lines);
    if !also.is_empty() {
        clean.extend([String::new(), format!(" The spec accepts other credentials too: {}.", also.join(", "))]);
    }
    let doc = docs::attrs_clean(&clean);
    let name = ty::ident(name);
    quote! {
        #doc
        pub fn #name(#(#args),*) -> kycgen_runtime::Credentials {
            kycgen_runtime::Credentials::new() #(#calls)*
        }
    }
}

/// The operation's struct, its `new` and its `Operation` impl, each behind `cfg`.
fn operation(model: &Model, op: &OperationDef, plan: &validate::Plan, cfg: &TokenStream) -> Result<TokenStream, String> {
    let name = ty::ident(&op.name);
    let mut lines = op.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("`{} {}` (`{}`).", op.method, op.path, op.id));
    let doc = docs::attrs(&lines);
    let fields = op.params.iter().map(|p| {
        let f = ty::ident(&p.field);
        let t = ty::crate_tokens(&p.ty);
        let d = docs::attrs(&[format!("The {} parameter `{}`.", location(p.location), p.wire)]);
        quote!(#d pub #f: #t)
    });
    let body_field = op.body.as_ref().map(|b| {
        let t = ty::crate_tokens(&b.ty);
        let d = docs::attrs(&[format!("The request body, sent as `{}`.", b.content_type)]);
        quote!(#d pub body: #t,)
    });
    let ctor = constructor(op);
    let imp = operation_impl(model, op, plan)?;
    // Nothing required: every field is an `Option`, and `new()` is the default.
    let nothing_required = op.body.as_ref().is_none_or(|b| !b.required) && op.params.iter().all(|p| !p.required);
    let default = if nothing_required { quote!(Default,) } else { quote!() };
    Ok(quote! {
        #cfg
        #doc
        #[derive(Clone, Debug, #default PartialEq)]
        #[non_exhaustive]
        pub struct #name { #body_field #(#fields),* }
        #cfg
        impl #name { #ctor }
        #cfg
        #imp
    })
}

fn location(l: ParamIn) -> &'static str {
    match l {
        ParamIn::Path => "path",
        ParamIn::Query => "query",
        ParamIn::Header => "header",
        ParamIn::Cookie => "cookie",
    }
}

/// `new(required…)`: the body when required, then required parameters in spec order.
fn constructor(op: &OperationDef) -> TokenStream {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    if let Some(b) = &op.body {
        if b.required {
            let t = ty::crate_tokens(&b.ty);
            args.push(quote!(body: #t));
            inits.push(quote!(body));
        } else {
            inits.push(quote!(body: None));
        }
    }
    for p in &op.params {
        let f = ty::ident(&p.field);
        if p.required {
            let t = ty::crate_tokens(&p.ty);
            args.push(quote!(#f: #t));
            inits.push(quote!(#f));
        } else {
            inits.push(quote!(#f: None));
        }
    }
    let doc = " The operation with its required body and parameters; optional ones start as `None`.";
    quote! {
        #[doc = #doc]
        #[inline]
        pub fn new(#(#args),*) -> Self { Self { #(#inits),* } }
    }
}

fn operation_impl(model: &Model, op: &OperationDef, plan: &validate::Plan) -> Result<TokenStream, String> {
    let name = ty::ident(&op.name);
    let (response, error) = (ty::crate_tokens(&op.response), ty::crate_tokens(&op.error));
    let id = &op.id;
    let method = ty::ident(&op.method);
    let validate = validate_body(op, plan);
    let path = path_expr(op)?;
    let params = op.params.iter().map(param_stmt).collect::<Result<Vec<_>, _>>()?;
    let body = body_stmt(model, op)?;
    let lits = |l: &[u16]| l.iter().map(|s| proc_macro2::Literal::u16_unsuffixed(*s)).collect::<Vec<_>>();
    let (success, errors, default_error) = (lits(&op.success), lits(&op.errors), op.default_error);
    // Only query and header parameters and a body add to the request (path parameters are in
    // `#path` already).
    let mutable = if params.iter().all(TokenStream::is_empty) && body.is_empty() { quote!() } else { quote!(mut) };
    Ok(quote! {
        impl Operation for #name {
            type Response = #response;
            type Error = #error;
            const OPERATION_ID: &'static str = #id;
            const METHOD: http::Method = http::Method::#method;
            const STATUSES: Statuses = Statuses { success: &[#(#success),*], error: &[#(#errors),*], default_error: #default_error };
            #[inline]
            fn validate(&self) -> Result<(), RequestError> { #validate }
            #[inline]
            fn to_http(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
                self.validate()?;
                let #mutable parts = RequestParts::new(Self::METHOD, #path);
                #(#params)*
                #body
                parts.build(base_url)
            }
        }
    })
}

/// The body's `validate()` and the parameters' limits, every violation together.
fn validate_body(op: &OperationDef, plan: &validate::Plan) -> TokenStream {
    let checked = |t: &Ty| matches!(t, Ty::Named(n) if plan.is_checked(n));
    let body = match op.body.as_ref().map(|b| &b.ty) {
        Some(t) if checked(t) => quote!(if let Err(e) = self.body.validate() { errors.extend(e); }),
        Some(Ty::Option(t)) if checked(t) => quote! {
            if let Some(Err(e)) = self.body.as_ref().map(|b| b.validate()) { errors.extend(e); }
        },
        _ => quote!(),
    };
    let params = super::param_checks::emit(op);
    if body.is_empty() && params.is_empty() {
        return quote!(Ok(()));
    }
    quote! {
        let mut errors: Vec<kycgen_runtime::ValidationError> = Vec::new();
        #body
        #(#params)*
        if errors.is_empty() { Ok(()) } else { Err(RequestError::Invalid(errors)) }
    }
}

/// The path with each `{name}` replaced by its percent-encoded parameter.
fn path_expr(op: &OperationDef) -> Result<TokenStream, String> {
    let mut pieces = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').map(|e| start + e).ok_or_else(|| format!("`{}`: unclosed `{{` in path", op.path))?;
        let lit = &rest[..start];
        pieces.push(quote!(#lit));
        let wire = &rest[start + 1..end];
        let p = op.params.iter().find(|p| p.location == ParamIn::Path && p.wire == wire);
        let p = p.ok_or_else(|| format!("`{}` (`{}`): path parameter `{wire}` is not declared", op.path, op.id))?;
        let f = ty::ident(&p.field);
        pieces.push(quote!(&encoding::path_segment(&self.#f)));
        rest = &rest[end + 1..];
    }
    if pieces.is_empty() {
        return Ok(quote!(#rest.to_string()));
    }
    pieces.push(quote!(#rest));
    Ok(quote!([#(#pieces),*].concat()))
}

fn param_stmt(p: &ParamDef) -> Result<TokenStream, String> {
    let f = ty::ident(&p.field);
    let wire = &p.wire;
    match p.location {
        ParamIn::Query => {
            let style = match p.style.as_str() {
                "form" => quote!(Form),
                "spaceDelimited" => quote!(SpaceDelimited),
                "pipeDelimited" => quote!(PipeDelimited),
                "deepObject" => quote!(DeepObject),
                other => return Err(format!("query parameter `{wire}`: style `{other}` is not one a query can have")),
            };
            let explode = p.explode;
            Ok(quote!(parts.query().push(#wire, &self.#f, encoding::Style::#style, #explode)?;))
        }
        ParamIn::Header => {
            if wire.is_empty() || !wire.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
                return Err(format!("header parameter `{wire}` is not a valid header name"));
            }
            let lower = wire.to_ascii_lowercase();
            Ok(quote!(parts.header_param(#lower, &self.#f)?;))
        }
        ParamIn::Path | ParamIn::Cookie => Ok(TokenStream::new()),
    }
}

fn body_stmt(model: &Model, op: &OperationDef) -> Result<TokenStream, String> {
    let Some(b) = &op.body else { return Ok(TokenStream::new()) };
    let ct = &b.content_type;
    let encode = match ct.as_str() {
        "multipart/form-data" => return multipart_stmt(model, op, b),
        "application/x-www-form-urlencoded" => quote!(encoding::form_body),
        _ => quote!(encoding::json_body),
    };
    Ok(if b.required {
        quote!(parts.body(#ct, #encode(&self.body)?);)
    } else {
        quote!(if let Some(body) = &self.body { parts.body(#ct, #encode(body)?); })
    })
}

/// A `multipart/form-data` body: one part per field of the body's struct, in field order;
/// fields holding files (`format: binary`) as binary parts, the others as text.
fn multipart_stmt(model: &Model, op: &OperationDef, b: &BodyDef) -> Result<TokenStream, String> {
    let (inner, required) = match &b.ty {
        Ty::Option(t) => (&**t, false),
        t => (t, true),
    };
    let fields = struct_fields(model, inner).ok_or_else(|| format!("`{}`: a multipart/form-data body must be an object with properties", op.id))?;
    let adds = fields.iter().map(|f| {
        let (field, wire) = (ty::ident(&f.name), &f.wire);
        let mut file = false;
        f.ty.visit(&mut |t| file |= *t == Ty::File);
        if file {
            quote!(form.files(#wire, &body.#field)?;)
        } else {
            quote!(form.text(#wire, &body.#field)?;)
        }
    });
    let build = quote! {
        let mut form = kycgen_runtime::multipart::Multipart::new();
        #(#adds)*
        parts.multipart(form);
    };
    Ok(if required {
        quote!({ let body = &self.body; #build })
    } else {
        quote!(if let Some(body) = &self.body { #build })
    })
}

/// The fields of the struct `ty` names, through aliases.
fn struct_fields<'m>(model: &'m Model, ty: &Ty) -> Option<&'m [FieldDef]> {
    let Ty::Named(name) = ty else { return None };
    match &model.types.iter().find(|t| &t.name == name)?.body {
        Body::Struct(s) if !s.fields.is_empty() => Some(&s.fields),
        Body::Alias(other) => struct_fields(model, &Ty::Named(other.clone())),
        _ => None,
    }
}
