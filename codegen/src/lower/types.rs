//! Schema → Rust type for one field or component, creating nested types for inline
//! objects, enums and unions, and carrying docs, limits and nullability through `$ref`s.

use super::{Names, Taken, Types};
use crate::config::CrateConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Docs, Enum, EnumBase, Kind, Limits, Object, Schema, Spec, Tag, Union};
use crate::model::{Body, EnumDef, FieldDef, Presence, StructDef, Ty, TypeDef, TypeOrigin, UnionDef, UnionVariant, VariantDef};
use crate::naming;
use crate::resolve;
use serde_json::Value;
use std::collections::BTreeSet;

pub(super) struct Lowerer<'a> {
    pub spec: &'a Spec,
    pub(super) cfg: &'a CrateConfig,
    pub diags: &'a mut Diagnostics,
    /// Component schema → Rust type name, for schemas that have a type.
    pub names: Names,
    /// The same for array and map schemas: their aliases, which uses do not name.
    pub containers: Names,
    pub taken: Taken,
    pub types: Types,
    /// Inlined `$ref`s being followed, to report cycles that never reach a type.
    inlining: Vec<String>,
    /// The named schema or operation being lowered: the owner of the inline types made.
    owner: String,
    /// The config's `redact` entries that named a field.
    pub redacted: BTreeSet<String>,
}

/// A schema as used in one place.
struct Used {
    ty: Ty,
    nullable: bool,
    docs: Docs,
    limits: Limits,
}

/// Where a schema is used: the type it belongs to and the property it is under.
#[derive(Clone)]
struct Ctx<'s> {
    parent: String,
    source: String,
    field: &'s str,
    request: bool,
}

impl<'a> Lowerer<'a> {
    pub fn new(spec: &'a Spec, cfg: &'a CrateConfig, diags: &'a mut Diagnostics) -> Self {
        Lowerer { spec, cfg, diags, names: Names::new(), containers: Names::new(), taken: Taken::new(), types: Types::new(), inlining: Vec::new(), owner: String::new(), redacted: BTreeSet::new() }
    }

    /// Lowers the named component `schema` into the type `name`.
    pub fn component(&mut self, schema: &str, name: &str, request: bool) {
        let s = &self.spec.schemas[schema];
        self.owner = schema.to_string();
        let ctx = Ctx { parent: name.into(), source: schema.into(), field: "", request };
        // A `$ref` to an array or map schema aliases that schema's alias.
        let container = match &s.kind {
            Kind::Ref(target) => self.containers.get(resolve::ref_chain(self.spec, target).last()).cloned(),
            _ => None,
        };
        let body = match &s.kind {
            Kind::Ref(_) if container.is_some() => Body::Alias(container.unwrap_or_default()),
            Kind::Ref(target) => match self.use_ref(s, target, &ctx).ty {
                Ty::Named(t) => Body::Alias(t),
                ty @ (Ty::Vec(_) | Ty::Map(_)) => Body::Container(ty),
                // A `$ref` to a primitive, or one that could not be followed (reported).
                _ => return,
            },
            Kind::Array(_) | Kind::Map(_) => Body::Container(self.used(s, &ctx).ty),
            _ => self.body(s, name, schema, request),
        };
        self.types.push(TypeDef { name: name.to_string(), source: schema.to_string(), docs: doc_lines(&s.docs), deprecated: s.deprecated, body, features: Vec::new(), origin: TypeOrigin::Schema, direction: Default::default() });
    }

    fn body(&mut self, s: &Schema, name: &str, source: &str, request: bool) -> Body {
        match &s.kind {
            Kind::Object(o) => Body::Struct(self.object(o, name, source, request)),
            Kind::AllOf(members) => {
                let merged = self.merge_all_of(members, s);
                Body::Struct(self.object(&merged, name, source, request))
            }
            Kind::Enum(e) => Body::Enum(enum_def(e)),
            Kind::Union(u) => Body::Union(self.union(u, name, source, request)),
            // Callers pass only the kinds `needs_type` and `used` turn into types.
            _ => Body::Struct(StructDef::default()),
        }
    }

    fn object(&mut self, o: &Object, name: &str, source: &str, request: bool) -> StructDef {
        let mut fields = Vec::with_capacity(o.properties.len());
        for p in &o.properties {
            let ctx = Ctx { parent: name.into(), source: format!("{source}.{}", p.name), field: &p.name, request };
            let used = self.used(&p.schema, &ctx);
            let exact = ctx.source;
            let presence = match (p.required, used.nullable) {
                (true, false) => Presence::Required,
                (false, false) => Presence::Optional,
                (true, true) => Presence::RequiredNullable,
                (false, true) => Presence::OptionalNullable,
            };
            // Personal data is a type: the config names each field of data that holds it.
            let redact = self.cfg.redact.contains(&exact);
            if redact {
                self.redacted.insert(exact);
            }
            let ty = if redact { Ty::Pii(Box::new(used.ty)) } else { used.ty };
            let mut docs = doc_lines(&used.docs);
            if p.schema.deprecated {
                docs.push("Deprecated by the vendor.".into());
            }
            fields.push(FieldDef { name: naming::field_name(&p.name), wire: p.name.clone(), ty, presence, docs, limits: used.limits });
        }
        let mut names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
        naming::dedupe(&mut names, &mut BTreeSet::new());
        for (f, n) in fields.iter_mut().zip(names) {
            f.name = n;
        }
        StructDef { fields, request, params: None }
    }

