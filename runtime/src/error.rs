//! The error every generated operation returns.

use std::fmt;

use crate::constraints::ValidationError;

/// Why an operation failed. `E` is the operation's own enum of documented error responses.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request broke a documented constraint; nothing was sent.
    Validation(ValidationError),
    /// The request could not be sent, or the response could not be read.
    Transport(TransportError),
    /// The service answered with a documented error status.
    Service(ServiceError<E>),
    /// The service answered with a status or body the page does not document.
    Unexpected(UnexpectedResponse),
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(error) => write!(f, "{error}"),
            Error::Transport(error) => write!(f, "transport error: {error}"),
            Error::Service(error) => write!(f, "{error}"),
            Error::Unexpected(response) => write!(f, "{response}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(error) => Some(error),
            Error::Transport(error) => Some(error),
            _ => None,
        }
    }
}

impl<E> From<ValidationError> for Error<E> {
    fn from(error: ValidationError) -> Self {
        Error::Validation(error)
    }
}

/// A failure below HTTP: connecting, sending, timing out, reading the body.
#[derive(Debug)]
pub struct TransportError(Box<dyn std::error::Error + Send + Sync>);

impl TransportError {
    /// Wraps the underlying error.
    pub fn new(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self(error.into())
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

/// A documented error response.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError<E> {
    /// HTTP status.
    pub status: u16,
    /// The vendor's error code (`InvalidImageName.Malformed`, `WKS.00129901`), when the body carries one.
    pub code: Option<String>,
    /// The vendor's message, when the body carries one.
    pub message: Option<String>,
    /// The request id, from the body or the response headers.
    pub request_id: Option<String>,
    /// The typed response, by status.
    pub kind: E,
}

impl<E: fmt::Debug> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "service error {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " (request id {request_id})")?;
        }
        Ok(())
    }
}

/// A response the page does not document; the start of the raw body is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexpectedResponse {
    /// HTTP status.
    pub status: u16,
    /// The request id from the response headers, when present.
    pub request_id: Option<String>,
    /// The body as received (lossily decoded as UTF-8), at most [`UnexpectedResponse::KEPT_BODY_BYTES`]
    /// of it, so an error stays small whatever the service sent.
    pub body: String,
    /// The whole body's length in bytes.
    pub body_len: usize,
}

impl UnexpectedResponse {
    /// How much of an undocumented body an error keeps.
    pub const KEPT_BODY_BYTES: usize = 8 * 1024;

    /// Keeps the start of `body` (cut at a character boundary).
    pub fn new(status: u16, request_id: Option<String>, body: &[u8]) -> Self {
        let kept = &body[..body.len().min(Self::KEPT_BODY_BYTES)];
        let mut text = String::from_utf8_lossy(kept).into_owned();
        if kept.len() < body.len() {
            // A multi-byte character cut in two decodes as U+FFFD at the end: drop it.
            text = text.trim_end_matches('\u{fffd}').to_owned();
        }
        Self { status, request_id, body: text, body_len: body.len() }
    }
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unexpected response {}", self.status)?;
        if let Some(request_id) = &self.request_id {
            write!(f, " (request id {request_id})")?;
        }
        let preview: String = self.body.chars().take(200).collect();
        write!(f, ": {preview}")?;
        if self.body_len > preview.len() {
            write!(f, " ... ({} bytes in all)", self.body_len)?;
        }
        Ok(())
    }
}

/// Whether `message` is an instance of a page's message `template`, where each `%s` stands for any text
/// the service fills in (possibly none).
pub fn message_matches(template: &str, message: &str) -> bool {
    let mut parts = template.split("%s");
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = message.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else { return rest.is_empty() };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::message_matches;

    #[test]
    fn placeholders_stand_for_any_text() {
        assert!(message_matches("The Image Quota exceeds.", "The Image Quota exceeds."));
        assert!(!message_matches("The Image Quota exceeds.", "The Image Quota exceeds"));
        assert!(message_matches("%s", "anything at all"));
        assert!(message_matches("%s", ""));
        assert!(message_matches("Tag %s is %s.", "Tag a is b c."));
        assert!(!message_matches("Tag %s is %s.", "Tag a was b."));
        assert!(message_matches("a%sa", "aa"));
        assert!(!message_matches("ab%sba", "aba"));
    }
}
