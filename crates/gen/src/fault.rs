//! The ways a generated record is broken on purpose.

use articlekit_model::Article;
use serde_json::{Value, json};

use crate::dates::Stamp;
use crate::edit::{
    attachment, author, metadata, obj, publisher, replace_bullet, set, source, spoil, spoil_at,
    spoil_bullet, unset,
};
use crate::pools::vi;
use crate::rng::Rng;

/// What decides that a broken record is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The JSON Schema alone, on the parsed record: any draft 2020-12
    /// validator with format assertion must call the record invalid.
    Schema,
    /// A batch rule the schema cannot express (duplicate id, date order).
    Batch,
    /// The bytes themselves: not UTF-8, not JSON, or JSON that common
    /// parsers refuse (nesting depth, number range).
    Bytes,
}

impl Scope {
    /// The scope's name as written in labels.
    pub fn name(self) -> &'static str {
        match self {
            Self::Schema => "schema",
            Self::Batch => "batch",
            Self::Bytes => "bytes",
        }
    }
}

macro_rules! faults {
    ($($variant:ident => $name:literal, $scope:ident, $doc:literal;)*) => {
        /// One planted fault.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Fault {
            $(#[doc = $doc] $variant,)*
        }

        impl Fault {
            /// Every fault, in the order a batch cycles through them.
            pub const ALL: &[Fault] = &[$(Fault::$variant,)*];

            /// Kebab-case name, as written in labels.
            pub fn name(self) -> &'static str {
                match self { $(Fault::$variant => $name,)* }
            }

            /// What decides that the record is broken.
            pub fn scope(self) -> Scope {
                match self { $(Fault::$variant => Scope::$scope,)* }
            }
        }
    };
}

