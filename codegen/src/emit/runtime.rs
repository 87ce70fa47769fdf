//! How generated code names the runtime crate: every path into it is made here, so the crate's
//! name and its module plan are written down once (emitters interpolate these constants:
//! `quote!(#JSON::Plain<Self>)`).

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

/// The runtime crate's package name, as the generated `Cargo.toml` depends on it.
pub(crate) const PACKAGE: &str = "restjson-runtime";

/// The runtime crate's version, which generated manifests pin exactly (`=0.1.0`): the
/// generator and the runtime change together. A test checks it against the runtime's manifest.
pub(crate) const VERSION: &str = "0.1.0";

/// Every file of the runtime crate's package (manifest and sources), by path relative to its
/// root: what `RuntimeDependency::Vendored` copies into a generated crate. A test checks that
/// the list is complete.
pub(super) const SOURCES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../../runtime/Cargo.toml")),
    (
        "src/client/config.rs",
        include_str!("../../runtime/src/client/config.rs"),
    ),
    (
        "src/client/error.rs",
        include_str!("../../runtime/src/client/error.rs"),
    ),
    (
        "src/client/hyper.rs",
        include_str!("../../runtime/src/client/hyper.rs"),
    ),
    (
        "src/client/mod.rs",
        include_str!("../../runtime/src/client/mod.rs"),
    ),
    (
        "src/client/race.rs",
        include_str!("../../runtime/src/client/race.rs"),
    ),
    (
        "src/client/retry.rs",
        include_str!("../../runtime/src/client/retry.rs"),
    ),
    (
        "src/client/send.rs",
        include_str!("../../runtime/src/client/send.rs"),
    ),
    (
        "src/endpoint/auth.rs",
        include_str!("../../runtime/src/endpoint/auth.rs"),
    ),
    (
        "src/endpoint/eval.rs",
        include_str!("../../runtime/src/endpoint/eval.rs"),
    ),
    (
        "src/endpoint/mod.rs",
        include_str!("../../runtime/src/endpoint/mod.rs"),
    ),
    (
        "src/endpoint/partition.rs",
        include_str!("../../runtime/src/endpoint/partition.rs"),
    ),
    (
        "src/endpoint/partitions_data.rs",
        include_str!("../../runtime/src/endpoint/partitions_data.rs"),
    ),
    (
        "src/endpoint/rules.rs",
        include_str!("../../runtime/src/endpoint/rules.rs"),
    ),
    (
        "src/endpoint/stdlib.rs",
        include_str!("../../runtime/src/endpoint/stdlib.rs"),
    ),
    ("src/error.rs", include_str!("../../runtime/src/error.rs")),
    (
        "src/event_stream/binding.rs",
        include_str!("../../runtime/src/event_stream/binding.rs"),
    ),
    (
        "src/event_stream/decode.rs",
        include_str!("../../runtime/src/event_stream/decode.rs"),
    ),
    (
        "src/event_stream/encode.rs",
        include_str!("../../runtime/src/event_stream/encode.rs"),
    ),
    (
        "src/event_stream/error.rs",
        include_str!("../../runtime/src/event_stream/error.rs"),
    ),
    (
        "src/event_stream/message.rs",
        include_str!("../../runtime/src/event_stream/message.rs"),
    ),
    (
        "src/event_stream/mod.rs",
        include_str!("../../runtime/src/event_stream/mod.rs"),
    ),
    (
        "src/idempotency.rs",
        include_str!("../../runtime/src/idempotency.rs"),
    ),
    ("src/lib.rs", include_str!("../../runtime/src/lib.rs")),
    (
        "src/primitives.rs",
        include_str!("../../runtime/src/primitives.rs"),
    ),
    (
        "src/private/endpoint_tests.rs",
        include_str!("../../runtime/src/private/endpoint_tests.rs"),
    ),
    (
        "src/private/event_stream.rs",
        include_str!("../../runtime/src/private/event_stream.rs"),
    ),
    (
        "src/private/http_text.rs",
        include_str!("../../runtime/src/private/http_text.rs"),
    ),
    (
        "src/private/json/codec.rs",
        include_str!("../../runtime/src/private/json/codec.rs"),
    ),
    (
        "src/private/json/collections.rs",
        include_str!("../../runtime/src/private/json/collections.rs"),
    ),
    (
        "src/private/json/document.rs",
        include_str!("../../runtime/src/private/json/document.rs"),
    ),
    (
        "src/private/json/error.rs",
        include_str!("../../runtime/src/private/json/error.rs"),
    ),
    (
        "src/private/json/mod.rs",
        include_str!("../../runtime/src/private/json/mod.rs"),
    ),
    (
        "src/private/json/server.rs",
        include_str!("../../runtime/src/private/json/server.rs"),
    ),
    (
        "src/private/json/time.rs",
        include_str!("../../runtime/src/private/json/time.rs"),
    ),
    (
        "src/private/json_big.rs",
        include_str!("../../runtime/src/private/json_big.rs"),
    ),
    (
        "src/private/json_object.rs",
        include_str!("../../runtime/src/private/json_object.rs"),
    ),
    (
        "src/private/json_text.rs",
        include_str!("../../runtime/src/private/json_text.rs"),
    ),
    (
        "src/private/mod.rs",
        include_str!("../../runtime/src/private/mod.rs"),
    ),
    (
        "src/private/pattern/backtracking.rs",
        include_str!("../../runtime/src/private/pattern/backtracking.rs"),
    ),
    (
        "src/private/pattern/linear.rs",
        include_str!("../../runtime/src/private/pattern/linear.rs"),
    ),
    (
        "src/private/pattern/mod.rs",
        include_str!("../../runtime/src/private/pattern/mod.rs"),
    ),
    (
        "src/private/protocol/errors.rs",
        include_str!("../../runtime/src/private/protocol/errors.rs"),
    ),
    (
        "src/private/protocol/finish.rs",
        include_str!("../../runtime/src/private/protocol/finish.rs"),
    ),
    (
        "src/private/protocol/message.rs",
        include_str!("../../runtime/src/private/protocol/message.rs"),
    ),
    (
        "src/private/protocol/mod.rs",
        include_str!("../../runtime/src/private/protocol/mod.rs"),
    ),
    (
        "src/private/protocol/route.rs",
        include_str!("../../runtime/src/private/protocol/route.rs"),
    ),
    (
        "src/private/protocol/text.rs",
        include_str!("../../runtime/src/private/protocol/text.rs"),
    ),
    (
        "src/private/protocol/wire_errors.rs",
        include_str!("../../runtime/src/private/protocol/wire_errors.rs"),
    ),
    (
        "src/private/protocol_operation.rs",
        include_str!("../../runtime/src/private/protocol_operation.rs"),
    ),
    (
        "src/private/protocol_test.rs",
        include_str!("../../runtime/src/private/protocol_test.rs"),
    ),
    (
        "src/sigv4/canonical.rs",
        include_str!("../../runtime/src/sigv4/canonical.rs"),
    ),
    (
        "src/sigv4/credentials.rs",
        include_str!("../../runtime/src/sigv4/credentials.rs"),
    ),
    (
        "src/sigv4/event.rs",
        include_str!("../../runtime/src/sigv4/event.rs"),
    ),
    (
        "src/sigv4/mod.rs",
        include_str!("../../runtime/src/sigv4/mod.rs"),
    ),
    (
        "src/sigv4/profile.rs",
        include_str!("../../runtime/src/sigv4/profile.rs"),
    ),
    (
        "src/sigv4/settings.rs",
        include_str!("../../runtime/src/sigv4/settings.rs"),
    ),
    (
        "src/sigv4/sign.rs",
        include_str!("../../runtime/src/sigv4/sign.rs"),
    ),
    (
        "src/sigv4/tests.rs",
        include_str!("../../runtime/src/sigv4/tests.rs"),
    ),
    (
        "src/validation.rs",
        include_str!("../../runtime/src/validation.rs"),
    ),
];

