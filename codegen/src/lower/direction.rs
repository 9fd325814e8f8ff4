//! Which way each type crosses the wire. A type only requests reach is only ever
//! serialized, and one only responses, webhook events and response roots reach is only
//! ever deserialized: the impl nobody calls is gated behind a Cargo feature, because the
//! two impls are two thirds of a generated crate's check time (BENCHMARKS.md, issue 19).

use crate::model::{Direction, OperationDef, TypeDef, PLAID_KEY_OPERATION};
use std::collections::{HashMap, HashSet};

/// Sets `direction` on every type from the roots (Rust names) and the operations' parts.
/// A type no root reaches (an orphan schema of a whole spec) keeps both impls, as do the
/// types it holds.
pub(super) fn assign(types: &mut [TypeDef], operations: &[OperationDef], sent: &[String], received: &[String]) {
    let edges: HashMap<&str, Vec<&str>> = types.iter().map(|t| (t.name.as_str(), t.referenced())).collect();
    let mut sent_roots: Vec<&str> = sent.iter().map(String::as_str).collect();
    let mut received_roots: Vec<&str> = received.iter().map(String::as_str).collect();
    for op in operations {
        op.params.iter().for_each(|p| p.ty.names(&mut sent_roots));
        op.body.iter().for_each(|b| b.ty.names(&mut sent_roots));
        op.response.names(&mut received_roots);
        op.error.names(&mut received_roots);
        if op.id == PLAID_KEY_OPERATION {
            op.response.names(&mut sent_roots);
        }
    }
    // A type no root reaches keeps both impls, and so must every type it holds.
    let reached = reach(&edges, sent_roots.iter().chain(&received_roots).copied().collect());
    let orphans: Vec<&str> = types.iter().map(|t| t.name.as_str()).filter(|n| !reached.contains(n)).collect();
    sent_roots.extend(&orphans);
    received_roots.extend(&orphans);
    let (sent, received) = (reach(&edges, sent_roots), reach(&edges, received_roots));
    let directions: Vec<Direction> = types
        .iter()
        .map(|t| match (sent.contains(t.name.as_str()), received.contains(t.name.as_str())) {
            (true, false) => Direction::Sent,
            (false, true) => Direction::Received,
            _ => Direction::Both,
        })
        .collect();
    types.iter_mut().zip(directions).for_each(|(t, d)| t.direction = d);
}

fn reach<'a>(edges: &HashMap<&'a str, Vec<&'a str>>, roots: Vec<&'a str>) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    let mut stack = roots;
    while let Some(n) = stack.pop() {
        if seen.insert(n) {
            stack.extend(edges.get(n).into_iter().flatten().copied());
        }
    }
    seen
}
