//! Tests of planning and translation through [`plan`], evaluated with the runtime crate's
//! `Pattern` as generated crates evaluate them; `differential` compares linear plans with
//! `regress`.

mod differential;

use super::*;
use restjson_runtime::__private::pattern::Pattern;
use std::time::Instant;

fn translated(pattern: &str) -> String {
    match plan(pattern) {
        Ok(PatternPlan::Linear { translated }) => translated,
        other => panic!("{pattern}: expected a linear plan, got {other:?}"),
    }
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// The runtime `Pattern` the generated crate would build for `pattern`.
fn runtime_pattern(pattern: &str, plan: &PatternPlan) -> Pattern {
    let source = leak(pattern);
    match plan {
        PatternPlan::Linear { translated } => Pattern::linear(source, translated),
        PatternPlan::LinearCombination { any_of } => {
            let clauses: Vec<Vec<(&str, bool)>> = any_of
                .iter()
                .map(|clause| {
                    clause
                        .iter()
                        .map(|t| (t.regex.as_str(), t.must_match))
                        .collect()
                })
                .collect();
            let clauses: Vec<&[(&str, bool)]> = clauses.iter().map(Vec::as_slice).collect();
            Pattern::linear_combination(source, &clauses)
        }
        PatternPlan::Backtracking { flags, .. } => Pattern::backtracking(source, flags),
    }
}

// -- translation --------------------------------------------------------------------------

#[test]
fn translates_anchors_escapes_and_quantifiers() {
    assert_eq!(translated("^[0-9]+$"), r"\A[0-9]+\z");
    assert_eq!(translated("^([0-9]+)+$"), r"\A(?:[0-9]+)+\z");
    assert_eq!(translated(r"^\d{4}-\d{2}$"), r"\A[0-9]{4}\-[0-9]{2}\z");
    assert_eq!(
        translated(r"a{2,}b{3,5}?c*?d+?e??"),
        r"a{2,}b{3,5}?c*?d+?e??"
    );
    assert_eq!(translated(r"\w\W"), r"[0-9A-Z_a-z][^0-9A-Z_a-z]");
    assert_eq!(
        translated(r"\s"),
        r"[\x{9}-\x{D} \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]"
    );
    assert_eq!(translated("."), r"[^\x{A}\x{D}\x{2028}\x{2029}]");
    assert_eq!(translated(r"\bx\B"), r"\bx\B");
    assert_eq!(translated(r"(?:a|b)(?<n>c)|"), r"(?:a|b)(?:c)|");
    assert_eq!(
        translated(r"\x41\u0042\u{43}\cJ\0\t"),
        r"ABC\x{A}\x{0}\x{9}"
    );
    assert_eq!(translated(r"\uD83D\uDE00"), r"\x{1F600}");
    assert_eq!(
        translated(r"[\uD83D\uDE00-\u{1F64F}]"),
        r"[\x{1F600}-\x{1F64F}]"
    );
    assert_eq!(translated(r"\uD83D"), r"[^\x{0}-\x{10FFFF}]");
    assert_eq!(translated(r"[]"), r"[^\x{0}-\x{10FFFF}]");
    assert_eq!(translated(r"[^]"), r"[\x{0}-\x{10FFFF}]");
    assert_eq!(translated(r"[\s\S]"), r"[\x{0}-\x{10FFFF}]");
    assert_eq!(translated(r"[a-c-e]"), r"[\-a-ce]");
    assert_eq!(translated(r"[<>\]\\^]"), r"[<>\\-\^]");
    assert_eq!(translated(r"[\b]"), r"\x{8}");
    assert_eq!(translated(r"\/\.\*:"), r"/\.\*:");
    assert_eq!(translated("é😀"), r"\x{E9}\x{1F600}");
}

#[test]
fn translates_unicode_properties_to_explicit_ranges() {
    let t = translated(r"^[\p{L}\p{N}]+$");
    assert!(t.starts_with(r"\A[") && t.ends_with(r"]+\z"));
    assert!(!t.contains(r"\p"), "regex-lite has no \\p: {t}");
    let t = translated(r"\P{C}");
    assert!(t.starts_with('['));
}

#[test]
fn annex_b_patterns_use_the_legacy_grammar() {
    assert_eq!(dialect(r"^[a-zA-Z0-9\_\-:\/$]+$"), Ok(Dialect::Legacy));
    assert_eq!(dialect(r"^\p{L}$"), Ok(Dialect::Unicode));
    assert_eq!(
        translated(r"^[a-zA-Z0-9\_\-:\/$]+$"),
        r"\A[\$\-/-:A-Z_a-z]+\z"
    );
    // Without `u`, `{L}` and `]` are literals, `\8` is 8, `\1` without groups is octal,
    // `\c1` is a backslash then `c1`.
    assert_eq!(translated(r"\_{L}]"), r"_\{L\}\]");
    // `\p{..}` is meant as a property: never read as the literal `p{..}`.
    assert!(plan(r"\_\p{L}").is_err());
    assert!(plan(r"\p{NoSuchProperty}").is_err());
    assert_eq!(dialect(r"\_\\p{L}"), Ok(Dialect::Legacy));
    assert_eq!(translated(r"\_\8\1\101\0"), r"_8\x{1}A\x{0}");
    assert_eq!(translated(r"\_\c1"), r"_\\c1");
    assert_eq!(translated(r"\_[\c1\c_]"), r"_[\x{11}\x{1F}]");
    assert_eq!(translated(r"\_[\d-x]"), r"_[\-0-9x]");
    assert_eq!(translated(r"\_a{,5}"), r"_a\{,5\}");
}

#[test]
fn plans_lookarounds_pinned_to_an_end_as_linear_combinations() {
    let Ok(PatternPlan::LinearCombination { any_of }) = plan(r"^(?!aws:)[a-z:]+$") else {
        panic!("expected a combination");
    };
    assert_eq!(
        any_of,
        vec![vec![
            LinearTest {
                regex: r"\A[:a-z]+\z".to_owned(),
                must_match: true
            },
            LinearTest {
                regex: r"\A(?:aws:)".to_owned(),
                must_match: false
            },
        ]]
    );
    let Ok(PatternPlan::LinearCombination { any_of }) = plan(r"^[a-z.]*(?<!\.)$") else {
        panic!("expected a combination");
    };
    assert_eq!(any_of[0][1].regex, r"(?:\.)\z");
    // A lookaround inside a single-alternative group is still pinned by the `^` before it.
    assert!(matches!(
        plan(r"^(^(?!(system\x2e)))(^[_a-zA-Z0-9])([^$]*)$"),
        Ok(PatternPlan::LinearCombination { .. })
    ));
}

#[test]
fn plans_backtracking_only_when_needed() {
    let reason = |p: &str| match plan(p) {
        Ok(PatternPlan::Backtracking { reason, .. }) => reason,
        other => panic!("{p}: expected backtracking, got {other:?}"),
    };
    assert_eq!(reason(r"(a)\1"), BacktrackReason::Backreference);
    assert_eq!(reason(r"(?<x>a)\k<x>"), BacktrackReason::Backreference);
    assert_eq!(reason(r"a(?=b)"), BacktrackReason::Lookaround);
    assert_eq!(reason(r"^(?:(?!a)b|c)$"), BacktrackReason::Lookaround);
    assert!(matches!(
        reason(r"(?i:a)"),
        BacktrackReason::Untranslatable(_)
    ));
    assert!(matches!(
        reason(r"\_\uD83D"),
        BacktrackReason::Untranslatable(_)
    ));
    assert!(matches!(
        reason(r"a{4294967295}"),
        BacktrackReason::Untranslatable(_) | BacktrackReason::LinearEngineRejected(_)
    ));
    assert!(matches!(
        reason(r"(?:a{1000}){1000}"),
        BacktrackReason::LinearEngineRejected(_)
    ));
    let Ok(PatternPlan::Backtracking { flags, .. }) = plan(r"\_(a)\1") else {
        panic!("expected backtracking");
    };
    assert_eq!(flags, "");
}

#[test]
fn invalid_patterns_are_errors() {
    for bad in ["[", "(", "a**", "[z-a]", r"\", "(?<n>a)(?<n>b)"] {
        let error = plan(bad).unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("pattern "), "{text}");
        assert!(!text.ends_with('.'), "{text}");
        assert_eq!(error.pattern(), bad);
    }
}

#[test]
fn dollar_is_the_end_of_input_only() {
    assert_eq!(translated("a$"), r"a\z");
    let plan = plan("a$").unwrap();
    let compiled = runtime_pattern("a$", &plan);
    assert!(compiled.is_match("ba") && !compiled.is_match("a\n"));
}

#[test]
fn hostile_nested_quantifier_is_linear() {
    let pattern = "^([0-9]+)+$";
    let plan = plan(pattern).unwrap();
    assert!(matches!(plan, PatternPlan::Linear { .. }), "{plan:?}");
    let compiled = runtime_pattern(pattern, &plan);
    let input = format!("{}!", "0".repeat(10_000));
    let started = Instant::now();
    assert!(!compiled.is_match(&input));
    eprintln!(
        "^([0-9]+)+$ against 10000 digits and '!': {:?} (regex-lite, this build profile)",
        started.elapsed()
    );
    assert!(compiled.is_match(&"0".repeat(10_000)));
}
