//! One OpenAPI schema object to one IR [`Schema`]: types, nullability in all its spellings,
//! `$ref`, `allOf` wrappers, unions, enums, limits and docs.

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Docs, Enum, EnumBase, Kind, Limits, Object, Origin, Property, Schema, Tag, Union};
use crate::source::escape_pointer;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub(super) struct Reader<'a> {
    /// The file as shown in diagnostics.
    pub file: &'a str,
    /// The file relative to the spec root, for resolving relative `$ref`s.
    pub rel: &'a str,
    pub diags: &'a mut Diagnostics,
    /// Other files of the spec that `$ref`s point into (relative to the spec root).
    pub external: Vec<String>,
    /// The file is a mapping of schemas (no `openapi` field): its own schemas are `#/Name`.
    pub schema_file: bool,
}

const REF_PREFIX: &str = "#/components/schemas/";
/// Most values one enum may list (Plaid's largest has 90; Stripe's a few hundred).
pub(super) const MAX_ENUM_VALUES: usize = 10_000;
/// Most properties one object may have.
pub(super) const MAX_PROPERTIES: usize = 10_000;

impl Reader<'_> {
    fn error(&mut self, ptr: &str, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.file, msg).at_pointer(ptr));
    }

    fn warn(&mut self, ptr: &str, msg: impl Into<String>) {
        self.diags.push(Diagnostic::warning(self.file, msg).at_pointer(ptr));
    }

    pub fn schema(&mut self, v: &Value, ptr: &str) -> Schema {
        let origin = Origin { file: self.file.to_string(), pointer: ptr.to_string(), line: 0 };
        let map = match v {
            Value::Object(m) => m,
            Value::Bool(true) => return Schema { origin, ..Schema::default() },
            _ => {
                self.error(ptr, format!("a schema must be a mapping, found {}", json_kind(v)));
                return Schema { origin, ..Schema::default() };
            }
        };
        let mut s = Schema {
            docs: Docs { title: self.opt_str(map, ptr, "title"), description: self.opt_str(map, ptr, "description") },
            deprecated: self.opt_bool(map, ptr, "deprecated"),
            nullable: self.opt_bool(map, ptr, "nullable"),
            limits: self.limits(map, ptr),
            origin,
            kind: Kind::Any,
            keywords: BTreeMap::new(),
        };
        s.kind = self.kind(map, ptr, &mut s.nullable);
        s.keywords = keywords(map, &s.kind);
        s
    }

    fn kind(&mut self, map: &Map<String, Value>, ptr: &str, nullable: &mut bool) -> Kind {
        if let Some(r) = map.get("$ref") {
            return self.reference(r, &format!("{ptr}/$ref"));
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            if let Some(list) = map.get(key) {
                return self.composition(key, list, map, ptr, nullable);
            }
        }
        if let Some(c) = map.get("const") {
            return self.enumeration(std::slice::from_ref(c), map, ptr, nullable);
        }
        if let Some(e) = map.get("enum") {
            match e {
                Value::Array(values) => return self.enumeration(values, map, ptr, nullable),
                _ => self.error(&format!("{ptr}/enum"), "`enum` must be a list of values"),
            }
        }
        let ty = self.type_name(map, ptr, nullable);
        let format = self.opt_str(map, ptr, "format");
        match ty.as_deref() {
            Some("string") => Kind::String { format },
            Some("integer") => Kind::Integer { format },
            Some("number") => Kind::Number { format },
            Some("boolean") => Kind::Boolean,
            Some("null") => {
                *nullable = true;
                Kind::Any
            }
            Some("array") => {
                let items = match map.get("items") {
                    Some(i) => self.schema(i, &format!("{ptr}/items")),
                    None => Schema::default(),
                };
                Kind::Array(Box::new(items))
            }
            Some("object") => self.object(map, ptr),
            None if map.contains_key("properties") || map.contains_key("additionalProperties") => self.object(map, ptr),
            // An `allOf` member that only marks other members' properties required.
            None if map.contains_key("required") && is_all_of_member(ptr) => self.object(map, ptr),
            None if map.contains_key("items") => {
                Kind::Array(Box::new(self.schema(&map["items"], &format!("{ptr}/items"))))
            }
            None => Kind::Any,
            Some(other) => {
                self.error(&format!("{ptr}/type"), format!("unknown type `{other}`"));
                Kind::Any
            }
        }
    }

    /// `type` as one name; 3.1's `[T, "null"]` sets `nullable`.
    fn type_name(&mut self, map: &Map<String, Value>, ptr: &str, nullable: &mut bool) -> Option<String> {
        match map.get("type")? {
            Value::String(t) => Some(t.clone()),
            Value::Array(list) => {
                let mut names: Vec<String> = Vec::new();
                for (i, t) in list.iter().enumerate() {
                    match t.as_str() {
                        Some("null") => *nullable = true,
                        Some(t) => names.push(t.to_string()),
                        None => self.error(&format!("{ptr}/type/{i}"), "type names must be strings"),
                    }
                }
                match names.len() {
                    0 => Some("null".into()),
                    1 => names.pop(),
                    _ if names.iter().all(|n| n == "integer" || n == "number") => Some("number".into()),
                    _ => None, // several types: any JSON value
                }
            }
            other => {
                self.error(&format!("{ptr}/type"), format!("`type` must be a string or a list, found {}", json_kind(other)));
                None
            }
        }
    }

    fn reference(&mut self, r: &Value, ptr: &str) -> Kind {
        let Some(r) = r.as_str() else {
            self.error(ptr, "`$ref` must be a string");
            return Kind::Any;
        };
        let (path, fragment) = r.split_once('#').unwrap_or((r, ""));
        if !path.is_empty() {
            match crate::source::join_rel(self.rel, path) {
                Ok(target) => {
                    if !self.external.contains(&target) {
                        self.external.push(target);
                    }
                }
                Err(msg) => {
                    self.error(ptr, msg);
                    return Kind::Any;
                }
            }
        }
        // Local or in another file of the spec: `#/components/schemas/Name`, or `#/Name` in
        // a file that is a mapping of schemas. Names are one namespace across files.
        let name = fragment.strip_prefix(&REF_PREFIX[1..]).or_else(|| if path.is_empty() && !self.schema_file { None } else { fragment.strip_prefix('/') });
        match name {
            Some(name) if !name.is_empty() && !name.contains('/') => Kind::Ref(unescape_pointer(name)),
            _ => {
                self.error(ptr, unsupported_ref(r));
                Kind::Any
            }
        }
    }

    fn composition(&mut self, key: &str, list: &Value, map: &Map<String, Value>, ptr: &str, nullable: &mut bool) -> Kind {
        let list_ptr = format!("{ptr}/{key}");
        let Value::Array(items) = list else {
            self.error(&list_ptr, format!("`{key}` must be a list of schemas"));
            return Kind::Any;
        };
        let mut members = Vec::new();
        // `required` beside `allOf` (Onfido's uploaders) marks members' properties required:
        // it is one more member that only requires names, which the merge applies.
        let sibling_required = map.get("required").and_then(Value::as_array).is_some_and(|r| !r.is_empty());
        if key == "allOf" && sibling_required && !map.contains_key("properties") {
            let only_required: Map<String, Value> = map.iter().filter(|(k, _)| *k == "required").map(|(k, v)| (k.clone(), v.clone())).collect();
            members.push(Schema { kind: self.object(&only_required, &format!("{list_ptr}/{}", items.len())), ..Schema::default() });
        }
        for (i, item) in items.iter().enumerate() {
            let s = self.schema(item, &format!("{list_ptr}/{i}"));
            // `{type: null}` members spell nullability (3.1, and `anyOf [T, {nullable...}]`).
            if s.kind == Kind::Any && s.nullable && key != "allOf" {
                *nullable = true;
                continue;
            }
            members.push(s);
        }
        // Siblings of allOf/oneOf (Stripe puts `properties` next to `anyOf`) are ignored
        // except for docs and nullability, which `schema` already read.
        if members.is_empty() {
            return Kind::Any;
        }
        if members.len() == 1 {
            let only = members.pop().unwrap_or_default();
            if only.nullable {
                *nullable = true;
            }
            return only.kind;
        }
        if key == "allOf" {
            // Plaid wraps a `$ref` in `allOf` with annotation members (`{type: string,
            // description, nullable}`) to attach docs or nullability: that is the `$ref`.
            let structural = |k: &Kind| matches!(k, Kind::Ref(_) | Kind::Object(_) | Kind::AllOf(_) | Kind::Map(_) | Kind::Union(_));
            let count = members.iter().filter(|m| structural(&m.kind)).count();
            if count <= 1 {
                *nullable |= members.iter().any(|m| m.nullable);
                let pick = members.iter().position(|m| structural(&m.kind)).unwrap_or(0);
                return members.swap_remove(pick).kind;
            }
            return Kind::AllOf(members);
        }
        if let Some(k) = expandable(&members, map) {
            return k;
        }
        let tag = self.discriminator(map, ptr, &members);
        Kind::Union(Union { variants: members, tag, any_of: key == "anyOf" })
    }

    fn discriminator(&mut self, map: &Map<String, Value>, ptr: &str, members: &[Schema]) -> Option<Tag> {
        let d = map.get("discriminator")?;
        let Some(property) = d.get("propertyName").and_then(Value::as_str) else {
            self.error(&format!("{ptr}/discriminator"), "`discriminator` needs a `propertyName` string");
            return None;
        };
        let mut mapping = Vec::new();
        if let Some(Value::Object(m)) = d.get("mapping") {
            for (value, target) in m {
                let target = target.as_str().and_then(|t| t.strip_prefix(REF_PREFIX)).map(unescape_pointer);
                match members.iter().position(|s| matches!(&s.kind, Kind::Ref(n) if Some(n) == target.as_ref())) {
                    Some(i) => mapping.push((value.clone(), i)),
                    None => self.error(
                        &format!("{ptr}/discriminator/mapping/{}", escape_pointer(value)),
                        format!("discriminator value `{value}` maps to a schema that is not one of the variants"),
                    ),
                }
            }
        } else {
            for (i, s) in members.iter().enumerate() {
                if let Kind::Ref(n) = &s.kind {
                    mapping.push((n.clone(), i));
                }
            }
        }
        Some(Tag { property: property.to_string(), mapping })
    }

    fn enumeration(&mut self, values: &[Value], map: &Map<String, Value>, ptr: &str, nullable: &mut bool) -> Kind {
        if values.len() > MAX_ENUM_VALUES {
            self.error(&format!("{ptr}/enum"), format!("enum lists {} values, over the limit of {MAX_ENUM_VALUES}", values.len()));
            return Kind::Any;
        }
        let declared = self.type_name(map, ptr, nullable);
        let mut out: Vec<Value> = Vec::new();
        for (i, v) in values.iter().enumerate() {
            match v {
                Value::Null => *nullable = true,
                Value::String(_) | Value::Bool(_) | Value::Number(_) => {
                    if out.contains(v) {
                        self.warn(&format!("{ptr}/enum/{i}"), format!("enum value {v} is listed twice"));
                    } else {
                        out.push(v.clone());
                    }
                }
                _ => self.error(&format!("{ptr}/enum/{i}"), format!("enum values must be scalars, found {}", json_kind(v))),
            }
        }
        let mut base = declared.as_deref().and_then(EnumBase::from_type).unwrap_or_else(|| infer_base(&out));
        for (i, v) in out.iter().enumerate() {
            if !base.fits(v) {
                // Real specs do this (Plaid: `type: string` with `enum: [true, false]`); what
                // the API sends is unknowable, so the field takes any JSON value.
                self.warn(&format!("{ptr}/enum/{i}"), format!("enum value {v} is not of the declared type `{base}`: generated as any JSON value"));
                base = EnumBase::Mixed;
                break;
            }
        }
        if out.is_empty() {
            return Kind::Any;
        }
        let meanings = self.enum_meanings(map, &out, ptr);
        Kind::Enum(Enum { base, values: out, truncated: false, meanings })
    }

    /// `x-enum-descriptions`: value text → what it means. A key that is not a value, or a
    /// meaning that is not text, is reported and left out.
    fn enum_meanings(&mut self, map: &Map<String, Value>, values: &[Value], ptr: &str) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        let Some(given) = map.get("x-enum-descriptions") else { return out };
        let Some(given) = given.as_object() else {
            self.warn(&format!("{ptr}/x-enum-descriptions"), "`x-enum-descriptions` must map each value to its meaning: ignored".to_string());
            return out;
        };
        let text = |v: &Value| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
        for (key, meaning) in given {
            let at = format!("{ptr}/x-enum-descriptions/{}", escape_pointer(key));
            match meaning.as_str() {
                _ if !values.iter().any(|v| text(v) == *key) => self.warn(&at, format!("`{key}` is not one of the enum's values: its meaning is ignored")),
                Some(m) => {
                    out.insert(key.clone(), m.to_string());
                }
                None => self.warn(&at, format!("the meaning of `{key}` is not text: ignored")),
            }
        }
        out
    }

    fn object(&mut self, map: &Map<String, Value>, ptr: &str) -> Kind {
        let required: Vec<String> = match map.get("required") {
            None => Vec::new(),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .filter_map(|(i, r)| match r.as_str() {
                    Some(s) => Some(s.to_string()),
                    None => {
                        self.error(&format!("{ptr}/required/{i}"), "`required` entries must be property names");
                        None
                    }
                })
                .collect(),
            Some(_) => {
                self.error(&format!("{ptr}/required"), "`required` must be a list of property names");
                Vec::new()
            }
        };
        let mut properties = Vec::new();
        match map.get("properties") {
            None => {}
            Some(Value::Object(props)) if props.len() > MAX_PROPERTIES => self.error(
                &format!("{ptr}/properties"),
                format!("object has {} properties, over the limit of {MAX_PROPERTIES}", props.len()),
            ),
            Some(Value::Object(props)) => {
                for (name, v) in props {
                    let p = format!("{ptr}/properties/{}", escape_pointer(name));
                    let schema = self.schema(v, &p);
                    properties.push(Property { name: name.clone(), required: required.contains(name), schema });
                }
            }
            Some(_) => self.error(&format!("{ptr}/properties"), "`properties` must be a mapping"),
        }
        for (i, r) in required.iter().enumerate() {
            if map.get("properties").is_some() && !ptr.contains("/allOf/") && !properties.iter().any(|p| &p.name == r) {
                self.warn(&format!("{ptr}/required/{i}"), format!("required property `{r}` is not defined in `properties`"));
            }
        }
        let additional = match map.get("additionalProperties") {
            None | Some(Value::Bool(_)) => None,
            Some(v @ Value::Object(_)) => Some(self.schema(v, &format!("{ptr}/additionalProperties"))),
            Some(other) => {
                self.error(&format!("{ptr}/additionalProperties"), format!("`additionalProperties` must be a boolean or a schema, found {}", json_kind(other)));
                None
            }
        };
        // In an `allOf` member, names required here may be defined by another member: the
        // merge (`resolve::merge_all_of`) applies them.
        let elsewhere: Vec<String> = if is_all_of_member(ptr) { required.into_iter().filter(|r| !properties.iter().any(|p| p.name == *r)).collect() } else { Vec::new() };
        match additional {
            Some(values) if properties.is_empty() => Kind::Map(Box::new(values)),
            _ if properties.is_empty() && elsewhere.is_empty() => Kind::Map(Box::default()),
            _ => Kind::Object(Object { properties, required: elsewhere }),
        }
    }

    fn limits(&mut self, map: &Map<String, Value>, ptr: &str) -> Limits {
        let mut l = Limits {
            min_length: self.count(map, ptr, "minLength"),
            max_length: self.count(map, ptr, "maxLength"),
            pattern: self.opt_str(map, ptr, "pattern"),
            minimum: self.number(map, ptr, "minimum"),
            maximum: self.number(map, ptr, "maximum"),
            min_items: self.count(map, ptr, "minItems"),
            max_items: self.count(map, ptr, "maxItems"),
            unique_items: self.opt_bool(map, ptr, "uniqueItems"),
            ..Limits::default()
        };
        // 3.0 spells exclusivity as a boolean beside minimum; 3.1 as the bound itself.
        for (key, bound, flag) in [("exclusiveMinimum", &mut l.minimum, &mut l.exclusive_minimum), ("exclusiveMaximum", &mut l.maximum, &mut l.exclusive_maximum)] {
            match map.get(key) {
                None => {}
                Some(Value::Bool(b)) => *flag = *b,
                Some(Value::Number(n)) => {
                    *bound = n.as_f64();
                    *flag = true;
                }
                Some(_) => self.error(&format!("{ptr}/{key}"), format!("`{key}` must be a number or a boolean")),
            }
        }
        if let (Some(min), Some(max)) = (l.min_length, l.max_length) {
            if min > max {
                self.error(&format!("{ptr}/minLength"), format!("minLength {min} is greater than maxLength {max}"));
            }
        }
        if let Some(p) = &l.pattern {
            if let Err(e) = regex_lite::Regex::new(p) {
                let msg = e.to_string().lines().last().unwrap_or("").trim().to_lowercase();
                self.warn(&format!("{ptr}/pattern"), format!("pattern is not checked by validate(): {msg}"));
                l.pattern = None;
            }
        }
        l
    }

    fn opt_str(&mut self, map: &Map<String, Value>, ptr: &str, key: &str) -> Option<String> {
        match map.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.error(&format!("{ptr}/{key}"), format!("`{key}` must be a string, found {}", json_kind(other)));
                None
            }
        }
    }

    fn opt_bool(&mut self, map: &Map<String, Value>, ptr: &str, key: &str) -> bool {
        match map.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.error(&format!("{ptr}/{key}"), format!("`{key}` must be true or false, found {}", json_kind(other)));
                false
            }
        }
    }

    fn count(&mut self, map: &Map<String, Value>, ptr: &str, key: &str) -> Option<u64> {
        let v = map.get(key)?;
        match v.as_u64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64)) {
            Some(n) => Some(n),
            None => {
                self.error(&format!("{ptr}/{key}"), format!("`{key}` must be a non-negative integer, found {v}"));
                None
            }
        }
    }

    fn number(&mut self, map: &Map<String, Value>, ptr: &str, key: &str) -> Option<f64> {
        let v = map.get(key)?;
        match v.as_f64() {
            Some(n) => Some(n),
            None => {
                self.error(&format!("{ptr}/{key}"), format!("`{key}` must be a number, found {}", json_kind(v)));
                None
            }
        }
    }
}

