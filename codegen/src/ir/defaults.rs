//! How a structure holds a member (Smithy's nullability rules), and its `@default` value typed
//! by the member's Rust type: a default that does not fit the type is reported here, naming the
//! member and the trait, so that the emitters turn every default they meet into a literal.
//!
//! Smithy lets a non-authoritative consumer (a client) and an authoritative one (a server) see a
//! member differently (Smithy's `NullableIndex` calls the two views `CLIENT` and `SERVER`). One
//! generated type serves both, so its field follows the client's view, and the server's extra
//! knowledge is a rule its request readers apply ([`Presence::ClientOptional`]). In order:
//!
//! 1. `@default(null)` means no default: `Option<T>`, even with `@required` (as Smithy says).
//! 2. `@required` without `@clientOptional`: a plain `T`, also in `@input` structures and with a
//!    `@default` (the builder and every reader fail without it). Smithy would let a client hold
//!    a required member of an `@input` structure as optional; this generator keeps the builder's
//!    check instead, since a client sends a required member either way.
//! 3. `@required` with `@clientOptional`: `Option<T>`; a server rejects a request without it.
//! 4. A `@default` member that is `@clientOptional`, `@addedDefault`, or in an `@input`
//!    structure: `Option<T>`, which the builder and a client leave `None` (so a client sends only
//!    what its caller set, and the service applies its own default); a server reading a request
//!    fills the default. `@addedDefault` says the member was published without a default: it
//!    stays optional, so that code written against the older model still compiles.
//! 5. Any other `@default` member: a plain `T` that the builder and every reader fill.
//! 6. Everything else: `Option<T>`.
//!
//! Default values: numbers within their type's range, strings, enum values among the enum's
//! known values, timestamps as seconds since the epoch (not negative), blobs as base64 text,
//! big numbers as integer or decimal numbers, documents as any JSON value, lists and maps only
//! empty.

use serde_json::Value;

use super::enums::enum_values;
use super::{DefaultValue, EpochSeconds, Presence, RustType, ServerRule, TypeRef};
use crate::error::Error;
use crate::model::traits::ids;
use crate::model::{Member, Shape, ShapeKind};

/// Whether the member `owner` of `container` (targeting `target`, of type `ty`) is required,
/// defaulted or optional, and for whom (see the module docs).
pub(super) fn presence(
    owner: &str,
    container: &Shape,
    member: &Member,
    target: &Shape,
    ty: &RustType,
) -> Result<Presence, Error> {
    let traits = &member.traits;
    let default = match &traits.default {
        None => None,
        Some(Value::Null) => return Ok(Presence::Optional),
        Some(value) => Some(typed_default(owner, value, ty, target)?),
    };
    let client_optional = traits.has(ids::CLIENT_OPTIONAL);
    Ok(match (traits.required, default) {
        (true, _) if client_optional => Presence::ClientOptional(ServerRule::Required),
        (true, _) => Presence::Required,
        (false, Some(value))
            if client_optional
                || traits.has(ids::ADDED_DEFAULT)
                || container.traits.has(ids::INPUT) =>
        {
            Presence::ClientOptional(ServerRule::Default(value))
        }
        (false, Some(value)) => Presence::Default(value),
        (false, None) => Presence::Optional,
    })
}

/// `value` as the default of the member `owner`, or the error saying what its type takes.
fn typed_default(
    owner: &str,
    value: &Value,
    ty: &RustType,
    target: &Shape,
) -> Result<DefaultValue, Error> {
    typed(value, ty, target).map_err(|expected| Error::InvalidDefault {
        id: owner.to_owned(),
        trait_id: ids::DEFAULT.to_owned(),
        value: value.to_string(),
        expected,
    })
}

