//! The parts of an HTTP message as generated code writes and reads them (`Outgoing`,
//! `Incoming`), and the errors of reading them.

use super::{SerializeError, encode};
use std::fmt;

use ::http::header::{HeaderMap, HeaderName, HeaderValue};

use crate::__private::json::JsonError;

/// The parts of a message that a structure writes (the operation adds method, path and status).
#[derive(Debug, Default)]
pub struct Outgoing {
    /// Headers.
    pub headers: HeaderMap,
    /// Query parameters, already percent-encoded, in order.
    pub query: Vec<(String, String)>,
    /// Label values by label name, not yet encoded.
    pub labels: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The media type of the body, sent as `Content-Type` unless a member bound to the
    /// `Content-Type` header says otherwise.
    pub content_type: Option<&'static str>,
    /// The `@hostLabel` values by label name, for the operation's host prefix.
    pub host_labels: Vec<(&'static str, String)>,
    /// The `@httpResponseCode` value.
    pub status: Option<u16>,
    /// Whether the message is a response (a structure can be both an input and an output,
    /// and restJson1 writes their empty bodies differently).
    pub response: bool,
}

impl Outgoing {
    /// The parts of a response, empty.
    pub fn response() -> Self {
        Outgoing {
            response: true,
            ..Outgoing::default()
        }
    }
}

impl Outgoing {
    /// Adds a header (its value must be a valid header value).
    pub fn header(&mut self, name: &str, value: &str) -> Result<(), SerializeError> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| SerializeError::new(format!("`{name}` is not a valid header name")))?;
        let value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| {
            SerializeError::new(format!(
                "the value of header `{name}` has characters HTTP does not allow"
            ))
        })?;
        self.headers.append(header, value);
        Ok(())
    }

    /// Adds a header of an `@httpPrefixHeaders` map: `prefix` then `key`, unless a member
    /// bound to that header by `@httpHeader` already set it (written first, it wins).
    pub fn prefix_header(
        &mut self,
        prefix: &str,
        key: &str,
        value: &str,
    ) -> Result<(), SerializeError> {
        let name = format!("{prefix}{key}");
        if let Ok(header) = HeaderName::from_bytes(name.as_bytes())
            && self.headers.contains_key(&header)
        {
            return Ok(());
        }
        self.header(&name, value)
    }

    /// Sets the media type of the body: the `Content-Type`, unless a member bound to that
    /// header sets one.
    pub fn content_type(&mut self, value: &'static str) {
        self.content_type = Some(value);
    }

    /// Sets the value of a `@hostLabel` member.
    pub fn host_label(&mut self, name: &'static str, value: &str) {
        self.host_labels.push((name, value.to_owned()));
    }

    /// Adds a query parameter (encoded here).
    pub fn query(&mut self, name: &str, value: &str) {
        self.query.push((encode(name, false), encode(value, false)));
    }

    /// Whether a query parameter with this (unencoded) name is already set.
    pub fn has_query(&self, name: &str) -> bool {
        let name = encode(name, false);
        self.query.iter().any(|(k, _)| *k == name)
    }

    /// Sets a label value.
    pub fn label(&mut self, name: &'static str, value: String) {
        self.labels.push((name, value));
    }
}

/// The parts of a received message a structure reads.
pub struct Incoming<'a> {
    /// The status (0 for a request).
    pub status: u16,
    /// Headers.
    pub headers: &'a HeaderMap,
    /// Decoded query parameters, in order.
    pub query: &'a [(String, String)],
    /// Decoded label values by label name.
    pub labels: &'a [(&'static str, String)],
    /// The body.
    pub body: &'a [u8],
    /// Whether a server is reading a request (missing required members are collected).
    pub server: bool,
}

impl Incoming<'_> {
    /// The values of a header joined with `,` (a header may be sent on several lines); `None`
    /// when absent. Values that are not UTF-8 are an error.
    pub fn header(&self, name: &str) -> Result<Option<String>, String> {
        let mut joined: Option<String> = None;
        for value in self.headers.get_all(name) {
            let text = std::str::from_utf8(value.as_bytes())
                .map_err(|_| format!("header `{name}` is not UTF-8"))?;
            match &mut joined {
                Some(j) => {
                    j.push_str(", ");
                    j.push_str(text);
                }
                None => joined = Some(text.to_owned()),
            }
        }
        Ok(joined)
    }

    /// `(suffix, value)` for every header starting with `prefix` (case-insensitive); header
    /// names are lower case.
    pub fn prefixed_headers(&self, prefix: &str) -> Result<Vec<(String, String)>, String> {
        let prefix = prefix.to_ascii_lowercase();
        let mut found = Vec::new();
        for name in self.headers.keys() {
            if let Some(suffix) = name.as_str().strip_prefix(prefix.as_str())
                && let Some(value) = self.header(name.as_str())?
            {
                found.push((suffix.to_owned(), value));
            }
        }
        Ok(found)
    }

    /// The first value of a query parameter.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a query parameter, in order (`None` when absent).
    pub fn query_values(&self, name: &str) -> Option<Vec<&str>> {
        let values: Vec<&str> = self
            .query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then_some(values)
    }

    /// A label's value.
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body, or `{}` when it has no JSON payload (see [`Self::has_json_payload`]).
    pub fn json_body(&self) -> &[u8] {
        if self.has_json_payload() {
            self.body
        } else {
            b"{}"
        }
    }

    /// Whether a structure `@httpPayload` is present: as [`Self::has_json_payload`], except
    /// that a server reads `{}` as unset, since that is what a client sends for an unset one
    /// (Smithy's `RestJsonHttpWithEmptyStructurePayload`).
    pub fn has_structure_payload(&self) -> bool {
        self.has_json_payload() && !(self.server && is_empty_object(self.body))
    }

    /// Whether the body holds more than JSON whitespace (space, tab, line feed, carriage
    /// return; not form feed, which `u8::is_ascii_whitespace` would accept but JSON does not):
    /// the one rule for "the body is absent" of JSON bodies and JSON `@httpPayload` members.
    pub fn has_json_payload(&self) -> bool {
        !self
            .body
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    }
}

/// Whether `body` is `{}`, JSON whitespace aside.
fn is_empty_object(body: &[u8]) -> bool {
    let mut inner = body
        .iter()
        .filter(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    matches!(
        (inner.next(), inner.next(), inner.next()),
        (Some(b'{'), Some(b'}'), None)
    )
}

/// Why a message part could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The JSON body.
    Json(JsonError),
    /// A header, label, query value or payload.
    Binding(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Json(e) => e.fmt(f),
            ReadError::Binding(m) => f.write_str(m),
        }
    }
}

/// Reads a JSON body (an empty one reads as `{}`) as a client or a server.
pub fn read_json<'a, T: serde::Deserialize<'a>>(
    body: &'a [u8],
    server: bool,
    missing: &mut Vec<String>,
) -> Result<T, ReadError> {
    if server {
        let (value, found) =
            crate::__private::json::from_slice_server(body).map_err(ReadError::Json)?;
        missing.extend(found);
        Ok(value)
    } else {
        crate::__private::json::from_slice(body).map_err(ReadError::Json)
    }
}

/// A required member bound to a header, label or query parameter is absent.
pub fn missing_binding<T: crate::__private::json::Placeholder>(
    member: &str,
    location: &str,
    server: bool,
    missing: &mut Vec<String>,
) -> Result<T, ReadError> {
    if server {
        missing.push(format!("/{member}"));
        Ok(T::placeholder())
    } else {
        Err(ReadError::Binding(format!(
            "missing required member `{member}` ({location})"
        )))
    }
}
