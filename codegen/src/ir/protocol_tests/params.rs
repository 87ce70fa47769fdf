//! A case's `params` (a Smithy node value: members by member name, blobs as their text,
//! timestamps as epoch seconds, floats as numbers or `"NaN"`, `"Infinity"`, `"-Infinity"`)
//! typed against the IR's types.

use serde_json::Value;

use crate::ir::{Crate, RustType, TypeDef, TypeRef};

/// A value a case describes, shaped as its Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum TestValue {
    /// The input or output of an operation that has none (`()`).
    Unit,
    /// A `bool`.
    Bool(bool),
    /// An integer of any width (it fits its type: checked here).
    Integer(i64),
    /// A float or double, NaN and infinities included.
    Float(f64),
    /// A string.
    String(String),
    /// A blob's bytes.
    Blob(Vec<u8>),
    /// A timestamp: whole seconds since the epoch (negative before it), and nanoseconds after
    /// them.
    Timestamp {
        /// Whole seconds, rounded down.
        seconds: i64,
        /// Nanoseconds, below one second.
        nanos: u32,
    },
    /// A document.
    Document(Value),
    /// A `bigInteger` or `bigDecimal`, as its text.
    BigNumber(String),
    /// A string enum's value (known or not).
    Enum(TypeRef, String),
    /// An intEnum's value.
    IntEnum(TypeRef, i32),
    /// A structure: one entry per field of the IR's structure, `None` when the case does not
    /// set it.
    Structure(TypeRef, Vec<Option<TestValue>>),
    /// A union: the variant's index and its value (`None` for a unit member).
    Union(TypeRef, usize, Option<Box<TestValue>>),
    /// A list; `None` items are the nulls of a sparse list.
    List(Vec<Option<TestValue>>),
    /// A map, in the case's order; `None` values are the nulls of a sparse map.
    Map(Vec<(String, Option<TestValue>)>),
}

/// The `params` of a case for the message `r` (`None`: the operation has no such message).
pub(super) fn message(
    krate: &Crate,
    r: Option<TypeRef>,
    params: Option<&Value>,
) -> Result<TestValue, String> {
    let empty = Value::Object(serde_json::Map::new());
    let params = params.unwrap_or(&empty);
    match r {
        None if params.as_object().is_some_and(|o| o.is_empty()) => Ok(TestValue::Unit),
        None => Err("`params` has members, and the operation has no such message".to_owned()),
        Some(r) => value(krate, &RustType::Named(r), params).map_err(|e| format!("`params`{e}")),
    }
}

/// The `params` of an event case: a value of the `@streaming` union `r`.
pub(super) fn event(krate: &Crate, r: TypeRef, params: &Value) -> Result<TestValue, String> {
    value(krate, &RustType::Named(r), params).map_err(|e| format!("`params`{e}"))
}

/// `json` as a value of `ty`; the error starts with the path to the wrong value
/// (`.member[2]: ...`).
fn value(krate: &Crate, ty: &RustType, json: &Value) -> Result<TestValue, String> {
    let wrong = |what: &str| Err(format!(": expected {what}, found {json}"));
    let integer = |min: i64, max: i64| match json.as_i64() {
        Some(v) if (min..=max).contains(&v) => Ok(TestValue::Integer(v)),
        _ => Err(format!(
            ": expected an integer from {min} to {max}, found {json}"
        )),
    };
    match ty {
        RustType::Bool => json
            .as_bool()
            .map(TestValue::Bool)
            .map_or_else(|| wrong("a boolean"), Ok),
        RustType::I8 => integer(i8::MIN.into(), i8::MAX.into()),
        RustType::I16 => integer(i16::MIN.into(), i16::MAX.into()),
        RustType::I32 => integer(i32::MIN.into(), i32::MAX.into()),
        RustType::I64 => integer(i64::MIN, i64::MAX),
        RustType::F32 | RustType::F64 => match json {
            Value::Number(n) => n
                .as_f64()
                .map(TestValue::Float)
                .map_or_else(|| wrong("a number"), Ok),
            Value::String(s) => match s.as_str() {
                "NaN" => Ok(TestValue::Float(f64::NAN)),
                "Infinity" => Ok(TestValue::Float(f64::INFINITY)),
                "-Infinity" => Ok(TestValue::Float(f64::NEG_INFINITY)),
                _ => wrong("a number, \"NaN\", \"Infinity\" or \"-Infinity\""),
            },
            _ => wrong("a number"),
        },
        RustType::String => json
            .as_str()
            .map(|s| TestValue::String(s.to_owned()))
            .map_or_else(|| wrong("a string"), Ok),
        RustType::Blob => json
            .as_str()
            .map(|s| TestValue::Blob(s.as_bytes().to_vec()))
            .map_or_else(|| wrong("a string"), Ok),
        RustType::Timestamp => match json {
            Value::Number(n) => timestamp(n).map_or_else(|| wrong("seconds since the epoch"), Ok),
            // Event-stream cases write timestamps as RFC 3339 text.
            Value::String(s) => super::text::date_time_millis(s)
                .map(|millis| TestValue::Timestamp {
                    seconds: millis.div_euclid(1000),
                    nanos: (millis.rem_euclid(1000) * 1_000_000) as u32,
                })
                .map_or_else(|| wrong("seconds since the epoch or RFC 3339 text"), Ok),
            _ => wrong("seconds since the epoch"),
        },
        RustType::Document => Ok(TestValue::Document(json.clone())),
        RustType::BigInteger | RustType::BigDecimal => match json {
            Value::Number(n) => Ok(TestValue::BigNumber(n.to_string())),
            Value::String(s) => Ok(TestValue::BigNumber(s.clone())),
            _ => wrong("a number"),
        },
        RustType::List { item, sparse } => {
            let Value::Array(items) = json else {
                return wrong("a list");
            };
            let mut out = Vec::new();
            for (i, item_json) in items.iter().enumerate() {
                out.push(
                    nullable(krate, item, item_json, *sparse).map_err(|e| format!("[{i}]{e}"))?,
                );
            }
            Ok(TestValue::List(out))
        }
        RustType::Map { value: v, sparse } => {
            let Value::Object(entries) = json else {
                return wrong("a map");
            };
            let mut out = Vec::new();
            for (key, entry) in entries {
                let entry =
                    nullable(krate, v, entry, *sparse).map_err(|e| format!("[{key:?}]{e}"))?;
                out.push((key.clone(), entry));
            }
            Ok(TestValue::Map(out))
        }
        RustType::Named(r) => named(krate, *r, json),
    }
}

