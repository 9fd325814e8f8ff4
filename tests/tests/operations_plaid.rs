//! plaid-idv's operations against a real HTTP server on 127.0.0.1 (wiremock): each request's
//! method, path, headers and body; typed success and error responses; and the optional
//! client's retries, pagination and timeout. Seed payloads from `../shared` are replayed
//! where present; the rest uses small payloads of our own.

use kycgen_runtime::client::{Client, ClientError, RetryPolicy};
use kycgen_runtime::{ApiError, Operation};
use kycgen_tests::{seed_json_blocks, shared_dir};
use plaid_idv::operations::*;
use plaid_idv::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::matchers::{body_json, body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const VERSION: &str = "2020-09-14";

fn client(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::builder(server.uri(), credentials("client-1", "secret-1", VERSION)).retry(retry).timeout(Duration::from_secs(5)).build().expect("client builds")
}

/// A mock for `POST path` that checks the credentials, the content type and the body.
fn plaid_mock(p: &str, body: &Value) -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path(p))
        .and(header("plaid-client-id", "client-1"))
        .and(header("plaid-secret", "secret-1"))
        .and(header("plaid-version", VERSION))
        .and(header("content-type", "application/json"))
        .and(body_json(body))
}

fn key_response() -> Value {
    json!({"key": {"alg": "ES256", "created_at": 1560466150, "crv": "P-256", "expired_at": null, "kid": "kid-1",
                   "kty": "EC", "use": "sig", "x": "hKXL", "y": "shhe"}, "request_id": "req-1"})
}

fn plaid_error(kind: &str, code: &str, status: u16) -> Value {
    json!({"error_type": kind, "error_code": code, "error_message": "m", "display_message": null, "request_id": "r", "status": status})
}

#[test]
fn requests_are_built_without_io() {
    let op = WebhookVerificationKeyGet::new(WebhookVerificationKeyGetRequest::new("kid/1".into()));
    let mut req = op.to_http(servers::SANDBOX).expect("builds");
    credentials("c", "s", VERSION).apply(&mut req).expect("credentials apply");
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri(), "https://sandbox.plaid.com/webhook_verification_key/get");
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(req.headers()["plaid-secret"], "s");
    assert!(req.headers()["plaid-secret"].is_sensitive());
    assert_eq!(serde_json::from_slice::<Value>(req.body()).unwrap(), json!({"key_id": "kid/1"}));
    assert_eq!(WebhookVerificationKeyGet::OPERATION_ID, "webhookVerificationKeyGet");
    assert!(!format!("{:?}", credentials("c", "very-secret", VERSION)).contains("very-secret"));
}

#[tokio::test]
async fn webhook_verification_key_round_trip() {
    let server = MockServer::start().await;
    plaid_mock("/webhook_verification_key/get", &json!({"key_id": "kid-1"}))
        .respond_with(ResponseTemplate::new(200).set_body_json(key_response()))
        .expect(1)
        .mount(&server)
        .await;
    let op = WebhookVerificationKeyGet::new(WebhookVerificationKeyGetRequest::new("kid-1".into()));
    let resp = client(&server, RetryPolicy::none()).send(&op).await.expect("200");
    assert_eq!((resp.key.kid.as_str(), resp.key.expired_at, resp.request_id.as_str()), ("kid-1", None, "req-1"));
}

