//! The errors of encoding and decoding event-stream messages.

use std::fmt;

/// Which UTF-8 text of a header was not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// The header's name.
    Name,
    /// A string value (type 7).
    StringValue,
}

impl fmt::Display for TextKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextKind::Name => "header name",
            TextKind::StringValue => "string header value",
        })
    }
}

/// Why a byte stream is not a valid sequence of event-stream messages.
///
/// Offsets are from the start of the frame (its first prelude byte). After any of these the
/// stream cannot be trusted (the specification says to terminate it), so a
/// [`Decoder`](super::Decoder) that returned one returns it again from then on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The CRC32 of the prelude's first 8 bytes is not the one that follows them.
    PreludeCrc {
        /// The CRC carried by the frame.
        expected: u32,
        /// The CRC of the bytes received.
        computed: u32,
    },
    /// The CRC32 of the frame up to its last 4 bytes is not the one in them.
    MessageCrc {
        /// The CRC carried by the frame.
        expected: u32,
        /// The CRC of the bytes received.
        computed: u32,
    },
    /// The input ended inside a frame.
    Truncated {
        /// The bytes of the unfinished frame that were received.
        received: usize,
        /// The frame's length, when its prelude was received.
        frame_len: Option<u32>,
    },
    /// The total length is below the 16 bytes of prelude, prelude CRC and message CRC.
    FrameTooShort {
        /// The total length in the prelude.
        total_len: u32,
    },
    /// The total length is above the configured limit.
    FrameTooLarge {
        /// The total length in the prelude.
        total_len: u32,
        /// The limit ([`Limits::max_frame_len`](super::Limits::max_frame_len)).
        max: usize,
    },
    /// The headers length is above the configured limit.
    HeadersTooLarge {
        /// The headers length in the prelude.
        headers_len: u32,
        /// The limit ([`Limits::max_headers_len`](super::Limits::max_headers_len)).
        max: usize,
    },
    /// The headers length does not fit in the frame beside the 16 bytes of framing.
    HeadersExceedFrame {
        /// The headers length in the prelude.
        headers_len: u32,
        /// The total length in the prelude.
        total_len: u32,
    },
    /// A header runs past the end of the headers block.
    HeaderOverrun {
        /// Where the header starts.
        offset: usize,
    },
    /// A header name has zero length (names are 1 to 255 bytes).
    EmptyHeaderName {
        /// Where the header starts.
        offset: usize,
    },
    /// A name or string value is not UTF-8.
    InvalidUtf8 {
        /// Which text.
        kind: TextKind,
        /// Where the text starts.
        offset: usize,
    },
    /// A header value type byte other than 0 to 9.
    UnknownHeaderType {
        /// The header's name.
        name: String,
        /// The type byte.
        type_byte: u8,
        /// Where the type byte is.
        offset: usize,
    },
    /// A byte-array or string value is longer than the configured limit.
    HeaderValueTooLong {
        /// The header's name.
        name: String,
        /// The value's length.
        len: usize,
        /// The limit ([`Limits::max_header_value_len`](super::Limits::max_header_value_len)).
        max: usize,
    },
    /// A header name appears twice in one message.
    DuplicateHeader {
        /// The repeated name.
        name: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::PreludeCrc { expected, computed } => write!(
                f,
                "event-stream prelude CRC mismatch: the frame says {expected:#010x}, its bytes give {computed:#010x}"
            ),
            DecodeError::MessageCrc { expected, computed } => write!(
                f,
                "event-stream message CRC mismatch: the frame says {expected:#010x}, its bytes give {computed:#010x}"
            ),
            DecodeError::Truncated {
                received,
                frame_len: Some(len),
            } => write!(
                f,
                "event stream ended inside a frame: {received} of its {len} bytes received"
            ),
            DecodeError::Truncated {
                received,
                frame_len: None,
            } => write!(
                f,
                "event stream ended inside a frame's prelude: {received} of its 12 bytes received"
            ),
            DecodeError::FrameTooShort { total_len } => write!(
                f,
                "event-stream frame length {total_len} is below the 16-byte minimum"
            ),
            DecodeError::FrameTooLarge { total_len, max } => write!(
                f,
                "event-stream frame length {total_len} exceeds the limit of {max} bytes"
            ),
            DecodeError::HeadersTooLarge { headers_len, max } => write!(
                f,
                "event-stream headers length {headers_len} exceeds the limit of {max} bytes"
            ),
            DecodeError::HeadersExceedFrame {
                headers_len,
                total_len,
            } => write!(
                f,
                "event-stream headers length {headers_len} does not fit in a frame of {total_len} bytes"
            ),
            DecodeError::HeaderOverrun { offset } => write!(
                f,
                "event-stream header at byte {offset} runs past the end of the headers"
            ),
            DecodeError::EmptyHeaderName { offset } => {
                write!(f, "event-stream header at byte {offset} has an empty name")
            }
            DecodeError::InvalidUtf8 { kind, offset } => {
                write!(f, "event-stream {kind} at byte {offset} is not UTF-8")
            }
            DecodeError::UnknownHeaderType {
                name,
                type_byte,
                offset,
            } => write!(
                f,
                "event-stream header `{name}` has unknown value type {type_byte} (at byte {offset})"
            ),
            DecodeError::HeaderValueTooLong { name, len, max } => write!(
                f,
                "event-stream header `{name}` has a value of {len} bytes, above the limit of {max}"
            ),
            DecodeError::DuplicateHeader { name } => duplicate(f, name),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Why a [`Message`](super::Message) cannot be encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// A header name is empty or longer than 255 bytes.
    HeaderNameLength {
        /// The name.
        name: String,
    },
    /// A byte-array or string value is longer than the configured limit.
    HeaderValueTooLong {
        /// The header's name.
        name: String,
        /// The value's length.
        len: usize,
        /// The limit ([`Limits::max_header_value_len`](super::Limits::max_header_value_len)).
        max: usize,
    },
    /// The encoded headers are longer than the configured limit.
    HeadersTooLarge {
        /// Their encoded length.
        len: usize,
        /// The limit ([`Limits::max_headers_len`](super::Limits::max_headers_len)).
        max: usize,
    },
    /// The whole frame is longer than the configured limit.
    FrameTooLarge {
        /// Its encoded length.
        len: usize,
        /// The limit ([`Limits::max_frame_len`](super::Limits::max_frame_len)).
        max: usize,
    },
    /// A header name appears twice in the message.
    DuplicateHeader {
        /// The repeated name.
        name: String,
    },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::HeaderNameLength { name } => write!(
                f,
                "event-stream header name `{name}` has {} bytes; names have 1 to 255",
                name.len()
            ),
            EncodeError::HeaderValueTooLong { name, len, max } => {
                value_too_long(f, name, *len, *max)
            }
            EncodeError::HeadersTooLarge { len, max } => write!(
                f,
                "event-stream headers encode to {len} bytes, above the limit of {max}"
            ),
            EncodeError::FrameTooLarge { len, max } => write!(
                f,
                "event-stream message encodes to {len} bytes, above the limit of {max}"
            ),
            EncodeError::DuplicateHeader { name } => duplicate(f, name),
        }
    }
}

impl std::error::Error for EncodeError {}

/// The message of both `HeaderValueTooLong` variants.
fn value_too_long(f: &mut fmt::Formatter<'_>, name: &str, len: usize, max: usize) -> fmt::Result {
    write!(
        f,
        "event-stream header `{name}` has a value of {len} bytes, above the limit of {max}"
    )
}

/// The message of both `DuplicateHeader` variants.
fn duplicate(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    write!(
        f,
        "event-stream header `{name}` appears twice in one message"
    )
}
