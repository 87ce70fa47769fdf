//! The restJson1 binding of event streams: typed events to messages and back.
//!
//! An event-stream operation's `@streaming` union is the set of events one direction carries.
//! Each event member becomes a message with the headers
//!
//! - `:message-type` `event`, `:event-type` the member's name,
//! - `:content-type` when the message has a payload (`application/octet-stream` for a blob
//!   `@eventPayload`, `text/plain` for a string one, `application/json` for a structure or
//!   union `@eventPayload` and for the JSON object of the members that are neither
//!   `@eventHeader` nor `@eventPayload`),
//! - one header per `@eventHeader` member that is set,
//!
//! and each member targeting an `@error` structure (a modeled exception) a message with
//! `:message-type` `exception`, `:exception-type` the member's name and the structure as a
//! JSON payload. A message with `:message-type` `error` carries an unmodeled error in its
//! `:error-code` and `:error-message` headers.
//!
//! Both sides use the same two types: an [`EventWriter`] turns events into frames (a client
//! writes its input events, a server its output events) and an [`EventReader`] is fed the bytes
//! of the other side as they arrive and yields typed events ([`Received`]) or the error that
//! ends the stream ([`EventStreamError`]). Neither does I/O. Generated crates implement
//! [`EventUnion`] for each `@streaming` union and offer, per operation, functions returning
//! the writer and reader of each of its directions.

use std::fmt;
use std::marker::PhantomData;

use super::{DecodeError, Decoder, EncodeError, Encoder, HeaderValue, Limits, Message};

/// `:message-type`.
pub const MESSAGE_TYPE: &str = ":message-type";
/// `:event-type`.
pub const EVENT_TYPE: &str = ":event-type";
/// `:exception-type`.
pub const EXCEPTION_TYPE: &str = ":exception-type";
/// `:content-type`.
pub const CONTENT_TYPE: &str = ":content-type";
/// `:error-code`.
pub const ERROR_CODE: &str = ":error-code";
/// `:error-message`.
pub const ERROR_MESSAGE: &str = ":error-message";

/// A `@streaming` union of a model: the conversion of each of its members to a message and
/// back (implemented by generated crates).
pub trait EventUnion: Sized {
    /// The union's shape name, for messages.
    const NAME: &'static str;

    /// The message of this value: an `event` message, or an `exception` message for a member
    /// that targets an `@error` structure.
    fn to_message(&self) -> Result<Message, EventError>;

    /// The value of an `event` message whose `:event-type` is `event_type`; `Ok(None)` when
    /// the union has no such event member.
    fn from_event(event_type: &str, message: &Message) -> Result<Option<Self>, EventError>;

    /// The value of an `exception` message whose `:exception-type` is `exception_type`;
    /// `Ok(None)` when the union has no such error member.
    fn from_exception(exception_type: &str, message: &Message) -> Result<Option<Self>, EventError>;

    /// Checks the model's constraints on a received event (what a server's reader of input
    /// events does; see [`EventReader::validating`]). Generated unions call their `validate`.
    fn validate_event(&self) -> Result<(), crate::error::ValidationError> {
        Ok(())
    }
}

/// What one message of an event stream was, when it was not an error.
#[derive(Debug, Clone, PartialEq)]
pub enum Received<E> {
    /// An event of the union.
    Event(E),
    /// An event whose `:event-type` the union does not have (a service may add event types):
    /// kept, with the whole message, rather than failing the stream.
    Unknown {
        /// Its `:event-type`.
        event_type: String,
        /// The message.
        message: Message,
    },
}

/// A message that does not convert: a member value that does not fit the protocol, a header
/// of the wrong type, a payload that is not what its member says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    message: String,
}

impl EventError {
    /// An error with this description (starting lowercase, without a final period).
    pub fn new(message: impl Into<String>) -> EventError {
        EventError {
            message: message.into(),
        }
    }

