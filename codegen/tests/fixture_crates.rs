//! Fixture models generate crates that compile, pass clippy with `-D warnings`, document without
//! warnings, and pass their hand-written tests.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use support::{check_fixture_crate, config_all, fixture, load};

#[test]
fn naming_obstacle_course_compiles_and_behaves() {
    let model = load(&fixture("obstacle_course.json"));
    let files = codegen::generate(
        &model,
        &config_all("obstacle-course", "obstacle_course.json"),
    )
    .unwrap();
    let dir = check_fixture_crate("obstacle-course", &files, "obstacle_course_test.rs");
    // Its service has a SigV4 signing name, so it has a client, whose method names must not
    // collide with the client's own (operations `Config` and `Builder`).
    support::cargo(
        &dir,
        &[
            "clippy",
            "--quiet",
            "--all-targets",
            "--features",
            "client,server",
            "--",
            "-D",
            "warnings",
        ],
    );
    support::cargo(&dir, &["test", "--quiet", "--features", "client,server"]);
}

#[test]
fn defaults_of_every_type_follow_the_nullability_rules() {
    let model = load(&fixture("defaults.json"));
    let files = codegen::generate(&model, &config_all("defaults", "defaults.json")).unwrap();
    check_fixture_crate("defaults", &files, "defaults_test.rs");
}

#[test]
fn a_service_rename_names_types_and_leaves_the_wire_alone() {
    let model = load(&fixture("rename.json"));
    let files = codegen::generate(&model, &config_all("rename", "rename.json")).unwrap();
    for (path, expected) in [
        ("src/types/other_greeting.rs", "pub struct OtherGreeting {"),
        ("src/types/other_color.rs", "pub enum OtherColor {"),
        (
            "src/types/other_greeting.rs",
            "/// The shape `example.other#Greeting`, named `OtherGreeting` in this service (its `rename`).",
        ),
        ("src/types/greeting.rs", "pub struct Greeting {"),
    ] {
        assert!(files[path].contains(expected), "{path}: {expected}");
    }
    check_fixture_crate("rename", &files, "rename_test.rs");
}
