//! The Java dialect against two oracles. `regress` reads no Java syntax, so:
//!
//! * **Java itself**: `java_oracle.txt` holds what `java.util.regex` (`Matcher.find`) says of
//!   deterministic inputs for every pattern of [`CASES`]; `JavaOracle.java` wrote it. Every
//!   plan must agree with Java on every input, except for the cases marked as diverging on
//!   purpose (a construct both dialects have, where ECMA-262's meaning was chosen; see the
//!   module docs of [`crate::pattern`]), which must disagree on some input, so the mark cannot
//!   go stale.
//! * **An ECMA-262 equivalent** written by hand under the chosen semantics, where there is one:
//!   `regress` on it must agree with the plan on the same inputs and on more random ones.
//!
//! The request (patterns and inputs) is generated here; when [`CASES`] or the input generator
//! changes, the test fails until the table is regenerated with a JDK whose Unicode tables are
//! those of `regress` (Java 25 and `regress` 0.12 both have Unicode 16), `java` on the `PATH`
//! or named by `JAVA`:
//! `JAVA_ORACLE=regenerate JAVA=/path/to/jdk-25/bin/java cargo test -p codegen --lib java_patterns`.
//!
//! The patterns ECMA-262 also reads with `u` (`(a|b)\1`) are read as ECMA-262, and checked
//! against Java all the same: the two agree on them.

use super::differential::{Rng, inputs};
use super::runtime_pattern;
use crate::pattern::{Dialect, PatternProblem, dialect, plan};
use std::path::PathBuf;

/// A Java pattern, its ECMA-262 (`u`) equivalent under the chosen semantics, and why it
/// diverges from Java on purpose.
struct Case {
    pattern: &'static str,
    ecma: Option<&'static str>,
    diverges: Option<&'static str>,
}

const fn case(pattern: &'static str, ecma: &'static str) -> Case {
    Case {
        pattern,
        ecma: Some(ecma),
        diverges: None,
    }
}

const fn java_only(pattern: &'static str) -> Case {
    Case {
        pattern,
        ecma: None,
        diverges: None,
    }
}

const fn diverging(pattern: &'static str, ecma: &'static str, why: &'static str) -> Case {
    Case {
        pattern,
        ecma: Some(ecma),
        diverges: Some(why),
    }
}

const ECMA_DOLLAR: &str =
    "`$` is the end of the input only (Java: also before a final line terminator)";

