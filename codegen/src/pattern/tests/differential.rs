//! Differential tests: the runtime `Pattern` of every linear plan against `regress` on
//! deterministic inputs, for tricky patterns and for the upstream models' patterns.

use super::runtime_pattern;
use crate::pattern::charset::CharSet;
use crate::pattern::parse::{self, Node};
use crate::pattern::{Dialect, PatternPlan, PatternProblem, dialect, plan};
use std::path::PathBuf;

/// Deterministic xorshift64* generator.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// ASCII (letters, digits, punctuation that AWS patterns use), line terminators, spaces
/// ECMA and Rust disagree on, letters with diacritics, CJK, astral characters.
const ALPHABET: &[char] = &[
    'a',
    'b',
    'c',
    'd',
    'e',
    'k',
    'p',
    's',
    'u',
    'w',
    'x',
    'z',
    'A',
    'B',
    'L',
    'Z',
    '0',
    '1',
    '2',
    '5',
    '7',
    '9',
    '-',
    '_',
    '.',
    ':',
    '/',
    '$',
    '@',
    '+',
    '=',
    '*',
    '!',
    '{',
    '}',
    '[',
    ']',
    '\\',
    '|',
    '(',
    ')',
    '\'',
    '"',
    ',',
    ' ',
    '\t',
    '\n',
    '\r',
    '\u{b}',
    '\u{c}',
    '\u{0}',
    '\u{8}',
    '\u{1f}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{ad}',
    '\u{2028}',
    '\u{2029}',
    '\u{200b}',
    '\u{202f}',
    '\u{3000}',
    '\u{feff}',
    'é',
    'ü',
    'ñ',
    'Ω',
    'ж',
    'ſ',
    'K',
    '٣',
    '中',
    '\u{1F600}',
    '\u{10348}',
    '\u{E000}',
    '\u{FFFF}',
    '\u{10FFFF}',
];

fn random_char(rng: &mut Rng) -> char {
    ALPHABET[rng.below(ALPHABET.len())]
}

fn sample_set(set: &CharSet, noisy: bool, rng: &mut Rng, out: &mut String) {
    if set.ranges().is_empty() || (noisy && rng.below(5) == 0) {
        out.push(random_char(rng));
        return;
    }
    let in_set: Vec<char> = ALPHABET
        .iter()
        .copied()
        .filter(|&c| set.contains(u32::from(c)))
        .collect();
    if !in_set.is_empty() && rng.below(2) == 0 {
        out.push(in_set[rng.below(in_set.len())]);
        return;
    }
    let (lo, hi) = set.ranges()[rng.below(set.ranges().len())];
    let c = lo + rng.below((hi - lo + 1) as usize) as u32;
    out.push(char::from_u32(c).unwrap_or('?'));
}

/// A string the pattern is likely to match: a walk of its syntax tree.
/// A string the pattern is likely to match: a walk of its syntax tree, which `noisy` makes
/// pick an arbitrary character now and then.
fn sample(node: &Node, noisy: bool, rng: &mut Rng, out: &mut String) {
    match node {
        Node::Set(set) => sample_set(set, noisy, rng, out),
        Node::Group { body, .. } | Node::Atomic(body) => sample(body, noisy, rng, out),
        Node::Look { body, .. } => {
            if rng.below(4) == 0 {
                sample(body, noisy, rng, out);
            }
        }
        Node::Concat(items) => items.iter().for_each(|item| sample(item, noisy, rng, out)),
        Node::Alt(alternatives) => sample(
            &alternatives[rng.below(alternatives.len())],
            noisy,
            rng,
            out,
        ),
        Node::Repeat { body, min, max, .. } => {
            let min = (*min as usize).min(70);
            let max = max.map_or(min + 4, |m| (m as usize).min(min + 4));
            for _ in 0..min + rng.below(max - min + 1) {
                sample(body, noisy, rng, out);
            }
        }
        Node::Start | Node::End | Node::WordBoundary { .. } | Node::Backreference(_) => {}
    }
}

