//! Timestamp codecs: epoch seconds, `date-time` and `http-date`.

use super::{Codec, ReadCodec, WriteCodec};
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{self, Serializer};

use crate::__private::json_text::{
    format_date_time, format_http_date, from_epoch_seconds_f64, from_parts, parse_date_time,
    parse_http_date, to_parts,
};

/// Whether a number is read as a timestamp of a codec that writes text: a client's reader is
/// lenient, a server's takes only the format (Smithy's malformed-request tests).
fn number_allowed<E: de::Error>(text_format: bool) -> Result<(), E> {
    if text_format && super::server_mode() {
        Err(E::custom("expected a timestamp string, found a number"))
    } else {
        Ok(())
    }
}

macro_rules! timestamp_codec {
    ($name:ident, $doc:literal, $ser:expr, $de:ident, $expect:literal, $text:literal) => {
        #[doc = $doc]
        pub struct $name;

        impl Codec for $name {
            type Value = SystemTime;
        }

        impl WriteCodec for $name {
            fn serialize<S: Serializer>(
                value: &SystemTime,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                #[allow(clippy::redundant_closure_call)]
                ($ser)(value, serializer)
            }
        }

        impl ReadCodec for $name {
            fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<SystemTime, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = SystemTime;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expect)
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<SystemTime, E> {
                        number_allowed::<E>($text)?;
                        from_epoch_seconds_f64(v).ok_or_else(|| E::custom("timestamp out of range"))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<SystemTime, E> {
                        number_allowed::<E>($text)?;
                        i64::try_from(v)
                            .ok()
                            .and_then(|s| from_parts(s, 0))
                            .ok_or_else(|| E::custom("timestamp out of range"))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<SystemTime, E> {
                        number_allowed::<E>($text)?;
                        from_parts(v, 0).ok_or_else(|| E::custom("timestamp out of range"))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<SystemTime, E> {
                        $de(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
                    }
                }
                deserializer.deserialize_any(V)
            }
            fn placeholder() -> SystemTime {
                UNIX_EPOCH
            }
        }
    };
}

fn no_text(_: &str) -> Option<SystemTime> {
    None
}

/// A `date-time` as the reader takes it: with any UTC offset for a client, only `Z` for a
/// server (Smithy's malformed-request tests reject offsets).
pub fn parse_date_time_as_read(text: &str) -> Option<SystemTime> {
    if super::server_mode() && !text.ends_with(['Z', 'z']) {
        return None;
    }
    parse_date_time(text)
}

fn ser_epoch<S: Serializer>(value: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    let (secs, nanos) =
        to_parts(*value).ok_or_else(|| ser::Error::custom("timestamp out of range"))?;
    if nanos == 0 {
        serializer.serialize_i64(secs)
    } else {
        serializer.serialize_f64(secs as f64 + f64::from(nanos) / 1e9)
    }
}

fn ser_date_time<S: Serializer>(value: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    let text =
        format_date_time(*value).ok_or_else(|| ser::Error::custom("timestamp out of range"))?;
    serializer.serialize_str(&text)
}

fn ser_http_date<S: Serializer>(value: &SystemTime, serializer: S) -> Result<S::Ok, S::Error> {
    let text =
        format_http_date(*value).ok_or_else(|| ser::Error::custom("timestamp out of range"))?;
    serializer.serialize_str(&text)
}

timestamp_codec!(
    EpochSeconds,
    "`epoch-seconds` timestamps (the JSON default): a number with an optional fraction.",
    ser_epoch,
    no_text,
    "epoch seconds",
    false
);
timestamp_codec!(
    DateTime,
    "`date-time` timestamps: RFC 3339 strings.",
    ser_date_time,
    parse_date_time_as_read,
    "an RFC 3339 date-time string",
    true
);
timestamp_codec!(
    HttpDate,
    "`http-date` timestamps: IMF-fixdate strings.",
    ser_http_date,
    parse_http_date,
    "an HTTP date string",
    true
);
