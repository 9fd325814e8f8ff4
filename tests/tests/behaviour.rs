//! The generated-code contract, on the fixture crate built from `tests/specs/behaviour`:
//! presence rules, open enums, wire names, recursion, formats, unions, validation, Debug.

use kycgen_behaviour::*;
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(v: Value) -> (T, Value) {
    let typed: T = serde_json::from_value(v.clone()).expect("deserializes");
    let back = serde_json::to_value(&typed).expect("serializes");
    assert_eq!(back, v, "round trip changed the payload");
    (typed, back)
}

#[test]
fn presence_rules_keep_absent_and_null_apart() {
    let full = json!({"required_nullable": null, "required_plain": "x", "optional_nullable": null,
        "via_ref": null, "optional_via_ref": "y", "via_all_of": null});
    let (t, _) = round_trip::<NullableThirty>(full);
    assert_eq!(t.optional_nullable, Nullable::Null);
    assert_eq!(t.optional_via_ref, Nullable::Value("y".into()));
    assert_eq!(t.optional_plain, None);
    let (t, _) = round_trip::<NullableThirty>(json!({"required_nullable": "a", "required_plain": "x", "via_ref": "r", "via_all_of": "c"}));
    assert_eq!(t.optional_nullable, Nullable::Absent);
    // Required and nullable: always sent (as null when None); a missing key reads as None
    // (lenient input, issue 17). Required and not nullable: missing is an error.
    let missing = serde_json::from_value::<NullableThirty>(json!({"required_plain": "x", "via_ref": null})).expect("missing nullable fields read as None");
    assert_eq!((&missing.required_nullable, &missing.via_all_of), (&None, &None));
    assert_eq!(serde_json::to_value(&missing).unwrap()["required_nullable"], Value::Null);
    let missing = serde_json::from_value::<NullableThirty>(json!({"required_nullable": null, "via_ref": null, "via_all_of": null}));
    assert!(missing.unwrap_err().to_string().contains("missing field `required_plain`"));
    // Optional and not nullable: input is lenient and reads null as absent.
    let null = serde_json::from_value::<NullableThirty>(json!({"required_nullable": null, "required_plain": "x", "via_ref": null, "via_all_of": null, "optional_plain": null}));
    assert!(null.is_ok(), "Option<T> accepts null on input");
}

#[test]
fn openapi_31_nullable_spellings() {
    let (t, _) = round_trip::<NullableThirtyOne>(json!({"type_list": null, "any_of_null": null, "enum_with_null": null, "one_of_null": null}));
    assert_eq!(t.one_of_null, Nullable::Null);
    let (t, _) = round_trip::<NullableThirtyOne>(json!({"type_list": "s", "any_of_null": "dark", "enum_with_null": "b", "constant": "fixed"}));
    assert_eq!(t.any_of_null, Some(Shade::Dark));
    assert_eq!(t.enum_with_null, Some(NullableThirtyOneEnumWithNull::B));
}

#[test]
fn unknown_enum_values_round_trip() {
    let (p, _) = round_trip::<Palette>(json!({"color": "ultraviolet", "priority": 7, "colors": ["red", "infrared"], "answer": "maybe", "mood": "green", "feeling": "red"}));
    assert!(matches!(&p.color, Color::Unknown(v) if v == "ultraviolet"));
    assert!(matches!(&p.priority, Priority::Unknown(v) if *v == 7));
    assert_eq!(p.colors.as_deref(), Some(&[Color::Red, Color::from("infrared")][..]));
    assert!(matches!(&p.colors.as_ref().unwrap()[1], Color::Unknown(v) if v == "infrared"));
    assert!(matches!(&p.answer, Some(Answer::Unknown(v)) if v == "maybe"));
    assert_eq!(p.mood, Some(PaletteMood::Green), "a named enum and an inline one never merge");
    assert_eq!(p.feeling, Some(PaletteMood::Red), "identical inline enums of one schema are one type");
    let (p, _) = round_trip::<Palette>(json!({"color": "red", "priority": 2, "answer": "yes"}));
    assert_eq!((p.color.as_str(), p.priority.as_i64()), ("red", 2));
    assert_eq!(p.answer, Some(Answer::Yes));
    assert_eq!("green".parse::<Color>().unwrap(), Color::Green);
    assert_eq!(Color::from("x").to_string(), "x");
}

