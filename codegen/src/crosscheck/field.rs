//! One property as the crosscheck sees it: its shape with `$ref`s resolved to what they
//! name (the names kept, compared loosely), its effective nullability, enum values and
//! max length. A reference is compared by name, and by its target only when both sides
//! end in a primitive, so that `string` and `$ref: IdentityVerificationID` (a string) agree.

use crate::ir::{Enum, EnumBase, Kind, Schema, Spec};
use crate::resolve::{self, Target};

/// The wire shape of a value, with references kept by name.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Shape {
    String(Option<String>),
    Integer(Option<String>),
    Number(Option<String>),
    Boolean,
    Array(Box<Shape>),
    Map(Box<Shape>),
    /// An object with its own properties (not compared at this level).
    Object,
    Any,
    Expandable(Box<Shape>),
    Union(Vec<Shape>),
    /// A named schema: the names of its `$ref` chain, and what it resolves to in the spec
    /// (`None` when the spec has no such schema).
    Ref(Vec<String>, Option<Box<Shape>>),
}

/// What one side says about a field.
#[derive(Clone, Debug)]
pub(super) struct Field {
    pub shape: Shape,
    pub nullable: bool,
    pub required: bool,
    /// Enum values (as text) and whether the list is cut short, when the field states them.
    pub values: Option<(Vec<String>, bool)>,
    pub max_length: Option<u64>,
}

/// How deep shapes are followed inside arrays, maps, unions and references (against
/// cycles through them; a `$ref` chain itself is followed by [`resolve`]).
const MAX_DEPTH: usize = 16;

/// A property of the spec: `$ref`s resolved for nullability, enum values and max length.
pub(super) fn from_spec(s: &Schema, required: bool, spec: &Spec) -> Field {
    Field {
        shape: shape(s, spec, 0),
        nullable: s.nullable || matches!(&s.kind, Kind::Ref(n) if resolve::nullable(spec, n)),
        required,
        values: values(leaf(s, Some(spec))),
        max_length: max_length(s, Some(spec)),
    }
}

/// A property of the docs. Link names are looked up in `spec` (loosely), so that a linked
/// alias of a primitive can agree with an inline primitive; enum values and limits are
/// only what the docs themselves state.
pub(super) fn from_docs(s: &Schema, required: bool, spec: &Spec) -> Field {
    Field { shape: docs_shape(s, spec, 0), nullable: s.nullable, required, values: values(leaf(s, None)), max_length: max_length(s, None) }
}

/// Whether the docs state the field's values and limits themselves (not in a linked doc).
pub(super) fn states_values(docs: &Schema) -> bool {
    !matches!(leaf(docs, None).kind, Kind::Ref(_))
}

/// Whether two names are the same up to case, separators and a dotted prefix:
/// `components.IdentityVerificationStatus` ~ `IdentityVerificationStatus`,
/// `gelato_document_report` ~ `gelato-document-report`.
pub(super) fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let last = |s: &str| s.rsplit('.').next().unwrap_or(s).to_string();
    norm(a) == norm(b) || norm(&last(a)) == norm(&last(b))
}

/// Whether the docs' shape `d` agrees with the spec's `s`.
pub(super) fn same_shape(d: &Shape, s: &Shape) -> bool {
    match (d, s) {
        (Shape::Ref(dn, dt), Shape::Ref(sn, st)) => {
            dn.iter().any(|a| sn.iter().any(|b| same_name(a, b)))
                || matches!((dt, st), (Some(x), Some(y)) if is_primitive(x) && is_primitive(y) && same_shape(x, y))
        }
        (Shape::Ref(_, Some(t)), other) => same_shape(t, other),
        (other, Shape::Ref(_, Some(t))) => same_shape(other, t),
        (Shape::String(a), Shape::String(b)) | (Shape::Integer(a), Shape::Integer(b)) | (Shape::Number(a), Shape::Number(b)) => {
            a.is_none() || b.is_none() || a == b
        }
        (Shape::Boolean, Shape::Boolean) | (Shape::Any, Shape::Any) | (Shape::Object, Shape::Object) => true,
        // The docs' free-form `object` agrees with any object; the object's own fields are
        // another doc's business.
        (Shape::Map(v), Shape::Object) | (Shape::Object, Shape::Map(v)) => **v == Shape::Any,
        (Shape::Array(a), Shape::Array(b)) | (Shape::Map(a), Shape::Map(b)) | (Shape::Expandable(a), Shape::Expandable(b)) => {
            same_shape(a, b)
        }
        (Shape::Union(a), Shape::Union(b)) => {
            a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| same_shape(x, y))) && b.iter().all(|y| a.iter().any(|x| same_shape(x, y)))
        }
        _ => false,
    }
}

