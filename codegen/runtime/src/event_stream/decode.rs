//! Frame bytes, in chunks of any size, to `Message`s.

use std::borrow::Cow;
use std::collections::VecDeque;

use bytes::{Bytes, BytesMut};

use super::error::{DecodeError, TextKind};
use super::{Header, HeaderValue, Limits, MIN_FRAME_LEN, Message, PRELUDE_LEN, duplicate_name};

/// How much room a decoder reserves ahead for a frame whose prelude it has read from bytes fed
/// as slices; larger frames grow the buffer as their bytes arrive, so a 12-byte prelude cannot
/// make it allocate the whole frame limit.
const RESERVE_AHEAD: usize = 1 << 20;

/// An incremental decoder: the caller feeds bytes as they arrive and takes complete messages.
///
/// A frame may be split anywhere across [`feed`](Decoder::feed) or
/// [`feed_bytes`](Decoder::feed_bytes) calls and one call may bring several frames;
/// [`next_message`](Decoder::next_message) returns them in order, `Ok(None)` when the buffered
/// bytes do not complete one. [`finish`](Decoder::finish) at the end of the input reports a
/// frame left unfinished. After an error the decoder is spent: every later call returns the
/// same error.
///
/// Bytes fed as [`Bytes`] (what HTTP stacks hand out) are kept as they are: a frame inside
/// one chunk becomes its message without a copy, and a frame across chunks is copied once,
/// into a buffer of exactly its size.
#[derive(Debug, Default)]
pub struct Decoder {
    limits: Limits,
    /// Bytes fed, oldest first: whole chunks fed as `Bytes`, then `tail`.
    chunks: VecDeque<Bytes>,
    /// Bytes fed as slices since the last chunk fed as `Bytes`.
    tail: BytesMut,
    /// Every byte in `chunks` and `tail`.
    buffered: usize,
    /// The current frame's prelude, once read and checked.
    prelude: Option<Prelude>,
    failed: Option<DecodeError>,
}

#[derive(Debug, Clone, Copy)]
struct Prelude {
    total_len: usize,
    headers_len: usize,
}

impl Decoder {
    /// A decoder with the default limits.
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// A decoder with these limits.
    pub fn with_limits(limits: Limits) -> Decoder {
        Decoder {
            limits,
            ..Decoder::default()
        }
    }