#[test]
fn colliding_enum_values_keep_their_wire_names() {
    for wire in ["in-progress", "in_progress", "InProgress", "unknown", "Unknown", "other", "", "1", "Self", "[redacted]", "café", "日本"] {
        let v: CollidingStatus = serde_json::from_value(json!(wire)).unwrap();
        assert!(!matches!(v, CollidingStatus::UnknownValue(_)), "{wire:?} is a known value");
        assert_eq!(serde_json::to_value(&v).unwrap(), json!(wire));
    }
    assert_eq!(CollidingStatus::from("unknown"), CollidingStatus::Unknown);
    assert!(matches!(CollidingStatus::from("brand-new"), CollidingStatus::UnknownValue(v) if v == "brand-new"));
}

#[test]
fn awkward_field_names_round_trip() {
    let v = json!({"type": "t", "match": "m", "self": "s", "Self": "S", "crate": "c", "super": "p", "async": "a", "fn": "f",
        "3d_secure": true, "": "empty", "_": "underscore", "fooBar": 1, "foo_bar": 2, "foo-bar": 3, "naïve": "n"});
    let (k, _) = round_trip::<KeywordFields>(v);
    assert_eq!((k.foo_bar, k.foo_bar_2, k.foo_bar_3), (Some(1), Some(2), Some(3)));
    assert_eq!(k.r#type, "t");
    let (i, _) = round_trip::<Injected>(json!({"evil\"); fn x() { //": "v", "quote": "a\"b"}));
    assert_eq!(i.quote, Some(InjectedQuote::AB));
}

#[test]
fn recursive_types() {
    let v = json!({"value": "root", "parent": {"value": "up", "parent": null}, "children": [{"value": "leaf", "parent": null, "children": []}]});
    let (t, _) = round_trip::<TreeNode>(v);
    assert_eq!(t.parent.as_ref().map(|p| p.value.as_str()), Some("up"));
    round_trip::<PersonA>(json!({"friend": {"friend": {"friend": {}}}}));
}

#[test]
fn formats_are_real_types() {
    let v = json!({"day": "2024-02-29", "at": "2024-02-29T12:30:00Z", "created": 1700000000, "email": "a@b.c", "small": 5,
        "ratio": 0.5, "anything": [1, {"a": null}], "free_form": {"k": [true]}, "labels": {"a": "b"}, "scores": {"x": 1.5, "y": null}});
    let (f, _) = round_trip::<Formats>(v);
    assert_eq!(f.day, jiff::civil::date(2024, 2, 29));
    assert_eq!(f.at, "2024-02-29T12:30:00Z".parse::<jiff::Timestamp>().unwrap());
    assert_eq!(f.created.as_second(), 1_700_000_000);
    assert!(serde_json::from_value::<Formats>(json!({"day": "2024-02-30", "at": "2024-02-29T12:30:00Z", "created": 1})).is_err());
}

#[test]
fn unions_and_expandable_fields() {
    let (o, _) = round_trip::<Owner>(json!({"pet": {"kind": "dog", "good": true}, "best_friend": "dog_123", "id_or_count": 3}));
    assert!(matches!(o.pet, Pet::Dog(_)));
    assert_eq!(o.best_friend.as_id(), Some("dog_123"));
    let (o, _) = round_trip::<Owner>(json!({"pet": {"kind": "cat", "lives": 9}, "best_friend": {"kind": "dog", "good": false}}));
    assert!(matches!(o.pet, Pet::Cat(_)));
    assert!(o.best_friend.as_object().is_some_and(|d| !d.good));
}

#[test]
fn all_of_merges_members() {
    let (t, _) = round_trip::<NamedDatedThing>(json!({"name": "n", "updated": "2020-01-01T00:00:00Z", "extra": true}));
    assert_eq!(t.name, "n");
    // `updated` is defined by `Dated` and required by another member: required when merged.
    let _: jiff::Timestamp = t.updated;
    let missing = serde_json::from_value::<NamedDatedThing>(json!({"name": "n"})).unwrap_err().to_string();
    assert!(missing.contains("updated"), "{missing}");
}

#[test]
fn validate_reports_every_violation_with_its_path() {
    let mut req = SignupRequest::new("too long name".into(), "abc".into(), 12);
    req.score = Some(0.0);
    req.tags = Some(vec!["a".into(), "b".into(), "c".into()]);
    req.address = Some(SignupAddress::new("USA".into()));
    req.previous = Some(vec![SignupAddress::new("DE".into()), SignupAddress::new("".into())]);
    let errors = req.validate().unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["name", "code", "age", "score", "tags", "address.country", "previous[1].country"], "{errors:#?}");
    let ok = SignupRequest::new("Ann".into(), "ABC".into(), 30);
    assert_eq!(ok.validate(), Ok(()));
    // Responses are never rejected for breaking documented limits.
    let parsed: SignupRequest = serde_json::from_value(json!({"name": "far too long", "code": "x", "age": 1})).unwrap();
    assert!(parsed.validate().is_err());
}

