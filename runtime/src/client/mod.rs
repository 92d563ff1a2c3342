//! The HTTP clients the generated crates implement their service traits with: transport on reqwest
//! (rustls), timeouts, retries, and turning responses into typed results and errors. The vendor modules
//! build and sign requests exactly as the official SDKs do.

pub mod alibaba;
pub mod huawei;
pub mod python_json;
mod retry;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde::de::DeserializeOwned;

pub use retry::RetryPolicy;

use crate::constraints::ValidationError;
use crate::error::{Error, ServiceError, TransportError, UnexpectedResponse};
use crate::operation::{ErrorResponse, OperationInfo};

/// A source of the current time; tests fix it to reproduce the SDKs' signatures.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// A source of unique nonces (Alibaba's `SignatureNonce`); tests fix it.
pub type NonceSource = Arc<dyn Fn() -> String + Send + Sync>;

/// Settings shared by every vendor's client.
#[derive(Clone)]
pub struct ClientConfig {
    /// Base URL (scheme and host, optionally a port): the regional endpoint, a private cloud, or a local
    /// test server.
    pub endpoint: String,
    /// Time to establish a connection.
    pub connect_timeout: Duration,
    /// Time for one whole attempt, from sending to the last byte of the response.
    pub timeout: Duration,
    /// When and how often to retry.
    pub retry: RetryPolicy,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// A caller-supplied `reqwest::Client` (its own timeouts then apply instead of the two above).
    pub http: Option<reqwest::Client>,
    /// The clock for signing dates.
    pub clock: Clock,
    /// The nonce source for signatures that need one.
    pub nonce: NonceSource,
    /// The largest response body read; a larger one fails the call (a transport error) instead of
    /// filling memory. 16 MiB by default, far above any documented response.
    pub max_response_bytes: usize,
}

impl ClientConfig {
    /// Defaults for `endpoint`: 10 s to connect, 60 s per attempt, the default retry policy.
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into().trim_end_matches('/').to_owned(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            user_agent: format!("cloudgen-runtime/{}", env!("CARGO_PKG_VERSION")),
            http: None,
            clock: Arc::new(SystemTime::now),
            nonce: Arc::new(random_nonce),
            max_response_bytes: 16 * 1024 * 1024,
        }
    }

    /// The endpoint of `region` from a template such as `https://ims.{region}.myhuaweicloud.com`.
    pub fn for_region(template: &str, region: &str) -> Self {
        Self::new(template.replace("{region}", region))
    }

    fn build_http(&self) -> Result<reqwest::Client, TransportError> {
        match &self.http {
            Some(client) => Ok(client.clone()),
            // No redirects: reqwest would forward token headers to another host, and turn a POST into a GET.
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(TransportError::new),
        }
    }
}

/// The endpoint as sent: scheme, host and port only. Checked once, so a region or endpoint with a path,
/// query or credentials cannot redirect requests, and the signed `Host` is the one on the wire
/// (lowercased, default port dropped, as the HTTP stack writes it).
#[derive(Debug, Clone)]
struct Endpoint {
    /// `scheme://host[:port]`, no trailing slash.
    base: String,
    /// `host[:port]` for the `Host` header and signatures.
    host: String,
}

impl Endpoint {
    fn parse(text: &str) -> Result<Self, TransportError> {
        let invalid =
            |why: &str| TransportError::new(format!("invalid endpoint {:?}: {why}", redact_credentials(text)));
        let url = reqwest::Url::parse(text).map_err(|e| invalid(&e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("the scheme must be http or https"));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("it must not have a path, query or fragment"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("it must not carry credentials"));
        }
        let host_name = url.host_str().ok_or_else(|| invalid("it has no host"))?;
        let host = match url.port() {
            Some(port) => format!("{host_name}:{port}"),
            None => host_name.to_owned(),
        };
        Ok(Self { base: format!("{}://{host}", url.scheme()), host })
    }
}

/// `text` with the user and password of a URL (`https://user:pw@host`) replaced, for messages and `Debug`.
fn redact_credentials(text: &str) -> String {
    // Up to the last `@` anywhere: a password may hold `/`, `?` or `#`, and redacting a path that holds an
    // `@` costs nothing in a message.
    let Some((scheme, rest)) = text.split_once("://") else { return text.to_owned() };
    match rest.rfind('@') {
        Some(at) => format!("{scheme}://<redacted>@{}", &rest[at + 1..]),
        None => text.to_owned(),
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("endpoint", &redact_credentials(&self.endpoint))
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// A required environment variable that is not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingVariable(pub &'static str);

impl fmt::Display for MissingVariable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "environment variable {} is not set", self.0)
    }
}

impl std::error::Error for MissingVariable {}

