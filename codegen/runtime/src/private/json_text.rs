//! Text forms shared by the JSON codecs and the HTTP bindings: timestamps (epoch seconds,
//! RFC 3339 `date-time`, IMF-fixdate `http-date`) and base64. Written here rather than taken
//! from crates: each is a few dozen lines, and every dependency costs users compile time.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

// ---------------------------------------------------------------------------------------------
// Time

/// Whole seconds (floored) and nanoseconds since the Unix epoch.
pub fn to_parts(time: SystemTime) -> Option<(i64, u32)> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => Some((i64::try_from(d.as_secs()).ok()?, d.subsec_nanos())),
        Err(e) => {
            let d = e.duration();
            let secs = i64::try_from(d.as_secs()).ok()?;
            if d.subsec_nanos() == 0 {
                Some((-secs, 0))
            } else {
                Some((-secs - 1, 1_000_000_000 - d.subsec_nanos()))
            }
        }
    }
}

/// The time `secs` seconds (floored) plus `nanos` after the epoch.
pub fn from_parts(secs: i64, nanos: u32) -> Option<SystemTime> {
    let base = if secs >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(secs.unsigned_abs()))?
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(secs.unsigned_abs()))?
    };
    base.checked_add(Duration::from_nanos(u64::from(nanos)))
}

/// Epoch seconds with a fraction, kept to the millisecond.
pub fn from_epoch_seconds_f64(value: f64) -> Option<SystemTime> {
    if !value.is_finite() || value.abs() > 1e15 {
        return None;
    }
    let millis = (value * 1000.0).round() as i64;
    from_parts(
        millis.div_euclid(1000),
        (millis.rem_euclid(1000) as u32) * 1_000_000,
    )
}

/// Epoch seconds text (`1515531081.123`), as headers and query strings write it.
pub fn format_epoch_seconds(time: SystemTime) -> Option<String> {
    let (secs, nanos) = to_parts(time)?;
    if nanos == 0 {
        return Some(secs.to_string());
    }
    let mut text = format!("{secs}.{nanos:09}");
    while text.ends_with('0') {
        text.pop();
    }
    Some(text)
}

/// Parses epoch seconds text.
pub fn parse_epoch_seconds(text: &str) -> Option<SystemTime> {
    let ok = !text.is_empty()
        && text.bytes().all(|b| {
            b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'e' || b == b'E' || b == b'+'
        });
    if !ok {
        return None;
    }
    from_epoch_seconds_f64(text.parse().ok()?)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    weekday: usize,
}

fn civil(time: SystemTime) -> Option<Civil> {
    let (secs, nanos) = to_parts(time)?;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    Some(Civil {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem / 60 % 60,
        second: rem % 60,
        nanos,
        weekday: (days + 4).rem_euclid(7) as usize,
    })
}

fn from_civil(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32, nanos: u32) -> Option<SystemTime> {
    if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60
    {
        return None;
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + i64::from(h * 3600 + mi * 60 + s.min(59));
    from_parts(secs, nanos)
}

/// RFC 3339 in UTC: `2019-12-16T23:48:18Z`, with a fraction only when there is one.
pub fn format_date_time(time: SystemTime) -> Option<String> {
    let c = civil(time)?;
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    );
    if c.nanos != 0 {
        let mut fraction = format!(".{:09}", c.nanos);
        while fraction.ends_with('0') {
            fraction.pop();
        }
        text.push_str(&fraction);
    }
    text.push('Z');
    Some(text)
}

/// SigV4's basic ISO 8601 form in UTC, whole seconds: `20150830T123600Z` (fractions dropped).
pub fn format_amz_date(time: SystemTime) -> Option<String> {
    let c = civil(time)?;
    Some(format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    ))
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A fraction's digits as nanoseconds (at most 9 digits are kept).
fn fraction_nanos(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut nanos = 0u32;
    for (i, b) in text.bytes().take(9).enumerate() {
        nanos += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
    }
    Some(nanos)
}

