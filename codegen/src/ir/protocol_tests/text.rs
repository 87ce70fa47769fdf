//! Text forms of event-stream cases: base64 blobs and RFC 3339 timestamps.

/// Standard base64 (padding optional).
pub(super) fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0_u32, 0_u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// RFC 3339 UTC text (`2024-10-31T14:15:14Z`, fractions of a second allowed) as milliseconds
/// since the epoch.
pub(super) fn date_time_millis(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(range)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        let mut ms = frac[..digits].chars().take(3).collect::<String>();
        while ms.len() < 3 {
            ms.push('0');
        }
        millis = ms.parse().ok()?;
        rest = &frac[digits..];
    }
    if !matches!(rest, "Z" | "z") || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_dates_read_as_the_suite_writes_them() {
        assert_eq!(base64("Zm9v").as_deref(), Some(&b"foo"[..]));
        assert_eq!(base64("YmFy").as_deref(), Some(&b"bar"[..]));
        assert_eq!(base64("ZXZlbnQ=").as_deref(), Some(&b"event"[..]));
        assert_eq!(base64("a*"), None);
        // 2024-10-31T14:15:14Z is 1730384114 s after the epoch (the suite's frame carries
        // 0x00000192E2EE3150 ms).
        assert_eq!(
            date_time_millis("2024-10-31T14:15:14Z"),
            Some(0x0192_E2EE_3150)
        );
        assert_eq!(date_time_millis("1970-01-01T00:00:00.5Z"), Some(500));
        assert_eq!(date_time_millis("1969-12-31T23:59:59Z"), Some(-1000));
        assert_eq!(date_time_millis("2024-10-31 14:15:14Z"), None);
        assert_eq!(date_time_millis("2024-13-31T14:15:14Z"), None);
    }
}
