//! One request with retries: exponential backoff with full jitter, `Retry-After` honoured,
//! only when the caller says the request is safe to repeat.

use std::time::Duration;

/// How a client retries.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 3).
    pub max_retries: u32,
    /// Delay before the first retry; doubles for each further one (default 200 ms).
    pub base_delay: Duration,
    /// Longest delay between attempts, `Retry-After` included (default 30 s).
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(200), max_delay: Duration::from_secs(30) }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..Self::default() }
    }

    /// The wait before retry number `retry` (0-based): `Retry-After` if the server sent
    /// one, else a random time up to `base_delay * 2^retry` (full jitter); at most
    /// `max_delay` either way.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let d = retry_after.unwrap_or_else(|| {
            let cap = self.base_delay.saturating_mul(2u32.saturating_pow(retry.min(20)));
            cap.mul_f64(fastrand::f64())
        });
        d.min(self.max_delay)
    }
}

/// Statuses worth another try: rate limited or a server-side failure.
fn retry_status(status: http::StatusCode) -> bool {
    status == http::StatusCode::TOO_MANY_REQUESTS || matches!(status.as_u16(), 500 | 502 | 503 | 504)
}

/// `Retry-After` as seconds or as an HTTP date (a date in the past is no wait).
fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let v = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
}

pub(super) async fn send_with_retries(
    client: &reqwest::Client,
    request: &http::Request<Vec<u8>>,
    retryable: bool,
    policy: &RetryPolicy,
) -> Result<http::Response<Vec<u8>>, reqwest::Error> {
    let mut retry = 0;
    loop {
        let outcome = attempt(client, request).await;
        let more = retryable && retry < policy.max_retries;
        let wait = match &outcome {
            Ok(r) if more && retry_status(r.status()) => policy.delay(retry, retry_after(r.headers())),
            Err(e) if more && (e.is_connect() || e.is_timeout()) => policy.delay(retry, None),
            _ => {
                tracing::Span::current().record("attempts", retry + 1);
                return outcome;
            }
        };
        tracing::debug!(retry = retry + 1, wait_ms = wait.as_millis() as u64, "retrying");
        tokio::time::sleep(wait).await;
        retry += 1;
    }
}

async fn attempt(client: &reqwest::Client, request: &http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, reqwest::Error> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    let response = client.execute(reqwest::Request::try_from(copy)?).await?;
    let mut out = http::Response::builder().status(response.status());
    if let Some(h) = out.headers_mut() {
        *h = response.headers().clone();
    }
    let body = response.bytes().await?.to_vec();
    Ok(out.body(body).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_grows_with_jitter_and_honours_retry_after() {
        let p = RetryPolicy { max_retries: 5, base_delay: Duration::from_millis(100), max_delay: Duration::from_secs(2) };
        for retry in 0..5 {
            let d = p.delay(retry, None);
            assert!(d <= Duration::from_millis(100 * 2u64.pow(retry)), "{retry}: {d:?}");
        }
        assert_eq!(p.delay(0, Some(Duration::from_secs(1))), Duration::from_secs(1));
        assert_eq!(p.delay(0, Some(Duration::from_secs(60))), Duration::from_secs(2));
    }

    #[test]
    fn retry_after_seconds() {
        let mut h = http::HeaderMap::new();
        h.insert(http::header::RETRY_AFTER, http::HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(http::header::RETRY_AFTER, http::HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(retry_after(&h), Some(Duration::ZERO), "a past date: retry now");
        let soon = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(120));
        h.insert(http::header::RETRY_AFTER, http::HeaderValue::from_str(&soon).unwrap());
        assert!(retry_after(&h).is_some_and(|d| d > Duration::from_secs(100) && d <= Duration::from_secs(120)));
        h.insert(http::header::RETRY_AFTER, http::HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }
}
