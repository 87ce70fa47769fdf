//! The in-memory form of one event-stream message: typed headers in wire order and a payload.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use bytes::Bytes;

/// One event-stream message: its headers, in the order they are (or will be) on the wire, and
/// its payload bytes.
///
/// Build one with [`Message::new`] and [`Message::with_header`], encode it with
/// [`Message::encode`] or an [`Encoder`](super::Encoder); a [`Decoder`](super::Decoder) yields
/// them. The payload is a [`Bytes`]: a decoded message's payload and byte-array headers share
/// the frame's buffer instead of copying it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Message {
    /// The headers, in wire order. Names must be unique within a message (the encoder and
    /// the decoder reject a repeated name).
    pub headers: Vec<Header>,
    /// The payload: the bytes between the headers and the message CRC.
    pub payload: Bytes,
}

impl Message {
    /// A message with this payload and no headers.
    pub fn new(payload: impl Into<Bytes>) -> Message {
        Message {
            headers: Vec::new(),
            payload: payload.into(),
        }
    }

    /// Appends a header (chainable): `Message::new(body).with_header(":message-type", "event")`.
    pub fn with_header(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<HeaderValue>,
    ) -> Message {
        self.headers.push(Header::new(name, value));
        self
    }

    /// The value of the header with this name (the first one, should a message built in
    /// memory hold a name twice), compared byte for byte.
    pub fn header(&self, name: &str) -> Option<&HeaderValue> {
        self.headers
            .iter()
            .find(|h| h.name == name)
            .map(|h| &h.value)
    }

    /// The value of the header with this name when it is a string header.
    pub fn string_header(&self, name: &str) -> Option<&str> {
        self.header(name).and_then(HeaderValue::as_str)
    }

    /// The headers, in wire order.
    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// The payload bytes.
    pub fn payload(&self) -> &Bytes {
        &self.payload
    }
}

/// One header: a name (1 to 255 bytes of UTF-8 on the wire) and a typed value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Header {
    /// The name. The well-known names (`:message-type`, `:event-type`, ...) decode without
    /// allocating.
    pub name: Cow<'static, str>,
    /// The typed value.
    pub value: HeaderValue,
}

