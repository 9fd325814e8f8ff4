//! Summary field paths (`documentary_verification.documents[last].extracted_data.category`)
//! resolved through the model into the accesses the emitted code makes.

use super::{with, Common, EnumMap, Reports, Summary};
use crate::config::{Paths, ReportsFields, SummaryFields};
use crate::source::escape_pointer;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Body, Model, Presence, Ty};

/// A path from a top-level object to a field, resolved.
#[derive(Clone, Debug)]
pub struct FieldPath {
    /// As written in the config.
    pub text: String,
    /// The fields from the object to the end, each with how to step through its wrappers.
    pub steps: Vec<Step>,
    /// The enum the path ends at (Rust name); `None` for a string.
    pub end: Option<String>,
}

/// One field on the way, and how to get from it to the next type.
#[derive(Clone, Debug)]
pub struct Step {
    /// Rust field name as emitted (`r#type` included).
    pub field: String,
    /// The field's presence, then one access per wrapper around the next type.
    pub access: Vec<Access>,
}

/// How the emitted code gets an `Option<&T>` one layer further.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// `Some(&x.f)`.
    Required,
    /// `x.f.as_ref()` (an `Option` field).
    Optional,
    /// `x.f.as_option()` (a `Nullable` field).
    Nullable,
    /// `.map(|x| &**x)`: through a `Box` (a recursive field).
    Boxed,
    /// An `Option` inside the type.
    InnerOption,
    /// An expandable object, when it is expanded.
    Expanded,
    /// The last item of a list (`name[last]`).
    Last,
    /// The first item of a list (`name[first]`).
    First,
}

/// What resolving one summary's paths needs: the model, the mapped enums, the object and
/// where its config entry is.
struct Ctx<'a> {
    model: &'a Model,
    enums: &'a [EnumMap],
    /// The summarized object (Rust name).
    ty: &'a str,
    /// JSON pointer of its config entry.
    ptr: String,
    at: &'a dyn Fn(String) -> Diagnostic,
}

impl Ctx<'_> {
    /// `text` resolved from the struct `from` to a string (`want` = `None`) or an enum mapped
    /// to `want`; an error at `key` (below the entry) otherwise.
    fn get(&self, key: &str, text: &str, from: &str, want: Option<Common>, diags: &mut Diagnostics) -> Option<FieldPath> {
        let r = resolve(self.model, from, text).and_then(|p| check_end(p, want, self.enums).map_err(PathError::from));
        r.map_err(|why| {
            let d = with((self.at)(format!("{}/{key}", self.ptr)), format!("vocabulary: summary of `{}`, `{text}`: {}", self.ty, why.message));
            // A field the spec no longer has is a spec change to follow, like a gone value.
            diags.push(if why.gone { d.as_failed_check() } else { d });
        })
        .ok()
    }

    /// Every path of `paths` resolved (a list's entries are located by index).
    fn all(&self, key: &str, paths: Option<&Paths>, from: &str, want: Common, diags: &mut Diagnostics) -> Vec<FieldPath> {
        let list = paths.map(Paths::list).unwrap_or_default();
        let many = list.len() > 1;
        list.iter().enumerate().filter_map(|(i, text)| self.get(&if many { format!("{key}/{i}") } else { key.to_string() }, text, from, Some(want), diags)).collect()
    }

    fn error(&self, key: &str, message: String) -> Diagnostic {
        with((self.at)(format!("{}{key}", self.ptr)), message)
    }
}

/// Resolves a summary's paths for the object `ty`; errors are pushed, located at `ptr`.
pub(super) fn summary(
    ty: &str,
    fields: &SummaryFields,
    model: &Model,
    enums: &[EnumMap],
    ptr: &str,
    at: &dyn Fn(String) -> Diagnostic,
    diags: &mut Diagnostics,
) -> Option<Summary> {
    let cx = Ctx { model, enums, ty, ptr: ptr.to_string(), at };
    let Some(top) = model.types.iter().find(|t| t.name == ty && matches!(t.body, Body::Struct(_))) else {
        diags.push(cx.error("", format!("vocabulary: summary of `{ty}`: the crate has no struct `{ty}`")).as_failed_check());
        return None;
    };
    let before = diags.errors().count();
    let id = cx.get("id", &fields.id, ty, None, diags);
    let status = cx.all("status", fields.status.as_ref(), ty, Common::VerificationStatus, diags);
    let document_type = cx.all("document_type", fields.document_type.as_ref(), ty, Common::DocumentType, diags);
    let mut checks = Vec::new();
    for (kind, paths) in &fields.checks {
        let key = format!("checks/{}", escape_pointer(kind));
        if check_kind(&cx, kind, &format!("/{key}"), diags) {
            checks.push((kind.clone(), cx.all(&key, Some(paths), ty, Common::CheckOutcome, diags)));
        }
    }
    let reports = fields.reports.as_ref().and_then(|r| reports(&cx, r, diags));
    let id = id?;
    (diags.errors().count() == before).then(|| Summary { ty: ty.to_string(), features: top.features.clone(), id, status, document_type, checks, reports })
}

