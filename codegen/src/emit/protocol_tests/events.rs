//! The test of one `smithy.test#eventStreamTests` case for one side (see
//! `crate::ir::protocol_tests::EventStreamCheck`): its steps run in a closure returning the
//! first failure (its text, and whether it is the error the case names), and the test checks
//! that outcome against the case's expectation. Mismatched values and messages panic at once.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::super::ctx::Ctx;
use super::super::runtime::{EVENT_STREAM, PROTOCOL_TEST, ROOT};
use super::super::types;
use super::common::{
    error_variant, message_expr, operation, option, pairs, request_value, response_value, strs,
};
use super::values::{self, Side};
use crate::ir::protocol_tests::{EventStreamCheck, TestEvent, TestHeader};
use crate::ir::{OperationDef, RustType, TypeDef, TypeRef};

/// The body of the test of `check` on the client side (`client`) or the server side.
pub(super) fn test(
    cx: &Ctx<'_>,
    op: &OperationDef,
    check: &EventStreamCheck,
    client: bool,
) -> TokenStream {
    let side = if client { Side::Client } else { Side::Server };
    let error_id = check.failure.clone().flatten();
    let mut steps = Vec::new();
    // The initial request: a client writes it, a server reads it.
    let reads_request_events = !client && check.events.iter().any(|e| e.request);
    let reads_response_events = client && check.events.iter().any(|e| !e.request);
    match (&check.initial_request, client) {
        (Some((params, http)), true) => steps.push(client_initial_request(
            cx,
            op,
            params.as_ref(),
            http.as_ref(),
        )),
        (Some((params, http)), false) => steps.push(server_initial_request(
            cx,
            op,
            params.as_ref(),
            http.as_ref().map(request_value),
        )),
        (None, false) if reads_request_events => {
            steps.push(server_initial_request(cx, op, None, None))
        }
        (None, _) => {}
    }
    match (&check.initial_response, client) {
        (Some((params, http)), true) => steps.push(client_initial_response(
            cx,
            op,
            params.as_ref(),
            http.as_ref().map(response_value),
            error_id.as_deref(),
        )),
        (Some((params, http)), false) => {
            if let (Some(params), Some(http)) = (params, http) {
                steps.push(server_initial_response(cx, op, params, http));
            }
        }
        (None, true) if reads_response_events => steps.push(client_initial_response(
            cx,
            op,
            None,
            None,
            error_id.as_deref(),
        )),
        (None, _) => {}
    }
    for event in &check.events {
        let union = if event.request {
            op.input_events
        } else {
            op.output_events
        };
        let Some(union) = union else { continue };
        let writes = event.request == client;
        steps.push(if writes {
            write_event(cx, op, union, event, side)
        } else {
            read_event(cx, op, union, event, side, error_id.as_deref())
        });
    }
    let verdict = match &check.failure {
        None => quote! {
            if let ::std::result::Result::Err((failure, _)) = outcome {
                panic!("the case expects success, and failed: {failure}");
            }
        },
        Some(None) => quote! {
            assert!(outcome.is_err(), "the case expects a failure, and all steps succeeded");
        },
        Some(Some(id)) => quote! {
            match outcome {
                ::std::result::Result::Err((_, true)) => {}
                ::std::result::Result::Err((failure, false)) => panic!("the case expects the error `{}`, and got: {failure}", #id),
                ::std::result::Result::Ok(()) => panic!("the case expects the error `{}`, and all steps succeeded", #id),
            }
        },
    };
    quote! {
        #[allow(unused_mut, clippy::redundant_closure_call)]
        let outcome: ::std::result::Result<(), (::std::string::String, bool)> = (|| {
            #(#steps)*
            ::std::result::Result::Ok(())
        })();
        #verdict
    }
}

fn client_initial_request(
    cx: &Ctx<'_>,
    op: &OperationDef,
    params: Option<&crate::ir::protocol_tests::TestValue>,
    http: Option<&crate::ir::protocol_tests::HttpRequest>,
) -> TokenStream {
    let operation = operation(op);
    let input = match params {
        Some(p) => message_expr(cx, op.input, p, Side::Client),
        None => message_expr(
            cx,
            op.input,
            &crate::ir::protocol_tests::TestValue::Unit,
            Side::Client,
        ),
    };
    let check = http.map(|r| {
        let (method, uri) = (&r.method, &r.uri);
        let headers = pairs(&r.headers);
        let forbid = strs(&r.forbid_headers);
        let require = strs(&r.require_headers);
        quote! {
            #PROTOCOL_TEST::assert_request(&request, &#PROTOCOL_TEST::ExpectedRequest {
                method: #method,
                uri: #uri,
                headers: #headers,
                forbid_headers: #forbid,
                require_headers: #require,
                ..::std::default::Default::default()
            });
        }
    });
    quote! {
        let input = #input;
        let request = <#operation as #ROOT::Operation>::serialize_request(&input, "https://example.com")
            .unwrap_or_else(|e| panic!("the initial request does not serialize: {e}"));
        #check
    }
}

