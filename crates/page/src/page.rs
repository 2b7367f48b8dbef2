//! An imported page: the article and where each of its fields came from.

use std::collections::HashMap;

use articlekit_model::Article;

/// A page read into the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The article.
    pub article: Article,
    /// For every field taken from the page, its JSON pointer (`/metadata/title`,
    /// `/bullets/3`, `/attachments/0/url`) and the 1-based line it came from,
    /// in page order; containers (`/bullets`, `/attachments`,
    /// `/metadata/source`, `/metadata/publisher`) point at their first line.
    /// Fields set from [`PageOptions`](crate::PageOptions) are not listed;
    /// a derived `/metadata/id` points at the source URL's line.
    pub lines: Vec<(String, u64)>,
}

impl Page {
    /// The line of the field at `pointer`, or of the nearest enclosing field
    /// taken from the page (`/bullets/3` for `/bullets/3/x`); `None` for
    /// fields the page did not give.
    ///
    /// Each call scans [`Page::lines`]; for many look-ups (one per schema
    /// error of a page with thousands of bullets) use [`Page::line_index`].
    ///
    /// ```
    /// # use articlekit_page::{parse_page, PageOptions};
    /// let page = parse_page(
    ///     "Tiêu đề\n• Ý một\n📌 Tóm tắt.\nhttps://a.example/1234\nTitle\nDek\n\
    ///      Không có file đính kèm.\n0\nThảo luận\n© Sóng AI".as_bytes(),
    ///     &PageOptions::default(),
    /// )?;
    /// assert_eq!(page.line_for("/bullets/0"), Some(2));
    /// assert_eq!(page.line_for("/metadata/source/url"), Some(4));
    /// assert_eq!(page.line_for("/metadata/language"), None);
    /// # Ok::<(), articlekit_page::PageError>(())
    /// ```
    pub fn line_for(&self, pointer: &str) -> Option<u64> {
        let mut best: Option<(usize, u64)> = None;
        for (field, line) in &self.lines {
            let encloses = pointer
                .strip_prefix(field.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
            if encloses && best.is_none_or(|(len, _)| field.len() > len) {
                best = Some((field.len(), *line));
            }
        }
        best.map(|(_, line)| line)
    }
}

impl Page {
    /// An index answering [`Page::line_for`] questions in time independent
    /// of the number of fields, built in one pass over [`Page::lines`].
    pub fn line_index(&self) -> LineIndex<'_> {
        let mut lines = HashMap::with_capacity(self.lines.len());
        for (pointer, line) in &self.lines {
            lines.entry(pointer.as_str()).or_insert(*line);
        }
        LineIndex { lines }
    }
}

/// Lines of a page's fields by JSON pointer; see [`Page::line_index`].
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    lines: HashMap<&'a str, u64>,
}

impl LineIndex<'_> {
    /// Same answer as [`Page::line_for`].
    pub fn line_for(&self, pointer: &str) -> Option<u64> {
        let mut pointer = pointer;
        loop {
            if let Some(line) = self.lines.get(pointer) {
                return Some(*line);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{PageOptions, parse_page};

    #[test]
    fn the_index_and_the_scan_agree() {
        let page = parse_page(
            "T\n• a\n• b\n📌 S\nhttps://a.example/1234\nTitle\nDek\nP\nFile đính kèm:\n\
             • f - https://a.example/f (text/plain)\n0\nThảo luận\n© N - T"
                .as_bytes(),
            &PageOptions::default(),
        )
        .expect("imports");
        let index = page.line_index();
        for pointer in [
            "",
            "/metadata",
            "/metadata/title",
            "/metadata/language",
            "/bullets",
            "/bullets/1",
            "/bullets/10",
            "/bullets/1/x",
            "/summary",
            "/metadata/source/language",
            "/metadata/source/text",
            "/attachments",
            "/attachments/0/media_type",
            "/attachments/0/size_bytes",
            "/discussion_count",
            "/metadata/publisher/tagline",
            "/metadata/publisher/url",
        ] {
            assert_eq!(index.line_for(pointer), page.line_for(pointer), "{pointer}");
        }
        assert_eq!(index.line_for("/bullets/1"), Some(3));
        assert_eq!(index.line_for("/bullets/10"), Some(2), "the list itself");
        assert_eq!(index.line_for("/attachments/0/media_type"), Some(10));
        assert_eq!(index.line_for("/metadata/publisher/url"), Some(13));
        assert_eq!(index.line_for("/metadata"), None);
    }
}