    /// The description.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EventError {}

/// Why an event stream ended: the peer's modeled or unmodeled error, or bytes or a message
/// that break the protocol. After any of these the stream cannot go on.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EventStreamError<E> {
    /// An `exception` message of a modeled error: the union's member holding it.
    Exception(E),
    /// An `error` message, or an `exception` message of an error the union does not model.
    Unmodeled {
        /// `:error-code` (or the `:exception-type` of an unmodeled exception).
        code: String,
        /// `:error-message`, when present (or the `message` of an unmodeled exception's JSON
        /// payload).
        message: Option<String>,
    },
    /// The bytes are not a sequence of event-stream frames.
    Frame(DecodeError),
    /// A frame that is not a valid message of this stream: a missing or malformed
    /// `:message-type` or `:event-type`, or a message that does not convert.
    Malformed(EventError),
    /// An event that breaks the model's constraints, from a reader that checks them (a
    /// server's reader of input events): every violation.
    Invalid(crate::error::ValidationError),
}

impl<E: fmt::Debug> fmt::Display for EventStreamError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventStreamError::Exception(e) => {
                write!(f, "the stream ended with an exception: {e:?}")
            }
            EventStreamError::Unmodeled {
                code,
                message: Some(message),
            } => write!(f, "the stream ended with the error `{code}`: {message}"),
            EventStreamError::Unmodeled {
                code,
                message: None,
            } => write!(f, "the stream ended with the error `{code}`"),
            EventStreamError::Frame(e) => write!(f, "invalid event-stream frame: {e}"),
            EventStreamError::Malformed(e) => write!(f, "invalid event-stream message: {e}"),
            EventStreamError::Invalid(e) => write!(f, "invalid event: {e}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for EventStreamError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EventStreamError::Frame(e) => Some(e),
            EventStreamError::Malformed(e) => Some(e),
            EventStreamError::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

/// Why an event could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WriteError {
    /// The value has no message (the union's unknown variant) or does not convert.
    Event(EventError),
    /// The message does not fit the frame limits.
    Encode(EncodeError),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Event(e) => write!(f, "the event does not convert to a message: {e}"),
            WriteError::Encode(e) => write!(f, "the event does not encode: {e}"),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Event(e) => Some(e),
            WriteError::Encode(e) => Some(e),
        }
    }
}

/// The message of one event: `:message-type` and `:event-type` first. With
/// [`EventReader::read_message`], what [`EventUnion`] impls of one event build on.
pub fn event_message(event_type: &'static str) -> Message {
    Message::new(bytes::Bytes::new())
        .with_header(MESSAGE_TYPE, "event")
        .with_header(EVENT_TYPE, event_type)
}

/// The `exception` message of a modeled error, with its JSON payload.
pub fn exception_message(exception_type: &'static str, json: Vec<u8>) -> Message {
    Message::new(json)
        .with_header(MESSAGE_TYPE, "exception")
        .with_header(EXCEPTION_TYPE, exception_type)
        .with_header(CONTENT_TYPE, "application/json")
}

/// The `error` message of an unmodeled error (`:error-code`, and `:error-message` if any).
pub fn error_message(code: &str, message: Option<&str>) -> Message {
    let out = Message::new(bytes::Bytes::new())
        .with_header(MESSAGE_TYPE, "error")
        .with_header(ERROR_CODE, code.to_owned());
    match message {
        Some(text) => out.with_header(ERROR_MESSAGE, text.to_owned()),
        None => out,
    }
}

/// Turns the events of one direction of an operation into frames.
#[derive(Debug, Clone)]
pub struct EventWriter<E> {
    encoder: Encoder,
    events: PhantomData<fn(&E)>,
}

impl<E: EventUnion> Default for EventWriter<E> {
    fn default() -> Self {
        EventWriter::new()
    }
}

impl<E: EventUnion> EventWriter<E> {
    /// A writer with the default [`Limits`].
    pub fn new() -> EventWriter<E> {
        EventWriter::with_limits(Limits::default())
    }

    /// A writer that refuses messages beyond `limits`.
    pub fn with_limits(limits: Limits) -> EventWriter<E> {
        EventWriter {
            encoder: Encoder::with_limits(limits),
            events: PhantomData,
        }
    }

    /// The message of `event`, unencoded (to add headers, for example a signature).
    pub fn message(&self, event: &E) -> Result<Message, WriteError> {
        event.to_message().map_err(WriteError::Event)
    }

    /// The frame of `event`.
    pub fn write(&self, event: &E) -> Result<Vec<u8>, WriteError> {
        let mut out = Vec::new();
        self.write_into(event, &mut out)?;
        Ok(out)
    }

    /// Appends the frame of `event` to `out` (unchanged on error).
    pub fn write_into(&self, event: &E, out: &mut Vec<u8>) -> Result<(), WriteError> {
        let message = self.message(event)?;
        self.encoder
            .encode_into(&message, out)
            .map_err(WriteError::Encode)
    }

