//! How a page is imported.

/// Choices the page itself does not make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageOptions {
    /// `metadata.language`: the language the page is written in (`vi` by default).
    pub language: String,
    /// `metadata.source.language`; when `None` it is detected from the
    /// source's title, subtitle and text, and left out if unclear.
    pub source_language: Option<String>,
    /// `metadata.id`; when `None` it is derived from the source URL with
    /// [`articlekit_model::id_from_url`], so re-importing a page gives the same id.
    pub id: Option<String>,
}

impl Default for PageOptions {
    fn default() -> Self {
        Self {
            language: "vi".to_owned(),
            source_language: None,
            id: None,
        }
    }
}