/// The value of a credential variable that must be set (and not empty).
fn required(name: &'static str) -> Result<String, MissingVariable> {
    optional(name).ok_or(MissingVariable(name))
}

/// The value of a credential variable, when set and not empty.
fn optional(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// What every client does once before the first attempt: validate (nothing is sent when that fails), log
/// the warnings, and fill an unset idempotency token, which every retry then reuses.
fn ready<R: crate::operation::Request>(request: &mut R) -> Result<(), ValidationError> {
    request.validate()?;
    for warning in crate::constraints::warnings(request) {
        tracing::warn!(path = %warning.path, "{}", warning.message);
    }
    request.fill_idempotency_token(&mut idempotency_token);
    Ok(())
}

/// A random (version 4) UUID, the form the vendors' docs show for client tokens.
pub fn idempotency_token() -> String {
    let bits = rand::random::<u128>() & !(0xf000 << 64) & !(0xc000 << 48) | (0x4000 << 64) | (0x8000 << 48);
    let hex = format!("{bits:032x}");
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

fn random_nonce() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// A UTC timestamp in one of the two layouts the vendors sign: Huawei's basic `20261123T120000Z` or
/// Alibaba's extended `2026-11-23T12:00:00Z`. (`time` does the calendar; the layout is two `format!`s,
/// several times cheaper than a parsed format description on this per-request path.)
fn format_utc(time: SystemTime, extended: bool) -> String {
    let t = time::OffsetDateTime::from(time);
    let (y, mo, d, h, mi, s) = (t.year(), u8::from(t.month()), t.day(), t.hour(), t.minute(), t.second());
    if extended {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    } else {
        format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
    }
}

/// A request ready to send: everything is final, including the signature. The clients' `sign_request`
/// returns it for inspection (a dry run) without sending anything.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// HTTP method.
    pub method: reqwest::Method,
    /// Path and query, already encoded, to append to the endpoint.
    pub path_and_query: String,
    /// Headers in sending order, `Authorization` included (reqwest adds `Host` from the URL).
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Option<Vec<u8>>,
}

/// Header and query names whose values are credentials.
const SECRET_NAMES: &[&str] = &["x-auth-token", "x-security-token", "x-acs-security-token", "securitytoken"];

impl fmt::Debug for SignedRequest {
    /// Tokens in headers or the query are redacted, and the body (which may hold a password) is shown
    /// only by its length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = |name: &str| SECRET_NAMES.iter().any(|s| name.eq_ignore_ascii_case(s));
        let headers: Vec<(&str, &str)> =
            self.headers.iter().map(|(n, v)| (n.as_str(), if secret(n) { "<redacted>" } else { v.as_str() })).collect();
        let path_and_query = match self.path_and_query.split_once('?') {
            None => self.path_and_query.clone(),
            Some((path, query)) => {
                let pairs: Vec<String> = query
                    .split('&')
                    .map(|pair| match pair.split_once('=') {
                        Some((k, _)) if secret(k) => format!("{k}=<redacted>"),
                        _ => pair.to_owned(),
                    })
                    .collect();
                format!("{path}?{}", pairs.join("&"))
            }
        };
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("path_and_query", &path_and_query)
            .field("headers", &headers)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .finish()
    }
}

/// What came back.
struct RawResponse {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

/// Shared transport: sends prepared requests with retries.
#[derive(Clone)]
struct Transport {
    http: reqwest::Client,
    endpoint: Endpoint,
    config: ClientConfig,
}

impl Transport {
    fn new(config: ClientConfig) -> Result<Self, TransportError> {
        Ok(Self { http: config.build_http()?, endpoint: Endpoint::parse(&config.endpoint)?, config })
    }

    /// `host[:port]` as the signers put it in the `Host` header.
    fn host(&self) -> &str {
        &self.endpoint.host
    }

