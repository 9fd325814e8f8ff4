//! Recursive types: a field that leads back to its own type without a `Vec` or map in
//! between is boxed, found with Tarjan's strongly connected components.

use crate::model::{Body, Ty, TypeDef};
use std::collections::HashMap;

pub(super) fn box_cycles(types: &mut [TypeDef]) {
    let index: HashMap<String, usize> = types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
    let alias: HashMap<String, String> = types
        .iter()
        .filter_map(|t| match &t.body {
            Body::Alias(a) => Some((t.name.clone(), a.clone())),
            _ => None,
        })
        .collect();
    // The type a name stands for, through aliases (none for an unknown name or a cycle).
    let resolve = |name: &str| -> Option<usize> {
        let chain = crate::resolve::follow(name, |n| alias.get(n).map(String::as_str));
        if chain.endless() {
            return None;
        }
        index.get(chain.last()).copied()
    };
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            for ty in field_types(t) {
                direct_names(ty, &mut |n| out.extend(resolve(n)));
            }
            out
        })
        .collect();
    let comp = tarjan(&edges);
    let same = |a: usize, name: &str| resolve(name).is_some_and(|b| comp[a] == comp[b] && (a != b || edges[a].contains(&a)));
    for (i, t) in types.iter_mut().enumerate() {
        let boxer = |ty: &mut Ty| box_direct(ty, &|n| same(i, n));
        match &mut t.body {
            Body::Struct(s) => s.fields.iter_mut().for_each(|f| boxer(&mut f.ty)),
            Body::Union(u) => u.variants.iter_mut().for_each(|v| boxer(&mut v.ty)),
            _ => {}
        }
    }
}

fn field_types(t: &TypeDef) -> Vec<&Ty> {
    match &t.body {
        Body::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
        Body::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        _ => Vec::new(),
    }
}

/// Names reached without going through a heap-allocating container.
fn direct_names(ty: &Ty, f: &mut impl FnMut(&str)) {
    match ty {
        Ty::Named(n) => f(n),
        Ty::Option(t) | Ty::Pii(t) => direct_names(t, f),
        _ => {}
    }
}

fn box_direct(ty: &mut Ty, cyclic: &impl Fn(&str) -> bool) {
    match ty {
        Ty::Named(n) if cyclic(n) => *ty = Ty::Boxed(Box::new(ty.clone())),
        Ty::Option(t) | Ty::Pii(t) => box_direct(t, cyclic),
        _ => {}
    }
}

/// Component number of each node (iterative Tarjan, so deep graphs do not overflow).
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let (mut index, mut low, mut comp) = (vec![usize::MAX; n], vec![0; n], vec![usize::MAX; n]);
    let (mut on_stack, mut stack, mut next, mut ncomp) = (vec![false; n], Vec::new(), 0, 0);
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*ei) {
                *ei += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = ncomp;
                    if w == v {
                        break;
                    }
                }
                ncomp += 1;
            }
        }
    }
    comp
}
