//! The [`Operation`] trait every generated endpoint type implements, the request builder
//! generated code fills in, and the status-driven response parser.

use crate::encoding::{self, Query};
use crate::error::{ApiError, RawBody, RequestError};
use http::{header, Method, StatusCode};
use serde::de::DeserializeOwned;

/// One API endpoint, sans-IO: the operation knows its request and how to read its response;
/// sending it is up to the caller.
pub trait Operation {
    /// What a documented success status carries.
    type Response: DeserializeOwned;
    /// The vendor's error object, carried by documented error statuses.
    type Error: DeserializeOwned;
    /// The spec's `operationId`.
    const OPERATION_ID: &'static str;
    /// The HTTP method.
    const METHOD: Method;
    /// The statuses the spec documents for this operation.
    const STATUSES: Statuses;

    /// Checks every limit the spec documents for this request; [`Operation::to_http`] runs
    /// it first, so an invalid request is never built.
    fn validate(&self) -> Result<(), RequestError>;

    /// The request, against `base_url` (`https://sandbox.plaid.com`), without credentials
    /// (add them with [`crate::Credentials::apply`]).
    fn to_http(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, RequestError>;

    /// Reads a response to this operation by its status ([`parse_response`] with
    /// [`Operation::STATUSES`]).
    fn from_http(response: http::Response<Vec<u8>>) -> Result<Self::Response, ApiError<Self::Error>> {
        parse_response(response, Self::STATUSES)
    }

    /// Whether sending the request twice has the effect of sending it once (`GET`, `HEAD`,
    /// `PUT`, `DELETE`, or a request that carries an idempotency key), so a client may retry.
    fn is_idempotent(&self) -> bool {
        matches!(Self::METHOD, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS)
    }
}

/// A request being assembled by generated code: path, query, headers, body.
#[derive(Debug)]
pub struct RequestParts {
    method: Method,
    path: String,
    query: Query,
    headers: http::HeaderMap,
    body: Option<(std::borrow::Cow<'static, str>, Vec<u8>)>,
}

impl RequestParts {
    /// A request for `method` on `path` (already expanded, see [`encoding::path_segment`]).
    pub fn new(method: Method, path: String) -> Self {
        RequestParts { method, path, query: Query::default(), headers: http::HeaderMap::new(), body: None }
    }

    /// The query string being built.
    pub fn query(&mut self) -> &mut Query {
        &mut self.query
    }

    /// Sets a header parameter.
    pub fn header(&mut self, name: &'static str, value: &str) -> Result<(), RequestError> {
        let v = header::HeaderValue::from_str(value).map_err(|_| RequestError::Build(format!("header parameter `{name}` is not a valid header value")))?;
        self.headers.insert(header::HeaderName::from_static(name), v);
        Ok(())
    }

    /// Sets a header parameter from its typed value (strings bare, numbers and booleans as
    /// JSON writes them); `None` sets nothing.
    pub fn header_param<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), RequestError> {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Null) => Ok(()),
            Ok(serde_json::Value::String(s)) => self.header(name, &s),
            Ok(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => self.header(name, &v.to_string()),
            _ => Err(RequestError::Build(format!("header parameter `{name}` is not a scalar"))),
        }
    }

    /// Sets the body and its content type.
    pub fn body(&mut self, content_type: &'static str, bytes: Vec<u8>) {
        self.body = Some((content_type.into(), bytes));
    }

    /// Sets a `multipart/form-data` body; its content type carries the body's boundary.
    pub fn multipart(&mut self, form: crate::multipart::Multipart<'_>) {
        let (content_type, bytes) = form.finish();
        self.body = Some((content_type.into(), bytes));
    }

    /// The request against `base_url`.
    pub fn build(self, base_url: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut uri = format!("{}{}", base_url.trim_end_matches('/'), self.path);
        let query = self.query.finish();
        if !query.is_empty() {
            uri.push('?');
            uri.push_str(&query);
        }
        let mut builder = http::Request::builder().method(self.method).uri(uri).header(header::ACCEPT, "application/json");
        let body = match self.body {
            Some((ct, bytes)) => {
                builder = builder.header(header::CONTENT_TYPE, ct.as_ref());
                bytes
            }
            None => Vec::new(),
        };
        let mut req = builder.body(body).map_err(|e| RequestError::Build(format!("invalid request: {e}")))?;
        req.headers_mut().extend(self.headers);
        Ok(req)
    }
}