    /// Sends the request `prepare` builds (afresh for every attempt, so signatures carry a fresh date and
    /// nonce), retrying as [`RetryPolicy`] allows.
    async fn send<E>(
        &self,
        info: &OperationInfo,
        prepare: impl Fn() -> Result<SignedRequest, Error<E>>,
    ) -> Result<RawResponse, Error<E>> {
        // Only reads, and calls the page declares idempotent (or an idempotency token makes so), are safe
        // to repeat after the service may have acted: a PUT such as "reinstall the OS" is not idempotent
        // in effect, whatever HTTP says of the method.
        let idempotent = info.idempotent || matches!(info.method, "GET" | "HEAD" | "OPTIONS");
        let started = std::time::Instant::now();
        let mut attempt = 1;
        loop {
            let prepared = prepare()?;
            let outcome = self.send_once(prepared).await;
            let decision = self.config.retry.decide(attempt, idempotent, started.elapsed(), &outcome);
            match decision {
                Some(delay) => {
                    tracing::debug!(operation = info.name, attempt, delay_ms = delay.as_millis() as u64, "retrying");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                None => return outcome.map_err(|failure| Error::Transport(failure.error)),
            }
        }
    }

    async fn send_once(&self, prepared: SignedRequest) -> Result<RawResponse, retry::SendFailure> {
        let url = format!("{}{}", self.endpoint.base, prepared.path_and_query);
        // A per-request timeout too, so a caller-supplied client without one cannot hang forever.
        let mut builder = self.http.request(prepared.method, &url).timeout(self.config.timeout);
        for (name, value) in &prepared.headers {
            // The Host header is the URL's authority, which the signers signed (see `Endpoint`).
            if name.eq_ignore_ascii_case("host") {
                continue;
            }
            // UTF-8 bytes, as the SDKs send non-ASCII header values.
            let value = reqwest::header::HeaderValue::from_bytes(value.as_bytes())
                .map_err(|e| retry::SendFailure::permanent(TransportError::new(e)))?;
            builder = builder.header(name, value);
        }
        if let Some(body) = prepared.body {
            builder = builder.body(body);
        }
        let mut response = builder.send().await.map_err(retry::SendFailure::from_reqwest)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let limit = self.config.max_response_bytes;
        let too_large = || {
            retry::SendFailure::permanent(TransportError::new(format!(
                "the response body is larger than {limit} bytes (ClientConfig::max_response_bytes); it was not read"
            )))
        };
        if response.content_length().is_some_and(|length| length > limit as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(retry::SendFailure::from_reqwest)? {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse { status, headers, body })
    }
}

/// What a vendor reads out of an error body.
#[derive(Debug, Default)]
struct ErrorDetails {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
}

/// Turns a response into the operation's output or its typed error.
fn finish<O: DeserializeOwned, E: ErrorResponse>(
    info: &OperationInfo,
    response: RawResponse,
    details: impl Fn(&RawResponse) -> ErrorDetails,
) -> Result<O, Error<E>> {
    // Any 2xx is success (a page may say 202 where the service answers 200); an empty body decodes as
    // an empty object, or as `null` for operations without output.
    if info.success_statuses.contains(&response.status) || (200..300).contains(&response.status) {
        let decoded = if response.body.is_empty() {
            serde_json::from_slice(b"{}").or_else(|_| serde_json::from_slice(b"null"))
        } else {
            serde_json::from_slice(&response.body)
        };
        return decoded.map_err(|_| unexpected(&response, details(&response).request_id));
    }
    let found = details(&response);
    match E::from_response(response.status, &response.body) {
        Some(kind) => Err(Error::Service(ServiceError {
            status: response.status,
            code: found.code,
            message: found.message,
            request_id: found.request_id,
            kind,
        })),
        None => Err(unexpected(&response, found.request_id)),
    }
}

fn unexpected<E>(response: &RawResponse, request_id: Option<String>) -> Error<E> {
    Error::Unexpected(UnexpectedResponse::new(response.status, request_id, &response.body))
}

fn header_value(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// Reads a string member of a JSON object body, looking through a nested `error` object too.
fn json_member(body: &[u8], names: &[&str]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let objects = [Some(&value), value.get("error")];
    objects
        .into_iter()
        .flatten()
        .find_map(|object| names.iter().find_map(|name| object.get(*name).and_then(|v| v.as_str()).map(str::to_owned)))
}

/// Fills the operation's path template: `{name}` placeholders become their values, percent-encoded as
/// one segment, so an id such as `../x` or `a/b` can never change the path.
fn fill_path<E>(info: &OperationInfo, values: &[(&str, String)]) -> Result<String, Error<E>> {
    let mut path = String::new();
    let mut rest = info.path_template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let name = &rest[open + 1..close];
        let value = values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()).unwrap_or_default();
        if value.is_empty() || value == "." || value == ".." {
            let message =
                format!("must be a path segment, not {value:?}: an empty, `.` or `..` id would change the path");
            return Err(Error::Validation(ValidationError {
                violations: vec![crate::Violation { path: name.to_owned(), message }],
            }));
        }
        path.push_str(&rest[..open]);
        path.push_str(&crate::signing::percent_encode(value));
        rest = rest.get(close + 1..).unwrap_or_default();
    }
    path.push_str(rest);
    Ok(path)
}

fn method<E>(info: &OperationInfo) -> Result<reqwest::Method, Error<E>> {
    reqwest::Method::from_bytes(info.method.as_bytes()).map_err(|e| Error::Transport(TransportError::new(e)))
}
