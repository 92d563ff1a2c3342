//! Alibaba Cloud RPC services: signature V3 (`ACS3-HMAC-SHA256`, the SDKs' default) or the RPC
//! signature V1.0 (`HMAC-SHA1`), every parameter in the query, `Code`/`Message`/`RequestId` error bodies.

use std::fmt;

use tracing::Instrument as _;

use super::{
    ClientConfig, ErrorDetails, MissingVariable, SignedRequest, Transport, finish, header_value, json_member, method,
    optional, required,
};
use crate::error::{Error, TransportError};
use crate::operation::{AuthScheme, OperationInfo, ParamSource, Request};
use crate::signing::{EMPTY_SHA256, alibaba_acs3, alibaba_rpc, form_encode_pairs};

/// The environment variables the official SDKs read.
pub const ENV_ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// The secret variable.
pub const ENV_ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// The STS token variable.
pub const ENV_SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

/// An AccessKey pair, optionally with an STS token. `Debug` never shows the secret or the token.
#[derive(Clone)]
pub struct AlibabaCredentials {
    access_key_id: String,
    access_key_secret: String,
    security_token: Option<String>,
}

impl AlibabaCredentials {
    /// An AccessKey pair.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Self { access_key_id: access_key_id.into(), access_key_secret: access_key_secret.into(), security_token: None }
    }

    /// A temporary (STS) security token.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// From `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, if set,
    /// `ALIBABA_CLOUD_SECURITY_TOKEN`. The error names the first missing variable.
    pub fn from_env() -> Result<Self, MissingVariable> {
        let mut credentials = Self::new(required(ENV_ACCESS_KEY_ID)?, required(ENV_ACCESS_KEY_SECRET)?);
        credentials.security_token = optional(ENV_SECURITY_TOKEN);
        Ok(credentials)
    }

    /// The AccessKey id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }
}

impl fmt::Debug for AlibabaCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AlibabaCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &crate::redact::Redacted)
            .field("security_token", &crate::redact::redact_option(&self.security_token))
            .finish()
    }
}

/// Name/value pairs of a query or of headers, in sending order.
type Pairs = Vec<(String, String)>;

/// Which signature the client sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlibabaSignature {
    /// `ACS3-HMAC-SHA256`, the default of the official SDKs.
    #[default]
    Acs3HmacSha256,
    /// The RPC signature V1.0, `HMAC-SHA1` (`Config(signature_algorithm='v2')` in the SDKs).
    RpcHmacSha1,
}

/// A client for Alibaba Cloud RPC services; the generated `*Client` types wrap it.
#[derive(Clone)]
pub struct AlibabaClient {
    transport: Transport,
    credentials: AlibabaCredentials,
    signature: AlibabaSignature,
}

impl fmt::Debug for AlibabaClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AlibabaClient")
            .field("config", &self.transport.config)
            .field("credentials", &self.credentials)
            .field("signature", &self.signature)
            .finish()
    }
}

impl AlibabaClient {
    /// A client for `config.endpoint` signing with `signature`.
    pub fn new(
        config: ClientConfig,
        credentials: AlibabaCredentials,
        signature: AlibabaSignature,
    ) -> Result<Self, TransportError> {
        Ok(Self { transport: Transport::new(config)?, credentials, signature })
    }

    /// Validates, signs and sends `request`, retrying as configured, and decodes the answer.
    pub async fn execute<R: Request>(&self, mut request: R) -> Result<R::Output, Error<R::ErrorResponse>> {
        let info = R::INFO;
        let span = tracing::info_span!("alibabacloud.request", operation = info.name, method = info.method);
        async {
            super::ready(&mut request)?;
            self.check_supported(&request)?;
            let response = self.transport.send(info, || self.prepare(&request)).await?;
            tracing::debug!(status = response.status, "response");
            finish(info, response, |r| ErrorDetails {
                code: json_member(&r.body, &["Code"]),
                message: json_member(&r.body, &["Message"]),
                request_id: json_member(&r.body, &["RequestId"])
                    .or_else(|| header_value(&r.headers, "x-acs-request-id")),
            })
        }
        .instrument(span)
        .await
    }

    /// Validates and signs `request` exactly as [`Self::execute`] would, without sending it.
    pub fn sign_request<R: Request>(&self, request: &R) -> Result<SignedRequest, Error<R::ErrorResponse>> {
        request.validate()?;
        self.check_supported(request)?;
        self.prepare(request)
    }

