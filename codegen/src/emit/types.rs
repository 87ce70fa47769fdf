//! Rust type expressions for IR types, always fully qualified so model names such as `Option`,
//! `Result`, `Box` or `String` cannot shadow them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::ctx::Ctx;
use super::runtime::PRIMITIVES;
use crate::ir::{Field, Presence, RustType};

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

fn sparse_value(cx: &Ctx<'_>, ty: &RustType, sparse: bool) -> TokenStream {
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
    match field.presence {
        Presence::Required | Presence::Default(_) => ty,
        Presence::Optional => quote!(::std::option::Option<#ty>),
    }
}
