//! `src/router.rs`: the service-level entry point of a server. `route` finds the operation a
//! request is for (method, path template with labels and greedy labels, literal query
//! parameters), answering unknown routes as a Smithy server does (404 or 405
//! `UnknownOperationException`); `parse_request` routes and parses in one call.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::operation::route;
use super::runtime::{ERROR, PROTOCOL, ROOT};
use super::types;

/// The router module.
pub(super) fn emit(cx: &Ctx<'_>) -> TokenStream {
    let ops = &cx.krate.operations;
    let names: Vec<_> = ops.iter().map(|op| types::ident(&op.rust_name)).collect();
    let wire_names = ops.iter().map(|op| op.id.name());
    let name_docs = ops
        .iter()
        .map(|op| format!(" [`{0}`](crate::operation::{0}).", op.rust_name));
    let routes = ops.iter().map(|op| {
        let (path, query) = route(op);
        let method = op.http.as_ref().map_or("POST", |h| h.method.as_str());
        quote! {
            #PROTOCOL::Route { method: #method, path: &[#(#path),*], query: &[#(#query),*] }
        }
    });
    let request_variants = ops.iter().map(|op| {
        let name = types::ident(&op.rust_name);
        let doc = format!(
            " A request of [`{0}`](crate::operation::{0}).",
            op.rust_name
        );
        match op.input {
            Some(r) => {
                let input = types::ident(cx.name(r));
                quote!(#[doc = #doc] #name(crate::types::#input),)
            }
            None => quote!(#[doc = #doc] #name,),
        }
    });
    let parse_arms = ops.iter().map(|op| {
        let name = types::ident(&op.rust_name);
        let parse =
            quote!(<crate::operation::#name as #ROOT::ServerOperation>::parse_request(request));
        match op.input {
            Some(_) => quote!(OperationName::#name => #parse.map(ServiceRequest::#name),),
            None => quote!(OperationName::#name => #parse.map(|()| ServiceRequest::#name),),
        }
    });
    let name_of = ops.iter().map(|op| {
        let name = types::ident(&op.rust_name);
        match op.input {
            Some(_) => quote!(ServiceRequest::#name(_) => OperationName::#name,),
            None => quote!(ServiceRequest::#name => OperationName::#name,),
        }
    });
    quote! {
        //! The service's router, for servers: [`route`] finds the operation a request is for,
        //! [`parse_request`] finds it and parses the request with it. Unknown routes are
        //! refused as a Smithy server refuses them: a path no operation has is a 404, a path
        //! whose operations take other methods a 405 (both `UnknownOperationException`, see
        //! [`RequestRejection::into_http_response`](crate::error::RequestRejection::into_http_response)).
        //! Each operation's own `parse_request` stays, for a server that routes by itself.

        /// An operation of the service.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum OperationName {
            #(#[doc = #name_docs] #names,)*
        }

        impl OperationName {
            /// Every operation, in name order.
            pub const ALL: &'static [OperationName] = &[#(OperationName::#names),*];

            /// The operation's name in the model (`StartChatContact`).
            pub fn as_str(self) -> &'static str {
                match self {
                    #(OperationName::#names => #wire_names,)*
                }
            }
        }

        /// The routes, in the order of [`OperationName::ALL`].
        const ROUTES: &[#PROTOCOL::Route] = &[#(#routes),*];

        /// The operation `request` is for, by its method, path and literal query parameters
        /// (the most specific route wins: literal segments over labels over greedy labels).
        pub fn route<B>(request: &::http::Request<B>) -> ::std::result::Result<OperationName, #ERROR::RequestRejection> {
            #PROTOCOL::route(request, ROUTES).map(|index| OperationName::ALL[index])
        }

        /// A request, parsed by the operation it is for.
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum ServiceRequest {
            #(#request_variants)*
        }

        impl ServiceRequest {
            /// The operation the request is for.
            pub fn operation(&self) -> OperationName {
                match self {
                    #(#name_of)*
                }
            }
        }

        /// Routes `request` ([`route`]) and parses it with its operation's `parse_request`.
        pub fn parse_request<B: ::std::convert::AsRef<[u8]>>(request: &::http::Request<B>) -> ::std::result::Result<ServiceRequest, #ERROR::RequestRejection> {
            match route(request)? {
                #(#parse_arms)*
            }
        }
    }
}
