//! The keyword of an error: which schema keyword or which rule of
//! articlekit's own it breaks, as a type, in the style of `jsonschema`'s
//! `ValidationErrorKind`. It is told in reports by its stable name
//! (`additionalProperties`, `duplicate-id`, ...).

use std::fmt;

use articlekit_read::ReadErrorKind;
use serde::{Serialize, Serializer};

/// What an error is about: a schema keyword, or a rule of articlekit's own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Keyword {
    /// `additionalProperties`: a field the model does not have.
    AdditionalProperties,
    /// `format`: a string not in its format (`uri`, `date-time`).
    Format,
    /// `items`.
    Items,
    /// `maxItems`.
    MaxItems,
    /// `maxLength`.
    MaxLength,
    /// `maximum`.
    Maximum,
    /// `minItems`.
    MinItems,
    /// `minLength`.
    MinLength,
    /// `minimum`.
    Minimum,
    /// `not`: for the schema, the control-character rules.
    Not,
    /// `pattern`.
    Pattern,
    /// `required`: a missing field.
    Required,
    /// `type`: a value of the wrong JSON type.
    Type,
    /// `uniqueItems`.
    UniqueItems,
    /// `parse`: not JSON (or a bad CSV header, an unreadable page).
    Parse,
    /// `utf8`: not UTF-8.
    Utf8,
    /// `size`: a record over the size or value limits.
    Size,
    /// `io`: an input that could not be opened or read.
    Io,
    /// `duplicate-id`: a `metadata.id` already used in the batch.
    DuplicateId,
    /// `date-order`: `updated_at` before `published_at`.
    DateOrder,
    /// `duplicate-key`: a key twice in one object (at the second).
    DuplicateKey,
    /// `too-many-errors`: a note that ends the list of a record's errors
    /// when not all of them are listed: the record has more than
    /// [`MAX_RECORD_ERRORS`](crate::MAX_RECORD_ERRORS), or an array longer
    /// than [`MAX_CHECKED_ITEMS`](crate::MAX_CHECKED_ITEMS) items (only the
    /// first are checked for the list; the verdict is the whole record's).
    TooManyErrors,
    /// `model`: a record that passed the schema but not the model (a bug).
    Model,
    /// Any other keyword `jsonschema` reports (the article schema uses none).
    Other(Box<str>),
}

impl Keyword {
    /// Every keyword with a name of its own, for tests and documentation.
    pub const ALL: [Keyword; 23] = [
        Self::AdditionalProperties,
        Self::Format,
        Self::Items,
        Self::MaxItems,
        Self::MaxLength,
        Self::Maximum,
        Self::MinItems,
        Self::MinLength,
        Self::Minimum,
        Self::Not,
        Self::Pattern,
        Self::Required,
        Self::Type,
        Self::UniqueItems,
        Self::Parse,
        Self::Utf8,
        Self::Size,
        Self::Io,
        Self::DuplicateId,
        Self::DateOrder,
        Self::DuplicateKey,
        Self::TooManyErrors,
        Self::Model,
    ];

    /// The keyword's name in reports.
    pub fn as_str(&self) -> &str {
        match self {
            Self::AdditionalProperties => "additionalProperties",
            Self::Format => "format",
            Self::Items => "items",
            Self::MaxItems => "maxItems",
            Self::MaxLength => "maxLength",
            Self::Maximum => "maximum",
            Self::MinItems => "minItems",
            Self::MinLength => "minLength",
            Self::Minimum => "minimum",
            Self::Not => "not",
            Self::Pattern => "pattern",
            Self::Required => "required",
            Self::Type => "type",
            Self::UniqueItems => "uniqueItems",
            Self::Parse => "parse",
            Self::Utf8 => "utf8",
            Self::Size => "size",
            Self::Io => "io",
            Self::DuplicateId => "duplicate-id",
            Self::DateOrder => "date-order",
            Self::DuplicateKey => "duplicate-key",
            Self::TooManyErrors => "too-many-errors",
            Self::Model => "model",
            Self::Other(name) => name,
        }
    }

    /// The keyword of this name (an unknown name is [`Keyword::Other`]).
    pub fn from_name(name: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == name)
            .unwrap_or_else(|| Self::Other(name.into()))
    }
}

impl From<ReadErrorKind> for Keyword {
    fn from(kind: ReadErrorKind) -> Self {
        match kind {
            ReadErrorKind::Utf8 => Self::Utf8,
            ReadErrorKind::Parse => Self::Parse,
            ReadErrorKind::Size => Self::Size,
        }
    }
}

impl fmt::Display for Keyword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Keyword {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use articlekit_read::ReadErrorKind;

    use super::Keyword;

    #[test]
    fn names_round_trip_and_serialise_as_names() {
        for keyword in Keyword::ALL {
            assert_eq!(Keyword::from_name(keyword.as_str()), keyword);
            assert_eq!(
                serde_json::to_string(&keyword).expect("serialises"),
                format!("\"{keyword}\"")
            );
        }
        assert_eq!(
            Keyword::from_name("dependentRequired"),
            Keyword::Other("dependentRequired".into())
        );
    }

    /// The reader names its errors itself; the names agree.
    #[test]
    fn read_errors_keep_their_names() {
        for kind in [
            ReadErrorKind::Utf8,
            ReadErrorKind::Parse,
            ReadErrorKind::Size,
        ] {
            assert_eq!(Keyword::from(kind).as_str(), kind.keyword());
        }
    }
}