impl Header {
    /// A header with this name and value.
    pub fn new(name: impl Into<Cow<'static, str>>, value: impl Into<HeaderValue>) -> Header {
        Header {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// A header's typed value: one variant per value type of the format (the set is fixed by the
/// specification and not open to extension). The wire type byte is [`HeaderValue::type_byte`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HeaderValue {
    /// Types 0 (`true`) and 1 (`false`): no value bytes.
    Bool(bool),
    /// Type 2: a signed byte.
    Byte(i8),
    /// Type 3: a big-endian `i16` (Smithy `short`).
    Short(i16),
    /// Type 4: a big-endian `i32` (Smithy `integer`).
    Integer(i32),
    /// Type 5: a big-endian `i64` (Smithy `long`).
    Long(i64),
    /// Type 6: bytes with a 2-byte length prefix (Smithy `blob`).
    ByteArray(Bytes),
    /// Type 7: UTF-8 text with a 2-byte length prefix.
    String(Cow<'static, str>),
    /// Type 8: a big-endian `i64` count of **milliseconds** since 1970-01-01T00:00:00Z (kept as
    /// the wire integer so that every value round-trips; see [`HeaderValue::timestamp`] and
    /// [`HeaderValue::as_system_time`]).
    Timestamp(i64),
    /// Type 9: a UUID's 16 bytes, in their binary (network) order.
    Uuid([u8; 16]),
}

impl HeaderValue {
    /// The wire type byte: 0 and 1 for `true` and `false`, then 2 (byte) to 9 (uuid).
    pub fn type_byte(&self) -> u8 {
        match self {
            HeaderValue::Bool(true) => 0,
            HeaderValue::Bool(false) => 1,
            HeaderValue::Byte(_) => 2,
            HeaderValue::Short(_) => 3,
            HeaderValue::Integer(_) => 4,
            HeaderValue::Long(_) => 5,
            HeaderValue::ByteArray(_) => 6,
            HeaderValue::String(_) => 7,
            HeaderValue::Timestamp(_) => 8,
            HeaderValue::Uuid(_) => 9,
        }
    }

    /// The name of the value type, as the specification's table spells it (`boolean`,
    /// `byte`, `short`, `integer`, `long`, `byte_array`, `string`, `timestamp`, `uuid`).
    pub fn type_name(&self) -> &'static str {
        match self {
            HeaderValue::Bool(_) => "boolean",
            HeaderValue::Byte(_) => "byte",
            HeaderValue::Short(_) => "short",
            HeaderValue::Integer(_) => "integer",
            HeaderValue::Long(_) => "long",
            HeaderValue::ByteArray(_) => "byte_array",
            HeaderValue::String(_) => "string",
            HeaderValue::Timestamp(_) => "timestamp",
            HeaderValue::Uuid(_) => "uuid",
        }
    }

    /// A timestamp header for this time, truncated to whole milliseconds (saturating at the
    /// ends of the `i64` range).
    pub fn timestamp(time: SystemTime) -> HeaderValue {
        let millis = match time.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
            Err(before) => {
                // Round towards negative infinity, so that 1 ms before the epoch is -1.
                let d = before.duration();
                let whole = i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
                let partial = d.as_nanos() % 1_000_000 != 0;
                whole.saturating_neg().saturating_sub(i64::from(partial))
            }
        };
        HeaderValue::Timestamp(millis)
    }

    /// A boolean value.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            HeaderValue::Bool(v) => Some(*v),
            _ => None,
        }
    }

    /// A byte value.
    pub fn as_byte(&self) -> Option<i8> {
        match self {
            HeaderValue::Byte(v) => Some(*v),
            _ => None,
        }
    }

    /// A short value.
    pub fn as_short(&self) -> Option<i16> {
        match self {
            HeaderValue::Short(v) => Some(*v),
            _ => None,
        }
    }

    /// An integer value.
    pub fn as_integer(&self) -> Option<i32> {
        match self {
            HeaderValue::Integer(v) => Some(*v),
            _ => None,
        }
    }

    /// A long value.
    pub fn as_long(&self) -> Option<i64> {
        match self {
            HeaderValue::Long(v) => Some(*v),
            _ => None,
        }
    }

    /// A byte-array value.
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match self {
            HeaderValue::ByteArray(v) => Some(v),
            _ => None,
        }
    }

    /// A string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            HeaderValue::String(v) => Some(v),
            _ => None,
        }
    }

    /// A timestamp value, in milliseconds since the Unix epoch.
    pub fn as_timestamp_millis(&self) -> Option<i64> {
        match self {
            HeaderValue::Timestamp(v) => Some(*v),
            _ => None,
        }
    }

    /// A timestamp value as a `SystemTime`; `None` for other types and for the rare values
    /// the platform's `SystemTime` cannot hold.
    pub fn as_system_time(&self) -> Option<SystemTime> {
        let millis = self.as_timestamp_millis()?;
        let magnitude = Duration::from_millis(millis.unsigned_abs());
        if millis >= 0 {
            SystemTime::UNIX_EPOCH.checked_add(magnitude)
        } else {
            SystemTime::UNIX_EPOCH.checked_sub(magnitude)
        }
    }

    /// A UUID value's 16 bytes.
    pub fn as_uuid(&self) -> Option<[u8; 16]> {
        match self {
            HeaderValue::Uuid(v) => Some(*v),
            _ => None,
        }
    }
}

impl From<bool> for HeaderValue {
    fn from(v: bool) -> Self {
        HeaderValue::Bool(v)
    }
}

impl From<i8> for HeaderValue {
    fn from(v: i8) -> Self {
        HeaderValue::Byte(v)
    }
}

impl From<i16> for HeaderValue {
    fn from(v: i16) -> Self {
        HeaderValue::Short(v)
    }
}

impl From<i32> for HeaderValue {
    fn from(v: i32) -> Self {
        HeaderValue::Integer(v)
    }
}

/// A long (type 5); a timestamp is [`HeaderValue::Timestamp`] or [`HeaderValue::timestamp`].
impl From<i64> for HeaderValue {
    fn from(v: i64) -> Self {
        HeaderValue::Long(v)
    }
}

