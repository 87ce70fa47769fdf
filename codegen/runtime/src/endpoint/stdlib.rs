//! The functions of the rules engine's standard library and of the AWS extensions, as plain
//! functions over Rust values (`aws.partition` lives with the partitions). Each follows the
//! Smithy specification; where the specification leaves a choice, the doc says which was made.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::Value;

/// `substring(input, start, stop, reverse)`: the characters `start..stop` of `input`, counted
/// from its end when `reverse` is set. Unset (`None`) when `input` holds a character outside
/// ASCII, when `start >= stop`, or when `stop` is past the end.
pub fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let (start, stop) = (usize::try_from(start).ok()?, usize::try_from(stop).ok()?);
    let len = input.len();
    if start >= stop || stop > len {
        return None;
    }
    let range = if reverse {
        len - stop..len - start
    } else {
        start..stop
    };
    Some(input[range].to_owned())
}

/// `uriEncode(value)`: every byte of the UTF-8 text percent-encoded (upper-case hex) except the
/// RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
pub fn uri_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// `isValidHostLabel(value, allowSubDomains)`: whether `value` is one RFC 1123 host label
/// (1 to 63 ASCII letters, digits and hyphens, not starting with a hyphen), or with
/// `allow_sub_domains` one or more of them joined by `.` (no empty label).
pub fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(is_one_host_label)
    } else {
        is_one_host_label(value)
    }
}

fn is_one_host_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && !label.starts_with('-')
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A URL as `parseURL` returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// The host, with its port when given (`example.com:8443`, `[::1]`).
    pub authority: String,
    /// The path as written (`""` when there is none).
    pub path: String,
    /// The path starting and ending with `/` (`/` when there is none).
    pub normalized_path: String,
    /// Whether the host is an IPv4 or (bracketed) IPv6 address.
    pub is_ip: bool,
}

impl Url {
    /// The record the rule set sees: `scheme`, `authority`, `path`, `normalizedPath`, `isIp`.
    pub fn into_value(self) -> Value {
        Value::Record(BTreeMap::from([
            ("scheme".to_owned(), Value::String(self.scheme)),
            ("authority".to_owned(), Value::String(self.authority)),
            ("path".to_owned(), Value::String(self.path)),
            (
                "normalizedPath".to_owned(),
                Value::String(self.normalized_path),
            ),
            ("isIp".to_owned(), Value::Bool(self.is_ip)),
        ]))
    }
}

/// `parseURL(value)`: the parts of an absolute `http` or `https` URL. Unset for anything else:
/// another scheme, no host, a query or fragment (the specification rejects a query; an
/// endpoint has no fragment either), a malformed port or bracketed address, or whitespace and
/// control characters.
pub fn parse_url(value: &str) -> Option<Url> {
    if value
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '?' || c == '#')
    {
        return None;
    }
    let (scheme, rest) = value.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let is_ip = host_is_ip(authority)?;
    let mut normalized_path = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
    })
}

/// Whether an authority's host is an IP address; `None` when the authority is malformed (no
/// host, user information, a bad port or bracketed address).
fn host_is_ip(authority: &str) -> Option<bool> {
    if authority.contains('@') {
        return None;
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (inside, after) = bracketed.split_once(']')?;
        // A zone index (`%25eth0` in a URL) is allowed after the address.
        let address = inside.split_once("%25").map_or(inside, |(a, _)| a);
        address.parse::<Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (None, port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        }
    };
    let port_ok = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    if !port.is_none_or(port_ok) {
        return None;
    }
    match host {
        None => Some(true),
        Some("") => None,
        Some(host) if host.contains(['[', ']', ':']) => None,
        Some(host) => Some(host.parse::<Ipv4Addr>().is_ok()),
    }
}

/// An ARN as `aws.parseArn` returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    /// The partition (`aws`).
    pub partition: String,
    /// The service (`s3`).
    pub service: String,
    /// The region, possibly empty.
    pub region: String,
    /// The account id, possibly empty.
    pub account_id: String,
    /// The resource, split at every `:` and `/`.
    pub resource_id: Vec<String>,
}

impl Arn {
    /// The record the rule set sees: `partition`, `service`, `region`, `accountId`,
    /// `resourceId` (an array of strings).
    pub fn into_value(self) -> Value {
        let resource = self.resource_id.into_iter().map(Value::String).collect();
        Value::Record(BTreeMap::from([
            ("partition".to_owned(), Value::String(self.partition)),
            ("service".to_owned(), Value::String(self.service)),
            ("region".to_owned(), Value::String(self.region)),
            ("accountId".to_owned(), Value::String(self.account_id)),
            ("resourceId".to_owned(), Value::Array(resource)),
        ]))
    }
}