/// Parses RFC 3339 (`2019-12-16T23:48:18.52Z`, `...+01:00`).
pub fn parse_date_time(text: &str) -> Option<SystemTime> {
    if !text.is_ascii() || text.len() < 20 {
        return None;
    }
    let b = text.as_bytes();
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let year = i64::from(digits(&text[0..4])?);
    let (month, day) = (digits(&text[5..7])?, digits(&text[8..10])?);
    let (hour, minute, second) = (
        digits(&text[11..13])?,
        digits(&text[14..16])?,
        digits(&text[17..19])?,
    );
    let mut rest = &text[19..];
    let mut nanos = 0;
    if let Some(after) = rest.strip_prefix('.') {
        let end = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        nanos = fraction_nanos(&after[..end])?;
        rest = &after[end..];
    }
    let offset: i64 = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, m) = (digits(&rest[1..3])?, digits(&rest[4..6])?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * i64::from(h * 3600 + m * 60)
        }
        _ => return None,
    };
    let local = from_civil(year, month, day, hour, minute, second, nanos)?;
    let (secs, nanos) = to_parts(local)?;
    from_parts(secs - offset, nanos)
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`), with milliseconds when there are any.
pub fn format_http_date(time: SystemTime) -> Option<String> {
    let c = civil(time)?;
    let month = MONTHS.get(c.month as usize - 1)?;
    let mut text = format!(
        "{}, {:02} {month} {:04} {:02}:{:02}:{:02}",
        WEEKDAYS[c.weekday], c.day, c.year, c.hour, c.minute, c.second
    );
    let millis = c.nanos / 1_000_000;
    if millis != 0 {
        text.push_str(&format!(".{millis:03}"));
    }
    text.push_str(" GMT");
    Some(text)
}

/// Parses IMF-fixdate, with an optional fraction of a second.
pub fn parse_http_date(text: &str) -> Option<SystemTime> {
    let rest = text.get(5..)?;
    if !text.is_ascii() || !WEEKDAYS.contains(&&text[..3]) || &text[3..5] != ", " {
        return None;
    }
    let mut parts = rest.split(' ');
    let day = digits(parts.next().filter(|d| d.len() == 2)?)?;
    let month_text = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_text)? as u32 + 1;
    let year = i64::from(digits(parts.next().filter(|y| y.len() == 4)?)?);
    let clock = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let (clock, nanos) = match clock.split_once('.') {
        Some((c, f)) => (c, fraction_nanos(f)?),
        None => (clock, 0),
    };
    let mut hms = clock.split(':');
    let mut field = || hms.next().filter(|p| p.len() == 2).and_then(digits);
    let (hour, minute, second) = (field()?, field()?, field()?);
    if hms.next().is_some() {
        return None;
    }
    from_civil(year, month, day, hour, minute, second, nanos)
}

// ---------------------------------------------------------------------------------------------
// Base64 (standard alphabet, padded)

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(chunk.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64; padding is required, whitespace is not accepted.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 != 0 {
        return None;
    }
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let chunks = bytes.len() / 4;
    for (i, chunk) in bytes.chunks(4).enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && i + 1 != chunks) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&decoded[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64, nanos: u32) -> SystemTime {
        from_parts(secs, nanos).unwrap()
    }

    #[test]
    fn timestamp_text_forms() {
        let t = at(1_576_540_098, 520_000_000);
        assert_eq!(format_date_time(t).unwrap(), "2019-12-16T23:48:18.52Z");
        assert_eq!(
            format_http_date(t).unwrap(),
            "Mon, 16 Dec 2019 23:48:18.520 GMT"
        );
        assert_eq!(format_epoch_seconds(t).unwrap(), "1576540098.52");
        assert_eq!(format_amz_date(t).unwrap(), "20191216T234818Z");
        assert_eq!(
            format_amz_date(at(951_782_400, 0)).unwrap(),
            "20000229T000000Z"
        );
        assert_eq!(parse_date_time("2019-12-16T23:48:18.52Z"), Some(t));
        assert_eq!(parse_date_time("2019-12-17T00:48:18.52+01:00"), Some(t));
        assert_eq!(
            parse_http_date("Mon, 16 Dec 2019 23:48:18.520 GMT"),
            Some(t)
        );
        assert_eq!(parse_epoch_seconds("1576540098.52"), Some(t));
        let before = at(-1, 500_000_000);
        assert_eq!(format_date_time(before).unwrap(), "1969-12-31T23:59:59.5Z");
        assert_eq!(format_epoch_seconds(before).unwrap(), "-1.5");
        assert_eq!(parse_epoch_seconds("-0.5"), Some(before));
        assert_eq!(
            parse_date_time("2024-02-29T00:00:00Z"),
            Some(at(1_709_164_800, 0))
        );
        for bad in [
            "2023-02-29T00:00:00Z",
            "2019-12-16 23:48:18Z",
            "2019-12-16T24:00:00Z",
            "2019-12-16T23:48:18.Z",
            "２019-12-16T23:48:18Z",
        ] {
            assert_eq!(parse_date_time(bad), None, "{bad}");
        }
        for bad in [
            "Mon, 16 Dec 2019 23:48:18",
            "Mon, 16 Foo 2019 23:48:18 GMT",
            "Mon,",
            "",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
        assert_eq!(format_date_time(at(253_402_300_800, 0)), None, "year 10000");
    }

    #[test]
    fn base64_round_trips() {
        for (raw, text) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
        ] {
            assert_eq!(base64_encode(raw.as_bytes()), text);
            assert_eq!(base64_decode(text).unwrap(), raw.as_bytes());
        }
        assert_eq!(base64_decode("Zg="), None);
        assert_eq!(base64_decode("Z=g="), None);
    }
}
