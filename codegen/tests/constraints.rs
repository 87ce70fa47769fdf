//! Constraint validators: the `constraints.json` fixture (every constraint kind on every shape
//! kind it applies to) generates a crate that passes clippy and its hand-written behaviour tests;
//! so does `java_patterns.json` (Java constructs), with pinned warnings for the patterns it
//! leaves out; every upstream pattern plans (when `UPSTREAM_MODELS` is set).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use std::path::Path;

use codegen::Model;
use codegen::pattern::{PatternPlan, PatternProblem, plan};
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
    support::clippy_with_server(&dir);
    cargo(&dir, &["test", "--quiet", "--features", "server"]);
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
fn invalid_patterns_are_left_out_with_warnings_naming_their_shape_ids() {
    let model = load(&fixture("constraints_invalid_pattern.json")).unwrap();
    let generated = codegen::generate_with_report(&model, &config("invalid", "x.json")).unwrap();
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            // The member's own pattern replaces its target's `^(unclosed$`, which is not used.
            "`example.constraints#In$Bad`: trait `smithy.api#pattern` value \"[a-\" is neither a \
             valid ECMA-262 nor a valid Java regular expression: unbalanced bracket (ECMA-262); \
             unclosed class at offset 0 (Java); the generated validator leaves this check out",
        ]
    );
    assert!(!generated.files.contains_key("src/patterns.rs"));
}

#[test]
fn java_patterns_generate_with_warnings_and_validate() {
    let model = load(&fixture("java_patterns.json")).unwrap();
    let generated =
        codegen::generate_with_report(&model, &config("java_patterns", "java_patterns.json"))
            .unwrap();
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "`example.java#CheckInput$Broken`: trait `smithy.api#pattern` value \"^(unclosed$\" \
             is neither a valid ECMA-262 nor a valid Java regular expression: unbalanced \
             parenthesis (ECMA-262); expected ')' at offset 11 (Java); the generated validator \
             leaves this check out",
            "`example.java#Name`: trait `smithy.api#pattern` value \"^\\\\P{C}*$}$\" can never \
             match any string; the generated validator leaves this check out",
            "`example.java#CheckInput$Greek`: trait `smithy.api#pattern` value \
             \"^\\\\p{InGreek}+$\" uses Java regular expression syntax the generator does not \
             translate: \\p{InGreek} (a Unicode block) at offset 1; the generated validator \
             leaves this check out",
        ]
    );
    let patterns = &generated.files["src/patterns.rs"];
    for planned in [
        r"^\\p{XDigit}{8}$",
        r"^(?i:abc)$",
        r"\\Aab\\Z",
        "on its ECMA-262 translation (the pattern uses Java syntax)",
    ] {
        assert!(patterns.contains(planned), "{planned}:\n{patterns}");
    }
    assert!(!patterns.contains("InGreek") && !patterns.contains("unclosed"));
    // Strict mode makes every warning an error, all reported at once.
    let strict = codegen::Config {
        strict_patterns: true,
        protocol_tests: false,
        ..config("java_patterns", "java_patterns.json")
    };
    assert_eq!(
        codegen::generate(&model, &strict).unwrap_err().to_string(),
        "cannot generate the crate: 3 problems\n  \
         - `example.java#CheckInput$Broken`: trait `smithy.api#pattern` has an invalid value \
         \"^(unclosed$\": it is neither a valid ECMA-262 nor a valid Java regular expression: \
         unbalanced parenthesis (ECMA-262); expected ')' at offset 11 (Java) (an error under \
         `--strict-patterns`)\n  \
         - `example.java#Name`: trait `smithy.api#pattern` has an invalid value \"^\\\\P{C}*$}$\": \
         it can never match any string (an error under `--strict-patterns`)\n  \
         - `example.java#CheckInput$Greek`: trait `smithy.api#pattern` has an invalid value \
         \"^\\\\p{InGreek}+$\": it uses Java regular expression syntax the generator does not \
         translate: \\p{InGreek} (a Unicode block) at offset 1 (an error under `--strict-patterns`)"
    );
    let test = std::fs::read_to_string(fixture("java_patterns_test.rs")).unwrap();
    let dir = scratch_crate(
        "java_patterns",
        &generated.files,
        &[("tests/java_patterns.rs", test)],
    );
    support::clippy_with_server(&dir);
    cargo(&dir, &["test", "--quiet", "--features", "server"]);
}

#[test]
#[cfg_attr(
    not(upstream_models),
    ignore = "needs UPSTREAM_MODELS, the folder of the upstream AWS models (.ci/run sets it)"
)]
fn every_upstream_pattern_plans() {
    let dir = std::env::var_os("UPSTREAM_MODELS").expect("UPSTREAM_MODELS is not set");
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
        let (mut linear, mut combined, mut backtracking, mut never) = (0, 0, 0, 0);
        for (pattern, owner) in &patterns {
            match plan(pattern) {
                Ok(PatternPlan::Linear { .. }) => linear += 1,
                Ok(PatternPlan::LinearCombination { .. }) => combined += 1,
                Ok(PatternPlan::Backtracking { reason, .. }) => {
                    // Anything else would be a warning of generation (see `ir::build`).
                    assert!(
                        reason.is_inherent(),
                        "{file}: `{owner}`: {pattern:?}: {reason}"
                    );
                    backtracking += 1;
                }
                // The Connect models' `^/^(?=.*[a-z])..$/$` (a JavaScript regex literal).
                Err(e) if e.problem() == PatternProblem::NeverMatches => never += 1,
                Err(e) => panic!("{file}: `{owner}`: {e}"),
            }
        }
        eprintln!(
            "{file}: {} shapes, {} distinct patterns: {linear} linear, {combined} linear combinations \
             of pinned lookarounds, {backtracking} backtracking, {never} never matching",
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
