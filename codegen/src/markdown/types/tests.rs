//! Unit tests of the Type-cell grammar: one per form of each dialect, and the errors.

use super::*;

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

fn ok(pieces: &[Piece]) -> Parsed {
    parse(pieces, &resolve).unwrap_or_else(|e| panic!("{pieces:?}: {e}"))
}

fn k(s: &str) -> Kind {
    ok(&text(s)).schema.kind
}

fn err(s: &str) -> String {
    parse(&text(s), &resolve).expect_err(s)
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
    assert_eq!(k("string"), string(None));
    assert_eq!(k("integer"), Kind::Integer { format: None });
    assert_eq!(k("number"), Kind::Number { format: None });
    assert_eq!(k("boolean"), Kind::Boolean);
    assert_eq!(k("any"), Kind::Any);
}

#[test]
fn stripe_object_is_a_free_form_map() {
    assert_eq!(k("object"), Kind::Map(Box::default()));
}

#[test]
fn stripe_formats() {
    assert_eq!(k("integer (unix-time)"), Kind::Integer { format: Some("unix-time".into()) });
    assert_eq!(k("string (date)"), string(Some("date")));
    assert_eq!(k("string (date-time)"), string(Some("date-time")));
    assert_eq!(k("string (currency)"), string(Some("currency")));
    assert_eq!(k("string (decimal)"), string(Some("decimal")));
}

#[test]
fn unknown_format_is_an_error() {
    assert!(err("string (dat)").contains("unknown format `(dat)`"));
    assert!(err("boolean (date)").contains("applies to string, integer or number"));
}

#[test]
fn stripe_enum() {
    let p = ok(&text("enum: a, b.c, [redacted]"));
    let Kind::Enum(e) = p.schema.kind else { panic!() };
    assert_eq!(e.values, vec![Value::from("a"), Value::from("b.c"), Value::from("[redacted]")]);
    assert!(!e.truncated);
    assert!(p.warnings.is_empty());
}

#[test]
fn truncated_enum_warns() {
    let p = ok(&text("enum: lost, needs_response, prevented..."));
    let Kind::Enum(e) = p.schema.kind else { panic!() };
    assert_eq!(e.values.len(), 3);
    assert!(e.truncated);
    assert_eq!(p.warnings.len(), 1);
    let p = ok(&text("enum: a, ..."));
    assert!(matches!(p.schema.kind, Kind::Enum(Enum { truncated: true, .. })));
}

#[test]
fn empty_enum_value_is_an_error() {
    assert!(err("enum: a, , b").contains("enum value 2 is empty"));
    assert!(err("enum:").contains("lists no values"));
}

#[test]
fn stripe_link_is_a_ref() {
    assert_eq!(ok(&[link("gelato_x", "gelato-x.md")]).schema.kind, r("gelato_x"));
}

#[test]
fn stripe_arrays() {
    assert_eq!(k("array of string"), arr(string(None)));
    assert_eq!(k("string[]"), arr(string(None)));
    assert_eq!(k("any[]"), arr(Kind::Any));
    assert_eq!(k("string[][]"), Kind::Array(Box::new(kind(arr(string(None))))));
    let p = ok(&[Piece::Text("array of ".into()), link("x", "x.md")]);
    assert_eq!(p.schema.kind, arr(r("x")));
    assert_eq!(ok(&[link("x", "x.md"), Piece::Text("[]".into())]).schema.kind, arr(r("x")));
}

#[test]
fn stripe_array_of_enum() {
    let Kind::Array(items) = k("array of enum: a, b") else { panic!() };
    assert!(matches!(items.kind, Kind::Enum(ref e) if e.values.len() == 2));
}

#[test]
fn stripe_map_of() {
    assert_eq!(k("map of string"), map(string(None)));
}

#[test]
fn stripe_nullable_prefix() {
    let s = ok(&text("nullable string")).schema;
    assert!(s.nullable);
    assert_eq!(s.kind, string(None));
    let s = ok(&text("nullable enum: a, b")).schema;
    assert!(s.nullable && matches!(s.kind, Kind::Enum(_)));
}

#[test]
fn stripe_expandable() {
    let s = ok(&[Piece::Text("nullable ".into()), link("x", "x.md"), Piece::Text(" (expandable)".into())]).schema;
    assert!(s.nullable);
    assert_eq!(s.kind, Kind::Expandable(Box::new(kind(r("x")))));
    assert!(err("string (expandable)").contains("linked object"));
}

#[test]
fn bare_names_are_deferred_refs() {
    let p = ok(&text("plan_tier[]"));
    assert_eq!(p.schema.kind, arr(r("plan_tier")));
    assert_eq!(p.bare_refs, vec!["plan_tier".to_string()]);
    assert_eq!(ok(&text("strnig")).bare_refs, vec!["strnig".to_string()]);
}