/// `aws.parseArn(value)`: `arn:partition:service:region:account-id:resource`, where the
/// partition, service and resource are not empty (region and account id may be). Unset
/// otherwise.
pub fn parse_arn(value: &str) -> Option<Arn> {
    let mut parts = value.splitn(6, ':');
    let (arn, partition, service, region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if arn != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

/// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`: whether `value` is a bucket name
/// usable as a host name: 3 to 63 characters, lower-case letters, digits and hyphens (and dots
/// with `allow_sub_domains`, between valid host labels), starting and ending with a letter or
/// digit, and not shaped like an IPv4 address.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    let edges_ok = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (3..=63).contains(&value.len())
        && !value.bytes().any(|b| b.is_ascii_uppercase())
        && edges_ok(value.as_bytes().first())
        && edges_ok(value.as_bytes().last())
        && is_valid_host_label(value, allow_sub_domains)
        && value.parse::<Ipv4Addr>().is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_counts_from_either_end_and_rejects_bad_ranges() {
        assert_eq!(substring("abcdefg", 0, 4, false).as_deref(), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true).as_deref(), Some("defg"));
        assert_eq!(substring("abcdefg", 2, 3, true).as_deref(), Some("e"));
        assert_eq!(
            substring("abcdefg", 0, 7, false).as_deref(),
            Some("abcdefg")
        );
        // stop past the end, start not before stop, negative indices
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abc", 2, 2, false), None);
        assert_eq!(substring("abc", 3, 1, true), None);
        assert_eq!(substring("abc", -1, 2, false), None);
        // any non-ASCII character makes it unset, even outside the range
        assert_eq!(substring("abc\u{1F600}", 0, 1, false), None);
        assert_eq!(substring("", 0, 1, false), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved_characters() {
        assert_eq!(uri_encode("abcXYZ019-._~"), "abcXYZ019-._~");
        assert_eq!(uri_encode("a b/c?d=e&f"), "a%20b%2Fc%3Fd%3De%26f");
        assert_eq!(uri_encode("%:@+!*'()"), "%25%3A%40%2B%21%2A%27%28%29");
        assert_eq!(uri_encode("é€"), "%C3%A9%E2%82%AC");
        assert_eq!(uri_encode(""), "");
    }

    #[test]
    fn host_labels_follow_rfc_1123() {
        for ok in ["a", "abc", "a-b", "0", "9abc", "abc-", &"a".repeat(63)] {
            assert!(is_valid_host_label(ok, false), "{ok:?}");
        }
        for bad in ["", "-abc", "a.b", "a_b", "a b", "é", &"a".repeat(64)] {
            assert!(!is_valid_host_label(bad, false), "{bad:?}");
        }
        assert!(is_valid_host_label("a.b.c", true));
        assert!(is_valid_host_label("abc", true));
        for bad in ["a..b", ".a", "a.", "a.-b", "", "a.b_c"] {
            assert!(!is_valid_host_label(bad, true), "{bad:?}");
        }
    }

    #[test]
    fn urls_parse_into_their_parts() {
        let url = parse_url("https://example.com").unwrap();
        assert_eq!(
            url,
            Url {
                scheme: "https".into(),
                authority: "example.com".into(),
                path: String::new(),
                normalized_path: "/".into(),
                is_ip: false
            }
        );
        let url = parse_url("http://example.com:8443/foo/bar").unwrap();
        assert_eq!(
            (url.authority.as_str(), url.path.as_str()),
            ("example.com:8443", "/foo/bar")
        );
        assert_eq!(url.normalized_path, "/foo/bar/");
        assert_eq!(
            parse_url("https://example.com/").unwrap().normalized_path,
            "/"
        );
        assert!(parse_url("https://127.0.0.1:80/x").unwrap().is_ip);
        assert!(parse_url("https://[fe80::1]").unwrap().is_ip);
        assert!(parse_url("https://[fe80::1%25en0]:443/").unwrap().is_ip);
        assert!(!parse_url("https://127.0.0.1.example.com").unwrap().is_ip);
        for bad in [
            "https://example.com/path?query=1",
            "https://example.com?x",
            "https://example.com#frag",
            "example.com",
            "ftp://example.com",
            "https://",
            "https://:80",
            "https://example.com:",
            "https://example.com:8x",
            "https://[nope]",
            "https://[::1]x",
            "https://user@example.com",
            "https://exa mple.com",
            "",
        ] {
            assert_eq!(parse_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn arns_parse_into_their_parts() {
        let arn = parse_arn("arn:aws:s3:us-east-1:123456789012:accesspoint/my-ap:obj").unwrap();
        assert_eq!(
            arn,
            Arn {
                partition: "aws".into(),
                service: "s3".into(),
                region: "us-east-1".into(),
                account_id: "123456789012".into(),
                resource_id: vec!["accesspoint".into(), "my-ap".into(), "obj".into()],
            }
        );
        let arn = parse_arn("arn:aws:s3:::bucket").unwrap();
        assert_eq!((arn.region.as_str(), arn.account_id.as_str()), ("", ""));
        assert_eq!(arn.resource_id, ["bucket"]);
        for bad in [
            "",
            "arn",
            "arn:aws:s3:us-east-1:123",
            "arn:aws:s3:us-east-1:123:",
            "arn::s3:r:a:res",
            "arn:aws::r:a:res",
            "notarn:aws:s3:r:a:res",
        ] {
            assert_eq!(parse_arn(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn virtual_hostable_buckets() {
        for ok in ["abc", "my-bucket", "bucket1", &"a".repeat(63)] {
            assert!(is_virtual_hostable_s3_bucket(ok, false), "{ok:?}");
        }
        assert!(is_virtual_hostable_s3_bucket("my.bucket.name", true));
        for bad in [
            "ab",
            &"a".repeat(64),
            "MyBucket",
            "-abc",
            "abc-",
            "a_bc",
            "my.bucket",
        ] {
            assert!(!is_virtual_hostable_s3_bucket(bad, false), "{bad:?}");
        }
        for bad in ["192.168.0.1", "a..b", "abc.", ".abc", "a.-b"] {
            assert!(!is_virtual_hostable_s3_bucket(bad, true), "{bad:?}");
        }
    }
}
