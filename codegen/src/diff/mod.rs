//! Spec drift through the IR: two versions of a spec in, the changes between them out, each
//! with its impact on the generated crate (`breaking`, `additive`, `docs`) and the Rust item
//! it touches. Free functions over plain data; rendering is in [`report`].

mod compose;
mod impact;
mod moved;
pub mod report;
mod rust;
mod walk;

use crate::config::CrateConfig;
use crate::ir::Spec;
use indexmap::IndexSet;
use serde::Serialize;
use serde_json::Value;

/// One change between two versions of a spec.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// What kind of change it is; decides the row's wording and, with the Rust side, its severity.
    pub kind: ChangeKind,
    /// The spec's component name the change is in.
    pub schema: String,
    /// `Schema.prop.sub`, `[]` for array items, `{}` for map values, `/allOf[i]`, `/oneOf[i]`
    /// and `/anyOf[i]` for composition members (the new index of a member matched by
    /// identity); the schema name for the schema itself.
    pub path: String,
    /// The value before (a type name, a limit, a list of enum values, …); `null` when there was none.
    pub old: Value,
    /// The value after, in the same form as `old`; `null` when there is none.
    pub new: Value,
    /// What the change does to code using the generated crate.
    pub severity: Severity,
    /// The affected Rust item and how it changes, with the rule applied.
    pub rust: String,
    /// `schema_added`: the schema was in the old spec but not reachable from the roots.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existed_in_old_spec: Option<bool>,
    /// `schema_renamed`: the places whose `$ref` followed the rename (folded into this row).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub moved_refs: Vec<String>,
}

/// What changed. Names follow the drift ground truth (`OLD__NEW.changes.yaml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// A schema the roots reach now and did not before (a new struct, enum or alias).
    SchemaAdded,
    /// A schema the roots no longer reach (its Rust type is gone).
    SchemaRemoved,
    /// A schema removed and one of the same shape added: one rename, old → new.
    SchemaRenamed,
    /// A property added to an object (a new field).
    PropertyAdded,
    /// A property removed from an object (a field gone).
    PropertyRemoved,
    /// A property moved in or out of `required` (its field's `Option` changes).
    RequiredChanged,
    /// The `nullable` of the node itself.
    NullableChanged,
    /// Same `$ref`, but its target became (non-)nullable.
    EffectiveNullableChanged,
    /// The JSON type of a node changed (string → integer, object → array, …).
    TypeChanged,
    /// The `format` of a string, integer or number changed (the Rust type may follow).
    FormatChanged,
    /// A `$ref` now names another schema.
    RefChanged,
    /// Values added to an enum.
    EnumValuesAdded,
    /// Values removed from an enum.
    EnumValuesRemoved,
    /// `maxLength` changed.
    MaxLengthChanged,
    /// `minLength` changed.
    MinLengthChanged,
    /// `pattern` changed.
    PatternChanged,
    /// Other limits and keywords the IR keeps: minimum, maximum, item counts, union tags.
    OtherChanged,
    /// A member of a `oneOf`/`anyOf`/`allOf` list added or removed, matched by identity
    /// (`$ref` target, inline shape); one row at the composition node, naming the member.
    MemberAdded,
    /// A member of a composition removed, matched by identity like `MemberAdded`.
    MemberRemoved,
    /// `deprecated` set or cleared.
    DeprecatedChanged,
    /// Description or title.
    DocsChanged,
    /// The generated Rust name of a type or field changed.
    RustNameChanged,
    /// A struct became, or stopped being, reachable from a request root: it gains or loses
    /// `new()` and `validate()`.
    RequestRoleChanged,
    /// An enum that shared one Rust type with others (dedup) now has a type of its own.
    SharedTypeSplit,
    /// A field of a merged `allOf` struct that an added or removed member brought or took.
    MergedFieldAdded,
    /// A field of a merged `allOf` struct that a removed member took with it.
    MergedFieldRemoved,
    /// A field of a merged struct whose Rust type changed when a member was added or removed.
    MergedFieldChanged,
    /// An `impl From<A> for B` between structs of one shape is generated now, or no longer.
    ConversionAdded,
    /// An `impl From<A> for B` that the new shapes no longer allow.
    ConversionRemoved,
    /// A struct or union is now only sent, only received, or both (`lower/direction.rs`):
    /// the serde impl its direction does not call moves behind a feature, or out from it.
    DirectionChanged,
}

impl ChangeKind {
    /// The kind's snake_case name, as in the drift ground truth, reports and JSON output.
    pub fn as_str(self) -> &'static str {
        use ChangeKind::*;
        match self {
            SchemaAdded => "schema_added",
            SchemaRemoved => "schema_removed",
            SchemaRenamed => "schema_renamed",
            PropertyAdded => "property_added",
            PropertyRemoved => "property_removed",
            RequiredChanged => "required_changed",
            NullableChanged => "nullable_changed",
            EffectiveNullableChanged => "effective_nullable_changed",
            TypeChanged => "type_changed",
            FormatChanged => "format_changed",
            RefChanged => "ref_changed",
            EnumValuesAdded => "enum_values_added",
            EnumValuesRemoved => "enum_values_removed",
            MaxLengthChanged => "max_length_changed",
            MinLengthChanged => "min_length_changed",
            PatternChanged => "pattern_changed",
            OtherChanged => "other_changed",
            MemberAdded => "member_added",
            MemberRemoved => "member_removed",
            DeprecatedChanged => "deprecated_changed",
            DocsChanged => "docs_changed",
            RustNameChanged => "rust_name_changed",
            RequestRoleChanged => "request_role_changed",
            SharedTypeSplit => "shared_type_split",
            MergedFieldAdded => "merged_field_added",
            MergedFieldRemoved => "merged_field_removed",
            MergedFieldChanged => "merged_field_changed",
            ConversionAdded => "conversion_added",
            ConversionRemoved => "conversion_removed",
            DirectionChanged => "direction_changed",
        }
    }
}