fn server_initial_request(
    cx: &Ctx<'_>,
    op: &OperationDef,
    params: Option<&crate::ir::protocol_tests::TestValue>,
    request: Option<TokenStream>,
) -> TokenStream {
    let operation = operation(op);
    let request = request.unwrap_or_else(|| {
        // The operation's bare request: its method and URI, nothing else.
        let http = op.http.as_ref();
        let method = http.map_or("POST", |h| h.method.as_str());
        let uri = http.map_or("/", |h| h.uri.as_str());
        quote!(#PROTOCOL_TEST::request(#method, #uri, &[], &[], ""))
    });
    let compare = params.map(|p| {
        let expected = message_expr(cx, op.input, p, Side::Server);
        quote!(#PROTOCOL_TEST::assert_value(&input, &#expected);)
    });
    quote! {
        let request = #request;
        match <#operation as #ROOT::ServerOperation>::parse_request(&request) {
            ::std::result::Result::Ok(input) => {
                let _ = &input;
                #compare
            }
            ::std::result::Result::Err(e) => {
                return ::std::result::Result::Err((::std::format!("the initial request is rejected: {e}"), false));
            }
        }
    }
}

fn client_initial_response(
    cx: &Ctx<'_>,
    op: &OperationDef,
    params: Option<&crate::ir::protocol_tests::TestValue>,
    response: Option<TokenStream>,
    error_id: Option<&str>,
) -> TokenStream {
    let operation = operation(op);
    let response = response.unwrap_or_else(|| quote!(#PROTOCOL_TEST::response(200, &[], "")));
    let compare = params.map(|p| {
        let expected = message_expr(cx, op.output, p, Side::Client);
        quote!(#PROTOCOL_TEST::assert_value(&output, &#expected);)
    });
    let is_expected = match error_id.and_then(|id| {
        op.errors
            .iter()
            .find(|&&e| cx.ty(e).common().id.as_str() == id)
    }) {
        Some(&r) => {
            let variant = error_variant(cx, op, r);
            quote!(matches!(e, #variant(_)))
        }
        None => quote!(false),
    };
    quote! {
        let response = #response;
        match <#operation as #ROOT::Operation>::parse_response(&response) {
            ::std::result::Result::Ok(output) => {
                let _ = &output;
                #compare
            }
            ::std::result::Result::Err(e) => {
                return ::std::result::Result::Err((::std::format!("the initial response is an error: {e:?}"), #is_expected));
            }
        }
    }
}

fn server_initial_response(
    cx: &Ctx<'_>,
    op: &OperationDef,
    params: &crate::ir::protocol_tests::TestValue,
    response: &crate::ir::protocol_tests::HttpResponse,
) -> TokenStream {
    let operation = operation(op);
    let output = message_expr(cx, op.output, params, Side::Server);
    let code = response.code;
    let headers = pairs(&response.headers);
    let forbid = strs(&response.forbid_headers);
    let require = strs(&response.require_headers);
    quote! {
        let response = <#operation as #ROOT::ServerOperation>::serialize_response(&#output);
        #PROTOCOL_TEST::assert_response(&response, &#PROTOCOL_TEST::ExpectedResponse {
            code: #code,
            headers: #headers,
            forbid_headers: #forbid,
            require_headers: #require,
            ..::std::default::Default::default()
        });
    }
}

fn header_value(h: &TestHeader) -> TokenStream {
    let value = quote!(#EVENT_STREAM::HeaderValue);
    match h {
        TestHeader::Bool(b) => quote!(#value::Bool(#b)),
        TestHeader::Byte(v) => {
            let v = Literal::i8_unsuffixed(*v);
            quote!(#value::Byte(#v))
        }
        TestHeader::Short(v) => {
            let v = Literal::i16_unsuffixed(*v);
            quote!(#value::Short(#v))
        }
        TestHeader::Integer(v) => {
            let v = Literal::i32_unsuffixed(*v);
            quote!(#value::Integer(#v))
        }
        TestHeader::Long(v) => {
            let v = Literal::i64_unsuffixed(*v);
            quote!(#value::Long(#v))
        }
        TestHeader::Blob(bytes) => {
            let bytes = Literal::byte_string(bytes);
            quote!(#value::from(#bytes.to_vec()))
        }
        TestHeader::String(s) => quote!(#value::from(#s)),
        TestHeader::Timestamp(ms) => {
            let ms = Literal::i64_unsuffixed(*ms);
            quote!(#value::Timestamp(#ms))
        }
    }
}

/// The writer of `union`'s events on this side of `op`.
fn endpoint_fn(op: &OperationDef, union: TypeRef, writer: bool) -> TokenStream {
    let input = op.input_events == Some(union);
    let name = match (input, writer) {
        (true, true) => "input_event_writer",
        (true, false) => "input_event_reader",
        (false, true) => "output_event_writer",
        (false, false) => "output_event_reader",
    };
    let operation = operation(op);
    let name = types::ident(name);
    quote!(#operation::#name())
}

fn write_event(
    cx: &Ctx<'_>,
    op: &OperationDef,
    union: TypeRef,
    event: &TestEvent,
    side: Side,
) -> TokenStream {
    let Some(params) = &event.params else {
        // An unmodeled event: what a writer sends is not the union's to say.
        return quote!();
    };
    let value = values::expr(cx, &RustType::Named(union), params, side);
    let writer = endpoint_fn(op, union, true);
    let headers = event.headers.iter().map(|(name, h)| {
        let h = header_value(h);
        quote!((#name, #h))
    });
    let forbid = strs(&event.forbid_headers);
    let require = strs(&event.require_headers);
    let body = option(event.body.as_ref());
    let media_type = option(event.body_media_type.as_ref());
    quote! {
        let message = #writer.message(&#value)
            .unwrap_or_else(|e| panic!("the event does not convert: {e}"));
        #PROTOCOL_TEST::assert_event(&message, &#PROTOCOL_TEST::ExpectedEvent {
            headers: &[#(#headers),*],
            forbid_headers: #forbid,
            require_headers: #require,
            body: #body,
            body_media_type: #media_type,
        });
    }
}

fn read_event(
    cx: &Ctx<'_>,
    op: &OperationDef,
    union: TypeRef,
    event: &TestEvent,
    side: Side,
    error_id: Option<&str>,
) -> TokenStream {
    let Some(bytes) = &event.bytes else {
        return quote!();
    };
    let bytes = Literal::byte_string(bytes);
    let reader = endpoint_fn(op, union, false);
    let compare = event.params.as_ref().map(|p| {
        let expected = values::expr(cx, &RustType::Named(union), p, side);
        quote!(#PROTOCOL_TEST::assert_value(&event, &#expected);)
    });
    // The union's member holding the error the case names.
    let union_name = types::ident(cx.name(union));
    let is_expected = match cx.ty(union) {
        TypeDef::Union(u) => u
            .variants
            .iter()
            .find(|v| match &v.ty {
                Some(RustType::Named(r)) => error_id == Some(cx.ty(*r).common().id.as_str()),
                _ => false,
            })
            .map(|v| {
                let variant = types::ident(&v.rust_name);
                quote!(matches!(e, #EVENT_STREAM::EventStreamError::Exception(crate::types::#union_name::#variant(_))))
            }),
        _ => None,
    }
    .unwrap_or_else(|| quote!(false));
    quote! {
        let mut reader = #reader;
        reader.feed(#bytes);
        match reader.next_event() {
            ::std::result::Result::Ok(::std::option::Option::Some(#EVENT_STREAM::Received::Event(event))) => {
                let _ = &event;
                #compare
            }
            ::std::result::Result::Ok(::std::option::Option::Some(#EVENT_STREAM::Received::Unknown { event_type, .. })) => {
                return ::std::result::Result::Err((::std::format!("an unknown event `{event_type}`"), false));
            }
            ::std::result::Result::Ok(::std::option::Option::None) => panic!("the case's bytes are not a whole frame"),
            ::std::result::Result::Err(e) => {
                return ::std::result::Result::Err((::std::format!("{e}"), #is_expected));
            }
        }
        if let ::std::result::Result::Err(e) = reader.finish() {
            panic!("bytes are left after the frame: {e}");
        }
    }
}
