//! Constraint validators: the `constraints.json` fixture (every constraint kind on every shape
//! kind it applies to) generates a crate that passes clippy and its hand-written behaviour tests;
//! invalid patterns are reported by shape id; every upstream pattern plans (when
//! `UPSTREAM_MODELS` is set).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use std::path::Path;

use codegen::Model;
use codegen::pattern::{BacktrackReason, PatternPlan, plan};
use support::{cargo, fixture, scratch_crate};

fn load(path: &Path) -> Result<Model, codegen::LoadError> {
    Model::from_json(&std::fs::read_to_string(path).unwrap())
}

fn config(package_name: &str, label: &str) -> codegen::Config {
    support::config_all(package_name, label)
}

#[test]
fn constraint_fixture_compiles_lints_and_validates() {
    let model = load(&fixture("constraints.json")).unwrap();
    let files = codegen::generate(&model, &config("constraints", "constraints.json")).unwrap();
    let test = std::fs::read_to_string(fixture("constraints_test.rs")).unwrap();
    let dir = scratch_crate("constraints", &files, &[("tests/constraints.rs", test)]);
    // Both engines are needed, so both runtime features are enabled (and nothing else but
    // big numbers, which the fixture has).
    let manifest = &files["Cargo.toml"];
    assert!(
        manifest
            .contains(r#"features = ["big-numbers", "pattern-backtracking", "pattern-linear"] }"#),
        "{manifest}"
    );
    let patterns = &files["src/patterns.rs"];
    for how in [
        "because the pattern has a backreference",
        "because the pattern has a lookaround not pinned to the start or the end of the input",
        "each lookaround is pinned to the start or end of the input",
        "Evaluated by `regex-lite` in time linear in the input (the pattern has no lookaround",
    ] {
        assert!(patterns.contains(how), "{how}:\n{patterns}");
    }
    cargo(
        &dir,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(&dir, &["test", "--quiet"]);
}

#[test]
fn enum_constraint_fixture_checks_wire_values() {
    // `@length` and `@pattern` on enums and `@range` on intEnums apply to the wire value.
    let model = load(&fixture("enum_constraints.json")).unwrap();
    let files =
        codegen::generate(&model, &config("enum-constraints", "enum_constraints.json")).unwrap();
    support::check_fixture_crate("enum-constraints", &files, "enum_constraints_test.rs");
}

#[test]
fn crates_without_patterns_do_not_depend_on_regex_engines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let model = load(&root.join("models/connect.json")).unwrap();
    let files = codegen::generate(&model, &config("connect-chat", "connect.json")).unwrap();
    let manifest = &files["Cargo.toml"];
    assert!(
        !manifest.contains("regex") && !manifest.contains("regress"),
        "{manifest}"
    );
    assert!(!files.contains_key("src/patterns.rs"));
}

#[test]
fn invalid_patterns_are_reported_with_their_shape_ids() {
    let error = load(&fixture("constraints_invalid_pattern.json")).unwrap_err();
    let mut messages: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
    messages.sort();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages[0].starts_with(
            "`example.constraints#Bad`: trait `smithy.api#pattern` has an invalid value: pattern \"^(unclosed$\" is not a valid ECMA-262 regular expression: "
        ),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].starts_with(
            "`example.constraints#In$Bad`: trait `smithy.api#pattern` has an invalid value: pattern \"[a-\" is not a valid ECMA-262 regular expression: "
        ),
        "{}",
        messages[1]
    );
}

#[test]
fn every_upstream_pattern_plans() {
    let Some(dir) = std::env::var_os("UPSTREAM_MODELS") else {
        eprintln!("skipped: set UPSTREAM_MODELS to the folder of the upstream models to run it");
        return;
    };
    let mut planned = 0;
    for file in [
        "connect-2017-08-08.json",
        "connectparticipant-2018-09-07.json",
        "lambda-2015-03-31.json",
    ] {
        let path = Path::new(&dir).join(file);
        // Loading checks the syntax of every pattern of the model.
        let model = load(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let text = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut patterns = std::collections::BTreeMap::new();
        collect_patterns(&json, &mut patterns);
        let (mut linear, mut combined, mut backtracking) = (0, 0, 0);
        for (pattern, owner) in &patterns {
            match plan(pattern) {
                Ok(PatternPlan::Linear { .. }) => linear += 1,
                Ok(PatternPlan::LinearCombination { .. }) => combined += 1,
                Ok(PatternPlan::Backtracking { reason, .. }) => {
                    // Generation refuses anything else (see `ir::build`).
                    assert!(
                        matches!(
                            reason,
                            BacktrackReason::Backreference | BacktrackReason::Lookaround
                        ),
                        "{file}: `{owner}`: {pattern:?}: {reason}"
                    );
                    backtracking += 1;
                }
                Err(e) => panic!("{file}: `{owner}`: {e}"),
            }
        }
        eprintln!(
            "{file}: {} shapes, {} distinct patterns: {linear} linear, {combined} linear combinations \
             of pinned lookarounds, {backtracking} backtracking",
            model.shapes.len(),
            patterns.len()
        );
        planned += patterns.len();
    }
    assert!(planned > 100, "{planned}");
}

/// Every `smithy.api#pattern` value in a JSON AST, with one shape that carries it.
fn collect_patterns(
    value: &serde_json::Value,
    out: &mut std::collections::BTreeMap<String, String>,
) {
    let Some(shapes) = value["shapes"].as_object() else {
        return;
    };
    for (id, shape) in shapes {
        let mut carriers = vec![(id.clone(), &shape["traits"])];
        if let Some(members) = shape["members"].as_object() {
            carriers.extend(
                members
                    .iter()
                    .map(|(n, m)| (format!("{id}${n}"), &m["traits"])),
            );
        }
        for part in ["member", "key", "value"] {
            carriers.push((format!("{id}${part}"), &shape[part]["traits"]));
        }
        for (owner, traits) in carriers {
            if let Some(p) = traits["smithy.api#pattern"].as_str() {
                out.entry(p.to_owned()).or_insert(owner);
            }
        }
    }
}

#[test]
fn patterns_the_generated_crate_cannot_evaluate_are_reported_with_their_shape_ids() {
    let model = load(&fixture("constraints_unsupported_pattern.json")).unwrap();
    let error = codegen::generate(&model, &config("unsupported", "x.json")).unwrap_err();
    // FIXME: ES2025 pattern modifiers are valid ECMA-262 but not translated yet.
    assert_eq!(
        error.to_string(),
        "`example.constraints#Code`: trait `smithy.api#pattern` has an invalid value \"^(?i:abc)$\": \
         it needs no lookaround or backreference, yet it cannot be evaluated in linear time: \
         the pattern is not translated to a linear engine: group syntax other than \
         (?: (?= (?! (?<= (?<! (?<name> at offset 1, such as a modifier"
    );
}
