//! Request signing, byte for byte as the vendors' official SDKs do it (see `runtime/tests/vectors/` and
//! `tools/signing-vectors/` for how that is proven).
//!
//! Each scheme is a pure function from the request's parts to the canonical strings and the signature, so
//! it can be tested against the SDKs' vectors without any network.

pub mod alibaba_acs3;
pub mod alibaba_rpc;
pub mod huawei;

use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};

/// The parts of an HMAC-SHA256 signature (Huawei and Alibaba V3), kept for tests and debugging.
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

/// Everything but the RFC 3986 unreserved characters `A-Z a-z 0-9 - _ . ~`.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// RFC 3986 percent-encoding of the UTF-8 bytes, uppercase hex (Python `quote(s, safe='~')`).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    percent_encode_into(&mut out, text);
    out
}

/// [`percent_encode`] appending to `out`. Pushing the encoder's chunks skips the `fmt` machinery and the
/// intermediate strings, most of the cost on the per-request path.
pub fn percent_encode_into(out: &mut String, text: &str) {
    out.extend(utf8_percent_encode(text, RFC3986));
}

/// Like [`percent_encode`] but a space becomes `+` (Python `quote_plus`, what `urlencode` sends).
pub fn form_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    form_encode_into(&mut out, text);
    out
}

/// [`form_encode`] appending to `out`.
pub fn form_encode_into(out: &mut String, text: &str) {
    for chunk in utf8_percent_encode(text, RFC3986) {
        out.push_str(if chunk == "%20" { "+" } else { chunk });
    }
}

/// `key=value` pairs joined by `&`, each side form-encoded: the query string `urlencode` sends.
pub fn form_encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum::<usize>() * 3 / 2);
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        form_encode_into(&mut out, key);
        out.push('=');
        form_encode_into(&mut out, value);
    }
    out
}

/// The SHA-256 of the empty string, the payload hash of a request without a body.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Lowercase hex HMAC-SHA256.
pub fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// The value of the first header named `name`, case-insensitively.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_match_python_quote_and_quote_plus() {
        assert_eq!(percent_encode("my file/ü+*~"), "my%20file%2F%C3%BC%2B%2A~");
        assert_eq!(form_encode("a b+c*d~e/f"), "a+b%2Bc%2Ad~e%2Ff");
    }

    #[test]
    fn empty_hash() {
        assert_eq!(sha256_hex(b""), EMPTY_SHA256);
    }
}