const CASES: &[Case] = &[
    // Inline flags.
    case(r"^(?s)", r"^"),
    case(r"(?s)a.b", r"a[^]b"),
    case(r"^(?s:a.)b.$", r"^a[^]b.$"),
    case(r"(?d)a.b", r"a[^\n]b"),
    case(r"(?i)^[a-c]x\z", r"^[a-cA-C][xX]$"),
    case(r"(?i)[^k]", r"[^kK]"),
    case(r"(?i)é|ſ|\u212A", r"é|ſ|\u212A"),
    case(r"a(?i)b|c", r"a[bB]|[cC]"),
    case(r"(a(?i)b)c", r"(a[bB])c"),
    case(r"(?i:a)b", r"[aA]b"),
    case(r"(?i)(?-i:a)b", r"a[bB]"),
    java_only(r"(?i)^\p{Lower}+\z"),
    java_only(r"(?i)\p{Lu}"),
    java_only(r"(?i)\P{Ll}"),
    java_only(r"(?m)^a$"),
    java_only(r"(?m)^$"),
    java_only(r"(?m)a$\n^b"),
    java_only(r"(?m)(?d)^a$"),
    // POSIX classes (US-ASCII).
    case(
        r"^\p{XDigit}{8}-\p{XDigit}{4}-\p{XDigit}{4}\z",
        r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}$",
    ),
    case(r"^\p{Alnum}+\z", r"^[0-9a-zA-Z]+$"),
    case(r"^\p{Punct}+\z", r"^[!-\/:-@\[-`{-~]+$"),
    case(r"\p{Blank}", r"[ \t]"),
    case(r"^\p{Graph}\p{Print}\z", r"^[!-~][ -~]$"),
    case(r"\p{Upper}\p{Lower}", r"[A-Z][a-z]"),
    case(r"^\p{Alpha}\z", r"^[A-Za-z]$"),
    case(r"\p{Digit}\p{Cntrl}", r"[0-9][\0-\x1F\x7F]"),
    case(r"\p{Space}", r"[\t-\r ]"),
    case(r"^\p{ASCII}*\z", r"^[\0-\x7F]*$"),
    case(r"\P{Alnum}", r"[^0-9a-zA-Z]"),
    case(r"^[^\p{Punct}a]\z", r"^[^!-\/:-@\[-`{-~a]$"),
    // Java's property names.
    case(r"\p{IsWhitespace}", r"\p{White_Space}"),
    case(r"\p{IsAlphabetic}", r"\p{Alphabetic}"),
    case(r"^[\p{all}]*\z", r"^[^]*$"),
    case(r"\pL\p{IsLu}\p{gc=Nd}", r"\p{L}\p{Lu}\p{Nd}"),
    case(
        r"\p{IsLatin}|\p{sc=Greek}",
        r"\p{Script=Latin}|\p{Script=Greek}",
    ),
    case(
        r"^[^\p{C}\p{IsWhitespace}]+\z",
        r"^[^\p{C}\p{White_Space}]+$",
    ),
    diverging(
        r#"^$|^[0-9\p{IsAlphabetic}+:,.@'" -]*$"#,
        r#"^$|^[0-9\p{Alphabetic}+:,.@'" -]*$"#,
        ECMA_DOLLAR,
    ),
    // \A, \z, \Z.
    case(r"^\A[a-zA-Z0-9_]+\z$", r"^[a-zA-Z0-9_]+$"),
    java_only(r"\Aab\Z"),
    java_only(r"a\Z"),
    java_only(r"a\r\Z"),
    java_only(r"(?d)a\Z"),
    java_only(r"a\Z\n"),
    // Possessive quantifiers and atomic groups.
    java_only(r"^a*+a"),
    case(r"^[a-z]++[0-9]\z", r"^[a-z]+[0-9]$"),
    java_only(r"^x?+x\z"),
    java_only(r"(?:ab)*+a"),
    java_only(r"^[a-z]*+\b"),
    case(r"a{2,3}+b", r"a{2,3}b"),
    java_only(r"(?>a|ab)c"),
    java_only(r"^(?>[a-z]*)[a-z0-9]\z"),
    // Stacked quantifiers: the second repeats the empty string.
    case(
        r"^arn:[a-z]+:rule/[0-9a-zA-Z]{11}{0,1011}\z",
        r"^arn:[a-z]+:rule\/[0-9a-zA-Z]{11}$",
    ),
    case(r"^x{2}{3}\z", r"^x{2}$"),
    case(r"^a+{2}\z", r"^a+$"),
    case(r"{3}a", r"a"),
    // Quantified assertions.
    // (`=[^=]` matches wherever `={3,}$` would match before a final line terminator.)
    case(
        r"^[^-A-Za-z0-9+/=]|=[^=]|={3,}${1,4096}$",
        r"^[^\-A-Za-z0-9+\/=]|=[^=]|={3,}$$",
    ),
    case(r"^a${2,64}\z", r"^a$"),
    case(r"^*a", r"a"),
    case(r"\A\b+a\b{0}", r"^\ba"),
    case(r"(?=a)+a", r"a"),
    case(r"x(?<=x)*y", r"xy"),
    // A literal after `$`: never matches.
    java_only(r"^\P{C}*$}$"),
    // Quantified lookahead (the EFS model).
    diverging(
        r"^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$",
        r"^(\/|(\/(?!\.)[^$#<>;`|&?{}^*\/\n]+){1,4})$",
        ECMA_DOLLAR,
    ),
    // Classes and escapes.
    case(r"[a-z&&[^aeiou]]", r"[b-df-hj-np-tv-z]"),
    case(r"[a[b]]c", r"[ab]c"),
    case(r"[^a[b]]", r"[^ab]"),
    case(r"[]a]", r"[\]a]"),
    case(r"[\d-z]", r"[\d\-z]"),
    case(r"[\w&&\d]x", r"\dx"),
    case(r"[a-c&&[b]d]", r"b"),
    case(r"\x{60}\x41", r"`A"),
    case(r"^\Qa.b\E+\z", r"^a\.b+$"),
    case(
        r"\h\H",
        r"[\t \xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000][^\t \xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000]",
    ),
    case(r"\e\a\0101\cA", r"\x1B\x07A\x01"),
    case(r"\uD83D\uDE00|\u00E9", r"\u{1F600}|é"),
    case(
        r"^([\w!$&()*+,./:;=?@\x{60}-]|%([\dA-Fa-f]{2}))+\z",
        r"^([\w!$&()*+,.\/:;=?@`\-]|%([\dA-Fa-f]{2}))+$",
    ),
    // Backreferences.
    case(r"(a|b)\1", r"(a|b)\1"),
    case(r"(?<n>[ab])\k<n>", r"(?<n>[ab])\k<n>"),
    case(
        r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10",
        r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10",
    ),
    case(r"(a)\11", r"(a)\1(?:)1"),
    java_only(r"\8"),
    // Constructs Annex B and Java both read, where Java's reading is taken.
    case(r"\_[\c1]", r"_q"),
    case(r"\_\c1", r"_q"),
    case(r"\_\0123\0400", r"_S\x200"),
    case(r"\_[\_]\_]\_}", r"___\]_\}"),
    case(r"\_\u0041\x41\B\b", r"_AA\B\b"),
    case(r"\_\a\e\z", r"_\x07\x1B$"),
    case(r"\_[\c_][\d-x]", r"_\x1F[\d\-x]"),
    case(r"\_(?=a)*b", r"_b"),
    case(r"(?i:a)b", r"[aA]b"),
    java_only(r"\_\1"),
    java_only(r"(a)\_\2"),
    java_only(r"\_\1(a)"),
    // Shared constructs where ECMA-262's meaning was chosen.
    diverging(r"^[a-z]+$", r"^[a-z]+$", ECMA_DOLLAR),
    diverging(
        r"\_^.$",
        r"_^.$",
        "`.` excludes only ECMA-262's line terminators (Java: U+0085 too)",
    ),
    diverging(
        r"\_\s",
        r"_\s",
        "`\\s` is ECMA-262's Unicode set (Java: ASCII whitespace)",
    ),
    // Patterns Java rejects: read in the Annex B grammar instead.
    java_only(r"\_a{,5}"),
    java_only(r"a{"),
    java_only(r"\0"),
];