    /// This client speaks RPC style only (`/`, every parameter in the query, no body), and signs with
    /// one scheme: refuse anything else rather than send it wrong.
    fn check_supported<R: Request>(&self, request: &R) -> Result<(), Error<R::ErrorResponse>> {
        let info = R::INFO;
        let scheme = match self.signature {
            AlibabaSignature::Acs3HmacSha256 => AuthScheme::AlibabaAcs3HmacSha256,
            AlibabaSignature::RpcHmacSha1 => AuthScheme::AlibabaRpcHmacSha1,
        };
        let problem = if !info.auth.contains(&scheme) {
            Some(format!("`{}` does not accept the {:?} signature", info.name, self.signature))
        } else if info.path_template != "/"
            || !request.path_params().is_empty()
            || !request.header_params().is_empty()
            || request.body().is_some()
        {
            Some(format!("`{}` is not an RPC-style operation; this client sends RPC calls only", info.name))
        } else {
            None
        };
        match problem {
            None => Ok(()),
            Some(message) => Err(Error::Validation(crate::ValidationError {
                violations: vec![crate::Violation { path: "operation".to_owned(), message }],
            })),
        }
    }

    fn prepare<R: Request>(&self, request: &R) -> Result<SignedRequest, Error<R::ErrorResponse>> {
        let info = R::INFO;
        // The SDK's generated code inserts query parameters in alphabetical order, list items in order.
        let mut query = request.query_params();
        query.sort_by_declared_name();
        let query = query.pairs();
        let (query, headers) = match self.signature {
            AlibabaSignature::Acs3HmacSha256 => {
                let headers = self.acs3_headers(info, &query);
                (query, headers)
            }
            AlibabaSignature::RpcHmacSha1 => self.rpc_v1(info, query),
        };
        let path_and_query = if query.is_empty() { "/".to_owned() } else { format!("/?{}", form_encode_pairs(&query)) };
        Ok(SignedRequest { method: method(info)?, path_and_query, headers, body: None })
    }

    fn action(info: &OperationInfo) -> &'static str {
        info.parameters
            .iter()
            .find_map(|p| match p.source {
                ParamSource::Constant(value) if p.wire_name == "Action" => Some(value),
                _ => None,
            })
            .unwrap_or(info.name)
    }

    fn common_headers(&self, info: &OperationInfo) -> Vec<(String, String)> {
        let config = &self.transport.config;
        vec![
            ("host".to_owned(), self.transport.host().to_owned()),
            ("x-acs-version".to_owned(), info.api_version.unwrap_or_default().to_owned()),
            ("x-acs-action".to_owned(), Self::action(info).to_owned()),
            ("user-agent".to_owned(), config.user_agent.clone()),
        ]
    }

    fn provider(&self) -> &'static str {
        if self.credentials.security_token.is_some() { "static_sts" } else { "static_ak" }
    }

    fn acs3_headers(&self, info: &OperationInfo, query: &[(String, String)]) -> Vec<(String, String)> {
        let config = &self.transport.config;
        let date = super::format_utc((config.clock)(), true);
        let mut headers = self.common_headers(info);
        headers.extend([
            ("x-acs-date".to_owned(), date),
            ("x-acs-signature-nonce".to_owned(), (config.nonce)()),
            ("accept".to_owned(), "application/json".to_owned()),
            ("x-acs-content-sha256".to_owned(), EMPTY_SHA256.to_owned()),
            ("x-acs-credentials-provider".to_owned(), self.provider().to_owned()),
        ]);
        if let Some(token) = &self.credentials.security_token {
            headers.push(("x-acs-accesskey-id".to_owned(), self.credentials.access_key_id.clone()));
            headers.push(("x-acs-security-token".to_owned(), token.clone()));
        }
        let credentials = &self.credentials;
        let signature = alibaba_acs3::sign(
            info.method,
            "/",
            query,
            &headers,
            &credentials.access_key_id,
            &credentials.access_key_secret,
        );
        headers.push(("Authorization".to_owned(), signature.authorization));
        headers
    }

    /// The query with the common parameters in the SDK's order, `Signature` last, and the headers.
    fn rpc_v1(&self, info: &OperationInfo, params: Pairs) -> (Pairs, Pairs) {
        let config = &self.transport.config;
        let timestamp = super::format_utc((config.clock)(), true);
        let text = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        let mut query = vec![
            text("Action", Self::action(info)),
            text("Format", "json"),
            text("Version", info.api_version.unwrap_or_default()),
            text("Timestamp", &timestamp),
            text("SignatureNonce", &(config.nonce)()),
        ];
        query.extend(params);
        if let Some(token) = &self.credentials.security_token {
            query.push(text("SecurityToken", token));
        }
        query.extend([
            text("SignatureMethod", "HMAC-SHA1"),
            text("SignatureVersion", "1.0"),
            text("AccessKeyId", &self.credentials.access_key_id),
        ]);
        let signature = alibaba_rpc::sign(info.method, &query, &[], &self.credentials.access_key_secret);
        query.push(text("Signature", &signature.signature));
        let mut headers = self.common_headers(info);
        headers.push(("x-acs-credentials-provider".to_owned(), self.provider().to_owned()));
        (query, headers)
    }
}
