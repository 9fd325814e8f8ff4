//! One parsed [`Doc`] to one IR [`Schema`] in the [`Dialect`] that reads it best: finds the
//! field table or the value table of an enum, reads each row's name, type, required marker
//! and description, and attaches nested field tables (`### \`entries\``) to the property
//! they describe. Rows with fewer or more cells than the header are warned about.

use super::dialect::{self, Dialect, FieldNames, Pointer, Required, ValueList, Values};
use super::doc::{Cell, Doc, Item, Piece, Row, Table};
use super::facts;
use super::types::{self, Target};
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Docs, Enum, EnumBase, Kind, Object, Origin, Property, Schema};
use serde_json::Value;

/// Column positions of a field table.
#[derive(Clone, Copy, Debug)]
struct Cols {
    name: usize,
    ty: usize,
    /// The column that says whether a field is required (see [`Required`]).
    required: Option<usize>,
    description: Option<usize>,
}

fn header_names(t: &Table) -> Vec<String> {
    t.header.iter().map(|c| c.plain().to_lowercase()).collect()
}

fn field_cols(t: &Table, d: &Dialect) -> Option<Cols> {
    let h = header_names(t);
    let find = |name: &str| h.iter().position(|c| c == name);
    if !d.columns.must.iter().all(|m| find(m).is_some()) {
        return None;
    }
    let name = h.iter().position(|c| d.columns.name.contains(&c.as_str()))?;
    let required = match d.required {
        Required::Column { header, .. } | Required::Notes { header, .. } => find(header),
    };
    Some(Cols { name, ty: find(d.columns.ty)?, required, description: find(d.columns.description) })
}

fn value_cols<'d>(t: &Table, d: &'d Dialect) -> Option<(usize, usize, &'d Values)> {
    let v = d.values.as_ref()?;
    let h = header_names(t);
    let name = h.iter().position(|c| c == v.name)?;
    let value = h.iter().position(|c| c == v.value)?;
    (!h.iter().any(|c| c == d.columns.ty)).then_some((name, value, v))
}

/// The items of an enum doc's value list in dialect `d`, with the list's declaration.
fn value_list<'a>(doc: &'a Doc, d: &'a Dialect) -> Option<(Vec<&'a Item>, &'a ValueList)> {
    let list = d.value_list.as_ref()?;
    let items: Vec<&Item> = doc.items.iter().filter(|i| i.heading.to_lowercase() == list.heading).collect();
    (!items.is_empty()).then_some((items, list))
}

/// Whether the doc has a table, or a value list, that makes it a schema in some dialect.
pub(super) fn is_schema(doc: &Doc) -> bool {
    let table = doc.tables.iter().any(|t| dialect::ALL.iter().any(|d| field_cols(t, d).is_some() || value_cols(t, d).is_some()));
    table || dialect::ALL.iter().any(|d| value_list(doc, d).is_some())
}

/// Destinations of the links in Type cells, with the cell's position.
pub(super) fn type_links(doc: &Doc) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for t in &doc.tables {
        let Some(cols) = dialect::ALL.iter().find_map(|d| field_cols(t, d)) else { continue };
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

/// The dialect a doc is read in: of those whose header its field table (else its value
/// table) has, the one that reads the most rows (type and required marker), then the one
/// that leaves the fewest names unresolved, then the first in [`dialect::ALL`].
fn choose(doc: &Doc, resolve: &dyn Fn(&str) -> Target) -> &'static Dialect {
    let main = doc.tables.iter().find(|t| dialect::ALL.iter().any(|d| field_cols(t, d).is_some()));
    let Some(main) = main else {
        let values = dialect::ALL.iter().find(|d| doc.tables.iter().any(|t| value_cols(t, d).is_some()));
        let list = || dialect::ALL.iter().find(|d| value_list(doc, d).is_some());
        return values.or_else(list).copied().unwrap_or(dialect::ALL[0]);
    };
    let candidates = dialect::ALL.iter().filter(|d| field_cols(main, d).is_some());
    let best = candidates.min_by_key(|d| {
        let (mut unread, mut bare) = (0usize, 0usize);
        for (t, cols) in doc.tables.iter().filter_map(|t| field_cols(t, d).map(|c| (t, c))) {
            for row in &t.rows {
                let cell = |i: usize| row.cells.get(i).map_or(&[][..], |c| &c.pieces[..]);
                match types::parse(cell(cols.ty), d, resolve) {
                    Ok(p) => bare += p.bare_refs.len(),
                    Err(_) => unread += 1,
                }
                let marker = cols.required.and_then(|i| row.cells.get(i)).map(Cell::plain);
                unread += usize::from(marker.is_some_and(|m| required(d, &m).is_none()));
            }
        }
        (unread, bare)
    });
    best.copied().unwrap_or(dialect::ALL[0])
}

