//! The canonical request's parts: URI, query string, headers, and the hashing around them.
//! Pure functions over text, each tested on its own.

use crate::__private::protocol::{encode, encode_bytes};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Headers never signed: the signature itself, and headers that proxies and HTTP stacks add,
/// change or drop on the way (a signature over them would break in transit).
pub(crate) const UNSIGNED_HEADERS: &[&str] = &[
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "expect",
    "transfer-encoding",
];

/// Lowercase hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Hex SHA-256 of bytes.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// HMAC-SHA256 of `data` under `key`.
pub(crate) fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC takes keys of every length (long ones are hashed first).
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The signing key of a day, region and service.
pub(crate) fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_date = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

/// Percent-decodes to bytes; a `%` not followed by two hex digits stays a literal `%`.
fn decode_lenient(text: &str, plus_is_space: bool) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let hex_pair = bytes.get(i + 1..i + 3).and_then(|h| {
            let h = std::str::from_utf8(h).ok()?;
            u8::from_str_radix(h, 16)
                .ok()
                .filter(|_| h.bytes().all(|c| c.is_ascii_hexdigit()))
        });
        match (b, hex_pair) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (b'+', _) if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Removes `.` and `..` segments and empty segments (repeated slashes), keeping a trailing
/// slash: `//a/./b/../c/` is `/a/c/`.
pub(crate) fn normalize_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = String::with_capacity(path.len() + 1);
    for s in &segments {
        out.push('/');
        out.push_str(s);
    }
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    if out.is_empty() || trailing {
        out.push('/');
    }
    out
}

/// The canonical URI of a request path (as sent, percent-encoded).
pub(crate) fn canonical_uri(path: &str, normalize: bool, double: bool) -> String {
    let path = if path.is_empty() { "/" } else { path };
    let path = if normalize {
        normalize_path(path)
    } else {
        path.to_owned()
    };
    if double {
        encode_bytes(path.as_bytes(), true)
    } else {
        path.split('/')
            .map(|segment| encode_bytes(&decode_lenient(segment, false), false))
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Canonical form of `(name, value)` pairs of a raw query string plus extra decoded pairs:
/// each name and value decoded (`+` is a space) and encoded again, sorted by name then value.
pub(crate) fn canonical_query(raw: Option<&str>, extra: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> = query_pairs(raw)
        .map(|(k, v)| {
            (
                encode_bytes(&decode_lenient(k, true), false),
                encode_bytes(&decode_lenient(v, true), false),
            )
        })
        .collect();
    pairs.extend(
        extra
            .iter()
            .map(|(k, v)| (encode(k, false), encode(v, false))),
    );
    pairs.sort();
    let parts: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    parts.join("&")
}

/// The raw `(name, value)` pairs of a query string, empty parts skipped.
fn query_pairs(raw: Option<&str>) -> impl Iterator<Item = (&str, &str)> {
    raw.unwrap_or("")
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| part.split_once('=').unwrap_or((part, "")))
}

/// A header value as signed: surrounding spaces and tabs trimmed, each run of spaces inside
/// collapsed to one.
pub(crate) fn canonical_header_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut in_space = false;
    for c in value.trim_matches([' ', '\t']).chars() {
        if c == ' ' {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalize_as_rfc_3986_removes_dot_segments() {
        assert_eq!(normalize_path("/"), "/");
        assert_eq!(normalize_path(""), "/");
        assert_eq!(normalize_path("//"), "/");
        assert_eq!(normalize_path("//a//b//"), "/a/b/");
        assert_eq!(normalize_path("/./a"), "/a");
        assert_eq!(normalize_path("/a/.."), "/");
        assert_eq!(normalize_path("/a/b/.."), "/a/");
        assert_eq!(normalize_path("/../../a"), "/a");
        assert_eq!(normalize_path("/a/./b/../c"), "/a/c");
    }

    #[test]
    fn uri_encoding_double_and_single() {
        assert_eq!(canonical_uri("/a%3Ab/c d", false, true), "/a%253Ab/c%20d");
        assert_eq!(canonical_uri("/a%3Ab/a:b", false, false), "/a%3Ab/a%3Ab");
        // Single encoding keeps an encoded slash inside a segment encoded.
        assert_eq!(canonical_uri("/a%2Fb", false, false), "/a%2Fb");
        assert_eq!(canonical_uri("/a%2fb", false, false), "/a%2Fb");
        assert_eq!(canonical_uri("", true, true), "/");
        // A stray `%` is a literal percent sign.
        assert_eq!(canonical_uri("/100%", false, false), "/100%25");
    }

    #[test]
    fn queries_sort_and_encode() {
        assert_eq!(
            canonical_query(Some("b=2&a=2&a=1&c&%7e=x+y&sp=%20"), &[("X-Amz-Date", "d")]),
            "X-Amz-Date=d&a=1&a=2&b=2&c=&sp=%20&~=x%20y"
        );
        assert_eq!(canonical_query(None, &[]), "");
        assert_eq!(canonical_query(Some("&&"), &[]), "");
    }

    #[test]
    fn header_values_trim_and_collapse() {
        assert_eq!(canonical_header_value("  a   b \t"), "a b");
        assert_eq!(canonical_header_value("\"a   b   c\""), "\"a b c\"");
        assert_eq!(canonical_header_value(""), "");
    }

    #[test]
    fn hashes() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        // RFC 4231, test case 2.
        assert_eq!(
            hex(&hmac(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
