//! Unit tests of the Type-cell grammar: one per form of each dialect, and the errors.

use super::*;
use crate::markdown::dialect::ALL;

const STRIPE: &str = "stripe";
const PYTHON: &str = "speakeasy-python";
const TS: &str = "speakeasy-typescript";
const GO: &str = "speakeasy-go";
const JAVA: &str = "openapi-generator-java";
const OG_GO: &str = "openapi-generator-go";

fn dialect(name: &str) -> &'static Dialect {
    ALL.iter().find(|d| d.name == name).unwrap_or_else(|| panic!("no dialect {name}"))
}

fn text(s: &str) -> Vec<Piece> {
    vec![Piece::Text(s.into())]
}

fn link(label: &str, dest: &str) -> Piece {
    Piece::Link { dest: dest.into(), label: text(label) }
}

fn resolve(dest: &str) -> Target {
    if dest.contains("://") {
        Target::Remote(dest.into())
    } else if dest == "missing.md" {
        Target::Unread
    } else {
        Target::Local(dest.trim_end_matches(".md").replace('-', "_"))
    }
}

fn ok(d: &str, pieces: &[Piece]) -> Parsed {
    parse(pieces, dialect(d), &resolve).unwrap_or_else(|e| panic!("{d}: {pieces:?}: {e}"))
}

fn k(d: &str, s: &str) -> Kind {
    ok(d, &text(s)).schema.kind
}

fn err(d: &str, s: &str) -> String {
    parse(&text(s), dialect(d), &resolve).expect_err(s)
}

fn string(f: Option<&str>) -> Kind {
    Kind::String { format: f.map(str::to_string) }
}

fn arr(k: Kind) -> Kind {
    Kind::Array(Box::new(kind(k)))
}

fn map(k: Kind) -> Kind {
    Kind::Map(Box::new(kind(k)))
}

fn r(n: &str) -> Kind {
    Kind::Ref(n.into())
}

#[test]
fn stripe_primitives() {
    assert_eq!(k(STRIPE, "string"), string(None));
    assert_eq!(k(STRIPE, "integer"), Kind::Integer { format: None });
    assert_eq!(k(STRIPE, "number"), Kind::Number { format: None });
    assert_eq!(k(STRIPE, "boolean"), Kind::Boolean);
    assert_eq!(k(STRIPE, "any"), Kind::Any);
}

#[test]
fn stripe_object_is_a_free_form_map() {
    assert_eq!(k(STRIPE, "object"), Kind::Map(Box::default()));
}

#[test]
fn stripe_formats() {
    assert_eq!(k(STRIPE, "integer (unix-time)"), Kind::Integer { format: Some("unix-time".into()) });
    assert_eq!(k(STRIPE, "string (date)"), string(Some("date")));
    assert_eq!(k(STRIPE, "string (date-time)"), string(Some("date-time")));
    assert_eq!(k(STRIPE, "string (currency)"), string(Some("currency")));
    assert_eq!(k(STRIPE, "string (decimal)"), string(Some("decimal")));
}

#[test]
fn unknown_format_is_an_error() {
    assert!(err(STRIPE, "string (dat)").contains("unknown format `(dat)`"));
    assert!(err(STRIPE, "boolean (date)").contains("applies to string, integer or number"));
}

#[test]
fn stripe_enum() {
    let p = ok(STRIPE, &text("enum: a, b.c, [redacted]"));
    let Kind::Enum(e) = p.schema.kind else { panic!() };
    assert_eq!(e.values, vec![Value::from("a"), Value::from("b.c"), Value::from("[redacted]")]);
    assert!(!e.truncated);
    assert!(p.warnings.is_empty());
}

#[test]
fn truncated_enum_warns() {
    let p = ok(STRIPE, &text("enum: lost, needs_response, prevented..."));
    let Kind::Enum(e) = p.schema.kind else { panic!() };
    assert_eq!(e.values.len(), 3);
    assert!(e.truncated);
    assert_eq!(p.warnings.len(), 1);
    let p = ok(STRIPE, &text("enum: a, ..."));
    assert!(matches!(p.schema.kind, Kind::Enum(Enum { truncated: true, .. })));
}

