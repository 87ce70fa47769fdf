//! Value types the model's simple shapes map to, beyond the standard library's.

use std::collections::BTreeMap;
use std::fmt;

/// Stands in for a sensitive value in `Debug` output.
#[doc(hidden)] // generated code only
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("*** Sensitive Data Redacted ***")
    }
}

/// A string enum value this version of the crate does not know.
///
/// Only the crate can make one (through `From<&str>` on the enum), so a known value is never
/// held as unknown and equality between enum values is equality of their wire values.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    #[doc(hidden)] // generated code only
    pub fn new(value: String) -> Self {
        UnknownVariantValue(value)
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An intEnum value this version of the crate does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownIntVariantValue(i32);

impl UnknownIntVariantValue {
    #[doc(hidden)] // generated code only
    pub fn new(value: i32) -> Self {
        UnknownIntVariantValue(value)
    }

    /// The value as received.
    pub fn value(&self) -> i32 {
        self.0
    }
}

/// An arbitrary-precision integer (`bigInteger`), held as its canonical decimal text so no
/// digit is lost. Convert it with the big-number crate of your choice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BigInteger(String);

impl BigInteger {
    /// Parses decimal integer text such as `-12345678901234567890`; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Self> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| BigInteger(text.to_owned()))
    }

    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `@default` of the model, which the generator checked is integer text.
    #[doc(hidden)] // generated code only
    pub fn from_checked(text: &str) -> Self {
        debug_assert!(Self::parse(text).is_some(), "{text:?}");
        BigInteger(text.to_owned())
    }
}

impl fmt::Display for BigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An arbitrary-precision decimal (`bigDecimal`), held as its text (`-1.25e-7`) so no digit is
/// lost. Convert it with the big-number crate of your choice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BigDecimal(String);

impl BigDecimal {
    /// Parses a JSON-style number (`-12.5`, `3e10`); `None` if the text is not one.
    pub fn parse(text: &str) -> Option<Self> {
        let rest = text.strip_prefix('-').unwrap_or(text);
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (mantissa, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
        let ok = digits(int) && frac.is_none_or(digits) && exponent_ok;
        ok.then(|| BigDecimal(text.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `@default` of the model, which the generator checked is a JSON number.
    #[doc(hidden)] // generated code only
    pub fn from_checked(text: &str) -> Self {
        debug_assert!(Self::parse(text).is_some(), "{text:?}");
        BigDecimal(text.to_owned())
    }
}

impl fmt::Display for BigDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An untyped JSON-like value (`document` shapes).
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Document>),
    /// An object, with keys in sorted order.
    Object(BTreeMap<String, Document>),
}

/// A number inside a [`Document`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A floating-point number.
    Float(f64),
}
