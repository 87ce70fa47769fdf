//! Rust type expressions for IR types, always fully qualified so model names such as `Option`,
//! `Result`, `Box` or `String` cannot shadow them.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use super::ctx::Ctx;
use super::runtime::PRIMITIVES;
use crate::ir::{DefaultValue, EpochSeconds, Field, RustType};

/// An identifier; IR names are valid identifiers by construction (see `naming`).
pub(super) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The type of one value.
pub(super) fn value(cx: &Ctx<'_>, ty: &RustType) -> TokenStream {
    match ty {
        RustType::Bool => quote!(bool),
        RustType::I8 => quote!(i8),
        RustType::I16 => quote!(i16),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F32 => quote!(f32),
        RustType::F64 => quote!(f64),
        RustType::String => quote!(::std::string::String),
        RustType::Blob => quote!(::std::vec::Vec<u8>),
        RustType::Timestamp => quote!(::std::time::SystemTime),
        RustType::Document => quote!(#PRIMITIVES::Document),
        RustType::BigInteger => quote!(#PRIMITIVES::BigInteger),
        RustType::BigDecimal => quote!(#PRIMITIVES::BigDecimal),
        RustType::Named(r) => {
            let name = ident(cx.name(*r));
            quote!(crate::types::#name)
        }
        RustType::List { item, sparse } => {
            let item = sparse_value(cx, item, *sparse);
            quote!(::std::vec::Vec<#item>)
        }
        RustType::Map { value: v, sparse } => {
            let v = sparse_value(cx, v, *sparse);
            quote!(::std::collections::BTreeMap<::std::string::String, #v>)
        }
    }
}

pub(super) fn sparse_value(cx: &Ctx<'_>, ty: &RustType, sparse: bool) -> TokenStream {
    let ty = value(cx, ty);
    if sparse {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// The value type, boxed when the field breaks a recursion.
pub(super) fn stored(cx: &Ctx<'_>, field: &Field) -> TokenStream {
    let ty = value(cx, &field.ty);
    if field.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

/// The field's type in the structure: `T` when required or defaulted, else `Option<T>`.
pub(super) fn field(cx: &Ctx<'_>, field: &Field) -> TokenStream {
    let ty = stored(cx, field);
    if field.presence.is_option() {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// `.unwrap_or(...)` filling a `@default` into an `Option` of its field's type: eagerly for
/// plain values, lazily for those built by a call.
pub(super) fn default_fill(cx: &Ctx<'_>, value: &DefaultValue) -> TokenStream {
    match default_value(cx, value) {
        None => quote!(.unwrap_or_default()),
        Some(v) if allocates(value) => quote!(.unwrap_or_else(|| #v)),
        Some(v) => quote!(.unwrap_or(#v)),
    }
}

/// A closure making the default (`|| value`), for the runtime's server-side fills.
pub(super) fn default_closure(cx: &Ctx<'_>, value: &DefaultValue) -> TokenStream {
    match default_value(cx, value) {
        None => quote!(::std::default::Default::default),
        Some(v) => quote!(|| #v),
    }
}

/// Whether the default's literal is built by a call (which clippy wants lazy, and only that).
fn allocates(value: &DefaultValue) -> bool {
    use serde_json::Value;
    !matches!(
        value,
        DefaultValue::Bool(_)
            | DefaultValue::Integer(_)
            | DefaultValue::Float(_)
            | DefaultValue::Timestamp(_)
            | DefaultValue::Document(Value::Null | Value::Bool(_) | Value::Number(_))
            | DefaultValue::Empty
    )
}

/// A `@default` value as an expression of its field's type; `None` for the type's `Default`.
pub(super) fn default_value(cx: &Ctx<'_>, value: &DefaultValue) -> Option<TokenStream> {
    Some(match value {
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Integer(i) => Literal::i64_unsuffixed(*i).into_token_stream(),
        DefaultValue::Float(f) => Literal::f64_unsuffixed(*f).into_token_stream(),
        DefaultValue::String(s) => quote!(::std::string::String::from(#s)),
        DefaultValue::StringEnum(r, s) => {
            let name = ident(cx.name(*r));
            quote!(crate::types::#name::from(#s))
        }
        DefaultValue::IntEnum(r, i) => {
            let name = ident(cx.name(*r));
            let i = Literal::i32_unsuffixed(*i);
            quote!(crate::types::#name::from(#i))
        }
        DefaultValue::Timestamp(seconds) => {
            let since_epoch = match seconds {
                EpochSeconds::Whole(secs) => quote!(::std::time::Duration::from_secs(#secs)),
                EpochSeconds::Fractional(secs) => {
                    let secs = Literal::f64_unsuffixed(*secs);
                    quote!(::std::time::Duration::from_secs_f64(#secs))
                }
            };
            quote!(::std::time::UNIX_EPOCH + #since_epoch)
        }
        DefaultValue::Blob(bytes) => {
            let bytes = Literal::byte_string(bytes);
            quote!(#bytes.to_vec())
        }
        DefaultValue::Document(value) => document(value),
        DefaultValue::BigInteger(text) => quote!(#PRIMITIVES::BigInteger::from_checked(#text)),
        DefaultValue::BigDecimal(text) => quote!(#PRIMITIVES::BigDecimal::from_checked(#text)),
        DefaultValue::Empty => return None,
    })
}

/// A `Document` expression holding `value`.
pub(super) fn document(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    let number = |n: &serde_json::Number| match (n.as_u64(), n.as_i64(), n.as_f64()) {
        (Some(u), _, _) => quote!(#PRIMITIVES::Number::PosInt(#u)),
        (None, Some(i), _) => quote!(#PRIMITIVES::Number::NegInt(#i)),
        // serde_json holds every other number as a finite f64.
        (None, None, f) => {
            let f = Literal::f64_suffixed(f.unwrap_or_default());
            quote!(#PRIMITIVES::Number::Float(#f))
        }
    };
    match value {
        Value::Null => quote!(#PRIMITIVES::Document::Null),
        Value::Bool(b) => quote!(#PRIMITIVES::Document::Bool(#b)),
        Value::Number(n) => {
            let n = number(n);
            quote!(#PRIMITIVES::Document::Number(#n))
        }
        Value::String(s) => quote!(#PRIMITIVES::Document::String(::std::string::String::from(#s))),
        Value::Array(items) if items.is_empty() => {
            quote!(#PRIMITIVES::Document::Array(::std::vec::Vec::new()))
        }
        Value::Array(items) => {
            let items = items.iter().map(document);
            quote!(#PRIMITIVES::Document::Array(::std::vec![#(#items),*]))
        }
        Value::Object(entries) if entries.is_empty() => {
            quote!(#PRIMITIVES::Document::Object(::std::collections::BTreeMap::new()))
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(#PRIMITIVES::Document::Object(::std::collections::BTreeMap::from([#(#entries),*])))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_with_literals_of_their_type() {
        let krate = crate::ir::test_crate(
            r#""input": {"target": "ex#In"}"#,
            r#""ex#In": {"type": "structure", "members": {}}"#,
        );
        let cx = Ctx::new(&krate);
        let fill = |value: DefaultValue| default_fill(&cx, &value).to_string().replace(' ', "");
        assert_eq!(fill(DefaultValue::Bool(true)), ".unwrap_or(true)");
        assert_eq!(fill(DefaultValue::Integer(-3)), ".unwrap_or(-3)");
        assert_eq!(fill(DefaultValue::Float(2.0)), ".unwrap_or(2.0)");
        assert_eq!(
            fill(DefaultValue::String("a".to_owned())),
            ".unwrap_or_else(||::std::string::String::from(\"a\"))"
        );
        assert_eq!(
            fill(DefaultValue::Timestamp(EpochSeconds::Fractional(1.5))),
            ".unwrap_or(::std::time::UNIX_EPOCH+::std::time::Duration::from_secs_f64(1.5))"
        );
        assert_eq!(fill(DefaultValue::Empty), ".unwrap_or_default()");
        assert_eq!(
            fill(DefaultValue::Blob(b"ab".to_vec())),
            ".unwrap_or_else(||b\"ab\".to_vec())"
        );
        assert_eq!(
            fill(DefaultValue::BigInteger("12".to_owned())),
            ".unwrap_or_else(||::restjson_runtime::primitives::BigInteger::from_checked(\"12\"))"
        );
        let document = serde_json::json!({"b": [true, -1, 2.5], "a": null});
        assert_eq!(
            fill(DefaultValue::Document(document)).replace("::restjson_runtime::primitives::", ""),
            ".unwrap_or_else(||Document::Object(::std::collections::BTreeMap::from([\
             (::std::string::String::from(\"b\"),Document::Array(::std::vec![Document::Bool(true),\
             Document::Number(Number::NegInt(-1i64)),Document::Number(Number::Float(2.5f64))])),\
             (::std::string::String::from(\"a\"),Document::Null)])))"
        );
        // Values built without a call are filled eagerly, as clippy wants.
        assert_eq!(
            fill(DefaultValue::Document(serde_json::json!(true))),
            ".unwrap_or(::restjson_runtime::primitives::Document::Bool(true))"
        );
        let server =
            |value: DefaultValue| default_closure(&cx, &value).to_string().replace(' ', "");
        assert_eq!(server(DefaultValue::Integer(0)), "||0");
        assert_eq!(
            server(DefaultValue::Empty),
            "::std::default::Default::default"
        );
    }
}