    /// The limits it checks.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Appends received bytes (copied). Take the messages they complete with
    /// [`next_message`](Decoder::next_message) before feeding many more: the decoder holds
    /// everything fed and not yet decoded.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.failed.is_none() && !bytes.is_empty() {
            self.tail.extend_from_slice(bytes);
            self.buffered += bytes.len();
        }
    }

    /// Appends a received chunk without copying it (see the type's docs).
    pub fn feed_bytes(&mut self, bytes: Bytes) {
        if self.failed.is_none() && !bytes.is_empty() {
            self.flush_tail();
            self.buffered += bytes.len();
            self.chunks.push_back(bytes);
        }
    }

    /// The next complete message, `Ok(None)` when more bytes are needed.
    pub fn next_message(&mut self) -> Result<Option<Message>, DecodeError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        self.step().inspect_err(|error| {
            self.failed = Some(error.clone());
            self.chunks = VecDeque::new();
            self.tail = BytesMut::new();
            self.buffered = 0;
        })
    }

    /// Checks that the input ended between frames: call it when the body is over and
    /// [`next_message`](Decoder::next_message) has returned `Ok(None)`.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        if self.buffered == 0 {
            return Ok(());
        }
        Err(DecodeError::Truncated {
            received: self.buffered,
            frame_len: self.prelude.map(|p| p.total_len as u32),
        })
    }

    /// The bytes fed and not yet returned as messages.
    pub fn buffered_len(&self) -> usize {
        self.buffered
    }

    fn step(&mut self) -> Result<Option<Message>, DecodeError> {
        let prelude = match self.prelude {
            Some(prelude) => prelude,
            None => {
                let Some(bytes) = self.peek_prelude() else {
                    return Ok(None);
                };
                let prelude = read_prelude(&bytes, &self.limits)?;
                if self.chunks.is_empty() {
                    let missing = prelude.total_len.saturating_sub(self.buffered);
                    self.tail.reserve(missing.min(RESERVE_AHEAD));
                }
                self.prelude = Some(prelude);
                prelude
            }
        };
        if self.buffered < prelude.total_len {
            return Ok(None);
        }
        let frame = self.take(prelude.total_len);
        self.prelude = None;
        read_frame(frame, prelude, &self.limits).map(Some)
    }

    /// Moves the bytes fed as slices to the end of `chunks` (no copy).
    fn flush_tail(&mut self) {
        if !self.tail.is_empty() {
            self.chunks.push_back(self.tail.split().freeze());
        }
    }

    /// The first `PRELUDE_LEN` bytes buffered, wherever they lie.
    fn peek_prelude(&self) -> Option<[u8; PRELUDE_LEN]> {
        if self.buffered < PRELUDE_LEN {
            return None;
        }
        let mut prelude = [0; PRELUDE_LEN];
        let mut filled = 0;
        for chunk in self.chunks.iter().map(|c| &c[..]).chain([&self.tail[..]]) {
            let n = chunk.len().min(PRELUDE_LEN - filled);
            prelude[filled..filled + n].copy_from_slice(&chunk[..n]);
            filled += n;
            if filled == PRELUDE_LEN {
                return Some(prelude);
            }
        }
        None
    }

    /// The first `n` bytes buffered (at most [`Self::buffered`]): a slice of the first chunk
    /// when it holds them all, else one copy into a buffer of `n` bytes.
    fn take(&mut self, n: usize) -> Bytes {
        self.flush_tail();
        self.buffered -= n;
        if let Some(first) = self.chunks.front_mut() {
            if first.len() > n {
                return first.split_to(n);
            }
            if first.len() == n {
                return self.chunks.pop_front().unwrap_or_default();
            }
        }
        let mut frame = BytesMut::with_capacity(n);
        while frame.len() < n {
            let Some(chunk) = self.chunks.front_mut() else {
                break;
            };
            let wanted = n - frame.len();
            if chunk.len() > wanted {
                frame.extend_from_slice(&chunk.split_to(wanted));
            } else {
                frame.extend_from_slice(chunk);
                self.chunks.pop_front();
            }
        }
        frame.freeze()
    }
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_be_bytes(word)
}

/// Checks the prelude CRC, then the two lengths against each other and the limits.
fn read_prelude(bytes: &[u8; PRELUDE_LEN], limits: &Limits) -> Result<Prelude, DecodeError> {
    let (total_len, headers_len) = (be_u32(bytes, 0), be_u32(bytes, 4));
    let expected = be_u32(bytes, 8);
    let computed = crc32fast::hash(&bytes[..8]);
    if expected != computed {
        return Err(DecodeError::PreludeCrc { expected, computed });
    }
    if (total_len as usize) < MIN_FRAME_LEN {
        return Err(DecodeError::FrameTooShort { total_len });
    }
    let max_frame = limits.max_frame_len.min(u32::MAX as usize);
    if total_len as usize > max_frame {
        return Err(DecodeError::FrameTooLarge {
            total_len,
            max: max_frame,
        });
    }
    if headers_len as usize > limits.max_headers_len {
        return Err(DecodeError::HeadersTooLarge {
            headers_len,
            max: limits.max_headers_len,
        });
    }
    if headers_len as usize > total_len as usize - MIN_FRAME_LEN {
        return Err(DecodeError::HeadersExceedFrame {
            headers_len,
            total_len,
        });
    }
    Ok(Prelude {
        total_len: total_len as usize,
        headers_len: headers_len as usize,
    })
}

/// A whole frame whose prelude was checked: the message CRC, then the headers.
fn read_frame(frame: Bytes, prelude: Prelude, limits: &Limits) -> Result<Message, DecodeError> {
    let crc_at = prelude.total_len - 4;
    let expected = be_u32(&frame, crc_at);
    let computed = crc32fast::hash(&frame[..crc_at]);
    if expected != computed {
        return Err(DecodeError::MessageCrc { expected, computed });
    }
    let headers_end = PRELUDE_LEN + prelude.headers_len;
    let headers = read_headers(&frame, headers_end, limits)?;
    if let Some(name) = duplicate_name(&headers) {
        return Err(DecodeError::DuplicateHeader {
            name: name.to_owned(),
        });
    }
    Ok(Message {
        headers,
        payload: frame.slice(headers_end..crc_at),
    })
}

