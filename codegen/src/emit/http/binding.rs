//! The binding vocabulary both directions share: what a named type is for text conversions,
//! where a text value goes, its timestamp format, and which values have the runtime's text form.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::ctx::Ctx;
use crate::emit::runtime::PROTOCOL;
use crate::ir::{Encoding, Field, HttpBinding, RustType, TypeDef, TypeRef};
use crate::model::traits::TimestampFormat;

/// What a named type is, for text conversions.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Named {
    StringEnum,
    IntEnum,
    Aggregate,
}

pub(super) fn named(cx: &Ctx<'_>, r: TypeRef) -> Named {
    match cx.ty(r) {
        TypeDef::Enum(e) if e.int => Named::IntEnum,
        TypeDef::Enum(_) => Named::StringEnum,
        _ => Named::Aggregate,
    }
}

/// Where a text value goes; it decides the default timestamp format and base64 of media types.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Location {
    Header,
    Query,
    Label,
}

pub(super) fn time_format(enc: &Encoding, location: Location) -> TokenStream {
    let format = enc.timestamp_format.unwrap_or(match location {
        Location::Header => TimestampFormat::HttpDate,
        Location::Query | Location::Label => TimestampFormat::DateTime,
    });
    match format {
        TimestampFormat::DateTime => quote!(#PROTOCOL::TimeFormat::DateTime),
        TimestampFormat::HttpDate => quote!(#PROTOCOL::TimeFormat::HttpDate),
        TimestampFormat::EpochSeconds => quote!(#PROTOCOL::TimeFormat::EpochSeconds),
    }
}

/// Whether a value of `ty` under `enc` has the runtime's one text form for `location`
/// (`http_text::Text`): everything but enums, aggregates, header strings with a `@mediaType`
/// and timestamps with their own `@timestampFormat`, which generated code converts itself.
pub(super) fn is_text(ty: &RustType, enc: &Encoding, location: Location) -> bool {
    match ty {
        RustType::String => !(location == Location::Header && enc.media_type.is_some()),
        RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64
        | RustType::F32
        | RustType::F64
        | RustType::Blob
        | RustType::BigInteger
        | RustType::BigDecimal => true,
        RustType::Timestamp => enc.timestamp_format.is_none(),
        _ => false,
    }
}

/// The list item type and encoding of a list field (sparse lists are written without their
/// `None` items and read as all `Some`).
pub(super) fn list_item(f: &Field) -> Option<(&RustType, Encoding, bool)> {
    match &f.ty {
        RustType::List { item, sparse } => Some((
            item,
            f.encoding.item.as_deref().cloned().unwrap_or_default(),
            *sparse,
        )),
        _ => None,
    }
}

pub(super) fn is_body(f: &Field) -> bool {
    f.http == HttpBinding::Body
}

/// The content type of a payload member, and whether any content type is accepted.
pub(super) fn payload_content_type(cx: &Ctx<'_>, f: &Field) -> (&'static str, bool) {
    match &f.ty {
        RustType::Blob => ("application/octet-stream", true),
        RustType::String => ("text/plain", true),
        RustType::Named(r) if named(cx, *r) == Named::StringEnum => ("text/plain", true),
        _ => ("application/json", false),
    }
}