fn mutate(input: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = input.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 => chars.insert(at, random_char(rng)),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = random_char(rng),
            _ => chars.push(random_char(rng)),
        }
    }
    chars.into_iter().collect()
}

/// Deterministic inputs for `pattern`: in turn a random string over [`ALPHABET`], a faithful
/// walk of the pattern, a faithful walk with one to three random edits, and a noisy walk
/// with random characters around it.
pub(super) fn inputs(pattern: &str, dialect: Dialect, rng: &mut Rng, count: usize) -> Vec<String> {
    let node = parse::parse(pattern, dialect).ok();
    let mut inputs = vec![String::new()];
    while inputs.len() < count {
        let kind = inputs.len() % 4;
        let generated = match &node {
            Some(node) if kind != 0 => {
                let mut s = String::new();
                if kind == 3 && rng.below(2) == 0 {
                    s.push(random_char(rng));
                }
                sample(node, kind == 3, rng, &mut s);
                if kind == 3 && rng.below(2) == 0 {
                    s.push(random_char(rng));
                }
                if kind == 2 { mutate(&s, rng) } else { s }
            }
            _ => (0..rng.below(16)).map(|_| random_char(rng)).collect(),
        };
        inputs.push(generated);
    }
    inputs
}

/// Patterns exercising ECMA-262 corners; each is planned and compared against `regress`.
/// (Annex B patterns that Java reads too are read as Java: they are in `java::CASES`.)
const TRICKY: &[&str] = &[
    r"^\s+$",
    r"\S",
    r"^\w+$",
    r"\W",
    r"^\d+$",
    r"\D",
    r"^.$",
    r"^.*$",
    r"^.+$",
    r"a$",
    r"^$",
    r"^a",
    r"\ba",
    r"a\b",
    r"\Bb\B",
    r"\b\B",
    r"^[^]$",
    r"[]",
    r"^[]*$",
    r"^[\s\S]$",
    r"\u00A0",
    r"\u{1F600}",
    r"^\uD83D\uDE00$",
    r"^[\uD83D\uDE00]$",
    r"[\uD800-\uDFFF]",
    r"^[\u0000-\uFFFF]*$",
    r"\x41",
    r"\cJ",
    r"[\cj]",
    r"\0",
    r"a{2,3}?",
    r"a{2,}",
    r"^a{0}$",
    r"(a|b)*c",
    r"(?<name>x)y",
    r"(?:)",
    r"a|",
    r"|",
    r"^(|a)+$",
    r"^([0-9]+)+$",
    r"^(a+)+b$",
    r"^(a|aa)*$",
    r"\p{L}+",
    r"^\P{L}$",
    r"^[\p{Lu}\p{Nd}]+$",
    r"\p{Script=Greek}",
    r"^[^\p{L}\d]+$",
    r"^[\W\d]+$",
    r"^[^\W]+$",
    r"[^\S\n]",
    r"^(?!a)b",
    r"^(?=a)",
    r"(?<!a)$",
    r"^(?<=a)",
    r"^(?<!a)b",
    r"$(?=a)",
    r"a$(?!b)",
    r"(?=a)^a",
    r"^(?!.*\n)",
    r"^(?!.*\d$).*$|^7",
    r"(?!a)",
    r"a(?=b)",
    r"(a)\1",
    r"(?<x>.)\k<x>",
    r"\_a{",
    r"\_a{,5}",
    r"\_[\1]",
    r"\_\c",
    r"\_\u{2}",
    r"\_\x4",
    r"\_\k",
    r"^[\x20-\x7E]*$",
    r"\t\n\v\f\r",
    r"[\b]",
    r"\/",
    r"[a-z-9]+",
    r"[--0]",
    r"$^",
    r"^^a$$",
    r"(?:^a|b$)",
    r"(^a|b)+$",
    r"x*$",
    r"^$|^a",
    r"(?:a|^)+b",
    r"[a-c-e]",
    r"^[\d-]+$",
    r"^[-\w]+$",
    r"[\u{10000}-\u{10FFFF}]",
    r"^\S+@\S+$",
    r"(?:\d{3}-)?\d{4}",
    r"^[^\n\r\u2028\u2029]*$",
    r"[\s\u{1F600}]",
    r"\s\S\s",
    r"^(a|b|)+$",
    r"^\b$",
    r"\B",
    r"^(?:\b[a-z]+\b ?)+$",
    r"^a{1,3}b{2}$",
    r"[\^]",
    r"^\^+$",
    r"\$\(\)\[\]\{\}\|",
    r"[.*+?]",
    r"\u00e9|e\u0301",
    r"[é-ü]",
    r"^[ -~]+$",
    r"[\]]",
    r"[a\-z]",
    r"[\-]",
    r"[^-]",
    r"[-]",
    r"\\",
    r"[\\]",
    r"\_a{3}{",
    r"\_{",
    r"\_[\k]",
    r"\u{10FFFF}",
    r"^[\u{0}-\u{10FFFF}]$",
    r"^(?:a|b|c){2,3}$",
    r"^(a*)*b$",
    r"^(a?){3}$",
    r"^(?:)+$",
    r"^(|)+x$",
    r"^[\d\D]{3}$",
    r"(?<=^a)b",
    r"^(?=.{3})[a-z]+$",
    r"^(?!.*--)[a-z-]+$",
    r"[\cA-\cZ]",
    r"\cz",
    r"[\0-\x1F]",
    r"\_[\0-\07]",
    r"\p{Lu}",
    r"\p{General_Category=Decimal_Number}",
    r"\p{sc=Latn}",
    r"^\p{ASCII}+$",
    r"\P{Any}",
    r"^\p{Assigned}$",
    r"\p{White_Space}",
    r"^[^\d\s]$",
    r"^(?:\s|\S)$",
    r"\W\b\w",
    r"^(?:a(?:b(?:c)?)?)?$",
];

