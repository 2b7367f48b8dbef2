//! Whole numbers as pages write them: `10`, `1.234`, `1,234,567`.

/// Why a text is not a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// Not digits (with separators) at all.
    NotNumber,
    /// Digits with `.`/`,` separators that are not thousands groups.
    BadGrouping,
    /// More than the largest value allowed.
    TooLarge,
}

/// Reads ASCII digits, optionally grouped in thousands by `.` or `,` (one
/// kind of separator per number; the first group 1–3 digits not starting
/// with 0, every other group exactly 3), into a value of at most `max`.
pub(crate) fn parse_grouped(text: &str, max: u64) -> Result<u64, NumberError> {
    if text.is_empty()
        || !text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(NumberError::NotNumber);
    }
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(NumberError::NotNumber);
    }
    let separator = text.bytes().find(|b| !b.is_ascii_digit());
    if let Some(separator) = separator {
        let mut groups = text.split(char::from(separator));
        let first = groups.next().unwrap_or_default();
        let first_ok = (1..=3).contains(&first.len()) && !first.starts_with('0');
        if !first_ok || !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
            return Err(NumberError::BadGrouping);
        }
    }
    let mut value: u64 = 0;
    for digit in text.bytes().filter(u8::is_ascii_digit) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(digit - b'0')))
            .filter(|v| *v <= max)
            .ok_or(NumberError::TooLarge)?;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: u64 = 4_294_967_295;

    #[test]
    fn plain_and_grouped_numbers() {
        assert_eq!(parse_grouped("0", MAX), Ok(0));
        assert_eq!(parse_grouped("10", MAX), Ok(10));
        assert_eq!(parse_grouped("007", MAX), Ok(7));
        assert_eq!(parse_grouped("1.234", MAX), Ok(1234));
        assert_eq!(parse_grouped("1,234", MAX), Ok(1234));
        assert_eq!(parse_grouped("12.345.678", MAX), Ok(12_345_678));
        assert_eq!(parse_grouped("4.294.967.295", MAX), Ok(MAX));
        assert_eq!(parse_grouped("4294967295", MAX), Ok(MAX));
    }

    #[test]
    fn separators_must_make_thousands_groups() {
        for bad in [
            "1.5",
            "1,23",
            "1234.567",
            "1.2345",
            "1.234,567",
            "10.",
            "1..234",
            "0.123",
            "1,234.5",
        ] {
            assert_eq!(
                parse_grouped(bad, MAX),
                Err(NumberError::BadGrouping),
                "{bad}"
            );
        }
    }

    #[test]
    fn anything_else_is_not_a_number() {
        for bad in [
            "",
            "mười",
            "-1",
            "+1",
            "1 234",
            "1\u{A0}234",
            "١٠",
            ".5",
            ",123",
            "10 bình luận",
            "1e3",
        ] {
            assert_eq!(
                parse_grouped(bad, MAX),
                Err(NumberError::NotNumber),
                "{bad}"
            );
        }
    }

    #[test]
    fn values_above_the_maximum_are_too_large() {
        assert_eq!(parse_grouped("4294967296", MAX), Err(NumberError::TooLarge));
        assert_eq!(
            parse_grouped("4.294.967.296", MAX),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_grouped(&"9".repeat(10_000), MAX),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_grouped("18446744073709551616", u64::MAX),
            Err(NumberError::TooLarge)
        );
    }
}
