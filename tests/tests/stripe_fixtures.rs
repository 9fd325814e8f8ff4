//! Stripe's own example objects (`fixtures3.json`, `resources` keyed by object name) for
//! identity.verification_report and identity.verification_session deserialize into the
//! stripe-identity types generated from markdown docs and serialize back to the same JSON,
//! also when `type` holds a value the docs do not list (the enum's catch-all keeps it).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use stripe_identity::{VerificationReport, VerificationReportType, VerificationSession, VerificationSessionType};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/specs/stripe/fixtures3.json");

/// The example object named `name`, or `None` (with a message) when `../shared` is absent.
fn resource(name: &str) -> Option<Value> {
    let text = match std::fs::read_to_string(FIXTURES) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("skipping: cannot read {FIXTURES} ({e}); it is in ../shared beside the checkout");
            return None;
        }
    };
    let all: Value = serde_json::from_str(&text).expect("fixtures3.json parses");
    Some(all["resources"].get(name).unwrap_or_else(|| panic!("fixtures3.json has no resources[{name:?}]")).clone())
}

fn round_trip<T: DeserializeOwned + Serialize>(name: &str, v: &Value) -> T {
    let typed: T = serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{name}: does not deserialize: {e}"));
    let back = serde_json::to_value(&typed).expect("serializes");
    assert_eq!(&back, v, "{name}: the round trip changed the JSON");
    typed
}

fn with_unknown_type(mut v: Value) -> Value {
    v["type"] = Value::from("kycgen_future_type");
    v
}

#[test]
fn verification_report_round_trips() {
    let Some(v) = resource("identity.verification_report") else { return };
    let r: VerificationReport = round_trip("identity.verification_report", &v);
    assert_eq!(r.r#type, VerificationReportType::Document);
}

#[test]
fn verification_session_round_trips() {
    let Some(v) = resource("identity.verification_session") else { return };
    let s: VerificationSession = round_trip("identity.verification_session", &v);
    assert_eq!(s.r#type, VerificationSessionType::Document);
}

#[test]
fn unknown_report_type_round_trips_through_the_catch_all() {
    let Some(v) = resource("identity.verification_report") else { return };
    let r: VerificationReport = round_trip("identity.verification_report (unknown type)", &with_unknown_type(v));
    assert!(matches!(&r.r#type, VerificationReportType::Unknown(v) if v == "kycgen_future_type"));
}

#[test]
fn unknown_session_type_round_trips_through_the_catch_all() {
    let Some(v) = resource("identity.verification_session") else { return };
    let s: VerificationSession = round_trip("identity.verification_session (unknown type)", &with_unknown_type(v));
    assert!(matches!(&s.r#type, VerificationSessionType::Unknown(v) if v == "kycgen_future_type"));
}

#[test]
fn personal_data_is_redacted_in_debug() {
    let Some(v) = resource("identity.verification_report") else { return };
    let r: VerificationReport = serde_json::from_value(v).expect("deserializes");
    let shown = format!("{r:?}");
    for secret in ["Jenny", "Rosen", "1234 Main St.", "file_QXhWG300bR0L1WbLXBqG1wQc"] {
        assert!(!shown.contains(secret), "Debug shows {secret:?}: {shown}");
    }
    assert!(shown.contains("vr_1Pgc76B7WZ01zgkWq9Rp33Dj"), "ids stay visible: {shown}");
}
