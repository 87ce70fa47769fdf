//! Validation of constraint traits, with the messages and paths AWS services use.
//!
//! Every structure and union has `validate()`, which checks the whole value tree and reports
//! **every** violation at once, in a deterministic order: members in model order, list items in
//! index order, map entries in key order (for each entry its key, then its value); for one value,
//! its own constraints (length, pattern, range, enum value set, unique items) before those of the
//! values inside it. Validation is explicit for clients (a service may relax a constraint before
//! this crate's model catches up); a server validates every request it parses.
//!
//! Each [`Violation`] has a JSON Pointer (RFC 6901) `path` made of wire names, list indices and
//! map keys (`/SegmentAttributes/connect:Subtype/ValueMap/k/ValueString`), and a `message` that
//! never contains the value itself, so sensitive values cannot leak. A key that breaks its own
//! constraint reports the map's path; a value reports the map's path and its key.
//!
//! `@required` members are plain (non-`Option`) fields of the generated types, so a built value
//! can never lack one and `validate()` never reports "Member must not be null". That message
//! belongs to the place where a member can be missing: the server-side deserializer, which
//! reports a missing required member with [`Violation::required`] and merges it with the other
//! violations through [`ValidationError::from_violations`].
//!
//! Validating a valid value allocates nothing: paths are chains of [`Path`] segments on the
//! stack, rendered into strings only when a violation is found.
//!
//! Numbers and equality:
//! - Integer ranges compare exactly (`min: 2.2` on an integer admits 3 and up); `bigInteger` and
//!   `bigDecimal` compare their decimal text exactly. Bounds print as the model's JSON number
//!   reads back (`2.20` prints as `2.2`).
//! - Float ranges: NaN is outside every range, infinities outside every finite one; a `float`
//!   compares against the bound rounded to the nearest `f32` (so a model's `2.2` admits
//!   `2.2f32`).
//! - `@uniqueItems` uses `PartialEq` for items holding floats or documents (pairwise, quadratic
//!   in the length): NaN equals nothing, so NaNs never make a list non-unique, and `0.0` equals
//!   `-0.0`. Other items are compared pairwise up to 16 items, hashed above.
//!
//! Known gaps: a union member this crate does not know (its `Unknown` variant) is not reported
//! (a server rejects it while parsing); validation recurses once per nesting level, so a value
//! nested deeper than the stack allows (only buildable by hand, or by a parser without a depth
//! limit) overflows it.

use std::cmp::Ordering;
use std::fmt;

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// A JSON Pointer to the value, built from wire names (`/ParticipantDetails/DisplayName`).
    pub path: String,
    /// The standard message, e.g. `Value at '/ChatDurationInMinutes' failed to satisfy
    /// constraint: Member must be between 60 and 10080, inclusive`.
    pub message: String,
}

impl Violation {
    /// `Value at '{path}' failed to satisfy constraint: Member must not be null`: for a
    /// deserializer that finds a `@required` member missing. `path` is the member's JSON Pointer
    /// (see [`push_segment`] to build one).
    pub fn required(path: impl Into<String>) -> Self {
        let path = path.into();
        let message =
            format!("Value at '{path}' failed to satisfy constraint: Member must not be null");
        Violation { path, message }
    }
}

/// Appends one reference token to a JSON Pointer: `/` then `segment` with `~` written `~0` and
/// `/` written `~1` (RFC 6901).
pub fn push_segment(pointer: &mut String, segment: &str) {
    pointer.push('/');
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Every constraint a value breaks (never empty).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Wraps violations (for instance a deserializer's missing members followed by what
    /// `validate()` found); `None` when there are none.
    pub fn from_violations(violations: Vec<Violation>) -> Option<Self> {
        if violations.is_empty() {
            None
        } else {
            Some(ValidationError { violations })
        }
    }

    /// The violations, in the order described in the [module docs](self).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Takes the violations out.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }

    /// The standard `ValidationException` body:
    /// `{"message": "...", "fieldList": [{"message": "...", "path": "..."}]}`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"message\":");
        push_json_string(&mut out, &self.to_string());
        out.push_str(",\"fieldList\":[");
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"message\":");
            push_json_string(&mut out, &v.message);
            out.push_str(",\"path\":");
            push_json_string(&mut out, &v.path);
            out.push('}');
        }
        out.push_str("]}");
        out
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        let plural = if n == 1 { "" } else { "s" };
        write!(f, "{n} validation error{plural} detected. ")?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&v.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Where a value sits in the value being validated: a chain of segments on the stack, rendered
