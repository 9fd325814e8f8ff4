//! One parsed [`Doc`] to one IR [`Schema`]: finds the field table (`| Field | Type | … |`,
//! `| Name | Type | Description | Notes |`) or the value table of an enum (`| Name | Value |`),
//! reads each row's name, type, required marker and description, and attaches nested field
//! tables (`### \`entries\``) to the property they describe.

use super::doc::{Cell, Doc, Piece, Table};
use super::facts;
use super::types::{self, Target};
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Docs, Enum, Kind, Object, Origin, Property, Schema};
use serde_json::Value;

/// Column positions of a field table.
#[derive(Clone, Copy, Debug)]
struct Cols {
    name: usize,
    ty: usize,
    required: Option<usize>,
    description: Option<usize>,
    /// openapi-generator's `Notes` column: `[optional]` marks an optional field.
    notes: Option<usize>,
}

fn header_names(t: &Table) -> Vec<String> {
    t.header.iter().map(|c| c.plain().to_lowercase()).collect()
}

fn field_cols(t: &Table) -> Option<Cols> {
    let h = header_names(t);
    let find = |names: &[&str]| h.iter().position(|c| names.contains(&c.as_str()));
    let name = find(&["field", "name", "property", "attribute", "parameter"])?;
    let ty = find(&["type"])?;
    Some(Cols { name, ty, required: find(&["required"]), description: find(&["description"]), notes: find(&["notes"]) })
}

fn value_cols(t: &Table) -> Option<(usize, usize)> {
    let h = header_names(t);
    let name = h.iter().position(|c| c == "name")?;
    let value = h.iter().position(|c| c == "value")?;
    (!h.iter().any(|c| c == "type")).then_some((name, value))
}

/// Whether the doc has a table that makes it a schema.
pub(super) fn is_schema(doc: &Doc) -> bool {
    doc.tables.iter().any(|t| field_cols(t).is_some() || value_cols(t).is_some())
}

/// Destinations of the links in Type cells, with the cell's position.
pub(super) fn type_links(doc: &Doc) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for t in &doc.tables {
        let Some(cols) = field_cols(t) else { continue };
        for row in &t.rows {
            if let Some(cell) = row.cells.get(cols.ty) {
                links_in(&cell.pieces, cell, &mut out);
            }
        }
    }
    out
}

fn links_in(pieces: &[Piece], cell: &Cell, out: &mut Vec<(String, usize, usize)>) {
    for p in pieces {
        if let Piece::Link { dest, label } = p {
            out.push((dest.clone(), cell.line, cell.col));
            links_in(label, cell, out);
        }
    }
}

/// A schema read from one doc, and the unlinked names its Type cells use.
pub(super) struct Built {
    pub schema: Schema,
    /// Name, line, column.
    pub bare_refs: Vec<(String, usize, usize)>,
}

/// Builds the schema of a doc that [`is_schema`]. `resolve` maps a link destination found
/// in this file to its target.
pub(super) fn build(doc: &Doc, file: &str, resolve: &dyn Fn(&str) -> Target, diags: &mut Diagnostics) -> Built {
    let line = doc.title.as_ref().map_or(1, |t| t.1);
    let mut b = Builder { file, resolve, diags, bare_refs: Vec::new() };
    for line in &doc.stray_rows {
        b.diags.push(
            Diagnostic::error(file, "this line looks like a table row but is outside any table: a blank line or a line break inside a cell ends a table")
                .at_line(*line, 1),
        );
    }
    let fields: Vec<(&Table, Cols)> = doc.tables.iter().filter_map(|t| field_cols(t).map(|c| (t, c))).collect();
    let kind = if let Some(((main, cols), nested)) = fields.split_first() {
        let mut properties = b.properties(main, *cols);
        for (t, cols) in nested {
            let props = b.properties(t, *cols);
            let path: Vec<&str> = t.heading.split('.').map(str::trim).collect();
            if !attach(&mut properties, &path, props) {
                b.diags.push(
                    Diagnostic::warning(file, format!("field table under `{}` matches no object property: ignored", t.heading))
                        .at_line(t.line, 1),
                );
            }
        }
        Kind::Object(Object { properties })
    } else {
        match doc.tables.iter().find_map(|t| value_cols(t).map(|c| (t, c))) {
            Some((t, (name, value))) => b.values(t, name, value),
            None => Kind::Any,
        }
    };
    let schema = Schema {
        kind,
        docs: Docs { title: None, description: doc.description.clone() },
        origin: Origin { file: file.to_string(), pointer: String::new(), line },
        ..Schema::default()
    };
    Built { schema, bare_refs: b.bare_refs }
}

struct Builder<'a> {
    file: &'a str,
    resolve: &'a dyn Fn(&str) -> Target,
    diags: &'a mut Diagnostics,
    bare_refs: Vec<(String, usize, usize)>,
}

