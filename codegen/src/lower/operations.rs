//! Operations the config selects, lowered to [`OperationDef`]s: Rust names, parameter
//! fields, body, success and error types by status, and the credentials they need.

use super::types::Lowerer;
use crate::config::CrateConfig;
use crate::diag::Diagnostic;
use crate::ir::{Operation, ParamIn, SecurityScheme, Spec};
use crate::model::{AuthDef, BodyDef, OperationDef, ParamDef, ServerDef, Ty};
use crate::naming;
use crate::resolve::refs_in;
use std::collections::BTreeSet;

/// The config's operations found in the spec, with their type-name renames; an unknown
/// `operationId` is an error on the config.
pub(super) fn selected<'s>(spec: &'s Spec, cfg: &CrateConfig, cfg_file: &str, diags: &mut crate::diag::Diagnostics) -> Vec<(&'s Operation, Option<String>)> {
    if cfg.all_operations {
        return every(spec, cfg, diags);
    }
    let mut out = Vec::new();
    for (id, rename) in cfg.operations.iter().flat_map(|p| p.pairs()) {
        match spec.operations.iter().find(|o| o.operation_id.as_deref() == Some(id.as_str())) {
            Some(op) => out.push((op, rename)),
            None => diags.push(Diagnostic::error(cfg_file, format!("operation `{id}` is not in the spec (no operation has this operationId)"))),
        }
    }
    out
}

/// Every operation of the spec (`all_operations`), with the config's renames; those that
/// cannot be generated are left out, each with a located warning.
fn every<'s>(spec: &'s Spec, cfg: &CrateConfig, diags: &mut crate::diag::Diagnostics) -> Vec<(&'s Operation, Option<String>)> {
    let renames: Vec<(String, Option<String>)> = cfg.operations.iter().flat_map(|p| p.pairs()).collect();
    let mut out = Vec::new();
    for op in &spec.operations {
        let skip = |why: &str| op.origin.locate(Diagnostic::warning(&op.origin.file, format!("{} {}: {why}: not generated", op.method.to_ascii_uppercase(), op.path)));
        match &op.operation_id {
            None => diags.push(skip("no operationId to name it by")),
            Some(id) => out.push((op, renames.iter().find(|(r, _)| r == id).and_then(|(_, n)| n.clone()))),
        }
    }
    out
}

/// Component schemas the selected operations send (bodies, parameters) and receive.
pub(super) fn roots(ops: &[(&Operation, Option<String>)]) -> (Vec<String>, Vec<String>) {
    let (mut requests, mut responses) = (Vec::new(), Vec::new());
    for (op, _) in ops {
        op.parameters.iter().for_each(|p| refs_in(&p.schema, &mut requests));
        op.body.iter().for_each(|b| refs_in(&b.schema, &mut requests));
        op.responses.iter().filter_map(|r| r.schema.as_ref()).for_each(|s| refs_in(s, &mut responses));
    }
    let owned = |names: Vec<&str>| names.into_iter().map(str::to_string).collect();
    (owned(requests), owned(responses))
}

/// The component schema of the config's `webhooks.callback`, read from the spec's
/// `callbacks`; every webhook event must name it. Unknown callbacks, a body that is not a
/// `$ref` and events naming another schema are errors on the config.
pub(super) fn callback_root(spec: &Spec, cfg: &CrateConfig, cfg_file: &str, diags: &mut crate::diag::Diagnostics) -> Option<String> {
    let hooks = cfg.webhooks.as_ref()?;
    let name = hooks.callback.as_ref()?;
    // An operation's callback, or an entry of the document's `webhooks` (OpenAPI 3.1).
    let found = spec.operations.iter().flat_map(|o| &o.callbacks).chain(&spec.webhooks).find(|c| &c.name == name);
    let Some(cb) = found else {
        diags.push(Diagnostic::error(cfg_file, format!("`webhooks.callback`: no operation of the spec has a callback `{name}`, and its `webhooks` has no such entry")));
        return None;
    };
    let Some(crate::ir::Kind::Ref(schema)) = cb.body.as_ref().map(|b| &b.kind) else {
        diags.push(Diagnostic::error(cfg_file, format!("`webhooks.callback`: the JSON body of callback `{name}` is not a component schema (`$ref`)")));
        return None;
    };
    for (kind, event) in &hooks.events {
        if event != schema {
            diags.push(Diagnostic::error(cfg_file, format!("webhook event `{kind}` names `{event}`, but callback `{name}` sends `{schema}`")));
        }
    }
    Some(schema.clone())
}

