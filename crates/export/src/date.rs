//! RFC 3339 dates of the model to the RFC 822 dates RSS wants.

use time::OffsetDateTime;
use time::format_description::FormatItem;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

use crate::Error;

/// RFC 822 as RSS uses it (RFC 1123's four-digit year): English day and month
/// names and a numeric zone, `Sun, 20 Jul 2025 08:00:00 +0700`.
const RFC_822: &[FormatItem<'static>] = format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] [offset_hour sign:mandatory][offset_minute]"
);

/// The date of `field`: `parsed` when validation parsed it already, else
/// `text` parsed here (an error when it is not RFC 3339); `None` when absent.
pub(crate) fn field_date(
    id: &str,
    field: &'static str,
    text: Option<&str>,
    parsed: Option<OffsetDateTime>,
) -> Result<Option<OffsetDateTime>, Error> {
    match (text, parsed) {
        (None, _) => Ok(None),
        (Some(_), Some(date)) => Ok(Some(date)),
        (Some(text), None) => parse_field(id, field, text).map(Some),
    }
}

/// Parses an RFC 3339 date-time (offset required, fractions allowed; a
/// leap second reads as `:59.999999999`): [`articlekit_validate::parse_rfc3339`].
pub fn parse_rfc3339(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    articlekit_validate::parse_rfc3339(text)
}

/// Formats `date` as RFC 822 in its own offset.
pub fn format_rfc822(date: OffsetDateTime) -> String {
    // Formatting a parsed RFC 3339 date (year 0000–9999) cannot fail.
    date.format(RFC_822).unwrap_or_default()
}

/// Formats `date` as RFC 3339 in its own offset, with the upper-case `T`
/// and `Z` Atom requires, and fractional seconds only when there are any.
pub fn format_rfc3339(date: OffsetDateTime) -> String {
    // Formatting a parsed RFC 3339 date (year 0000–9999) cannot fail.
    date.format(&Rfc3339).unwrap_or_default()
}

/// Converts an RFC 3339 date-time to an RSS (RFC 822) date in the same
/// offset; fractional seconds are dropped, as RFC 822 has none, and a leap
/// second (`:60`) reads as `:59`.
///
/// ```
/// assert_eq!(
///     articlekit_export::rss::rfc822("2025-07-20T08:00:00+07:00").unwrap(),
///     "Sun, 20 Jul 2025 08:00:00 +0700"
/// );
/// ```
pub fn rfc822(rfc3339: &str) -> Result<String, time::error::Parse> {
    parse_rfc3339(rfc3339).map(format_rfc822)
}

/// Parses the date in `field` of article `id`, naming both on failure.
pub fn parse_field(id: &str, field: &'static str, value: &str) -> Result<OffsetDateTime, Error> {
    parse_rfc3339(value).map_err(|source| Error::Date {
        id: id.to_owned(),
        field,
        value: value.to_owned(),
        source: Box::new(source),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_offset_of_the_input() {
        assert_eq!(
            rfc822("2025-07-20T08:00:00+07:00").expect("test data is valid"),
            "Sun, 20 Jul 2025 08:00:00 +0700"
        );
        assert_eq!(
            rfc822("2025-07-20T01:00:00Z").expect("test data is valid"),
            "Sun, 20 Jul 2025 01:00:00 +0000"
        );
        assert_eq!(
            rfc822("2025-01-05T23:15:09-05:30").expect("test data is valid"),
            "Sun, 05 Jan 2025 23:15:09 -0530"
        );
        assert_eq!(
            rfc822("2025-03-31T12:00:00+05:45").expect("test data is valid"),
            "Mon, 31 Mar 2025 12:00:00 +0545"
        );
        // RFC 3339's "offset unknown" form reads as UTC.
        assert_eq!(
            rfc822("2025-07-20T01:00:00-00:00").expect("test data is valid"),
            "Sun, 20 Jul 2025 01:00:00 +0000"
        );
    }

    #[test]
    fn handles_leap_years_and_every_month_name() {
        assert_eq!(
            rfc822("2024-02-29T00:00:00Z").expect("test data is valid"),
            "Thu, 29 Feb 2024 00:00:00 +0000"
        );
        assert_eq!(
            rfc822("2000-02-29T12:00:00Z").expect("test data is valid"),
            "Tue, 29 Feb 2000 12:00:00 +0000"
        );
        assert!(rfc822("2025-02-29T00:00:00Z").is_err());
        assert!(rfc822("1900-02-29T00:00:00Z").is_err());
        let months: Vec<String> = (1..=12)
            .map(|m| {
                rfc822(&format!("2023-{m:02}-01T00:00:00Z")).expect("test data is valid")[8..11]
                    .to_owned()
            })
            .collect();
        assert_eq!(
            months,
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
            ]
        );
    }

    #[test]
    fn drops_fractional_seconds() {
        assert_eq!(
            rfc822("2025-07-20T08:00:00.999999+07:00").expect("test data is valid"),
            "Sun, 20 Jul 2025 08:00:00 +0700"
        );
        assert_eq!(
            rfc822("2025-12-31T23:59:59.5Z").expect("test data is valid"),
            "Wed, 31 Dec 2025 23:59:59 +0000"
        );
    }

    #[test]
    fn reads_a_leap_second_as_the_second_before() {
        assert_eq!(
            rfc822("2016-12-31T23:59:60Z").expect("RFC 3339 allows leap seconds"),
            "Sat, 31 Dec 2016 23:59:59 +0000"
        );
    }

    #[test]
    fn reads_a_leap_second_on_any_day_as_validation_accepts_it() {
        // `time` takes `:60` only at the end of June and December; the
        // schema's `date-time` format takes it on any day.
        assert_eq!(
            rfc822("2016-06-15T23:59:60Z").expect("a leap second mid-month"),
            "Wed, 15 Jun 2016 23:59:59 +0000"
        );
        assert_eq!(
            rfc822("2016-06-16T06:59:60.25+07:00").expect("with an offset and a fraction"),
            "Thu, 16 Jun 2016 06:59:59 +0700"
        );
        for bad in [
            "2016-06-15T23:59:61Z",
            "2016-06-15T23:59:60",
            "2016-06-15T23:60:60Z",
        ] {
            assert!(rfc822(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn pads_small_years_and_days() {
        assert_eq!(
            rfc822("0099-01-02T03:04:05Z").expect("test data is valid"),
            "Fri, 02 Jan 0099 03:04:05 +0000"
        );
    }

    #[test]
    fn refuses_dates_without_offset_or_in_other_shapes() {
        for bad in [
            "2025-07-20T08:00:00",
            "2025-07-20",
            "20 Jul 2025",
            "Sun, 20 Jul 2025 08:00:00 +0700",
            "",
        ] {
            assert!(rfc822(bad).is_err(), "{bad}");
        }
        let err =
            parse_field("a-1", "metadata.published_at", "yesterday").expect_err("must be refused");
        assert_eq!(
            err.to_string(),
            "`metadata.published_at` of article `a-1` is not an RFC 3339 date-time with an offset: `yesterday`"
        );
    }
}
