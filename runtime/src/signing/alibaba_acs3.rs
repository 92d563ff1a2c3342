//! Alibaba Cloud signature V3, `ACS3-HMAC-SHA256`, as `alibabacloud_tea_openapi` computes it (the default
//! of the official SDKs).

use super::{header, hmac_sha256_hex, percent_encode, sha256_hex};

/// The algorithm name.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// The parts of a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// `;`-joined lowercase names of the signed headers.
    pub signed_headers: String,
    /// Lowercase hex signature.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

/// Signs a request. `headers` must already hold `x-acs-content-sha256` (the payload hash); every header
/// present is signed, as the SDK does.
pub fn sign(
    method: &str,
    pathname: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    ak: &str,
    sk: &str,
) -> Signature {
    let mut sorted_query: Vec<&(String, String)> = query.iter().collect();
    sorted_query.sort_by(|a, b| a.0.cmp(&b.0));
    // The SDK does not encode query keys (its docs say it does); values are RFC 3986 encoded.
    let canonical_query =
        sorted_query.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect::<Vec<_>>().join("&");
    let mut names: Vec<String> = headers.iter().map(|(n, _)| n.to_lowercase()).collect();
    names.sort();
    names.dedup();
    let canonical_headers: String = names
        .iter()
        .map(|name| {
            let mut values: Vec<&str> =
                headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim()).collect();
            values.sort_unstable();
            format!("{name}:{}\n", values.join(","))
        })
        .collect();
    let signed_headers = names.join(";");
    let payload_hash = header(headers, "x-acs-content-sha256").unwrap_or_default();
    let canonical_request =
        format!("{method}\n{pathname}\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}");
    let string_to_sign = format!("{ALGORITHM}\n{}", sha256_hex(canonical_request.as_bytes()));
    let signature = hmac_sha256_hex(sk.as_bytes(), string_to_sign.as_bytes());
    let authorization = format!("{ALGORITHM} Credential={ak},SignedHeaders={signed_headers},Signature={signature}");
    Signature { canonical_request, string_to_sign, signed_headers, signature, authorization }
}
