//! The crate-level files: `Cargo.toml`, `src/lib.rs` and `src/types/mod.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use super::runtime::ROOT;
use super::{RUNTIME_PACKAGE, RUNTIME_VERSION, SERVER_FEATURE, docs, types};
use crate::ir::{TypeDef, WireFacts};
use crate::render;

/// The generated crate's manifest. Dependencies: the runtime crate (its version pinned exactly,
/// with only the features the closure needs: see [`crate::ir::RuntimeFeatures`]), `http` (the
/// message types), `serde` without derive (impls are written out) and `serde_json`, which
/// users need to read and write the types as JSON.
pub(super) fn cargo_toml(cx: &Ctx<'_>) -> String {
    let krate = cx.krate;
    let location = match &krate.runtime {
        crate::RuntimeDependency::Path(path) => path.as_str(),
        crate::RuntimeDependency::Vendored => crate::VENDORED_RUNTIME,
    };
    let features = krate.features.names();
    let features = if features.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
        format!(", features = [{}]", quoted.join(", "))
    };
    let mut deps = format!(
        "http = \"1\"\n{RUNTIME_PACKAGE} = {{ version = \"={RUNTIME_VERSION}\", path = {location:?}{features} }}\n\
         serde = \"1\"\nserde_json = \"1\"\n"
    );
    let client = krate.service.signing_name.is_some();
    if !krate.protocol_tests.is_empty() || client {
        deps.push_str("\n[dev-dependencies]\n");
    }
    if !krate.protocol_tests.is_empty() {
        // The generated protocol tests' checks, for this crate's own tests only.
        deps.push_str(&format!(
            "{RUNTIME_PACKAGE} = {{ version = \"={RUNTIME_VERSION}\", path = {location:?}, features = [\"protocol-test\"] }}\n"
        ));
    }
    if client {
        // For tests of the client against a mock server on a loopback socket; no macros.
        deps.push_str(
            "tokio = { version = \"1\", default-features = false, features = [\"io-util\", \"net\", \"rt\", \"time\"] }\n",
        );
    }
    // On by default: every real client resolves its endpoint. A server, a mock, or a client
    // that brings its own URL turns it off (`default-features = false`) and saves `regex-lite`.
    // Event streams, on by default where the model has some: their writers and readers need
    // the runtime's message codec (`crc32fast`); a user of other operations only turns it off.
    let mut defaults = Vec::new();
    let mut crate_features = String::new();
    if krate.endpoint.is_some() {
        defaults.push("\"endpoints\"");
        crate_features.push_str(&format!(
            "# Endpoint resolution from the service's endpoint rule set (the `endpoint` module).\n\
             endpoints = [\"{RUNTIME_PACKAGE}/endpoints\"]\n"
        ));
    }
    if krate.has_event_streams() {
        defaults.push("\"event-stream\"");
        crate_features.push_str(&format!(
            "# The event streams of event-stream operations: typed writers and readers of their\n\
             # `application/vnd.amazon.eventstream` messages.\n\
             event-stream = [\"{RUNTIME_PACKAGE}/event-stream\"]\n"
        ));
    }
    crate_features.push_str(&format!(
        "# The server's side of the protocol: `ServerOperation` (parsing requests, writing\n\
         # responses and errors), the `router`, and reading (and validating) what only a client\n\
         # sends and writing what only a client receives. A client compiles none of it.\n\
         {SERVER_FEATURE} = []\n"
    ));
    if !defaults.is_empty() {
        crate_features = format!("default = [{}]\n{crate_features}", defaults.join(", "));
    }
    format!(
        "{header}\n[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
         rust-version = \"1.85\"\ndescription = \"Types for {title} (API version {version}), generated from its Smithy model\"\n\
         license = \"Apache-2.0\"\npublish = false\n\n[lib]\nname = \"{lib}\"\npath = \"src/lib.rs\"\n\n[features]\n{crate_features}{sigv4}\n[dependencies]\n{deps}",
        sigv4 = sigv4_feature(client, krate.endpoint.is_some()),
        header = render::header("#", &krate.model_label),
        name = krate.package_name,
        lib = crate::library_name(&krate.package_name),
        title = krate.service.title,
        version = krate.service.version,
    )
}

/// The `sigv4` feature: the runtime's signer and credentials providers, re-exported as
/// `sigv4` in the crate root. Off by default, so the default build stays without crypto.
fn sigv4_feature(client: bool, endpoints: bool) -> String {
    let mut features = format!(
        "# SigV4 request signing and AWS credentials providers: the `sigv4` module.\n\
         sigv4 = [\"{RUNTIME_PACKAGE}/sigv4\"]\n"
    );
    if client {
        let endpoints = if endpoints { "\"endpoints\", " } else { "" };
        features.push_str(&format!(
            "# The `client` module: a `Client` with one async method per operation, signing,\n\
             # retrying and sending through a transport you choose (no HTTP stack, no runtime).\n\
             client = [{endpoints}\"sigv4\", \"{RUNTIME_PACKAGE}/client\"]\n\
             # The client with the runtime's transport over `hyper` and `rustls`, and `tokio` timers.\n\
             hyper = [\"client\", \"{RUNTIME_PACKAGE}/hyper\"]\n"
        ));
    }
    features
}

