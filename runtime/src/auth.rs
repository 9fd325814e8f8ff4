//! Secrets and the credentials that put them into request headers; neither shows a secret in
//! `Debug`.

use crate::error::RequestError;
use http::header::{HeaderName, HeaderValue, AUTHORIZATION};

/// A secret (API key, client secret). `Debug` prints `[redacted]`; the value is reachable
/// only through [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for putting it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl From<&str> for Secret {
    fn from(v: &str) -> Self {
        Secret::new(v)
    }
}

impl From<String> for Secret {
    fn from(v: String) -> Self {
        Secret(v)
    }
}

/// Headers that authenticate a request, built from the spec's `securitySchemes` by the
/// generated `credentials` function (or by hand). Values are marked sensitive in the
/// [`http`] request, and `Debug` shows header names only.
#[derive(Clone, Default)]
pub struct Credentials {
    headers: Vec<(HeaderName, Secret)>,
}

impl Credentials {
    /// No credentials.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a header whose value is `value` (an `apiKey` scheme `in: header`).
    pub fn header(mut self, name: &'static str, value: impl Into<Secret>) -> Self {
        self.headers.push((HeaderName::from_static(name), value.into()));
        self
    }

    /// `Authorization: Bearer <token>` (an `http` scheme with `scheme: bearer`).
    pub fn bearer(self, token: impl Into<Secret>) -> Self {
        self.prefixed("authorization", "Bearer ", token)
    }

    /// `Authorization: Basic <base64 of user:password>` (an `http` scheme with `scheme:
    /// basic`; Stripe takes its secret key as the user and an empty password).
    pub fn basic(self, user: impl Into<Secret>, password: impl Into<Secret>) -> Self {
        use base64::Engine as _;
        let pair = format!("{}:{}", user.into().expose(), password.into().expose());
        self.prefixed("authorization", "Basic ", base64::engine::general_purpose::STANDARD.encode(pair))
    }

    /// `<name>: <prefix><value>`, as Onfido's `Authorization: Token token=<value>`.
    pub fn prefixed(mut self, name: &'static str, prefix: &str, value: impl Into<Secret>) -> Self {
        let value = format!("{prefix}{}", value.into().expose());
        self.headers.push((HeaderName::from_static(name), Secret(value)));
        self
    }

    /// Sets every header on `request`, replacing any of the same name.
    pub fn apply<B>(&self, request: &mut http::Request<B>) -> Result<(), RequestError> {
        for (name, secret) in &self.headers {
            let mut value = HeaderValue::from_str(secret.expose())
                .map_err(|_| RequestError::Build(format!("the value of credential header `{name}` is not a valid header value")))?;
            value.set_sensitive(true);
            request.headers_mut().insert(name.clone(), value);
        }
        Ok(())
    }

    /// Whether an `Authorization` header is among the credentials.
    pub fn has_authorization(&self) -> bool {
        self.headers.iter().any(|(n, _)| n == AUTHORIZATION)
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.headers.iter().map(|(n, _)| format!("{n}: [redacted]"))).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::new().header("plaid-secret", "s3cr3t").bearer("sk_test_123");
        let shown = format!("{c:?} {:?}", Secret::new("s3cr3t"));
        assert!(!shown.contains("s3cr3t") && !shown.contains("sk_test_123"), "{shown}");
        assert!(shown.contains("plaid-secret") && c.has_authorization());
    }

    #[test]
    fn apply_sets_sensitive_headers() {
        let mut req = http::Request::new(());
        Credentials::new().prefixed("authorization", "Token token=", "abc").apply(&mut req).unwrap();
        let v = &req.headers()["authorization"];
        assert_eq!(v, "Token token=abc");
        assert!(v.is_sensitive());
    }

    #[test]
    fn basic_is_the_rfc_7617_encoding() {
        let mut req = http::Request::new(());
        let creds = Credentials::new().basic("Aladdin", "open sesame");
        creds.apply(&mut req).unwrap();
        assert_eq!(req.headers()["authorization"], "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert!(req.headers()["authorization"].is_sensitive());
        assert!(!format!("{creds:?}").contains("QWxhZGRpbj"), "{creds:?}");
    }

    #[test]
    fn invalid_header_value_is_an_error_without_the_secret() {
        let mut req = http::Request::new(());
        let err = Credentials::new().header("plaid-secret", "bad\nvalue").apply(&mut req).unwrap_err();
        assert!(!err.to_string().contains("bad"), "{err}");
    }
}