#[tokio::test]
async fn error_statuses_are_typed() {
    let server = MockServer::start().await;
    let cases = [
        (400, plaid_error("INVALID_REQUEST", "INVALID_FIELD", 400)),
        (401, plaid_error("INVALID_INPUT", "INVALID_API_KEYS", 401)),
        (404, plaid_error("INVALID_REQUEST", "NOT_FOUND", 404)),
        (500, plaid_error("API_ERROR", "INTERNAL_SERVER_ERROR", 500)),
    ];
    for (status, body) in &cases {
        plaid_mock("/identity_verification/get", &json!({"identity_verification_id": format!("idv_{status}")}))
            .respond_with(ResponseTemplate::new(*status).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let c = client(&server, RetryPolicy::default());
    for (status, body) in &cases {
        let op = IdentityVerificationGet::new(IdentityVerificationGetRequest::new(format!("idv_{status}")));
        match c.send(&op).await {
            Err(ClientError::Api(ApiError::Api { status: s, error })) => {
                assert_eq!(s.as_u16(), *status);
                assert_eq!(error.error_type.as_str(), body["error_type"]);
                assert_eq!(error.error_code, body["error_code"].as_str().unwrap());
                assert_eq!(error.status, Nullable::Value(i64::from(*status)));
            }
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn unknown_error_type_is_kept_and_bad_bodies_are_unexpected() {
    let server = MockServer::start().await;
    let body = |id: &str| json!({"identity_verification_id": id});
    plaid_mock("/identity_verification/get", &body("new-type"))
        .respond_with(ResponseTemplate::new(400).set_body_json(plaid_error("BRAND_NEW_ERROR", "X", 400)))
        .mount(&server)
        .await;
    plaid_mock("/identity_verification/get", &body("html")).respond_with(ResponseTemplate::new(502).set_body_string("<html>bad gateway</html>")).mount(&server).await;
    plaid_mock("/identity_verification/get", &body("bad-200")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 5}))).mount(&server).await;
    let c = client(&server, RetryPolicy::none());
    let send = |id: &str| c.send_owned(IdentityVerificationGet::new(IdentityVerificationGetRequest::new(id.into())));
    match send("new-type").await {
        Err(ClientError::Api(ApiError::Api { error, .. })) => assert_eq!(error.error_type.as_str(), "BRAND_NEW_ERROR"),
        other => panic!("{other:?}"),
    }
    match send("html").await {
        Err(ClientError::Api(e @ ApiError::Unexpected { .. })) => {
            assert!(!format!("{e:?}").contains("bad gateway"), "raw body is redacted in Debug");
            let ApiError::Unexpected { status, body } = e else { unreachable!() };
            assert_eq!((status.as_u16(), body.bytes()), (502, &b"<html>bad gateway</html>"[..]));
        }
        other => panic!("{other:?}"),
    }
    match send("bad-200").await {
        Err(ClientError::Api(ApiError::Decode { path, .. })) => assert_eq!(path, "id"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn post_without_idempotency_key_is_never_retried() {
    let server = MockServer::start().await;
    plaid_mock("/webhook_verification_key/get", &json!({"key_id": "k"})).respond_with(ResponseTemplate::new(503)).expect(1).mount(&server).await;
    let op = WebhookVerificationKeyGet::new(WebhookVerificationKeyGetRequest::new("k".into()));
    let err = client(&server, RetryPolicy::default()).send(&op).await.expect_err("503");
    assert!(matches!(err, ClientError::Api(ApiError::Unexpected { status, .. }) if status.as_u16() == 503), "{err:?}");
}

#[tokio::test]
async fn rate_limited_then_success_honours_retry_after() {
    let server = MockServer::start().await;
    let body = json!({"key_id": "k"});
    plaid_mock("/webhook_verification_key/get", &body)
        .and(header("idempotency-key", "key-1"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    plaid_mock("/webhook_verification_key/get", &body)
        .and(header("idempotency-key", "key-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(key_response()))
        .expect(1)
        .mount(&server)
        .await;
    let policy = RetryPolicy { max_retries: 2, base_delay: Duration::from_millis(1), max_delay: Duration::from_secs(5) };
    let c = Client::builder(server.uri(), credentials("client-1", "secret-1", VERSION)).retry(policy).idempotency_header("idempotency-key").build().unwrap();
    let op = WebhookVerificationKeyGet::new(WebhookVerificationKeyGetRequest::new("k".into()));
    let start = Instant::now();
    c.send_idempotent(&op, "key-1").await.expect("success after one retry");
    assert!(start.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was not honoured: {:?}", start.elapsed());
    assert_eq!(server.received_requests().await.unwrap().len(), 2, "one retry");
}

#[tokio::test]
async fn timeout_is_a_transport_error() {
    let server = MockServer::start().await;
    plaid_mock("/webhook_verification_key/get", &json!({"key_id": "slow"}))
        .respond_with(ResponseTemplate::new(200).set_body_json(key_response()).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let c = Client::builder(server.uri(), credentials("client-1", "secret-1", VERSION)).timeout(Duration::from_millis(200)).retry(RetryPolicy::none()).build().unwrap();
    let op = WebhookVerificationKeyGet::new(WebhookVerificationKeyGetRequest::new("slow".into()));
    let start = Instant::now();
    let err = c.send(&op).await.expect_err("times out");
    assert!(matches!(err, ClientError::Transport { timeout: true, .. }), "{err:?}");
    assert!(start.elapsed() < Duration::from_secs(2));
}

/// The seed payload under `heading`, if `../shared` is there.
fn seed(heading: &str) -> Option<Value> {
    let text = std::fs::read_to_string(shared_dir()?.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    seed_json_blocks(&text).into_iter().find(|(h, _)| h == heading).map(|(_, v)| v)
}

#[tokio::test]
async fn seed_responses_replayed_for_every_idv_operation() {
    let (Some(create), Some(get), Some(list), Some(retry)) =
        (seed("/identity_verification/create"), seed("/identity_verification/get"), seed("/identity_verification/list"), seed("/identity_verification/retry"))
    else {
        return;
    };
    let server = MockServer::start().await;
    let c = client(&server, RetryPolicy::none());
    let mut create_body = IdentityVerificationCreateRequest::new(true, "idvtmp_52xR9LKo77r1Np".into(), true);
    create_body.client_user_id = Some("user-sandbox-b0e2c4ee".into());
    create_body.is_idempotent = Nullable::Value(true);
    plaid_mock("/identity_verification/create", &serde_json::to_value(&create_body).unwrap())
        .respond_with(ResponseTemplate::new(200).set_body_json(&create))
        .expect(1)
        .mount(&server)
        .await;
    let created = c.send(&IdentityVerificationCreate::new(create_body)).await.expect("create");
    assert_eq!(serde_json::to_value(&created).unwrap()["id"], create["id"]);

    let id = get["id"].as_str().unwrap().to_string();
    plaid_mock("/identity_verification/get", &json!({"identity_verification_id": id})).respond_with(ResponseTemplate::new(200).set_body_json(&get)).expect(1).mount(&server).await;
    let got = c.send(&IdentityVerificationGet::new(IdentityVerificationGetRequest::new(id.clone()))).await.expect("get");
    assert_eq!(got.id, id);

    let list_body = json!({"template_id": "idvtmp_52xR9LKo77r1Np", "client_user_id": "user-sandbox-b0e2c4ee"});
    plaid_mock("/identity_verification/list", &list_body).respond_with(ResponseTemplate::new(200).set_body_json(&list)).expect(1).mount(&server).await;
    let mut req = IdentityVerificationListRequest::new("idvtmp_52xR9LKo77r1Np".into());
    req.client_user_id = Some("user-sandbox-b0e2c4ee".into());
    let page = c.send(&IdentityVerificationList::new(req)).await.expect("list");
    assert_eq!(page.identity_verifications.len(), list["identity_verifications"].as_array().unwrap().len());

    let retry_body = json!({"client_user_id": "user-sandbox-b0e2c4ee", "template_id": "idvtmp_52xR9LKo77r1Np", "strategy": "reset"});
    plaid_mock("/identity_verification/retry", &retry_body).respond_with(ResponseTemplate::new(200).set_body_json(&retry)).expect(1).mount(&server).await;
    let retried = c
        .send(&IdentityVerificationRetry::new(IdentityVerificationRetryRequest::new("user-sandbox-b0e2c4ee".into(), "idvtmp_52xR9LKo77r1Np".into(), Strategy::Reset)))
        .await
        .expect("retry");
    assert_eq!(serde_json::to_value(&retried).unwrap()["id"], retry["id"]);
}

#[tokio::test]
async fn list_paginates_across_three_pages() {
    use futures_util::StreamExt;
    let item = seed("/identity_verification/get");
    let items: Vec<Value> = item.iter().cloned().collect();
    let server = MockServer::start().await;
    let page = |next: Option<&str>| json!({"identity_verifications": items, "next_cursor": next, "request_id": "r"});
    // Requests with a cursor match first; the first page's request has none.
    let mock = |cursor: Option<&str>, next: Option<&str>| {
        let m = Mock::given(method("POST")).and(path("/identity_verification/list"));
        let (m, priority) = match cursor {
            Some(c) => (m.and(body_partial_json(json!({"cursor": c}))), 1),
            None => (m, 2),
        };
        m.respond_with(ResponseTemplate::new(200).set_body_json(page(next))).with_priority(priority).expect(1)
    };
    mock(None, Some("c2")).mount(&server).await;
    mock(Some("c2"), Some("c3")).mount(&server).await;
    mock(Some("c3"), None).mount(&server).await;
    let c = client(&server, RetryPolicy::none());
    let first = IdentityVerificationList::new(IdentityVerificationListRequest::new("idvtmp_1".into()));
    let all: Vec<_> = c.paginate(first).collect().await;
    assert_eq!(all.len(), 3 * items.len());
    assert!(all.iter().all(Result::is_ok));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}
