//! Alibaba Cloud signature V3, `ACS3-HMAC-SHA256`, as `alibabacloud_tea_openapi` computes it (the default
//! of the official SDKs).

use std::fmt::Write as _;

pub use super::Signature;
use super::{header, hmac_sha256_hex, percent_encode_into, sha256_hex};

/// The algorithm name.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

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
    let mut canonical_request = String::with_capacity(1024);
    let _ = write!(canonical_request, "{method}\n{pathname}\n");
    for (i, (key, value)) in sorted_query.iter().enumerate() {
        if i > 0 {
            canonical_request.push('&');
        }
        // The SDK does not encode query keys (its docs say it does); values are RFC 3986 encoded.
        canonical_request.push_str(key);
        canonical_request.push('=');
        percent_encode_into(&mut canonical_request, value);
    }
    canonical_request.push('\n');
    let mut entries: Vec<(String, &str)> = headers.iter().map(|(n, v)| (n.to_ascii_lowercase(), v.trim())).collect();
    entries.sort_unstable();
    let mut signed_headers = String::with_capacity(256);
    let mut i = 0;
    while i < entries.len() {
        // Repeated names (case variants) are signed once, their sorted values joined by commas.
        let name = &entries[i].0;
        let same = entries[i..].iter().take_while(|(n, _)| n == name).count();
        let values: Vec<&str> = entries[i..i + same].iter().map(|(_, v)| *v).collect();
        let _ = writeln!(canonical_request, "{name}:{}", values.join(","));
        if !signed_headers.is_empty() {
            signed_headers.push(';');
        }
        signed_headers.push_str(name);
        i += same;
    }
    let payload_hash = header(headers, "x-acs-content-sha256").unwrap_or_default();
    let _ = write!(canonical_request, "\n{signed_headers}\n{payload_hash}");
    let string_to_sign = format!("{ALGORITHM}\n{}", sha256_hex(canonical_request.as_bytes()));
    let signature = hmac_sha256_hex(sk.as_bytes(), string_to_sign.as_bytes());
    let authorization = format!("{ALGORITHM} Credential={ak},SignedHeaders={signed_headers},Signature={signature}");
    Signature { canonical_request, string_to_sign, signed_headers, signature, authorization }
}
