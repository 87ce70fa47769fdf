//! How a structure holds a member, and its `@default` value typed by the member's Rust type:
//! a default that does not fit the type is reported here, naming the member and the trait, so
//! that the emitters turn every default they meet into a literal.

use serde_json::Value;

use super::{DefaultValue, EpochSeconds, Presence, RustType, TypeRef};
use crate::error::Error;
use crate::model::traits::ids;
use crate::model::{Member, Shape, ShapeKind};

/// Whether the member `owner` (targeting `target`, of type `ty`) is required, defaulted or
/// optional.
pub(super) fn presence(
    owner: &str,
    member: &Member,
    target: &Shape,
    ty: &RustType,
) -> Result<Presence, Error> {
    if member.traits.required {
        return Ok(Presence::Required);
    }
    let value = match &member.traits.default {
        None | Some(Value::Null) => return Ok(Presence::Optional),
        Some(_) if member.traits.has("smithy.api#clientOptional") => {
            return Ok(Presence::Optional);
        }
        Some(value) => value,
    };
    match typed(value, ty, target) {
        Typed::Fits(value) => Ok(Presence::Default(value)),
        Typed::Expected(expected) => Err(Error::InvalidDefault {
            id: owner.to_owned(),
            trait_id: ids::DEFAULT.to_owned(),
            value: value.to_string(),
            expected,
        }),
        Typed::Unsupported => Err(Error::Unsupported {
            id: owner.to_owned(),
            feature: format!("the default value {value} for a member of type {ty:?}"),
        }),
    }
}

/// A default value as its member's type sees it.
enum Typed {
    Fits(DefaultValue),
    /// It does not fit: what the type takes.
    Expected(String),
    /// The generator has no literal for defaults of this type.
    Unsupported,
}

/// `value` as a default of type `ty` (whose target shape is `target`).
fn typed(value: &Value, ty: &RustType, target: &Shape) -> Typed {
    let integer = |min: i64, max: i64| match value.as_i64() {
        Some(v) if (min..=max).contains(&v) => Typed::Fits(DefaultValue::Integer(v)),
        _ => Typed::Expected(format!("an integer from {min} to {max}")),
    };
    match ty {
        RustType::Bool => match value {
            Value::Bool(b) => Typed::Fits(DefaultValue::Bool(*b)),
            _ => Typed::Expected("`true` or `false`".to_owned()),
        },
        RustType::I8 => integer(i8::MIN.into(), i8::MAX.into()),
        RustType::I16 => integer(i16::MIN.into(), i16::MAX.into()),
        RustType::I32 => integer(i32::MIN.into(), i32::MAX.into()),
        RustType::I64 => integer(i64::MIN, i64::MAX),
        RustType::F32 | RustType::F64 => match value.as_f64() {
            Some(v) => Typed::Fits(DefaultValue::Float(v)),
            None => Typed::Expected("a number".to_owned()),
        },
        RustType::String => match value {
            Value::String(s) => Typed::Fits(DefaultValue::String(s.clone())),
            _ => Typed::Expected("a string".to_owned()),
        },
        RustType::Named(r) => named(value, *r, target),
        RustType::List { .. } => match value {
            Value::Array(a) if a.is_empty() => Typed::Fits(DefaultValue::Empty),
            _ => Typed::Expected("only an empty list".to_owned()),
        },
        RustType::Map { .. } => match value {
            Value::Object(o) if o.is_empty() => Typed::Fits(DefaultValue::Empty),
            _ => Typed::Expected("only an empty map".to_owned()),
        },
        RustType::Blob => match value {
            Value::String(s) if s.is_empty() => Typed::Fits(DefaultValue::Empty),
            _ => Typed::Unsupported,
        },
        // Epoch seconds; the prelude's default for timestamps is `0`.
        RustType::Timestamp => match (value.as_u64(), value.as_f64()) {
            (Some(whole), _) => Typed::Fits(DefaultValue::Timestamp(EpochSeconds::Whole(whole))),
            (None, Some(v)) if v.is_finite() && v >= 0.0 => {
                Typed::Fits(DefaultValue::Timestamp(EpochSeconds::Fractional(v)))
            }
            _ => Typed::Expected("seconds since the epoch, not negative".to_owned()),
        },
        RustType::Document | RustType::BigInteger | RustType::BigDecimal => Typed::Unsupported,
    }
}

/// `value` as a default of the generated type `r`, whose shape is `target`.
fn named(value: &Value, r: TypeRef, target: &Shape) -> Typed {
    match (&target.kind, value) {
        (ShapeKind::IntEnum(_), _) => match value.as_i64().and_then(|v| i32::try_from(v).ok()) {
            Some(v) => Typed::Fits(DefaultValue::IntEnum(r, v)),
            None => Typed::Expected("an integer from -2147483648 to 2147483647".to_owned()),
        },
        (ShapeKind::Enum(_) | ShapeKind::String, Value::String(s)) => {
            Typed::Fits(DefaultValue::StringEnum(r, s.clone()))
        }
        (ShapeKind::Enum(_) | ShapeKind::String, _) => Typed::Expected("a string".to_owned()),
        _ => Typed::Expected("no default (structures and unions have none)".to_owned()),
    }
}
