//! The spec language: a serde model of the YAML files under `specs/`.
//!
//! One file describes one service of one vendor, transcribed from its documentation pages. The model keeps
//! the page's vocabulary (wire names, tables, examples) and holds no Rust names: every decision about the
//! generated code is made later, in [`crate::ir`]. Every struct denies unknown keys so that a typo in a
//! spec is an error, not a silently dropped fact.

use std::fmt;
use std::str::FromStr;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Serde and JSON Schema for types written as one string in the spec (`array<string>`, `auth:token`):
/// parsed with `FromStr`, printed with `Display`, so a mistake is reported at the value's position.
macro_rules! string_serde {
    ($type:ty, $description:expr, $pattern:expr) => {
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($type).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "description": $description, "pattern": $pattern })
            }
        }
    };
}

/// One spec file: a service, its operations and the named types they use.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// The service the operations belong to.
    pub service: Service,
    /// Operations by name (UpperCamelCase, as the vendor's SDK names them, e.g. `UpdateImage`).
    pub operations: IndexMap<String, Operation>,
    /// Named types (objects and enums) by name, referenced from fields with `type: <Name>`.
    #[serde(default)]
    pub types: IndexMap<String, TypeDef>,
}

/// A cloud service of one vendor; becomes one generated crate.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The vendor publishing the service.
    pub vendor: Vendor,
    /// Short lowercase service name as the vendor uses it (`ims`, `ecs`, `workspace`).
    pub name: String,
    /// Full product name (`Image Management Service`).
    pub title: String,
    /// What the service does, one or two sentences.
    pub description: String,
    /// How requests are shaped on the wire.
    pub style: ApiStyle,
    /// API version sent with every request (RPC style only, e.g. `2014-05-26`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Where the service is reached.
    pub endpoints: Endpoints,
    /// Authentication schemes by name; operations list the ones they accept.
    pub auth: IndexMap<String, AuthScheme>,
    /// Service-wide notes: where the spec had to decide something the pages leave open.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// The vendor publishing a service: data, not a closed set, so another cloud built on a known family (Open
/// Telekom Cloud on Huawei's stack) is a spec, not a code change.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Lowercase kebab-case name; generated crates are called `<vendor>-<service>` (`opentelekomcloud-ims`).
    pub name: String,
    /// The vendor's own name for itself (`Open Telekom Cloud`).
    pub title: String,
    /// The protocol family the vendor's APIs speak: which runtime client signs and sends the requests.
    pub family: Family,
}

/// Protocol families: request signing, error bodies and common parameters shared by every vendor of the
/// family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Huawei Cloud and clouds built on it: `SDK-HMAC-SHA256` or an IAM token, `error_code`/`error_msg` bodies.
    Huawei,
    /// Alibaba Cloud: `ACS3-HMAC-SHA256` or RPC `HMAC-SHA1`, `Code`/`Message`/`RequestId` bodies.
    Alibaba,
}

impl Family {
    /// Whether an auth scheme of `kind` belongs to this family.
    pub fn accepts(self, kind: AuthKind) -> bool {
        match self {
            Family::Huawei => matches!(kind, AuthKind::HuaweiSdkHmacSha256 | AuthKind::HeaderToken),
            Family::Alibaba => matches!(kind, AuthKind::AlibabaAcs3HmacSha256 | AuthKind::AlibabaRpcHmacSha1),
        }
    }
}

/// The shape of requests on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ApiStyle {
    /// Resource paths, path/query/header parameters and JSON bodies (Huawei Cloud).
    RestJson,
    /// One path (`/`), an `Action` and a `Version`, all parameters flattened into the query (Alibaba Cloud ECS).
    Rpc,
}

/// Endpoint templates; `{region}` is replaced by the region id.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoints {
    /// Per-region endpoint, e.g. `https://ims.{region}.myhuaweicloud.com`.
    pub regional: String,
    /// A central endpoint that serves every region, when the vendor has one (`https://ecs.aliyuncs.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global: Option<String>,
    /// A region id used in docs and examples (`cn-north-4`).
    pub example_region: String,
    /// Where the endpoint facts come from (the pages only say "see Endpoints").
    pub source: String,
}

/// An authentication scheme a service accepts.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthScheme {
    /// How requests are authenticated.
    pub kind: AuthKind,
    /// The header that carries the credential (`header-token` only, e.g. `X-Auth-Token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// What the scheme is and where its credentials come from.
    pub description: String,
}