/// only when a violation is found.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The value `validate()` was called on.
    Root,
    /// A structure or union member, by wire name.
    Member(&'a Path<'a>, &'static str),
    /// A list item.
    Index(&'a Path<'a>, usize),
    /// A map value, by key.
    Key(&'a Path<'a>, &'a str),
}

impl Path<'_> {
    /// The JSON Pointer (`""` for the root).
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Member(parent, name) => {
                parent.render_into(out);
                push_segment(out, name);
            }
            Path::Index(parent, index) => {
                parent.render_into(out);
                out.push('/');
                out.push_str(&index.to_string());
            }
            Path::Key(parent, key) => {
                parent.render_into(out);
                push_segment(out, key);
            }
        }
    }
}

/// Violations found so far; allocates only on the first one.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// No violations yet.
    pub const fn new() -> Self {
        Violations(Vec::new())
    }

    /// `Ok` when nothing was found.
    pub fn finish(self) -> Result<(), ValidationError> {
        match ValidationError::from_violations(self.0) {
            None => Ok(()),
            Some(error) => Err(error),
        }
    }

    /// Records `Value at '{path}' failed to satisfy constraint: {constraint}`.
    #[cold]
    pub fn fail(&mut self, path: &Path<'_>, constraint: &str) {
        let path = path.render();
        let message = format!("Value at '{path}' failed to satisfy constraint: {constraint}");
        self.0.push(Violation { path, message });
    }

    /// Records `Value with length {length} at '{path}' failed to satisfy constraint: {constraint}`.
    #[cold]
    pub fn fail_length(&mut self, path: &Path<'_>, length: usize, constraint: &str) {
        let path = path.render();
        let message = format!(
            "Value with length {length} at '{path}' failed to satisfy constraint: {constraint}"
        );
        self.0.push(Violation { path, message });
    }

    /// Checks `min <= length <= max`; `constraint` is the message tail. An absent bound is
    /// passed as `0` (minimum) or `u64::MAX` (maximum), which every length meets.
    #[inline]
    pub fn length(&mut self, path: &Path<'_>, length: usize, min: u64, max: u64, constraint: &str) {
        // usize always fits in u64 on the platforms Rust supports.
        let n = length as u64;
        if n < min || n > max {
            self.fail_length(path, length, constraint);
        }
    }
}

/// The length of a string as Smithy counts it: Unicode scalar values, so `"👍"` has length 1.
#[doc(hidden)]
#[inline]
pub fn string_length(value: &str) -> usize {
    value.chars().count()
}

/// Whether no two items are equal, compared pairwise with `PartialEq`: for item types that are
/// not `Eq + Hash` (they hold floats or documents). So a float NaN equals nothing, not even
/// another NaN, and never makes a list non-unique; `0.0` and `-0.0` are equal. Quadratic in the
/// list's length.
#[doc(hidden)]
pub fn unique_by_eq<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(i, a)| items[i + 1..].iter().all(|b| a != b))
}

/// Whether no two items are equal, for `Eq + Hash` items: pairwise (no allocation) for short
/// lists, with a hash set (linear time) for longer ones.
#[doc(hidden)]
pub fn unique_by_hash<T: Eq + std::hash::Hash>(items: &[T]) -> bool {
    if items.len() <= 16 {
        return unique_by_eq(items);
    }
    // Only membership is used, never iteration order, so a hash set keeps results deterministic.
    #[allow(clippy::disallowed_types)]
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.iter().all(|item| seen.insert(item))
}

