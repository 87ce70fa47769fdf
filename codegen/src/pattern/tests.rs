//! Tests of planning and translation through [`plan`], evaluated with the runtime crate's
//! `Pattern` as generated crates evaluate them; `differential` compares linear plans with
//! `regress`.

mod differential;
mod java;

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
        PatternPlan::Backtracking {
            translated: Some(translated),
            ..
        } => Pattern::backtracking_translated(source, translated),
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
    assert_eq!(translated(r"(?:[]|a)"), r"(?:[^\x{0}-\x{10FFFF}]|a)");
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
fn patterns_invalid_with_u_are_java_then_annex_b() {
    // Valid with `u`: ECMA-262, whatever Java says.
    assert_eq!(dialect(r"^\p{L}$"), Ok(Dialect::Unicode));
    assert_eq!(dialect(r"^[a-z]+(a|b)\1$"), Ok(Dialect::Unicode));
    // Invalid with `u` (`\_`) but valid in Java, which reads it as Annex B does.
    assert_eq!(dialect(r"^[a-zA-Z0-9\_\-:\/$]+$"), Ok(Dialect::Java));
    assert_eq!(
        translated(r"^[a-zA-Z0-9\_\-:\/$]+$"),
        r"\A[\$\-/-:A-Z_a-z]+\z"
    );
    // Where the two differ, Java's reading is the one AWS tooling checked: `\A` and `\z` are
    // anchors (Annex B: the letters), `\c1` is `q` (Annex B: `\c1`), `\x{60}` a backquote.
    assert_eq!(translated(r"^\A[a-z_]+\z$"), r"\A\A[_a-z]+\z\z");
    assert_eq!(translated(r"\_\c1[\c1\c_]"), r"_q[\x{1F}q]");
    assert_eq!(translated(r"[\w\x{60}-]"), r"[\-0-9A-Z_-z]");
    // A property escape Java reads is never the literal `p{..}`.
    assert_eq!(translated(r"\_\p{Lu}"), translated(r"_\p{Lu}"));
    assert!(plan(r"\p{NoSuchProperty}").is_err());
    // What Java rejects falls back to Annex B: `{L}` and `]` are literals, `\8` is 8, `\1`
    // without groups is octal, `\0` is NUL.
    assert_eq!(translated(r"\_{L}]"), r"_\{L\}\]");
    assert_eq!(dialect(r"\_\\p{L}"), Ok(Dialect::Legacy));
    assert_eq!(translated(r"\_\8\1\101\0"), r"_8\x{1}A\x{0}");
    assert_eq!(translated(r"\_\0[\d-x]"), r"_\x{0}[\-0-9x]");
    assert_eq!(translated(r"\_a{,5}"), r"_a\{,5\}");
}

#[test]
fn never_matching_and_unsupported_patterns_are_errors() {
    let problem = |p: &str| plan(p).map_err(|e| e.problem());
    for never in [
        r"^\P{C}*$}$",
        r"[]",
        r"\uD83D",
        r"a^",
        r"$a",
        r"/^[0-9]{12}$/",
        r"$(?=a)",
    ] {
        assert_eq!(problem(never), Err(PatternProblem::NeverMatches), "{never}");
    }
    assert_eq!(
        plan(r"^\P{C}*$}$").unwrap_err().to_string(),
        r#"pattern "^\\P{C}*$}$" can never match any string"#
    );
    // Conservative: what the analysis cannot see is left to the engines.
    assert!(plan(r"\b\B").is_ok() && plan(r"^a*+a").is_ok());
    for unsupported in [
        r"\p{InGreek}",
        r"(?x)a b",
        r"\R",
        r"(?u)\w",
        r"\p{javaLowerCase}",
    ] {
        assert_eq!(
            problem(unsupported),
            Err(PatternProblem::Unsupported),
            "{unsupported}"
        );
    }
    assert_eq!(
        plan(r"a\Rb").unwrap_err().to_string(),
        r#"pattern "a\\Rb" uses Java regular expression syntax the generator does not translate: \R at offset 1"#
    );
}

#[test]
fn java_constructs_plan_linear_where_they_allow() {
    assert_eq!(translated(r"^(?s)a."), r"\Aa[\x{0}-\x{10FFFF}]");
    assert_eq!(translated(r"(?i)k[^b]"), r"[Kk][^Bb]");
    assert_eq!(translated(r"\p{XDigit}{8}"), r"[0-9A-Fa-f]{8}");
    assert_eq!(
        translated(r"^[0-9a-z]{11}{0,1011}$"),
        r"\A[0-9a-z]{11}(?:){0,1011}\z"
    );
    assert_eq!(translated(r"^=${1,4096}$"), r"\A=\z\z");
    assert_eq!(translated(r"^[a-z]++[0-9]*+$"), r"\A[a-z]+[0-9]*\z");
    assert_eq!(translated(r"[a-z&&[^aeiou]]"), r"[b-df-hj-np-tv-z]");
    // The EFS model's quantified lookahead is folded into the class after it.
    assert_eq!(
        translated(r"^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$"),
        r"\A(?:/|(?:/[^\x{A}\#\$\&\*\./;<>\?\^`\{-\}][^\x{A}\#\$\&\*/;<>\?\^`\{-\}]*){1,4})\z"
    );
    // A possessive quantifier that can change the answer, `\Z` and `(?m)` need lookarounds.
    let reason = |p: &str| match plan(p) {
        Ok(PatternPlan::Backtracking {
            reason, translated, ..
        }) => (reason, translated),
        other => panic!("{p}: expected backtracking, got {other:?}"),
    };
    assert_eq!(
        reason(r"^a*+a"),
        (
            BacktrackReason::Atomic,
            Some(r"^(?=((?:[a]){0,}))\1(?:)[a]".to_owned())
        )
    );
    assert_eq!(reason(r"\Aa\Z").0, BacktrackReason::Lookaround);
    assert_eq!(reason(r"(?m)^a$").0, BacktrackReason::Lookaround);
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
    assert_eq!(reason(r"^(?:(?!ab)b|c)$"), BacktrackReason::Lookaround);
    assert!(matches!(
        reason(r"\_\u{2}"),
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
    let Ok(PatternPlan::Backtracking {
        flags, translated, ..
    }) = plan(r"\_a{,5}(a)\1")
    else {
        panic!("expected backtracking");
    };
    assert_eq!((flags, translated), ("", None));
}

#[test]
fn invalid_patterns_are_errors() {
    for bad in ["[", "(", "a**", "[z-a]", r"\", "(?<n>a)(?<n>b)"] {
        let error = plan(bad).unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("pattern "), "{text}");
        assert!(!text.ends_with('.'), "{text}");
        assert_eq!(error.pattern(), bad);
        assert_eq!(error.problem(), PatternProblem::Invalid);
    }
    assert_eq!(
        plan("a**").unwrap_err().to_string(),
        r#"pattern "a**" is neither a valid ECMA-262 nor a valid Java regular expression: invalid atom character (ECMA-262); nothing to repeat at offset 2 (Java)"#
    );
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
