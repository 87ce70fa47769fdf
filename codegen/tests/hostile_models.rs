//! Hostile and odd models: the generator answers with `Ok` or a clear error, in bounded time,
//! never a panic or a stack overflow.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::fmt::Write as _;

use codegen::{Config, Model, OperationSelection};

fn config() -> Config {
    Config {
        package_name: "hostile".to_owned(),
        model_label: "hostile.json".to_owned(),
        service: None,
        operations: OperationSelection::All,
        skip_unsupported: false,
        strict_patterns: false,
        protocol_tests: false,
        runtime: codegen::RuntimeDependency::Path("../codegen/runtime".to_owned()),
    }
}

/// A model with one service and one operation whose input is `ex#In`, plus `shapes`.
fn with_input(shapes: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ex#Svc": {{"type": "service", "operations": [{{"target": "ex#Op"}}]}},
            "ex#Op": {{"type": "operation", "input": {{"target": "ex#In"}},
                "traits": {{"smithy.api#http": {{"method": "POST", "uri": "/op"}}}}}},
            {shapes}
        }}}}"#
    )
}

fn generate(json: &str) -> Result<codegen::Files, String> {
    let model = Model::from_json(json).map_err(|e| e.to_string())?;
    codegen::generate(&model, &config()).map_err(|e| e.to_string())
}

/// Runs `f` on a thread with a small stack (1 MiB: enough for syn and prettyplease on one file
/// in a debug build, far too little for a recursion over thousands of model levels), so
/// unbounded recursion fails the test instead of passing by luck on a big main-thread stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn cycles_through_structures_only_are_boxed() {
    let files = generate(&with_input(
        r#""ex#In": {"type": "structure", "members": {"a": {"target": "ex#A"}}},
           "ex#A": {"type": "structure", "members": {"b": {"target": "ex#B"}}},
           "ex#B": {"type": "structure", "members": {"a": {"target": "ex#A"}, "me": {"target": "ex#B"}}}"#,
    ))
    .unwrap();
    // One member per direct cycle is boxed, picked by shape id then member order: A.b breaks
    // A -> B -> A, and B.me breaks B -> B.
    assert!(
        files["src/types/a.rs"]
            .contains("pub b: ::std::option::Option<::std::boxed::Box<crate::types::B>>")
    );
    assert!(files["src/types/b.rs"].contains("pub a: ::std::option::Option<crate::types::A>"));
    assert!(
        files["src/types/b.rs"]
            .contains("pub me: ::std::option::Option<::std::boxed::Box<crate::types::B>>")
    );
}

#[test]
fn a_collection_that_contains_itself_is_reported() {
    let err = generate(&with_input(
        r#""ex#In": {"type": "structure", "members": {"m": {"target": "ex#M"}}},
           "ex#M": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ex#L"}},
           "ex#L": {"type": "list", "member": {"target": "ex#M"}}"#,
    ))
    .unwrap_err();
    assert_eq!(
        err,
        "`ex#In$m` uses collections nested more than 32 deep, which the generator does not support yet"
    );
}

