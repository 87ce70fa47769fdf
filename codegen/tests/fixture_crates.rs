//! Fixture models generate crates that compile, pass clippy with `-D warnings`, document without
//! warnings, and pass their hand-written tests.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use support::{cargo, config_all, fixture, load, scratch_crate};

#[test]
fn naming_obstacle_course_compiles_and_behaves() {
    let model = load(&fixture("obstacle_course.json"));
    let files = codegen::generate(
        &model,
        &config_all("obstacle-course", "obstacle_course.json"),
    )
    .unwrap();
    let test = std::fs::read_to_string(fixture("obstacle_course_test.rs")).unwrap();
    let dir = scratch_crate("obstacle-course", &files, &[("tests/obstacle.rs", test)]);
    cargo(
        &dir,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(&dir, &["doc", "--quiet", "--no-deps"]);
    cargo(&dir, &["test", "--quiet"]);
}

#[test]
fn defaults_of_every_type_follow_the_nullability_rules() {
    let model = load(&fixture("defaults.json"));
    let files = codegen::generate(&model, &config_all("defaults", "defaults.json")).unwrap();
    let test = std::fs::read_to_string(fixture("defaults_test.rs")).unwrap();
    let dir = scratch_crate("defaults", &files, &[("tests/defaults.rs", test)]);
    cargo(
        &dir,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(&dir, &["test", "--quiet"]);
}