faults! {
    MissingMetadata => "missing-metadata", Schema, "No `metadata` object.";
    MissingId => "missing-id", Schema, "No `metadata.id`.";
    MissingTitle => "missing-title", Schema, "No `metadata.title`.";
    MissingLanguage => "missing-language", Schema, "No `metadata.language`.";
    MissingSummary => "missing-summary", Schema, "No `summary`.";
    MissingBullets => "missing-bullets", Schema, "No `bullets`.";
    MissingDiscussionCount => "missing-discussion-count", Schema, "No `discussion_count`.";
    MissingSourceUrl => "missing-source-url", Schema, "A `source` without its `url`.";
    MissingAttachmentUrl => "missing-attachment-url", Schema, "An attachment without its `url`.";
    MissingAuthorName => "missing-author-name", Schema, "An author without a `name`.";
    MissingPublisherName => "missing-publisher-name", Schema, "A publisher without a `name`.";
    CountAsString => "count-as-string", Schema, "`discussion_count` written as a string.";
    TitleAsNumber => "title-as-number", Schema, "`metadata.title` is a number.";
    BulletsAsObject => "bullets-as-object", Schema, "`bullets` is an object.";
    TagsAsString => "tags-as-string", Schema, "`metadata.tags` is one string.";
    AuthorsAsObject => "authors-as-object", Schema, "`metadata.authors` is one object, not a list.";
    SourceAsString => "source-as-string", Schema, "`metadata.source` is just its URL.";
    SizeAsString => "size-as-string", Schema, "`size_bytes` written as a string.";
    UnknownTopField => "unknown-top-field", Schema, "A misspelt top-level field (`sumary`).";
    UnknownMetadataField => "unknown-metadata-field", Schema, "An unknown field in `metadata` (`author`).";
    UnknownSourceField => "unknown-source-field", Schema, "An unknown field in `source` (`titel`).";
    UnknownAttachmentField => "unknown-attachment-field", Schema, "An unknown field in an attachment (`mime`).";
    UrlNotAUrl => "url-not-a-url", Schema, "`source.url` is `not a url`.";
    UrlFtp => "url-ftp", Schema, "`metadata.url` is `ftp://x`.";
    UrlRelative => "url-relative", Schema, "An author URL that is a relative path.";
    UrlWithSpaces => "url-with-spaces", Schema, "An attachment URL with spaces in it.";
    UrlNoHost => "url-no-host", Schema, "A publisher URL without a host (`https://`).";
    DateBadMonth => "date-bad-month", Schema, "`published_at` in month 13.";
    DateNoOffset => "date-no-offset", Schema, "`published_at` without an offset.";
    DateOnly => "date-only", Schema, "`updated_at` is a date without a time.";
    DateBadDay => "date-bad-day", Schema, "`published_at` on February 30.";
    LanguageBad => "language-bad", Schema, "`metadata.language` is not a language tag.";
    LanguageUnderscore => "language-underscore", Schema, "`source.language` written `en_US`.";
    LanguageEmpty => "language-empty", Schema, "`metadata.language` is empty.";
    IdBadChars => "id-bad-chars", Schema, "`metadata.id` with spaces and Vietnamese letters.";
    IdTooLong => "id-too-long", Schema, "`metadata.id` of 129 characters.";
    IdLeadingDash => "id-leading-dash", Schema, "`metadata.id` starting with `-`.";
    TitleEmpty => "title-empty", Schema, "`metadata.title` is empty.";
    TitleBlank => "title-blank", Schema, "`metadata.title` is spaces and no-break spaces.";
    TitleTooLong => "title-too-long", Schema, "`metadata.title` of 301 characters.";
    TitleControl => "title-control", Schema, "A BEL character in `metadata.title`.";
    TitleNewline => "title-newline", Schema, "A line break in `metadata.title`.";
    BulletControl => "bullet-control", Schema, "A U+0001 in a bullet.";
    BulletNewline => "bullet-newline", Schema, "A line feed in a bullet.";
    BulletTab => "bullet-tab", Schema, "A tab in a bullet.";
    BulletBlank => "bullet-blank", Schema, "A blank bullet.";
    BulletTooLong => "bullet-too-long", Schema, "A bullet of 2001 characters.";
    BulletsEmpty => "bullets-empty", Schema, "`bullets` is an empty list.";
    BulletsTooMany => "bullets-too-many", Schema, "51 bullets.";
    SummaryControl => "summary-control", Schema, "A vertical tab in `summary`.";
    SummaryBlank => "summary-blank", Schema, "`summary` is only whitespace.";
    SummaryTooLong => "summary-too-long", Schema, "`summary` of 5001 characters.";
    SourceTextControl => "source-text-control", Schema, "A NUL in `source.text`.";
    TagsDuplicate => "tags-duplicate", Schema, "The same tag twice.";
    TagEmpty => "tag-empty", Schema, "An empty tag.";
    TagControl => "tag-control", Schema, "A U+001F in a tag.";
    CountNegative => "count-negative", Schema, "`discussion_count` of -1.";
    CountFraction => "count-fraction", Schema, "`discussion_count` of 2.5.";
    CountTooLarge => "count-too-large", Schema, "`discussion_count` of 2^32.";
    SizeNegative => "size-negative", Schema, "`size_bytes` of -1.";
    SizeFraction => "size-fraction", Schema, "`size_bytes` of 1024.5.";
    MediaTypeBad => "media-type-bad", Schema, "`media_type` of `pdf`.";
    MediaTypeSpaces => "media-type-spaces", Schema, "`media_type` of `image / png`.";
    NullUrl => "null-url", Schema, "`metadata.url` is `null`.";
    NullSourceTitle => "null-source-title", Schema, "`source.title` is `null`.";
    NullAttachments => "null-attachments", Schema, "`attachments` is `null`.";
    NullTags => "null-tags", Schema, "`metadata.tags` is `null`.";
    EmptyObject => "empty-object", Schema, "The record is `{}`.";
    ArrayRecord => "array-record", Schema, "The record is a JSON array holding the article.";
    StringRecord => "string-record", Schema, "The record is a JSON string.";
    DuplicateId => "duplicate-id", Batch, "The id of an earlier valid record.";
    UpdatedBeforePublished => "updated-before-published", Batch, "`updated_at` a day before `published_at`.";
    TruncatedJson => "truncated-json", Bytes, "The line stops in the middle of the object.";
    TrailingGarbage => "trailing-garbage", Bytes, "Text after the closing brace.";
    NonUtf8 => "non-utf8", Bytes, "Bytes that are not UTF-8 inside `summary`.";
    DeepNesting => "deep-nesting", Bytes, "An unknown field nested 100,000 arrays deep.";
    NumberOutOfRange => "number-out-of-range", Bytes, "`discussion_count` of 1e400.";
}

/// A lowercase Vietnamese filler long enough for length-limit faults.
fn long_text(chars: usize) -> String {
    let words: String = vi::OBJECTS.join(" ");
    words.chars().cycle().take(chars).collect()
}

