//! Resolve: what references between schemas mean, worked out in one place for every stage
//! after reading. A `$ref` chain is followed to its end (one hop limit, cycles caught), the
//! properties of an `allOf` are merged, and the schemas that roots reach are found over a
//! reference graph built once. lower, diff, crosscheck, conforms and emit ask here instead of
//! walking `$ref`s themselves.

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Kind, Object, Schema, Spec};
use indexmap::IndexSet;
use std::collections::HashSet;

/// Names followed in one chain (`$ref`s, or type aliases) before it counts as endless.
pub const MAX_REF_HOPS: usize = 64;

/// A chain of names, each leading to the next: a `$ref` chain, or type aliases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain<'a> {
    /// The names followed, the start first; the last is where the chain stops.
    pub names: Vec<&'a str>,
    /// How it stopped.
    pub end: ChainEnd,
}

/// How a [`Chain`] stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainEnd {
    /// At a name that leads nowhere further.
    Done,
    /// The next name was already passed, at this index of `names`.
    Cycle(usize),
    /// Over [`MAX_REF_HOPS`] names without coming back.
    TooLong,
}

impl Chain<'_> {
    /// Whether the chain never ends (a cycle, or too long to tell).
    pub fn endless(&self) -> bool {
        self.end != ChainEnd::Done
    }

    /// The last name followed.
    pub fn last(&self) -> &str {
        self.names.last().copied().unwrap_or_default()
    }
}

/// Follows `next` from `start` until it gives no name, comes back, or runs too long.
pub fn follow<'a>(start: &'a str, mut next: impl FnMut(&str) -> Option<&'a str>) -> Chain<'a> {
    let mut names = vec![start];
    while let Some(n) = next(names[names.len() - 1]) {
        if let Some(i) = names.iter().position(|m| *m == n) {
            return Chain { names, end: ChainEnd::Cycle(i) };
        }
        if names.len() > MAX_REF_HOPS {
            return Chain { names, end: ChainEnd::TooLong };
        }
        names.push(n);
    }
    Chain { names, end: ChainEnd::Done }
}

/// The `$ref` chain from the named schema: the names of schemas that are only a `$ref` to
/// the next, and the first name that is not (a schema of another kind, or unknown).
pub fn ref_chain<'s>(spec: &'s Spec, name: &'s str) -> Chain<'s> {
    follow(name, |n| match &spec.schemas.get(n)?.kind {
        Kind::Ref(next) => Some(next.as_str()),
        _ => None,
    })
}

/// What a schema stands for once its `$ref`s are followed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target<'s> {
    /// The first schema on the way that is not a `$ref`.
    Schema(&'s Schema),
    /// A `$ref` to a name the spec does not define.
    Unknown(&'s str),
    /// A chain of `$ref`s that never reaches a schema.
    Endless,
}

/// The end of the named schema's `$ref` chain.
pub fn named<'s>(spec: &'s Spec, name: &'s str) -> Target<'s> {
    let chain = ref_chain(spec, name);
    if chain.endless() {
        return Target::Endless;
    }
    let last = chain.names[chain.names.len() - 1];
    spec.schemas.get(last).map_or(Target::Unknown(last), Target::Schema)
}

/// `s` itself, or the end of its `$ref` chain when it is a `$ref`.
pub fn target<'s>(spec: &'s Spec, s: &'s Schema) -> Target<'s> {
    match &s.kind {
        Kind::Ref(name) => named(spec, name),
        _ => Target::Schema(s),
    }
}

/// The kind of `s` once `$ref`s are followed (none for an unknown or endless chain).
pub fn kind<'s>(spec: &'s Spec, s: &'s Schema) -> Option<&'s Kind> {
    match target(spec, s) {
        Target::Schema(t) => Some(&t.kind),
        _ => None,
    }
}

/// Whether the named schema is nullable, itself or through the `$ref`s it is made of
/// (OpenAPI 3.0 puts `nullable` on the target, Plaid everywhere).
pub fn nullable(spec: &Spec, name: &str) -> bool {
    ref_chain(spec, name).names.iter().any(|n| spec.schemas.get(*n).is_some_and(|s| s.nullable))
}

/// The error for a `$ref` to a schema the spec does not define, at the `$ref`.
pub fn unknown_ref(s: &Schema, target: &str) -> Diagnostic {
    let d = Diagnostic::error(&s.origin.file, format!("`$ref` to unknown schema `{target}`"));
    if s.origin.line > 0 {
        d.at_line(s.origin.line, 1)
    } else {
        d.at_pointer(format!("{}/$ref", s.origin.pointer))
    }
}

/// A `$ref` chain that comes back to where it started (`A: {$ref: B}`, `B: {$ref: A}`)
/// describes no value at all: an error naming the cycle, once per cycle, at its first
/// schema in spec order, for each cycle that one of `names` runs into.
pub fn report_cycles<'s>(spec: &'s Spec, names: impl IntoIterator<Item = &'s String>, diags: &mut Diagnostics) {
    let mut reported: HashSet<&str> = HashSet::new();
    for start in names {
        let chain = ref_chain(spec, start);
        let ChainEnd::Cycle(i) = chain.end else { continue };
        let cycle = &chain.names[i..];
        if cycle.iter().all(|n| reported.insert(n)) {
            let first = cycle.iter().copied().min_by_key(|n| spec.schemas.get_index_of(*n)).unwrap_or(cycle[0]);
            let at = cycle.iter().position(|n| *n == first).unwrap_or(0);
            let names: Vec<String> = cycle[at..].iter().chain(&cycle[..=at]).map(|n| format!("`{n}`")).collect();
            let s = &spec.schemas[first];
            let msg = format!("`$ref` cycle with no structure: {} (each is only a `$ref` to the next, so none describes a value)", names.join(" → "));
            diags.push(s.origin.locate(Diagnostic::error(&s.origin.file, msg)));
        }
    }
}

