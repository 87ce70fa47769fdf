//! What the tests of every kind of case share: the operation's path, typed values as
//! expressions, and the HTTP messages of a case as runtime values.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::ctx::Ctx;
use super::super::runtime::PROTOCOL_TEST;
use super::super::types;
use super::values::{self, Side};
use crate::ir::protocol_tests::{HttpRequest, HttpResponse, TestValue};
use crate::ir::{OperationDef, RustType, TypeRef};

pub(super) fn operation(op: &OperationDef) -> TokenStream {
    let name = types::ident(&op.rust_name);
    quote!(crate::operation::#name)
}

pub(super) fn message_expr(
    cx: &Ctx<'_>,
    r: Option<TypeRef>,
    params: &TestValue,
    side: Side,
) -> TokenStream {
    match r {
        Some(r) => values::expr(cx, &RustType::Named(r), params, side),
        None => quote!(()),
    }
}

pub(super) fn strs(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

pub(super) fn pairs(items: &[(String, String)]) -> TokenStream {
    let items = items.iter().map(|(k, v)| quote!((#k, #v)));
    quote!(&[#(#items),*])
}

pub(super) fn option(value: Option<&String>) -> TokenStream {
    match value {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}

/// The request a server test sends.
pub(super) fn request_value(request: &HttpRequest) -> TokenStream {
    let method = &request.method;
    let uri = &request.uri;
    let query = strs(&request.query_params);
    let headers = pairs(&request.headers);
    let body = request.body.as_deref().unwrap_or("");
    quote!(#PROTOCOL_TEST::request(#method, #uri, #query, #headers, #body))
}

/// The response a client test parses.
pub(super) fn response_value(response: &HttpResponse) -> TokenStream {
    let code = response.code;
    let headers = pairs(&response.headers);
    let body = response.body.as_deref().unwrap_or("");
    quote!(#PROTOCOL_TEST::response(#code, #headers, #body))
}

/// The error variant of `op` holding `error`.
pub(super) fn error_variant(cx: &Ctx<'_>, op: &OperationDef, error: TypeRef) -> TokenStream {
    let enum_name = types::ident(&op.error_name);
    let variant = types::ident(cx.name(error));
    quote!(crate::operation::#enum_name::#variant)
}