/// The `reports:` of a summary: every variant of the union is a check kind or unmapped (a
/// failed check otherwise, like an enum value), and the config names no variant the union
/// lacks.
fn reports(cx: &Ctx<'_>, r: &ReportsFields, diags: &mut Diagnostics) -> Option<Reports> {
    let ty = cx.ty;
    let Some(Body::Union(union)) = cx.model.types.iter().find(|t| t.name == r.union).map(|t| &t.body) else {
        diags.push(cx.error("/reports/union", format!("vocabulary: summary of `{ty}`: the crate has no union `{}`", r.union)).as_failed_check());
        return None;
    };
    let cx = Ctx { ptr: format!("{}/reports", cx.ptr), ..*cx };
    let mut variants = Vec::new();
    for v in union.variants.iter().filter(|v| Some(&v.name) != union.catch_all.as_ref()) {
        let key = format!("/kinds/{}", escape_pointer(&v.name));
        let Ty::Named(object) = &v.ty else {
            diags.push(cx.error("", format!("vocabulary: summary of `{ty}`: `{}` variant `{}` is not an object", r.union, v.name)));
            continue;
        };
        match (r.kinds.get(&v.name), r.unmapped.contains(&v.name)) {
            (Some(kind), false) if check_kind(&cx, kind, &key, diags) => {
                variants.push((v.name.clone(), Some(kind.clone()), cx.all("outcome", Some(&r.outcome), object, Common::CheckOutcome, diags)));
            }
            (Some(_), false) => {}
            (None, true) => variants.push((v.name.clone(), None, Vec::new())),
            (Some(_), true) => diags.push(cx.error(&key, format!("vocabulary: summary of `{ty}`: `{}` variant `{}` is both a check kind and unmapped", r.union, v.name))),
            (None, false) => {
                let msg = format!("vocabulary: {}: union `{}` variant `{}` is neither given a check kind nor listed under `unmapped`", cx.model.package, r.union, v.name);
                diags.push(cx.error("", msg).as_failed_check());
            }
        }
    }
    let known = |n: &String| union.variants.iter().any(|v| &v.name == n);
    for (i, name) in r.kinds.keys().chain(&r.unmapped).enumerate().filter(|(_, n)| !known(n)) {
        let key = if i < r.kinds.len() { format!("/kinds/{}", escape_pointer(name)) } else { format!("/unmapped/{}", i - r.kinds.len()) };
        diags.push(cx.error(&key, format!("vocabulary: union `{}` has no variant `{name}` any more, but the config names it", r.union)).as_failed_check());
    }
    Some(Reports { union: r.union.clone(), catch_all: union.catch_all.clone(), variants })
}

/// Whether `kind` is a `CheckKind` of `kyc-common` (an error at `key` if not).
fn check_kind(cx: &Ctx<'_>, kind: &str, key: &str, diags: &mut Diagnostics) -> bool {
    if kyc_common::CheckKind::VARIANTS.contains(&kind) {
        return true;
    }
    let known = kyc_common::CheckKind::VARIANTS.join(", ");
    diags.push(cx.error(key, format!("vocabulary: summary of `{}`: `{kind}` is not a `CheckKind` (known: {known})", cx.ty)));
    false
}

