//! Finding the path items of `paths`: an entry that is a `$ref` is followed, within the
//! document or into another file inside the spec root, the way schema refs are.

use super::schema::json_kind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{escape_pointer, join_rel, SourceFile};
use serde_json::{Map, Value};
use std::sync::Arc;

/// One entry of `paths`, with any `$ref` followed to the object that holds its operations.
#[derive(Clone, Debug)]
pub struct PathItem<'d> {
    /// The path template (`/users/{id}`).
    pub path: String,
    /// The file the item's object is in, relative to the spec root: its own `$ref`s are
    /// relative to it.
    pub rel: String,
    /// That file as shown in diagnostics.
    pub display: String,
    /// The item's JSON pointer in that file (its operations' pointers start with it).
    pub pointer: String,
    /// The path item object itself, borrowed where it lies.
    pub item: Item<'d>,
}

/// A path item object where it is: nothing is copied, however many entries lead to it.
#[derive(Clone, Debug)]
pub enum Item<'d> {
    /// In the document whose `paths` is read.
    Doc(&'d Map<String, Value>),
    /// In another file: its document and the item's pointer in it (checked to be a mapping).
    File(Arc<Value>, String),
}

impl std::ops::Deref for Item<'_> {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Map<String, Value> {
        static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
        match self {
            Item::Doc(m) => m,
            Item::File(doc, pointer) => doc.pointer(pointer).and_then(Value::as_object).unwrap_or(&EMPTY),
        }
    }
}

/// Gives another file of the spec (relative to the spec root, already checked to stay in
/// it) as its shown name and parsed document. A file that cannot be read or parsed is
/// an error diagnostic about that file.
pub type Load<'a> = dyn FnMut(&str) -> Result<(String, Arc<Value>), Diagnostic> + 'a;