    fn union(&mut self, u: &Union, name: &str, source: &str, request: bool) -> UnionDef {
        let mut variants = Vec::new();
        for (i, v) in u.variants.iter().enumerate() {
            let field = format!("variant{i}");
            let ctx = Ctx { parent: name.into(), source: format!("{source}[{i}]"), field: &field, request };
            let used = self.used(v, &ctx);
            variants.push(UnionVariant { name: naming::union_variant_name(&used.ty), ty: used.ty, tags: Vec::new() });
        }
        let mut names: Vec<String> = variants.iter().map(|v| v.name.clone()).collect();
        naming::dedupe(&mut names, &mut BTreeSet::new());
        for (v, n) in variants.iter_mut().zip(names) {
            v.name = n;
        }
        // The discriminator, or else a property every variant has as a constant
        // (Stripe's `object`), selects the variant.
        let tag = u.tag.clone().or_else(|| self.constant_tag(&u.variants));
        if let Some(t) = &tag {
            for (value, idx) in &t.mapping {
                if let Some(v) = variants.get_mut(*idx) {
                    v.tags.push(value.clone());
                }
            }
        }
        let taken: BTreeSet<String> = variants.iter().map(|v| v.name.clone()).collect();
        let catch_all = tag.as_ref().map(|_| naming::catch_all_name(&taken));
        UnionDef { variants, tag: tag.map(|t| t.property), catch_all }
    }

    /// A property that every variant (an object schema) has as a one-value string enum,
    /// with a different value in each: `object` first, then `type`, then any.
    fn constant_tag(&self, variants: &[Schema]) -> Option<Tag> {
        let objects: Vec<&Object> = variants.iter().map(|v| self.object_of(v)).collect::<Option<_>>()?;
        let first = objects.first()?;
        let mut candidates: Vec<&str> = first.properties.iter().map(|p| p.name.as_str()).collect();
        candidates.sort_by_key(|n| match *n {
            "object" => 0,
            "type" => 1,
            _ => 2,
        });
        'candidate: for prop in candidates {
            let mut mapping = Vec::new();
            for (i, o) in objects.iter().enumerate() {
                let Some(p) = o.properties.iter().find(|p| p.name == prop && p.required) else { continue 'candidate };
                match resolve::kind(self.spec, &p.schema) {
                    Some(Kind::Enum(e)) if e.values.len() == 1 && e.values[0].is_string() => {
                        let value = e.values[0].as_str().unwrap_or_default().to_string();
                        if mapping.iter().any(|(v, _)| *v == value) {
                            continue 'candidate;
                        }
                        mapping.push((value, i));
                    }
                    _ => continue 'candidate,
                }
            }
            return Some(Tag { property: prop.to_string(), mapping });
        }
        None
    }

    /// The object a schema is, through `$ref`s.
    fn object_of<'s>(&'s self, s: &'s Schema) -> Option<&'s Object> {
        match resolve::kind(self.spec, s)? {
            Kind::Object(o) => Some(o),
            _ => None,
        }
    }

    /// `allOf` members merged into one object (see [`resolve::merge_all_of`]), with a
    /// warning when none of them is an object.
    fn merge_all_of(&mut self, members: &[Schema], whole: &Schema) -> Object {
        let out = resolve::merge_all_of(self.spec, members);
        if out.properties.is_empty() && !members.iter().any(|m| resolve::is_object(self.spec, m)) {
            self.diags.push(whole.origin.locate(Diagnostic::warning(&whole.origin.file, "`allOf` has no object member: generated as an empty struct")));
        }
        out
    }

    /// The Rust type of an operation's parameter, body or response schema, making nested
    /// types (`<parent><Field>`, source `<source>`) for inline schemas.
    /// `owner` is the operation's id.
    pub fn operation_part(&mut self, s: &Schema, owner: &str, parent: &str, source: &str, field: &str, request: bool) -> (Ty, Limits) {
        self.owner = owner.to_string();
        let used = self.used(s, &Ctx { parent: parent.into(), source: source.into(), field, request });
        (option_if(used.ty, used.nullable), used.limits)
    }

