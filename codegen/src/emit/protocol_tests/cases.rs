//! One `#[test]` per case: what it builds, what it calls, what it checks (see
//! `restjson_runtime::__private::protocol_test`).
//!
//! - client request: the input from `params` (idempotency tokens from the suite's fixed
//!   provider), serialized for `https://{host}`; the request is checked whole.
//! - client response: the response parsed; the output (or the error's variant) compared with
//!   `params`.
//! - server request: the request parsed by the operation; the input compared with `params`.
//! - server response: the output (or error) from `params` serialized; the response checked.
//! - server malformed: the request parsed; it must be rejected, and the rejection's response
//!   is checked.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::ctx::Ctx;
use super::super::runtime::{PROTOCOL_TEST, ROOT};
use super::super::types;
use super::common::{
    error_variant, message_expr, operation, option, pairs, request_value, response_value, strs,
};
use super::values::Side;
use crate::ir::protocol_tests::{Category, Check, HttpRequest, HttpResponse, TestCase, TestValue};
use crate::ir::{OperationDef, TypeRef};

/// The idempotency token the suite expects from a client's fixed token provider.
const FIXED_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// The test of one case of `op`.
pub(super) fn test(cx: &Ctx<'_>, op: &OperationDef, case: &TestCase) -> TokenStream {
    let name = types::ident(&case.fn_name);
    let doc = format!(
        " `{}` ({}).",
        case.id,
        case.category.module().replace('_', " ")
    );
    let body = match (&case.check, case.category) {
        (Check::Request { params, request }, Category::ClientRequest) => {
            client_request(cx, op, params, request)
        }
        (Check::Request { params, request }, _) => server_request(cx, op, params, request),
        (
            Check::Response {
                params,
                error,
                response,
            },
            Category::ClientResponse,
        ) => client_response(cx, op, params, *error, response),
        (
            Check::Response {
                params,
                error,
                response,
            },
            _,
        ) => server_response(cx, op, params, *error, response),
        (Check::Malformed { request, response }, _) => malformed(op, request, response),
        (Check::EventStream(check), category) => {
            super::events::test(cx, op, check, category == Category::ClientEventStream)
        }
    };
    quote! {
        #[doc = #doc]
        #[test]
        fn #name() {
            #body
        }
    }
}

fn expected_response(response: &HttpResponse) -> TokenStream {
    let code = response.code;
    let headers = pairs(&response.headers);
    let forbid = strs(&response.forbid_headers);
    let require = strs(&response.require_headers);
    let body = option(response.body.as_ref());
    let media_type = option(response.body_media_type.as_ref());
    let regex = option(response.message_regex.as_ref());
    quote! {
        #PROTOCOL_TEST::ExpectedResponse {
            code: #code,
            headers: #headers,
            forbid_headers: #forbid,
            require_headers: #require,
            body: #body,
            body_media_type: #media_type,
            message_regex: #regex,
        }
    }
}

fn client_request(
    cx: &Ctx<'_>,
    op: &OperationDef,
    params: &TestValue,
    request: &HttpRequest,
) -> TokenStream {
    let operation = operation(op);
    let input = message_expr(cx, op.input, params, Side::Client);
    // The suite's fixed token provider fills the tokens the case leaves unset.
    let has_token = op
        .input
        .and_then(|r| cx.structure(r))
        .is_some_and(|s| s.fields.iter().any(|f| f.idempotency_token));
    let fill = has_token.then(|| {
        quote! {
            input.fill_idempotency_tokens(&#ROOT::idempotency::FixedToken(::std::string::String::from(#FIXED_TOKEN)));
        }
    });
    let mutability = has_token.then(|| quote!(mut));
    let endpoint = format!(
        "https://{}",
        request.host.as_deref().unwrap_or("example.com")
    );
    let method = &request.method;
    let uri = &request.uri;
    let resolved_host = option(request.resolved_host.as_ref());
    let query = strs(&request.query_params);
    let forbid_query = strs(&request.forbid_query_params);
    let require_query = strs(&request.require_query_params);
    let headers = pairs(&request.headers);
    let forbid = strs(&request.forbid_headers);
    let require = strs(&request.require_headers);
    let body = option(request.body.as_ref());
    let media_type = option(request.body_media_type.as_ref());
    quote! {
        let #mutability input = #input;
        #fill
        let request = <#operation as #ROOT::Operation>::serialize_request(&input, #endpoint)
            .unwrap_or_else(|e| panic!("the request does not serialize: {e}"));
        #PROTOCOL_TEST::assert_request(&request, &#PROTOCOL_TEST::ExpectedRequest {
            method: #method,
            uri: #uri,
            resolved_host: #resolved_host,
            query_params: #query,
            forbid_query_params: #forbid_query,
            require_query_params: #require_query,
            headers: #headers,
            forbid_headers: #forbid,
            require_headers: #require,
            body: #body,
            body_media_type: #media_type,
        });
    }
}

