//! stripe-identity's operations against a real HTTP server on 127.0.0.1 (wiremock):
//! bearer key and Stripe-Version, Stripe-style form bodies, deepObject query parameters,
//! percent-encoded path parameters, typed errors, retries of safe requests only, a limit
//! breach that is never sent, and `has_more`/`starting_after` pagination.

use kycgen_runtime::client::{Client, ClientError, RetryPolicy};
use kycgen_runtime::{ApiError, Operation, RequestError};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use stripe_identity::operations::*;
use stripe_identity::*;
use wiremock::matchers::{body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const VERSION: &str = "2024-06-20";
const FORM: &str = "application/x-www-form-urlencoded";

fn client(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::builder(server.uri(), credentials("sk_test_123", VERSION)).retry(retry).idempotency_header("idempotency-key").build().expect("client builds")
}

/// A mock for `m p` that checks the bearer key and the API version.
fn stripe_mock(m: &str, p: &str) -> wiremock::MockBuilder {
    Mock::given(method(m)).and(path(p)).and(header("authorization", "Bearer sk_test_123")).and(header("stripe-version", VERSION))
}

fn session(id: &str, status: &str) -> Value {
    json!({"id": id, "object": "identity.verification_session", "created": 1700000000, "livemode": false,
           "metadata": {}, "options": {}, "status": status, "type": "document",
           "client_secret": null, "last_error": null, "last_verification_report": null, "redaction": null, "url": null})
}

fn report(id: &str) -> Value {
    json!({"id": id, "object": "identity.verification_report", "created": 1700000000, "livemode": false,
           "options": {}, "type": "document", "verification_session": "vs_1", "client_reference_id": null})
}

fn ok(v: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(v)
}

#[tokio::test]
async fn every_operation_sends_what_stripe_reads() {
    let server = MockServer::start().await;
    let c = client(&server, RetryPolicy::none());

    let create_wire = "expand%5B%5D=last_verification_report&metadata%5Border%5D=42&options%5Bdocument%5D%5Ballowed_types%5D%5B%5D=passport&options%5Bdocument%5D%5Brequire_matching_selfie%5D=true&return_url=https%3A%2F%2Fexample.com%2Fdone%3Fa%3D1%26b%3D2&type=document";

    stripe_mock("POST", "/v1/identity/verification_sessions")
        .and(header("content-type", FORM))
        .and(body_string(create_wire))
        .respond_with(ok(session("vs_1", "requires_input")))
        .expect(1)
        .mount(&server)
        .await;
    let mut body = VerificationSessionCreateParams::new(VerificationSessionCreateParamsType::Document);
    body.expand = Some(vec!["last_verification_report".into()]);
    body.metadata = Some([("order".to_string(), "42".to_string())].into());
    let mut document = SessionOptionsParamsDocument::default();
    document.allowed_types = Some(vec![SessionOptionsParamsDocumentAllowedTypesItem::Passport]);
    document.require_matching_selfie = Some(true);
    let mut options = SessionOptionsParams::default();
    options.document = Some(document);
    body.options = Some(options);
    body.return_url = Some("https://example.com/done?a=1&b=2".into());
    let op = VerificationSessionCreate::new(body);
    assert_eq!(String::from_utf8(op.to_http("http://h").unwrap().into_body()).unwrap(), create_wire);
    let created = c.send(&op).await.expect("create");
    assert_eq!((created.id.as_str(), created.status.as_str()), ("vs_1", "requires_input"));

    // A path parameter is one percent-encoded segment; expand is deepObject (`expand[]`).
    stripe_mock("GET", "/v1/identity/verification_sessions/vs_a%2Fb%20c")
        .and(query_param("expand[]", "last_verification_report"))
        .respond_with(ok(session("vs_a/b c", "processing")))
        .expect(1)
        .mount(&server)
        .await;
    let mut get = VerificationSessionRetrieve::new("vs_a/b c".into());
    get.expand = Some(vec!["last_verification_report".into()]);
    assert_eq!(get.to_http("http://h").unwrap().uri(), "http://h/v1/identity/verification_sessions/vs_a%2Fb%20c?expand%5B%5D=last_verification_report");
    assert_eq!(c.send(&get).await.expect("retrieve").id, "vs_a/b c");

    stripe_mock("POST", "/v1/identity/verification_sessions/vs_1")
        .and(body_string("metadata%5Border%5D=&type=id_number"))
        .respond_with(ok(session("vs_1", "requires_input")))
        .expect(1)
        .mount(&server)
        .await;
    let mut update = VerificationSessionUpdateParams::default();
    update.r#type = Some(VerificationSessionUpdateParamsType::IdNumber);
    update.metadata = Some([("order".to_string(), String::new())].into());
    c.send(&VerificationSessionUpdate::new(update, "vs_1".into())).await.expect("update");

    for (action, status) in [("cancel", "canceled"), ("redact", "verified")] {
        stripe_mock("POST", &format!("/v1/identity/verification_sessions/vs_1/{action}")).respond_with(ok(session("vs_1", status))).expect(1).mount(&server).await;
    }
    let cancelled = c.send(&VerificationSessionCancel::new("vs_1".into())).await.expect("cancel");
    assert_eq!(cancelled.status, VerificationSessionStatus::Canceled);
    let req = VerificationSessionCancel::new("vs_1".into()).to_http("http://h").unwrap();
    assert!(req.body().is_empty() && req.headers().get("content-type").is_none(), "no body when none is given");
    c.send(&VerificationSessionRedact::new("vs_1".into())).await.expect("redact");

    stripe_mock("GET", "/v1/identity/verification_sessions")
        .and(query_param("status", "verified"))
        .and(query_param("created[gte]", "1700000000"))
        .and(query_param("limit", "2"))
        .respond_with(ok(json!({"object": "list", "url": "/v1/identity/verification_sessions", "has_more": false, "data": [session("vs_1", "verified")]})))
        .expect(1)
        .mount(&server)
        .await;
    let mut list = VerificationSessionList::new();
    list.status = Some(VerificationSessionListStatus::Verified);
    let mut created_range = RangeQuery::default();
    created_range.gte = Some(1_700_000_000);
    list.created = Some(created_range);
    list.limit = Some(2);
    assert_eq!(c.send(&list).await.expect("list").data.len(), 1);

    stripe_mock("GET", "/v1/identity/verification_reports/vr_1").respond_with(ok(report("vr_1"))).expect(1).mount(&server).await;
    assert_eq!(c.send(&VerificationReportRetrieve::new("vr_1".into())).await.expect("report").id, "vr_1");
    stripe_mock("GET", "/v1/identity/verification_reports")
        .and(query_param("verification_session", "vs_1"))
        .and(query_param("type", "document"))
        .respond_with(ok(json!({"object": "list", "url": "/v1/identity/verification_reports", "has_more": false, "data": [report("vr_1")]})))
        .expect(1)
        .mount(&server)
        .await;
    let mut reports = VerificationReportList::new();
    reports.verification_session = Some("vs_1".into());
    reports.r#type = Some(VerificationReportListType::Document);
    assert_eq!(c.send(&reports).await.expect("reports").data[0].id, "vr_1");
}

#[tokio::test]
async fn stripe_errors_are_typed() {
    let server = MockServer::start().await;
    for (status, kind, code) in [(400, "invalid_request_error", "parameter_missing"), (401, "invalid_request_error", "api_key_expired"), (404, "invalid_request_error", "resource_missing"), (500, "api_error", "")] {
        stripe_mock("GET", &format!("/v1/identity/verification_sessions/vs_{status}"))
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({"error": {"type": kind, "code": code, "message": "m"}})))
            .mount(&server)
            .await;
    }
    let c = client(&server, RetryPolicy::none());
    for (status, kind) in [(400, "invalid_request_error"), (401, "invalid_request_error"), (404, "invalid_request_error"), (500, "api_error")] {
        match c.send(&VerificationSessionRetrieve::new(format!("vs_{status}"))).await {
            Err(ClientError::Api(ApiError::Api { status: s, error })) => {
                assert_eq!(s.as_u16(), status);
                assert_eq!(error.error.r#type.as_str(), kind);
            }
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn safe_get_is_retried_after_429_honouring_retry_after() {
    let server = MockServer::start().await;
    stripe_mock("GET", "/v1/identity/verification_sessions/vs_1")
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    stripe_mock("GET", "/v1/identity/verification_sessions/vs_1").respond_with(ok(session("vs_1", "verified"))).mount(&server).await;
    let policy = RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(1), max_delay: Duration::from_secs(5) };
    let start = Instant::now();
    let s = client(&server, policy).send(&VerificationSessionRetrieve::new("vs_1".into())).await.expect("retried");
    assert_eq!(s.status, VerificationSessionStatus::Verified);
    assert!(start.elapsed() >= Duration::from_secs(1), "Retry-After honoured: {:?}", start.elapsed());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn post_is_retried_only_with_an_idempotency_key() {
    let server = MockServer::start().await;
    stripe_mock("POST", "/v1/identity/verification_sessions").respond_with(ResponseTemplate::new(500)).up_to_n_times(1).mount(&server).await;
    stripe_mock("POST", "/v1/identity/verification_sessions").respond_with(ok(session("vs_1", "requires_input"))).mount(&server).await;
    let policy = RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(1), max_delay: Duration::from_millis(10) };
    let c = client(&server, policy);
    let op = VerificationSessionCreate::new(VerificationSessionCreateParams::new(VerificationSessionCreateParamsType::Document));
    let err = c.send(&op).await.expect_err("500 is not retried without a key");
    assert_eq!(err_status(&err), Some(500));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    stripe_mock("POST", "/v1/identity/verification_sessions")
        .and(header("idempotency-key", "create-1"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    c.send_idempotent(&op, "create-1").await.expect("keyed POST is retried");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert!(requests[1..].iter().all(|r| r.headers["idempotency-key"] == "create-1"));
}

fn err_status<E>(e: &ClientError<E>) -> Option<u16> {
    match e {
        ClientError::Api(a) => Some(a.status().as_u16()),
        _ => None,
    }
}

#[tokio::test]
async fn a_limit_breach_is_never_sent() {
    let server = MockServer::start().await;
    let mut list = VerificationSessionList::new();
    list.limit = Some(101); // 1 to 100
    list.starting_after = Some("v".repeat(5001)); // maxLength 5000
    let err = client(&server, RetryPolicy::none()).send(&list).await.expect_err("breaks two limits");
    match err {
        ClientError::Request(RequestError::Invalid(list)) => {
            let lines: Vec<String> = list.iter().map(ToString::to_string).collect();
            assert_eq!(lines, ["limit: 101 is above the maximum of 100", "starting_after: length 5001 is above the maximum of 5000"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn sessions_paginate_across_three_pages() {
    use futures_util::StreamExt;
    let server = MockServer::start().await;
    let page = |ids: &[&str], more: bool| ok(json!({"object": "list", "url": "/v1/identity/verification_sessions", "has_more": more, "data": ids.iter().map(|i| session(i, "verified")).collect::<Vec<_>>()}));
    let list = || stripe_mock("GET", "/v1/identity/verification_sessions").and(query_param("limit", "2"));
    list().and(query_param("starting_after", "vs_2")).respond_with(page(&["vs_3", "vs_4"], true)).with_priority(1).expect(1).mount(&server).await;
    list().and(query_param("starting_after", "vs_4")).respond_with(page(&["vs_5"], false)).with_priority(1).expect(1).mount(&server).await;
    list().respond_with(page(&["vs_1", "vs_2"], true)).with_priority(2).expect(1).mount(&server).await;
    let mut first = VerificationSessionList::new();
    first.limit = Some(2);
    let c = client(&server, RetryPolicy::none());
    let ids: Vec<String> = c.paginate(first).map(|s| s.expect("page").id).collect().await;
    assert_eq!(ids, ["vs_1", "vs_2", "vs_3", "vs_4", "vs_5"]);
}
