//! restJson1 over `http` messages: the `Operation` trait, the errors of both directions, and
//! the helpers the generated conversions call (percent-encoding, header lists, error codes);
//! the generic operation glue is in `protocol_operation`, re-exported here. No I/O: any HTTP
//! client or server can carry the messages.

mod errors;
mod finish;
mod message;
mod route;
mod text;
mod wire_errors;

pub use errors::*;
pub use finish::{
    EVENT_STREAM_MEDIA_TYPE, MIN_COMPRESSION_SIZE, RequestOptions, content_md5, expand_host_prefix,
};
pub(crate) use finish::{apply_request_options, body_headers, prefixed_endpoint};
pub use message::*;
pub use route::*;
pub use text::*;
pub use wire_errors::*;

// The generic operation glue lives in `protocol_operation`; generated code reaches it here.

pub use crate::__private::protocol_operation::{
    Media, ReadMessage, WriteMessage, read_request, read_response, unconstrained,
    unhandled_response, write_error, write_event_stream_response, write_request, write_response,
    write_unit_response,
};

/// One restJson1 operation: its types and the client's two conversions between typed values and
/// HTTP messages, so generic code (a signing-and-sending helper) can work over any operation;
/// the server's three are [`ServerOperation`].
pub trait Operation {
    /// The input structure.
    type Input;
    /// The output structure.
    type Output;
    /// The operation's error enum.
    type Error: std::error::Error;
    /// The operation name (`StartChatContact`).
    const NAME: &'static str;
    /// The HTTP method (`PUT`).
    const METHOD: &'static str;
    /// The `@http` URI template (`/contact/chat`).
    const URI_TEMPLATE: &'static str;
    /// The status code of a successful response.
    const SUCCESS_CODE: u16;

    /// Client: the request for `input`, sent to `endpoint` (a base URL such as
    /// `https://connect.us-east-1.amazonaws.com`, possibly with a path prefix). It writes what
    /// `input` holds: an unset `@idempotencyToken` member stays unset (builders fill them, see
    /// [`crate::idempotency`]), so serializing the same value again to retry sends the same token.
    fn serialize_request(
        input: &Self::Input,
        endpoint: &str,
    ) -> Result<::http::Request<Vec<u8>>, SerializeError>;

    /// Client: the output of a 2xx response, or the error of any other response. A response
    /// that cannot be parsed becomes the error enum's `Unhandled` variant.
    fn parse_response<B: AsRef<[u8]>>(
        response: &::http::Response<B>,
    ) -> Result<Self::Output, Self::Error>;
}

/// The server's half of an [`Operation`]: parsing requests and writing responses. A generated
/// crate implements it with its `server` feature (a client never parses a request, so by
/// default it does not compile the code that would).
pub trait ServerOperation: Operation {
    /// Server: the input of a request, deserialized and then validated.
    fn parse_request<B: AsRef<[u8]>>(
        request: &::http::Request<B>,
    ) -> Result<Self::Input, RequestRejection>;

    /// Server: the response carrying `output`. A value that cannot be written (a header value
    /// with control characters, an unknown union member) gives a 500 `InternalFailure`.
    fn serialize_response(output: &Self::Output) -> ::http::Response<Vec<u8>>;

    /// Server: the response carrying `error`, with its `@httpError` status.
    fn serialize_error(error: &Self::Error) -> ::http::Response<Vec<u8>>;
}