fn compact(value: &Value) -> Vec<u8> {
    // Serialising a `Value` to memory cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

impl Fault {
    /// The record's line (without its line feed): `article` broken this way.
    ///
    /// `earlier_id` is the id of an earlier valid record in the batch, used
    /// by [`Fault::DuplicateId`] (without one the record keeps its own id).
    pub fn apply(self, article: &Article, rng: &mut Rng, earlier_id: Option<&str>) -> Vec<u8> {
        let good = article.to_canonical_json();
        if let Some(bytes) = self.break_bytes(&good) {
            return bytes;
        }
        let mut v = serde_json::to_value(article).unwrap_or_else(|_| json!({}));
        let _ = self.remove_field(&mut v)
            || self.change_type(&mut v, article)
            || self.spoil_text(&mut v, rng)
            || self.spoil_value(&mut v, article, rng, earlier_id);
        compact(&v)
    }

    /// Faults in the bytes of the line.
    fn break_bytes(self, good: &str) -> Option<Vec<u8>> {
        let bytes = match self {
            Self::TruncatedJson => {
                let mut cut = good.len() * 3 / 5;
                while !good.is_char_boundary(cut) {
                    cut -= 1;
                }
                good.as_bytes()[..cut].to_vec()
            }
            Self::TrailingGarbage => format!("{good} ,").into_bytes(),
            Self::NonUtf8 => {
                let marker = b"\"summary\":\"";
                let mut bytes = good.as_bytes().to_vec();
                let at = find(&bytes, marker).map_or(0, |i| i + marker.len());
                bytes.splice(at..at, [0xC3, 0x28, 0xFF]);
                bytes
            }
            Self::DeepNesting => {
                let depth = 100_000;
                let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
                format!("{{\"nested\":{nested},{}", &good[1..]).into_bytes()
            }
            Self::NumberOutOfRange => {
                // `discussion_count` is the last field of a canonical record.
                let at = good.rfind("\"discussion_count\":").unwrap_or(0);
                format!("{}\"discussion_count\":1e400}}", &good[..at]).into_bytes()
            }
            _ => return None,
        };
        Some(bytes)
    }

    /// Required fields left out.
    fn remove_field(self, r: &mut Value) -> bool {
        match self {
            Self::MissingMetadata => unset(obj(r), "metadata"),
            Self::MissingId => unset(metadata(r), "id"),
            Self::MissingTitle => unset(metadata(r), "title"),
            Self::MissingLanguage => unset(metadata(r), "language"),
            Self::MissingSummary => unset(obj(r), "summary"),
            Self::MissingBullets => unset(obj(r), "bullets"),
            Self::MissingDiscussionCount => unset(obj(r), "discussion_count"),
            Self::MissingSourceUrl => unset(source(r), "url"),
            Self::MissingAttachmentUrl => unset(attachment(r), "url"),
            Self::MissingAuthorName => unset(author(r), "name"),
            Self::MissingPublisherName => unset(publisher(r), "name"),
            _ => return false,
        }
        true
    }

    /// Values of the wrong JSON type, unknown fields, records that are not objects.
    fn change_type(self, r: &mut Value, article: &Article) -> bool {
        match self {
            Self::CountAsString => set(
                obj(r),
                "discussion_count",
                article.discussion_count.to_string().into(),
            ),
            Self::TitleAsNumber => set(metadata(r), "title", json!(42)),
            Self::BulletsAsObject => {
                let first = article.bullets.first().cloned().unwrap_or_default();
                set(obj(r), "bullets", json!({ "1": first }));
            }
            Self::TagsAsString => set(metadata(r), "tags", json!("AI, chip bán dẫn")),
            Self::AuthorsAsObject => {
                set(metadata(r), "authors", json!({ "name": "Nguyễn Minh Anh" }));
            }
            Self::SourceAsString => {
                let url = article
                    .metadata
                    .source
                    .as_ref()
                    .map_or("https://www.scmp.com/x", |s| s.url.as_str());
                set(metadata(r), "source", url.into());
            }
            Self::SizeAsString => set(attachment(r), "size_bytes", json!("482113")),
            Self::UnknownTopField => set(obj(r), "sumary", json!(article.summary)),
            Self::UnknownMetadataField => set(metadata(r), "author", json!("Trần Quốc Bảo")),
            Self::UnknownSourceField => set(source(r), "titel", json!("China AI")),
            Self::UnknownAttachmentField => set(attachment(r), "mime", json!("application/pdf")),
            Self::NullUrl => set(metadata(r), "url", Value::Null),
            Self::NullSourceTitle => set(source(r), "title", Value::Null),
            Self::NullAttachments => set(obj(r), "attachments", Value::Null),
            Self::NullTags => set(metadata(r), "tags", Value::Null),
            Self::EmptyObject => *r = json!({}),
            Self::ArrayRecord => *r = json!([r.clone()]),
            Self::StringRecord => *r = json!(article.metadata.title),
            _ => return false,
        }
        true
    }

    /// Strings that break a format, pattern or length rule.
    fn spoil_text(self, r: &mut Value, rng: &mut Rng) -> bool {
        match self {
            Self::UrlNotAUrl => set(source(r), "url", json!("not a url")),
            Self::UrlFtp => set(metadata(r), "url", json!("ftp://x")),
            Self::UrlRelative => set(author(r), "url", json!("/tac-gia/nguyen-minh-anh")),
            Self::UrlWithSpaces => set(
                attachment(r),
                "url",
                json!("https://cdn.songai.example/files/bao cao moi.pdf"),
            ),
            Self::UrlNoHost => set(publisher(r), "url", json!("https://")),
            Self::DateBadMonth => set(metadata(r), "published_at", json!("2025-13-01T00:00:00Z")),
            Self::DateNoOffset => set(metadata(r), "published_at", json!("2025-07-20T08:00:00")),
            Self::DateOnly => set(metadata(r), "updated_at", json!("2025-07-20")),
            Self::DateBadDay => set(
                metadata(r),
                "published_at",
                json!("2025-02-30T10:00:00+07:00"),
            ),
            Self::LanguageBad => set(metadata(r), "language", json!("vietnamese!")),
            Self::LanguageUnderscore => set(source(r), "language", json!("en_US")),
            Self::LanguageEmpty => set(metadata(r), "language", json!("")),
            Self::IdBadChars => set(metadata(r), "id", json!("bài viết 1")),
            Self::IdTooLong => set(metadata(r), "id", format!("a{}", "b".repeat(128)).into()),
            Self::IdLeadingDash => spoil_at(metadata(r), "id", "-", 0),
            Self::TitleEmpty => set(metadata(r), "title", json!("")),
            Self::TitleBlank => set(metadata(r), "title", json!("  \u{a0}\u{3000} ")),
            Self::TitleTooLong => set(metadata(r), "title", long_text(301).into()),
            Self::TitleControl => spoil(metadata(r), "title", "\u{7}"),
            Self::TitleNewline => spoil(metadata(r), "title", "\r\n"),
            Self::BulletControl => spoil_bullet(r, rng, "\u{1}"),
            Self::BulletNewline => spoil_bullet(r, rng, "\n"),
            Self::BulletTab => spoil_bullet(r, rng, "\t"),
            Self::BulletBlank => replace_bullet(r, rng, json!(" \u{a0} ")),
            Self::BulletTooLong => replace_bullet(r, rng, long_text(2001).into()),
            Self::SummaryControl => spoil(obj(r), "summary", "\u{b}"),
            Self::SummaryBlank => set(obj(r), "summary", json!("\n\t \u{a0}\r\n")),
            Self::SummaryTooLong => set(obj(r), "summary", long_text(5001).into()),
            Self::SourceTextControl => spoil(source(r), "text", "\u{0}"),
            Self::TagEmpty => set(metadata(r), "tags", json!(["AI", ""])),
            Self::TagControl => set(metadata(r), "tags", json!(["AI\u{1f}chip"])),
            Self::MediaTypeBad => set(attachment(r), "media_type", json!("pdf")),
            Self::MediaTypeSpaces => set(attachment(r), "media_type", json!("image / png")),
            _ => return false,
        }
        true
    }

    /// Numbers out of range, list rules, and the batch rules.
    fn spoil_value(
        self,
        r: &mut Value,
        article: &Article,
        rng: &mut Rng,
        earlier_id: Option<&str>,
    ) -> bool {
        match self {
            Self::BulletsEmpty => set(obj(r), "bullets", json!([])),
            Self::BulletsTooMany => {
                let many: Vec<Value> = (1..=51)
                    .map(|i| json!(format!("Ý chính số {i}.")))
                    .collect();
                set(obj(r), "bullets", Value::Array(many));
            }
            Self::TagsDuplicate => {
                let tag = article
                    .metadata
                    .tags
                    .first()
                    .map_or("quản trị AI", String::as_str);
                set(metadata(r), "tags", json!([tag, "Global South", tag]));
            }
            Self::CountNegative => set(obj(r), "discussion_count", json!(-1)),
            Self::CountFraction => set(obj(r), "discussion_count", json!(2.5)),
            Self::CountTooLarge => set(obj(r), "discussion_count", json!(4_294_967_296_u64)),
            Self::SizeNegative => set(attachment(r), "size_bytes", json!(-1)),
            Self::SizeFraction => set(attachment(r), "size_bytes", json!(1024.5)),
            Self::DuplicateId => {
                if let Some(id) = earlier_id {
                    set(metadata(r), "id", id.into());
                }
            }
            Self::UpdatedBeforePublished => {
                let published = Stamp::random(rng);
                let updated = published.earlier(86_400);
                set(metadata(r), "published_at", published.rfc3339().into());
                set(metadata(r), "updated_at", updated.rfc3339().into());
            }
            _ => return false,
        }
        true
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::{Fault, Scope};

    #[test]
    fn names_are_unique_kebab_case() {
        let mut names: Vec<&str> = Fault::ALL.iter().map(|f| f.name()).collect();
        assert!(names.iter().all(|n| {
            n.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Fault::ALL.len());
    }

    #[test]
    fn there_are_many_schema_faults_and_some_of_each_other_scope() {
        let count = |s| Fault::ALL.iter().filter(|f| f.scope() == s).count();
        assert!(count(Scope::Schema) >= 60);
        assert_eq!(count(Scope::Batch), 2);
        assert_eq!(count(Scope::Bytes), 5);
    }
}
