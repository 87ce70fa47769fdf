//! The generic half of every operation's four conversions. A generated `Operation` impl only
//! names its route (method, path template, literal query, content type, status) and its errors;
//! these functions do the rest with the input, output and error structures, each of which
//! implements [`WriteMessage`] and [`ReadMessage`]. Reached through `crate::__private::protocol`, which re-exports what the
//! generated code calls. The generic entry points are `#[inline]`, so each is compiled with
//! its operation as the glue was when it was generated inline (without it, the runtime
//! benchmark's `serialize_request` ran about 15% slower).

use ::http::header::{HeaderMap, HeaderValue};

use crate::__private::protocol::{
    Incoming, Outgoing, PathSegment, ReadError, RequestOptions, RequestRejection, SerializeError,
    UnhandledError, apply_request_options, body_headers, build_path, error_code_and_message,
    error_response, match_path, parse_query, prefixed_endpoint,
};
use crate::validation::{ValidationError, Violation};

/// A structure that is an operation's input, output or error, written to the parts of an HTTP
/// message where its members' bindings say. A client writes inputs; a server writes outputs
/// and errors (the generated crate implements those only with its `server` feature).
pub trait WriteMessage: Sized {
    /// Writes the members where their HTTP bindings say.
    fn write_http(&self, out: &mut Outgoing) -> Result<(), SerializeError>;
}