/// Lowers the selected operations; type names are checked against each other and against
/// the UpperCamelCase rule for renames.
pub(super) fn lower(ops: &[(&Operation, Option<String>)], lw: &mut Lowerer, cfg_file: &str) -> (Vec<OperationDef>, Auth) {
    let mut defs: Vec<OperationDef> = Vec::new();
    let mut auth = Auth::default();
    let mut seen = BTreeSet::new();
    for (op, rename) in ops {
        op.problems.iter().for_each(|d| lw.diags.push(d.clone()));
        let id = op.operation_id.clone().unwrap_or_default();
        let name = rename.clone().unwrap_or_else(|| naming::type_name(&id));
        if naming::type_name(&name) != name || defs.iter().any(|d| d.name == name) {
            lw.diags.push(Diagnostic::error(cfg_file, format!("operation type name `{name}` (of `{id}`) is not a unique UpperCamelCase name")));
            continue;
        }
        let def = operation(op, &id, &name, lw);
        credentials_of(op, &id, lw, &mut auth, &mut seen);
        defs.push(def);
    }
    check_auth_config(lw, &auth.schemes, cfg_file);
    (defs, auth)
}

/// The credentials the selected operations accept.
#[derive(Default)]
pub(super) struct Auth {
    /// Every scheme kycgen applies, in first-use order.
    pub schemes: Vec<AuthDef>,
    /// The security alternatives made of those schemes, in first-use order: each becomes a
    /// credentials function.
    pub sets: Vec<Vec<String>>,
}

/// Adds the security alternatives of `op` (its own, or the document's) to `auth`. An
/// alternative kycgen can apply (`apiKey` headers, bearer and basic `http`) becomes a
/// credentials function; one with another kind of scheme is left out with a located
/// warning, once (`seen`); an empty one (no credentials needed) needs no function.
fn credentials_of(op: &Operation, id: &str, lw: &mut Lowerer, auth: &mut Auth, seen: &mut BTreeSet<Vec<String>>) {
    let list = op.security.as_ref().unwrap_or(&lw.spec.security).clone();
    for alternative in list.into_iter().filter(|a| !a.is_empty()) {
        if !seen.insert(alternative.clone()) {
            continue;
        }
        let kinds: Vec<Option<SecurityScheme>> = alternative.iter().map(|s| lw.spec.security_schemes.get(s).cloned()).collect();
        let unapplied = alternative.iter().zip(&kinds).find(|(_, k)| matches!(k, None | Some(SecurityScheme::Other(_))));
        if let Some((scheme, _)) = unapplied {
            let msg = format!("security scheme `{scheme}` of `{id}` is not applied by kycgen: no credentials function for the alternative `{}`; set it yourself", alternative.join(" + "));
            lw.diags.push(op.origin.locate(Diagnostic::warning(&op.origin.file, msg)));
            continue;
        }
        for (scheme, kind) in alternative.iter().zip(kinds.into_iter().flatten()) {
            if !auth.schemes.iter().any(|a| &a.scheme == scheme) {
                let prefix = lw.cfg.auth.get(scheme).and_then(|a| a.prefix.clone());
                auth.schemes.push(AuthDef { arg: naming::field_name(scheme), scheme: scheme.clone(), kind, prefix });
            }
        }
        auth.sets.push(alternative);
    }
}

/// Every `auth:` entry of the config names a header scheme the operations use, and its prefix
/// is visible ASCII (it goes into a header value).
fn check_auth_config(lw: &mut Lowerer, auth: &[AuthDef], cfg_file: &str) {
    for (scheme, a) in &lw.cfg.auth {
        let used = auth.iter().any(|d| &d.scheme == scheme && matches!(d.kind, SecurityScheme::Header(_)));
        if !used {
            lw.diags.push(Diagnostic::error(cfg_file, format!("`auth.{scheme}`: no generated operation uses an `apiKey` header scheme of this name")));
        }
        if a.prefix.as_deref().is_some_and(|p| !p.bytes().all(|b| b == b' ' || (b.is_ascii_graphic() && b != b'`'))) {
            lw.diags.push(Diagnostic::error(cfg_file, format!("`auth.{scheme}.prefix` must be visible ASCII or spaces, without backticks (it is part of a header value and of the docs)")));
        }
    }
}

