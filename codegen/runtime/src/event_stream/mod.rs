//! The `application/vnd.amazon.eventstream` message format: an encoder and an incremental
//! decoder, with no I/O (feature `event-stream`).
//!
//! Event-stream operations carry their events as a sequence of binary frames in the HTTP body.
//! Each frame, big-endian throughout:
//!
//! | bytes | field |
//! |---|---|
//! | 4 | total length of the frame, these 4 bytes included |
//! | 4 | length of the headers block |
//! | 4 | CRC32 of the 8 bytes above (the prelude) |
//! | headers length | headers: each a 1-byte name length, the UTF-8 name, a type byte, the value |
//! | the rest | payload |
//! | 4 | CRC32 of every byte of the frame before these 4 |
//!
//! Header values are typed ([`HeaderValue`]): `true` and `false` (types 0 and 1, no value
//! bytes), byte, short, integer and long (2 to 5: 1, 2, 4 and 8 bytes), byte array and string
//! (6 and 7: a 2-byte length, then the bytes), timestamp (8: 8 bytes of milliseconds since the
//! Unix epoch) and uuid (9: 16 bytes). The CRC is the CRC-32 of ISO-HDLC, the one of gzip and
//! zlib (`crc32fast`).
//!
//! - [`Message`]: headers in wire order and a payload; [`Message::encode`] (or an
//!   [`Encoder`] with other [`Limits`]) writes one frame.
//! - [`Decoder`]: feed it bytes as they arrive, in chunks of any size ([`Decoder::feed`]), take
//!   the complete messages ([`Decoder::next_message`]), and at the end of the body call
//!   [`Decoder::finish`], which reports a frame left unfinished. Each frame's prelude is checked
//!   as soon as its 12 bytes are in, so a corrupt or oversized length fails before its frame is
//!   buffered.
//! - [`Limits`]: the sizes both accept, [`DecodeError`] and [`EncodeError`]: what they reject.
//!
//! Whatever is decoded encodes back to the same bytes: the decoder accepts exactly the frames
//! the encoder can write under the same limits.
//!
//! ```
//! use restjson_runtime::event_stream::{Decoder, HeaderValue, Message};
//!
//! let event = Message::new(&br#"{"text":"hi"}"#[..])
//!     .with_header(":message-type", "event")
//!     .with_header(":event-type", "chunk")
//!     .with_header(":content-type", "application/json");
//! let frame = event.encode()?;
//!
//! let mut decoder = Decoder::new();
//! let mut received = Vec::new();
//! for chunk in frame.chunks(5) {
//!     decoder.feed(chunk);
//!     while let Some(message) = decoder.next_message()? {
//!         received.push(message);
//!     }
//! }
//! decoder.finish()?;
//! assert_eq!(received, [event]);
//! assert_eq!(received[0].string_header(":event-type"), Some("chunk"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod binding;
mod decode;
mod encode;
mod error;
mod message;

pub use binding::{
    CONTENT_TYPE, ERROR_CODE, ERROR_MESSAGE, EVENT_TYPE, EXCEPTION_TYPE, EventError, EventReader,
    EventStreamError, EventUnion, EventWriter, MESSAGE_TYPE, Received, WriteError, error_message,
    event_message, exception_message,
};
/// The shared byte buffer messages carry their payload in, and [`Decoder::feed_bytes`] takes.
pub use bytes::Bytes;
pub use decode::Decoder;
pub use encode::Encoder;
pub use error::{DecodeError, EncodeError, TextKind};
pub use message::{Header, HeaderValue, Message};

/// Total length, headers length and prelude CRC.
pub(crate) const PRELUDE_LEN: usize = 12;
/// The prelude and the message CRC: the smallest frame.
pub(crate) const MIN_FRAME_LEN: usize = PRELUDE_LEN + 4;

/// The sizes an [`Encoder`] writes and a [`Decoder`] accepts.
///
/// The defaults are the largest the specification allows a service to send: a payload of
/// 25,165,824 bytes (24 MiB) after 131,072 bytes (128 KiB) of headers, and byte-array and string
/// values of up to 32,767 bytes (`2^15 - 1`). Lower them to bound the memory one frame may take
/// (a decoder holds one frame at a time, plus whatever was fed after it).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest total length of a frame, framing included. Values above `u32::MAX` (what
    /// the prelude can say) have the effect of `u32::MAX`.
    pub max_frame_len: usize,
    /// The largest headers block.
    pub max_headers_len: usize,
    /// The longest byte-array or string value. Values above `u16::MAX` (what the length prefix
    /// can say) have the effect of `u16::MAX`.
    pub max_header_value_len: usize,
}

impl Limits {
    /// The specification's largest payload (24 MiB).
    pub const SPEC_MAX_PAYLOAD_LEN: usize = 24 * 1024 * 1024;
    /// The specification's largest encoded headers block (128 KiB).
    pub const SPEC_MAX_HEADERS_LEN: usize = 128 * 1024;
    /// The specification's longest byte-array or string header value (`2^15 - 1`).
    pub const SPEC_MAX_HEADER_VALUE_LEN: usize = (1 << 15) - 1;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_frame_len: MIN_FRAME_LEN + Self::SPEC_MAX_HEADERS_LEN + Self::SPEC_MAX_PAYLOAD_LEN,
            max_headers_len: Self::SPEC_MAX_HEADERS_LEN,
            max_header_value_len: Self::SPEC_MAX_HEADER_VALUE_LEN,
        }
    }
}

/// The first header name seen twice, if any, without quadratic time on large header blocks.
pub(crate) fn duplicate_name(headers: &[Header]) -> Option<&str> {
    if headers.len() <= 16 {
        for (i, h) in headers.iter().enumerate() {
            if headers[..i].iter().any(|earlier| earlier.name == h.name) {
                return Some(&h.name);
            }
        }
        return None;
    }
    let mut names: Vec<&str> = headers.iter().map(|h| &*h.name).collect();
    names.sort_unstable();
    names.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
}
