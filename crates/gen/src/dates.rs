//! RFC 3339 timestamps with the offsets real feeds carry.
//!
//! Written out by hand (days-to-civil conversion) so no error path can exist
//! for values the generator makes itself.

use crate::rng::Rng;

/// 2023-01-01T00:00:00Z.
const START: i64 = 1_672_531_200;
/// 2026-01-01T00:00:00Z.
const END: i64 = 1_767_225_600;

/// Offsets in minutes east of UTC, weighted: mostly Vietnam, then UTC, New York, Tokyo.
const OFFSETS: &[i32] = &[420, 420, 420, 420, 420, 420, 0, 0, -300, 540];

/// An instant (seconds since the Unix epoch, UTC) and the offset it is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub unix: i64,
    /// Offset in minutes east of UTC used when writing it.
    pub offset_minutes: i32,
    /// Milliseconds to write as a fraction (0 writes none).
    pub millis: u16,
}

impl Stamp {
    /// A random publication time between 2023 and 2025, in a random offset.
    pub fn random(rng: &mut Rng) -> Self {
        let span = u64::try_from(END - START).unwrap_or(1);
        let unix = START + i64::try_from(rng.below(span)).unwrap_or(0);
        let millis = if rng.percent(10) {
            u16::try_from(rng.below(1000)).unwrap_or(0)
        } else {
            0
        };
        Self {
            unix,
            offset_minutes: *rng.pick(OFFSETS),
            millis,
        }
    }

    /// A later (or equal) time: `0..=max_hours` hours on, written in a random offset.
    pub fn later(self, rng: &mut Rng, max_hours: u64) -> Self {
        let seconds = i64::try_from(rng.below(max_hours * 3600 + 1)).unwrap_or(0);
        let millis = if seconds == 0 { self.millis } else { 0 };
        Self {
            unix: self.unix + seconds,
            offset_minutes: *rng.pick(OFFSETS),
            millis,
        }
    }

    /// The same offset and fraction, `seconds` earlier.
    pub fn earlier(self, seconds: i64) -> Self {
        Self {
            unix: self.unix - seconds,
            ..self
        }
    }

    /// `YYYY-MM-DDThh:mm:ss[.mmm](Z|±hh:mm)`.
    pub fn rfc3339(self) -> String {
        let local = self.unix + i64::from(self.offset_minutes) * 60;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let (hh, mm, ss) = (secs / 3600, secs % 3600 / 60, secs % 60);
        let fraction = if self.millis == 0 {
            String::new()
        } else {
            format!(".{:03}", self.millis)
        };
        let offset = if self.offset_minutes == 0 {
            "Z".to_owned()
        } else {
            let sign = if self.offset_minutes < 0 { '-' } else { '+' };
            let abs = self.offset_minutes.unsigned_abs();
            format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
        };
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}{fraction}{offset}")
    }

    /// The local calendar date as `(year, month)`, for file paths.
    pub fn year_month(self) -> (i64, u32) {
        let local = self.unix + i64::from(self.offset_minutes) * 60;
        let (y, m, _) = civil_from_days(local.div_euclid(86_400));
        (y, m)
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::{Stamp, civil_from_days};
    use crate::rng::Rng;

    #[test]
    fn known_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        let seed_page = Stamp {
            unix: 1_752_973_200,
            offset_minutes: 420,
            millis: 0,
        };
        assert_eq!(seed_page.rfc3339(), "2025-07-20T08:00:00+07:00");
        let utc = Stamp {
            offset_minutes: 0,
            millis: 250,
            ..seed_page
        };
        assert_eq!(utc.rfc3339(), "2025-07-20T01:00:00.250Z");
        let ny = Stamp {
            offset_minutes: -300,
            ..seed_page
        };
        assert_eq!(ny.rfc3339(), "2025-07-19T20:00:00-05:00");
    }

    #[test]
    fn later_is_never_earlier() {
        let mut rng = Rng::new(3);
        for _ in 0..1000 {
            let a = Stamp::random(&mut rng);
            let b = a.later(&mut rng, 72);
            assert!(b.unix >= a.unix);
            assert!(a.earlier(60).unix < a.unix);
        }
    }
}
