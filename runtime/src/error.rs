//! Errors of building a request ([`RequestError`]) and of reading a response
//! ([`ApiError`]); a raw response body is kept but never shown by `Debug`.

use http::StatusCode;

/// A response body as received. `Debug` shows its length only: a body can hold personal
/// data. [`RawBody::bytes`] gives it back.
#[derive(Clone, PartialEq, Eq)]
pub struct RawBody(pub Vec<u8>);

impl RawBody {
    /// The body's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for RawBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[redacted {} bytes]", self.0.len())
    }
}

/// A request that was not built, so never sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// The request breaks limits the spec documents: every violation, with its JSON path
    /// (a parameter's name, or the path inside the body).
    Invalid(Vec<crate::ValidationError>),
    /// A parameter or body could not be encoded, or the URL is not valid.
    Build(String),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::Invalid(list) => {
                let lines: Vec<String> = list.iter().map(ToString::to_string).collect();
                write!(f, "request breaks documented limits: {}", lines.join("; "))
            }
            RequestError::Build(msg) => write!(f, "request could not be built: {msg}"),
        }
    }
}

impl std::error::Error for RequestError {}

/// What went wrong with a response, `E` being the vendor's typed error body.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum ApiError<E> {
    /// A documented error status with the vendor's error body.
    Api {
        /// The response status.
        status: StatusCode,
        /// The vendor's error object.
        error: E,
    },
    /// A documented success status whose body does not match its schema.
    Decode {
        /// The response status.
        status: StatusCode,
        /// JSON path of the value that failed (`identity_verifications[0].status`, `.` for
        /// the document itself).
        path: String,
        /// What serde said about it (without the value).
        message: String,
        /// The body as received.
        body: RawBody,
    },
    /// A status the spec does not document, or an error body that is not the vendor's
    /// error object.
    Unexpected {
        /// The response status.
        status: StatusCode,
        /// The body as received.
        body: RawBody,
    },
}

impl<E> ApiError<E> {
    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Api { status, .. } | ApiError::Decode { status, .. } | ApiError::Unexpected { status, .. } => *status,
        }
    }
}

impl<E> std::fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Api { status, .. } => write!(f, "the API answered {status} with an error object"),
            ApiError::Decode { status, path, message, .. } => write!(f, "{status} response body does not match its schema at {path}: {message}"),
            ApiError::Unexpected { status, body } => write!(f, "unexpected response {status} ({} bytes)", body.0.len()),
        }
    }
}

impl<E: std::fmt::Debug> std::error::Error for ApiError<E> {}