/// What a required cell says in dialect `d`: `None` for a marker it does not write.
fn required(d: &Dialect, marker: &str) -> Option<bool> {
    match d.required {
        Required::Column { yes, no, .. } => {
            let m = marker.to_lowercase();
            if yes.contains(&m.as_str()) {
                Some(true)
            } else {
                no.contains(&m.as_str()).then_some(false)
            }
        }
        Required::Notes { optional, .. } => Some(!marker.contains(optional)),
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
    let dialect = choose(doc, resolve);
    let mut b = Builder { dialect, file, resolve, diags, bare_refs: Vec::new() };
    for line in &doc.stray_rows {
        b.diags.push(
            Diagnostic::error(file, "this line looks like a table row but is outside any table: a blank line or a line break inside a cell ends a table")
                .at_line(*line, 1),
        );
    }
    let fields: Vec<(&Table, Cols)> = doc.tables.iter().filter_map(|t| field_cols(t, dialect).map(|c| (t, c))).collect();
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
        super::meanings::apply(doc, dialect, &mut properties, file, b.diags);
        Kind::Object(Object { properties, required: Vec::new() })
    } else {
        match (doc.tables.iter().find_map(|t| value_cols(t, dialect).map(|c| (t, c))), value_list(doc, dialect)) {
            (Some((t, cols)), _) => b.values(t, cols),
            (None, Some((items, list))) => b.listed_values(&items, list),
            (None, None) => Kind::Any,
        }
    };
    let schema = Schema {
        kind,
        docs: Docs { title: None, description: dialect.description(&doc.description) },
        origin: Origin { file: file.to_string(), pointer: String::new(), line },
        ..Schema::default()
    };
    Built { schema, bare_refs: b.bare_refs }
}

/// Whether `p`, read from markdown docs, is a field the SDK adds rather than a property on
/// the wire (Speakeasy's `additional_properties: Dict[str, Any]`), as some dialect declares.
pub fn is_sdk_field(p: &Property) -> bool {
    dialect::any_sdk_field(&p.name) && !p.required && matches!(&p.schema.kind, Kind::Map(v) if v.kind == Kind::Any)
}

struct Builder<'a> {
    dialect: &'static Dialect,
    file: &'a str,
    resolve: &'a dyn Fn(&str) -> Target,
    diags: &'a mut Diagnostics,
    bare_refs: Vec<(String, usize, usize)>,
}