/// The service's signing facts as constants of the crate root, for the ones the model has.
fn signing_constants(cx: &Ctx<'_>) -> TokenStream {
    let service = &cx.krate.service;
    let signing_name = service.signing_name.as_ref().map(|name| {
        let doc = [
            format!(" The service's SigV4 signing name (`aws.auth#sigv4` trait): `{name}`, the"),
            " service of the credential scope. Pass it to `sigv4::Signer::new` (feature `sigv4`)."
                .to_owned(),
        ];
        quote! {
            #(#[doc = #doc])*
            pub const SIGNING_NAME: &str = #name;
        }
    });
    let endpoint_prefix = service.endpoint_prefix.as_ref().map(|prefix| {
        let doc = [
            format!(" The service's endpoint prefix (`aws.api#service` trait): `{prefix}`, the"),
            format!(
                " first label of its default endpoints (`https://{prefix}.us-east-1.amazonaws.com`)."
            ),
        ];
        quote! {
            #(#[doc = #doc])*
            pub const ENDPOINT_PREFIX: &str = #prefix;
        }
    });
    quote!(#signing_name #endpoint_prefix)
}

/// Keeps `cargo fmt` off the generated sources: prettyplease formats them, and rustfmt would
/// disagree on details and break `cargo xtask codegen --check`. Hand-written `tests/` stay
/// under rustfmt.
pub(super) fn rustfmt_toml(cx: &Ctx<'_>) -> String {
    let krate = cx.krate;
    format!(
        "{}disable_all_formatting = true\n",
        render::header("#", &krate.model_label)
    )
}

pub(super) fn lib_rs(cx: &Ctx<'_>) -> TokenStream {
    let krate = cx.krate;
    let mut lines = vec![
        format!(
            "Types for {} (API version `{}`), generated from its Smithy model.",
            krate.service.title, krate.service.version
        ),
        String::new(),
        "Operations in this crate:".to_owned(),
        String::new(),
    ];
    for op in &krate.operations {
        let summary = op.docs.first().cloned().unwrap_or_default();
        let (input, output) = (cx.message_link(op.input), cx.message_link(op.output));
        lines.push(format!(
            "- [`{0}`](operation::{0}): input {input}, output {output}. {summary}",
            op.rust_name
        ));
    }
    lines.extend([
        String::new(),
        "Every structure is built with a builder (see [`types`]): `build()` names every missing".to_owned(),
        "required member at once, and returns the value itself for structures without any.".to_owned(),
        "What a client sends checks every constraint trait of the model with `validate()` (see".to_owned(),
        "[`validation`]). Each operation is a unit type in [`operation`] whose functions convert".to_owned(),
        "requests, responses and errors to and from `http` messages in the restJson1 protocol: a".to_owned(),
        "client's (also through the [`Operation`] trait, for generic code) and, with the feature".to_owned(),
        "`server`, a server's ([`ServerOperation`], and a `router`). What a client sends implements".to_owned(),
        "serde's `Serialize`, what it receives `Deserialize`, in the restJson1 JSON document form;".to_owned(),
        "with the feature `server`, every type implements both (and `validate()`). A client".to_owned(),
        "compiles none of the server's code. Generated by `cargo xtask codegen`; do not edit.".to_owned(),
        String::new(),
        "[`Operation`], [`error`], [`primitives`], [`validation`] and [`idempotency`] come from the".to_owned(),
        "runtime crate `restjson-runtime`, which every generated crate shares: they are the same".to_owned(),
        "types in every crate generated from a Smithy model, so one generic helper serves them".to_owned(),
        "all. The `http` crate is re-exported as [`http`], so you need not depend on it yourself.".to_owned(),
        String::new(),
        "With the feature `sigv4`, the runtime's `sigv4` module (request signing and AWS".to_owned(),
        match krate.service.signing_name {
            Some(_) => "credentials providers) is re-exported here; sign with `SIGNING_NAME`.",
            None => "credentials providers) is re-exported here.",
        }
        .to_owned(),
    ]);
    if let Some(example) = krate
        .operations
        .first()
        .and_then(|op| super::example::operation(cx, op))
    {
        lines.extend([
            String::new(),
            "# Example".to_owned(),
            String::new(),
            "A client and a mock server, both made with this crate (the mock is the feature `server`):".to_owned(),
            String::new(),
        ]);
        lines.extend(example);
    }
    lines.extend(wire_format_docs(&krate.wire));
    if krate.endpoint.is_some() {
        lines.extend([
            String::new(),
            "[`endpoint`] (default feature `endpoints`) resolves the endpoint to send to from the".to_owned(),
            "service's endpoint rule set: `endpoint::resolve(&endpoint::Params::new().region(\"us-east-1\"))`.".to_owned(),
        ]);
    }
    for (id, reason) in &krate.skipped {
        lines.push(String::new());
        lines.push(format!("Left out: `{id}`, which uses {reason}."));
    }
    let doc = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    let protocol_tests = (!krate.protocol_tests.is_empty()).then(|| {
        quote!(
            #[cfg(test)]
            mod protocol_tests;
        )
    });
    let patterns = (!krate.patterns.is_empty()).then(|| {
        quote!(
            mod patterns;
        )
    });
    let endpoint = krate.endpoint.is_some().then(|| {
        quote!(
            #[cfg(feature = "endpoints")]
            pub mod endpoint;
        )
    });
    let constants = signing_constants(cx);
    let event_stream = krate.has_event_streams().then(|| {
        quote!(
            #[cfg(feature = "event-stream")]
            #[doc(inline)]
            pub use #ROOT::event_stream;
        )
    });
    let client = krate.service.signing_name.is_some().then(|| {
        quote!(
            #[cfg(feature = "client")]
            pub mod client;
        )
    });
    quote! {
        #(#![doc = #doc])*
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]
        // Names come from the model (members named `foo` in the Smithy protocol tests).
        #![allow(clippy::disallowed_names)]

        #endpoint
        #client
        pub mod operation;
        #[cfg(feature = #SERVER_FEATURE)]
        pub mod router;
        pub mod types;
        #patterns
        #protocol_tests

        #[doc(inline)]
        pub use #ROOT::{error, idempotency, primitives, validation, Operation, ServerOperation};
        #[cfg(feature = "sigv4")]
        #[doc(inline)]
        pub use #ROOT::sigv4;
        #event_stream

        /// The `http` crate, whose `Request` and `Response` carry this crate's messages.
        pub use ::http;

        #constants
    }
}

