//! Generated crates share one runtime crate, so its vocabulary is one type across services:
//! the Connect slice and a ConnectParticipant crate (the two halves of a chat) are generated
//! into one scratch workspace with an app crate whose tests call one function generic over
//! `Operation` for both services and pass one `ValidationError` between them. Also: a crate
//! generated with a vendored runtime builds on its own, and the vendored copy is the runtime.
//!
//! The ConnectParticipant half needs `UPSTREAM_MODELS` (`.ci/run` sets it); without it that
//! test is ignored, with the reason in the test output.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use codegen::{Config, Files, OperationSelection, RuntimeDependency};
use support::{cargo, load, upstream, workspace_root};

fn config(package: &str, label: &str, operations: &[&str], runtime: RuntimeDependency) -> Config {
    Config {
        package_name: package.to_owned(),
        model_label: label.to_owned(),
        service: None,
        operations: OperationSelection::Named(operations.iter().map(|s| (*s).to_owned()).collect()),
        skip_unsupported: false,
        strict_patterns: false,
        protocol_tests: false,
        runtime,
    }
}

fn write_all(dir: &std::path::Path, files: &Files) {
    for (path, text) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

/// The app's test: the same generic helper serves both services' operations, and a
/// `ValidationError` from one crate is the other crate's type.
const APP_TEST: &str = r#"
use connect_chat::operation::StartChatContact;
use connect_chat::types::{ParticipantDetails, StartChatContactRequest};
use connect_participant::operation::SendMessage;
use connect_participant::types::SendMessageRequest;

/// One client-to-server round trip through any generated operation of any generated crate.
fn round_trip<O: restjson_runtime::ServerOperation>(
    input: &O::Input,
) -> Result<O::Input, restjson_runtime::error::RequestRejection> {
    let request = O::serialize_request(input, "https://example.com").unwrap();
    O::parse_request(&request)
}

/// Takes the participant crate's `ValidationError`.
fn describe(error: &connect_participant::error::ValidationError) -> String {
    error.to_string()
}

#[test]
fn one_generic_function_serves_both_services() {
    let start = StartChatContactRequest::builder()
        .instance_id("i")
        .contact_flow_id("f")
        .participant_details(ParticipantDetails::builder().display_name("Ana").build().unwrap())
        .build()
        .unwrap();
    let parsed = round_trip::<StartChatContact>(&start).unwrap();
    assert_eq!(parsed.participant_details.display_name, "Ana");

    let send = SendMessageRequest::builder()
        .content_type("text/plain")
        .content("hello")
        .connection_token("token")
        .build()
        .unwrap();
    let parsed = round_trip::<SendMessage>(&send).unwrap();
    assert_eq!(parsed.content, "hello");
    assert!(parsed.client_token.is_some());
    // Both crates re-export the one trait.
    fn is_operation<O: connect_chat::Operation>() -> &'static str {
        O::NAME
    }
    assert_eq!(is_operation::<SendMessage>(), "SendMessage");
}

#[test]
fn one_validation_error_passes_between_the_crates() {
    let invalid = StartChatContactRequest::builder()
        .instance_id("")
        .contact_flow_id("f")
        .participant_details(ParticipantDetails::builder().display_name("Ana").build().unwrap())
        .build()
        .unwrap();
    let error: connect_chat::error::ValidationError = invalid.validate().unwrap_err();
    assert_eq!(
        describe(&error),
        "1 validation error detected. Value with length 0 at '/InstanceId' failed to satisfy \
         constraint: Member must have length between 1 and 100, inclusive"
    );
    let empty = SendMessageRequest::builder()
        .content_type("text/plain")
        .content("")
        .connection_token("token")
        .build()
        .unwrap();
    let other: restjson_runtime::error::ValidationError = empty.validate().unwrap_err();
    let mut all = error.into_violations();
    all.extend(other.into_violations());
    let merged = connect_participant::error::ValidationError::from_violations(all).unwrap();
    assert_eq!(merged.violations().len(), 2);
}
"#;

#[test]
#[cfg_attr(
    not(upstream_models),
    ignore = "needs UPSTREAM_MODELS, the folder of the upstream AWS models (.ci/run sets it)"
)]
fn two_generated_crates_share_the_runtime_vocabulary() {
    let participant_model = upstream("connectparticipant-2018-09-07.json");
    let dir = workspace_root().join("target/scratch-crates/shared-runtime");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    // Crates one level below the scratch workspace: four levels below the repository.
    let runtime = || RuntimeDependency::Path("../../../../codegen/runtime".to_owned());
    let connect = codegen::generate(
        &load(&workspace_root().join("models/connect.json")),
        &config(
            "connect-chat",
            "models/connect.json",
            &["StartChatContact"],
            runtime(),
        ),
    )
    .unwrap();
    write_all(&dir.join("connect-chat"), &connect);
    let participant = codegen::generate(
        &load(&participant_model),
        &config(
            "connect-participant",
            "connectparticipant-2018-09-07.json",
            &["SendMessage"],
            runtime(),
        ),
    )
    .unwrap();
    write_all(&dir.join("connect-participant"), &participant);
    let app: Files = [
        (
            "app/Cargo.toml".to_owned(),
            "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nconnect-chat = { path = \"../connect-chat\", features = [\"server\"] }\n\
             connect-participant = { path = \"../connect-participant\", features = [\"server\"] }\n\
             restjson-runtime = { path = \"../../../../codegen/runtime\" }\n"
                .to_owned(),
        ),
        ("app/src/lib.rs".to_owned(), "//! Uses both services.\n".to_owned()),
        ("app/tests/both.rs".to_owned(), APP_TEST.to_owned()),
        (
            "Cargo.toml".to_owned(),
            "[workspace]\nresolver = \"3\"\nmembers = [\"app\", \"connect-chat\", \"connect-participant\"]\n"
                .to_owned(),
        ),
    ]
    .into_iter()
    .collect();
    write_all(&dir, &app);
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    cargo(&dir, &["test", "-p", "app", "--quiet"]);
}

#[test]
fn a_crate_with_a_vendored_runtime_builds_on_its_own() {
    let dir = workspace_root().join("target/scratch-crates/vendored-runtime");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    let files = codegen::generate(
        &load(&workspace_root().join("models/connect.json")),
        &config(
            "connect-chat",
            "models/connect.json",
            &["StartChatContact"],
            RuntimeDependency::Vendored,
        ),
    )
    .unwrap();
    // The manifest names the copy, and the copy is the runtime crate, file for file.
    assert!(
        files["Cargo.toml"].contains(&format!(
            "restjson-runtime = {{ version = \"=0.1.0\", path = \"{}\"",
            codegen::VENDORED_RUNTIME
        )),
        "{}",
        files["Cargo.toml"]
    );
    let prefix = format!("{}/", codegen::VENDORED_RUNTIME);
    let vendored: Vec<&String> = files.keys().filter(|p| p.starts_with(&prefix)).collect();
    assert!(vendored.len() > 10, "{vendored:?}");
    for path in vendored {
        let source = workspace_root()
            .join("codegen/runtime")
            .join(&path[prefix.len()..]);
        assert_eq!(
            files[path],
            std::fs::read_to_string(&source).unwrap(),
            "{path} differs from {}",
            source.display()
        );
    }
    let mut files = files;
    files
        .entry("Cargo.toml".to_owned())
        .and_modify(|t| t.push_str("\n[workspace]\n"));
    write_all(&dir, &files);
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    cargo(&dir, &["build", "--quiet"]);
}