#[test]
fn debug_redacts_configured_fields() {
    let mut req = SignupRequest::new("Ann".into(), "ABC".into(), 30);
    req.ssn = Some("123-45-6789".into());
    let debug = format!("{req:?}");
    assert!(!debug.contains("123-45-6789") && !debug.contains("Ann"), "{debug}");
    assert!(debug.contains("code: \"ABC\""), "{debug}");
    assert!(debug.contains("ssn: Some([redacted])") && debug.contains("name: [redacted]"), "presence shows: {debug}");
    req.ssn = None;
    assert!(format!("{req:?}").contains("ssn: None"));
    req.ssn = Some("123-45-6789".into());
    let shown = format!("{:?}", kycgen_behaviour::debug_pii(&req));
    assert!(shown.contains("ssn: Some(\"123-45-6789\")") && shown.contains("name: \"Ann\""), "{shown}");
    assert_eq!(req.ssn.as_ref().map(|s| s.expose().as_str()), Some("123-45-6789"));
    assert_eq!(serde_json::to_value(&req).unwrap()["ssn"], "123-45-6789");
}

#[test]
fn specs_split_over_files() {
    let (s, _) = round_trip::<Shipment>(json!({"to": {"country": "DE", "region": null}, "carrier": "post"}));
    assert_eq!(s.to.region, Nullable::Null);
    assert_eq!(s.carrier, Some(Carrier::Post));
}

#[test]
fn tagged_unions_dispatch_on_the_tag_and_keep_unknown_variants() {
    let (p, _) = round_trip::<Pet>(json!({"kind": "hamster", "cheeks": "full"}));
    assert_eq!(p, Pet::Unknown(json!({"kind": "hamster", "cheeks": "full"})));
    // A known tag with a payload that does not fit its variant is an error, not a guess.
    assert!(serde_json::from_value::<Pet>(json!({"kind": "cat", "good": true})).is_err());
    let (b, _) = round_trip::<BalanceSource>(json!({"object": "refund", "charge": "ch_1"}));
    assert!(matches!(b, BalanceSource::Refund(r) if r.charge == "ch_1"));
    let (b, _) = round_trip::<BalanceSource>(json!({"object": "charge", "amount": 5}));
    assert!(matches!(b, BalanceSource::Charge(c) if c.amount == 5));
    let (b, _) = round_trip::<BalanceSource>(json!({"object": "payout", "amount": 5}));
    assert!(matches!(b, BalanceSource::Unknown(_)));
}

/// Parses `json` (text, so that keys can repeat) into `T` and returns the error message.
fn parse_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    serde_json::from_str::<T>(json).expect_err(json).to_string()
}