impl Builder<'_> {
    fn error(&mut self, cell: &Cell, msg: String) {
        self.diags.push(Diagnostic::error(self.file, msg).at_line(cell.line, cell.col));
    }

    fn warning(&mut self, line: usize, msg: String) {
        self.diags.push(Diagnostic::warning(self.file, msg).at_line(line, 1));
    }

    fn properties(&mut self, t: &Table, cols: Cols) -> Vec<Property> {
        let mut out: Vec<Property> = Vec::new();
        let empty = Cell::default();
        if self.dialect.field_names == FieldNames::Go {
            self.go_names_warning(t, cols);
        }
        for row in &t.rows {
            let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).unwrap_or(&empty);
            let name_cell = cell(Some(cols.name));
            let name = self.field_name(name_cell);
            if name.is_empty() {
                self.diags.push(Diagnostic::error(self.file, "table row has no field name").at_line(row.line, 1));
                continue;
            }
            if out.iter().any(|p| p.name == name) {
                self.error(name_cell, format!("field `{name}` is listed twice"));
                continue;
            }
            let (mut schema, pointer) = self.field_type(cell(Some(cols.ty)), &name);
            let required = match cols.required {
                Some(i) => self.required(cell(Some(i))),
                None => false,
            };
            if pointer && required && self.dialect.pointer == Pointer::NullableWhenRequired {
                schema.nullable = true;
            }
            let assumed = if required { "the field is read as required" } else { "the field is read as optional" };
            self.ragged(t, row, &format!("field `{name}`"), (cols.required, assumed));
            let description = cell(cols.description).doc_text();
            facts::apply(&mut schema, &facts::read(&description));
            if !description.is_empty() && !self.dialect.no_description.contains(&description.as_str()) {
                schema.docs.description = Some(description);
            }
            schema.origin = Origin { file: self.file.to_string(), pointer: String::new(), line: row.line };
            out.push(Property { name, required, schema });
        }
        out
    }

    /// The wire name in a Field cell: as written, or guessed from a Go identifier.
    fn field_name(&self, cell: &Cell) -> String {
        let name = cell.plain().trim_matches(|c| c == '`' || c == '*').trim().to_string();
        match self.dialect.field_names {
            FieldNames::Wire => name,
            FieldNames::Go => crate::naming::wire_from_go(&name),
        }
    }

    /// Go SDK docs name fields by their Go identifiers: the wire names are a guess.
    fn go_names_warning(&mut self, t: &Table, cols: Cols) {
        let Some(first) = t.rows.iter().filter_map(|r| r.cells.get(cols.name)).map(|c| c.plain()).find(|n| !n.is_empty()) else { return };
        let go = first.trim_matches(|c| c == '`' || c == '*').trim();
        let msg = format!(
            "{} docs name fields by their Go identifiers, not their wire names: wire names are taken as the snake_case of them (`{go}` → `{}`); check them against the API",
            self.dialect.name,
            crate::naming::wire_from_go(go)
        );
        self.warning(t.line, msg);
    }

    /// A Type cell's schema, and whether it is a pointer; an error leaves it `any`.
    fn field_type(&mut self, ty_cell: &Cell, name: &str) -> (Schema, bool) {
        match types::parse(&ty_cell.pieces, self.dialect, self.resolve) {
            Ok(p) => {
                for w in p.warnings {
                    self.diags.push(Diagnostic::warning(self.file, w).at_line(ty_cell.line, ty_cell.col));
                }
                self.bare_refs.extend(p.bare_refs.into_iter().map(|n| (n, ty_cell.line, ty_cell.col)));
                (p.schema, p.pointer)
            }
            Err(e) => {
                let shown = ty_cell.plain();
                let msg = if shown.is_empty() { format!("field `{name}` has no type") } else { format!("cannot read type `{shown}` of field `{name}`: {e}") };
                self.error(ty_cell, msg);
                (Schema::default(), false)
            }
        }
    }

    fn required(&mut self, cell: &Cell) -> bool {
        let marker = cell.plain();
        required(self.dialect, &marker).unwrap_or_else(|| {
            let expected = match self.dialect.required {
                Required::Column { yes, no, .. } => format!("{} or {}", yes[0], no[0]),
                Required::Notes { optional, .. } => optional.to_string(),
            };
            self.error(cell, format!("unknown required marker `{marker}` in {} docs: expected {expected}", self.dialect.name));
            false
        })
    }

    /// A located warning for a row with fewer or more cells than the header, saying what
    /// was assumed: `consequence` when the cell of column `col` is among the missing ones.
    /// Returns whether that cell is missing.
    fn ragged(&mut self, t: &Table, row: &Row, subject: &str, (col, consequence): (Option<usize>, &str)) -> bool {
        let header = t.header.len();
        let written_empty = row.open_end && self.dialect.open_end_is_empty_cell;
        let missing = if written_empty { row.missing.saturating_sub(1) } else { row.missing };
        let first = header - missing;
        let col_missing = col.is_some_and(|i| i >= first);
        if missing > 0 {
            let absent: Vec<String> = t.header[first..].iter().map(|c| format!("`{}`", c.plain())).collect();
            let assumed = if col_missing { format!(", so {consequence}") } else { String::new() };
            let msg = format!("row of {subject} has {first} of the header's {header} cells: {} taken as empty{assumed}", absent.join(", "));
            self.warning(row.line, msg);
        }
        if let Some(extra) = &row.extra {
            let shown: String = extra.chars().take(80).collect();
            let cut = if shown.len() < extra.len() { "…" } else { "" };
            self.warning(row.line, format!("row of {subject} has more cells than the header's {header}: `{shown}{cut}` is ignored"));
        }
        col_missing
    }

    /// An enum doc: the Value column, less the SDK's catch-all row of open enums.
    fn values(&mut self, t: &Table, (name, value, v): (usize, usize, &Values)) -> Kind {
        let mut values: Vec<Value> = Vec::new();
        for row in &t.rows {
            let (Some(n), Some(cell)) = (row.cells.get(name), row.cells.get(value)) else { continue };
            let text = cell.plain();
            if self.ragged(t, row, &format!("`{}`", n.plain()), (Some(value), "the row is skipped")) {
                continue;
            }
            if n.plain() == v.catch_all_name || text.starts_with(v.catch_all) {
                continue;
            }
            let v = Value::String(text);
            if values.contains(&v) {
                self.warning(row.line, format!("enum value {v} is listed twice"));
            } else {
                values.push(v);
            }
        }
        if values.is_empty() {
            self.diags.push(Diagnostic::error(self.file, "value table lists no values").at_line(t.line, 1));
            return Kind::Any;
        }
        Kind::Enum(Enum { base: EnumBase::String, values, truncated: false, meanings: Default::default() })
    }
}