/// The inputs tried on every case: a few fixed ones for line terminators, then the
/// differential generator's.
fn case_inputs(pattern: &str, rng: &mut Rng) -> Vec<String> {
    let fixed = [
        "", "a", "a\n", "a\r\n", "a\r", "a\u{85}", "\n", "ab", "abc1", "===\n", "/x\n", "ab\n",
    ];
    let mut all: Vec<String> = fixed.iter().map(|s| (*s).to_owned()).collect();
    let grammar = if dialect(pattern) == Ok(Dialect::Java) {
        Dialect::Java
    } else {
        Dialect::Legacy
    };
    all.extend(inputs(pattern, grammar, rng, 40));
    all
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\u{{{:X}}}", u32::from(c))),
        }
    }
    out
}

fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('\\') {
            out.push('\\');
            rest = tail;
        } else {
            let end = after.find('}').unwrap();
            let code = u32::from_str_radix(&after[2..end], 16).unwrap();
            out.push(char::from_u32(code).unwrap());
            rest = &after[end + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn request() -> String {
    let mut rng = Rng(0x005E_ED0F_1A7A);
    let mut out = String::new();
    for case in CASES {
        out.push_str(&format!("P\t{}\n", escape(case.pattern)));
        for input in case_inputs(case.pattern, &mut rng) {
            out.push_str(&format!("I\t{}\n", escape(&input)));
        }
    }
    out
}

fn table_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/pattern/tests/java_oracle.txt")
}

/// Java's verdict per pattern: `Err(message)` when it rejects it, else the inputs, whether
/// each has a match, and the input's code points Java's Unicode tables leave unassigned.
type Verdicts = Vec<(String, Result<Vec<(String, bool, Vec<u32>)>, String>)>;

/// Whether Java and `regress` agree on which code points of `input` are unassigned: where
/// their Unicode versions differ, they may rightly disagree on a property.
fn same_unicode(input: &str, java_unassigned: &[u32]) -> bool {
    let unassigned = crate::pattern::charset::property_set("Cn").unwrap();
    let ours: Vec<u32> = input
        .chars()
        .map(u32::from)
        .filter(|&c| unassigned.contains(c))
        .collect();
    ours == java_unassigned
}

fn read_table(text: &str) -> Verdicts {
    let mut verdicts: Verdicts = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[0] {
            "P" => verdicts.push((unescape(fields[1]), Ok(Vec::new()))),
            "E" => verdicts.last_mut().unwrap().1 = Err(unescape(fields[1])),
            "I" => {
                if let Ok(rows) = &mut verdicts.last_mut().unwrap().1 {
                    let unassigned = fields[3]
                        .split(',')
                        .filter(|c| !c.is_empty())
                        .map(|c| u32::from_str_radix(c, 16).unwrap())
                        .collect();
                    rows.push((unescape(fields[1]), fields[2] == "1", unassigned));
                }
            }
            other => panic!("unexpected line kind {other:?}"),
        }
    }
    verdicts
}

