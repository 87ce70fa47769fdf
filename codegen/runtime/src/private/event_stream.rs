//! What generated `EventUnion` impls call (feature `event-stream`): event headers of each
//! Smithy type, payloads, and the errors of reading them.

use std::time::SystemTime;

use crate::event_stream::{CONTENT_TYPE, EventError, HeaderValue, Message};

/// A Smithy type an `@eventHeader` member can have, and its header value type.
pub trait HeaderType: Sized {
    /// The header value of `self`.
    fn to_header(&self) -> HeaderValue;
    /// The value of a header of the right type.
    fn from_header(value: &HeaderValue) -> Option<Self>;
    /// The header type's name, for messages.
    const TYPE: &'static str;
}

macro_rules! header_type {
    ($ty:ty, $name:literal, $as:ident) => {
        impl HeaderType for $ty {
            fn to_header(&self) -> HeaderValue {
                HeaderValue::from(*self)
            }
            fn from_header(value: &HeaderValue) -> Option<Self> {
                value.$as()
            }
            const TYPE: &'static str = $name;
        }
    };
}

header_type!(bool, "boolean", as_bool);
header_type!(i8, "byte", as_byte);
header_type!(i16, "short", as_short);
header_type!(i32, "integer", as_integer);
header_type!(i64, "long", as_long);

impl HeaderType for Vec<u8> {
    fn to_header(&self) -> HeaderValue {
        HeaderValue::ByteArray(self.clone().into())
    }
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_bytes().map(|b| b.to_vec())
    }
    const TYPE: &'static str = "byte_array";
}

impl HeaderType for String {
    fn to_header(&self) -> HeaderValue {
        HeaderValue::String(self.clone().into())
    }
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
    const TYPE: &'static str = "string";
}

impl HeaderType for SystemTime {
    fn to_header(&self) -> HeaderValue {
        HeaderValue::timestamp(*self)
    }
    fn from_header(value: &HeaderValue) -> Option<Self> {
        value.as_system_time()
    }
    const TYPE: &'static str = "timestamp";
}

/// Appends the header `name` holding `value`.
pub fn put_header<T: HeaderType>(message: &mut Message, name: &'static str, value: &T) {
    message
        .headers
        .push(crate::event_stream::Header::new(name, value.to_header()));
}

/// Appends the string header `name` (an enum's value).
pub fn put_str_header(message: &mut Message, name: &'static str, value: &str) {
    message
        .headers
        .push(crate::event_stream::Header::new(name, value.to_owned()));
}

/// The value of the header `name` of `event`, if present; an error when it has another type.
pub fn header<T: HeaderType>(
    message: &Message,
    event: &str,
    name: &str,
) -> Result<Option<T>, EventError> {
    match message.header(name) {
        None => Ok(None),
        Some(value) => T::from_header(value).map(Some).ok_or_else(|| {
            EventError::new(format!(
                "the header `{name}` of the `{event}` event has type {}, not {}",
                value.type_name(),
                T::TYPE
            ))
        }),
    }
}

/// A required member was not in the message.
pub fn missing(event: &str, member: &str) -> EventError {
    EventError::new(format!(
        "the `{event}` event has no value for its required member `{member}`"
    ))
}

/// Sets the payload and its `:content-type`.
pub fn set_payload(message: &mut Message, content_type: &'static str, payload: Vec<u8>) {
    message
        .headers
        .push(crate::event_stream::Header::new(CONTENT_TYPE, content_type));
    message.payload = payload.into();
}

/// `value` as a JSON document.
pub fn to_json<T: serde::Serialize + ?Sized>(
    event: &str,
    value: &T,
) -> Result<Vec<u8>, EventError> {
    serde_json::to_vec(value)
        .map_err(|e| EventError::new(format!("the `{event}` event does not serialize: {e}")))
}

/// The JSON payload of `event` (an empty payload reads as `{}`).
pub fn from_json<T: serde::de::DeserializeOwned>(
    message: &Message,
    event: &str,
) -> Result<T, EventError> {
    let payload: &[u8] = message.payload();
    let payload = if payload.is_empty() { b"{}" } else { payload };
    serde_json::from_slice(payload).map_err(|e| {
        EventError::new(format!(
            "the payload of the `{event}` event is not its JSON document: {e}"
        ))
    })
}

/// The text payload of `event`.
pub fn text_payload(message: &Message, event: &str) -> Result<String, EventError> {
    String::from_utf8(message.payload().to_vec())
        .map_err(|_| EventError::new(format!("the payload of the `{event}` event is not UTF-8")))
}

/// The blob payload of `event`.
pub fn blob_payload(message: &Message) -> Vec<u8> {
    message.payload().to_vec()
}

/// The error for the union's unknown variant, which has no message.
pub fn unknown_variant(union: &str) -> EventError {
    EventError::new(format!(
        "the unknown variant of `{union}` cannot be written: it holds no event"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_read_back_with_their_type_and_report_another() {
        let mut message = Message::new(&b""[..]);
        put_header(&mut message, "flag", &true);
        put_header(&mut message, "n", &7_i64);
        put_header(&mut message, "blob", &b"ab".to_vec());
        put_str_header(&mut message, "kind", "x");
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(1_500);
        put_header(&mut message, "at", &at);
        assert_eq!(header::<bool>(&message, "e", "flag"), Ok(Some(true)));
        assert_eq!(header::<i64>(&message, "e", "n"), Ok(Some(7)));
        assert_eq!(
            header::<Vec<u8>>(&message, "e", "blob"),
            Ok(Some(b"ab".to_vec()))
        );
        assert_eq!(
            header::<String>(&message, "e", "kind"),
            Ok(Some("x".into()))
        );
        assert_eq!(header::<SystemTime>(&message, "e", "at"), Ok(Some(at)));
        assert_eq!(header::<i32>(&message, "e", "absent"), Ok(None));
        assert_eq!(
            header::<i32>(&message, "e", "n").unwrap_err().to_string(),
            "the header `n` of the `e` event has type long, not integer"
        );
    }

    #[test]
    fn payload_errors_are_clear() {
        let message = Message::new(&b"{"[..]);
        let error = from_json::<serde_json::Value>(&message, "e").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("the payload of the `e` event is not its JSON document: "),
            "{error}"
        );
        let empty = Message::new(&b""[..]);
        assert_eq!(
            from_json::<serde_json::Value>(&empty, "e"),
            Ok(serde_json::json!({}))
        );
        assert_eq!(
            text_payload(&Message::new(&b"\xff"[..]), "e")
                .unwrap_err()
                .to_string(),
            "the payload of the `e` event is not UTF-8"
        );
    }
}
