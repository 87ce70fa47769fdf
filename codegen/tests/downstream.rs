//! `generated/` used as a downstream user uses it: a crate outside the workspace, in a scratch
//! directory, whose only dependency is the README's quick-start line (its path pointed at
//! `generated/`). Its library is the README itself (`#![doc = include_str!("README.md")]`), so
//! every Rust example of the README runs as a doctest of a crate that depends on connect-chat
//! exactly as the README says; its test `tests/flow.rs` (from `codegen/tests/downstream/`) does
//! the whole flow: build a StartChatContact request with nested SegmentAttributes, serialize
//! it, send it to a mock server made with the crate's server direction, parse the reply.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use support::{cargo, run_cargo, workspace_root};

/// The README's quick-start dependency line, with its path pointed at `generated/` from
/// `target/scratch-crates/downstream`.
fn quick_start_dependency(readme: &str) -> String {
    let line = readme
        .lines()
        .find(|l| l.starts_with("connect-chat = { path = "))
        .expect("the README's quick start gives a `connect-chat = { path = ... }` line");
    let start = line.find("path = \"").unwrap() + "path = \"".len();
    let end = start + line[start..].find('"').unwrap();
    format!("{}../../../generated{}", &line[..start], &line[end..])
}

#[test]
fn a_downstream_crate_runs_the_readme_examples_and_the_whole_flow() {
    let root = workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let dir = root.join("target/scratch-crates/downstream");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    // The README's sections on optional parts say which crate feature they need (`sigv4`,
    // `client`, `server` for the mock servers; the client's example runs on a `tokio` runtime):
    // the app turns those on through a feature of its own, the dependency line staying the
    // quick start's.
    let manifest = format!(
        "[package]\nname = \"downstream-app\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [features]\ndefault = [\"connect-chat/sigv4\", \"connect-chat/client\", \"connect-chat/server\"]\n\n\
         [dependencies]\n{}\n\n[dev-dependencies]\nserde_json = \"1\"\ntokio = {{ version = \"1\", default-features = false, features = [\"rt\", \"time\"] }}\n\n[workspace]\n",
        quick_start_dependency(&readme)
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("README.md"), &readme).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! The repository's README, whose Rust examples run as this crate's doctests.\n\
         #![doc = include_str!(\"../README.md\")]\n",
    )
    .unwrap();
    std::fs::copy(
        root.join("codegen/tests/downstream/flow.rs"),
        dir.join("tests/flow.rs"),
    )
    .unwrap();
    cargo(
        &dir,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    );
    let (flow, _) = run_cargo(&dir, &["test", "--test", "flow"]);
    assert!(flow.contains("test result: ok. 2 passed"), "{flow}");
    // Every Rust example of the README ran as a doctest (`rust,no_run` ones compiled).
    let examples = readme
        .lines()
        .filter(|l| *l == "```rust" || l.starts_with("```rust,"))
        .count();
    assert!(
        examples >= 2,
        "the README has a quick start and a mock-server example"
    );
    let (doc, _) = run_cargo(&dir, &["test", "--doc"]);
    assert!(
        doc.contains(&format!("test result: ok. {examples} passed")),
        "{examples} README examples expected to pass:\n{doc}"
    );
}

#[test]
fn the_quick_start_line_is_rewritten_to_generated() {
    assert_eq!(
        quick_start_dependency("x\nconnect-chat = { path = \"../connect-chat/generated\" }\n"),
        "connect-chat = { path = \"../../../generated\" }"
    );
}