#[test]
fn empty_enum_value_is_an_error() {
    assert!(err(STRIPE, "enum: a, , b").contains("enum value 2 is empty"));
    assert!(err(STRIPE, "enum:").contains("lists no values"));
}

#[test]
fn stripe_link_is_a_ref() {
    assert_eq!(ok(STRIPE, &[link("gelato_x", "gelato-x.md")]).schema.kind, r("gelato_x"));
}

#[test]
fn stripe_arrays() {
    assert_eq!(k(STRIPE, "array of string"), arr(string(None)));
    assert_eq!(k(STRIPE, "string[]"), arr(string(None)));
    assert_eq!(k(STRIPE, "any[]"), arr(Kind::Any));
    assert_eq!(k(STRIPE, "string[][]"), Kind::Array(Box::new(kind(arr(string(None))))));
    let p = ok(STRIPE, &[Piece::Text("array of ".into()), link("x", "x.md")]);
    assert_eq!(p.schema.kind, arr(r("x")));
    assert_eq!(ok(STRIPE, &[link("x", "x.md"), Piece::Text("[]".into())]).schema.kind, arr(r("x")));
}

#[test]
fn stripe_array_of_enum() {
    let Kind::Array(items) = k(STRIPE, "array of enum: a, b") else { panic!() };
    assert!(matches!(items.kind, Kind::Enum(ref e) if e.values.len() == 2));
}

#[test]
fn stripe_map_of() {
    assert_eq!(k(STRIPE, "map of string"), map(string(None)));
}

#[test]
fn stripe_nullable_prefix() {
    let s = ok(STRIPE, &text("nullable string")).schema;
    assert!(s.nullable);
    assert_eq!(s.kind, string(None));
    let s = ok(STRIPE, &text("nullable enum: a, b")).schema;
    assert!(s.nullable && matches!(s.kind, Kind::Enum(_)));
}

#[test]
fn stripe_expandable() {
    let s = ok(STRIPE, &[Piece::Text("nullable ".into()), link("x", "x.md"), Piece::Text(" (expandable)".into())]).schema;
    assert!(s.nullable);
    assert_eq!(s.kind, Kind::Expandable(Box::new(kind(r("x")))));
    assert!(err(STRIPE, "string (expandable)").contains("linked object"));
}

#[test]
fn bare_names_are_deferred_refs() {
    let p = ok(STRIPE, &text("plan_tier[]"));
    assert_eq!(p.schema.kind, arr(r("plan_tier")));
    assert_eq!(p.bare_refs, vec!["plan_tier".to_string()]);
    assert_eq!(ok(STRIPE, &text("strnig")).bare_refs, vec!["strnig".to_string()]);
}

#[test]
fn speakeasy_python() {
    assert_eq!(k(PYTHON, "str"), string(None));
    assert_eq!(k(PYTHON, "int"), Kind::Integer { format: None });
    assert_eq!(k(PYTHON, "bool"), Kind::Boolean);
    assert_eq!(k(PYTHON, "float"), Kind::Number { format: None });
    assert_eq!(k(PYTHON, "date"), string(Some("date")));
    assert_eq!(k(PYTHON, "datetime"), string(Some("date-time")));
    assert_eq!(k(PYTHON, "List[str]"), arr(string(None)));
    assert_eq!(k(PYTHON, "Dict[str, Any]"), map(Kind::Any));
    assert_eq!(k(PYTHON, "Any"), Kind::Any);
    let s = ok(PYTHON, &text("Optional[str]")).schema;
    assert!(s.nullable && s.kind == string(None));
    let s = ok(PYTHON, &text("Optional[List[Dict[str, int]]]")).schema;
    assert!(s.nullable);
    assert_eq!(s.kind, arr(map(Kind::Integer { format: None })));
}