/// The upstream models folder named by `UPSTREAM_MODELS` (the tests that call it are ignored
/// without it: `cfg(upstream_models)`, see `codegen/build.rs`).
fn find_models() -> PathBuf {
    let dir =
        PathBuf::from(std::env::var_os("UPSTREAM_MODELS").expect("UPSTREAM_MODELS is not set"));
    assert!(
        dir.join("lambda-2015-03-31.json").is_file(),
        "UPSTREAM_MODELS={} holds no lambda-2015-03-31.json",
        dir.display()
    );
    dir
}

fn collect_patterns(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("smithy.api#pattern", serde_json::Value::String(p)) => out.push(p.clone()),
                    _ => collect_patterns(value, out),
                }
            }
        }
        serde_json::Value::Array(items) => {
            items.iter().for_each(|item| collect_patterns(item, out))
        }
        _ => {}
    }
}

/// Every `smithy.api#pattern` of the surveyed models, with the count per model.
/// Distinct patterns, and the number of pattern traits per model file.
type Survey = (Vec<String>, Vec<(&'static str, usize)>);

fn upstream_patterns() -> Survey {
    let dir = find_models();
    let mut all = Vec::new();
    let mut counts = Vec::new();
    for file in [
        "connect-2017-08-08.json",
        "connectparticipant-2018-09-07.json",
        "lambda-2015-03-31.json",
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut found = Vec::new();
        collect_patterns(&json, &mut found);
        counts.push((file, found.len()));
        all.extend(found);
    }
    all.sort();
    all.dedup();
    (all, counts)
}

#[test]
#[cfg_attr(
    not(upstream_models),
    ignore = "needs UPSTREAM_MODELS, the folder of the upstream AWS models (.ci/run sets it)"
)]
fn upstream_patterns_all_plan_linear() {
    let (patterns, counts) = upstream_patterns();
    eprintln!(
        "pattern traits per model: {counts:?}; distinct: {}",
        patterns.len()
    );
    let mut linear = 0;
    let mut combined = Vec::new();
    let mut legacy = Vec::new();
    let mut never = Vec::new();
    for pattern in &patterns {
        match plan(pattern) {
            Ok(PatternPlan::Linear { .. }) => linear += 1,
            Ok(PatternPlan::LinearCombination { .. }) => combined.push(pattern),
            Err(e) if e.problem() == PatternProblem::NeverMatches => never.push(pattern),
            other => panic!("{pattern}: {other:?}"),
        }
        if dialect(pattern).unwrap() != Dialect::Unicode {
            legacy.push(pattern);
        }
    }
    // The Connect models' `^/^(?=.*[a-z])..$/$` (a JavaScript regex literal inside a pattern)
    // can never match.
    assert_eq!(never.len(), 1, "{never:?}");
    eprintln!(
        "linear: {linear}; lookarounds decomposed: {combined:#?}; not valid with u: {legacy:#?}; \
         never matching: {never:?}"
    );
}

