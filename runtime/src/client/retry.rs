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
            Err(failure) if failure.before_sending || idempotent => None,
            Err(_) => return None,
        };
        let delay = match retry_after {
            Some(wait) => wait.min(self.max_backoff),
            None => self.backoff(attempt),
        };
        (elapsed + delay < self.budget).then_some(delay)
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
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

/// A failed attempt, with whether anything reached the server.
#[derive(Debug)]
pub(super) struct SendFailure {
    pub(super) error: TransportError,
    /// True when the connection failed before the request was written, so it cannot have been applied.
    pub(super) before_sending: bool,
}

impl SendFailure {
    pub(super) fn from_reqwest(error: reqwest::Error) -> Self {
        Self { before_sending: error.is_connect(), error: TransportError::new(error) }
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
