//! `bigInteger` and `bigDecimal` in JSON documents: written and read as raw number text through
//! serde_json's `raw_value` feature, so no digit is lost.

use serde::de::{self, Deserializer};
use serde::ser::{self, Serializer};
use serde_json::value::RawValue;

use crate::__private::json::{Codec, ReadCodec, WriteCodec};
use crate::primitives::{BigDecimal, BigInteger};

/// `bigInteger`: a JSON number with every digit kept.
pub struct BigInt;

impl Codec for BigInt {
    type Value = BigInteger;
}

impl WriteCodec for BigInt {
    fn serialize<S: Serializer>(value: &BigInteger, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(value.as_str().to_owned()).map_err(ser::Error::custom)?;
        ser::Serialize::serialize(&raw, serializer)
    }
}

impl ReadCodec for BigInt {
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BigInteger, D::Error> {
        let raw: Box<RawValue> = de::Deserialize::deserialize(deserializer)?;
        BigInteger::parse(raw.get())
            .ok_or_else(|| de::Error::custom(format!("expected an integer, found `{}`", raw.get())))
    }
    fn placeholder() -> BigInteger {
        match BigInteger::parse("0") {
            Some(zero) => zero,
            None => unreachable!("`0` is an integer"),
        }
    }
}

/// `bigDecimal`: a JSON number with every digit kept.
pub struct BigDec;

impl Codec for BigDec {
    type Value = BigDecimal;
}

impl WriteCodec for BigDec {
    fn serialize<S: Serializer>(value: &BigDecimal, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(value.as_str().to_owned()).map_err(ser::Error::custom)?;
        ser::Serialize::serialize(&raw, serializer)
    }
}

impl ReadCodec for BigDec {
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BigDecimal, D::Error> {
        let raw: Box<RawValue> = de::Deserialize::deserialize(deserializer)?;
        BigDecimal::parse(raw.get())
            .ok_or_else(|| de::Error::custom(format!("expected a number, found `{}`", raw.get())))
    }
    fn placeholder() -> BigDecimal {
        match BigDecimal::parse("0") {
            Some(zero) => zero,
            None => unreachable!("`0` is a number"),
        }
    }
}

impl crate::__private::json_object::Json for BigInteger {
    type Codec = BigInt;
}

impl crate::__private::json_object::Json for BigDecimal {
    type Codec = BigDec;
}