impl Builder<'_> {
    fn error(&mut self, cell: &Cell, msg: String) {
        self.diags.push(Diagnostic::error(self.file, msg).at_line(cell.line, cell.col));
    }

    fn properties(&mut self, t: &Table, cols: Cols) -> Vec<Property> {
        let mut out: Vec<Property> = Vec::new();
        let empty = Cell::default();
        for row in &t.rows {
            let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).unwrap_or(&empty);
            let name_cell = cell(Some(cols.name));
            let name = name_cell.plain().trim_matches(|c| c == '`' || c == '*').trim().to_string();
            if name.is_empty() {
                self.diags.push(Diagnostic::error(self.file, "table row has no field name").at_line(row.line, 1));
                continue;
            }
            if out.iter().any(|p| p.name == name) {
                self.error(name_cell, format!("field `{name}` is listed twice"));
                continue;
            }
            let ty_cell = cell(Some(cols.ty));
            let mut schema = match types::parse(&ty_cell.pieces, self.resolve) {
                Ok(p) => {
                    for w in p.warnings {
                        self.diags.push(Diagnostic::warning(self.file, w).at_line(ty_cell.line, ty_cell.col));
                    }
                    self.bare_refs.extend(p.bare_refs.into_iter().map(|n| (n, ty_cell.line, ty_cell.col)));
                    p.schema
                }
                Err(e) => {
                    let shown = ty_cell.plain();
                    let msg = if shown.is_empty() { format!("field `{name}` has no type") } else { format!("cannot read type `{shown}` of field `{name}`: {e}") };
                    self.error(ty_cell, msg);
                    Schema::default()
                }
            };
            let required = match (cols.required, cols.notes) {
                (Some(i), _) => self.required(cell(Some(i))),
                (None, Some(i)) => !cell(Some(i)).plain().contains("[optional]"),
                (None, None) => false,
            };
            let description = cell(cols.description).doc_text();
            facts::apply(&mut schema, &facts::read(&description));
            if !description.is_empty() && description != "N/A" {
                schema.docs.description = Some(description);
            }
            schema.origin = Origin { file: self.file.to_string(), pointer: String::new(), line: row.line };
            out.push(Property { name, required, schema });
        }
        out
    }

    fn required(&mut self, cell: &Cell) -> bool {
        let v = cell.plain().to_lowercase();
        match v.as_str() {
            "yes" | "true" | "required" | ":heavy_check_mark:" | "✔" | "✔\u{fe0f}" | "✓" | "x" => true,
            "no" | "false" | "optional" | ":heavy_minus_sign:" | "➖" | "-" | "" => false,
            _ => {
                self.error(cell, format!("unknown required marker `{}`: expected yes, no, :heavy_check_mark: or :heavy_minus_sign:", cell.plain()));
                false
            }
        }
    }

    /// A Speakeasy enum doc: the Value column, less the `Unrecognized<…>` row of open enums.
    fn values(&mut self, t: &Table, name: usize, value: usize) -> Kind {
        let mut values: Vec<Value> = Vec::new();
        for row in &t.rows {
            let (Some(n), Some(v)) = (row.cells.get(name), row.cells.get(value)) else { continue };
            let text = v.plain();
            if n.plain() == "-" || text.starts_with("Unrecognized<") {
                continue;
            }
            let v = Value::String(text);
            if values.contains(&v) {
                self.diags.push(Diagnostic::warning(self.file, format!("enum value {v} is listed twice")).at_line(row.line, 1));
            } else {
                values.push(v);
            }
        }
        if values.is_empty() {
            self.diags.push(Diagnostic::error(self.file, "value table lists no values").at_line(t.line, 1));
            return Kind::Any;
        }
        Kind::Enum(Enum { base: "string".into(), values, truncated: false })
    }
}

/// Puts nested `fields` on the property at `path`: a free-form `object` (or a list of them)
/// becomes an object with those properties.
fn attach(props: &mut [Property], path: &[&str], fields: Vec<Property>) -> bool {
    let Some((first, rest)) = path.split_first() else { return false };
    let Some(p) = props.iter_mut().find(|p| p.name == *first) else { return false };
    let target = element(&mut p.schema);
    if rest.is_empty() {
        return match &target.kind {
            Kind::Map(v) if v.kind == Kind::Any => {
                target.kind = Kind::Object(Object { properties: fields });
                true
            }
            Kind::Any => {
                target.kind = Kind::Object(Object { properties: fields });
                true
            }
            _ => false,
        };
    }
    match &mut target.kind {
        Kind::Object(o) => attach(&mut o.properties, rest, fields),
        _ => false,
    }
}

/// The schema an array (of arrays…) holds, or `s` itself.
fn element(s: &mut Schema) -> &mut Schema {
    match s.kind {
        Kind::Array(ref mut items) => element(items),
        _ => s,
    }
}
