//! What each value of a field's enum means, from the tables a dialect declares for them
//! ([`Meanings`]): `| Value | Meaning |` under a heading that names the field.

use super::dialect::{Dialect, Meanings};
use super::doc::{Doc, Table};
use super::schema::element;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Enum, Kind, Property};
use std::collections::btree_map::Entry;

/// Column positions (value, meaning) of a meanings table in dialect `d`.
pub(super) fn cols(t: &Table, d: &Dialect) -> Option<(usize, usize)> {
    let Meanings { value, meaning } = d.meanings.as_ref()?;
    let h: Vec<String> = t.header.iter().map(|c| c.plain().to_lowercase()).collect();
    Some((h.iter().position(|c| c == value)?, h.iter().position(|c| c == meaning)?))
}

/// Puts the meanings of every meanings table of `doc` on the enum field its heading names.
/// A table that names no enum field, a value the enum lacks, an empty meaning and a value
/// given twice are warned about at their line.
pub(super) fn apply(doc: &Doc, d: &Dialect, props: &mut [Property], file: &str, diags: &mut Diagnostics) {
    for t in &doc.tables {
        let Some((value, meaning)) = cols(t, d) else { continue };
        let path: Vec<&str> = t.heading.split('.').map(str::trim).collect();
        let Some(e) = enum_at(props, &path) else {
            let msg = format!("value meanings under `{}` name no enum field: ignored", t.heading);
            diags.push(Diagnostic::warning(file, msg).at_line(t.line, 1));
            continue;
        };
        for row in &t.rows {
            let (Some(v), Some(m)) = (row.cells.get(value), row.cells.get(meaning)) else { continue };
            let (v, m) = (v.plain(), m.doc_text());
            let problem = if !e.values.iter().any(|x| x.as_str() == Some(v.as_str())) {
                Some(format!("`{v}` is not one of the values of `{}`: its meaning is ignored", t.heading))
            } else if m.is_empty() {
                Some(format!("value `{v}` of `{}` has an empty meaning: ignored", t.heading))
            } else {
                match e.meanings.entry(v) {
                    Entry::Occupied(o) => Some(format!("the meaning of `{}` of `{}` is given twice: the first is kept", o.key(), t.heading)),
                    Entry::Vacant(slot) => {
                        slot.insert(m);
                        None
                    }
                }
            };
            if let Some(msg) = problem {
                diags.push(Diagnostic::warning(file, msg).at_line(row.line, 1));
            }
        }
    }
}

/// The enum of the field at `path` (through arrays and nested objects).
fn enum_at<'p>(props: &'p mut [Property], path: &[&str]) -> Option<&'p mut Enum> {
    let (first, rest) = path.split_first()?;
    let p = props.iter_mut().find(|p| p.name == *first)?;
    match (&mut element(&mut p.schema).kind, rest.is_empty()) {
        (Kind::Enum(e), true) => Some(e),
        (Kind::Object(o), false) => enum_at(&mut o.properties, rest),
        _ => None,
    }
}
