//! The `--broken-rate` value: a decimal fraction from 0 to 1.

/// A broken rate that is not a number from 0 to 1.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("broken rate `{0}` is not a number from 0 to 1 (e.g. `0.1`)")]
pub struct RateError(pub String);

/// Parses a rate such as `0.1` or `1` into parts per million, exactly (no
/// floating point, so `0.3` of 1000 records is 300, not 299).
pub fn parse_rate(text: &str) -> Result<u32, RateError> {
    let err = || RateError(text.to_owned());
    let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || fraction.len() > 6
    {
        return Err(err());
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| err())?
    };
    let mut micro = 0_u32;
    for (i, digit) in fraction.bytes().enumerate() {
        micro += u32::from(digit - b'0') * 10_u32.pow(5 - u32::try_from(i).unwrap_or(5));
    }
    let ppm = whole
        .checked_mul(1_000_000)
        .and_then(|w| w.checked_add(micro))
        .ok_or_else(err)?;
    if ppm > 1_000_000 { Err(err()) } else { Ok(ppm) }
}

#[cfg(test)]
mod tests {
    use super::parse_rate;

    #[test]
    fn decimal_rates() {
        assert_eq!(parse_rate("0.1"), Ok(100_000));
        assert_eq!(parse_rate("0.3"), Ok(300_000));
        assert_eq!(parse_rate(".25"), Ok(250_000));
        assert_eq!(parse_rate("1"), Ok(1_000_000));
        assert_eq!(parse_rate("1.0"), Ok(1_000_000));
        assert_eq!(parse_rate("0"), Ok(0));
        assert_eq!(parse_rate("0.000001"), Ok(1));
    }

    #[test]
    fn refuses_what_is_not_a_rate() {
        for bad in [
            "",
            ".",
            "-0.1",
            "1.5",
            "2",
            "abc",
            "0.1.2",
            "1e-1",
            "0.0000001",
            "99999999999",
        ] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
    }
}