/// Authentication mechanisms, named after the vendors' own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AuthKind {
    /// Huawei Cloud AK/SK signing, `SDK-HMAC-SHA256`.
    HuaweiSdkHmacSha256,
    /// A token in a request header (Huawei IAM `X-Auth-Token`).
    HeaderToken,
    /// Alibaba Cloud signature V3, `ACS3-HMAC-SHA256` (the default of the official SDKs).
    AlibabaAcs3HmacSha256,
    /// Alibaba Cloud RPC signature V1.0, `HMAC-SHA1` with `SignatureNonce`/`Timestamp`.
    AlibabaRpcHmacSha1,
}

/// One API operation, transcribed from one documentation page.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// The page's one-line summary of what the operation does.
    pub summary: String,
    /// Further paragraphs of the page's "Function" section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The page the operation was transcribed from.
    pub source: Source,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template; `{name}` placeholders are path parameters.
    pub path: String,
    /// Names of the service's auth schemes this operation accepts, the preferred one first.
    pub auth: Vec<String>,
    /// IAM permissions the page lists for the operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
    /// Request parameters and body.
    #[serde(default)]
    pub request: Request,
    /// Every documented response, by HTTP status code (`200:`, or quoted, `"200":`).
    #[serde(deserialize_with = "status_keyed")]
    pub responses: IndexMap<u16, Response>,
    /// Documented error codes (a vendor code inside an error response).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorCode>,
    /// The page's request examples, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<RequestExample>,
    /// The page says repeating the call has no further effect: the client may retry it after a server
    /// error or a timeout, as it retries reads.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub idempotent: bool,
    /// A parameter (wire name) that makes the call idempotent (`ClientToken`): the client fills it with a
    /// fresh token when the caller leaves it unset, reuses it on every retry, and so may retry the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_token: Option<String>,
    /// How the operation pages through a long list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// Waiters by name (UpperCamelCase): how to poll until what the operation started is done.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub waiters: IndexMap<String, Waiter>,
    /// What the page gets wrong or leaves open, and what the spec decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// A map keyed by HTTP status, accepting the keys as numbers or as quoted numbers (JSON has no other).
fn status_keyed<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<IndexMap<u16, Response>, D::Error> {
    #[derive(Deserialize, PartialEq, Eq, Hash)]
    #[serde(untagged)]
    enum Key {
        Number(u16),
        Text(String),
    }
    let map = IndexMap::<Key, Response>::deserialize(deserializer)?;
    map.into_iter()
        .map(|(key, response)| match key {
            Key::Number(status) => Ok((status, response)),
            Key::Text(text) => text
                .parse::<u16>()
                .map(|status| (status, response))
                .map_err(|_| serde::de::Error::custom(format!("`{text}` is not an HTTP status code"))),
        })
        .collect()
}

/// Paging styles the pages describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PagingStyle {
    /// `PageNumber` (from 1) and `PageSize`; the response may carry `TotalCount`.
    PageNumber,
    /// `offset` and `limit`; the response may carry a total.
    OffsetLimit,
    /// `marker` (the last item's id) and `limit` (Huawei, OpenStack).
    Marker,
    /// A token the response hands back (`NextToken`).
    NextToken,
}

/// How an operation pages through a list; every name is a wire name.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// The paging style.
    pub style: PagingStyle,
    /// The request parameter carrying the page number, offset, marker or token.
    pub page: String,
    /// The request parameter carrying the page size or limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// Dotted path in the response body to the list of items (`Images.Image`).
    pub items: String,
    /// Response field with the total number of items (page-number and offset-limit styles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// Response field with the next token (next-token style).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The item field whose value, on the last item of a page, is the next marker (marker style).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker_field: Option<String>,
}

/// Polling until what an operation started has finished (an image becomes `Available`, a job succeeds).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiter {
    /// What the waiter waits for.
    pub description: String,
    /// The operation to poll, of the same service.
    pub poll: String,
    /// The poll request's parameters by wire name, each `request.<wire name>` or `response.<dotted path>`
    /// of this operation, or `constant:<text>` (written as in a query: `constant:Creating,Available`).
    pub request: IndexMap<String, String>,
    /// Dotted wire path in the poll response to the status value; a number picks a list item.
    pub status: String,
    /// Status values that mean done.
    pub success: Vec<String>,
    /// Status values that mean it failed for good.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failure: Vec<String>,
}

