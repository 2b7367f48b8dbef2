//! Rules the schema cannot say: `updated_at` not before `published_at`.

use articlekit_model::Article;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::verdict::Dates;

/// The message when `metadata.updated_at` is before `metadata.published_at`
/// (compared as instants, so offsets count), or `None` when in order or
/// when either is absent or unreadable (the schema reports those).
pub fn date_order(article: &Article) -> Option<String> {
    dates_in_order(
        article.metadata.published_at.as_deref()?,
        article.metadata.updated_at.as_deref()?,
    )
}

/// [`date_order`] on the two dates as text.
pub fn dates_in_order(published: &str, updated: &str) -> Option<String> {
    checked_dates(Some(published), Some(updated)).1
}

/// Parses an RFC 3339 date-time (offset required, fractions allowed), as
/// every part of articlekit reads the model's dates.
///
/// A leap second (`23:59:60`), which the schema's `date-time` format
/// accepts, reads as the last instant of second 59 (`.999999999`): what
/// `time` does itself at the end of June and December, here on any day,
/// since the schema does not know the leap-second table either.
///
/// ```
/// let date = articlekit_validate::parse_rfc3339("2016-06-15T23:59:60Z").unwrap();
/// assert_eq!((date.second(), date.nanosecond()), (59, 999_999_999));
/// assert!(articlekit_validate::parse_rfc3339("2016-06-15T23:59:61Z").is_err());
/// ```
pub fn parse_rfc3339(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    let error = match OffsetDateTime::parse(text, &Rfc3339) {
        Ok(date) => return Ok(date),
        Err(error) => error,
    };
    let b = text.as_bytes();
    // `YYYY-MM-DDTHH:MM:60…`: ASCII up to byte 19, so the slices below
    // fall on character boundaries.
    if b.len() > 19 && b[16] == b':' && &b[17..19] == b"60" && b[..16].is_ascii() {
        let fixed = format!("{}59{}", &text[..17], &text[19..]);
        if let Ok(date) = OffsetDateTime::parse(&fixed, &Rfc3339) {
            return Ok(date.replace_nanosecond(999_999_999).unwrap_or(date));
        }
    }
    Err(error)
}

/// The two dates parsed (each `None` when absent or unreadable, which the
/// schema reports), and the `date-order` message when they are out of order.
pub(crate) fn checked_dates(
    published: Option<&str>,
    updated: Option<&str>,
) -> (Dates, Option<String>) {
    let parse = |text: Option<&str>| text.and_then(|t| parse_rfc3339(t).ok());
    let dates = Dates {
        published: parse(published),
        updated: parse(updated),
    };
    let message = match (dates.published, dates.updated, published, updated) {
        (Some(p), Some(u), Some(published), Some(updated)) if u < p => Some(format!(
            "metadata.updated_at: `{updated}` is before metadata.published_at `{published}`; an article cannot be updated before it is published"
        )),
        _ => None,
    };
    (dates, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(published: &str, updated: &str) -> Article {
        let json = format!(
            r#"{{"metadata":{{"id":"a","title":"T","language":"vi","published_at":"{published}","updated_at":"{updated}"}},"summary":"s","bullets":["b"],"discussion_count":0}}"#
        );
        serde_json::from_str(&json).expect("article")
    }

    #[test]
    fn compares_instants_not_text() {
        // 08:00+07:00 is 01:00Z: an update at 02:00Z is after it.
        assert_eq!(
            date_order(&article(
                "2025-07-20T08:00:00+07:00",
                "2025-07-20T02:00:00Z"
            )),
            None
        );
        // 08:00+07:00 is 01:00Z: an update at 00:30Z is before it.
        let message = date_order(&article(
            "2025-07-20T08:00:00+07:00",
            "2025-07-20T00:30:00Z",
        ))
        .expect("out of order");
        assert!(
            message.starts_with("metadata.updated_at: `2025-07-20T00:30:00Z` is before"),
            "{message}"
        );
        assert_eq!(
            date_order(&article(
                "2025-07-20T08:00:00+07:00",
                "2025-07-20T08:00:00+07:00"
            )),
            None
        );
    }

    #[test]
    fn absent_or_unreadable_dates_are_left_to_the_schema() {
        assert_eq!(
            date_order(&article("2025-07-20T08:00:00+07:00", "yesterday")),
            None
        );
        let mut a = article("2025-07-20T08:00:00+07:00", "2020-01-01T00:00:00Z");
        a.metadata.updated_at = None;
        assert_eq!(date_order(&a), None);
    }
}