/// `value` as a default of type `ty` (whose target shape is `target`), or what the type takes.
fn typed(value: &Value, ty: &RustType, target: &Shape) -> Result<DefaultValue, String> {
    let integer = |min: i64, max: i64| match value.as_i64() {
        Some(v) if (min..=max).contains(&v) => Ok(DefaultValue::Integer(v)),
        _ => Err(format!("an integer from {min} to {max}")),
    };
    match ty {
        RustType::Bool => match value {
            Value::Bool(b) => Ok(DefaultValue::Bool(*b)),
            _ => Err("`true` or `false`".to_owned()),
        },
        RustType::I8 => integer(i8::MIN.into(), i8::MAX.into()),
        RustType::I16 => integer(i16::MIN.into(), i16::MAX.into()),
        RustType::I32 => integer(i32::MIN.into(), i32::MAX.into()),
        RustType::I64 => integer(i64::MIN, i64::MAX),
        RustType::F32 | RustType::F64 => match value.as_f64() {
            Some(v) => Ok(DefaultValue::Float(v)),
            None => Err("a number".to_owned()),
        },
        RustType::String => match value {
            Value::String(s) => Ok(DefaultValue::String(s.clone())),
            _ => Err("a string".to_owned()),
        },
        RustType::Named(r) => named(value, *r, target),
        RustType::List { .. } => match value {
            Value::Array(a) if a.is_empty() => Ok(DefaultValue::Empty),
            _ => Err("only an empty list".to_owned()),
        },
        RustType::Map { .. } => match value {
            Value::Object(o) if o.is_empty() => Ok(DefaultValue::Empty),
            _ => Err("only an empty map".to_owned()),
        },
        RustType::Blob => match value.as_str().map(base64_decode) {
            Some(Some(bytes)) if bytes.is_empty() => Ok(DefaultValue::Empty),
            Some(Some(bytes)) => Ok(DefaultValue::Blob(bytes)),
            _ => Err("a base64 string (RFC 4648, padded)".to_owned()),
        },
        // Epoch seconds; the prelude's default for timestamps is `0`.
        RustType::Timestamp => match (value.as_u64(), value.as_f64()) {
            (Some(whole), _) => Ok(DefaultValue::Timestamp(EpochSeconds::Whole(whole))),
            (None, Some(v)) if v.is_finite() && v >= 0.0 => {
                Ok(DefaultValue::Timestamp(EpochSeconds::Fractional(v)))
            }
            _ => Err("seconds since the epoch, not negative".to_owned()),
        },
        RustType::Document => Ok(DefaultValue::Document(value.clone())),
        // serde_json renders a number as the shortest text that reads back as it: the digits
        // of an integer, or a float's decimal or exponent form.
        RustType::BigInteger => match value {
            Value::Number(n) if n.is_i64() || n.is_u64() => {
                Ok(DefaultValue::BigInteger(n.to_string()))
            }
            _ => Err("an integer".to_owned()),
        },
        RustType::BigDecimal => match value {
            Value::Number(n) => Ok(DefaultValue::BigDecimal(n.to_string())),
            _ => Err("a number".to_owned()),
        },
    }
}

/// `value` as a default of the generated type `r`, whose shape is `target`: one of the enum's
/// known values.
fn named(value: &Value, r: TypeRef, target: &Shape) -> Result<DefaultValue, String> {
    let known = enum_values(target).unwrap_or_default();
    let one_of = || {
        let values: Vec<String> = known.iter().map(|v| format!("{v:?}")).collect();
        format!(
            "one of the values of `{}`: {}",
            target.id,
            values.join(", ")
        )
    };
    match (&target.kind, value) {
        (ShapeKind::IntEnum(_), _) => match value.as_i64().and_then(|v| i32::try_from(v).ok()) {
            Some(v) if known.contains(&v.to_string()) => Ok(DefaultValue::IntEnum(r, v)),
            _ => Err(one_of().replace('"', "")),
        },
        (ShapeKind::Enum(_) | ShapeKind::String, Value::String(s)) if known.contains(s) => {
            Ok(DefaultValue::StringEnum(r, s.clone()))
        }
        (ShapeKind::Enum(_) | ShapeKind::String, _) => Err(one_of()),
        _ => Err("no default (structures and unions have none)".to_owned()),
    }
}

/// Decodes standard base64 (RFC 4648, `+/`, padded); `None` if `text` is not that.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    fn sextet(c: u8) -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    }
    let bytes = text.as_bytes();
    if bytes.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let chunks = bytes.chunks(4).count();
    for (i, chunk) in bytes.chunks(4).enumerate() {
        let padding = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if padding > 2 || (padding > 0 && i + 1 != chunks) {
            return None;
        }
        let mut bits = 0u32;
        for &c in &chunk[..4 - padding] {
            bits = bits << 6 | sextet(c)?;
        }
        bits <<= 6 * padding;
        let [_, a, b, c] = bits.to_be_bytes();
        out.extend_from_slice(&[a, b, c][..3 - padding]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::base64_decode;

    #[test]
    fn base64_decodes_padded_standard_text_only() {
        assert_eq!(base64_decode("YWJj").as_deref(), Some(&b"abc"[..]));
        assert_eq!(base64_decode("aGk=").as_deref(), Some(&b"hi"[..]));
        assert_eq!(base64_decode("YQ==").as_deref(), Some(&b"a"[..]));
        assert_eq!(base64_decode("+/8=").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(base64_decode("").as_deref(), Some(&b""[..]));
        for bad in ["YWJ", "YW=j", "YQ==YQ==", "Y===", "YW J", "YWJj\n"] {
            assert_eq!(base64_decode(bad), None, "{bad:?}");
        }
    }
}