/// A module of the runtime crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rt {
    /// The crate root: `Operation`.
    Root,
    /// `error`: the public error types.
    Error,
    /// `primitives`: `Document`, big numbers, unknown enum values.
    Primitives,
    /// `validation`: `Path`, `Violations` and the check helpers.
    Validation,
    /// `idempotency`: token providers for `@idempotencyToken` members.
    Idempotency,
    /// `__private::json`: codecs and error paths.
    Json,
    /// `__private::json_big`: lossless big-number codecs.
    JsonBig,
    /// `__private::json_object`: structures and unions as JSON objects.
    JsonObject,
    /// `__private::protocol`: HTTP messages, routes and error codes.
    Protocol,
    /// `__private::pattern`: compiled `@pattern` constraints.
    Pattern,
    /// `__private::protocol_test`: what the generated protocol tests check.
    ProtocolTest,
    /// `endpoint`: endpoint resolution (feature `endpoints`).
    Endpoint,
    /// `endpoint::rules`: the rule-set data generated crates hold.
    EndpointRules,
    /// `__private::endpoint_tests`: the assertions of generated endpoint tests.
    EndpointTests,
    /// `client`: signing, sending and retrying (feature `client`).
    Client,
    /// `event_stream`: event-stream messages and their typed writers and readers (feature
    /// `event-stream`).
    EventStream,
    /// `__private::event_stream`: event headers and payloads of generated event unions.
    EventStreamGlue,
}