/// Which statuses an operation documents: success statuses (their body is
/// `Operation::Response`), error statuses and whether `default` (any other status) is the
/// error object.
#[derive(Clone, Copy, Debug)]
pub struct Statuses {
    /// Documented success statuses (`200`, `201`); `2XX` ranges are written as `2`.
    pub success: &'static [u16],
    /// Documented error statuses carrying the error object; `4XX` ranges are written as `4`.
    pub error: &'static [u16],
    /// A `default` response carries the error object.
    pub default_error: bool,
}

impl Statuses {
    fn lists(list: &[u16], status: StatusCode) -> bool {
        let s = status.as_u16();
        list.iter().any(|&d| d == s || (d < 10 && s / 100 == d))
    }
}

/// Reads a response by its status: a documented success status into `R`, a documented
/// error status into `E`, anything else, or an error body that is not `E`, into
/// [`ApiError::Unexpected`] with the body kept.
pub fn parse_response<R: DeserializeOwned, E: DeserializeOwned>(response: http::Response<Vec<u8>>, statuses: Statuses) -> Result<R, ApiError<E>> {
    let status = response.status();
    let body = response.into_body();
    if Statuses::lists(statuses.success, status) {
        // No content (`204`, a body-less `202`) reads as JSON `null`: `()` or `Value::Null`.
        let json: &[u8] = if body.is_empty() { b"null" } else { &body };
        return encoding::decode_json::<R>(json).map_err(|(path, message)| ApiError::Decode { status, path, message, body: RawBody(body) });
    }
    let documented_error = Statuses::lists(statuses.error, status) || (statuses.default_error && !status.is_success());
    if documented_error {
        if let Ok(error) = serde_json::from_slice::<E>(&body) {
            return Err(ApiError::Api { status, error });
        }
    }
    Err(ApiError::Unexpected { status, body: RawBody(body) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Ok1 {
        id: String,
        n: u32,
    }

    #[derive(serde::Deserialize, Debug)]
    struct Err1 {
        code: String,
    }

    const S: Statuses = Statuses { success: &[200], error: &[4], default_error: false };

    fn resp(status: u16, body: &str) -> http::Response<Vec<u8>> {
        http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn success_error_and_unexpected() {
        let ok: Ok1 = parse_response::<Ok1, Err1>(resp(200, r#"{"id":"a","n":1}"#), S).unwrap();
        assert_eq!(ok, Ok1 { id: "a".into(), n: 1 });
        match parse_response::<Ok1, Err1>(resp(404, r#"{"code":"NOT_FOUND"}"#), S) {
            Err(ApiError::Api { status, error }) => assert_eq!((status.as_u16(), error.code.as_str()), (404, "NOT_FOUND")),
            other => panic!("{other:?}"),
        }
        match parse_response::<Ok1, Err1>(resp(500, "oops secret"), S) {
            Err(e @ ApiError::Unexpected { .. }) => {
                assert!(!format!("{e:?}").contains("secret"));
                let ApiError::Unexpected { body, .. } = e else { unreachable!() };
                assert_eq!(body.bytes(), b"oops secret");
            }
            other => panic!("{other:?}"),
        }
        // A documented error status whose body is not the error object.
        assert!(matches!(parse_response::<Ok1, Err1>(resp(400, "<html>"), S), Err(ApiError::Unexpected { .. })));
    }

    #[test]
    fn decode_failure_names_the_path_not_the_value() {
        match parse_response::<Ok1, Err1>(resp(200, r#"{"id":"a","n":"private-value"}"#), S) {
            Err(ApiError::Decode { path, message, .. }) => {
                assert_eq!(path, "n");
                assert!(!message.contains("private-value"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn build_joins_base_path_query_and_body() {
        let mut parts = RequestParts::new(Method::POST, "/a/b%20c".into());
        parts.query().push("limit", &serde_json::json!(5), encoding::Style::Form, true).unwrap();
        parts.header("x-trace", "t1").unwrap();
        parts.body("application/json", b"{}".to_vec());
        let req = parts.build("https://example.test/").unwrap();
        assert_eq!(req.uri(), "https://example.test/a/b%20c?limit=5");
        assert_eq!(req.headers()["content-type"], "application/json");
        assert_eq!(req.headers()["x-trace"], "t1");
        assert_eq!(req.body(), b"{}");
    }
}
