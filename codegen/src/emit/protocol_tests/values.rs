//! A case's typed `params` as a Rust expression of its type. Structures are written as struct
//! literals (the tests live inside the crate, so `#[non_exhaustive]` does not stand in the
//! way), so every field is said: a member the case leaves out is `None`, or its `@default`, or
//! for a `@required` member the zero of its type (such cases are the server's, whose reader
//! rejects the request before the value matters).

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

use super::super::ctx::Ctx;
use super::super::runtime::PRIMITIVES;
use super::super::types;
use crate::ir::protocol_tests::TestValue;
use crate::ir::{Field, Presence, RustType, ServerRule, TypeDef};

/// Which side reads the value: a server fills the `@default` of a member its client may omit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Client,
    Server,
}

/// `value`, of type `ty`, as an expression.
pub(super) fn expr(cx: &Ctx<'_>, ty: &RustType, value: &TestValue, side: Side) -> TokenStream {
    match (ty, value) {
        (_, TestValue::Unit) => quote!(()),
        (_, TestValue::Bool(b)) => quote!(#b),
        (_, TestValue::Integer(i)) => Literal::i64_unsuffixed(*i).into_token_stream(),
        (RustType::F32, TestValue::Float(f)) => float(*f, true),
        (_, TestValue::Float(f)) => float(*f, false),
        (_, TestValue::String(s)) => quote!(::std::string::String::from(#s)),
        (_, TestValue::Blob(bytes)) if bytes.is_empty() => quote!(::std::vec::Vec::new()),
        (_, TestValue::Blob(bytes)) => {
            let bytes = Literal::byte_string(bytes);
            quote!(#bytes.to_vec())
        }
        (_, TestValue::Timestamp { seconds, nanos }) => timestamp(*seconds, *nanos),
        (_, TestValue::Document(json)) => types::document(json),
        (RustType::BigInteger, TestValue::BigNumber(text)) => {
            quote!(#PRIMITIVES::BigInteger::from_checked(#text))
        }
        (_, TestValue::BigNumber(text)) => quote!(#PRIMITIVES::BigDecimal::from_checked(#text)),
        (_, TestValue::Enum(r, s)) => {
            let name = types::ident(cx.name(*r));
            quote!(crate::types::#name::from(#s))
        }
        (_, TestValue::IntEnum(r, i)) => {
            let name = types::ident(cx.name(*r));
            let i = Literal::i32_unsuffixed(*i);
            quote!(crate::types::#name::from(#i))
        }
        (_, TestValue::Structure(r, fields)) => {
            let Some(def) = cx.structure(*r) else {
                return quote!(());
            };
            let name = types::ident(&def.common.rust_name);
            let fields = def.fields.iter().zip(fields).map(|(field, value)| {
                let rust = types::ident(&field.rust_name);
                let value = field_value(cx, field, value.as_ref(), side);
                quote!(#rust: #value)
            });
            quote!(crate::types::#name { #(#fields),* })
        }
        (_, TestValue::Union(r, index, inner)) => {
            let TypeDef::Union(def) = cx.ty(*r) else {
                return quote!(());
            };
            let name = types::ident(&def.common.rust_name);
            let variant_def = &def.variants[*index];
            let variant = types::ident(&variant_def.rust_name);
            match (&variant_def.ty, inner) {
                (Some(ty), Some(inner)) => {
                    let inner = boxed(expr(cx, ty, inner, side), variant_def.boxed);
                    quote!(crate::types::#name::#variant(#inner))
                }
                _ => quote!(crate::types::#name::#variant),
            }
        }
        (RustType::List { item, sparse }, TestValue::List(items)) => {
            let items = items
                .iter()
                .map(|v| nullable(cx, item, v.as_ref(), *sparse, side));
            quote!(::std::vec![#(#items),*])
        }
        (RustType::Map { value: v, sparse }, TestValue::Map(entries)) => {
            if entries.is_empty() {
                return quote!(::std::collections::BTreeMap::new());
            }
            let entries = entries.iter().map(|(key, value)| {
                let value = nullable(cx, v, value.as_ref(), *sparse, side);
                quote!((::std::string::String::from(#key), #value))
            });
            quote!(::std::collections::BTreeMap::from([#(#entries),*]))
        }
        // The IR typed every value against its type: no other pair is built.
        (_, TestValue::List(_) | TestValue::Map(_)) => quote!(::std::default::Default::default()),
    }
}

fn nullable(
    cx: &Ctx<'_>,
    ty: &RustType,
    value: Option<&TestValue>,
    sparse: bool,
    side: Side,
) -> TokenStream {
    match (value, sparse) {
        (Some(value), true) => {
            let value = expr(cx, ty, value, side);
            quote!(::std::option::Option::Some(#value))
        }
        (Some(value), false) => expr(cx, ty, value, side),
        (None, _) => quote!(::std::option::Option::None),
    }
}

fn boxed(value: TokenStream, boxed: bool) -> TokenStream {
    if boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    }
}

/// A field's value: the case's, or what a reader makes of its absence.
fn field_value(cx: &Ctx<'_>, field: &Field, value: Option<&TestValue>, side: Side) -> TokenStream {
    let some = |v: TokenStream| quote!(::std::option::Option::Some(#v));
    let none = quote!(::std::option::Option::None);
    match (value, &field.presence) {
        (Some(value), presence) => {
            let value = boxed(expr(cx, &field.ty, value, side), field.boxed);
            if presence.is_option() {
                some(value)
            } else {
                value
            }
        }
        (None, Presence::Required) => boxed(zero(cx, &field.ty), field.boxed),
        (None, Presence::Default(default)) => {
            let value = types::default_value(cx, default)
                .unwrap_or_else(|| quote!(::std::default::Default::default()));
            boxed(value, field.boxed)
        }
        (None, Presence::ClientOptional(ServerRule::Default(default))) if side == Side::Server => {
            let value = types::default_value(cx, default)
                .unwrap_or_else(|| quote!(::std::default::Default::default()));
            some(boxed(value, field.boxed))
        }
        (None, Presence::ClientOptional(_) | Presence::Optional) => none,
    }
}

/// A value of `ty` standing for a `@required` member the case leaves out.
fn zero(cx: &Ctx<'_>, ty: &RustType) -> TokenStream {
    match ty {
        RustType::Bool => quote!(false),
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => quote!(0),
        RustType::F32 | RustType::F64 => quote!(0.0),
        RustType::String => quote!(::std::string::String::new()),
        RustType::Blob | RustType::List { .. } => quote!(::std::vec::Vec::new()),
        RustType::Map { .. } => quote!(::std::collections::BTreeMap::new()),
        RustType::Timestamp => quote!(::std::time::UNIX_EPOCH),
        RustType::Document => quote!(#PRIMITIVES::Document::Null),
        RustType::BigInteger => quote!(#PRIMITIVES::BigInteger::from_checked("0")),
        RustType::BigDecimal => quote!(#PRIMITIVES::BigDecimal::from_checked("0")),
        RustType::Named(r) => match cx.ty(*r) {
            TypeDef::Structure(def) => {
                let name = types::ident(&def.common.rust_name);
                let fields = def.fields.iter().map(|field| {
                    let rust = types::ident(&field.rust_name);
                    let value = field_value(cx, field, None, Side::Client);
                    quote!(#rust: #value)
                });
                quote!(crate::types::#name { #(#fields),* })
            }
            TypeDef::Enum(def) => {
                let name = types::ident(&def.common.rust_name);
                if def.int {
                    quote!(crate::types::#name::from(0))
                } else {
                    quote!(crate::types::#name::from(""))
                }
            }
            TypeDef::Union(def) => {
                let name = types::ident(&def.common.rust_name);
                let unknown = types::ident(&def.unknown_variant);
                quote!(crate::types::#name::#unknown)
            }
        },
    }
}

fn float(value: f64, single: bool) -> TokenStream {
    let ty = if single { quote!(f32) } else { quote!(f64) };
    if value.is_nan() {
        quote!(#ty::NAN)
    } else if value == f64::INFINITY {
        quote!(#ty::INFINITY)
    } else if value == f64::NEG_INFINITY {
        quote!(#ty::NEG_INFINITY)
    } else if single {
        Literal::f32_suffixed(value as f32).into_token_stream()
    } else {
        Literal::f64_suffixed(value).into_token_stream()
    }
}

fn timestamp(seconds: i64, nanos: u32) -> TokenStream {
    if seconds >= 0 {
        let seconds = seconds.unsigned_abs();
        return quote!(::std::time::UNIX_EPOCH + ::std::time::Duration::new(#seconds, #nanos));
    }
    // Before the epoch: the distance back, in whole seconds and nanoseconds.
    let total = i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
    let back = total.unsigned_abs();
    let (secs, nanos) = ((back / 1_000_000_000) as u64, (back % 1_000_000_000) as u32);
    quote!(::std::time::UNIX_EPOCH - ::std::time::Duration::new(#secs, #nanos))
}