/// Keywords the generated code does not act on, kept as written for drift reports.
/// Whether `ptr` points at a member of an `allOf` (`…/allOf/2`).
fn is_all_of_member(ptr: &str) -> bool {
    ptr.rsplit_once('/').is_some_and(|(head, i)| head.ends_with("/allOf") && !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()))
}

fn keywords(map: &Map<String, Value>, kind: &Kind) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for key in ["default", "readOnly", "writeOnly", "multipleOf", "const"] {
        if let Some(v) = map.get(key) {
            out.insert(key.to_string(), v.clone());
        }
    }
    let mut keep = |key: &str| {
        if let Some(v) = map.get(key) {
            out.insert(key.to_string(), v.clone());
        }
    };
    // A map's value schema is its kind; a boolean, or one beside `properties`, is not.
    if map.get("additionalProperties").is_some_and(Value::is_boolean) || matches!(kind, Kind::Object(_)) {
        keep("additionalProperties");
    }
    if matches!(kind, Kind::Enum(_)) {
        keep("type");
    }
    if !matches!(kind, Kind::String { .. } | Kind::Integer { .. } | Kind::Number { .. }) {
        keep("format");
    }
    out
}

/// Stripe's expandable field: `anyOf: [string, $ref]` marked with `x-expansionResources`.
fn expandable(members: &[Schema], map: &Map<String, Value>) -> Option<Kind> {
    if !map.contains_key("x-expansionResources") || members.len() != 2 {
        return None;
    }
    let (id, obj) = (&members[0], &members[1]);
    if matches!(id.kind, Kind::String { .. }) && !matches!(obj.kind, Kind::String { .. }) {
        return Some(Kind::Expandable(Box::new(obj.clone())));
    }
    None
}

fn infer_base(values: &[Value]) -> EnumBase {
    if values.iter().all(Value::is_string) {
        EnumBase::String
    } else if values.iter().all(|v| v.is_i64() || v.is_u64()) {
        EnumBase::Integer
    } else if values.iter().all(Value::is_number) {
        EnumBase::Number
    } else if values.iter().all(Value::is_boolean) {
        EnumBase::Boolean
    } else {
        EnumBase::Mixed
    }
}

/// The error for a schema `$ref` of a form kycgen does not resolve.
pub(crate) fn unsupported_ref(r: &str) -> String {
    format!("unsupported reference `{r}`: kycgen resolves `#/components/schemas/<name>`, in this file or another file of the spec")
}

pub(crate) fn unescape_pointer(s: &str) -> String {
    s.replace("~1", "/").replace("~0", "~")
}

pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}
