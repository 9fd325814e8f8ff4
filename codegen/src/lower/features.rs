//! Per-resource Cargo features for whole-spec crates: each API resource (the first path
//! segment after any version, `/identity_verification/get` → `identity-verification`)
//! compiles only the types its operations reach, so a user of one resource does not pay
//! for compiling two thousand types.

use crate::ir::Spec;
use crate::model::TypeDef;
use crate::naming;
use crate::resolve::Graph;
use indexmap::IndexSet;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Name of the feature for schemas no operation reaches and no resource name prefixes.
pub const OTHER: &str = "other";

/// Sets `features` on every type used by only some resources and returns every feature
/// name, sorted. Types every resource needs stay ungated.
pub(super) fn assign(spec: &Spec, graph: &Graph, reached: &IndexSet<String>, types: &mut [TypeDef]) -> Vec<String> {
    let mut roots: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // Inline types of an operation's parameters, body and responses (their source starts
    // with its `operationId`) compile with the operation's resource.
    let mut by_operation: Vec<(String, String)> = Vec::new();
    for op in &spec.operations {
        if let Some(f) = resource(&op.path) {
            roots.entry(f.clone()).or_default().extend(op.schemas.iter().cloned());
            by_operation.extend(op.operation_id.clone().map(|id| (id, f)));
        }
    }
    if roots.is_empty() {
        return Vec::new();
    }
    // Schemas no operation reaches (webhooks, mostly) go to the resource their name starts
    // with (`IdentityVerificationStatusUpdatedWebhook` → `identity-verification`).
    let mut by_schema: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (f, r) in &roots {
        for s in graph.reach(r.iter().map(String::as_str)) {
            by_schema.entry(s).or_default().insert(f.clone());
        }
    }
    let prefixes: Vec<(String, String)> = roots.keys().map(|f| (naming::type_name(f), f.clone())).collect();
    // Grouped by feature first, so that the graph is walked once per feature, not once per
    // schema (hundreds of them in a whole-spec crate).
    let mut unreached: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for name in reached.iter().filter(|n| !by_schema.contains_key(*n)) {
        let rust_name = naming::type_name(name);
        let f = prefixes
            .iter()
            .filter(|(p, _)| rust_name.starts_with(p.as_str()))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, f)| f.clone())
            .unwrap_or_else(|| OTHER.to_string());
        unreached.entry(f).or_default().push(name);
    }
    for (f, names) in unreached {
        for s in graph.reach(names) {
            by_schema.entry(s).or_default().insert(f.clone());
        }
    }
    for (id, f) in by_operation {
        by_schema.entry(id).or_default().insert(f);
    }
    let mut all: BTreeSet<String> = roots.into_keys().collect();
    all.extend(by_schema.values().flatten().cloned());
    for t in types.iter_mut() {
        if let Some(fs) = t.owner().and_then(|o| by_schema.get(o)) {
            if fs.len() < all.len() {
                t.features = fs.iter().cloned().collect();
            }
        }
    }
    all.into_iter().collect()
}

/// The feature of an operation's path: its first segment that is neither a version
/// (`v1`) nor a parameter.
pub(crate) fn resource(path: &str) -> Option<String> {
    names(path).next().map(naming::feature_name)
}

/// The segments of a path that name something: neither empty, a version (`v1`) nor a
/// parameter.
fn names(path: &str) -> impl Iterator<Item = &str> {
    let is_version = |s: &str| s.len() > 1 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit());
    path.split('/').filter(move |s| !s.is_empty() && !s.starts_with('{') && !is_version(s))
}

/// The collections among a crate's paths: segments some path follows with a parameter
/// (`verification_sessions` of `/v1/identity/verification_sessions/{session}`).
pub(crate) fn collections<'p>(paths: impl IntoIterator<Item = &'p str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for path in paths {
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        out.extend(segs.windows(2).filter(|w| w[1].starts_with('{') && !w[0].starts_with('{')).map(|w| w[0].to_string()));
    }
    out
}

/// The resource an operation's docs list it under, as its path spells it: the last of
/// `collections` its path names (`/v1/identity/verification_sessions/{session}/cancel` →
/// `verification_sessions`), else its first naming segment (`/identity_verification/get` →
/// `identity_verification`).
pub(crate) fn doc_resource(path: &str, collections: &BTreeSet<String>) -> Option<String> {
    let last = names(path).filter(|s| collections.contains(*s)).last();
    last.or_else(|| names(path).next()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::resource;
    use std::collections::BTreeSet;

    #[test]
    fn resources_from_paths() {
        assert_eq!(resource("/identity_verification/get").as_deref(), Some("identity-verification"));
        assert_eq!(resource("/v1/identity/verification_sessions/{session}").as_deref(), Some("identity"));
        assert_eq!(resource("/{id}").as_deref(), None);
    }

    #[test]
    fn doc_resources_are_the_collections_paths_name() {
        use super::{collections, doc_resource};
        let paths = ["/v1/identity/verification_sessions", "/v1/identity/verification_sessions/{session}/cancel", "/v1/identity/verification_reports/{report}"];
        let c = collections(paths);
        assert_eq!(c.iter().collect::<Vec<_>>(), ["verification_reports", "verification_sessions"]);
        assert_eq!(doc_resource(paths[0], &c).as_deref(), Some("verification_sessions"));
        assert_eq!(doc_resource(paths[1], &c).as_deref(), Some("verification_sessions"));
        assert_eq!(doc_resource("/applicants/{id}/consents", &collections(["/applicants/{id}/consents"])).as_deref(), Some("applicants"));
        // RPC-style paths have no collection: the first segment names the resource.
        assert_eq!(doc_resource("/identity_verification/get", &collections(["/identity_verification/get"])).as_deref(), Some("identity_verification"));
        assert_eq!(doc_resource("/{id}", &BTreeSet::new()), None);
    }
}
