//! The character sets of Java's `java.util.regex` that ECMA-262 lacks: its POSIX classes, its
//! spellings of Unicode properties (`\p{IsAlphabetic}`, `\pL`, `\p{gc=Lu}`), `\h`, and the case
//! folding of its `(?i)` flag. Unicode property sets come from `regress` (see
//! [`property_set`]), so a Java property and its ECMA-262 twin are the same set.

use super::charset::{CharSet, MAX_CODE_POINT, property_set};

/// Why a `\p{..}` name was not resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PropertyError {
    /// A name Java rejects.
    Unknown(String),
    /// A name Java accepts whose set this generator does not know (blocks, `java*` methods).
    Unsupported(String),
}

fn set_of(ranges: &[(u32, u32)]) -> CharSet {
    CharSet::from_ranges(ranges.to_vec())
}

/// Java's POSIX classes (US-ASCII only, Java's default without `(?U)`), by name as Java spells
/// them (case-sensitive).
pub(super) fn posix_set(name: &str) -> Option<CharSet> {
    const PUNCT: &[(u32, u32)] = &[(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)];
    Some(match name {
        "Lower" => set_of(&[(0x61, 0x7A)]),
        "Upper" => set_of(&[(0x41, 0x5A)]),
        "ASCII" => set_of(&[(0, 0x7F)]),
        "Alpha" => set_of(&[(0x41, 0x5A), (0x61, 0x7A)]),
        "Digit" => set_of(&[(0x30, 0x39)]),
        "Alnum" => set_of(&[(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)]),
        "Punct" => set_of(PUNCT),
        "Graph" => set_of(&[(0x21, 0x7E)]),
        "Print" => set_of(&[(0x20, 0x7E)]),
        "Blank" => set_of(&[(0x09, 0x09), (0x20, 0x20)]),
        "Cntrl" => set_of(&[(0, 0x1F), (0x7F, 0x7F)]),
        "XDigit" => set_of(&[(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)]),
        "Space" => set_of(&[(0x09, 0x0D), (0x20, 0x20)]),
        _ => return None,
    })
}

/// The POSIX class names that are also ECMA-262 property names (`Alpha` is `Alphabetic`,
/// `Upper` is `Uppercase`, `Lower` is `Lowercase`); a pattern naming one is read as Java.
pub(super) const POSIX_NAMES_ECMA_ALSO_HAS: &[&str] = &["Alpha", "Upper", "Lower"];

/// Java's `\h`: horizontal whitespace.
pub(super) fn horizontal_space_set() -> CharSet {
    set_of(&[
        (0x09, 0x09),
        (0x20, 0x20),
        (0xA0, 0xA0),
        (0x1680, 0x1680),
        (0x180E, 0x180E),
        (0x2000, 0x200A),
        (0x202F, 0x202F),
        (0x205F, 0x205F),
        (0x3000, 0x3000),
    ])
}

/// Java's line terminators (`.` without `(?s)` excludes them; `^`, `$` and `\Z` look for them):
/// `\n`, `\r`, U+0085, U+2028, U+2029 (and `\r\n` as one), or `\n` alone under `(?d)`.
pub(super) fn line_terminators(unix_lines: bool) -> CharSet {
    if unix_lines {
        CharSet::single(0x0A)
    } else {
        set_of(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x85, 0x85), (0x2028, 0x2029)])
    }
}

/// The set of `\p{name}` (or `\pX`, with `name` the letter) in Java's vocabulary, looked up
/// as `java.util.regex` does; `ignore_case` is `(?i)`, under which Java widens the case
/// classes (`Lu`, `Ll`, `Lt`, `Lower`, `Upper`, `IsLowercase`..) to every cased letter and
/// leaves the other classes alone.
pub(super) fn java_property_set(name: &str, ignore_case: bool) -> Result<CharSet, PropertyError> {
    let unknown = || PropertyError::Unknown(name.to_owned());
    if let Some((key, value)) = name.split_once('=') {
        return match key.to_ascii_lowercase().as_str() {
            "sc" | "script" => script(value).ok_or_else(unknown),
            "gc" | "general_category" => for_property(value, ignore_case)?.ok_or_else(unknown),
            "blk" | "block" => Err(PropertyError::Unsupported(format!(
                "\\p{{{name}}} (a Unicode block)"
            ))),
            _ => Err(unknown()),
        };
    }
    if name.starts_with("In") {
        return Err(PropertyError::Unsupported(format!(
            "\\p{{{name}}} (a Unicode block)"
        )));
    }
    if let Some(short) = name.strip_prefix("Is") {
        if let Some(set) = unicode_property(&short.to_ascii_uppercase(), ignore_case)? {
            return Ok(set);
        }
        if let Some(set) = for_property(short, ignore_case)? {
            return Ok(set);
        }
        return script(short).ok_or_else(unknown);
    }
    for_property(name, ignore_case)?.ok_or_else(unknown)
}

fn ecma(name: &str) -> Result<CharSet, PropertyError> {
    property_set(name).map_err(PropertyError::Unsupported)
}

fn ecma_union(names: &[&str]) -> Result<CharSet, PropertyError> {
    names
        .iter()
        .try_fold(CharSet::default(), |acc, n| Ok(acc.union(&ecma(n)?)))
}

