//! Text forms of values in labels, query parameters and headers: percent-encoding, paths,
//! numbers, booleans, timestamps and header lists.

use super::{RequestRejection, SerializeError};
use std::time::SystemTime;

/// Percent-encodes everything but the unreserved characters (and `/` when `keep_slash`).
pub fn encode(text: &str, keep_slash: bool) -> String {
    encode_bytes(text.as_bytes(), keep_slash)
}

/// [`encode`] for bytes that need not be UTF-8 (SigV4 signs decoded query bytes as they are).
pub fn encode_bytes(bytes: &[u8], keep_slash: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes; with `plus_is_space`, `+` is a space (query strings).
pub fn decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Decoded `(name, value)` pairs of a query string.
pub fn parse_query(query: Option<&str>) -> Result<Vec<(String, String)>, RequestRejection> {
    let mut pairs = Vec::new();
    for part in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let bad = || {
            RequestRejection::Serialization(format!(
                "invalid percent-encoding in query parameter `{part}`"
            ))
        };
        pairs.push((
            decode(k, true).ok_or_else(bad)?,
            decode(v, true).ok_or_else(bad)?,
        ));
    }
    Ok(pairs)
}

/// One segment of a URI template's path.
pub enum PathSegment {
    /// Literal text.
    Literal(&'static str),
    /// A label.
    Label(&'static str),
    /// A greedy label.
    Greedy(&'static str),
}

/// Builds the path of a request from the template and the label values.
pub fn build_path(
    template: &[PathSegment],
    labels: &[(&'static str, String)],
) -> Result<String, SerializeError> {
    let mut path = String::new();
    for segment in template {
        path.push('/');
        let (name, greedy) = match segment {
            PathSegment::Literal(text) => {
                path.push_str(text);
                continue;
            }
            PathSegment::Label(name) => (name, false),
            PathSegment::Greedy(name) => (name, true),
        };
        let value = labels
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| SerializeError::new(format!("the label `{name}` is not set")))?;
        let value = if greedy {
            value.trim_start_matches('/')
        } else {
            value
        };
        if value.is_empty() {
            return Err(SerializeError::new(format!("the label `{name}` is empty")));
        }
        path.push_str(&encode(value, greedy));
    }
    if path.is_empty() {
        path.push('/');
    }
    Ok(path)
}

/// Matches a request path against the template; the decoded label values.
pub fn match_path(template: &[PathSegment], path: &str) -> Option<Vec<(&'static str, String)>> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let segments: &[&str] = if segments == [""] { &[] } else { &segments };
    let greedy_at = template
        .iter()
        .position(|s| matches!(s, PathSegment::Greedy(_)));
    let mut labels = Vec::new();
    let one = |t: &PathSegment, s: &str, labels: &mut Vec<(&'static str, String)>| -> Option<()> {
        match t {
            PathSegment::Literal(text) => (*text == s).then_some(()),
            PathSegment::Label(name) => {
                let value = decode(s, false)?;
                (!value.is_empty()).then(|| labels.push((*name, value)))
            }
            PathSegment::Greedy(_) => None,
        }
    };
    match greedy_at {
        None => {
            if segments.len() != template.len() {
                return None;
            }
            for (t, s) in template.iter().zip(segments) {
                one(t, s, &mut labels)?;
            }
        }
        Some(g) => {
            let after = template.len() - g - 1;
            if segments.len() < template.len() {
                return None;
            }
            for (t, s) in template[..g].iter().zip(segments) {
                one(t, s, &mut labels)?;
            }
            let tail = &segments[segments.len() - after..];
            for (t, s) in template[g + 1..].iter().zip(tail) {
                one(t, s, &mut labels)?;
            }
            let middle = &segments[g..segments.len() - after];
            let mut value = Vec::with_capacity(middle.len());
            for s in middle {
                value.push(decode(s, false)?);
            }
            let value = value.join("/");
            if let PathSegment::Greedy(name) = &template[g]
                && !value.is_empty()
            {
                labels.push((*name, value));
            } else {
                return None;
            }
        }
    }
    Some(labels)
}

/// The text of a float: `NaN`, `Infinity`, `-Infinity` or the shortest decimal.
pub fn f64_text(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        value.to_string()
    }
}

/// The text of an `f32`.
pub fn f32_text(value: f32) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        f64_text(f64::from(value))
    }
}

/// Parses a float's text, `NaN` and the infinities included.
pub fn parse_f64(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ if text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) =>
        {
            text.parse().ok()
        }
        _ => None,
    }
}

/// Parses an `f32`'s text.
pub fn parse_f32(text: &str) -> Option<f32> {
    match text {
        "NaN" => Some(f32::NAN),
        "Infinity" => Some(f32::INFINITY),
        "-Infinity" => Some(f32::NEG_INFINITY),
        _ => parse_f64(text).and_then(|_| text.parse().ok()),
    }
}

/// Parses `true` or `false`.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The timestamp formats of the text locations.
#[derive(Debug, Clone, Copy)]
pub enum TimeFormat {
    /// RFC 3339.
    DateTime,
    /// IMF-fixdate.
    HttpDate,
    /// Epoch seconds.
    EpochSeconds,
}

/// A timestamp as text.
pub fn time_text(value: SystemTime, format: TimeFormat) -> Result<String, SerializeError> {
    match format {
        TimeFormat::DateTime => crate::__private::json::format_date_time(value),
        TimeFormat::HttpDate => crate::__private::json::format_http_date(value),
        TimeFormat::EpochSeconds => crate::__private::json::format_epoch_seconds(value),
    }
    .ok_or_else(|| SerializeError::new("a timestamp is out of the range that can be written"))
}

/// Parses a timestamp's text.
pub fn parse_time(text: &str, format: TimeFormat) -> Option<SystemTime> {
    match format {
        TimeFormat::DateTime => crate::__private::json::parse_date_time_as_read(text),
        TimeFormat::HttpDate => crate::__private::json::parse_http_date(text),
        TimeFormat::EpochSeconds => crate::__private::json::parse_epoch_seconds(text),
    }
}

/// A header list item: quoted (with `"` and `\` escaped) when it holds a comma or a quote.
pub fn quote_list_item(item: &str) -> String {
    if item.contains([',', '"']) || item.starts_with(' ') || item.ends_with(' ') {
        let escaped = item.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\"")
    } else {
        item.to_owned()
    }
}

/// Splits a header list on commas outside quoted strings, trimming unquoted items and
/// unquoting quoted ones (`\"` and `\\` escapes).
pub fn split_header_list(text: &str) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut current = String::new();
    // 0: unquoted, 1: inside quotes, 2: after the closing quote.
    let mut state = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (state, c) {
            (1, '"') => state = 2,
            (1, '\\') => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            (1, c) => current.push(c),
            (0, '"') if current.trim().is_empty() => {
                current.clear();
                state = 1;
            }
            (_, ',') => {
                items.push(if state == 0 {
                    current.trim().to_owned()
                } else {
                    current.clone()
                });
                current.clear();
                state = 0;
            }
            (2, c) if c.is_whitespace() => {}
            (_, c) => current.push(c),
        }
    }
    items.push(if state == 0 {
        current.trim().to_owned()
    } else {
        current
    });
    items
}

/// Splits a list of HTTP dates (each of which holds a comma) on every second comma.
pub fn split_http_dates(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text.split(',').collect();
    parts
        .chunks(2)
        .map(|pair| pair.join(",").trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}
