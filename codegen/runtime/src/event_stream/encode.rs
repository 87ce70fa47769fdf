//! `Message` to frame bytes.

use super::error::EncodeError;
use super::{Header, HeaderValue, Limits, MIN_FRAME_LEN, Message, duplicate_name};

/// Writes messages as frames, checking them against its [`Limits`].
#[derive(Debug, Clone, Default)]
pub struct Encoder {
    limits: Limits,
}

impl Encoder {
    /// An encoder with the default limits.
    pub fn new() -> Encoder {
        Encoder::default()
    }

    /// An encoder with these limits.
    pub fn with_limits(limits: Limits) -> Encoder {
        Encoder { limits }
    }

    /// The limits it checks.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Appends `message`'s frame to `out`; on an error `out` is left as it was.
    pub fn encode_into(&self, message: &Message, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let headers_len = self.headers_len(&message.headers)?;
        let max_frame = self.limits.max_frame_len.min(u32::MAX as usize);
        let total = MIN_FRAME_LEN
            .saturating_add(headers_len)
            .saturating_add(message.payload.len());
        if total > max_frame {
            return Err(EncodeError::FrameTooLarge {
                len: total,
                max: max_frame,
            });
        }
        // Both fit in a u32: `total <= max_frame <= u32::MAX` and `headers_len < total`.
        let (total_u32, headers_u32) = (total as u32, headers_len as u32);
        let start = out.len();
        out.reserve(total);
        out.extend_from_slice(&total_u32.to_be_bytes());
        out.extend_from_slice(&headers_u32.to_be_bytes());
        let prelude_crc = crc32fast::hash(&out[start..]);
        out.extend_from_slice(&prelude_crc.to_be_bytes());
        for header in &message.headers {
            write_header(header, out);
        }
        out.extend_from_slice(&message.payload);
        let message_crc = crc32fast::hash(&out[start..]);
        out.extend_from_slice(&message_crc.to_be_bytes());
        debug_assert_eq!(out.len() - start, total);
        Ok(())
    }

    /// `message`'s frame.
    pub fn encode(&self, message: &Message) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::new();
        self.encode_into(message, &mut out)?;
        Ok(out)
    }

    /// The encoded length of the headers block, every header checked.
    fn headers_len(&self, headers: &[Header]) -> Result<usize, EncodeError> {
        let max_value = self.limits.max_header_value_len.min(u16::MAX as usize);
        let mut len = 0usize;
        for header in headers {
            if header.name.is_empty() || header.name.len() > 255 {
                return Err(EncodeError::HeaderNameLength {
                    name: header.name.to_string(),
                });
            }
            let value_len = match &header.value {
                HeaderValue::ByteArray(v) => Some(v.len()),
                HeaderValue::String(v) => Some(v.len()),
                _ => None,
            };
            if let Some(value_len) = value_len {
                if value_len > max_value {
                    return Err(EncodeError::HeaderValueTooLong {
                        name: header.name.to_string(),
                        len: value_len,
                        max: max_value,
                    });
                }
            }
            len = len.saturating_add(2 + header.name.len() + value_wire_len(&header.value));
        }
        if len > self.limits.max_headers_len {
            return Err(EncodeError::HeadersTooLarge {
                len,
                max: self.limits.max_headers_len,
            });
        }
        if let Some(name) = duplicate_name(headers) {
            return Err(EncodeError::DuplicateHeader {
                name: name.to_owned(),
            });
        }
        Ok(len)
    }
}

impl Message {
    /// This message's frame, under the default [`Limits`].
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        Encoder::default().encode(self)
    }

    /// Appends this message's frame to `out`, under the default [`Limits`].
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        Encoder::default().encode_into(self, out)
    }
}

/// The bytes after the type byte.
fn value_wire_len(value: &HeaderValue) -> usize {
    match value {
        HeaderValue::Bool(_) => 0,
        HeaderValue::Byte(_) => 1,
        HeaderValue::Short(_) => 2,
        HeaderValue::Integer(_) => 4,
        HeaderValue::Long(_) | HeaderValue::Timestamp(_) => 8,
        HeaderValue::ByteArray(v) => 2 + v.len(),
        HeaderValue::String(v) => 2 + v.len(),
        HeaderValue::Uuid(_) => 16,
    }
}

/// One header, already checked (name 1..=255 bytes, value length within `u16`).
fn write_header(header: &Header, out: &mut Vec<u8>) {
    out.push(header.name.len() as u8);
    out.extend_from_slice(header.name.as_bytes());
    out.push(header.value.type_byte());
    match &header.value {
        HeaderValue::Bool(_) => {}
        HeaderValue::Byte(v) => out.extend_from_slice(&v.to_be_bytes()),
        HeaderValue::Short(v) => out.extend_from_slice(&v.to_be_bytes()),
        HeaderValue::Integer(v) => out.extend_from_slice(&v.to_be_bytes()),
        HeaderValue::Long(v) | HeaderValue::Timestamp(v) => out.extend_from_slice(&v.to_be_bytes()),
        HeaderValue::ByteArray(v) => {
            out.extend_from_slice(&(v.len() as u16).to_be_bytes());
            out.extend_from_slice(v);
        }
        HeaderValue::String(v) => {
            out.extend_from_slice(&(v.len() as u16).to_be_bytes());
            out.extend_from_slice(v.as_bytes());
        }
        HeaderValue::Uuid(v) => out.extend_from_slice(v),
    }
}
