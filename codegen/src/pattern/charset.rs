//! Character sets: sets of Unicode scalar values as code point ranges, the ECMA-262 class
//! escapes (`\d`, `\w`, `\s`, `.`) and the `\p{..}` property sets, probed from `regress` once
//! per process.

use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError};

pub(super) const MAX_CODE_POINT: u32 = 0x10_FFFF;
pub(super) const SURROGATES: (u32, u32) = (0xD800, 0xDFFF);

/// A set of Unicode scalar values: sorted, disjoint, non-adjacent inclusive ranges, never
/// containing a surrogate (no `&str` holds one).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct CharSet {
    ranges: Vec<(u32, u32)>,
}

impl CharSet {
    pub(super) fn from_ranges(mut ranges: Vec<(u32, u32)>) -> CharSet {
        ranges.retain(|&(lo, hi)| lo <= hi);
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        let mut out = Vec::with_capacity(merged.len() + 1);
        for (lo, hi) in merged {
            if hi < SURROGATES.0 || lo > SURROGATES.1 {
                out.push((lo, hi));
                continue;
            }
            if lo < SURROGATES.0 {
                out.push((lo, SURROGATES.0 - 1));
            }
            if hi > SURROGATES.1 {
                out.push((SURROGATES.1 + 1, hi));
            }
        }
        CharSet { ranges: out }
    }

    /// The ranges: sorted, disjoint, non-adjacent, inclusive.
    pub(super) fn ranges(&self) -> &[(u32, u32)] {
        &self.ranges
    }

    pub(super) fn single(c: u32) -> CharSet {
        CharSet::from_ranges(vec![(c, c)])
    }

    pub(super) fn union(&self, other: &CharSet) -> CharSet {
        let mut ranges = self.ranges.clone();
        ranges.extend_from_slice(&other.ranges);
        CharSet::from_ranges(ranges)
    }

    pub(super) fn complement(&self) -> CharSet {
        let mut ranges = Vec::with_capacity(self.ranges.len() + 1);
        let mut next = 0u32;
        for &(lo, hi) in &self.ranges {
            if lo > next {
                ranges.push((next, lo - 1));
            }
            next = hi.saturating_add(1);
        }
        if next <= MAX_CODE_POINT {
            ranges.push((next, MAX_CODE_POINT));
        }
        CharSet::from_ranges(ranges)
    }

    pub(super) fn is_full(&self) -> bool {
        self.complement().ranges.is_empty()
    }

    #[cfg(test)]
    pub(super) fn contains(&self, c: u32) -> bool {
        let after = self.ranges.partition_point(|&(lo, _)| lo <= c);
        after > 0 && self.ranges[after - 1].1 >= c
    }

    pub(super) fn intersection(&self, other: &CharSet) -> CharSet {
        self.complement().union(&other.complement()).complement()
    }

    pub(super) fn difference(&self, other: &CharSet) -> CharSet {
        self.intersection(&other.complement())
    }
}

fn set_of(ranges: &[(u32, u32)]) -> CharSet {
    CharSet::from_ranges(ranges.to_vec())
}

/// ECMA-262 `\d`.
pub(super) fn digit_set() -> CharSet {
    set_of(&[(0x30, 0x39)])
}

/// ECMA-262 `\w` (no `i` flag, so no extra Unicode case-folding characters).
pub(super) fn word_set() -> CharSet {
    set_of(&[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
}

/// ECMA-262 `\s`: WhiteSpace (TAB, VT, FF, ZWNBSP U+FEFF, the Zs category) and LineTerminator.
pub(super) fn space_set() -> CharSet {
    set_of(&[
        (0x09, 0x0D),
        (0x20, 0x20),
        (0xA0, 0xA0),
        (0x1680, 0x1680),
        (0x2000, 0x200A),
        (0x2028, 0x2029),
        (0x202F, 0x202F),
        (0x205F, 0x205F),
        (0x3000, 0x3000),
        (0xFEFF, 0xFEFF),
    ])
}

/// The set of a class escape both dialects share: `\d \D \s \S \w \W`; `None` for any other.
pub(super) fn class_escape_set(c: char) -> Option<CharSet> {
    Some(match c {
        'd' => digit_set(),
        'D' => digit_set().complement(),
        's' => space_set(),
        'S' => space_set().complement(),
        'w' => word_set(),
        'W' => word_set().complement(),
        _ => return None,
    })
}

/// ECMA-262 `.` without the `s` flag: anything but a LineTerminator.
pub(super) fn dot_set() -> CharSet {
    set_of(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)]).complement()
}

/// Every Unicode scalar value in order, the haystack [`property_set`] probes.
static ALL_SCALARS: LazyLock<String> =
    LazyLock::new(|| (0..=MAX_CODE_POINT).filter_map(char::from_u32).collect());

/// A property set being probed or probed already: threads asking for the same property wait
/// for the first one's answer instead of probing again.
type PropertySlot = Arc<OnceLock<Result<CharSet, String>>>;

/// Property sets already probed in this process (or being probed), by property text (`L`,
/// `Script=Greek`).
static PROPERTY_CACHE: Mutex<Vec<(String, PropertySlot)>> = Mutex::new(Vec::new());

