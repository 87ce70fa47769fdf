//! `serde::Serialize` and `serde::Deserialize` impls in the restJson1 document form, written out
//! (no derive macros), streaming through the codecs of the runtime's `json` module. This module
//! chooses each value's codec; `object` writes the impls of structures, `union` of unions and
//! `enumeration` of enums.

mod enumeration;
mod object;
mod union;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ctx::Ctx;
use super::runtime::{JSON, JSON_BIG, JSON_OBJECT};
use super::types;
use crate::ir::{Encoding, Field, RustType};
use crate::model::traits::TimestampFormat;

pub(super) use enumeration::enumeration;
pub(super) use object::{read_object, serialize_fields, structure};
pub(super) use union::union;

/// The codec type for a value of `ty` in a JSON document.
pub(super) fn codec(cx: &Ctx<'_>, ty: &RustType, enc: &Encoding) -> TokenStream {
    let item_enc = enc.item.as_deref().cloned().unwrap_or_default();
    match ty {
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::String
        | RustType::Named(_) => {
            let ty = types::value(cx, ty);
            quote!(#JSON::Plain<#ty>)
        }
        RustType::F32 => quote!(#JSON::F32),
        RustType::F64 => quote!(#JSON::F64),
        RustType::Blob => quote!(#JSON::Blob),
        RustType::Document => quote!(#JSON::Doc),
        RustType::BigInteger => quote!(#JSON_BIG::BigInt),
        RustType::BigDecimal => quote!(#JSON_BIG::BigDec),
        RustType::Timestamp => match enc.timestamp_format {
            None | Some(TimestampFormat::EpochSeconds) => quote!(#JSON::EpochSeconds),
            Some(TimestampFormat::DateTime) => quote!(#JSON::DateTime),
            Some(TimestampFormat::HttpDate) => quote!(#JSON::HttpDate),
        },
        RustType::List { item, sparse } => {
            let item = codec(cx, item, &item_enc);
            if *sparse {
                quote!(#JSON::SparseList<#item>)
            } else {
                quote!(#JSON::List<#item>)
            }
        }
        RustType::Map { value, sparse } => {
            let value = codec(cx, value, &item_enc);
            if *sparse {
                quote!(#JSON::SparseMap<#value>)
            } else {
                quote!(#JSON::Map<#value>)
            }
        }
    }
}

/// The codec of a field's stored value (redacted in errors when sensitive, boxed when the field
/// is).
pub(super) fn field_codec(cx: &Ctx<'_>, f: &Field) -> TokenStream {
    stored_codec(cx, &f.ty, &f.encoding, f.redacted, f.boxed)
}

/// The codec of a stored member value of `ty` (a structure field or a union variant): wrapped
/// in `Redact` when the member is sensitive and in `Boxed` when it is boxed.
fn stored_codec(
    cx: &Ctx<'_>,
    ty: &RustType,
    enc: &Encoding,
    redacted: bool,
    boxed: bool,
) -> TokenStream {
    let c = codec(cx, ty, enc);
    let c = if redacted {
        quote!(#JSON::Redact<#c>)
    } else {
        c
    };
    if boxed { quote!(#JSON::Boxed<#c>) } else { c }
}

/// `impl Json for #name`: the type is read and written through its own serde impls.
fn plain_json_impl(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl #JSON_OBJECT::Json for #name {
            type Codec = #JSON::Plain<Self>;
        }
    }
}

/// Whether a value of `ty` under `enc` is written with its type's default codec (the
/// runtime's `json_object::Json`), so generated calls can leave the codec to inference.
fn default_encoding(ty: &RustType, enc: &Encoding) -> bool {
    match ty {
        RustType::Timestamp => matches!(
            enc.timestamp_format,
            None | Some(TimestampFormat::EpochSeconds)
        ),
        RustType::List { item: t, sparse } | RustType::Map { value: t, sparse } => {
            !sparse && default_encoding(t, enc.item.as_deref().unwrap_or(&Encoding::default()))
        }
        _ => true,
    }
}

/// A call to the runtime function `name`, or to `name_with::<codec, _>` when the value's codec
/// is not its type's default (sensitive, a timestamp format, sparse collections).
fn codec_call(
    name: &str,
    ty: &RustType,
    enc: &Encoding,
    redacted: bool,
    c: impl FnOnce() -> TokenStream,
) -> TokenStream {
    if !redacted && default_encoding(ty, enc) {
        let f = format_ident!("{}", name);
        quote!(#JSON_OBJECT::#f)
    } else {
        let f = format_ident!("{}_with", name);
        let c = c();
        quote!(#JSON_OBJECT::#f::<#c, _>)
    }
}

/// [`codec_call`] for a structure member.
fn field_call(cx: &Ctx<'_>, name: &str, f: &Field) -> TokenStream {
    codec_call(name, &f.ty, &f.encoding, f.redacted, || field_codec(cx, f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::TypeRef;

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    #[test]
    fn codecs_follow_the_type_and_the_encoding() {
        let krate = crate::ir::test_crate(
            r#""input": {"target": "ex#Foo"}"#,
            r#""ex#Foo": {"type": "structure", "members": {}}"#,
        );
        let cx = Ctx::new(&krate);
        let codec = |ty: &RustType, enc: &Encoding| codec(&cx, ty, enc);
        let ts_list = RustType::List {
            item: Box::new(RustType::Timestamp),
            sparse: false,
        };
        let date_time_items = Encoding {
            item: Some(Box::new(Encoding {
                timestamp_format: Some(TimestampFormat::DateTime),
                ..Encoding::default()
            })),
            ..Encoding::default()
        };
        assert_eq!(
            text(codec(&ts_list, &date_time_items)),
            "::restjson_runtime::__private::json::List<::restjson_runtime::__private::json::DateTime>"
        );
        assert_eq!(
            text(codec(&ts_list, &Encoding::default())),
            "::restjson_runtime::__private::json::List<::restjson_runtime::__private::json::EpochSeconds>"
        );
        let sparse_map = RustType::Map {
            value: Box::new(RustType::F32),
            sparse: true,
        };
        assert_eq!(
            text(codec(&sparse_map, &Encoding::default())),
            "::restjson_runtime::__private::json::SparseMap<::restjson_runtime::__private::json::F32>"
        );
        assert_eq!(
            text(codec(&RustType::Named(TypeRef(0)), &Encoding::default())),
            "::restjson_runtime::__private::json::Plain<crate::types::Foo>"
        );
        assert_eq!(
            text(codec(&RustType::BigInteger, &Encoding::default())),
            "::restjson_runtime::__private::json_big::BigInt"
        );
    }
}
