//! HTTP bindings of the structures that are operation inputs, outputs and errors: `write_http`
//! puts each member where its binding says (headers, query, labels, payload, JSON body) and
//! `read_http` reads it back, for a client or a server.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::PROTOCOL;
mod binding;
mod read;
mod write;

use super::{json, types};
use binding::{is_body, payload_content_type};

use crate::ir::{Field, HttpBinding, StructureDef};

/// The `Content-Type` a message of this structure has (`None`: no body) and whether a server
/// accepts any (a blob payload without `@mediaType`, which a server takes as it comes). A
/// structure without members is a JSON message (`{}`): servers accept it with a JSON body.
pub(super) fn content_type(cx: &Ctx<'_>, def: &StructureDef) -> (Option<String>, bool) {
    if let Some(f) = def.fields.iter().find(|f| f.http == HttpBinding::Payload) {
        let (default, _) = payload_content_type(cx, f);
        let media = f.encoding.media_type.clone();
        let any = f.ty == crate::ir::RustType::Blob && media.is_none();
        return (Some(media.unwrap_or_else(|| default.to_owned())), any);
    }
    if def.fields.is_empty() || def.fields.iter().any(is_body) {
        (Some("application/json".to_owned()), false)
    } else {
        (None, false)
    }
}

/// The two helper types of a structure's JSON body when only some of its members go there
/// (the rest are HTTP-bound, or event headers): `borrowed`, which serializes those members of a
/// value, and `owned`, which reads them back.
pub(super) fn body_holders(
    cx: &Ctx<'_>,
    def: &StructureDef,
    body_fields: &[&Field],
    holder: &crate::ir::BodyHolder,
    message: Option<&Field>,
) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let label = def.common.shape_name.as_str();
    let borrowed = types::ident(&holder.borrowed);
    let owned = types::ident(&holder.owned);
    let ser = json::serialize_fields(cx, label, body_fields, &quote!(self.0));
    let write_cfg = super::server_only(def.common.directions.write_server_only());
    let read_cfg = super::server_only(def.common.directions.read_server_only());
    let de = json::read_object(
        cx,
        &def.builder_name,
        label,
        body_fields,
        &quote!(#owned),
        message,
        read_cfg.as_ref(),
    );
    let holder_fields = body_fields.iter().map(|f| {
        let field = types::ident(&f.rust_name);
        let ty = types::field(cx, f);
        quote!(#field: #ty,)
    });
    quote! {
        #write_cfg
        struct #borrowed<'a>(&'a #name);

        #write_cfg
        impl ::serde::Serialize for #borrowed<'_> {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                #ser
            }
        }

        #read_cfg
        struct #owned { #(#holder_fields)* }

        #de
    }
}

/// `write_http`, `read_http` and the body helpers for a structure that is an operation's
/// message, the direction only a server needs behind its feature (see [`super::server_only`]). A response without body members writes `{}`; a request, no body.
pub(super) fn emit(cx: &Ctx<'_>, def: &StructureDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let body_fields: Vec<&Field> = def.fields.iter().filter(|f| is_body(f)).collect();
    let helpers = def.body_holder.as_ref().map(|holder| {
        body_holders(
            cx,
            def,
            &body_fields,
            holder,
            super::structure::message_field(def).filter(|f| is_body(f)),
        )
    });
    let write = write::write_fn(cx, def, &body_fields, def.roles.response());
    let read = read::read_fn(cx, def, &body_fields);
    let write_cfg = super::server_only(def.common.directions.write_server_only());
    let read_cfg = super::server_only(def.common.directions.read_server_only());
    quote! {
        #helpers

        #write_cfg
        impl #PROTOCOL::WriteMessage for #name {
            #write
        }

        #read_cfg
        impl #PROTOCOL::ReadMessage for #name {
            #read
        }
    }
}
