//! Alibaba Cloud RPC signature V1.0 (`HMAC-SHA1`), as `alibabacloud_tea_openapi` computes it with
//! `signature_algorithm='v2'`.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::percent_encode_into;

/// The parts of a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The string to sign.
    pub string_to_sign: String,
    /// Base64 signature, the value of the `Signature` parameter.
    pub signature: String,
}

/// Signs the union of query and body parameters (the body wins on a clash, as in the SDK).
pub fn sign(method: &str, query: &[(String, String)], body: &[(String, String)], sk: &str) -> Signature {
    let mut params: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for (key, value) in body {
        match params.iter_mut().find(|(k, _)| k == key) {
            Some(existing) => existing.1 = value,
            None => params.push((key, value)),
        }
    }
    params.sort_by(|a, b| a.0.cmp(b.0));
    let mut canonical = String::with_capacity(512);
    for (i, (key, value)) in params.iter().enumerate() {
        if i > 0 {
            canonical.push('&');
        }
        percent_encode_into(&mut canonical, key);
        canonical.push('=');
        percent_encode_into(&mut canonical, value);
    }
    let mut string_to_sign = String::with_capacity(canonical.len() * 3 / 2 + 16);
    string_to_sign.push_str(method);
    string_to_sign.push_str("&%2F&");
    percent_encode_into(&mut string_to_sign, &canonical);
    let mut mac = Hmac::<Sha1>::new_from_slice(format!("{sk}&").as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    Signature { string_to_sign, signature }
}
