//! RFC 3339 date-times as an instant, an offset and, only when needed, the text.
//!
//! A date `D` is stored in three columns: `D` (`timestamp[us, UTC]`, the
//! instant every reader loads), `D_offset_minutes` (`int16`, the original
//! UTC offset) and `D_text` (`utf8`, null unless the text is not the one
//! [`render`] gives back from the other two: `+00:00` or `-00:00` rather
//! than `Z`, a lower-case `t`/`z`, a fraction with trailing zeros or more
//! than six digits, a leap second). So reading back always gives the exact
//! text that was written.

use std::fmt::Write as _;

/// A date split into its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Microseconds since 1970-01-01T00:00:00Z.
    pub micros: Option<i64>,
    /// Minutes east of UTC.
    pub offset_minutes: Option<i16>,
    /// The text, when the two above do not give it back.
    pub text: Option<String>,
}

/// Splits a date-time text. Text that is not RFC 3339 is kept as text alone.
pub fn split(text: &str) -> Split {
    match parse(text) {
        Some((micros, offset)) if render(micros, offset).as_deref() == Some(text) => Split {
            micros: Some(micros),
            offset_minutes: Some(offset),
            text: None,
        },
        Some((micros, offset)) => Split {
            micros: Some(micros),
            offset_minutes: Some(offset),
            text: Some(text.to_owned()),
        },
        None => Split {
            micros: None,
            offset_minutes: None,
            text: Some(text.to_owned()),
        },
    }
}

/// `(microseconds since the epoch, offset in minutes)` of an RFC 3339
/// date-time, or `None` when it is not one.
pub fn parse(text: &str) -> Option<(i64, i16)> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        part.iter().try_fold(0i64, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
        })
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }
    let mut at = 19;
    let mut micros = 0i64;
    if b[at] == b'.' {
        let start = at + 1;
        let mut end = start;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        if end == start {
            return None;
        }
        for (i, &c) in b[start..end].iter().take(6).enumerate() {
            micros += i64::from(c - b'0') * 10i64.pow(5 - u32::try_from(i).ok()?);
        }
        at = end;
    }
    let offset = match b.get(at..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (digits(at + 1..at + 3)?, digits(at + 4..at + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = i16::try_from(h * 60 + m).ok()?;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let local = ((days * 24 + hour) * 60 + minute) * 60 + second;
    let utc = local - i64::from(offset) * 60;
    Some((utc * 1_000_000 + micros, offset))
}

/// The RFC 3339 text of an instant at an offset: `T`, seconds always,
/// the fraction only when not zero (trailing zeros dropped), `Z` for a zero
/// offset. `None` for an offset of a day or more, or a year past 9999.
pub fn render(micros: i64, offset_minutes: i16) -> Option<String> {
    if offset_minutes.unsigned_abs() >= 24 * 60 {
        return None;
    }
    let local = micros.checked_add(i64::from(offset_minutes) * 60_000_000)?;
    let seconds = local.div_euclid(1_000_000);
    let fraction = local.rem_euclid(1_000_000);
    let days = seconds.div_euclid(86_400);
    let in_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    let mut out = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    );
    if fraction != 0 {
        let digits = format!("{fraction:06}");
        let _ = write!(out, ".{}", digits.trim_end_matches('0'));
    }
    if offset_minutes == 0 {
        out.push('Z');
    } else {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let abs = offset_minutes.unsigned_abs();
        let _ = write!(out, "{sign}{:02}:{:02}", abs / 60, abs % 60);
    }
    Some(out)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_dates_need_no_text() {
        for text in [
            "2025-07-20T08:00:00+07:00",
            "2025-07-20T01:00:00Z",
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59.5-03:30",
            "0001-01-01T00:00:00.000001+14:00",
            "9999-12-31T23:59:59.999999-12:00",
        ] {
            let s = split(text);
            assert_eq!(s.text, None, "{text}");
            let back = render(
                s.micros.expect("instant"),
                s.offset_minutes.expect("offset"),
            );
            assert_eq!(back.as_deref(), Some(text));
        }
        assert_eq!(
            parse("2025-07-20T08:00:00+07:00"),
            Some((1_752_973_200_000_000, 420))
        );
    }

    #[test]
    fn odd_spellings_keep_their_text() {
        for text in [
            "2025-07-20T01:00:00+00:00",
            "2025-07-20T01:00:00-00:00",
            "2025-07-20t01:00:00z",
            "2025-07-20T01:00:00.500Z",
            "2025-07-20T01:00:00.1234567Z",
            "2016-12-31T23:59:60Z",
            "not a date",
        ] {
            assert_eq!(split(text).text.as_deref(), Some(text), "{text}");
        }
        assert_eq!(split("not a date").micros, None);
    }
}