/// A structure that is an operation's input, output or error, read from the parts of an HTTP
/// message where its members' bindings say. A client reads outputs and errors; a server reads
/// inputs (the generated crate implements those only with its `server` feature).
pub trait ReadMessage: Sized {
    /// Reads the members from where their HTTP bindings say. A server (`msg.server`) does not
    /// fail on missing required members: it fills in placeholders and pushes their JSON
    /// Pointers to `missing`.
    fn read_http(msg: &Incoming<'_>, missing: &mut Vec<String>) -> Result<Self, ReadError>;
}

/// `smithy.api#Unit`, the input or output of an operation that has none: nothing is written
/// (see [`write_unit_response`]).
impl WriteMessage for () {
    fn write_http(&self, _: &mut Outgoing) -> Result<(), SerializeError> {
        Ok(())
    }
}

/// `smithy.api#Unit`: nothing is read.
impl ReadMessage for () {
    fn read_http(_: &Incoming<'_>, _: &mut Vec<String>) -> Result<(), ReadError> {
        Ok(())
    }
}

/// The validation of an input without constraints (`smithy.api#Unit`).
pub fn unconstrained<T>(_: &T) -> Result<(), ValidationError> {
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Client

/// Client: the request carrying `input`, sent to `endpoint` with this method, path template
/// and literal query, and what the operation's traits add (`options`: host prefix,
/// compression, checksum) (`Operation::serialize_request`).
#[inline]
pub fn write_request<T: WriteMessage>(
    input: &T,
    method: &str,
    endpoint: &str,
    path: &[PathSegment],
    literal_query: &[(&str, Option<&str>)],
    options: &RequestOptions,
) -> Result<::http::Request<Vec<u8>>, SerializeError> {
    let mut out = Outgoing::default();
    input.write_http(&mut out)?;
    apply_request_options(&mut out, options)?;
    match options.host_prefix {
        Some(template) => {
            let endpoint = prefixed_endpoint(endpoint, template, &out.host_labels)?;
            finish_request(method, &endpoint, path, literal_query, out)
        }
        None => finish_request(method, endpoint, path, literal_query, out),
    }
}

/// Client: the output of a 2xx response; any other response is turned into the operation's
/// error by `parse_error` (which matches on [`ErrorResponse::code`]). An output that cannot
/// be read becomes `unhandled` (the error enum's `Unhandled` variant).
#[inline]
pub fn read_response<T: ReadMessage, E, B: AsRef<[u8]>>(
    response: &::http::Response<B>,
    unhandled: fn(UnhandledError) -> E,
    parse_error: impl FnOnce(ErrorResponse<'_, E>) -> E,
) -> Result<T, E> {
    let status = response.status();
    if !status.is_success() {
        return Err(parse_error(ErrorResponse::new(response, unhandled)));
    }
    let msg = Incoming {
        status: status.as_u16(),
        headers: response.headers(),
        query: &[],
        labels: &[],
        body: response.body().as_ref(),
        server: false,
    };
    T::read_http(&msg, &mut Vec::new()).map_err(|e| {
        unhandled(UnhandledError::new(
            None,
            Some(format!("could not parse the response: {e}")),
            status,
            response.headers().clone(),
        ))
    })
}

/// A client's non-2xx response, with its error code and message already extracted, on its way
/// to becoming one variant of an operation's error enum.
pub struct ErrorResponse<'a, E> {
    code: Option<String>,
    message: Option<String>,
    status: ::http::StatusCode,
    msg: Incoming<'a>,
    unhandled: fn(UnhandledError) -> E,
}

impl<'a, E> ErrorResponse<'a, E> {
    /// The error of `response`; `unhandled` wraps an error the operation does not model.
    pub fn new<B: AsRef<[u8]>>(
        response: &'a ::http::Response<B>,
        unhandled: fn(UnhandledError) -> E,
    ) -> Self {
        let body = response.body().as_ref();
        let (code, message) = error_code_and_message(response.headers(), body);
        ErrorResponse {
            code,
            message,
            status: response.status(),
            msg: Incoming {
                status: response.status().as_u16(),
                headers: response.headers(),
                query: &[],
                labels: &[],
                body,
                server: false,
            },
            unhandled,
        }
    }

    /// The error code the response names (see `error_code_and_message`).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The modeled error the code named, read from the response and wrapped by `variant`; one
    /// that cannot be read is unhandled, with a message saying why.
    pub fn read<T: ReadMessage>(self, variant: impl FnOnce(T) -> E) -> E {
        match T::read_http(&self.msg, &mut Vec::new()) {
            Ok(error) => variant(error),
            Err(e) => {
                let code = self.code.as_deref().unwrap_or_default();
                let message = format!("could not parse the `{code}` error: {e}");
                self.unhandled_with(Some(message))
            }
        }
    }

    /// An error the operation does not model, with the response's code and message.
    pub fn unhandled(mut self) -> E {
        let message = self.message.take();
        self.unhandled_with(message)
    }

    fn unhandled_with(self, message: Option<String>) -> E {
        let headers: &HeaderMap = self.msg.headers;
        (self.unhandled)(UnhandledError::new(
            self.code,
            message,
            self.status,
            headers.clone(),
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// Server

/// The media types of an operation, as its server checks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Media {
    /// The `Content-Type` a request with a body must have; `None` when the input has nothing
    /// bound to the body (a request with a body is then refused).
    pub request: Option<&'static str>,
    /// Whether any `Content-Type`, or none, is accepted (a blob payload without `@mediaType`).
    pub any: bool,
    /// The media type of the response body, which the request's `Accept` must allow; `None`
    /// when the output has no body.
    pub response: Option<&'static str>,
}

/// Server: the input of a request for the operation with this method, path template and
/// media types, deserialized and then checked by `validate` (missing required members are
/// reported with its violations). Checks run in the order a Smithy server runs them: the route
/// (404, 405), the `Content-Type` (415), the `Accept` (406), then the message (400).
#[inline]
pub fn read_request<T: ReadMessage, B: AsRef<[u8]>>(
    request: &::http::Request<B>,
    method: &str,
    path: &[PathSegment],
    media: &Media,
    validate: impl FnOnce(&T) -> Result<(), ValidationError>,
) -> Result<T, RequestRejection> {
    if request.method().as_str() != method {
        return Err(RequestRejection::MethodNotAllowed(String::from(
            request.method().as_str(),
        )));
    }
    let labels = match_path(path, request.uri().path())
        .ok_or_else(|| RequestRejection::NotFound(String::from(request.uri().path())))?;
    let query = parse_query(request.uri().query())?;
    let body = request.body().as_ref();
    check_content_type(request.headers(), body, media)?;
    check_accept(request.headers(), media.response)?;
    let msg = Incoming {
        status: 0,
        headers: request.headers(),
        query: &query,
        labels: &labels,
        body,
        server: true,
    };
    let mut missing = Vec::new();
    let input = crate::__private::json::in_server_mode(|| T::read_http(&msg, &mut missing))
        .map_err(|e| RequestRejection::Serialization(e.to_string()))?;
    check_constraints(missing, validate(&input))?;
    Ok(input)
}

/// Server: the response carrying `output` with this status (unless the output has an
/// `@httpResponseCode` member); a 500 `InternalFailure` when it cannot be written.
#[inline]
pub fn write_response<T: WriteMessage>(output: &T, status: u16) -> ::http::Response<Vec<u8>> {
    let mut out = Outgoing::response();
    match output.write_http(&mut out) {
        Ok(()) => finish_response(status, out),
        Err(e) => internal_failure(&e),
    }
}

/// Server: the initial response of an operation whose output has an event stream: as
/// [`write_response`], with `Content-Type: application/vnd.amazon.eventstream` (unless a member
/// bound to that header set one); the events follow in the body.
pub fn write_event_stream_response<T: WriteMessage>(
    output: &T,
    status: u16,
) -> ::http::Response<Vec<u8>> {
    let mut response = write_response(output, status);
    if response.status().is_success()
        && !response
            .headers()
            .contains_key(::http::header::CONTENT_TYPE)
    {
        response.headers_mut().insert(
            ::http::header::CONTENT_TYPE,
            HeaderValue::from_static(crate::__private::protocol::EVENT_STREAM_MEDIA_TYPE),
        );
    }
    response
}

/// Server: the response of an operation whose output is `smithy.api#Unit`: no body (Smithy's
/// `RestJsonNoInputAndNoOutput`; an output structure without members is `{}`).
pub fn write_unit_response(status: u16) -> ::http::Response<Vec<u8>> {
    finish_response(status, Outgoing::response())
}

/// Server: the response carrying a modeled error with its `@httpError` status and its code
/// (the shape name) in `X-Amzn-ErrorType`; a 500 `InternalFailure` when it cannot be written.
#[inline]
pub fn write_error<T: WriteMessage>(
    error: &T,
    status: u16,
    code: &str,
) -> ::http::Response<Vec<u8>> {
    let mut out = Outgoing::response();
    match error.write_http(&mut out) {
        Ok(()) => finish_error(status, code, out),
        Err(e) => internal_failure(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// Assembling and checking messages

/// Assembles a client request (`Content-Type` and `Content-Length` only with a body).
pub fn finish_request(
    method: &str,
    endpoint: &str,
    path: &[PathSegment],
    literal_query: &[(&str, Option<&str>)],
    mut out: Outgoing,
) -> Result<::http::Request<Vec<u8>>, SerializeError> {
    body_headers(&mut out, true, 0);
    let mut uri = endpoint.trim_end_matches('/').to_owned();
    uri.push_str(&build_path(path, &out.labels)?);
    let mut separator = '?';
    for (k, v) in literal_query {
        uri.push(separator);
        separator = '&';
        uri.push_str(k);
        if let Some(v) = v {
            uri.push('=');
            uri.push_str(v);
        }
    }
    for (k, v) in &out.query {
        uri.push(separator);
        separator = '&';
        uri.push_str(k);
        uri.push('=');
        uri.push_str(v);
    }
    let uri: ::http::Uri = uri.parse().map_err(|e| {
        SerializeError::new(format!(
            "invalid request URI (check the endpoint `{endpoint}`): {e}"
        ))
    })?;
    if uri.scheme().is_none() || uri.authority().is_none() {
        return Err(SerializeError::new(format!(
            "the endpoint `{endpoint}` must be an absolute URL such as `https://example.com`"
        )));
    }
    let mut request = ::http::Request::new(out.body);
    *request.method_mut() = ::http::Method::from_bytes(method.as_bytes())
        .map_err(|_| SerializeError::new(format!("invalid method `{method}`")))?;
    *request.uri_mut() = uri;
    *request.headers_mut() = out.headers;
    Ok(request)
}

/// Assembles a server response (the `@httpResponseCode` member wins over `status`), with its
/// `Content-Length` (and its body's `Content-Type`).
pub fn finish_response(status: u16, mut out: Outgoing) -> ::http::Response<Vec<u8>> {
    let status = out.status.unwrap_or(status);
    body_headers(&mut out, false, status);
    let mut response = ::http::Response::new(out.body);
    match ::http::StatusCode::from_u16(status) {
        Ok(code) => *response.status_mut() = code,
        Err(_) => {
            return internal_failure(&SerializeError::new(format!(
                "invalid status code {status}"
            )));
        }
    }
    *response.headers_mut() = out.headers;
    response
}

/// Assembles a server's error response for a modeled error.
pub fn finish_error(status: u16, code: &str, out: Outgoing) -> ::http::Response<Vec<u8>> {
    let mut response = finish_response(status, out);
    if let Ok(value) = HeaderValue::from_str(code) {
        response.headers_mut().insert("x-amzn-errortype", value);
    }
    response
}

/// A server's response for an error this crate does not model.
pub fn unhandled_response(error: &UnhandledError) -> ::http::Response<Vec<u8>> {
    let body = match error.message() {
        Some(message) => serde_json::json!({ "message": message }),
        None => serde_json::json!({}),
    };
    let mut response = error_response(
        error.status().as_u16(),
        error.code().unwrap_or("InternalFailure"),
        body.to_string().into_bytes(),
    );
    if error.code().is_none() {
        response.headers_mut().remove("x-amzn-errortype");
    }
    response
}

/// The 500 response for an output the server could not write.
pub fn internal_failure(error: &SerializeError) -> ::http::Response<Vec<u8>> {
    let body = serde_json::json!({ "message": error.message() }).to_string();
    error_response(500, "InternalFailure", body.into_bytes())
}

/// Combines the missing required members with the validator's violations (dropping those
/// about the placeholders that stand in for the missing members).
pub fn check_constraints(
    missing: Vec<String>,
    validated: Result<(), ValidationError>,
) -> Result<(), RequestRejection> {
    let mut violations: Vec<Violation> = missing.iter().map(Violation::required).collect();
    if let Err(error) = validated {
        for v in error.violations() {
            let about_placeholder = missing.iter().any(|m| {
                v.path == *m
                    || (v.path.starts_with(m.as_str()) && v.path[m.len()..].starts_with('/'))
            });
            if !about_placeholder {
                violations.push(v.clone());
            }
        }
    }
    match ValidationError::from_violations(violations) {
        None => Ok(()),
        Some(error) => Err(RequestRejection::Validation(error)),
    }
}

/// Checks a request's `Content-Type` against what the operation expects (see [`Media`]): a
/// body needs the expected media type (parameters aside), and an input with nothing bound to
/// the body takes no body. A `Content-Type` on a request without a body is not looked at.
pub fn check_content_type(
    headers: &HeaderMap,
    body: &[u8],
    media: &Media,
) -> Result<(), RequestRejection> {
    let given = headers
        .get(::http::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let refuse = |given: Option<String>| Err(RequestRejection::UnsupportedMediaType(given));
    match (media.request, given) {
        (None, given) if !body.is_empty() => refuse(given),
        (None, _) => Ok(()),
        (Some(_), _) if media.any => Ok(()),
        // A body without a `Content-Type` is refused like a wrong one (Smithy's malformed
        // request test `RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders`).
        (Some(_), None) if !body.is_empty() => refuse(None),
        (Some(_), None) => Ok(()),
        (Some(expected), Some(given)) => {
            let essence = given.split(';').next().unwrap_or("").trim();
            if essence.eq_ignore_ascii_case(expected) {
                Ok(())
            } else {
                refuse(Some(given))
            }
        }
    }
}

/// Checks a request's `Accept` (when it has one) allows `produced`, the media type of the
/// response body: one of its ranges is `*/*`, `type/*` of its type, or the type itself.
pub fn check_accept(headers: &HeaderMap, produced: Option<&str>) -> Result<(), RequestRejection> {
    let Some(produced) = produced else {
        return Ok(());
    };
    let mut ranges = headers.get_all(::http::header::ACCEPT).iter().peekable();
    if ranges.peek().is_none() {
        return Ok(());
    }
    let given: Vec<String> = ranges
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    let kind = produced.split('/').next().unwrap_or("");
    let allows = |range: &str| {
        let range = range.split(';').next().unwrap_or("").trim();
        range == "*/*"
            || range.eq_ignore_ascii_case(produced)
            || range
                .strip_suffix("/*")
                .is_some_and(|k| k.eq_ignore_ascii_case(kind))
    };
    if given.iter().flat_map(|v| v.split(',')).any(allows) {
        Ok(())
    } else {
        Err(RequestRejection::NotAcceptable(given.join(", ")))
    }
}