/// Where an operation was transcribed from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page title as the vendor shows it.
    pub title: String,
    /// The page's address, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The page text in the repository, relative to its root (`pages/huaweicloud/ims/UpdateImage.txt`).
    pub page: String,
    /// The page's "Updated on" or revision date (`YYYY-MM-DD`), when it shows one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// HTTP methods used by the operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
}

impl HttpMethod {
    /// The method as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
        }
    }
}

impl FromStr for HttpMethod {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        [Self::Get, Self::Post, Self::Put, Self::Patch, Self::Delete, Self::Head]
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or(())
    }
}

/// One row of a page's "Authorization Information" table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Permission {
    /// IAM action, e.g. `workspace:server:batchChangeImage`.
    pub action: String,
    /// Access level (`Read`, `Write`, `List`, ...).
    pub access_level: String,
    /// Resource types; a trailing `*` marks a required one, as on the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_types: Vec<String>,
    /// Condition keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition_keys: Vec<String>,
    /// Alias, when the page gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Actions this one depends on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<String>,
}

/// Request parameters grouped by where they travel, as the pages' tables group them.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Media type of the body. Defaults to `application/json` for REST/JSON services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Path parameters by wire name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub path: IndexMap<String, Field>,
    /// Query parameters by wire name (flattened names such as `Features.NvmeSupport` are kept whole).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub query: IndexMap<String, Field>,
    /// Header parameters by wire name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, Field>,
    /// The request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// What the spec assumes because the page does not say it (a media type), and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumed: Option<String>,
    /// Rules between parameters (wire names; a list parameter by its prefix).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
}

/// A request or response body.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The body's type: a named type, `array<...>` (a top-level JSON array) or `string` (plain text).
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    /// Whether a request must carry the body.
    #[serde(default)]
    pub required: bool,
    /// Media type when it differs from the operation's or the JSON default (`text/plain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// What the page says of the body as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A documented response.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The page's description of the status code.
    pub description: String,
    /// The body, when the page documents one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// The page's examples of this response, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ResponseExample>,
    /// Set when the page does not state this response (a success status it never names): what is
    /// assumed, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumed: Option<String>,
}

/// A documented vendor error code, such as a row of Alibaba's error-code table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// HTTP status the error comes with; must be a documented response.
    pub status: u16,
    /// The vendor's code (`InvalidImageName.Malformed`).
    pub code: String,
    /// The message the service returns.
    pub message: String,
    /// The page's explanation.
    pub description: String,
}

/// A request example as printed on the page.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestExample {
    /// The page's caption for the example.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The method the example shows, when it shows one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The example URL or path, verbatim (may span lines; lines are joined before parsing).
    pub url: String,
    /// The body, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Places where the example disagrees with the spec, acknowledged by a note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<Deviation>,
}

impl Operation {
    /// The path parameters in `path` (percent-decoded, by placeholder name), or `None` when the literal
    /// segments of `path` differ from the template.
    pub fn match_path(&self, path: &str) -> Option<Vec<(String, String)>> {
        let template: Vec<&str> = self.path.split('/').collect();
        let actual: Vec<&str> = path.split('/').collect();
        if template.len() != actual.len() {
            return None;
        }
        let mut values = Vec::new();
        for (segment, text) in template.iter().zip(&actual) {
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => values.push((
                    name.to_owned(),
                    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned(),
                )),
                None if segment != text => return None,
                None => {}
            }
        }
        Some(values)
    }
}

impl SpecFile {
    /// Whether object type `from` holds a value of object type `to` directly, through fields that are not
    /// lists (a list is already an indirection), optionally through required fields only.
    pub fn holds_directly(&self, from: &str, to: &str, required_only: bool) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut pending = vec![from];
        while let Some(name) = pending.pop() {
            if !seen.insert(name) {
                continue;
            }
            let Some(object) = self.types.get(name).and_then(|t| t.object.as_ref()) else { continue };
            for field in object.fields.values().filter(|f| !required_only || (f.required && !f.nullable)) {
                if let TypeRef::Named(next) = &field.type_ref {
                    if next == to {
                        return true;
                    }
                    pending.push(next);
                }
            }
        }
        false
    }
}

/// A request example's URL, split into the parts the checks and the generated tests compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleUrl {
    /// The path, `/` when the URL has none.
    pub path: String,
    /// Query pairs, percent-decoded, in order; placeholders such as `<Common request parameters>` are
    /// left out.
    pub query: Vec<(String, String)>,
}