/// A cursor over the headers block, `frame[start..end]`.
struct Cursor<'a> {
    frame: &'a Bytes,
    at: usize,
    end: usize,
    /// Where the header being read starts, for errors.
    header_start: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if self.end - self.at < n {
            return Err(DecodeError::HeaderOverrun {
                offset: self.header_start,
            });
        }
        let frame: &'a [u8] = self.frame;
        let bytes = &frame[self.at..self.at + n];
        self.at += n;
        Ok(bytes)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// A 2-byte length and that many bytes, as a range of the frame.
    fn sized(&mut self, name: &str, limits: &Limits) -> Result<(usize, usize), DecodeError> {
        let len = u16::from_be_bytes(self.array()?) as usize;
        let max = limits.max_header_value_len.min(u16::MAX as usize);
        if len > max {
            return Err(DecodeError::HeaderValueTooLong {
                name: name.to_owned(),
                len,
                max,
            });
        }
        let start = self.at;
        self.take(len)?;
        Ok((start, start + len))
    }
}

fn read_headers(frame: &Bytes, end: usize, limits: &Limits) -> Result<Vec<Header>, DecodeError> {
    let mut cursor = Cursor {
        frame,
        at: PRELUDE_LEN,
        end,
        header_start: PRELUDE_LEN,
    };
    let mut headers = Vec::new();
    while cursor.at < end {
        cursor.header_start = cursor.at;
        let [name_len] = cursor.array()?;
        if name_len == 0 {
            return Err(DecodeError::EmptyHeaderName {
                offset: cursor.header_start,
            });
        }
        let name_at = cursor.at;
        let name = std::str::from_utf8(cursor.take(name_len as usize)?).map_err(|_| {
            DecodeError::InvalidUtf8 {
                kind: TextKind::Name,
                offset: name_at,
            }
        })?;
        let type_at = cursor.at;
        let [type_byte] = cursor.array()?;
        let value = match type_byte {
            0 => HeaderValue::Bool(true),
            1 => HeaderValue::Bool(false),
            2 => HeaderValue::Byte(i8::from_be_bytes(cursor.array()?)),
            3 => HeaderValue::Short(i16::from_be_bytes(cursor.array()?)),
            4 => HeaderValue::Integer(i32::from_be_bytes(cursor.array()?)),
            5 => HeaderValue::Long(i64::from_be_bytes(cursor.array()?)),
            6 => {
                let (start, stop) = cursor.sized(name, limits)?;
                HeaderValue::ByteArray(frame.slice(start..stop))
            }
            7 => {
                let (start, stop) = cursor.sized(name, limits)?;
                let text = std::str::from_utf8(&frame[start..stop]).map_err(|_| {
                    DecodeError::InvalidUtf8 {
                        kind: TextKind::StringValue,
                        offset: start,
                    }
                })?;
                HeaderValue::String(shared(text, WELL_KNOWN_VALUES))
            }
            8 => HeaderValue::Timestamp(i64::from_be_bytes(cursor.array()?)),
            9 => HeaderValue::Uuid(cursor.array()?),
            _ => {
                return Err(DecodeError::UnknownHeaderType {
                    name: name.to_owned(),
                    type_byte,
                    offset: type_at,
                });
            }
        };
        headers.push(Header {
            name: shared(name, WELL_KNOWN_NAMES),
            value,
        });
    }
    Ok(headers)
}

/// The header names of the AWS protocols and of event signing, shared instead of allocated.
const WELL_KNOWN_NAMES: &[&str] = &[
    ":message-type",
    ":event-type",
    ":content-type",
    ":exception-type",
    ":error-code",
    ":error-message",
    ":date",
    ":chunk-signature",
];

/// The values of `:message-type` and the usual `:content-type`s, shared instead of allocated.
const WELL_KNOWN_VALUES: &[&str] = &[
    "event",
    "exception",
    "error",
    "application/json",
    "application/octet-stream",
    "text/plain",
];

/// `text` as the table's `'static` copy when it has one, else owned.
fn shared(text: &str, table: &[&'static str]) -> Cow<'static, str> {
    match table.iter().find(|known| **known == text) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(text.to_owned()),
    }
}