/// The shape as written in a report cell: `string (date-time)`, `array of X`, a reference
/// by its name (`Timestamp = string (date-time)` when it names a primitive).
pub(super) fn show(s: &Shape) -> String {
    let fmt = |base: &str, f: &Option<String>| match f {
        Some(f) => format!("{base} ({f})"),
        None => base.to_string(),
    };
    match s {
        Shape::String(f) => fmt("string", f),
        Shape::Integer(f) => fmt("integer", f),
        Shape::Number(f) => fmt("number", f),
        Shape::Boolean => "boolean".into(),
        Shape::Array(i) => format!("array of {}", show(i)),
        Shape::Map(v) if **v == Shape::Any => "object".into(),
        Shape::Map(v) => format!("map of {}", show(v)),
        Shape::Object => "object".into(),
        Shape::Any => "any".into(),
        Shape::Expandable(i) => format!("{} (expandable)", show(i)),
        Shape::Union(v) => format!("one of {}", v.iter().map(show).collect::<Vec<_>>().join(", ")),
        Shape::Ref(names, Some(t)) if is_primitive(t) => format!("{} = {}", names.first().map_or("", String::as_str), show(t)),
        Shape::Ref(names, _) => names.first().cloned().unwrap_or_default(),
    }
}

fn is_primitive(s: &Shape) -> bool {
    matches!(s, Shape::String(_) | Shape::Integer(_) | Shape::Number(_) | Shape::Boolean)
}

fn shape(s: &Schema, spec: &Spec, depth: usize) -> Shape {
    match &s.kind {
        Kind::Ref(name) => {
            // An alias chain (`A: $ref B`) to the first schema that is not a `$ref`.
            let names = resolve::ref_chain(spec, name).names.into_iter().map(str::to_string).collect();
            let target = match resolve::named(spec, name) {
                Target::Schema(t) if depth < MAX_DEPTH => Some(Box::new(shape(t, spec, depth + 1))),
                _ => None,
            };
            Shape::Ref(names, target)
        }
        other => kind_shape(other, &|x: &Schema| shape(x, spec, depth + 1)),
    }
}

fn docs_shape(s: &Schema, spec: &Spec, depth: usize) -> Shape {
    match &s.kind {
        Kind::Ref(name) => {
            let found = if spec.schemas.contains_key(name) {
                Some(name)
            } else {
                let mut hits = spec.schemas.keys().filter(|n| same_name(n, name));
                match (hits.next(), hits.next()) {
                    (Some(one), None) => Some(one),
                    _ => None,
                }
            };
            let target = found.filter(|_| depth < MAX_DEPTH).and_then(|n| {
                match shape(&Schema { kind: Kind::Ref(n.clone()), ..Schema::default() }, spec, depth + 1) {
                    Shape::Ref(_, t) => t,
                    _ => None,
                }
            });
            Shape::Ref(vec![name.clone()], target)
        }
        other => kind_shape(other, &|x: &Schema| docs_shape(x, spec, depth + 1)),
    }
}

fn kind_shape(k: &Kind, inner: &dyn Fn(&Schema) -> Shape) -> Shape {
    match k {
        Kind::Any => Shape::Any,
        Kind::String { format } => Shape::String(format.clone()),
        Kind::Integer { format } => Shape::Integer(format.clone()),
        Kind::Number { format } => Shape::Number(format.clone()),
        Kind::Boolean => Shape::Boolean,
        Kind::Enum(Enum { base, .. }) => match base {
            EnumBase::Integer => Shape::Integer(None),
            EnumBase::Number => Shape::Number(None),
            EnumBase::Boolean => Shape::Boolean,
            EnumBase::String | EnumBase::Mixed => Shape::String(None),
        },
        Kind::Array(items) => Shape::Array(Box::new(inner(items))),
        Kind::Map(values) => Shape::Map(Box::new(inner(values))),
        Kind::Expandable(obj) => Shape::Expandable(Box::new(inner(obj))),
        Kind::Union(u) => Shape::Union(u.variants.iter().map(inner).collect()),
        Kind::Object(_) | Kind::AllOf(_) => Shape::Object,
        // Handled by the callers.
        Kind::Ref(n) => Shape::Ref(vec![n.clone()], None),
    }
}

/// What an array (of arrays…) holds, through `$ref`s when `spec` is given.
fn leaf<'a>(s: &'a Schema, spec: Option<&'a Spec>) -> &'a Schema {
    let mut cur = s;
    for _ in 0..MAX_DEPTH {
        cur = match (&cur.kind, spec.map(|sp| resolve::target(sp, cur))) {
            (Kind::Array(items), _) => items,
            (Kind::Ref(_), Some(Target::Schema(t))) => t,
            _ => return cur,
        };
    }
    cur
}

/// The first max length on the way from the field to the strings it holds (Stripe's docs
/// put an array's or map's on its values), through `$ref`s when `spec` is given.
fn max_length(s: &Schema, spec: Option<&Spec>) -> Option<u64> {
    let mut cur = s;
    for _ in 0..MAX_DEPTH {
        if let Some(n) = cur.limits.max_length {
            return Some(n);
        }
        cur = match &cur.kind {
            Kind::Array(inner) | Kind::Map(inner) => inner,
            Kind::Ref(n) => {
                // The first stated on the `$ref` chain, else what it ends at.
                let sp = spec?;
                let chain = resolve::ref_chain(sp, n).names;
                if let Some(max) = chain.iter().find_map(|m| sp.schemas.get(*m).and_then(|t| t.limits.max_length)) {
                    return Some(max);
                }
                match resolve::named(sp, n) {
                    Target::Schema(t) => t,
                    _ => return None,
                }
            }
            _ => return None,
        };
    }
    None
}

fn values(s: &Schema) -> Option<(Vec<String>, bool)> {
    match &s.kind {
        Kind::Enum(e) => {
            let text = e.values.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect();
            Some((text, e.truncated))
        }
        _ => None,
    }
}