impl RequestExample {
    /// Splits [`Self::url`]: lines are joined, a scheme and host (even a `{placeholder}` host) are dropped.
    pub fn split_url(&self) -> ExampleUrl {
        let joined: String = self.url.lines().map(str::trim).collect();
        let (has_host, rest) = match joined.split_once("://") {
            Some((_, rest)) => (true, rest),
            None => (false, joined.as_str()),
        };
        let start = if has_host { rest.find('/').unwrap_or(rest.len()) } else { 0 };
        let (path, query) = rest[start..].split_once('?').unwrap_or((&rest[start..], ""));
        let decode = |text: &str| percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned();
        let query = query
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with('<'))
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(key), decode(value))
            })
            .collect();
        ExampleUrl { path: if path.is_empty() { "/".to_owned() } else { path.to_owned() }, query }
    }
}

/// A response example as printed on the page.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseExample {
    /// The page's caption for the example.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Media type of the example; JSON unless stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The body, verbatim.
    pub body: String,
    /// Places where the example disagrees with the spec, acknowledged by a note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<Deviation>,
}

/// An acknowledged disagreement between a page's example and the page's own rules.
///
/// The loader checks every example; a violation is accepted only where a deviation names its place, and a
/// deviation that no longer matches a violation is itself an error (the vendor fixed the page).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// Where the example breaks the rule, as the loader names it: `method`, `body`, `body/password`,
    /// `query/Features`, `body/__productcode`.
    pub at: String,
    /// Why the spec keeps its rule anyway.
    pub reason: String,
}

/// Something the page gets wrong or leaves open, and the decision the spec takes.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// What the note is about.
    pub about: String,
    /// What the page says (or fails to say).
    pub page: String,
    /// What the spec does about it, and why.
    pub decision: String,
}

/// A named type: exactly one of `object` or `enum`.
///
/// A struct rather than a Rust enum so that serde_yaml accepts the plain `object:` / `enum:` keys (it wants
/// YAML tags for enum variants) and the loader can point at the offending key.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// A JSON object with named fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<ObjectType>,
    /// A string with a documented set of values.
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enumeration: Option<EnumType>,
}

/// What a [`TypeDef`] declares, once the loader has checked that it declares exactly one thing.
#[derive(Debug, Clone, Copy)]
pub enum TypeKind<'a> {
    /// An object type.
    Object(&'a ObjectType),
    /// An enum type.
    Enum(&'a EnumType),
}

impl TypeDef {
    /// The declared kind; `None` when the definition has neither or both keys (a load error).
    pub fn kind(&self) -> Option<TypeKind<'_>> {
        match (&self.object, &self.enumeration) {
            (Some(object), None) => Some(TypeKind::Object(object)),
            (None, Some(enumeration)) => Some(TypeKind::Enum(enumeration)),
            _ => None,
        }
    }
}

/// A JSON object type.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectType {
    /// What the object is (the page's table caption, when that is all there is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields by wire name, in the page's order.
    pub fields: IndexMap<String, Field>,
    /// Rules between fields (wire names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
}

/// A rule between fields of one object or parameters of one request: exactly one of the rule keys, plus
/// the page's words. A struct with optional keys rather than a Rust enum, for the reason given on
/// [`TypeDef`].
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A field that, when set, needs others set too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Requires>,
    /// Fields that must never be set together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// Fields of which exactly one must be set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exactly_one_of: Vec<String>,
    /// Fields of which at most one may be set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub at_most_one_of: Vec<String>,
    /// Fields of which at least one must be set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub at_least_one_of: Vec<String>,
    /// Fields in priority order: when several are set, the service uses the first (a warning, not an
    /// error).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub precedence: Vec<String>,
    /// A field that is mandatory under a condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<RequiredWhen>,
    /// A numeric range that applies under a condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_when: Option<RangeWhen>,
    /// The rule in the page's words, used in violation messages.
    pub description: String,
}

/// `requires`: when `field` is set, every field of `needs` must be set.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requires {
    /// The field that brings the requirement.
    pub field: String,
    /// The fields it needs.
    pub needs: Vec<String>,
}

/// `required_when`: `field` is mandatory when `when` holds.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequiredWhen {
    /// The conditionally mandatory field.
    pub field: String,
    /// The condition.
    pub when: Condition,
}