#[test]
fn speakeasy_links() {
    let s = ok(PYTHON, &[link("Optional[components.X]", "../../models/components/x.md")]).schema;
    assert!(s.nullable);
    assert_eq!(s.kind, r("../../models/components/x"));
    let s = ok(PYTHON, &[Piece::Text("List[".into()), link("components.X", "x.md"), Piece::Text("]".into())]).schema;
    assert_eq!(s.kind, arr(r("x")));
    let s = ok(PYTHON, &[link("List[components.X]", "x.md")]).schema;
    assert_eq!(s.kind, arr(r("x")));
    // Web links name built-in types; Python's `date` link is Speakeasy's date-time.
    assert_eq!(ok(PYTHON, &[link("date", "https://docs.python.org/3/library/datetime.html")]).schema.kind, string(Some("date-time")));
    assert_eq!(ok(TS, &[link("Date", "https://developer.mozilla.org/Date")]).schema.kind, string(Some("date-time")));
    let e = parse(&[link("Foo", "https://example.com/foo")], dialect(PYTHON), &resolve).unwrap_err();
    assert!(e.contains("not read"), "{e}");
}

#[test]
fn speakeasy_typescript() {
    assert_eq!(k(TS, "string"), string(None));
    assert_eq!(k(TS, "string[]"), arr(string(None)));
    assert_eq!(k(TS, "Record<string, any>"), map(Kind::Any));
    // `Record<string, *any*>` as pulldown-cmark splits it.
    let pieces = vec![Piece::Text("Record<string, ".into()), Piece::Text("any".into()), Piece::Text(">".into())];
    assert_eq!(ok(TS, &pieces).schema.kind, map(Kind::Any));
    assert_eq!(ok(TS, &[link("components.X", "x.md"), Piece::Text("[]".into())]).schema.kind, arr(r("x")));
}

#[test]
fn openapi_generator() {
    assert_eq!(k(JAVA, "String"), string(None));
    assert_eq!(k(JAVA, "Integer"), Kind::Integer { format: None });
    assert_eq!(k(JAVA, "BigDecimal"), Kind::Number { format: Some("decimal".into()) });
    assert_eq!(k(JAVA, "Boolean"), Kind::Boolean);
    assert_eq!(k(JAVA, "OffsetDateTime"), string(Some("date-time")));
    assert_eq!(k(JAVA, "LocalDate"), string(Some("date")));
    assert_eq!(k(JAVA, "List<String>"), arr(string(None)));
    assert_eq!(k(JAVA, "Map<String, Integer>"), map(Kind::Integer { format: None }));
    assert_eq!(ok(JAVA, &[link("List<X>", "X.md")]).schema.kind, arr(r("X")));
    // A raw `<String>` arrives as inline HTML.
    let pieces = vec![Piece::Text("List".into()), Piece::Html("<String>".into())];
    assert_eq!(ok(JAVA, &pieces).schema.kind, arr(string(None)));
}

#[test]
fn html_formatting_in_a_type_cell_is_dropped() {
    let pieces = vec![Piece::Html("<code>".into()), Piece::Text("integer".into()), Piece::Html("</code>".into())];
    assert_eq!(ok(STRIPE, &pieces).schema.kind, Kind::Integer { format: None });
    let pieces = vec![Piece::Text("string".into()), Piece::Html("<br/>".into()), Piece::Text("(date)".into())];
    assert_eq!(ok(STRIPE, &pieces).schema.kind, string(Some("date")));
}

#[test]
fn unread_link_is_any_without_a_second_error() {
    assert_eq!(ok(STRIPE, &[link("x", "missing.md")]).schema.kind, Kind::Any);
}

#[test]
fn syntax_errors() {
    assert!(err(PYTHON, "").contains("empty"));
    assert!(err(PYTHON, "List[str").contains("missing its closing `]`"));
    assert!(err(PYTHON, "Dict[int, str]").contains("keys must be strings"));
    assert!(err(PYTHON, "Frob[str]").contains("unknown generic type `Frob[…]`"));
    assert!(err(PYTHON, "Optional[str, int]").contains("takes 1 type"));
    assert!(err(STRIPE, "string or integer").contains("unexpected `or integer`"));
    assert!(err(STRIPE, "array of").contains("missing at the end"));
    assert!(err(PYTHON, "%%").contains("expected a type, found `%%`"));
    assert!(err(PYTHON, &"List[".repeat(10_000)).contains("deeper than 32 levels"));
    assert!(err(STRIPE, &"nullable ".repeat(10_000)).contains("deeper than 32 levels"));
}

