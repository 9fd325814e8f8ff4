//! The same vendor object read from its markdown docs and from its OpenAPI spec, compared
//! property by property: fields missing on either side, type, nullability, required, enum
//! values and max length. Names differ between docs and spec (`[gelato_document_report]`,
//! `components.IdentityVerificationStatus`), so references are compared loosely and the
//! spec's `$ref`s to primitive schemas are resolved first.

mod field;
pub mod report;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Property, Spec};
use crate::markdown::{self, Links};
use crate::resolve;

use crate::{Error, SpecPath};
use field::Field;
use serde::Serialize;
use std::path::Path;

/// Every disagreement found for one object.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The object as the docs name it.
    pub docs_object: String,
    /// The schema of the spec it was compared with.
    pub spec_object: String,
    /// How many fields the docs' table lists for the object (an SDK-only field left out).
    pub docs_fields: usize,
    /// How many properties the spec's schema has (after `allOf` merges).
    pub spec_fields: usize,
    /// Fields both sides define.
    pub both: usize,
    /// The disagreements: the docs' fields in the docs' order (each field's rows in
    /// [`Disagreement`] order), then the fields only the spec has.
    pub rows: Vec<Row>,
}

/// One disagreement about one field: what each side says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The field's wire name.
    pub field: String,
    /// What the two sides disagree on.
    pub kind: Disagreement,
    /// What the docs say, as shown in the report (`—` when they do not list the field).
    pub docs: String,
    /// What the spec says, in the same form as `docs`.
    pub spec: String,
}

/// The kinds of disagreement, in the order a field's rows are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Disagreement {
    /// The docs list a field the spec's schema lacks.
    MissingInSpec,
    /// The spec's schema has a property the docs do not list.
    MissingInDocs,
    /// The type differs (a reference compared by name, its target only when both sides have one).
    Type,
    /// One side allows `null` and the other does not.
    Nullable,
    /// One side requires the field and the other does not.
    Required,
    /// The enum values differ (either side has values the other lacks).
    EnumValues,
    /// `maxLength` differs.
    MaxLength,
}

impl Disagreement {
    /// Every kind, in the order a field's rows are listed.
    pub const ALL: [Disagreement; 7] = [
        Disagreement::MissingInSpec,
        Disagreement::MissingInDocs,
        Disagreement::Type,
        Disagreement::Nullable,
        Disagreement::Required,
        Disagreement::EnumValues,
        Disagreement::MaxLength,
    ];

    /// The kind's snake_case name, as in the report and its JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Disagreement::MissingInSpec => "missing_in_spec",
            Disagreement::MissingInDocs => "missing_in_docs",
            Disagreement::Type => "type",
            Disagreement::Nullable => "nullable",
            Disagreement::Required => "required",
            Disagreement::EnumValues => "enum_values",
            Disagreement::MaxLength => "max_length",
        }
    }
}

