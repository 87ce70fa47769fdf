//! What an operation's traits add to a message once its members are written: the request
//! options of `@endpoint` (host prefix), `@requestCompression` (gzip) and
//! `@httpChecksumRequired` (`Content-MD5`), and the headers every message with a body carries
//! (`Content-Type`, `Content-Length`).

use ::http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderValue};

use super::{Outgoing, SerializeError};

/// What an operation's traits add to its client requests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// The `@endpoint` host prefix template (`foo.{label}.`), its labels filled from the
    /// `@hostLabel` members.
    pub host_prefix: Option<&'static str>,
    /// `@httpChecksumRequired`: send the body's `Content-MD5` (feature `content-md5`).
    pub content_md5: bool,
    /// `@requestCompression` with `gzip`: compress a body of at least
    /// [`MIN_COMPRESSION_SIZE`] bytes (feature `request-compression`).
    pub gzip: bool,
    /// The input has an event stream: the request's `Content-Type` is
    /// [`EVENT_STREAM_MEDIA_TYPE`] (the events follow the initial request in the body).
    pub event_stream: bool,
}

/// The media type of an HTTP message whose body is an event stream.
pub const EVENT_STREAM_MEDIA_TYPE: &str = "application/vnd.amazon.eventstream";

impl RequestOptions {
    /// An operation without any of these traits.
    pub const NONE: RequestOptions = RequestOptions {
        host_prefix: None,
        content_md5: false,
        gzip: false,
        event_stream: false,
    };
}

/// The smallest body that `@requestCompression` compresses, in bytes (the AWS SDKs' default
/// `request_min_compression_size_bytes`): a smaller body can grow when compressed.
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

/// Applies the request options to the written parts of a request, in the order the wire needs:
/// the body is compressed first, so the checksum covers the bytes sent.
pub(crate) fn apply_request_options(
    out: &mut Outgoing,
    options: &RequestOptions,
) -> Result<(), SerializeError> {
    if options.gzip && out.body.len() >= MIN_COMPRESSION_SIZE {
        out.body = gzip(&out.body)?;
        append_content_encoding(&mut out.headers, "gzip")?;
    }
    if options.content_md5 {
        let digest = content_md5(&out.body)?;
        let value = HeaderValue::from_str(&digest)
            .map_err(|_| SerializeError::new("the Content-MD5 value is not a header value"))?;
        out.headers.insert("content-md5", value);
    }
    if options.event_stream && !out.headers.contains_key(CONTENT_TYPE) {
        out.headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static(EVENT_STREAM_MEDIA_TYPE),
        );
    }
    Ok(())
}

/// Sets `Content-Type` (unless a member bound to that header set it) and `Content-Length`:
/// requests carry both only with a body; responses always carry `Content-Length` (`0` for an
/// empty body), unless their status forbids a body.
pub(crate) fn body_headers(out: &mut Outgoing, request: bool, status: u16) {
    if out.body.is_empty() && request {
        return;
    }
    if !out.body.is_empty()
        && let Some(media) = out.content_type
        && !out.headers.contains_key(CONTENT_TYPE)
    {
        out.headers
            .insert(CONTENT_TYPE, HeaderValue::from_static(media));
    }
    if !(status == 204 || status == 304 || (100..200).contains(&status)) {
        out.headers
            .insert(CONTENT_LENGTH, HeaderValue::from(out.body.len()));
    }
}

/// Adds `encoding` to the `Content-Encoding` a member may have set (`custom` becomes
/// `custom, gzip`).
fn append_content_encoding(headers: &mut HeaderMap, encoding: &str) -> Result<(), SerializeError> {
    let mut values: Vec<String> = Vec::new();
    for v in headers.get_all(CONTENT_ENCODING) {
        let text = v
            .to_str()
            .map_err(|_| SerializeError::new("the Content-Encoding header is not ASCII"))?;
        values.push(text.to_owned());
    }
    values.push(encoding.to_owned());
    let joined = HeaderValue::from_str(&values.join(", "))
        .map_err(|_| SerializeError::new("the Content-Encoding header is not a header value"))?;
    headers.insert(CONTENT_ENCODING, joined);
    Ok(())
}

#[cfg(feature = "request-compression")]
fn gzip(body: &[u8]) -> Result<Vec<u8>, SerializeError> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(body)
        .and_then(|()| encoder.finish())
        .map_err(|e| SerializeError::new(format!("cannot gzip the request body: {e}")))
}

#[cfg(not(feature = "request-compression"))]
fn gzip(_: &[u8]) -> Result<Vec<u8>, SerializeError> {
    Err(SerializeError::new(
        "the operation compresses its requests (@requestCompression), but the runtime's \
         feature `request-compression` is off",
    ))
}

