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

/// The two dates parsed (each `None` when absent or unreadable, which the
/// schema reports), and the `date-order` message when they are out of order.
pub(crate) fn checked_dates(
    published: Option<&str>,
    updated: Option<&str>,
) -> (Dates, Option<String>) {
    let parse = |text: Option<&str>| text.and_then(|t| OffsetDateTime::parse(t, &Rfc3339).ok());
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
