//! Huawei Cloud: AK/SK signing (`SDK-HMAC-SHA256`) or an IAM token, JSON bodies as the Python SDK writes
//! them, `error_code`/`error_msg` error bodies.

use std::fmt;

use tracing::Instrument as _;

use super::{
    ClientConfig, ErrorDetails, MissingVariable, SignedRequest, Transport, fill_path, finish, header_value,
    json_member, method, optional, required,
};
use crate::error::{Error, TransportError};
use crate::operation::{AuthScheme, OperationInfo, ParamSource, Request};
use crate::signing::huawei as signer;
use crate::{ValidationError, Violation};

/// The environment variables the official SDKs read.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// The secret key variable.
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// The project id variable.
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// The STS security token variable.
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

/// An access key pair, with the project it works in. `Debug` never shows the secret or the token.
#[derive(Clone)]
pub struct HuaweiCredentials {
    access_key: String,
    secret_key: String,
    project_id: Option<String>,
    security_token: Option<String>,
}

impl HuaweiCredentials {
    /// An AK/SK pair.
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self { access_key: access_key.into(), secret_key: secret_key.into(), project_id: None, security_token: None }
    }

    /// The project id: sent as `X-Project-Id` and filled into `{project_id}` paths.
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// A temporary (STS) security token, sent as `X-Security-Token`.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// From `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`, and if set `HUAWEICLOUD_SDK_PROJECT_ID` and
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN`. The error names the first missing variable.
    pub fn from_env() -> Result<Self, MissingVariable> {
        let mut credentials = Self::new(required(ENV_AK)?, required(ENV_SK)?);
        credentials.project_id = optional(ENV_PROJECT_ID);
        credentials.security_token = optional(ENV_SECURITY_TOKEN);
        Ok(credentials)
    }

    /// The access key id.
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// The project id, when set.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }
}

impl fmt::Debug for HuaweiCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HuaweiCredentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &crate::redact::Redacted)
            .field("project_id", &self.project_id)
            .field("security_token", &crate::redact::redact_option(&self.security_token))
            .finish()
    }
}

/// How requests are authenticated.
#[derive(Clone)]
pub enum HuaweiAuth {
    /// AK/SK signing, what the official SDKs do.
    AkSk(HuaweiCredentials),
    /// An IAM user token in `X-Auth-Token`; the project id fills `{project_id}` paths.
    Token {
        /// The token (the `X-Subject-Token` of the IAM token API).
        token: String,
        /// The project id.
        project_id: Option<String>,
    },
}

impl fmt::Debug for HuaweiAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HuaweiAuth::AkSk(credentials) => f.debug_tuple("AkSk").field(credentials).finish(),
            HuaweiAuth::Token { project_id, .. } => f
                .debug_struct("Token")
                .field("token", &crate::redact::Redacted)
                .field("project_id", project_id)
                .finish(),
        }
    }
}

/// A client for Huawei Cloud REST services; the generated `*Client` types wrap it.
#[derive(Clone)]
pub struct HuaweiClient {
    transport: Transport,
    auth: HuaweiAuth,
}

impl fmt::Debug for HuaweiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HuaweiClient").field("config", &self.transport.config).field("auth", &self.auth).finish()
    }
}

impl HuaweiClient {
    /// A client for `config.endpoint` authenticating with `auth`.
    pub fn new(config: ClientConfig, auth: HuaweiAuth) -> Result<Self, TransportError> {
        Ok(Self { transport: Transport::new(config)?, auth })
    }

    /// Validates, signs and sends `request`, retrying as configured, and decodes the answer.
    pub async fn execute<R: Request>(&self, mut request: R) -> Result<R::Output, Error<R::ErrorResponse>> {
        let info = R::INFO;
        let span = tracing::info_span!("huaweicloud.request", operation = info.name, method = info.method);
        async {
            super::ready(&mut request)?;
            self.check_auth_accepted(info)?;
            let response = self.transport.send(info, || self.prepare(&request)).await?;
            tracing::debug!(status = response.status, "response");
            finish(info, response, |r| ErrorDetails {
                code: json_member(&r.body, &["error_code", "code"]),
                message: json_member(&r.body, &["error_msg", "message"]),
                request_id: header_value(&r.headers, "x-request-id").or_else(|| json_member(&r.body, &["request_id"])),
            })
        }
        .instrument(span)
        .await
    }

    /// Validates and signs `request` exactly as [`Self::execute`] would, without sending it.
    pub fn sign_request<R: Request>(&self, request: &R) -> Result<SignedRequest, Error<R::ErrorResponse>> {
        request.validate()?;
        self.check_auth_accepted(R::INFO)?;
        self.prepare(request)
    }

    fn check_auth_accepted<E>(&self, info: &OperationInfo) -> Result<(), Error<E>> {
        let accepted = info.auth.iter().any(|scheme| {
            matches!(
                (&self.auth, scheme),
                (HuaweiAuth::AkSk(_), AuthScheme::HuaweiSdkHmacSha256)
                    | (HuaweiAuth::Token { .. }, AuthScheme::HeaderToken(_))
            )
        });
        if accepted {
            return Ok(());
        }
        let message = format!("`{}` does not accept this client's authentication", info.name);
        Err(Error::Validation(ValidationError { violations: vec![Violation { path: "auth".to_owned(), message }] }))
    }

    fn project_id(&self) -> Option<&str> {
        match &self.auth {
            HuaweiAuth::AkSk(credentials) => credentials.project_id.as_deref(),
            HuaweiAuth::Token { project_id, .. } => project_id.as_deref(),
        }
    }

    /// Builds the request the official SDK would send, signed afresh.
    fn prepare<R: Request>(&self, request: &R) -> Result<SignedRequest, Error<R::ErrorResponse>> {
        let info = R::INFO;
        let mut path_values = request.path_params();
        for parameter in info.parameters.iter().filter(|p| p.source == ParamSource::ProjectId) {
            let Some(project_id) = self.project_id() else {
                let message =
                    format!("`{}` needs a project id: set it with `with_project_id` or {ENV_PROJECT_ID}", info.name);
                let violation = Violation { path: parameter.wire_name.to_owned(), message };
                return Err(Error::Validation(ValidationError { violations: vec![violation] }));
            };
            path_values.push((parameter.wire_name, project_id.to_owned()));
        }
        let path = fill_path(info, &path_values)?;
        let query = request.query_params().pairs();
        let mut headers: Vec<(String, String)> =
            request.header_params().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        headers.push(("User-Agent".to_owned(), self.transport.config.user_agent.clone()));
        // The SDK sends a content type on every request, bodyless GETs included.
        headers.push(("Content-Type".to_owned(), info.content_type.unwrap_or("application/json").to_owned()));
        let body = match request.body() {
            Some(body) => Some(super::python_json::to_vec(body).map_err(|e| Error::Transport(TransportError::new(e)))?),
            None => None,
        };
        match &self.auth {
            HuaweiAuth::AkSk(credentials) => {
                if let Some(project_id) = &credentials.project_id {
                    headers.push(("X-Project-Id".to_owned(), project_id.clone()));
                }
                if let Some(token) = &credentials.security_token {
                    headers.push(("X-Security-Token".to_owned(), token.clone()));
                }
                let date = super::format_utc((self.transport.config.clock)(), false);
                signer::prepare_headers(&mut headers, &date, self.transport.host());
                let signable =
                    signer::SignableRequest { method: info.method, path: &path, query: &query, body: body.as_deref() };
                let signature = signer::sign(&signable, &headers, &credentials.access_key, &credentials.secret_key);
                headers.push(("Authorization".to_owned(), signature.authorization));
            }
            HuaweiAuth::Token { token, .. } => {
                let name = info.auth.iter().find_map(|s| match s {
                    AuthScheme::HeaderToken(name) => Some(*name),
                    _ => None,
                });
                headers.push((name.unwrap_or("X-Auth-Token").to_owned(), token.clone()));
            }
        }
        let query_string = signer::canonical_query(&query);
        let path_and_query = if query_string.is_empty() { path } else { format!("{path}?{query_string}") };
        Ok(SignedRequest { method: method(info)?, path_and_query, headers, body })
    }
}