/// The `Content-MD5` of a body: the base64 of its MD5 digest.
#[cfg(feature = "content-md5")]
pub fn content_md5(body: &[u8]) -> Result<String, SerializeError> {
    use md5::Digest;
    Ok(crate::__private::json_text::base64_encode(
        &md5::Md5::digest(body),
    ))
}

/// The `Content-MD5` of a body: an error without the feature `content-md5`.
#[cfg(not(feature = "content-md5"))]
pub fn content_md5(_: &[u8]) -> Result<String, SerializeError> {
    Err(SerializeError::new(
        "the operation requires a checksum (@httpChecksumRequired), but the runtime's \
         feature `content-md5` is off",
    ))
}

/// The endpoint with the operation's host prefix put before its host, the `{label}`s of the
/// template filled with the `@hostLabel` values; each filled label must be a host label.
pub(crate) fn prefixed_endpoint(
    endpoint: &str,
    template: &str,
    labels: &[(&'static str, String)],
) -> Result<String, SerializeError> {
    let prefix = expand_host_prefix(template, labels)?;
    let Some(scheme_end) = endpoint.find("://") else {
        return Err(SerializeError::new(format!(
            "the endpoint `{endpoint}` must be an absolute URL such as `https://example.com`"
        )));
    };
    let host_start = scheme_end + 3;
    // After any user information (`user@host`), which is part of the authority.
    let authority_end = endpoint[host_start..]
        .find(['/', '?', '#'])
        .map_or(endpoint.len(), |i| host_start + i);
    let host_start = endpoint[host_start..authority_end]
        .rfind('@')
        .map_or(host_start, |i| host_start + i + 1);
    let mut out = String::with_capacity(endpoint.len() + prefix.len());
    out.push_str(&endpoint[..host_start]);
    out.push_str(&prefix);
    out.push_str(&endpoint[host_start..]);
    Ok(out)
}

/// The host prefix `template` with each `{label}` replaced by its value, checked: every
/// dot-separated part is 1 to 63 letters, digits and `-`, not starting or ending with `-`.
pub fn expand_host_prefix(
    template: &str,
    labels: &[(&'static str, String)],
) -> Result<String, SerializeError> {
    let mut prefix = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        prefix.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| SerializeError::new("the host prefix has an unclosed `{`"))?;
        let name = &after[..close];
        let value = labels
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| SerializeError::new(format!("the host label `{name}` is not set")))?;
        if value.is_empty() {
            return Err(SerializeError::new(format!(
                "the host label `{name}` is empty"
            )));
        }
        prefix.push_str(value);
        rest = &after[close + 1..];
    }
    prefix.push_str(rest);
    // Without a final `.`, the last part runs on into the endpoint's host: only its characters
    // and its start are checked.
    let (parts, open_end) = match prefix.strip_suffix('.') {
        Some(parts) => (parts, false),
        None => (prefix.as_str(), true),
    };
    let count = parts.split('.').count();
    for (i, part) in parts.split('.').enumerate() {
        let last_open = open_end && i + 1 == count;
        let valid = part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !part.starts_with('-')
            && (last_open || ((1..=63).contains(&part.len()) && !part.ends_with('-')));
        if !valid {
            return Err(SerializeError::new(format!(
                "the host prefix `{template}` with its labels filled is not a valid host name \
                 (each part 1 to 63 letters, digits or `-`)"
            )));
        }
    }
    Ok(prefix)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_host_prefix_goes_before_the_host_with_its_labels_filled() {
        // Smithy's `RestJsonEndpointTrait` and `RestJsonEndpointTraitWithHostLabel`.
        assert_eq!(
            prefixed_endpoint("https://example.com", "foo.", &[]).unwrap(),
            "https://foo.example.com"
        );
        let labels = [("label", "bar".to_owned())];
        assert_eq!(
            prefixed_endpoint("https://example.com/custom", "foo.{label}.", &labels).unwrap(),
            "https://foo.bar.example.com/custom"
        );
        assert_eq!(
            prefixed_endpoint("http://user@example.com:8080", "{label}-x.", &labels).unwrap(),
            "http://user@bar-x.example.com:8080"
        );
    }

    #[test]
    fn host_labels_that_are_not_host_names_are_refused() {
        for bad in ["", "a/b", "a b", "-a", "a-", "a..b", &"x".repeat(64)] {
            let labels = [("label", bad.to_owned())];
            let err = expand_host_prefix("foo.{label}.", &labels).unwrap_err();
            assert!(err.message().contains("host"), "{bad:?}: {err}");
        }
        assert_eq!(
            expand_host_prefix("{label}.", &[]).unwrap_err().message(),
            "the host label `label` is not set"
        );
        let labels = [("label", "a.b-c".to_owned())];
        assert_eq!(expand_host_prefix("{label}.", &labels).unwrap(), "a.b-c.");
    }

    #[test]
    fn content_encoding_is_appended_to() {
        let mut headers = HeaderMap::new();
        append_content_encoding(&mut headers, "gzip").unwrap();
        assert_eq!(headers[CONTENT_ENCODING], "gzip");
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static("custom"));
        append_content_encoding(&mut headers, "gzip").unwrap();
        assert_eq!(headers[CONTENT_ENCODING], "custom, gzip");
    }

    #[test]
    fn requests_without_a_body_carry_no_body_headers_and_responses_a_zero_length() {
        let mut out = Outgoing::default();
        out.content_type("application/json");
        body_headers(&mut out, true, 0);
        assert!(out.headers.is_empty());
        body_headers(&mut out, false, 200);
        assert_eq!(out.headers[CONTENT_LENGTH], "0");
        assert!(!out.headers.contains_key(CONTENT_TYPE));
        let mut out = Outgoing::default();
        body_headers(&mut out, false, 204);
        assert!(out.headers.is_empty());
    }

    #[test]
    fn an_explicit_content_type_header_wins_over_the_body_media_type() {
        let mut out = Outgoing {
            body: b"1234".to_vec(),
            ..Outgoing::default()
        };
        out.header("Content-Type", "image/jpg").unwrap();
        out.content_type("application/octet-stream");
        body_headers(&mut out, true, 0);
        let types: Vec<_> = out.headers.get_all(CONTENT_TYPE).iter().collect();
        assert_eq!(types, ["image/jpg"]);
        assert_eq!(out.headers[CONTENT_LENGTH], "4");
    }

    #[cfg(feature = "content-md5")]
    #[test]
    fn content_md5_is_the_base64_of_the_md5_digest() {
        // Smithy's `RestJsonHttpChecksumRequired`: the body as this crate writes it.
        assert_eq!(
            content_md5(br#"{"foo":"base64 encoded md5 checksum"}"#).unwrap(),
            "iB0/3YSo7maijL0IGOgA9g=="
        );
        // RFC 1864's reference: the MD5 of the empty string.
        assert_eq!(content_md5(b"").unwrap(), "1B2M2Y8AsgTpgAmY7PhCfg==");
    }

    #[cfg(not(feature = "content-md5"))]
    #[test]
    fn without_the_feature_a_checksum_is_a_clear_error() {
        let err = content_md5(b"x").unwrap_err();
        assert!(err.message().contains("`content-md5`"), "{err}");
    }

    #[test]
    fn an_event_stream_request_says_so_unless_a_member_set_the_content_type() {
        let options = RequestOptions {
            event_stream: true,
            ..RequestOptions::NONE
        };
        let mut out = Outgoing::default();
        apply_request_options(&mut out, &options).unwrap();
        assert_eq!(out.headers[CONTENT_TYPE], EVENT_STREAM_MEDIA_TYPE);
        let mut out = Outgoing::default();
        out.header("Content-Type", "application/x-custom").unwrap();
        apply_request_options(&mut out, &options).unwrap();
        assert_eq!(out.headers[CONTENT_TYPE], "application/x-custom");
        let mut out = Outgoing::default();
        apply_request_options(&mut out, &RequestOptions::NONE).unwrap();
        assert!(!out.headers.contains_key(CONTENT_TYPE));
    }

    #[cfg(feature = "request-compression")]
    #[test]
    fn large_bodies_are_gzipped_and_small_ones_left_alone() {
        use std::io::Read;
        let options = RequestOptions {
            gzip: true,
            ..RequestOptions::NONE
        };
        let small = b"{\"data\":\"small\"}".to_vec();
        let mut out = Outgoing {
            body: small.clone(),
            ..Outgoing::default()
        };
        apply_request_options(&mut out, &options).unwrap();
        assert_eq!(out.body, small);
        assert!(!out.headers.contains_key(CONTENT_ENCODING));

        let large = vec![b'a'; MIN_COMPRESSION_SIZE];
        let mut out = Outgoing {
            body: large.clone(),
            ..Outgoing::default()
        };
        out.header("Content-Encoding", "custom").unwrap();
        apply_request_options(&mut out, &options).unwrap();
        assert_eq!(out.headers[CONTENT_ENCODING], "custom, gzip");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(out.body.as_slice())
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, large);
    }

    #[cfg(all(feature = "request-compression", feature = "content-md5"))]
    #[test]
    fn the_checksum_covers_the_compressed_body() {
        let options = RequestOptions {
            gzip: true,
            content_md5: true,
            host_prefix: None,
            event_stream: false,
        };
        let mut out = Outgoing {
            body: vec![b'a'; MIN_COMPRESSION_SIZE],
            ..Outgoing::default()
        };
        apply_request_options(&mut out, &options).unwrap();
        assert_eq!(out.headers["content-md5"], content_md5(&out.body).unwrap());
    }
}