impl Serialize for ChangeKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Impact on the generated crate, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Code that compiled against the old crate may not compile (or may reject payloads).
    Breaking,
    /// New items only; existing code keeps working (enums and structs are non_exhaustive).
    Additive,
    /// Doc comments only.
    Docs,
    /// A spec keyword changed with no effect on the generated code at all.
    None,
}

impl Severity {
    /// The severity's snake_case name, as in reports and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Additive => "additive",
            Severity::Docs => "docs",
            Severity::None => "none",
        }
    }
}

/// The changes from `old` to `new` among the schemas `roots` reach (every schema when
/// `roots` is empty). A root is a schema name or an anchored regex over names
/// (`IdentityVerification.*`). Rust names come from lowering both sides with a default
/// config.
pub fn diff(old: &Spec, new: &Spec, roots: &[String]) -> Vec<Change> {
    diff_with(old, new, roots, &CrateConfig::default())
}

/// [`diff`] with a vendor config's renames (and, when `roots` is empty, its roots), so the
/// Rust names are those of the vendor's crate.
pub fn diff_with(old: &Spec, new: &Spec, roots: &[String], cfg: &CrateConfig) -> Vec<Change> {
    let roots: Vec<String> = if roots.is_empty() {
        cfg.roots.requests.iter().chain(&cfg.roots.responses).cloned().collect()
    } else {
        roots.to_vec()
    };
    let old_set = subset(old, &roots);
    let new_set = subset(new, &roots);
    let raw = walk::changes(old, new, &old_set, &new_set);
    let old_rust = rust::RustView::new(old, &roots, &old_set, cfg);
    let new_rust = rust::RustView::new(new, &roots, &new_set, cfg);
    let assessed = impact::assess(raw, &old_rust, &new_rust);
    // A field a member's own property row already reports is not repeated as merged.
    let direct: IndexSet<String> =
        assessed.iter().filter(|c| matches!(c.kind, ChangeKind::PropertyAdded | ChangeKind::PropertyRemoved)).map(|c| rust::normalize(&c.path)).collect();
    let mut out = Vec::with_capacity(assessed.len());
    for mut c in assessed {
        let mut merged = Vec::new();
        if matches!(c.kind, ChangeKind::MemberAdded | ChangeKind::MemberRemoved) && c.rust.starts_with("merged into") {
            merged = compose::merged_fields(&c, &old_rust, &new_rust);
            merged.retain(|m| !direct.contains(&m.path));
            compose::sum_up(&mut c, &merged);
        }
        out.push(c);
        out.extend(merged);
    }
    let mut out = moved::fold(out, old, new, (&old_rust, &new_rust), cfg);
    out.extend(rust::renames(&old_rust, &new_rust));
    out.extend(rust::request_roles(&old_rust, &new_rust));
    out.extend(rust::conversions(&old_rust, &new_rust));
    out.extend(rust::directions(&old_rust, &new_rust));
    out
}

/// Whether a root pattern matches a schema name: equal, or the pattern as an anchored regex.
pub fn root_matches(pattern: &str, name: &str) -> bool {
    pattern == name || regex_lite::Regex::new(&format!("^(?:{pattern})$")).is_ok_and(|r| r.is_match(name))
}

/// Checks root patterns; the first one that is not a valid regex, with the reason.
pub fn check_roots(roots: &[String]) -> Result<(), crate::Error> {
    for r in roots {
        if let Err(e) = regex_lite::Regex::new(&format!("^(?:{r})$")) {
            let msg = e.to_string().lines().last().unwrap_or("").trim().to_lowercase();
            return Err(crate::Error::Request(format!("root `{r}` is not a schema name or a valid regex: {msg}")));
        }
    }
    Ok(())
}

/// The schemas the roots match plus everything they reference, transitively, in spec order.
/// Every schema when `roots` is empty.
pub fn subset(spec: &Spec, roots: &[String]) -> IndexSet<String> {
    if roots.is_empty() {
        return spec.schemas.keys().cloned().collect();
    }
    let regexes: Vec<Option<regex_lite::Regex>> = roots.iter().map(|r| regex_lite::Regex::new(&format!("^(?:{r})$")).ok()).collect();
    let matches = |name: &str| roots.iter().zip(&regexes).any(|(r, re)| r == name || re.as_ref().is_some_and(|re| re.is_match(name)));
    crate::resolve::Graph::new(spec).reach(spec.schemas.keys().map(String::as_str).filter(|n| matches(n)))
}