/// The set `\p{name}` denotes in Unicode mode, exactly as `regress` (the ECMA-262 engine the
/// generator trusts for syntax) defines it: its Unicode tables decide, by running `[\p{name}]+`
/// over every scalar value. The Linear and Backtracking plans thus agree on every character.
/// Probing takes ~10 ms per property, once per process (see [`warm_properties`]).
pub(super) fn property_set(name: &str) -> Result<CharSet, String> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '=')
    {
        return Err(format!("unsupported property escape \\p{{{name}}}"));
    }
    let slot = {
        let mut cache = PROPERTY_CACHE
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match cache.iter().find(|(key, _)| key == name) {
            Some((_, slot)) => Arc::clone(slot),
            None => {
                let slot = PropertySlot::default();
                cache.push((name.to_owned(), Arc::clone(&slot)));
                slot
            }
        }
    };
    slot.get_or_init(|| probe_property(name)).clone()
}

fn probe_property(name: &str) -> Result<CharSet, String> {
    let probe = regress::Regex::with_flags(&format!("[\\p{{{name}}}]+"), "u")
        .map_err(|e| format!("property escape \\p{{{name}}}: {e}"))?;
    let all = ALL_SCALARS.as_str();
    let mut ranges = Vec::new();
    for m in probe.find_iter(all) {
        let first = all.get(m.start()..).and_then(|s| s.chars().next());
        let last = all.get(..m.end()).and_then(|s| s.chars().next_back());
        if let (Some(first), Some(last)) = (first, last) {
            ranges.push((u32::from(first), u32::from(last)));
        }
    }
    Ok(CharSet::from_ranges(ranges))
}

/// The property names (`L` in `\p{L}`, `\P{L}`) the pattern sources mention, sorted and
/// deduplicated; a cheap textual scan that may also list names a pattern only seems to use
/// (`\\p{L}`), which costs a probe, never a wrong answer.
pub fn property_names<'a>(sources: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names = std::collections::BTreeSet::new();
    for source in sources {
        let mut rest = source;
        while let Some(at) = rest.find(['p', 'P']) {
            let after = &rest[at + 1..];
            if at > 0
                && rest.as_bytes()[at - 1] == b'\\'
                && let Some(body) = after.strip_prefix('{')
                && let Some(end) = body.find('}')
            {
                names.insert(body[..end].to_owned());
            }
            rest = after;
        }
    }
    names.into_iter().collect()
}

/// Probes the sets of these properties now (each once per process), so that planning patterns
/// later finds them ready: [`crate::ir::build`] runs this on a second thread while it builds the
/// rest of the IR. Names that are not properties are ignored here (planning reports them).
pub fn warm_properties(names: &[String]) {
    for name in names {
        let _ = property_set(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_normalizes_and_complements_without_surrogates() {
        let set = CharSet::from_ranges(vec![(5, 9), (0, 3), (4, 4), (0xD000, 0xE100)]);
        assert_eq!(set.ranges, vec![(0, 9), (0xD000, 0xD7FF), (0xE000, 0xE100)]);
        let complement = set.complement();
        assert_eq!(
            complement.ranges,
            vec![(10, 0xCFFF), (0xE101, MAX_CODE_POINT)]
        );
        assert!(CharSet::default().complement().is_full());
        assert!(CharSet::single(0xD800).ranges.is_empty());
        assert!(set.contains(0xE000) && !set.contains(0xDFFF));
    }

    /// The characters `regress` (Unicode mode) finds runs of with `run` (such as `[\d]+`),
    /// over every scalar value.
    fn regress_set(run: &str) -> CharSet {
        let probe = regress::Regex::with_flags(run, "u").unwrap();
        let all = ALL_SCALARS.as_str();
        let ranges = probe
            .find_iter(all)
            .map(|m| {
                let first = all[m.start()..].chars().next().unwrap();
                let last = all[..m.end()].chars().next_back().unwrap();
                (u32::from(first), u32::from(last))
            })
            .collect();
        CharSet::from_ranges(ranges)
    }

    #[test]
    fn builtin_classes_equal_regress_on_every_scalar_value() {
        assert_eq!(digit_set(), regress_set(r"\d+"));
        assert_eq!(digit_set().complement(), regress_set(r"\D+"));
        assert_eq!(word_set(), regress_set(r"\w+"));
        assert_eq!(word_set().complement(), regress_set(r"[\W]+"));
        assert_eq!(space_set(), regress_set(r"\s+"));
        assert_eq!(space_set().complement(), regress_set(r"[\S]+"));
        assert_eq!(dot_set(), regress_set(r".+"));
        // ECMA `\s` holds U+FEFF and the Zs category but not U+0085 (Rust whitespace) or U+180E.
        assert!(space_set().contains(0xFEFF) && space_set().contains(0x3000));
        assert!(!space_set().contains(0x85) && !space_set().contains(0x180E));
    }

    #[test]
    fn property_names_are_found_for_warming() {
        assert_eq!(
            property_names([
                r"^[\p{L}\p{Z}]+$",
                r"\P{N}x\p{L}",
                "p{X} \\q{Y}",
                r"\p{Open"
            ]),
            ["L", "N", "Z"]
        );
        assert!(property_names(["^[a-z]+$"]).is_empty());
    }

    #[test]
    fn property_sets_come_from_regress_and_are_cached() {
        let letters = property_set("L").unwrap();
        assert!(letters.contains(u32::from('é')) && letters.contains(u32::from('ж')));
        assert!(!letters.contains(u32::from('1')));
        assert_eq!(letters, property_set("L").unwrap());
        let separators = property_set("Z").unwrap();
        assert!(separators.contains(0x3000) && separators.contains(0x2028));
        assert!(property_set("NoSuchProperty").is_err());
        assert!(property_set("L}|x").is_err());
    }
}