    /// The frame of an unmodeled error (`:message-type` `error`), which ends the stream.
    pub fn write_error(&self, code: &str, message: Option<&str>) -> Result<Vec<u8>, WriteError> {
        self.encoder
            .encode(&error_message(code, message))
            .map_err(WriteError::Encode)
    }
}

/// Reads the events of one direction of an operation from its bytes, fed in chunks of any size.
#[derive(Debug)]
pub struct EventReader<E> {
    decoder: Decoder,
    /// Whether received events are checked against the model's constraints.
    validate: bool,
    events: PhantomData<fn() -> E>,
}

impl<E: EventUnion> Default for EventReader<E> {
    fn default() -> Self {
        EventReader::new()
    }
}

impl<E: EventUnion> EventReader<E> {
    /// A reader with the default [`Limits`].
    pub fn new() -> EventReader<E> {
        EventReader::with_limits(Limits::default())
    }

    /// A reader that refuses frames beyond `limits`.
    pub fn with_limits(limits: Limits) -> EventReader<E> {
        EventReader {
            decoder: Decoder::with_limits(limits),
            validate: false,
            events: PhantomData,
        }
    }

    /// Hands over the next bytes of the stream.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.decoder.feed(bytes);
    }

    /// Hands over the next chunk of the stream without copying it (see
    /// [`Decoder::feed_bytes`]).
    pub fn feed_bytes(&mut self, bytes: bytes::Bytes) {
        self.decoder.feed_bytes(bytes);
    }

    /// The next complete event, `Ok(None)` when more bytes are needed, or the error that ends
    /// the stream.
    pub fn next_event(&mut self) -> Result<Option<Received<E>>, EventStreamError<E>> {
        match self.decoder.next_message() {
            Ok(Some(message)) => match Self::read_message(message)? {
                Received::Event(event) if self.validate => match event.validate_event() {
                    Ok(()) => Ok(Some(Received::Event(event))),
                    Err(violations) => Err(EventStreamError::Invalid(violations)),
                },
                received => Ok(Some(received)),
            },
            Ok(None) => Ok(None),
            Err(e) => Err(EventStreamError::Frame(e)),
        }
    }

    /// At the end of the stream's bytes: an error if a frame was left unfinished.
    pub fn finish(&self) -> Result<(), EventStreamError<E>> {
        self.decoder.finish().map_err(EventStreamError::Frame)
    }

    /// The same reader, checking each event against the model's constraints (a server's
    /// reader of input events is made so): an event that breaks one ends the stream with
    /// [`EventStreamError::Invalid`].
    pub fn validating(mut self) -> EventReader<E> {
        self.validate = true;
        self
    }

    /// The meaning of one decoded message.
    pub fn read_message(message: Message) -> Result<Received<E>, EventStreamError<E>> {
        let malformed = |text: String| EventStreamError::Malformed(EventError::new(text));
        let kind = match message.header(MESSAGE_TYPE) {
            None => {
                return Err(malformed(format!(
                    "the message has no `{MESSAGE_TYPE}` header"
                )));
            }
            Some(HeaderValue::String(kind)) => kind.clone(),
            Some(other) => {
                return Err(malformed(format!(
                    "the `{MESSAGE_TYPE}` header has type {}, not string",
                    other.type_name()
                )));
            }
        };
        let text = |name: &str| -> Result<String, EventStreamError<E>> {
            match message.header(name) {
                None => Err(malformed(format!(
                    "the {kind} message has no `{name}` header"
                ))),
                Some(HeaderValue::String(value)) => Ok(value.to_string()),
                Some(other) => Err(malformed(format!(
                    "the `{name}` header has type {}, not string",
                    other.type_name()
                ))),
            }
        };
        match &*kind {
            "event" => {
                let event_type = text(EVENT_TYPE)?;
                match E::from_event(&event_type, &message) {
                    Ok(Some(event)) => Ok(Received::Event(event)),
                    Ok(None) => Ok(Received::Unknown {
                        event_type,
                        message,
                    }),
                    Err(e) => Err(EventStreamError::Malformed(e)),
                }
            }
            "exception" => {
                let exception_type = text(EXCEPTION_TYPE)?;
                match E::from_exception(&exception_type, &message) {
                    Ok(Some(error)) => Err(EventStreamError::Exception(error)),
                    Ok(None) => Err(EventStreamError::Unmodeled {
                        message: json_message(message.payload()),
                        code: exception_type,
                    }),
                    Err(e) => Err(EventStreamError::Malformed(e)),
                }
            }
            "error" => {
                let code = text(ERROR_CODE)?;
                let message = match message.header(ERROR_MESSAGE) {
                    Some(HeaderValue::String(text)) => Some(text.to_string()),
                    _ => None,
                };
                Err(EventStreamError::Unmodeled { code, message })
            }
            other => Err(malformed(format!(
                "the `{MESSAGE_TYPE}` header is {other:?}, not `event`, `exception` or `error`"
            ))),
        }
    }
}