/// `range_when`: `field` lies in `minimum..=maximum` when `when` holds.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RangeWhen {
    /// The numeric field.
    pub field: String,
    /// The condition.
    pub when: Condition,
    /// Smallest allowed value, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// Largest allowed value, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
}

/// A condition on another field: exactly one of `equals`, `present` or `absent`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The field the condition reads.
    pub field: String,
    /// Holds when the field is set to one of these wire values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub equals: Vec<String>,
    /// Holds when the field is set (`true`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub present: bool,
    /// Holds when the field is not set (`true`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub absent: bool,
}

/// A string enumeration.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumType {
    /// What the values classify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// True where the page says the set can grow (e.g. "you can add extension attributes"): values outside
    /// the list are then valid in requests too. Unknown values in responses are always tolerated.
    #[serde(default)]
    pub open: bool,
    /// The documented values, in the page's order.
    pub values: Vec<EnumValue>,
}

/// One documented enum value.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The exact wire value (`Red Hat`, `/__support_kvm`, `zvhd2`).
    pub value: String,
    /// The page's description of the value, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A parameter or an object field.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The field's type.
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    /// Whether the page marks the field mandatory.
    #[serde(default)]
    pub required: bool,
    /// Whether the service may send `null` for the field.
    #[serde(default)]
    pub nullable: bool,
    /// The page's description, verbatim (Definition / Constraints / Range / Default sections included).
    pub description: String,
    /// The page's example value for the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
    /// The default value the page states, when it states one as a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Secret values (passwords): never shown in `Debug` output or logs.
    #[serde(default)]
    pub sensitive: bool,
    /// Constraints the page states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
    /// A parameter whose value the client supplies, not the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplied_by: Option<SuppliedBy>,
    /// How a query parameter of type `array<T>` travels on the wire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ListStyle>,
    /// The page says the field is going away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
}

/// How a list travels in a query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ListStyle {
    /// Numbered from 1: `Name.1=a&Name.2=b`, or `Name.1.Field=x` for object items (Alibaba RPC).
    Indexed,
    /// The key repeated: `name=a&name=b`.
    Repeated,
    /// One value, joined with commas: `Name=a,b`.
    Comma,
}

/// A deprecation the page announces.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// The page's advice, verbatim.
    pub note: String,
    /// The sibling field (wire name) that replaces this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
}

/// Values the client fills in itself, written `project-id`, `auth:<scheme>` or `constant:<value>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuppliedBy {
    /// The project id of the client's credentials (Huawei `{project_id}`).
    ProjectId,
    /// The credential of the named `header-token` auth scheme.
    Auth(String),
    /// A constant, e.g. the RPC `Action` parameter.
    Constant(String),
}

impl fmt::Display for SuppliedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SuppliedBy::ProjectId => f.write_str("project-id"),
            SuppliedBy::Auth(scheme) => write!(f, "auth:{scheme}"),
            SuppliedBy::Constant(value) => write!(f, "constant:{value}"),
        }
    }
}

impl FromStr for SuppliedBy {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text.split_once(':') {
            None if text == "project-id" => Ok(SuppliedBy::ProjectId),
            Some(("auth", scheme)) if !scheme.is_empty() => Ok(SuppliedBy::Auth(scheme.to_owned())),
            Some(("constant", value)) if !value.is_empty() => Ok(SuppliedBy::Constant(value.to_owned())),
            _ => Err(format!(
                "invalid supplied_by `{text}`: expected `project-id`, `auth:<scheme>` or `constant:<value>`"
            )),
        }
    }
}

string_serde!(
    SuppliedBy,
    "`project-id`, `auth:<scheme>` (a header-token scheme) or `constant:<value>`.",
    "^(project-id|auth:.+|constant:.+)$"
);

/// Constraints a page states for a value.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Minimum length in characters (Unicode scalar values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Maximum length in characters (Unicode scalar values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// A regular expression (Rust `regex` syntax) the whole value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Pattern>,
    /// The value must not start with any of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_prefixes: Vec<String>,
    /// The value must not end with any of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_suffixes: Vec<String>,
    /// The value must not contain any of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_substrings: Vec<String>,
    /// Minimum number of array items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// Maximum number of array items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// Smallest allowed number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// Largest allowed number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// A rule that needs code, implemented once in the runtime crate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<NamedRule>,
}