/// Compares two decimal numbers written as JSON numbers (`-12.5`, `3e10`, `1E-7`) exactly,
/// digit by digit; `None` if either is not such a number. Used for `bigInteger` and
/// `bigDecimal` range checks.
#[doc(hidden)]
pub fn compare_decimal(a: &str, b: &str) -> Option<Ordering> {
    let a = Decimal::parse(a)?;
    let b = Decimal::parse(b)?;
    Some(match (a.is_zero(), b.is_zero()) {
        (true, true) => Ordering::Equal,
        (true, false) => {
            if b.negative {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
        (false, true) => {
            if a.negative {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
        (false, false) => match (a.negative, b.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => a.cmp_magnitude(&b),
            (true, true) => b.cmp_magnitude(&a),
        },
    })
}

/// A parsed decimal: `0.d1d2d3... × 10^scale`, with the digits left in the text.
struct Decimal<'a> {
    negative: bool,
    /// The mantissa's digits and `.` (at most one), leading zeros included.
    mantissa: &'a str,
    /// The power of ten of the first significant digit's place, plus one.
    scale: i64,
}

impl<'a> Decimal<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let exponent: i64 = match exponent {
            None => 0,
            Some(e) => {
                let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                // Exponents beyond this are clamped; no real bound or value comes near.
                let magnitude: i64 = digits.parse().unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
                if e.starts_with('-') {
                    -magnitude
                } else {
                    magnitude
                }
            }
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((i, f)) => (i, f),
            None => (mantissa, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty()
            || !digits(int)
            || !digits(frac)
            || (mantissa.contains('.') && frac.is_empty())
        {
            return None;
        }
        // Place of the first significant digit.
        let int_significant = int.trim_start_matches('0').len() as i64;
        let scale = if int_significant > 0 {
            int_significant
        } else {
            let leading = frac.len() - frac.trim_start_matches('0').len();
            -(leading as i64)
        };
        Some(Decimal {
            negative,
            mantissa,
            scale: scale.saturating_add(exponent),
        })
    }

    fn significant(&self) -> impl Iterator<Item = u8> + '_ {
        self.mantissa
            .bytes()
            .filter(|b| *b != b'.')
            .skip_while(|b| *b == b'0')
    }

    fn is_zero(&self) -> bool {
        self.significant().next().is_none()
    }

    fn cmp_magnitude(&self, other: &Self) -> Ordering {
        match self.scale.cmp(&other.scale) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        let mut a = self.significant();
        let mut b = other.significant();
        loop {
            match (a.next(), b.next()) {
                (None, None) => return Ordering::Equal,
                (Some(x), Some(y)) if x == y => {}
                (Some(x), Some(y)) => return x.cmp(&y),
                (Some(x), None) => {
                    if x != b'0' || a.any(|d| d != b'0') {
                        return Ordering::Greater;
                    }
                    return Ordering::Equal;
                }
                (None, Some(y)) => {
                    if y != b'0' || b.any(|d| d != b'0') {
                        return Ordering::Less;
                    }
                    return Ordering::Equal;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_compare_exactly() {
        use Ordering::*;
        let cases = [
            ("1", "1.0", Equal),
            ("2.2", "2.19999999999999999999", Greater),
            ("-3", "2", Less),
            ("0", "-0.0", Equal),
            ("1e3", "999", Greater),
            ("12345678901234567890", "12345678901234567891", Less),
            ("-1.5", "-1.25", Less),
            ("0.001", "1E-3", Equal),
            ("100", "1e2", Equal),
            ("007", "7", Equal),
        ];
        for (a, b, expected) in cases {
            assert_eq!(compare_decimal(a, b), Some(expected), "{a} vs {b}");
        }
        assert_eq!(compare_decimal("1.", "1"), None);
        assert_eq!(compare_decimal("abc", "1"), None);
    }
}
