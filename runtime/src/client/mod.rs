//! An async client (`client` feature) on reqwest with rustls: base URL per environment,
//! timeouts, retries with exponential backoff and jitter that honour `Retry-After` (only for
//! requests safe to repeat), pagination as a `Stream`, and `tracing` spans that carry the
//! method, operation and status, never a body or header value.

mod retry;

pub use retry::RetryPolicy;

use crate::{ApiError, Credentials, Operation, RequestError};
use futures_util::Stream;
use std::time::Duration;
use tracing::Instrument;

/// What sending an operation can fail with.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError<E> {
    /// The request was not built (invalid, or not encodable): nothing was sent.
    Request(RequestError),
    /// The API answered, with an error status or a body that does not read.
    Api(ApiError<E>),
    /// No response: connection failure or timeout (after any retries).
    Transport {
        /// What reqwest said (no URL query, no body).
        message: String,
        /// The request timed out.
        timeout: bool,
    },
}

impl<E> std::fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Request(e) => e.fmt(f),
            ClientError::Api(e) => e.fmt(f),
            ClientError::Transport { message, .. } => write!(f, "transport error: {message}"),
        }
    }
}

impl<E: std::fmt::Debug> std::error::Error for ClientError<E> {}

/// An operation whose response is one page of a list, and which knows the request for the
/// next page (generated for Plaid's `cursor`/`next_cursor` and Stripe's
/// `has_more`/`starting_after` lists).
pub trait Paginated: Operation + Clone {
    /// One element of a page.
    type Item;
    /// The request for the page after `page`, or `None` on the last page.
    fn next_page(&self, page: &Self::Response) -> Option<Self>;
    /// The elements of `page`.
    fn into_items(page: Self::Response) -> Vec<Self::Item>;
}

/// Builds a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: String,
    credentials: Credentials,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    idempotency_header: Option<&'static str>,
}

impl ClientBuilder {
    /// Total time allowed for one attempt (default 30 s).
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    /// Time allowed to connect (default 10 s).
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self
    }

    /// How failed attempts are retried.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The vendor's idempotency-key header (Stripe: `idempotency-key`): a request sent with
    /// [`Client::send_idempotent`] carries it and may then be retried whatever its method.
    pub fn idempotency_header(mut self, name: &'static str) -> Self {
        self.idempotency_header = Some(name);
        self
    }

    /// The client. Fails only if the TLS backend cannot start.
    pub fn build(self) -> Result<Client, ClientError<std::convert::Infallible>> {
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .build()
            .map_err(|e| ClientError::Transport { message: e.to_string(), timeout: false })?;
        Ok(Client { http, base_url: self.base_url, credentials: self.credentials, retry: self.retry, idempotency_header: self.idempotency_header })
    }
}

/// Sends operations to one base URL with one set of credentials.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
    retry: RetryPolicy,
    idempotency_header: Option<&'static str>,
}

impl Client {
    /// A builder for `base_url` (the generated crate's `Environment` gives the vendor's).
    pub fn builder(base_url: impl Into<String>, credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            credentials,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            idempotency_header: None,
        }
    }

    /// Sends `op`; retried on 429, 5xx and connection errors only if the operation is safe to
    /// repeat ([`Operation::is_idempotent`]).
    pub async fn send<O: Operation>(&self, op: &O) -> Result<O::Response, ClientError<O::Error>> {
        self.run(op, None).await
    }

    /// [`Client::send`] taking the operation by value.
    pub async fn send_owned<O: Operation>(&self, op: O) -> Result<O::Response, ClientError<O::Error>> {
        self.run(&op, None).await
    }

    /// Sends `op` with the vendor's idempotency key `key`, which makes it safe to retry.
    /// Without an [`ClientBuilder::idempotency_header`] this is [`Client::send`].
    pub async fn send_idempotent<O: Operation>(&self, op: &O, key: &str) -> Result<O::Response, ClientError<O::Error>> {
        self.run(op, Some(key)).await
    }

    /// Every item of every page, fetching the next page when the current one is used up.
    pub fn paginate<'a, O: Paginated + 'a>(&'a self, first: O) -> impl Stream<Item = Result<O::Item, ClientError<O::Error>>> + 'a
    where
        O::Item: 'a,
    {
        let state = (Some(first), std::collections::VecDeque::new());
        futures_util::stream::unfold(state, move |(mut next, mut buffer)| async move {
            loop {
                if let Some(item) = buffer.pop_front() {
                    return Some((Ok(item), (next, buffer)));
                }
                let op = next.take()?;
                match self.send(&op).await {
                    Ok(page) => {
                        next = op.next_page(&page);
                        buffer.extend(O::into_items(page));
                    }
                    Err(e) => return Some((Err(e), (None, buffer))),
                }
            }
        })
    }

    async fn run<O: Operation>(&self, op: &O, key: Option<&str>) -> Result<O::Response, ClientError<O::Error>> {
        let mut request = op.to_http(&self.base_url).map_err(ClientError::Request)?;
        self.credentials.apply(&mut request).map_err(ClientError::Request)?;
        let keyed = match (key, self.idempotency_header) {
            (Some(k), Some(h)) => {
                let v = http::HeaderValue::from_str(k).map_err(|_| ClientError::Request(RequestError::Build("the idempotency key is not a valid header value".into())))?;
                request.headers_mut().insert(h, v);
                true
            }
            _ => false,
        };
        let retryable = op.is_idempotent() || keyed;
        let span = tracing::info_span!("kycgen.request", method = %O::METHOD, operation = O::OPERATION_ID, status = tracing::field::Empty, attempts = tracing::field::Empty);
        async move {
            let response = retry::send_with_retries(&self.http, &request, retryable, &self.retry).await;
            let response = response.map_err(|e| ClientError::Transport { timeout: e.is_timeout(), message: e.without_url().to_string() })?;
            tracing::Span::current().record("status", response.status().as_u16());
            O::from_http(response).map_err(ClientError::Api)
        }
        .instrument(span)
        .await
    }
}