/// The path items of `doc`'s `paths`, `$ref`s followed; every one that cannot be followed
/// is a located error.
pub fn path_items<'d>(file: &SourceFile, doc: &'d Value, load: &mut Load<'_>, diags: &mut Diagnostics) -> Vec<PathItem<'d>> {
    let paths = match doc.get("paths") {
        None => return Vec::new(),
        Some(Value::Object(p)) => p,
        Some(other) => {
            diags.push(Diagnostic::error(&file.display, format!("`paths` must be a mapping, found {}", json_kind(other))).at_pointer("/paths"));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for path in paths.keys() {
        let at = Place { rel: file.rel.clone(), display: file.display.clone(), pointer: format!("/paths/{}", escape_pointer(path)) };
        if let Some((at, item)) = follow(file, doc, at, load, diags) {
            out.push(PathItem { path: path.clone(), rel: at.rel, display: at.display, pointer: at.pointer, item });
        }
    }
    out
}

/// A node of some file of the spec.
#[derive(Clone, PartialEq)]
struct Place {
    rel: String,
    display: String,
    pointer: String,
}

impl Place {
    fn error(&self, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.display, msg).at_pointer(self.pointer.clone())
    }
}

/// Follows the `$ref` chain from the entry at `at` (in `doc`) to a path item object. Keys
/// beside a `$ref` are ignored, as OpenAPI says, with a warning unless they are docs.
fn follow<'d>(top: &SourceFile, doc: &'d Value, mut at: Place, load: &mut Load<'_>, diags: &mut Diagnostics) -> Option<(Place, Item<'d>)> {
    let mut chain: Vec<Place> = vec![at.clone()];
    // The document `at` is in: `None` for `doc`.
    let mut file: Option<Arc<Value>> = None;
    loop {
        let value = file.as_deref().map_or_else(|| doc.pointer(&at.pointer), |f| f.pointer(&at.pointer));
        let Some(Value::Object(item)) = value else {
            diags.push(at.error(format!("a path item must be a mapping, found {}", value.map_or("nothing", json_kind))));
            return None;
        };
        let Some(r) = item.get("$ref") else {
            let item = match file {
                // Looked up again for the document's own lifetime (just found a mapping).
                None => Item::Doc(doc.pointer(&at.pointer).and_then(Value::as_object)?),
                Some(f) => Item::File(f, at.pointer.clone()),
            };
            return Some((at, item));
        };
        let ref_at = Place { pointer: format!("{}/$ref", at.pointer), ..at.clone() };
        let Value::String(r) = r else {
            diags.push(ref_at.error("`$ref` must be a string"));
            return None;
        };
        if let Some(k) = item.keys().find(|k| !matches!(k.as_str(), "$ref" | "summary" | "description")) {
            let msg = format!("`{k}` beside a path item's `$ref` is ignored: the path item is the one the `$ref` names");
            diags.push(Diagnostic::warning(&at.display, msg).at_pointer(format!("{}/{}", at.pointer, escape_pointer(k))));
        }
        let (next, next_file) = match resolve(top, doc, &at, r, load) {
            Ok(found) => found,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        if let Some(i) = chain.iter().position(|p| *p == next) {
            let names: Vec<String> = chain[i..].iter().chain([&next]).map(|p| format!("{}#{}", p.rel, p.pointer)).collect();
            diags.push(ref_at.error(format!("path item `$ref`s form a cycle: {}", names.join(" → "))));
            return None;
        }
        chain.push(next.clone());
        (at, file) = (next, next_file);
    }
}

/// The place a `$ref` written at `at` names, and the document it is in (`None`: `doc`).
fn resolve(top: &SourceFile, doc: &Value, at: &Place, r: &str, load: &mut Load<'_>) -> Result<(Place, Option<Arc<Value>>), Diagnostic> {
    let ref_at = Place { pointer: format!("{}/$ref", at.pointer), ..at.clone() };
    let (path, fragment) = r.split_once('#').unwrap_or((r, ""));
    let pointer = percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .map_err(|_| ref_at.error(format!("`$ref` `{r}` has a fragment that is not valid utf-8 once percent-decoded")))?
        .into_owned();
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return Err(ref_at.error(format!("`$ref` `{r}` must end in a JSON pointer (`#/paths/~1users`)")));
    }
    let rel = if path.is_empty() { at.rel.clone() } else { join_rel(&at.rel, path).map_err(|msg| ref_at.error(msg))? };
    let (display, file) = if rel == top.rel {
        (top.display.clone(), None)
    } else {
        // A file that is missing or refused is reported at the `$ref`; a parse error
        // inside it, at its own place.
        let (display, d) = load(&rel).map_err(|d| if d.line == 0 && d.pointer.is_none() { ref_at.error(format!("`$ref` `{r}`: {}", d.message)) } else { d })?;
        (display, Some(d))
    };
    if file.as_deref().unwrap_or(doc).pointer(&pointer).is_none() {
        return Err(ref_at.error(format!("`$ref` `{r}` points at nothing: {display} has no `#{pointer}`")));
    }
    Ok((Place { rel, display, pointer }, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str) -> SourceFile {
        SourceFile { display: rel.into(), rel: rel.into(), text: String::new() }
    }

    /// A chain of refs through two other files, a ref within the document and an escaped
    /// pointer; keys beside a `$ref` are ignored, with a warning unless they are docs.
    #[test]
    fn ref_chains_across_files() {
        let top = serde_json::json!({"paths": {
            "/a": {"$ref": "p/one.yaml#/a", "summary": "mine", "delete": {}},
            "/b": {"$ref": "#/x-items/b"},
            "/c": {"$ref": "p/one.yaml#/c~1d"},
        }, "x-items": {"b": {"put": {}}}});
        let one = Arc::new(serde_json::json!({"a": {"$ref": "../q/two.json#/items/0", "summary": "theirs"}, "c/d": {"patch": {}}}));
        let two = Arc::new(serde_json::json!({"items": [{"get": {}, "post": {}}]}));
        let mut load = |rel: &str| match rel {
            "p/one.yaml" => Ok((rel.to_string(), one.clone())),
            "q/two.json" => Ok((rel.to_string(), two.clone())),
            _ => Err(Diagnostic::error(rel, "no such file")),
        };
        let mut diags = Diagnostics::new();
        let items = path_items(&file("top.yaml"), &top, &mut load, &mut diags);
        let summary: Vec<(String, String, Vec<&str>)> =
            items.iter().map(|i| (i.path.clone(), format!("{}#{}", i.rel, i.pointer), i.item.keys().map(String::as_str).collect())).collect();
        assert_eq!(
            summary,
            [
                ("/a".into(), "q/two.json#/items/0".into(), vec!["get", "post"]),
                ("/b".into(), "top.yaml#/x-items/b".into(), vec!["put"]),
                ("/c".into(), "p/one.yaml#/c~1d".into(), vec!["patch"]),
            ]
        );
        let warnings: Vec<String> = diags.iter().map(|d| format!("{} {}", d.pointer.clone().unwrap_or_default(), d.message)).collect();
        assert_eq!(warnings, ["/paths/~1a/delete `delete` beside a path item's `$ref` is ignored: the path item is the one the `$ref` names"]);
        assert!(!diags.has_errors());
    }
}