#[test]
fn repeated_keys_are_rejected_like_serde_derive_does() {
    let base = r#""required_nullable": null, "required_plain": "x", "via_ref": null, "via_all_of": null"#;
    assert!(serde_json::from_str::<NullableThirty>(&format!("{{{base}}}")).is_ok());
    // A required plain field, a required nullable (`Option`) field, an optional nullable
    // (`Nullable`) field and an optional (`Option`) field, the repeat null or not.
    for (key, first, second) in [
        ("required_plain", "", r#""y""#),
        ("required_nullable", "", r#""a""#),
        ("optional_nullable", "null", "null"),
        ("optional_nullable", r#""a""#, "null"),
        ("optional_plain", r#""a""#, r#""b""#),
    ] {
        // `base` already has the required fields once.
        let json = if base.contains(&format!("\"{key}\"")) {
            format!(r#"{{{base}, "{key}": {second}}}"#)
        } else {
            format!(r#"{{"{key}": {first}, {base}, "{key}": {second}}}"#)
        };
        let msg = parse_error::<NullableThirty>(&json);
        assert!(msg.starts_with(&format!("duplicate field `{key}`")), "{json}: {msg}");
    }
    // Renamed wire names: the repeated key is the wire name, and the message says it.
    let msg = parse_error::<KeywordFields>(r#"{"type": "a", "fooBar": 1, "fooBar": 2}"#);
    assert!(msg.starts_with("duplicate field `fooBar`"), "{msg}");
    let msg = parse_error::<KeywordFields>(r#"{"type": "a", "type": "b"}"#);
    assert!(msg.starts_with("duplicate field `type`"), "{msg}");
    // Keys that differ only as Rust names are distinct on the wire.
    assert!(serde_json::from_str::<KeywordFields>(r#"{"type": "a", "fooBar": 1, "foo_bar": 2, "foo-bar": 3}"#).is_ok());
}

#[test]
fn tagged_unions_reject_repeated_keys_too() {
    // The tag itself, a field of the chosen variant, and a key of an unknown variant's
    // payload: a union reads its input once, keys checked, before it picks a variant.
    for (json, key) in [
        (r#"{"kind": "dog", "good": true, "kind": "cat"}"#, "kind"),
        (r#"{"kind": "dog", "good": true, "good": false}"#, "good"),
        (r#"{"kind": "hamster", "cheeks": "full", "cheeks": "empty"}"#, "cheeks"),
        (r#"{"object": "refund", "charge": "ch_1", "charge": "ch_2"}"#, "charge"),
    ] {
        let msg = if key == "charge" { parse_error::<BalanceSource>(json) } else { parse_error::<Pet>(json) };
        assert!(msg.starts_with(&format!("duplicate field `{key}`")), "{json}: {msg}");
    }
    assert!(serde_json::from_str::<Pet>(r#"{"kind": "dog", "good": true}"#).is_ok());
}

#[test]
fn nullable_none_is_absent_and_null_is_sent_explicitly() {
    let (mut t, _) = round_trip::<NullableThirty>(json!({"required_nullable": null, "required_plain": "x", "optional_nullable": "v",
        "via_ref": null, "via_all_of": null}));
    t.optional_nullable = None.into();
    assert!(serde_json::to_value(&t).unwrap().get("optional_nullable").is_none(), "None.into() leaves the field out");
    t.optional_nullable = Nullable::Null;
    assert_eq!(serde_json::to_value(&t).unwrap()["optional_nullable"], Value::Null, "Nullable::Null sends null");
    t.optional_nullable = "w".to_string().into();
    assert_eq!(serde_json::to_value(&t).unwrap()["optional_nullable"], "w");
    assert_eq!(t.optional_nullable.as_deref().unwrap_or("-"), "w");
}

#[test]
fn from_str_names_the_json_path_of_a_wrong_value() {
    let e = kycgen_behaviour::from_str::<Shipment>(r#"{"to": {"country": 49, "region": null}}"#).unwrap_err();
    assert_eq!(e.path(), "to.country");
    assert!(e.to_string().starts_with("to.country: invalid type: integer [redacted], expected a string"), "{e}");
    // A date of birth that does not parse: the path is named, the value is not repeated.
    let e = kycgen_behaviour::from_str::<Formats>(r#"{"day": "1990-13-45", "at": "2024-02-29T12:30:00Z", "created": 1}"#).unwrap_err();
    assert_eq!(e.path(), "day");
    assert!(!e.to_string().contains("1990-13-45") && !format!("{e:?}").contains("1990-13-45"), "{e}");
    let ok = kycgen_behaviour::from_slice::<Shipment>(br#"{"to": {"country": "DE"}, "carrier": "post"}"#).unwrap();
    assert_eq!(ok.carrier, Some(Carrier::Post));
}

#[test]
fn top_level_arrays_and_maps_are_type_aliases() {
    let (batch, _) = round_trip::<LatestCaseBatch>(json!([{"id": "c1", "tags": ["pep"]}, {"id": "c2"}]));
    let items: Vec<CaseBatchItem> = batch;
    assert_eq!(items[0].tags, Some(vec!["pep".to_string()]));
    let (risks, _) = round_trip::<RiskByCheck>(json!({"document": "low", "selfie": "severe"}));
    assert_eq!(risks["document"], CaseRisk::Low);
    assert!(matches!(&risks["selfie"], CaseRisk::Unknown(v) if v == "severe"));
    let tags: CaseTags = vec!["watchlist".into()];
    let (summary, _) = round_trip::<CaseSummary>(json!({"tags": tags, "risks": {}}));
    assert_eq!(summary.tags, Some(tags));
}

#[test]
#[allow(deprecated)]
fn renamed_schema_keeps_its_old_name_with_compat() {
    let old: ColourSet = serde_json::from_value(json!({"color": "red", "priority": 1})).unwrap();
    let new: Palette = old;
    assert_eq!(new.color, Color::Red);
}
