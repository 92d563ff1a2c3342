//! When to retry: throttling (429) and unavailability (503) answers, connection failures before anything
//! was sent, and, for idempotent methods only, other transient failures. A request that may have been
//! applied (a POST that got a 500, or timed out after sending) is never sent again.

use std::time::Duration;

use crate::error::TransportError;

/// Retry settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The first backoff; each retry doubles it, with full jitter.
    pub initial_backoff: Duration,
    /// The longest single wait, also the cap on a `Retry-After` the client honours.
    pub max_backoff: Duration,
    /// The total time budget: no retry starts after it is spent.
    pub budget: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
            budget: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// The wait before the next attempt, or `None` to stop and return `outcome`.
    pub(super) fn decide(
        &self,
        attempt: u32,
        idempotent: bool,
        elapsed: Duration,
        outcome: &Result<super::RawResponse, SendFailure>,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let retry_after = match outcome {
            Ok(response) if matches!(response.status, 429 | 503) => retry_after(&response.headers),
            Ok(response) if idempotent && matches!(response.status, 500 | 502 | 504) => None,
            Ok(_) => return None,
            Err(failure) if failure.retryable(idempotent) => None,
            Err(_) => return None,
        };
        let delay = match retry_after {
            // Retrying sooner than the service asked would only be refused again: give up instead.
            Some(wait) if wait > self.max_backoff => return None,
            Some(wait) => wait,
            None => self.backoff(attempt),
        };
        (elapsed.saturating_add(delay) < self.budget).then_some(delay)
    }

    /// Full jitter: a random wait up to `initial * 2^(attempt-1)`, capped.
    fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self.initial_backoff.saturating_mul(1 << attempt.saturating_sub(1).min(16)).min(self.max_backoff);
        ceiling.mul_f64(rand::random::<f64>())
    }
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More seconds than a u64 holds is still a number of seconds: longer than any limit.
        return Some(value.parse::<u64>().map_or(Duration::MAX, Duration::from_secs));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

/// A failed attempt, classified by what a retry could do.
#[derive(Debug)]
pub(super) struct SendFailure {
    pub(super) error: TransportError,
    kind: FailureKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FailureKind {
    /// The connection failed before the request was written: it cannot have been applied.
    NotSent,
    /// The request itself is malformed: a retry would fail the same way.
    Permanent,
    /// The request may have reached the service (a timeout, a broken connection).
    MaybeSent,
}

impl SendFailure {
    pub(super) fn from_reqwest(error: reqwest::Error) -> Self {
        let kind = if error.is_builder() {
            FailureKind::Permanent
        } else if error.is_connect() {
            FailureKind::NotSent
        } else {
            FailureKind::MaybeSent
        };
        // The URL can carry an STS token and the signature (RPC V1.0): keep it out of messages.
        Self { error: TransportError::new(error.without_url()), kind }
    }

    /// A malformed request found before anything was sent.
    pub(super) fn permanent(error: TransportError) -> Self {
        Self { error, kind: FailureKind::Permanent }
    }

    fn retryable(&self, idempotent: bool) -> bool {
        match self.kind {
            FailureKind::NotSent => true,
            FailureKind::Permanent => false,
            FailureKind::MaybeSent => idempotent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_stays_under_the_cap() {
        let policy = RetryPolicy { initial_backoff: Duration::from_millis(100), ..RetryPolicy::default() };
        for attempt in 1..10 {
            let ceiling = Duration::from_millis(100 * (1 << (attempt - 1))).min(policy.max_backoff);
            assert!(policy.backoff(attempt) <= ceiling);
        }
    }

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, reqwest::header::HeaderValue::from_static("2"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(2)));
        headers.insert(
            reqwest::header::RETRY_AFTER,
            reqwest::header::HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO), "a past date means now");
    }
}
