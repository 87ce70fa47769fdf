//! What a call gives back: the output or an error, each with the response's metadata.

use std::fmt;
use std::time::Duration;

use ::http::{HeaderMap, StatusCode};

use super::TransportError;

/// What every response carries beside its output or error.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseMetadata {
    status: StatusCode,
    headers: HeaderMap,
    request_id: Option<String>,
    attempts: u32,
}

impl ResponseMetadata {
    pub(super) fn new(status: StatusCode, headers: HeaderMap, attempts: u32) -> Self {
        let request_id = ["x-amzn-requestid", "x-amz-request-id"]
            .iter()
            .find_map(|name| headers.get(*name)?.to_str().ok())
            .map(str::to_owned);
        ResponseMetadata {
            status,
            headers,
            request_id,
            attempts,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The request id the service gave (`x-amzn-requestid`): quote it to AWS support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// How many attempts the call made (1 without a retry).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// A successful call: the operation's output and the response's metadata. Dereferences to
/// the output.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<O> {
    output: O,
    metadata: ResponseMetadata,
}

impl<O> Response<O> {
    pub(super) fn new(output: O, metadata: ResponseMetadata) -> Self {
        Response { output, metadata }
    }

    /// The output.
    pub fn output(&self) -> &O {
        &self.output
    }

    /// The output, without the metadata.
    pub fn into_output(self) -> O {
        self.output
    }

    /// The response's metadata.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }

    /// The output and the metadata.
    pub fn into_parts(self) -> (O, ResponseMetadata) {
        (self.output, self.metadata)
    }
}

impl<O> std::ops::Deref for Response<O> {
    type Target = O;

    fn deref(&self) -> &O {
        &self.output
    }
}

/// What went wrong in a failed call.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind<E> {
    /// The service answered with an error: one the operation models, or its `Unhandled`
    /// variant.
    Service(E),
    /// The request got no response.
    Transport(TransportError),
    /// The attempt timeout (`attempt: true`) or the total timeout elapsed.
    Timeout {
        /// Whether it was the attempt timeout.
        attempt: bool,
        /// The timeout.
        after: Duration,
    },
    /// The request could not be made: it could not be serialized, no credentials could be
    /// had, or it could not be signed.
    Request(Box<dyn std::error::Error + Send + Sync>),
}

/// A failed call: what went wrong, whether it is retryable, and the metadata of the last
/// response when there was one.
#[derive(Debug)]
pub struct Error<E>(Box<Inner<E>>);

#[derive(Debug)]
struct Inner<E> {
    kind: ErrorKind<E>,
    retryable: bool,
    metadata: Option<ResponseMetadata>,
    body: Option<Vec<u8>>,
}

impl Error<std::convert::Infallible> {
    /// The same error as one of any operation (it carries no service error).
    pub(super) fn widen<E>(self) -> Error<E> {
        let Inner {
            kind,
            retryable,
            metadata,
            body,
        } = *self.0;
        let kind = match kind {
            ErrorKind::Service(never) => match never {},
            ErrorKind::Transport(e) => ErrorKind::Transport(e),
            ErrorKind::Timeout { attempt, after } => ErrorKind::Timeout { attempt, after },
            ErrorKind::Request(e) => ErrorKind::Request(e),
        };
        Error(Box::new(Inner {
            kind,
            retryable,
            metadata,
            body,
        }))
    }
}

impl<E> Error<E> {
    pub(super) fn new(kind: ErrorKind<E>, retryable: bool) -> Self {
        Error(Box::new(Inner {
            kind,
            retryable,
            metadata: None,
            body: None,
        }))
    }

    pub(super) fn with_response(mut self, metadata: ResponseMetadata, body: Vec<u8>) -> Self {
        self.0.metadata = Some(metadata);
        self.0.body = Some(body);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind<E> {
        &self.0.kind
    }

    /// What went wrong, by value.
    pub fn into_kind(self) -> ErrorKind<E> {
        self.0.kind
    }

    /// The service's error, when the service answered.
    pub fn service_error(&self) -> Option<&E> {
        match &self.0.kind {
            ErrorKind::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service's error by value, when the service answered.
    pub fn into_service_error(self) -> Option<E> {
        match self.0.kind {
            ErrorKind::Service(e) => Some(e),
            _ => None,
        }
    }

    /// Whether trying again may succeed: a throttling or transient service error, a
    /// transport error or a timeout (the call already retried as its configuration allows).
    pub fn is_retryable(&self) -> bool {
        self.0.retryable
    }

    /// The metadata of the error response, when the service answered.
    pub fn metadata(&self) -> Option<&ResponseMetadata> {
        self.0.metadata.as_ref()
    }

    /// The request id of the error response (`x-amzn-requestid`).
    pub fn request_id(&self) -> Option<&str> {
        self.0.metadata.as_ref()?.request_id()
    }

    /// The body of the error response as received, for what the operation does not model.
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.0.body.as_deref()
    }

    /// The `fieldList` of a `ValidationException` body (Smithy's and AWS's validation error
    /// form, which a client may not model): each invalid field's path and message. Empty
    /// when the body has none.
    pub fn field_list(&self) -> Vec<FieldError> {
        let Some(body) = &self.0.body else {
            return Vec::new();
        };
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Vec::new();
        };
        let list = value
            .get("fieldList")
            .or_else(|| value.get("FieldList"))
            .and_then(serde_json::Value::as_array);
        let text = |entry: &serde_json::Value, keys: [&str; 2]| {
            keys.iter()
                .find_map(|k| entry.get(*k)?.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        list.into_iter()
            .flatten()
            .map(|entry| FieldError {
                path: text(entry, ["path", "Path"]),
                message: text(entry, ["message", "Message"]),
            })
            .collect()
    }
}

/// One entry of a validation error's `fieldList`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldError {
    /// Where the invalid value is (a JSON Pointer such as `/ContactFlowId`).
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.kind {
            ErrorKind::Service(e) => write!(f, "service error: {e}")?,
            ErrorKind::Transport(e) => write!(f, "transport error: {e}")?,
            ErrorKind::Timeout { attempt, after } => {
                let which = if *attempt { "attempt" } else { "call" };
                write!(f, "the {which} timed out after {after:?}")?
            }
            ErrorKind::Request(e) => write!(f, "the request could not be made: {e}")?,
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            ErrorKind::Service(e) => Some(e),
            ErrorKind::Transport(e) => Some(e),
            ErrorKind::Timeout { .. } => None,
            ErrorKind::Request(e) => Some(&**e),
        }
    }
}