/// The pattern of the router's `ServiceRequest` for `op`, binding its input to `input`.
fn routed(op: &OperationDef) -> TokenStream {
    let name = types::ident(&op.rust_name);
    match op.input {
        Some(_) => quote!(crate::router::ServiceRequest::#name(input)),
        None => quote!(crate::router::ServiceRequest::#name),
    }
}

/// A server request case goes through the service's router, which must pick the case's
/// operation.
fn server_request(
    cx: &Ctx<'_>,
    op: &OperationDef,
    params: &TestValue,
    request: &HttpRequest,
) -> TokenStream {
    let expected = message_expr(cx, op.input, params, Side::Server);
    let request = request_value(request);
    let routed = routed(op);
    let value = match op.input {
        Some(_) => quote!(input),
        None => quote!(()),
    };
    quote! {
        let request = #request;
        let input = match crate::router::parse_request(&request) {
            ::std::result::Result::Ok(#routed) => #value,
            ::std::result::Result::Ok(other) => panic!("the request is routed to {:?}", other.operation()),
            ::std::result::Result::Err(e) => panic!("the request is rejected: {e}"),
        };
        #PROTOCOL_TEST::assert_value(&input, &#expected);
    }
}

fn client_response(
    cx: &Ctx<'_>,
    op: &OperationDef,
    params: &TestValue,
    error: Option<TypeRef>,
    response: &HttpResponse,
) -> TokenStream {
    let operation = operation(op);
    let response = response_value(response);
    let parse = quote! {
        let response = #response;
        let parsed = <#operation as #ROOT::Operation>::parse_response(&response);
    };
    match error {
        None => {
            let expected = message_expr(cx, op.output, params, Side::Client);
            quote! {
                #parse
                let output = parsed.unwrap_or_else(|e| panic!("the response is an error: {e:?}"));
                #PROTOCOL_TEST::assert_value(&output, &#expected);
            }
        }
        Some(r) => {
            let expected = message_expr(cx, Some(r), params, Side::Client);
            let variant = error_variant(cx, op, r);
            quote! {
                #parse
                match parsed {
                    ::std::result::Result::Err(#variant(error)) => {
                        #PROTOCOL_TEST::assert_value(&error, &#expected);
                    }
                    other => panic!("expected the error {}, got {other:?}", stringify!(#variant)),
                }
            }
        }
    }
}

fn server_response(
    cx: &Ctx<'_>,
    op: &OperationDef,
    params: &TestValue,
    error: Option<TypeRef>,
    response: &HttpResponse,
) -> TokenStream {
    let operation = operation(op);
    let expected = expected_response(response);
    let written = match error {
        None => {
            let output = message_expr(cx, op.output, params, Side::Server);
            quote!(<#operation as #ROOT::ServerOperation>::serialize_response(&#output))
        }
        Some(r) => {
            let value = message_expr(cx, Some(r), params, Side::Server);
            let variant = error_variant(cx, op, r);
            quote!(<#operation as #ROOT::ServerOperation>::serialize_error(&#variant(#value)))
        }
    };
    quote! {
        let response = #written;
        #PROTOCOL_TEST::assert_response(&response, &#expected);
    }
}

/// A malformed request goes through the router too; unless the case expects the router's own
/// refusal (404, 405), the router must pick the case's operation, which refuses it.
fn malformed(op: &OperationDef, request: &HttpRequest, response: &HttpResponse) -> TokenStream {
    let request = request_value(request);
    let expected = expected_response(response);
    let name = types::ident(&op.rust_name);
    let routes_to_it = (!matches!(response.code, 404 | 405)).then(|| {
        quote! {
            assert_eq!(
                crate::router::route(&request).ok(),
                ::std::option::Option::Some(crate::router::OperationName::#name),
                "the request is routed elsewhere",
            );
        }
    });
    quote! {
        let request = #request;
        #routes_to_it
        let rejection = match crate::router::parse_request(&request) {
            ::std::result::Result::Err(rejection) => rejection,
            ::std::result::Result::Ok(input) => panic!("the request is accepted: {input:?}"),
        };
        #PROTOCOL_TEST::assert_response(&rejection.into_http_response(), &#expected);
    }
}