impl Serialize for Disagreement {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Reads one markdown object doc without following its links ([`Links::Names`]): the
/// files it links to need not exist. Errors come back located.
pub fn read_docs(path: &Path) -> Result<Spec, Error> {
    let SpecPath { root, files, .. } = crate::open(path)?;
    let mut diags = Diagnostics::new();
    let (spec, sources) = markdown::read_with(&root, &files, Links::Names, &mut diags);
    crate::errors_only(diags, &sources)?;
    Ok(spec)
}

/// Reads an OpenAPI file (YAML or JSON, with the files its `$ref`s point into).
pub fn read_openapi(path: &Path) -> Result<Spec, Error> {
    let SpecPath { root, files, .. } = crate::open(path)?;
    if files.iter().any(|rel| markdown::is_markdown(&root, rel)) {
        return Err(Diagnostic::error(path.display().to_string(), "expected an OpenAPI file (YAML or JSON), found markdown").into());
    }
    Ok(crate::read_checked(&root, &files)?.spec)
}

/// Compares the object `object` (by default the one object the docs define) of the docs
/// with the schema of the same name in the spec. An error when either is missing or is
/// not an object.
pub fn compare(docs: &Spec, spec: &Spec, object: Option<&str>) -> Result<Report, Error> {
    let docs_object = match object.filter(|o| docs.schemas.contains_key(*o)) {
        Some(o) => o.to_string(),
        None if docs.schemas.len() == 1 => docs.schemas.keys().next().cloned().unwrap_or_default(),
        None => {
            let names: Vec<&str> = docs.schemas.keys().map(String::as_str).collect();
            return Err(Error::Request(format!("the docs define {} objects ({}): name one with --object", names.len(), names.join(", "))));
        }
    };
    let spec_object = object.unwrap_or(&docs_object).to_string();
    if !spec.schemas.contains_key(&spec_object) {
        return Err(Error::Request(format!("the spec has no schema `{spec_object}`")));
    }
    let mut docs_props = properties(docs, &docs_object).ok_or_else(|| Error::Request(format!("docs object `{docs_object}` has no field table")))?;
    // A field the docs' SDK adds for extra keys (Speakeasy's `additional_properties`) is not on
    // the wire, unless the spec has a property of that name. (The IR does not keep
    // `additionalProperties: true` beside `properties`, so there is nothing to compare it with.)
    docs_props.retain(|d| !markdown::is_sdk_field(d) || spec_has(spec, &spec_object, &d.name));
    let spec_props = properties(spec, &spec_object).ok_or_else(|| Error::Request(format!("spec schema `{spec_object}` is not an object")))?;
    let mut rows = Vec::new();
    let mut both = 0;
    for d in &docs_props {
        let docs_field = field::from_docs(&d.schema, d.required, spec);
        match spec_props.iter().find(|s| s.name == d.name) {
            Some(s) => {
                both += 1;
                let spec_field = field::from_spec(&s.schema, s.required, spec);
                let states = field::states_values(&d.schema);
                fields(&d.name, &docs_field, &spec_field, states, &mut rows);
            }
            None => rows.push(row(&d.name, Disagreement::MissingInSpec, summary(&docs_field), "—".into())),
        }
    }
    for s in spec_props.iter().filter(|s| !docs_props.iter().any(|d| d.name == s.name)) {
        let spec_field = field::from_spec(&s.schema, s.required, spec);
        rows.push(row(&s.name, Disagreement::MissingInDocs, "—".into(), summary(&spec_field)));
    }
    Ok(Report { docs_object, spec_object, docs_fields: docs_props.len(), spec_fields: spec_props.len(), both, rows })
}

fn spec_has(spec: &Spec, object: &str, field: &str) -> bool {
    properties(spec, object).is_some_and(|p| p.iter().any(|p| p.name == field))
}

/// An object's own properties: through `$ref` aliases, with `allOf` members merged.
fn properties(spec: &Spec, name: &str) -> Option<Vec<Property>> {
    resolve::properties(spec, spec.schemas.get(name)?).map(|o| o.properties)
}

fn row(field: &str, kind: Disagreement, docs: String, spec: String) -> Row {
    Row { field: field.to_string(), kind, docs, spec }
}

/// The rows of one field both sides define. `states` is false when the docs give the
/// field's values and limits in a linked doc (not compared).
fn fields(name: &str, d: &Field, s: &Field, states: bool, rows: &mut Vec<Row>) {
    if !field::same_shape(&d.shape, &s.shape) {
        rows.push(row(name, Disagreement::Type, code(&field::show(&d.shape)), code(&field::show(&s.shape))));
    }
    if d.nullable != s.nullable {
        rows.push(row(name, Disagreement::Nullable, nullable(d.nullable), nullable(s.nullable)));
    }
    if d.required != s.required {
        rows.push(row(name, Disagreement::Required, required(d.required), required(s.required)));
    }
    if states {
        if let Some((docs, spec)) = values_differ(d, s) {
            rows.push(row(name, Disagreement::EnumValues, docs, spec));
        }
        if d.max_length != s.max_length {
            let show = |m: Option<u64>| m.map_or_else(|| "not stated".to_string(), |n| n.to_string());
            rows.push(row(name, Disagreement::MaxLength, show(d.max_length), show(s.max_length)));
        }
    }
}

/// The two cells of an enum-values row, when the lists disagree. Values the docs cut short
/// (`a, b...`) may exist beyond the list, so only their listed values are checked.
fn values_differ(d: &Field, s: &Field) -> Option<(String, String)> {
    let (dv, truncated) = match &d.values {
        Some((v, t)) => (v.as_slice(), *t),
        None => (&[][..], false),
    };
    let sv = s.values.as_ref().map_or(&[][..], |(v, _)| v.as_slice());
    let only_docs: Vec<&String> = dv.iter().filter(|v| !sv.contains(v)).collect();
    let only_spec: Vec<&String> = sv.iter().filter(|v| !dv.contains(v)).collect();
    let differs = match (&d.values, &s.values) {
        (None, None) => false,
        (Some(_), Some(_)) => !only_docs.is_empty() || (!truncated && !only_spec.is_empty()),
        _ => true,
    };
    if !differs {
        return None;
    }
    let cell = |values: &Option<(Vec<String>, bool)>, only: &[&String], other: &str| match values {
        None => "not an enum".to_string(),
        Some((v, cut)) if v.len() <= 8 => {
            let list = v.iter().map(|x| code(x)).collect::<Vec<_>>().join(", ");
            if *cut {
                format!("{list}, …")
            } else {
                list
            }
        }
        Some((v, _)) => {
            let only = only.iter().map(|x| code(x)).collect::<Vec<_>>().join(", ");
            format!("{} values; not in {other}: {}", v.len(), if only.is_empty() { "—".into() } else { only })
        }
    };
    Some((cell(&d.values, &only_docs, "spec"), cell(&s.values, &only_spec, "docs")))
}

/// A field in one cell: type, nullability, required.
fn summary(f: &Field) -> String {
    let mut s = code(&field::show(&f.shape));
    if f.nullable {
        s.push_str(", nullable");
    }
    s.push_str(if f.required { ", required" } else { ", optional" });
    s
}

fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

fn nullable(n: bool) -> String {
    if n { "nullable" } else { "not nullable" }.to_string()
}

fn required(r: bool) -> String {
    if r { "required" } else { "optional" }.to_string()
}