/// The properties of an object, of an `allOf` merged, or of what a `$ref` chain ends at:
/// each property once, in order of first appearance, required if any member requires it
/// (by marking it, or by listing its name in a member's `required`). `None` when no object
/// is found at all.
pub fn properties(spec: &Spec, s: &Schema) -> Option<Object> {
    let mut merge = Merge { spec, out: Object::default(), required: Vec::new(), seen: Vec::new(), found: false };
    merge.add(s);
    merge.found.then(|| merge.finish())
}

/// [`properties`] of the members of an `allOf`, merged (empty when none is an object).
pub fn merge_all_of(spec: &Spec, members: &[Schema]) -> Object {
    let mut merge = Merge { spec, out: Object::default(), required: Vec::new(), seen: Vec::new(), found: false };
    members.iter().for_each(|m| merge.add(m));
    merge.finish()
}

/// Properties gathered from the members of an `allOf`.
struct Merge<'s> {
    spec: &'s Spec,
    out: Object,
    /// Names required by a member without the property itself.
    required: Vec<&'s str>,
    /// Named schemas already merged (each once, so cycles end).
    seen: Vec<&'s str>,
    found: bool,
}

impl<'s> Merge<'s> {
    fn add(&mut self, s: &'s Schema) {
        match &s.kind {
            Kind::Object(o) => {
                self.found = true;
                for p in &o.properties {
                    match self.out.properties.iter_mut().find(|q| q.name == p.name) {
                        Some(q) => q.required |= p.required,
                        None => self.out.properties.push(p.clone()),
                    }
                }
                self.required.extend(o.required.iter().map(String::as_str));
            }
            Kind::AllOf(members) => members.iter().for_each(|m| self.add(m)),
            Kind::Ref(n) if !self.seen.contains(&n.as_str()) => {
                self.seen.push(n);
                if let Some(t) = self.spec.schemas.get(n) {
                    self.add(t);
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Object {
        for p in &mut self.out.properties {
            p.required |= self.required.contains(&p.name.as_str());
        }
        self.out
    }
}

/// Whether `s` is an object (a struct or a map), through `$ref`s.
pub fn is_object(spec: &Spec, s: &Schema) -> bool {
    matches!(kind(spec, s), Some(Kind::Object(_) | Kind::AllOf(_) | Kind::Map(_)))
}

/// Names of the schemas `s` refers to, in order.
pub fn refs_in<'s>(s: &'s Schema, out: &mut Vec<&'s str>) {
    match &s.kind {
        Kind::Ref(n) => out.push(n),
        Kind::Array(i) | Kind::Map(i) | Kind::Expandable(i) => refs_in(i, out),
        Kind::Object(o) => o.properties.iter().for_each(|p| refs_in(&p.schema, out)),
        Kind::Union(u) => u.variants.iter().for_each(|v| refs_in(v, out)),
        Kind::AllOf(list) => list.iter().for_each(|v| refs_in(v, out)),
        _ => {}
    }
}

/// Which named schemas refer to which, built once per spec, to answer what roots reach.
pub struct Graph<'s> {
    spec: &'s Spec,
    /// Per schema (by index in `spec.schemas`), the schemas it refers to that exist.
    edges: Vec<Vec<usize>>,
}

impl<'s> Graph<'s> {
    /// The reference graph of `spec`.
    pub fn new(spec: &'s Spec) -> Self {
        let edges = spec
            .schemas
            .values()
            .map(|s| {
                let mut refs = Vec::new();
                refs_in(s, &mut refs);
                refs.into_iter().filter_map(|r| spec.schemas.get_index_of(r)).collect()
            })
            .collect();
        Graph { spec, edges }
    }

    /// Every schema the roots reach through `$ref`s, the roots included, in spec order.
    /// Names the spec does not define are skipped.
    pub fn reach<'r>(&self, roots: impl IntoIterator<Item = &'r str>) -> IndexSet<String> {
        let mut seen = vec![false; self.edges.len()];
        let mut stack: Vec<usize> = roots.into_iter().filter_map(|r| self.spec.schemas.get_index_of(r)).collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(self.edges[i].iter().filter(|j| !seen[**j]));
            }
        }
        seen.iter().enumerate().filter(|(_, s)| **s).map(|(i, _)| self.spec.schemas.get_index(i).map(|(n, _)| n.clone()).unwrap_or_default()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Property;

    fn s(kind: Kind) -> Schema {
        Schema { kind, ..Schema::default() }
    }

    fn r(name: &str) -> Schema {
        s(Kind::Ref(name.into()))
    }

    fn prop(name: &str, required: bool) -> Property {
        Property { name: name.into(), required, schema: s(Kind::String { format: None }) }
    }

    fn spec(schemas: Vec<(&str, Schema)>) -> Spec {
        Spec { schemas: schemas.into_iter().map(|(n, s)| (n.to_string(), s)).collect(), ..Spec::default() }
    }

    #[test]
    fn chains_end_at_a_schema_an_unknown_name_or_a_cycle() {
        let sp = spec(vec![("A", r("B")), ("B", r("C")), ("C", s(Kind::Boolean)), ("D", r("Nope")), ("E", r("F")), ("F", r("E")), ("G", r("E"))]);
        assert_eq!(ref_chain(&sp, "A").names, ["A", "B", "C"]);
        assert_eq!(named(&sp, "A"), Target::Schema(&sp.schemas["C"]));
        assert_eq!(named(&sp, "D"), Target::Unknown("Nope"));
        assert_eq!(named(&sp, "E"), Target::Endless);
        assert_eq!(ref_chain(&sp, "G").end, ChainEnd::Cycle(1));
        let mut diags = Diagnostics::default();
        report_cycles(&sp, sp.schemas.keys(), &mut diags);
        let messages: Vec<&str> = diags.errors().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("`E` → `F` → `E`"), "{messages:?}");
    }