/// A regular expression with the words a person reads when a value breaks it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// The expression; anchor it with `^...$` to match the whole value.
    pub regex: String,
    /// The rule in the page's words, used in violation messages.
    pub description: String,
    /// False where the page contradicts its own rule (its example breaks it): the rule is documented but
    /// not checked, and a note says why. Checking a rule the vendor itself does not follow would reject
    /// requests the service accepts.
    #[serde(default = "enforced_by_default", skip_serializing_if = "Clone::clone")]
    pub enforce: bool,
}

fn enforced_by_default() -> bool {
    true
}

/// Rules that need code, implemented once in `cloudgen-runtime`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamedRule {
    /// A password policy (character classes, forbidden words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<PasswordRule>,
}

/// A password policy: lengths go in `min_length`/`max_length` beside it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordRule {
    /// How many of the four classes (uppercase, lowercase, digit, special) must appear.
    pub min_char_classes: u8,
    /// The characters that count as special.
    pub special_chars: String,
    /// Reject characters outside letters, digits and `special_chars`; only where the page says so.
    #[serde(default)]
    pub reject_other_chars: bool,
    /// Words the password must not contain, compared case-insensitively (e.g. the administrator names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_words: Vec<String>,
    /// Also forbid each forbidden word spelled backwards.
    #[serde(default)]
    pub forbid_reversed_words: bool,
}

/// A reference to a type: `string`, `integer` (32-bit), `long` (64-bit), `number`, `boolean`, a named type,
/// or `array<T>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// A built-in scalar.
    Primitive(Primitive),
    /// A type declared under `types:`.
    Named(String),
    /// A JSON array of the inner type.
    Array(Box<TypeRef>),
}

/// Built-in scalar types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Primitive {
    /// A JSON string.
    String,
    /// A 32-bit signed integer.
    Integer,
    /// A 64-bit signed integer.
    Long,
    /// A floating-point number.
    Number,
    /// `true` or `false`.
    Boolean,
}

impl Primitive {
    const ALL: [(Primitive, &'static str); 5] = [
        (Primitive::String, "string"),
        (Primitive::Integer, "integer"),
        (Primitive::Long, "long"),
        (Primitive::Number, "number"),
        (Primitive::Boolean, "boolean"),
    ];

    /// The spelling in the spec language.
    pub fn as_str(self) -> &'static str {
        Self::ALL.iter().find(|(p, _)| *p == self).map_or("", |(_, s)| s)
    }
}

impl TypeRef {
    /// The named type this reference ends in, looking through arrays.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(name) => Some(name),
            TypeRef::Array(inner) => inner.named(),
            TypeRef::Primitive(_) => None,
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Primitive(p) => f.write_str(p.as_str()),
            TypeRef::Named(name) => f.write_str(name),
            TypeRef::Array(inner) => write!(f, "array<{inner}>"),
        }
    }
}

impl FromStr for TypeRef {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Some(inner) = text.strip_prefix("array<").and_then(|rest| rest.strip_suffix('>')) {
            return Ok(TypeRef::Array(Box::new(inner.parse()?)));
        }
        if let Some((primitive, _)) = Primitive::ALL.iter().find(|(_, s)| *s == text) {
            return Ok(TypeRef::Primitive(*primitive));
        }
        let is_name = text.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && text.chars().all(|c| c.is_ascii_alphanumeric());
        if is_name {
            Ok(TypeRef::Named(text.to_owned()))
        } else {
            Err(format!(
                "invalid type `{text}`: expected string, integer, long, number, boolean, array<T> or a type name in UpperCamelCase"
            ))
        }
    }
}

string_serde!(
    TypeRef,
    "`string`, `integer` (32-bit), `long` (64-bit), `number`, `boolean`, a type name, or `array<T>`.",
    // Balanced brackets, which a regular expression can only count to a fixed depth: four is plenty.
    concat!(
        "^(",
        "(string|integer|long|number|boolean|[A-Z][A-Za-z0-9]*)|array<(string|integer|long|number|boolean|[A-Z][A-Za-z0-9]*)>|array<array<(string|integer|long|number|boolean|[A-Z][A-Za-z0-9]*)>>|array<array<array<(string|integer|long|number|boolean|[A-Z][A-Za-z0-9]*)>>>|array<array<array<array<(string|integer|long|number|boolean|[A-Z][A-Za-z0-9]*)>>>>",
        ")$"
    )
);
