//! `From` conversions between structs that are copies of one shape: the rule that decides
//! which pairs get one (`impl From<A> for B`).
//!
//! `A` converts into `B` when every field of `B` is a field of `A` with the same Rust name,
//! wire name, type (personal data included: a `Pii` field never converts into a plain one)
//! and presence, so the conversion moves fields and never drops data `B` can hold. More
//! conditions keep coincidences out:
//! - both are types users receive: request bodies of different endpoints share their
//!   credential fields by design, and one is never meant as the other;
//! - `B` has at least two fields (a lone `summary` field is in many unrelated structs);
//! - `B` has more than half of `A`'s fields (a response that adds `request_id` to a
//!   session converts into the session; a big check result does not convert into a small
//!   one that happens to share two fields);
//! - webhook event bodies the config tells apart never convert into one another: their
//!   discriminator values differ even where their fields are the same.
//!
//! Identical structs therefore convert both ways. Only crates whose config chooses roots
//! get conversions: a whole spec (every schema, no config) has no webhook list to tell
//! events apart, and full Plaid would get thousands of impls, mostly between unrelated
//! events and request bodies.

use crate::model::{Body, Conversion, FieldDef, StructDef, TypeDef};
use std::collections::{BTreeSet, HashMap};

/// The conversions among `types`, sorted by target then source. `events` are the Rust
/// names of the webhook event types.
pub fn find(types: &[TypeDef], events: &BTreeSet<String>) -> Vec<Conversion> {
    let structs: Vec<(&TypeDef, &StructDef)> = types
        .iter()
        .filter_map(|t| match &t.body {
            Body::Struct(s) if !t.deprecated && !s.request => Some((t, s)),
            _ => None,
        })
        .collect();
    // Field signature → the structs that have it, to find candidates without comparing
    // every pair of a two-thousand-type crate.
    let mut holders: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, s)) in structs.iter().enumerate() {
        for f in &s.fields {
            holders.entry(signature(f)).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (to, (tt, ts)) in structs.iter().enumerate() {
        if ts.fields.len() < 2 {
            continue;
        }
        let wanted: BTreeSet<String> = ts.fields.iter().map(signature).collect();
        let Some(rarest) = wanted.iter().filter_map(|s| holders.get(s)).min_by_key(|h| h.len()) else { continue };
        for &from in rarest {
            let (ft, fs) = structs[from];
            if from == to || fs.fields.len() >= 2 * ts.fields.len() || (events.contains(&ft.name) && events.contains(&tt.name)) {
                continue;
            }
            let have: BTreeSet<String> = fs.fields.iter().map(signature).collect();
            if wanted.is_subset(&have) {
                out.push(Conversion { from: ft.name.clone(), to: tt.name.clone() });
            }
        }
    }
    out.sort_by(|a, b| (&a.to, &a.from).cmp(&(&b.to, &b.from)));
    out
}

/// What must be equal for a field to move from one struct into another.
fn signature(f: &FieldDef) -> String {
    format!("{}\u{0}{}\u{0}{:?}\u{0}{:?}", f.name, f.wire, f.ty, f.presence)
}