fn operation(op: &Operation, id: &str, name: &str, lw: &mut Lowerer) -> OperationDef {
    // `body` is the body's field.
    let mut taken: BTreeSet<String> = BTreeSet::from(["body".to_string()]);
    let mut params = Vec::new();
    for p in &op.parameters {
        if p.location == ParamIn::Cookie {
            lw.diags.push(op.origin.locate(Diagnostic::warning(&op.origin.file, format!("cookie parameter `{}` of `{id}` is not generated: set the cookie yourself", p.name))));
            continue;
        }
        let mut field = vec![naming::field_name(&p.name)];
        naming::dedupe(&mut field, &mut taken);
        let (ty, limits) = lw.operation_part(&p.schema, id, name, &format!("{id}.{}", p.name), &p.name, true);
        let ty = if p.required { ty } else { optional(ty) };
        let (field, wire) = (field.remove(0), p.name.clone());
        params.push(ParamDef { field, wire, location: p.location, required: p.required, style: p.style.clone(), explode: p.explode, ty, limits });
    }
    let body = op.body.as_ref().map(|b| {
        let ty = lw.operation_part(&b.schema, id, name, &format!("{id}.body"), "body", true).0;
        BodyDef { content_type: b.content_type.clone(), ty: if b.required { ty } else { optional(ty) }, required: b.required }
    });
    let mut def = OperationDef {
        name: name.to_string(),
        id: id.to_string(),
        method: op.method.to_ascii_uppercase(),
        path: op.path.clone(),
        docs: super::types::doc_lines(&op.docs),
        params,
        body,
        response: Ty::Json,
        success: Vec::new(),
        error: Ty::Json,
        errors: Vec::new(),
        default_error: false,
        feature: None,
    };
    statuses(op, id, name, lw, &mut def);
    def
}

fn optional(ty: Ty) -> Ty {
    match ty {
        Ty::Option(_) => ty,
        t => Ty::Option(Box::new(t)),
    }
}

/// Sorts documented responses into success and error statuses. The success type is the
/// first 2xx schema and the error type the first other schema; a status whose schema is a
/// different type is left out of either list (its responses come back as `Unexpected`) with
/// a warning.
fn statuses(op: &Operation, id: &str, name: &str, lw: &mut Lowerer, def: &mut OperationDef) {
    let (mut ok_ty, mut err_ty): (Option<Ty>, Option<Ty>) = (None, None);
    for r in &op.responses {
        let code = match r.status.to_ascii_uppercase().as_str() {
            "DEFAULT" => 0,
            s if s.len() == 3 && s.ends_with("XX") => s[..1].parse::<u16>().unwrap_or(0),
            s => s.parse::<u16>().unwrap_or(0),
        };
        let success = (200..300).contains(&code) || code == 2;
        let source = format!("{id}.{}", r.status);
        let ty = r.schema.as_ref().map(|s| lw.operation_part(s, id, name, &source, &format!("response_{}", r.status), false).0);
        let slot = if success { &mut ok_ty } else { &mut err_ty };
        match (&ty, slot.as_ref()) {
            (Some(t), Some(prev)) if t != prev => {
                let what = if success { "success" } else { "error" };
                lw.diags.push(op.origin.locate(Diagnostic::warning(
                    &op.origin.file,
                    format!("`{id}` response `{}` has another {what} body type than the first: it is returned as `ApiError::Unexpected` with the raw body", r.status),
                )));
                continue;
            }
            (Some(t), None) => *slot = Some(t.clone()),
            _ => {}
        }
        match (success, r.status.eq_ignore_ascii_case("default")) {
            (true, _) => def.success.push(code),
            (false, true) => def.default_error = ty.is_some(),
            (false, false) if ty.is_some() => def.errors.push(code),
            _ => {}
        }
    }
    // A body schema marked nullable (Plaid's error object) is still a body: no `Option`.
    let unwrap = |t: Option<Ty>| match t {
        Some(Ty::Option(inner)) => *inner,
        t => t.unwrap_or(Ty::Json),
    };
    def.response = unwrap(ok_ty);
    def.error = unwrap(err_ty);
    if def.success.is_empty() {
        def.success.push(2);
    }
}

/// The spec's absolute `http(s)` servers, each named after the values of its enumerated
/// variables (`https://api.{region}.onfido.com` with `region: eu` → `EU`) or else its host's
/// first label (`https://sandbox.plaid.com` → `SANDBOX`); others are a warning.
pub(super) fn servers(spec: &Spec, diags: &mut crate::diag::Diagnostics) -> Vec<ServerDef> {
    let mut out = Vec::new();
    let mut taken = BTreeSet::new();
    for s in &spec.servers {
        let host = s.url.strip_prefix("https://").or_else(|| s.url.strip_prefix("http://")).map(|r| r.split(['/', '.', ':']).next().unwrap_or_default());
        let Some(host) = host.filter(|h| !h.is_empty() && !s.url.contains(['{', '}'])) else {
            let msg = format!("server `{}` is not an absolute http(s) URL: no constant is generated for it", s.url);
            diags.push(s.origin.locate(Diagnostic::warning(&s.origin.file, msg)));
            continue;
        };
        let label = if s.variables.is_empty() { host.to_string() } else { s.variables.join("_") };
        let mut name = vec![naming::const_name(&label)];
        naming::dedupe(&mut name, &mut taken);
        out.push(ServerDef { name: name.remove(0), url: s.url.clone(), description: s.description.clone() });
    }
    out
}