#[test]
fn ten_thousand_nested_lists_are_reported_without_overflowing_the_stack() {
    let mut shapes =
        String::from(r#""ex#In": {"type": "structure", "members": {"deep": {"target": "ex#L0"}}}"#);
    for i in 0..10_000 {
        write!(
            shapes,
            r#", "ex#L{i}": {{"type": "list", "member": {{"target": "ex#L{}"}}}}"#,
            i + 1
        )
        .unwrap();
    }
    shapes.push_str(r#", "ex#L10000": {"type": "string"}"#);
    let json = with_input(&shapes);
    let err = on_small_stack(move || generate(&json)).unwrap_err();
    assert_eq!(
        err,
        "`ex#In$deep` uses collections nested more than 32 deep, which the generator does not support yet"
    );
}

#[test]
fn ten_thousand_chained_mixins_flatten_on_a_small_stack_and_a_long_cycle_is_one_error() {
    let mixin = r#""traits": {"smithy.api#mixin": {}}"#;
    let mut shapes = String::from(
        r#""ex#In": {"type": "structure", "mixins": [{"target": "ex#M0"}], "members": {}}"#,
    );
    for i in 0..10_000 {
        write!(
            shapes,
            r#", "ex#M{i}": {{"type": "structure", "mixins": [{{"target": "ex#M{}"}}], {mixin}}}"#,
            i + 1
        )
        .unwrap();
    }
    write!(
        shapes,
        r#", "ex#M10000": {{"type": "structure", "members": {{"last": {{"target": "smithy.api#String"}}}}, {mixin}}}"#
    )
    .unwrap();
    let json = with_input(&shapes);
    let files = on_small_stack(move || generate(&json)).unwrap();
    assert!(files["src/types/in_.rs"].contains("pub last:"));

    let mut cycle = String::new();
    for i in 0..10_000 {
        write!(
            cycle,
            r#""ex#C{i}": {{"type": "structure", "mixins": [{{"target": "ex#C{}"}}], {mixin}}},"#,
            (i + 1) % 10_000
        )
        .unwrap();
    }
    let json = with_input(&format!(
        r#"{cycle} "ex#In": {{"type": "structure", "members": {{}}}}"#
    ));
    let err = on_small_stack(move || Model::from_json(&json).map(|_| ()).unwrap_err());
    assert_eq!(err.problems.len(), 1);
    assert_eq!(
        err.to_string(),
        "invalid model: shape `ex#C9999` cannot mix in `ex#C0`: the mixins form a cycle: `ex#C0` \
         → `ex#C1` → `ex#C2` → `ex#C3` → `ex#C4` → `ex#C5` → `ex#C6` → `ex#C7` → … (10000 mixins \
         in all) → `ex#C0`"
    );
}

#[test]
fn three_thousand_nested_structures_generate_on_a_small_stack() {
    // Every structure becomes a file, so this is the slowest test here; 3,000 levels are
    // plenty to catch a per-level recursion on a 1 MiB stack.
    let mut shapes =
        String::from(r#""ex#In": {"type": "structure", "members": {"next": {"target": "ex#S0"}}}"#);
    for i in 0..3_000 {
        write!(shapes, r#", "ex#S{i}": {{"type": "structure", "members": {{"next": {{"target": "ex#S{}"}}}}}}"#, i + 1).unwrap();
    }
    shapes.push_str(
        r#", "ex#S3000": {"type": "structure", "members": {"back": {"target": "ex#In"}}}"#,
    );
    let json = with_input(&shapes);
    let files = on_small_stack(move || generate(&json)).unwrap();
    // A 3,002-shape cycle is broken at exactly one member: the first in shape-id order.
    let boxed = files
        .values()
        .filter(|text| text.contains("pub next: ::std::option::Option<::std::boxed::Box"))
        .count()
        + files
            .values()
            .filter(|text| text.contains("pub back: ::std::option::Option<::std::boxed::Box"))
            .count();
    assert_eq!(boxed, 1);
}

#[test]
fn unknown_traits_are_kept_and_ignored() {
    let files = generate(&with_input(
        r#""ex#In": {"type": "structure", "members": {
              "a": {"target": "smithy.api#String", "traits": {"com.example#custom": {"anything": [1, 2]}}}},
           "traits": {"com.example#marker": {}, "smithy.api#unstable": {}}}"#,
    ))
    .unwrap();
    assert!(
        files["src/types/in_.rs"].contains("pub a: ::std::option::Option<::std::string::String>")
    );
}

#[test]
fn names_that_collide_after_casing_are_errors_not_overwrites() {
    let err = generate(&with_input(
        r#""ex#In": {"type": "structure", "members": {"a": {"target": "ex#my_shape"}, "b": {"target": "ex#MyShape"}}},
           "ex#my_shape": {"type": "structure", "members": {}},
           "ex#MyShape": {"type": "structure", "members": {}}"#,
    ))
    .unwrap_err();
    assert_eq!(
        err,
        "`ex#MyShape` and `ex#my_shape` both become the Rust type name `MyShape`; rename one of \
         them in the model, or for this service with its `rename` property"
    );
}

#[test]
fn a_fifty_megabyte_model_loads_and_generates_in_bounded_time() {
    // 2,500 structures with 20 kB of documentation each: about 50 MB of JSON.
    let doc = "Lorem ipsum dolor sit amet. ".repeat(730);
    let mut shapes =
        String::from(r#""ex#In": {"type": "structure", "members": {"s0": {"target": "ex#S0"}}}"#);
    for i in 0..2_500 {
        write!(
            shapes,
            r#", "ex#S{i}": {{"type": "structure", "members": {{"x": {{"target": "smithy.api#String"}}}}, "traits": {{"smithy.api#documentation": "{doc}"}}}}"#
        )
        .unwrap();
    }
    let json = with_input(&shapes);
    assert!(json.len() > 50_000_000, "{} bytes", json.len());
    let started = std::time::Instant::now();
    let model = Model::from_json(&json).unwrap();
    assert_eq!(model.shapes.len(), 2_503 + 21);
    let files = codegen::generate(&model, &config()).unwrap();
    // Only the closure is generated: In and S0.
    assert_eq!(
        files
            .keys()
            .filter(|p| p.starts_with("src/types/") && !p.ends_with("mod.rs"))
            .count(),
        2
    );
    // A generous bound that only catches pathological (quadratic) behaviour, even in debug builds.
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}