impl From<&'static str> for HeaderValue {
    fn from(v: &'static str) -> Self {
        HeaderValue::String(Cow::Borrowed(v))
    }
}

impl From<String> for HeaderValue {
    fn from(v: String) -> Self {
        HeaderValue::String(Cow::Owned(v))
    }
}

impl From<Cow<'static, str>> for HeaderValue {
    fn from(v: Cow<'static, str>) -> Self {
        HeaderValue::String(v)
    }
}

impl From<Bytes> for HeaderValue {
    fn from(v: Bytes) -> Self {
        HeaderValue::ByteArray(v)
    }
}

impl From<Vec<u8>> for HeaderValue {
    fn from(v: Vec<u8>) -> Self {
        HeaderValue::ByteArray(Bytes::from(v))
    }
}

impl From<[u8; 16]> for HeaderValue {
    fn from(v: [u8; 16]) -> Self {
        HeaderValue::Uuid(v)
    }
}

impl From<SystemTime> for HeaderValue {
    fn from(v: SystemTime) -> Self {
        HeaderValue::timestamp(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_convert_both_ways_around_the_epoch() {
        let epoch = SystemTime::UNIX_EPOCH;
        assert_eq!(HeaderValue::timestamp(epoch), HeaderValue::Timestamp(0));
        let later = epoch + Duration::from_micros(1_500_999);
        assert_eq!(HeaderValue::timestamp(later), HeaderValue::Timestamp(1_500));
        let before = epoch - Duration::from_micros(1);
        assert_eq!(HeaderValue::timestamp(before), HeaderValue::Timestamp(-1));
        let before = epoch - Duration::from_millis(2);
        assert_eq!(HeaderValue::timestamp(before), HeaderValue::Timestamp(-2));
        assert_eq!(
            HeaderValue::Timestamp(-2).as_system_time(),
            Some(epoch - Duration::from_millis(2))
        );
        assert_eq!(
            HeaderValue::Timestamp(1_730_384_114_000).as_system_time(),
            Some(epoch + Duration::from_secs(1_730_384_114))
        );
        assert_eq!(HeaderValue::Long(3).as_system_time(), None);
    }

    #[test]
    fn accessors_answer_only_for_their_type() {
        let all = [
            HeaderValue::Bool(true),
            HeaderValue::Byte(-1),
            HeaderValue::Short(-2),
            HeaderValue::Integer(-3),
            HeaderValue::Long(-4),
            HeaderValue::from(vec![1u8, 2]),
            HeaderValue::from("text"),
            HeaderValue::Timestamp(5),
            HeaderValue::Uuid([7; 16]),
        ];
        for (i, v) in all.iter().enumerate() {
            assert_eq!(v.as_bool().is_some(), i == 0, "{v:?}");
            assert_eq!(v.as_byte().is_some(), i == 1, "{v:?}");
            assert_eq!(v.as_short().is_some(), i == 2, "{v:?}");
            assert_eq!(v.as_integer().is_some(), i == 3, "{v:?}");
            assert_eq!(v.as_long().is_some(), i == 4, "{v:?}");
            assert_eq!(v.as_bytes().is_some(), i == 5, "{v:?}");
            assert_eq!(v.as_str().is_some(), i == 6, "{v:?}");
            assert_eq!(v.as_timestamp_millis().is_some(), i == 7, "{v:?}");
            assert_eq!(v.as_uuid().is_some(), i == 8, "{v:?}");
        }
        let types: Vec<u8> = all.iter().map(HeaderValue::type_byte).collect();
        assert_eq!(types, [0, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(HeaderValue::Bool(false).type_byte(), 1);
    }

    #[test]
    fn headers_are_found_by_exact_name() {
        let m = Message::new(&b"{}"[..])
            .with_header(":message-type", "event")
            .with_header("count", 3i32);
        assert_eq!(m.string_header(":message-type"), Some("event"));
        assert_eq!(m.header("count"), Some(&HeaderValue::Integer(3)));
        assert_eq!(m.header("Count"), None);
        assert_eq!(m.string_header("count"), None);
        assert_eq!(m.payload().as_ref(), b"{}");
    }
}
