//! Operation metadata: what a generated client needs to put a request on the wire.

use crate::constraints::{Validate, ValidationError};
use crate::query::Query;

/// A generated request type: its operation's metadata and its values split by where they travel.
pub trait Request: Validate + Send + Sync {
    /// The operation's metadata.
    const INFO: &'static OperationInfo;
    /// The JSON body's type (`()` when the operation has no body).
    type Body: serde::Serialize;
    /// The success body's type.
    type Output: serde::de::DeserializeOwned + Send;
    /// The operation's documented error responses.
    type ErrorResponse: ErrorResponse + Send;

    /// Checks every documented constraint; nothing should be sent when this fails.
    fn validate(&self) -> Result<(), ValidationError>;
    /// Caller-supplied path parameters, by wire name, as text (not yet percent-encoded).
    fn path_params(&self) -> Vec<(&'static str, String)>;
    /// Caller-supplied query parameters that are set, in the page's order, lists flattened.
    fn query_params(&self) -> Query;
    /// Caller-supplied headers that are set.
    fn header_params(&self) -> Vec<(&'static str, String)>;
    /// The body, when there is one.
    fn body(&self) -> Option<&Self::Body>;
    /// Fills the operation's idempotency token (`ClientToken`) with `token()` when the caller left it
    /// unset; operations without one ignore the call.
    fn fill_idempotency_token(&mut self, token: &mut dyn FnMut() -> String) {
        let _ = token;
    }
}

/// A generated enum of an operation's documented error responses.
pub trait ErrorResponse: Sized {
    /// The typed error for a documented status whose body has the documented shape; `None` otherwise
    /// (the caller then keeps the raw body as an undocumented response).
    fn from_response(status: u16, body: &[u8]) -> Option<Self>;
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// A `{placeholder}` of the path template, percent-encoded as one segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// Who fills in a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamSource {
    /// The caller, through the request type.
    Caller,
    /// The client: the project id of its credentials.
    ProjectId,
    /// The client: the token of a header-token scheme, only when that scheme is used.
    AuthToken,
    /// A constant of the operation (the RPC `Action`).
    Constant(&'static str),
}

/// One request parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParameterInfo {
    /// The exact wire name (`image_id`, `Features.NvmeSupport`, `X-Auth-Token`).
    pub wire_name: &'static str,
    /// Where it travels.
    pub location: ParamLocation,
    /// Whether the page marks it mandatory.
    pub required: bool,
    /// Who fills it in.
    pub source: ParamSource,
}

/// Request signing and authentication schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthScheme {
    /// Huawei Cloud AK/SK, `SDK-HMAC-SHA256`.
    HuaweiSdkHmacSha256,
    /// A token in the named header (Huawei `X-Auth-Token`).
    HeaderToken(&'static str),
    /// Alibaba Cloud signature V3, `ACS3-HMAC-SHA256`.
    AlibabaAcs3HmacSha256,
    /// Alibaba Cloud RPC signature V1.0, `HMAC-SHA1`.
    AlibabaRpcHmacSha1,
}

/// Where an operation was transcribed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePage {
    /// The page title.
    pub title: &'static str,
    /// The page's address, when known.
    pub url: Option<&'static str>,
    /// The page text in the generator's repository (`pages/huaweicloud/ims/UpdateImage.txt`).
    pub page: &'static str,
    /// The page's "Updated on" date, when it shows one.
    pub updated: Option<&'static str>,
}

/// Everything about an operation that does not depend on the request's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The operation's name (`UpdateImage`); the RPC `Action`.
    pub name: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template with `{placeholders}`.
    pub path_template: &'static str,
    /// Media type of the request body, when there is one.
    pub content_type: Option<&'static str>,
    /// Every parameter, in the page's order.
    pub parameters: &'static [ParameterInfo],
    /// Statuses that mean success.
    pub success_statuses: &'static [u16],
    /// Accepted auth schemes, preferred first.
    pub auth: &'static [AuthScheme],
    /// Whether repeating the call has no further effect (the page says so, or an idempotency token makes
    /// it so): the client then retries it after a server error or a timeout, as it retries reads.
    pub idempotent: bool,
    /// The API version RPC-style services send (`Version`, `x-acs-version`).
    pub api_version: Option<&'static str>,
    /// The documentation page.
    pub source: SourcePage,
}