    /// The Rust type of `s` where it is used, making nested types for inline schemas.
    fn used(&mut self, s: &Schema, ctx: &Ctx) -> Used {
        let plain = |ty| Used { ty, nullable: s.nullable, docs: s.docs.clone(), limits: s.limits.clone() };
        match &s.kind {
            Kind::Ref(target) => self.use_ref(s, target, ctx),
            Kind::Any => plain(Ty::Json),
            Kind::String { format } => plain(match format.as_deref() {
                // Files are sent, never received as JSON: a binary string in a response stays text.
                Some("binary") if ctx.request => Ty::File,
                Some("date") => Ty::Date,
                Some("date-time") => Ty::DateTime,
                _ => Ty::String,
            }),
            Kind::Integer { format } => plain(if format.as_deref() == Some("unix-time") { Ty::UnixTime } else { Ty::I64 }),
            Kind::Number { .. } => plain(Ty::F64),
            Kind::Boolean => plain(Ty::Bool),
            Kind::Enum(e) if e.base == EnumBase::Boolean => plain(Ty::Bool),
            Kind::Enum(e) if e.base == EnumBase::Number => plain(Ty::F64),
            Kind::Enum(e) if !e.base.has_type() => plain(Ty::Json),
            Kind::Array(items) => {
                let item_field = format!("{}_item", ctx.field);
                let inner = self.used(items, &Ctx { field: &item_field, source: format!("{}[]", ctx.source), ..ctx.clone() });
                plain(Ty::Vec(Box::new(option_if(inner.ty, inner.nullable))))
            }
            Kind::Map(values) => {
                let value_field = format!("{}_value", ctx.field);
                let inner = self.used(values, &Ctx { field: &value_field, source: format!("{}{{}}", ctx.source), ..ctx.clone() });
                plain(Ty::Map(Box::new(option_if(inner.ty, inner.nullable))))
            }
            Kind::Expandable(obj) => {
                let inner = self.used(obj, ctx);
                plain(Ty::Expandable(Box::new(inner.ty)))
            }
            Kind::Object(_) | Kind::AllOf(_) | Kind::Enum(_) | Kind::Union(_) => {
                let name = self.nested_name(ctx);
                let body = self.body(s, &name, &ctx.source, ctx.request);
                self.types.push(TypeDef { name: name.clone(), source: ctx.source.clone(), docs: Vec::new(), deprecated: false, body, features: Vec::new(), origin: TypeOrigin::Inline { owner: self.owner.clone() }, direction: Default::default() });
                plain(Ty::Named(name))
            }
        }
    }

    fn nested_name(&mut self, ctx: &Ctx) -> String {
        let default = naming::nested_type_name(&ctx.parent, ctx.field);
        let mut names = vec![self.cfg.renames.get(&ctx.source).cloned().unwrap_or(default)];
        naming::dedupe(&mut names, &mut self.taken);
        names.pop().unwrap_or_default()
    }

    /// A `$ref`: the named type, or the target used inline; nullability, docs and limits
    /// of the reference win over the target's.
    fn use_ref(&mut self, s: &Schema, target: &str, ctx: &Ctx) -> Used {
        let Some(t) = self.spec.schemas.get(target) else {
            self.diags.push(resolve::unknown_ref(s, target));
            return Used { ty: Ty::Json, nullable: s.nullable, docs: s.docs.clone(), limits: s.limits.clone() };
        };
        let inner = if let Some(name) = self.names.get(target) {
            Used { ty: Ty::Named(name.clone()), nullable: resolve::nullable(self.spec, target), docs: t.docs.clone(), limits: t.limits.clone() }
        } else if self.inlining.iter().any(|n| n == target) {
            // A cycle of nothing but `$ref`s is reported once, by `ref_cycles`.
            if !resolve::ref_chain(self.spec, target).endless() {
                let d = t.origin.locate(Diagnostic::error(&t.origin.file, format!("`$ref` cycle through `{target}` never reaches a type")));
                self.diags.push(d);
            }
            Used { ty: Ty::Json, nullable: false, docs: Docs::default(), limits: Limits::default() }
        } else {
            self.inlining.push(target.to_string());
            let used = self.used(t, ctx);
            self.inlining.pop();
            used
        };
        Used {
            ty: inner.ty,
            nullable: s.nullable || inner.nullable,
            docs: Docs { title: s.docs.title.clone().or(inner.docs.title), description: s.docs.description.clone().or(inner.docs.description) },
            limits: s.limits.or(&inner.limits),
        }
    }
}

fn option_if(ty: Ty, nullable: bool) -> Ty {
    if nullable {
        Ty::Option(Box::new(ty))
    } else {
        ty
    }
}

fn enum_def(e: &Enum) -> EnumDef {
    let wire_str = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut names: Vec<String> = e.values.iter().map(|v| naming::variant_name(&wire_str(v))).collect();
    naming::dedupe(&mut names, &mut BTreeSet::new());
    let taken: BTreeSet<String> = names.iter().cloned().collect();
    EnumDef {
        base: e.base,
        variants: names.into_iter().zip(&e.values).map(|(name, wire)| VariantDef { name, wire: wire.clone(), meaning: e.meanings.get(&wire_str(wire)).cloned() }).collect(),
        catch_all: naming::catch_all_name(&taken),
        truncated: e.truncated,
        shared_by: Vec::new(),
        methods: Vec::new(),
    }
}

/// Docs as lines: the description, or the title when there is no description.
pub(crate) fn doc_lines(d: &Docs) -> Vec<String> {
    let text = d.description.as_deref().or(d.title.as_deref()).unwrap_or("");
    text.lines().map(|l| l.trim_end().to_string()).collect()
}