/// The path's end must be a string (`want` = `None`) or an enum the vocabulary maps to `want`.
fn check_end(p: FieldPath, want: Option<Common>, enums: &[EnumMap]) -> Result<FieldPath, String> {
    match (&p.end, want) {
        (None, None) => Ok(p),
        (Some(e), Some(c)) if enums.iter().any(|m| &m.name == e && m.common == c) => Ok(p),
        (Some(e), Some(c)) => Err(format!("ends at enum `{e}`, which `vocabulary.enums` does not map to `{}`", c.name())),
        (Some(e), None) => Err(format!("ends at enum `{e}`, not a string")),
        (None, Some(c)) => Err(format!("ends at a string, not an enum mapped to `{}`", c.name())),
    }
}

/// Why a path does not resolve; `gone` when it names a field the spec does not have.
struct PathError {
    message: String,
    gone: bool,
}

impl From<String> for PathError {
    fn from(message: String) -> Self {
        PathError { message, gone: false }
    }
}

/// Walks `text` from the struct `from` through fields (by wire name).
fn resolve(model: &Model, from: &str, text: &str) -> Result<FieldPath, PathError> {
    let mut current = Ty::Named(from.to_string());
    let mut steps: Vec<Step> = Vec::new();
    let segments: Vec<&str> = text.split('.').collect();
    for (i, seg) in segments.iter().enumerate() {
        let (wire, pick) = match seg.strip_suffix("[last]").map(|w| (w, Access::Last)).or_else(|| seg.strip_suffix("[first]").map(|w| (w, Access::First))) {
            Some((w, a)) => (w, Some(a)),
            None => (*seg, None),
        };
        let name = struct_name(model, &current).ok_or_else(|| format!("`{}` is not an object", segments[..i].join(".")))?;
        let Some(Body::Struct(s)) = model.types.iter().find(|t| t.name == name).map(|t| &t.body) else {
            return Err(format!("`{name}` is not an object").into());
        };
        let Some(f) = s.fields.iter().find(|f| f.wire == wire) else {
            return Err(PathError { message: format!("`{name}` has no field `{wire}`"), gone: true });
        };
        let mut access = vec![match f.presence {
            Presence::Required => Access::Required,
            Presence::Optional | Presence::RequiredNullable => Access::Optional,
            Presence::OptionalNullable => Access::Nullable,
        }];
        current = unwrap(model, &f.ty, pick, &mut access).map_err(|why| format!("field `{wire}`: {why}"))?;
        steps.push(Step { field: f.name.clone(), access });
    }
    let end = match &current {
        Ty::String => None,
        Ty::Named(n) => match model.types.iter().find(|t| &t.name == n).map(|t| &t.body) {
            Some(Body::Enum(_)) => Some(n.clone()),
            _ => return Err(format!("ends at `{n}`, not an enum").into()),
        },
        other => return Err(format!("ends at a {other:?} value, not an enum or a string").into()),
    };
    Ok(FieldPath { text: text.to_string(), steps, end })
}

/// Strips the wrappers of `ty` (and aliases of containers), recording each access; a list
/// needs `pick` and only one list is allowed per segment.
fn unwrap(model: &Model, ty: &Ty, mut pick: Option<Access>, access: &mut Vec<Access>) -> Result<Ty, String> {
    let mut ty = ty.clone();
    let end = loop {
        ty = match ty {
            Ty::Boxed(t) => {
                access.push(Access::Boxed);
                *t
            }
            Ty::Option(t) => {
                access.push(Access::InnerOption);
                *t
            }
            Ty::Expandable(t) => {
                access.push(Access::Expanded);
                *t
            }
            Ty::Vec(t) => {
                access.push(pick.take().ok_or("a list: write `name[last]` or `name[first]`")?);
                *t
            }
            Ty::Map(_) => return Err("a map: a path cannot go through it".into()),
            Ty::Named(n) => match model.types.iter().find(|t| t.name == n).map(|t| &t.body) {
                Some(Body::Alias(target)) => Ty::Named(target.clone()),
                Some(Body::Container(inner)) => inner.clone(),
                _ => break Ty::Named(n),
            },
            other => break other,
        };
    };
    match pick {
        Some(_) => Err("not a list, but the path picks an item".into()),
        None => Ok(end),
    }
}

/// The name of the struct `ty` is, if it is one.
fn struct_name(model: &Model, ty: &Ty) -> Option<String> {
    match ty {
        Ty::Named(n) if model.types.iter().any(|t| &t.name == n && matches!(t.body, Body::Struct(_))) => Some(n.clone()),
        _ => None,
    }
}