/// The `message` (or `Message`) string of a JSON object payload, if it is one.
fn json_message(payload: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(payload).ok()?;
    let object = value.as_object()?;
    ["message", "Message", "errorMessage"]
        .iter()
        .find_map(|key| object.get(*key)?.as_str().map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A union of one event (`ping`, a string payload) and one exception (`oops`).
    #[derive(Debug, Clone, PartialEq)]
    enum Union {
        Ping(String),
        Oops(String),
    }

    impl EventUnion for Union {
        const NAME: &'static str = "Union";

        fn to_message(&self) -> Result<Message, EventError> {
            Ok(match self {
                Union::Ping(text) => {
                    let mut m = event_message("ping").with_header(CONTENT_TYPE, "text/plain");
                    m.payload = text.clone().into_bytes().into();
                    m
                }
                Union::Oops(text) => {
                    exception_message("oops", format!("{{\"message\":{text:?}}}").into_bytes())
                }
            })
        }

        fn from_event(event_type: &str, message: &Message) -> Result<Option<Self>, EventError> {
            match event_type {
                "ping" => String::from_utf8(message.payload().to_vec())
                    .map(|t| Some(Union::Ping(t)))
                    .map_err(|_| EventError::new("not UTF-8")),
                _ => Ok(None),
            }
        }

        fn from_exception(
            exception_type: &str,
            message: &Message,
        ) -> Result<Option<Self>, EventError> {
            match exception_type {
                "oops" => Ok(Some(Union::Oops(
                    json_message(message.payload()).unwrap_or_default(),
                ))),
                _ => Ok(None),
            }
        }

        /// A `ping` must say something (a `@length(min: 1)` in model terms).
        fn validate_event(&self) -> Result<(), crate::error::ValidationError> {
            use crate::validation::{Path, Violations};
            let mut violations = Violations::new();
            if let Union::Ping(text) = self {
                let path = Path::Member(&Path::Root, "ping");
                violations.length(
                    &path,
                    text.len(),
                    1,
                    10,
                    "Member must have length between 1 and 10, inclusive",
                );
            }
            violations.finish()
        }
    }

    #[test]
    fn a_validating_reader_ends_the_stream_at_an_invalid_event_and_a_plain_one_passes_it() {
        let writer = EventWriter::<Union>::new();
        let mut bytes = writer.write(&Union::Ping("hi".to_owned())).unwrap();
        bytes.extend(writer.write(&Union::Ping(String::new())).unwrap());
        let mut plain = EventReader::<Union>::new();
        plain.feed(&bytes);
        assert!(
            matches!(plain.next_event(), Ok(Some(Received::Event(Union::Ping(t)))) if t == "hi")
        );
        assert!(
            matches!(plain.next_event(), Ok(Some(Received::Event(Union::Ping(t)))) if t.is_empty())
        );
        let mut checked = EventReader::<Union>::new().validating();
        checked.feed(&bytes);
        assert!(matches!(checked.next_event(), Ok(Some(Received::Event(_)))));
        match checked.next_event() {
            Err(EventStreamError::Invalid(violations)) => assert_eq!(
                violations.to_string(),
                "1 validation error detected. Value with length 0 at '/ping' failed to satisfy constraint: \
                 Member must have length between 1 and 10, inclusive"
            ),
            other => panic!("expected the violation, got {other:?}"),
        }
    }

    fn read_all(
        bytes: &[u8],
        chunk: usize,
    ) -> Vec<Result<Received<Union>, EventStreamError<Union>>> {
        let mut reader = EventReader::<Union>::new();
        let mut out = Vec::new();
        for piece in bytes.chunks(chunk) {
            reader.feed(piece);
            loop {
                match reader.next_event() {
                    Ok(None) => break,
                    Ok(Some(event)) => out.push(Ok(event)),
                    Err(e) => {
                        out.push(Err(e));
                        return out;
                    }
                }
            }
        }
        if let Err(e) = reader.finish() {
            out.push(Err(e));
        }
        out
    }

    #[test]
    fn events_round_trip_in_any_chunking() {
        let writer = EventWriter::<Union>::new();
        let mut bytes = Vec::new();
        writer
            .write_into(&Union::Ping("a".into()), &mut bytes)
            .unwrap();
        writer
            .write_into(&Union::Ping("bc".into()), &mut bytes)
            .unwrap();
        for chunk in [1, 3, 7, bytes.len()] {
            assert_eq!(
                read_all(&bytes, chunk),
                [
                    Ok(Received::Event(Union::Ping("a".into()))),
                    Ok(Received::Event(Union::Ping("bc".into())))
                ]
            );
        }
    }

    #[test]
    fn unknown_events_are_kept_and_exceptions_and_errors_end_the_stream() {
        let unknown = event_message("pong").encode().unwrap();
        let results = read_all(&unknown, 4);
        assert!(matches!(
            &results[..],
            [Ok(Received::Unknown { event_type, .. })] if event_type == "pong"
        ));
        let oops = EventWriter::<Union>::new()
            .write(&Union::Oops("no".into()))
            .unwrap();
        assert_eq!(
            read_all(&oops, 5),
            [Err(EventStreamError::Exception(Union::Oops("no".into())))]
        );
        let error = EventWriter::<Union>::new()
            .write_error("internal", Some("it broke"))
            .unwrap();
        let results = read_all(&error, 5);
        assert_eq!(
            results,
            [Err(EventStreamError::Unmodeled {
                code: "internal".into(),
                message: Some("it broke".into())
            })]
        );
        assert_eq!(
            results[0].as_ref().unwrap_err().to_string(),
            "the stream ended with the error `internal`: it broke"
        );
        let other = exception_message("other", br#"{"Message":"x"}"#.to_vec())
            .encode()
            .unwrap();
        assert_eq!(
            read_all(&other, 100),
            [Err(EventStreamError::Unmodeled {
                code: "other".into(),
                message: Some("x".into())
            })]
        );
    }

    #[test]
    fn malformed_messages_are_clear_errors() {
        let cases = [
            (
                Message::new(&b""[..]).with_header(EVENT_TYPE, "ping"),
                "invalid event-stream message: the message has no `:message-type` header",
            ),
            (
                Message::new(&b""[..])
                    .with_header(MESSAGE_TYPE, HeaderValue::ByteArray("event".into()))
                    .with_header(EVENT_TYPE, "ping"),
                "invalid event-stream message: the `:message-type` header has type byte_array, not string",
            ),
            (
                Message::new(&b""[..]).with_header(MESSAGE_TYPE, "event"),
                "invalid event-stream message: the event message has no `:event-type` header",
            ),
            (
                Message::new(&b""[..])
                    .with_header(MESSAGE_TYPE, "event")
                    .with_header(EVENT_TYPE, HeaderValue::Integer(1)),
                "invalid event-stream message: the `:event-type` header has type integer, not string",
            ),
            (
                Message::new(&b""[..]).with_header(MESSAGE_TYPE, "gossip"),
                "invalid event-stream message: the `:message-type` header is \"gossip\", not `event`, `exception` or `error`",
            ),
            (
                Message::new(&b"\xff"[..])
                    .with_header(MESSAGE_TYPE, "event")
                    .with_header(EVENT_TYPE, "ping"),
                "invalid event-stream message: not UTF-8",
            ),
        ];
        for (message, expected) in cases {
            let error = EventReader::<Union>::read_message(message).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
        let mut frame = event_message("ping").encode().unwrap();
        let last = frame.len() - 1;
        frame[last] ^= 1;
        assert!(matches!(
            &read_all(&frame, 3)[..],
            [Err(EventStreamError::Frame(DecodeError::MessageCrc { .. }))]
        ));
        assert!(matches!(
            &read_all(&frame[..10], 3)[..],
            [Err(EventStreamError::Frame(DecodeError::Truncated { .. }))]
        ));
    }
}