impl Builder<'_> {
    /// An enum doc written as a list: `NAME (value: "x")` items, all strings or all integers.
    fn listed_values(&mut self, items: &[&Item], list: &ValueList) -> Kind {
        let mut values: Vec<Value> = Vec::new();
        for item in items {
            let text = item.cell.plain();
            let Some(v) = listed_value(&text, list.value) else {
                self.error(&item.cell, format!("cannot read the enum value of `{text}`: expected `NAME {}\"value\")`", list.value));
                continue;
            };
            if values.contains(&v) {
                self.warning(item.cell.line, format!("enum value {v} is listed twice"));
            } else {
                values.push(v);
            }
        }
        let base = if values.iter().all(Value::is_string) { EnumBase::String } else { EnumBase::Integer };
        if base == EnumBase::Integer && !values.iter().all(Value::is_i64) {
            self.diags.push(Diagnostic::error(self.file, "enum lists both strings and integers").at_line(items[0].cell.line, 1));
            return Kind::Any;
        }
        if values.is_empty() {
            return Kind::Any;
        }
        Kind::Enum(Enum { base, values, truncated: false, meanings: Default::default() })
    }
}

/// The value in `NAME (value: "x")`: a string when quoted, else an integer.
fn listed_value(text: &str, marker: &str) -> Option<Value> {
    let (_, rest) = text.split_once(marker)?;
    let inner = rest[..rest.rfind(')')?].trim();
    match inner.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(s) => Some(Value::String(s.to_string())),
        None => inner.parse::<i64>().ok().map(Value::from),
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
                target.kind = Kind::Object(Object { properties: fields, required: Vec::new() });
                true
            }
            Kind::Any => {
                target.kind = Kind::Object(Object { properties: fields, required: Vec::new() });
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
pub(super) fn element(s: &mut Schema) -> &mut Schema {
    match s.kind {
        Kind::Array(ref mut items) => element(items),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_values_are_quoted_strings_or_integers() {
        let marker = "(value: ";
        assert_eq!(listed_value(r#"ACTIVE (value: "active")"#, marker), Some(Value::from("active")));
        assert_eq!(listed_value(r#"PAREN (value: "a (b)")"#, marker), Some(Value::from("a (b)")));
        assert_eq!(listed_value("TIER_1 (value: 1)", marker), Some(Value::from(1)));
        assert_eq!(listed_value("ACTIVE", marker), None);
        assert_eq!(listed_value("ACTIVE (value: active)", marker), None);
        assert_eq!(listed_value("ACTIVE (value: ", marker), None);
    }
}