#[test]
fn spellings_belong_to_their_dialect() {
    // Python's `str` is a name Stripe's docs do not know: a reference, checked later.
    assert_eq!(ok(STRIPE, &text("str")).bare_refs, vec!["str".to_string()]);
    assert!(err(STRIPE, "List[str]").contains("unexpected `[str]`"));
    assert!(err(PYTHON, "List<str>").contains("unexpected `<str>`"));
    assert!(err(JAVA, "array of String").contains("unexpected `of String`"));
    assert_eq!(k(GO, "*string"), string(None));
    assert!(err(STRIPE, "*string").contains("expected a type, found `*string`"));
}

#[test]
fn speakeasy_go() {
    assert_eq!(k(GO, "string"), string(None));
    assert_eq!(k(GO, "int64"), Kind::Integer { format: Some("int64".into()) });
    assert_eq!(k(GO, "float64"), Kind::Number { format: Some("double".into()) });
    assert_eq!(k(GO, "bool"), Kind::Boolean);
    assert_eq!(k(GO, "any"), Kind::Any);
    assert_eq!(k(GO, "[]string"), arr(string(None)));
    assert_eq!(k(GO, "[]*string"), arr(string(None)));
    assert_eq!(k(GO, "map[string]any"), map(Kind::Any));
    assert_eq!(k(GO, "map[string][]int64"), map(arr(Kind::Integer { format: Some("int64".into()) })));
    assert!(err(GO, "map[int64]string").contains("keys must be strings"));
    assert!(err(GO, "map[string").contains("expected `]`"));
    // `**string*` arrives as `*` and an emphasized `string`, emphasis dropped.
    let p = ok(GO, &[Piece::Text("*".into()), Piece::Text("string".into())]);
    assert!(p.pointer && !p.schema.nullable);
    assert_eq!(p.schema.kind, string(None));
    // A pointer inside a container says nothing about the field.
    assert!(!ok(GO, &text("[]*string")).pointer);
    let p = ok(GO, &[link("*components.Owner", "owner.md")]);
    assert!(p.pointer);
    assert_eq!(p.schema.kind, r("owner"));
    assert_eq!(ok(GO, &[Piece::Text("[]".into()), link("components.Address", "address.md")]).schema.kind, arr(r("address")));
    assert_eq!(ok(GO, &[link("time.Time", "https://pkg.go.dev/time#Time")]).schema.kind, string(Some("date-time")));
    assert_eq!(ok(GO, &[link("*time.Time", "https://pkg.go.dev/time#Time")]).schema.kind, string(Some("date-time")));
}

#[test]
fn openapi_generator_go() {
    assert_eq!(k(OG_GO, "string"), string(None));
    assert_eq!(k(OG_GO, "int32"), Kind::Integer { format: Some("int32".into()) });
    assert_eq!(k(OG_GO, "time.Time"), string(Some("date-time")));
    assert_eq!(k(OG_GO, "interface{}"), Kind::Any);
    assert_eq!(k(OG_GO, "map[string]interface{}"), map(Kind::Any));
    assert_eq!(k(OG_GO, "[]string"), arr(string(None)));
    let p = ok(OG_GO, &text("Pointer to []string"));
    assert!(p.pointer && !p.schema.nullable);
    assert_eq!(p.schema.kind, arr(string(None)));
    let p = ok(OG_GO, &[Piece::Text("Pointer to ".into()), link("[]IdentityOwner", "IdentityOwner.md")]);
    assert_eq!(p.schema.kind, arr(r("IdentityOwner")));
    let s = ok(OG_GO, &text("NullableString")).schema;
    assert!(s.nullable && s.kind == string(None));
    assert_eq!(ok(OG_GO, &text("Pointer to NullableTime")).schema.kind, string(Some("date-time")));
    assert!(err(OG_GO, "interface{").contains("unexpected `{`"));
}