    #[test]
    fn long_chains_stop() {
        let names: Vec<String> = (0..=MAX_REF_HOPS + 1).map(|i| format!("S{i}")).collect();
        let sp = spec(names.iter().enumerate().map(|(i, n)| (n.as_str(), r(&format!("S{}", i + 1)))).collect());
        let chain = ref_chain(&sp, "S0");
        assert_eq!(chain.end, ChainEnd::TooLong);
        assert_eq!(chain.names.len(), MAX_REF_HOPS + 1);
    }

    #[test]
    fn nullable_anywhere_on_the_chain() {
        let mut b = r("C");
        b.nullable = true;
        let sp = spec(vec![("A", r("B")), ("B", b), ("C", s(Kind::Boolean))]);
        assert!(nullable(&sp, "A"));
        assert!(!nullable(&sp, "C"));
    }

    #[test]
    fn all_of_merges_properties_once_and_required_from_any_member() {
        let base = s(Kind::Object(Object { properties: vec![prop("id", false), prop("name", false)], required: Vec::new() }));
        let extra = s(Kind::Object(Object { properties: vec![prop("name", true), prop("age", false)], required: Vec::new() }));
        // A member that only lists required names (`{required: [id]}`).
        let marks = s(Kind::Object(Object { properties: Vec::new(), required: vec!["id".into()] }));
        let sp = spec(vec![("Base", base), ("Alias", r("Base")), ("Loop", s(Kind::AllOf(vec![r("Loop"), r("Alias")])))]);
        let merged = merge_all_of(&sp, &[r("Alias"), extra, marks]);
        let got: Vec<(&str, bool)> = merged.properties.iter().map(|p| (p.name.as_str(), p.required)).collect();
        assert_eq!(got, [("id", true), ("name", true), ("age", false)]);
        let looped = properties(&sp, &sp.schemas["Loop"]).expect("an object");
        assert_eq!(looped.properties.len(), 2);
        assert_eq!(properties(&sp, &s(Kind::Boolean)), None);
    }

    #[test]
    fn reach_follows_refs_in_spec_order() {
        let obj = |refs: &[&str]| {
            let properties = refs.iter().map(|n| Property { name: n.to_lowercase(), required: false, schema: r(n) }).collect();
            s(Kind::Object(Object { properties, required: Vec::new() }))
        };
        let sp = spec(vec![("A", obj(&["C"])), ("B", obj(&[])), ("C", obj(&["A", "Missing"])), ("D", obj(&["B"]))]);
        let g = Graph::new(&sp);
        assert_eq!(g.reach(["C"]).into_iter().collect::<Vec<_>>(), ["A", "C"]);
        assert_eq!(g.reach(["D", "Missing"]).into_iter().collect::<Vec<_>>(), ["B", "D"]);
    }
}