fn regenerate() {
    let request_path = std::env::temp_dir().join("codegen-java-oracle-request.txt");
    std::fs::write(&request_path, request()).unwrap();
    let program = table_path().with_file_name("JavaOracle.java");
    let java = std::env::var("JAVA").unwrap_or_else(|_| "java".to_owned());
    let output = std::process::Command::new(java)
        .arg(&program)
        .arg(&request_path)
        .output()
        .expect("running java");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(table_path(), output.stdout).unwrap();
}

#[test]
fn java_patterns_agree_with_java() {
    if std::env::var("JAVA_ORACLE").as_deref() == Ok("regenerate") {
        regenerate();
    }
    let table = std::fs::read_to_string(table_path()).unwrap();
    let verdicts = read_table(&table);
    let expected_request: Vec<String> = read_table(
        &request()
            .lines()
            .map(|l| {
                if l.starts_with("I\t") {
                    format!("{l}\t0\t\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect::<String>(),
    )
    .into_iter()
    .map(|(p, _)| p)
    .collect();
    let patterns: Vec<&String> = verdicts.iter().map(|(p, _)| p).collect();
    assert_eq!(
        patterns.len(),
        expected_request.len(),
        "java_oracle.txt is stale: JAVA_ORACLE=regenerate cargo test -p codegen --lib java_patterns"
    );
    let mut failures = Vec::new();
    for (case, (pattern, verdict)) in CASES.iter().zip(&verdicts) {
        assert_eq!(
            case.pattern, pattern,
            "java_oracle.txt is stale: regenerate it"
        );
        let rows = match verdict {
            Err(message) => {
                assert_ne!(
                    dialect(pattern),
                    Ok(Dialect::Java),
                    "{pattern}: Java says {message}"
                );
                continue;
            }
            Ok(rows) => rows,
        };
        // What Java accepts is read as Java, or as ECMA-262 with `u` where that grammar takes it.
        if !matches!(dialect(pattern), Ok(Dialect::Java | Dialect::Unicode)) {
            failures.push(format!("{pattern:?} is read as {:?}", dialect(pattern)));
            continue;
        }
        let compiled = match plan(pattern) {
            Ok(plan) => runtime_pattern(pattern, &plan),
            Err(e) => {
                assert_eq!(e.problem(), PatternProblem::NeverMatches, "{e}");
                assert!(
                    rows.iter().all(|(_, found, _)| !found),
                    "{pattern} matches in Java"
                );
                continue;
            }
        };
        let disagreements: Vec<&String> = rows
            .iter()
            .filter(|(input, found, java_unassigned)| {
                same_unicode(input, java_unassigned) && compiled.is_match(input) != *found
            })
            .map(|(input, ..)| input)
            .collect();
        match case.diverges {
            None if !disagreements.is_empty() => failures.push(format!(
                "{pattern:?} disagrees with Java on {disagreements:?}"
            )),
            Some(why) if disagreements.is_empty() => failures.push(format!(
                "{pattern:?} is marked as diverging ({why}) but agrees with Java everywhere"
            )),
            _ => {}
        }
        if let Some(ecma) = case.ecma {
            let oracle = regress::Regex::with_flags(ecma, "u").unwrap();
            let mut rng = Rng(0xECAA_0001);
            let more = case_inputs(pattern, &mut rng);
            for input in rows.iter().map(|(i, ..)| i).chain(&more) {
                if compiled.is_match(input) != oracle.find(input).is_some() {
                    failures.push(format!("{pattern:?} disagrees with {ecma:?} on {input:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