pub(super) const ROOT: Rt = Rt::Root;
pub(super) const ERROR: Rt = Rt::Error;
pub(super) const PRIMITIVES: Rt = Rt::Primitives;
pub(super) const VALIDATION: Rt = Rt::Validation;
pub(super) const IDEMPOTENCY: Rt = Rt::Idempotency;
pub(super) const JSON: Rt = Rt::Json;
pub(super) const JSON_BIG: Rt = Rt::JsonBig;
pub(super) const JSON_OBJECT: Rt = Rt::JsonObject;
pub(super) const PROTOCOL: Rt = Rt::Protocol;
pub(super) const PATTERN: Rt = Rt::Pattern;
pub(super) const PROTOCOL_TEST: Rt = Rt::ProtocolTest;
pub(super) const ENDPOINT: Rt = Rt::Endpoint;
pub(super) const ENDPOINT_RULES: Rt = Rt::EndpointRules;
pub(super) const ENDPOINT_TESTS: Rt = Rt::EndpointTests;
pub(super) const CLIENT: Rt = Rt::Client;
pub(super) const EVENT_STREAM: Rt = Rt::EventStream;
pub(super) const EVENT_STREAM_GLUE: Rt = Rt::EventStreamGlue;

impl ToTokens for Rt {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let path = match self {
            Rt::Root => quote!(::restjson_runtime),
            Rt::Error => quote!(::restjson_runtime::error),
            Rt::Primitives => quote!(::restjson_runtime::primitives),
            Rt::Validation => quote!(::restjson_runtime::validation),
            Rt::Idempotency => quote!(::restjson_runtime::idempotency),
            Rt::Json => quote!(::restjson_runtime::__private::json),
            Rt::JsonBig => quote!(::restjson_runtime::__private::json_big),
            Rt::JsonObject => quote!(::restjson_runtime::__private::json_object),
            Rt::Protocol => quote!(::restjson_runtime::__private::protocol),
            Rt::Pattern => quote!(::restjson_runtime::__private::pattern),
            Rt::ProtocolTest => quote!(::restjson_runtime::__private::protocol_test),
            Rt::EventStream => quote!(::restjson_runtime::event_stream),
            Rt::EventStreamGlue => quote!(::restjson_runtime::__private::event_stream),
            Rt::Endpoint => quote!(::restjson_runtime::endpoint),
            Rt::EndpointRules => quote!(::restjson_runtime::endpoint::rules),
            Rt::EndpointTests => quote!(::restjson_runtime::__private::endpoint_tests),
            Rt::Client => quote!(::restjson_runtime::client),
        };
        tokens.extend(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_list_every_file_of_the_runtime_crate() {
        fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else if let Ok(relative) = path.strip_prefix(root) {
                    out.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        let mut on_disk = vec!["Cargo.toml".to_owned()];
        walk(&root.join("src"), &root, &mut on_disk);
        on_disk.sort();
        let listed: Vec<&str> = SOURCES.iter().map(|(path, _)| *path).collect();
        assert_eq!(
            listed, on_disk,
            "emit/runtime.rs SOURCES must list every runtime file"
        );
        let manifest = SOURCES[0].1;
        assert!(
            manifest.contains(&format!(
                "\nname = \"{PACKAGE}\"\nversion = \"{VERSION}\"\n"
            )),
            "the runtime manifest's name and version must be {PACKAGE} {VERSION}"
        );
    }

    #[test]
    fn paths_name_the_runtime_crate() {
        assert_eq!(
            quote!(#JSON::Plain<Self>).to_string(),
            ":: restjson_runtime :: __private :: json :: Plain < Self >"
        );
        assert_eq!(
            quote!(#ROOT::Operation).to_string(),
            ":: restjson_runtime :: Operation"
        );
        assert_eq!(
            PACKAGE.replace('-', "_"),
            ROOT.to_token_stream().to_string().trim_start_matches(":: ")
        );
    }
}