/// Java's `CharPredicates.forProperty`: general categories, POSIX classes (US-ASCII) and a
/// few Java names, case-sensitive.
fn for_property(name: &str, ignore_case: bool) -> Result<Option<CharSet>, PropertyError> {
    const CATEGORIES: &[&str] = &[
        "Cn", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "Co",
        "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf", "L", "M", "N", "Z",
        "C", "P", "S", "LC",
    ];
    Ok(Some(match name {
        "Lu" | "Ll" | "Lt" if ignore_case => ecma("LC")?,
        "Lu" | "Ll" | "Lt" => ecma(name)?,
        "Lower" | "Upper" if ignore_case => set_of(&[(0x41, 0x5A), (0x61, 0x7A)]),
        "LD" => ecma_union(&["L", "Nd"])?,
        "L1" => set_of(&[(0, 0xFF)]),
        "all" => CharSet::from_ranges(vec![(0, MAX_CODE_POINT)]),
        _ if CATEGORIES.contains(&name) => ecma(name)?,
        _ if name.starts_with("java") => {
            return Err(PropertyError::Unsupported(format!(
                "\\p{{{name}}} (a java.lang.Character method)"
            )));
        }
        _ => return Ok(posix_set(name)),
    }))
}

/// Java's `CharPredicates.forUnicodeProperty` (after `Is`, upper-cased): binary properties,
/// then the Unicode forms of the POSIX classes.
fn unicode_property(name: &str, ignore_case: bool) -> Result<Option<CharSet>, PropertyError> {
    let cased = || ecma_union(&["Lowercase", "Uppercase", "Lt"]);
    let graph =
        || Ok::<_, PropertyError>(ecma_union(&["Zs", "Zl", "Zp", "Cc", "Cs", "Cn"])?.complement());
    let blank = || Ok::<_, PropertyError>(ecma("Zs")?.union(&CharSet::single(0x09)));
    Ok(Some(match name {
        "ALPHABETIC" | "ALPHA" => ecma("Alphabetic")?,
        "ASSIGNED" => ecma("Assigned")?,
        "CONTROL" | "CNTRL" => ecma("Cc")?,
        "EMOJI" => ecma("Emoji")?,
        "EMOJI_PRESENTATION" => ecma("Emoji_Presentation")?,
        "EMOJI_MODIFIER" => ecma("Emoji_Modifier")?,
        "EMOJI_MODIFIER_BASE" => ecma("Emoji_Modifier_Base")?,
        "EMOJI_COMPONENT" => ecma("Emoji_Component")?,
        "EXTENDED_PICTOGRAPHIC" => ecma("Extended_Pictographic")?,
        // Java's `HEX_DIGIT` is every decimal digit plus the ASCII and fullwidth letters A-F.
        "HEXDIGIT" | "HEX_DIGIT" | "XDIGIT" => ecma("Nd")?.union(&set_of(&[
            (0x41, 0x46),
            (0x61, 0x66),
            (0xFF21, 0xFF26),
            (0xFF41, 0xFF46),
        ])),
        "IDEOGRAPHIC" => ecma("Ideographic")?,
        "JOINCONTROL" | "JOIN_CONTROL" => ecma("Join_Control")?,
        "LETTER" => ecma("L")?,
        "LOWERCASE" | "UPPERCASE" | "TITLECASE" | "LOWER" | "UPPER" if ignore_case => cased()?,
        "LOWERCASE" | "LOWER" => ecma("Lowercase")?,
        "UPPERCASE" | "UPPER" => ecma("Uppercase")?,
        "TITLECASE" => ecma("Lt")?,
        "NONCHARACTERCODEPOINT" | "NONCHARACTER_CODE_POINT" => ecma("Noncharacter_Code_Point")?,
        "PUNCTUATION" | "PUNCT" => ecma("P")?,
        "WHITESPACE" | "WHITE_SPACE" | "SPACE" => ecma("White_Space")?,
        "WORD" => ecma_union(&["Alphabetic", "M", "Nd", "Pc", "Join_Control"])?,
        "DIGIT" => ecma("Nd")?,
        "ALNUM" => ecma_union(&["Alphabetic", "Nd"])?,
        "BLANK" => blank()?,
        "GRAPH" => graph()?,
        "PRINT" => graph()?.union(&blank()?).difference(&ecma("Cc")?),
        _ => return Ok(None),
    }))
}

/// A script by a name Java accepts (`Latin`, `LATIN`, `Latn`), as `regress` names it.
fn script(name: &str) -> Option<CharSet> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let title: String = name
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join("_");
    [name, title.as_str()]
        .into_iter()
        .find_map(|n| property_set(&format!("Script={n}")).ok())
}

/// `(?i)` on a literal or a range: Java (without `(?u)`) folds US-ASCII letters only.
pub(super) fn ascii_case_fold(set: &CharSet) -> CharSet {
    let mut ranges = set.ranges().to_vec();
    for &(lo, hi) in set.ranges() {
        for (from, to) in [(0x41u32, 0x61u32), (0x61, 0x41)] {
            let lo = lo.max(from);
            let hi = hi.min(from + 25);
            if lo <= hi {
                ranges.push((lo - from + to, hi - from + to));
            }
        }
    }
    CharSet::from_ranges(ranges)
}
