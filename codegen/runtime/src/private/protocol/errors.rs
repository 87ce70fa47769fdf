//! The errors of both directions: a value that cannot be written, an error response this crate
//! does not model, and a request a server rejects.

use std::fmt;

use ::http::header::{HeaderMap, HeaderValue};

use crate::__private::json::JsonError;
use crate::validation::ValidationError;

/// A value that cannot be written as an HTTP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerializeError {
    message: String,
}

impl SerializeError {
    pub fn new(message: impl Into<String>) -> Self {
        SerializeError {
            message: message.into(),
        }
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot serialize the message: {}", self.message)
    }
}

impl std::error::Error for SerializeError {}

impl From<JsonError> for SerializeError {
    fn from(error: JsonError) -> Self {
        SerializeError::new(error.to_string())
    }
}

/// An error response this crate does not model, or one it could not parse.
#[derive(Debug, Clone, PartialEq)]
pub struct UnhandledError {
    code: Option<String>,
    message: Option<String>,
    status: ::http::StatusCode,
    headers: HeaderMap,
}

impl UnhandledError {
    /// An error with this code, message, status and headers.
    pub fn new(
        code: Option<String>,
        message: Option<String>,
        status: ::http::StatusCode,
        headers: HeaderMap,
    ) -> Self {
        UnhandledError {
            code,
            message,
            status,
            headers,
        }
    }

    /// The error code (the shape name of the error), when the response named one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message, when the response carried one (or why it could not be parsed).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status.
    pub fn status(&self) -> ::http::StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unhandled error (HTTP {}): {}",
            self.status.as_u16(),
            self.code.as_deref().unwrap_or("no error code")
        )?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnhandledError {}

/// Why a server refuses a request before the operation runs.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestRejection {
    /// Constraint violations, missing required members included: 400 `ValidationException`.
    Validation(ValidationError),
    /// A body that is not valid JSON or has the wrong types, or a header, label or query value
    /// of the wrong form: 400 `SerializationException`.
    Serialization(String),
    /// A `Content-Type` the operation does not accept: 415.
    UnsupportedMediaType(Option<String>),
    /// An `Accept` that allows no media type the operation answers with: 406.
    NotAcceptable(String),
    /// A method other than the operation's: 405.
    MethodNotAllowed(String),
    /// A path that does not match the operation's URI template: 404.
    NotFound(String),
}

impl RequestRejection {
    /// The response a Smithy server gives for this rejection.
    pub fn into_http_response(self) -> ::http::Response<Vec<u8>> {
        let (status, code, body) = match &self {
            RequestRejection::Validation(error) => (400, "ValidationException", error.to_json()),
            RequestRejection::Serialization(message) => (
                400,
                "SerializationException",
                serde_json::json!({ "message": message }).to_string(),
            ),
            RequestRejection::UnsupportedMediaType(_) => {
                (415, "UnsupportedMediaTypeException", "{}".to_owned())
            }
            RequestRejection::NotAcceptable(_) => (406, "NotAcceptableException", "{}".to_owned()),
            RequestRejection::MethodNotAllowed(_) => {
                (405, "UnknownOperationException", "{}".to_owned())
            }
            RequestRejection::NotFound(_) => (404, "UnknownOperationException", "{}".to_owned()),
        };
        error_response(status, code, body.into_bytes())
    }
}

impl fmt::Display for RequestRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestRejection::Validation(error) => error.fmt(f),
            RequestRejection::Serialization(m) => write!(f, "malformed request: {m}"),
            RequestRejection::UnsupportedMediaType(t) => write!(
                f,
                "unsupported Content-Type {}",
                t.as_deref().unwrap_or("(none)")
            ),
            RequestRejection::NotAcceptable(a) => {
                write!(f, "no acceptable response for Accept {a}")
            }
            RequestRejection::MethodNotAllowed(m) => write!(f, "method {m} not allowed"),
            RequestRejection::NotFound(p) => write!(f, "no operation at {p}"),
        }
    }
}

impl std::error::Error for RequestRejection {}

/// A server's `X-Amzn-ErrorType` response with a JSON body.
pub fn error_response(status: u16, code: &str, body: Vec<u8>) -> ::http::Response<Vec<u8>> {
    let mut response = ::http::Response::new(body);
    *response.status_mut() =
        ::http::StatusCode::from_u16(status).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        ::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let length = HeaderValue::from(response.body().len());
    let headers = response.headers_mut();
    headers.insert(::http::header::CONTENT_LENGTH, length);
    if let Ok(value) = HeaderValue::from_str(code) {
        headers.insert("x-amzn-errortype", value);
    }
    response
}