/// Compares the runtime `Pattern` of every linear plan with `regress` on `per_pattern`
/// deterministic inputs each; returns (linear patterns, inputs compared, matches).
fn differential(patterns: &[String], seed: u64, per_pattern: usize) -> (usize, usize, usize) {
    let mut rng = Rng(seed);
    let (mut compared, mut matched, mut linear_patterns) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for pattern in patterns {
        let dialect = dialect(pattern).unwrap();
        // regress reads no Java syntax; a Java pattern that Annex B reads too (such as
        // `^[a-z\_]+$`) has the same meaning in both unless it uses one of the constructs
        // `java::CASES` covers, which these pattern lists avoid.
        let flags = if dialect == Dialect::Java {
            ""
        } else {
            dialect.flags()
        };
        let oracle = regress::Regex::with_flags(pattern, flags)
            .unwrap_or_else(|e| panic!("{pattern}: no ECMA-262 oracle ({e}); test it in java.rs"));
        let plan = match plan(pattern) {
            Ok(plan) => plan,
            Err(e) => {
                assert_eq!(e.problem(), PatternProblem::NeverMatches, "{e}");
                for input in inputs(pattern, dialect, &mut rng, per_pattern) {
                    assert!(
                        oracle.find(&input).is_none(),
                        "{pattern:?} matches {input:?}"
                    );
                }
                continue;
            }
        };
        if !plan.needs_linear_engine() {
            continue;
        }
        linear_patterns += 1;
        let compiled = runtime_pattern(pattern, &plan);
        assert!(compiled.is_compiled(), "{pattern}");
        let mut matched_here = 0;
        for input in inputs(pattern, dialect, &mut rng, per_pattern) {
            let expected = oracle.find(&input).is_some();
            compared += 1;
            matched_here += usize::from(expected);
            if compiled.is_match(&input) != expected && failures.len() < 20 {
                failures.push(format!("{pattern:?} on {input:?}: regress says {expected}"));
            }
        }
        if matched_here == 0 || matched_here == per_pattern {
            eprintln!("{pattern:?}: every input gave {}", matched_here > 0);
        }
        matched += matched_here;
    }
    assert!(failures.is_empty(), "{failures:#?}");
    (linear_patterns, compared, matched)
}

#[test]
#[cfg_attr(
    not(upstream_models),
    ignore = "needs UPSTREAM_MODELS, the folder of the upstream AWS models (.ci/run sets it)"
)]
fn differential_upstream_patterns_agree_with_regress() {
    let (patterns, _) = upstream_patterns();
    let (linear, compared, matched) = differential(&patterns, 0x9E37_79B9_7F4A_7C15, 1500);
    assert_eq!(linear, patterns.len() - 1, "all but the never matching one");
    eprintln!("differential, upstream: {linear} patterns, {compared} inputs, {matched} matched");
}

#[test]
fn differential_tricky_patterns_agree_with_regress() {
    let patterns: Vec<String> = TRICKY.iter().map(|p| (*p).to_owned()).collect();
    let (linear, compared, matched) = differential(&patterns, 0xD1B5_4A32_D192_ED03, 1500);
    eprintln!(
        "differential, tricky: {linear} of {} patterns planned linear, {compared} inputs, \
         {matched} matched",
        patterns.len()
    );
}
