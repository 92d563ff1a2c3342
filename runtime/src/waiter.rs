//! Waiters: poll an operation until what another one started is done (an image `Available`, a job
//! `SUCCESS`), with backoff, a deadline and a typed failure.

use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::Error;

/// How long and how often to poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitConfig {
    /// Give up after this long.
    pub timeout: Duration,
    /// The wait before the second poll; each later wait doubles, up to `max_delay`.
    pub initial_delay: Duration,
    /// The longest wait between polls.
    pub max_delay: Duration,
}

impl Default for WaitConfig {
    /// Ten minutes in all, polling after 2 s, then up to every 30 s.
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(600),
            initial_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(30),
        }
    }
}

/// Why waiting ended without success.
#[derive(Debug)]
pub enum WaitError<E> {
    /// The status reached a value the page documents as a failure.
    Failed {
        /// The failure status (`CreateFailed`).
        status: String,
    },
    /// The deadline passed first.
    TimedOut {
        /// The last status seen, if any.
        last_status: Option<String>,
        /// How long the waiter polled.
        waited: Duration,
    },
    /// A value the poll request needs is missing from the request or response that started the wait.
    MissingInput(&'static str),
    /// A poll failed (after the client's own retries).
    Poll(Error<E>),
}

impl<E: fmt::Debug> fmt::Display for WaitError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failed { status } => write!(f, "the operation failed: status `{status}`"),
            Self::TimedOut { last_status: Some(status), waited } => {
                write!(f, "gave up after {waited:?}; the status was still `{status}`")
            }
            Self::TimedOut { last_status: None, waited } => write!(f, "gave up after {waited:?}; no status seen"),
            Self::MissingInput(name) => write!(f, "cannot poll: `{name}` is not set"),
            Self::Poll(error) => write!(f, "polling failed: {error}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for WaitError<E> {}

/// What to look for in each poll's response.
#[derive(Debug, Clone, Copy)]
pub struct Acceptors {
    /// Dotted wire path to the status (`Images.Image.0.Status`).
    pub status: &'static str,
    /// Values that mean done.
    pub success: &'static [&'static str],
    /// Values that mean failed for good.
    pub failure: &'static [&'static str],
}

/// Polls with `poll` until the status at `acceptors.status` is a success (returning that response) or a
/// failure, or until `config.timeout`. A missing status (the resource not listed yet) means "keep waiting".
pub async fn wait<O, E, F, Fut>(config: &WaitConfig, acceptors: Acceptors, mut poll: F) -> Result<O, WaitError<E>>
where
    O: Serialize,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, Error<E>>>,
{
    let started = Instant::now();
    // Never a busy loop, whatever the configuration says.
    let mut delay = config.initial_delay.max(Duration::from_millis(10));
    let mut last_status = None;
    loop {
        let output = poll().await.map_err(WaitError::Poll)?;
        let value = serde_json::to_value(&output).unwrap_or_default();
        let status = crate::paging::value_at(&value, acceptors.status).and_then(|v| v.as_str()).map(str::to_owned);
        tracing::debug!(status = status.as_deref().unwrap_or("<none>"), "waiter poll");
        match status {
            Some(status) if acceptors.success.contains(&status.as_str()) => return Ok(output),
            Some(status) if acceptors.failure.contains(&status.as_str()) => return Err(WaitError::Failed { status }),
            status => last_status = status.or(last_status),
        }
        let waited = started.elapsed();
        let remaining = config.timeout.saturating_sub(waited);
        if remaining.is_zero() {
            return Err(WaitError::TimedOut { last_status, waited });
        }
        tokio::time::sleep(delay.min(remaining)).await;
        delay = delay.saturating_mul(2).min(config.max_delay);
    }
}