#[test]
fn speakeasy_python() {
    assert_eq!(k("str"), string(None));
    assert_eq!(k("int"), Kind::Integer { format: None });
    assert_eq!(k("bool"), Kind::Boolean);
    assert_eq!(k("float"), Kind::Number { format: None });
    assert_eq!(k("date"), string(Some("date")));
    assert_eq!(k("datetime"), string(Some("date-time")));
    assert_eq!(k("List[str]"), arr(string(None)));
    assert_eq!(k("Dict[str, Any]"), map(Kind::Any));
    assert_eq!(k("Any"), Kind::Any);
    let s = ok(&text("Optional[str]")).schema;
    assert!(s.nullable && s.kind == string(None));
    let s = ok(&text("Optional[List[Dict[str, int]]]")).schema;
    assert!(s.nullable);
    assert_eq!(s.kind, arr(map(Kind::Integer { format: None })));
}

#[test]
fn speakeasy_links() {
    let s = ok(&[link("Optional[components.X]", "../../models/components/x.md")]).schema;
    assert!(s.nullable);
    assert_eq!(s.kind, r("../../models/components/x"));
    let s = ok(&[Piece::Text("List[".into()), link("components.X", "x.md"), Piece::Text("]".into())]).schema;
    assert_eq!(s.kind, arr(r("x")));
    let s = ok(&[link("List[components.X]", "x.md")]).schema;
    assert_eq!(s.kind, arr(r("x")));
    // Web links name built-in types; Python's `date` link is Speakeasy's date-time.
    assert_eq!(ok(&[link("date", "https://docs.python.org/3/library/datetime.html")]).schema.kind, string(Some("date-time")));
    assert_eq!(ok(&[link("Date", "https://developer.mozilla.org/Date")]).schema.kind, string(Some("date-time")));
    let e = parse(&[link("Foo", "https://example.com/foo")], &resolve).unwrap_err();
    assert!(e.contains("not read"), "{e}");
}

#[test]
fn speakeasy_typescript() {
    assert_eq!(k("string"), string(None));
    assert_eq!(k("string[]"), arr(string(None)));
    assert_eq!(k("Record<string, any>"), map(Kind::Any));
    // `Record<string, *any*>` as pulldown-cmark splits it.
    let pieces = vec![Piece::Text("Record<string, ".into()), Piece::Text("any".into()), Piece::Text(">".into())];
    assert_eq!(ok(&pieces).schema.kind, map(Kind::Any));
    assert_eq!(ok(&[link("components.X", "x.md"), Piece::Text("[]".into())]).schema.kind, arr(r("x")));
}

#[test]
fn openapi_generator() {
    assert_eq!(k("String"), string(None));
    assert_eq!(k("Integer"), Kind::Integer { format: None });
    assert_eq!(k("BigDecimal"), Kind::Number { format: Some("decimal".into()) });
    assert_eq!(k("Boolean"), Kind::Boolean);
    assert_eq!(k("OffsetDateTime"), string(Some("date-time")));
    assert_eq!(k("LocalDate"), string(Some("date")));
    assert_eq!(k("List<String>"), arr(string(None)));
    assert_eq!(k("Map<String, Integer>"), map(Kind::Integer { format: None }));
    assert_eq!(ok(&[link("List<X>", "X.md")]).schema.kind, arr(r("X")));
    // A raw `<String>` arrives as inline HTML.
    let pieces = vec![Piece::Text("List".into()), Piece::Html("<String>".into())];
    assert_eq!(ok(&pieces).schema.kind, arr(string(None)));
}

#[test]
fn html_formatting_in_a_type_cell_is_dropped() {
    let pieces = vec![Piece::Html("<code>".into()), Piece::Text("integer".into()), Piece::Html("</code>".into())];
    assert_eq!(ok(&pieces).schema.kind, Kind::Integer { format: None });
    let pieces = vec![Piece::Text("string".into()), Piece::Html("<br/>".into()), Piece::Text("(date)".into())];
    assert_eq!(ok(&pieces).schema.kind, string(Some("date")));
}

#[test]
fn unread_link_is_any_without_a_second_error() {
    assert_eq!(ok(&[link("x", "missing.md")]).schema.kind, Kind::Any);
}

#[test]
fn syntax_errors() {
    assert!(err("").contains("empty"));
    assert!(err("List[str").contains("missing its closing `]`"));
    assert!(err("Dict[int, str]").contains("keys must be strings"));
    assert!(err("Frob[str]").contains("unknown generic type `Frob[…]`"));
    assert!(err("Optional[str, int]").contains("takes 1 type"));
    assert!(err("string or integer").contains("unexpected `or integer`"));
    assert!(err("array of").contains("missing at the end"));
    assert!(err("%%").contains("expected a type, found `%%`"));
    assert!(err(&"List[".repeat(10_000)).contains("deeper than 32 levels"));
    assert!(err(&"nullable ".repeat(10_000)).contains("deeper than 32 levels"));
}