/// An item of a list or a map value: `null` is `None` where the collection is sparse.
fn nullable(
    krate: &Crate,
    ty: &RustType,
    json: &Value,
    sparse: bool,
) -> Result<Option<TestValue>, String> {
    match json {
        Value::Null if sparse => Ok(None),
        Value::Null => Err(": null in a collection that is not @sparse".to_owned()),
        _ => value(krate, ty, json).map(Some),
    }
}

fn named(krate: &Crate, r: TypeRef, json: &Value) -> Result<TestValue, String> {
    let wrong = |what: &str| Err(format!(": expected {what}, found {json}"));
    match krate.ty(r) {
        TypeDef::Enum(e) if e.int => match json.as_i64().and_then(|v| i32::try_from(v).ok()) {
            Some(v) => Ok(TestValue::IntEnum(r, v)),
            None => wrong("an intEnum value"),
        },
        TypeDef::Enum(_) => match json.as_str() {
            Some(s) => Ok(TestValue::Enum(r, s.to_owned())),
            None => wrong("an enum value"),
        },
        TypeDef::Structure(s) => {
            let Value::Object(members) = json else {
                return wrong("a structure");
            };
            let mut fields = vec![None; s.fields.len()];
            for (name, member) in members {
                let Some(i) = s.fields.iter().position(|f| f.member_name == *name) else {
                    return Err(format!(".{name}: `{}` has no such member", s.common.id));
                };
                let field = &s.fields[i];
                if member.is_null() {
                    continue;
                }
                fields[i] =
                    Some(value(krate, &field.ty, member).map_err(|e| format!(".{name}{e}"))?);
            }
            Ok(TestValue::Structure(r, fields))
        }
        TypeDef::Union(u) => {
            let Some((name, member)) = json
                .as_object()
                .filter(|o| o.len() == 1)
                .and_then(|o| o.iter().next())
            else {
                return wrong("a union (an object with one member)");
            };
            let Some(i) = u.variants.iter().position(|v| v.member_name == *name) else {
                return Err(format!(".{name}: `{}` has no such member", u.common.id));
            };
            let inner = match &u.variants[i].ty {
                None => None,
                Some(ty) => Some(Box::new(
                    value(krate, ty, member).map_err(|e| format!(".{name}{e}"))?,
                )),
            };
            Ok(TestValue::Union(r, i, inner))
        }
    }
}

/// Epoch seconds, exactly: the integer and fraction digits of the number's text.
fn timestamp(n: &serde_json::Number) -> Option<TestValue> {
    if let Some(seconds) = n.as_i64() {
        return Some(TestValue::Timestamp { seconds, nanos: 0 });
    }
    let value = n.as_f64()?;
    if !value.is_finite() || value.abs() > 1e15 {
        return None;
    }
    // serde_json writes the shortest text that reads back as the number: split its digits so
    // that 1.1 is 1 s and 100,000,000 ns, not the binary float's nearest nanosecond.
    let text = n.to_string();
    if text.contains(['e', 'E']) {
        let whole = value.floor();
        let nanos = ((value - whole) * 1e9).round() as u32;
        return Some(TestValue::Timestamp {
            seconds: whole as i64,
            nanos: nanos.min(999_999_999),
        });
    }
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let negative = int.starts_with('-');
    let whole: i64 = int.parse().ok()?;
    let mut digits: String = frac.chars().take(9).collect();
    while digits.len() < 9 {
        digits.push('0');
    }
    let nanos: u32 = digits.parse().ok()?;
    Some(if negative && nanos > 0 {
        TestValue::Timestamp {
            seconds: whole - 1,
            nanos: 1_000_000_000 - nanos,
        }
    } else {
        TestValue::Timestamp {
            seconds: whole,
            nanos,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Option<TestValue> {
        timestamp(&serde_json::from_str(text).unwrap())
    }

    #[test]
    fn timestamps_keep_their_decimal_digits() {
        assert_eq!(
            ts("1576540098"),
            Some(TestValue::Timestamp {
                seconds: 1576540098,
                nanos: 0
            })
        );
        assert_eq!(
            ts("1.1"),
            Some(TestValue::Timestamp {
                seconds: 1,
                nanos: 100_000_000
            })
        );
        assert_eq!(
            ts("1576540098.52"),
            Some(TestValue::Timestamp {
                seconds: 1576540098,
                nanos: 520_000_000
            })
        );
        assert_eq!(
            ts("-1.5"),
            Some(TestValue::Timestamp {
                seconds: -2,
                nanos: 500_000_000
            })
        );
        assert_eq!(
            ts("-3"),
            Some(TestValue::Timestamp {
                seconds: -3,
                nanos: 0
            })
        );
    }
}