/// The crate root's "Wire format decisions", one paragraph per situation the crate meets.
fn wire_format_docs(wire: &WireFacts) -> Vec<String> {
    let mut items: Vec<&[&str]> = vec![&[
        "- A JSON member whose value is `null` is absent; unknown members are ignored, but read",
        "  in full: a body is accepted only if `serde_json::Value` would accept it (no invalid",
        "  UTF-8, lone surrogate escapes or out-of-range numbers anywhere). Of duplicate keys, the",
        "  last wins. An empty body (or only JSON whitespace) reads as `{}`.",
    ]];
    if wire.dense_collections {
        items.push(&[
            "- `null` inside a dense list or map: a client (and plain `serde_json` use) skips the entry;",
            "  a server's `parse_request` rejects it (400 `SerializationException` naming its path).",
        ]);
    }
    if wire.sparse_collections {
        items.push(&["- Sparse collections keep `null` as `None` both ways."]);
    }
    items.push(&[
        "- Errors name the JSON Pointer of the offending value. Nesting is bounded by serde_json's",
        "  recursion limit (128 arrays or objects): deeper documents are an error, not a stack",
        "  overflow (512 KiB of stack suffices in debug builds).",
    ]);
    if wire.recursive {
        items.push(&[
            "- Serializing a recursive value nested deeper than 128 levels is an error too.",
        ]);
    }
    if wire.required_members {
        items.push(&[
            "- A server reports every missing `@required` member as a `ValidationException` violation",
            "  (`Member must not be null`), in the order found, before the validator's own violations.",
        ]);
    }
    if wire.timestamps {
        items.push(&[
            "- `epoch-seconds` timestamps are read to the millisecond; `http-date` writes milliseconds",
            "  only when there are any.",
        ]);
    }
    if wire.prefix_headers {
        items.push(&[
            "- Prefix-header map keys are read in lower case (HTTP header names are case-insensitive).",
        ]);
    }
    if wire.query_lists {
        items.push(&["- An empty `@httpQuery` list sends nothing and reads back as unset."]);
    }
    if wire.streaming_blobs {
        items.push(&["- `@streaming` blobs are buffered whole as `Vec<u8>`."]);
    }
    let mut lines = vec![
        String::new(),
        "# Wire format decisions".to_owned(),
        String::new(),
    ];
    lines.extend(items.into_iter().flatten().map(|l| (*l).to_owned()));
    lines
}

pub(super) fn types_mod(cx: &Ctx<'_>) -> TokenStream {
    let krate = cx.krate;
    let mods = krate.types.iter().map(|t| {
        let module = types::ident(&t.common().module);
        let name = types::ident(&t.common().rust_name);
        quote! {
            mod #module;
            pub use self::#module::#name;
        }
    });
    let builders = krate.types.iter().filter_map(|t| match t {
        TypeDef::Structure(s) => {
            let module = types::ident(&s.common.module);
            let name = types::ident(&s.builder_name);
            Some(quote!(pub use super::#module::#name;))
        }
        _ => None,
    });
    let builders_doc = docs::attrs(&["Builders for the structures, one per structure.".to_owned()]);
    quote! {
        //! One type per structure, union and enum shape of the model's closure, named after the shape.
        #(#mods)*

        #builders_doc
        pub mod builders {
            #(#builders)*
        }
    }
}
