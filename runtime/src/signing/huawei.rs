//! Huawei Cloud `SDK-HMAC-SHA256`, as `huaweicloudsdkcore`'s `Signer` computes it.

use percent_encoding::percent_decode_str;

pub use super::Signature;
use super::{EMPTY_SHA256, header, hmac_sha256_hex, percent_encode, sha256_hex};

/// The algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// A request as the signer sees it.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// The resource path as sent, path parameters already percent-encoded.
    pub path: &'a str,
    /// Query pairs, not encoded; a list parameter is one pair per value.
    pub query: &'a [(String, String)],
    /// The body bytes; `None` for no body.
    pub body: Option<&'a [u8]>,
}

/// Adds what the SDK's signer adds before signing: `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` for a
/// non-JSON content type, `X-Sdk-Date` and `Host` when absent. Header values are stripped, as on the wire.
pub fn prepare_headers(headers: &mut Vec<(String, String)>, sdk_date: &str, host: &str) {
    for (_, value) in headers.iter_mut() {
        *value = value.trim().to_owned();
    }
    // The SDK looks the header up by its exact spelling `Content-Type`.
    let content_type = headers.iter().find(|(n, _)| n == "Content-Type").map(|(_, v)| v.clone());
    if content_type.is_some_and(|t| !t.starts_with("application/json") && !t.starts_with("application/bson")) {
        headers.push(("X-Sdk-Content-Sha256".to_owned(), "UNSIGNED-PAYLOAD".to_owned()));
    }
    if header(headers, "x-sdk-date").is_none() {
        headers.push(("X-Sdk-Date".to_owned(), sdk_date.to_owned()));
    }
    if header(headers, "host").is_none() {
        headers.push(("Host".to_owned(), host.to_owned()));
    }
}

/// Signs `request` whose headers went through [`prepare_headers`].
pub fn sign(request: &SignableRequest<'_>, headers: &[(String, String)], ak: &str, sk: &str) -> Signature {
    let mut signed: Vec<(String, &str)> = headers
        .iter()
        .filter(|(name, _)| !name.contains('_'))
        .map(|(name, value)| (name.to_lowercase(), value.trim()))
        .collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical_headers: String = signed.iter().map(|(name, value)| format!("{name}:{value}\n")).collect();
    let signed_headers = signed.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(";");
    let payload_hash = match request.body {
        None | Some([]) => EMPTY_SHA256.to_owned(),
        Some(body) => match header(headers, "x-sdk-content-sha256") {
            Some(value) => value.to_owned(),
            None => sha256_hex(body),
        },
    };
    let canonical_request = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{signed_headers}\n{payload_hash}",
        request.method.to_uppercase(),
        canonical_uri(request.path),
        canonical_query(request.query),
    );
    let date = header(headers, "x-sdk-date").unwrap_or_default();
    let string_to_sign = format!("{ALGORITHM}\n{date}\n{}", sha256_hex(canonical_request.as_bytes()));
    let signature = hmac_sha256_hex(sk.as_bytes(), string_to_sign.as_bytes());
    let authorization = format!("{ALGORITHM} Access={ak}, SignedHeaders={signed_headers}, Signature={signature}");
    Signature { canonical_request, string_to_sign, signed_headers, signature, authorization }
}

/// The SDK decodes the whole path and re-encodes each `/`-separated segment, so an encoded `/` inside a
/// parameter becomes a separator here (while the wire keeps `%2F`); a trailing `/` is always added.
fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut uri = decoded.split('/').map(percent_encode).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Pairs sorted by raw key then raw value (code points), each side percent-encoded. This is also the
/// query string the SDK sends.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = query.iter().collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect::<Vec<_>>().join("&")
}
