//! The layout's header and row decoding for cells that come from somewhere
//! else than a CSV file (a workbook's sheet): the same rules, the same
//! messages, one implementation.

use csv::ByteRecord;
use serde_json::Value;

use crate::columns::{Kind, SPEC};
use crate::decode::Header;

/// The columns of a table in the CSV layout, told by its header cells, and
/// the decoding of its rows into records.
///
/// A cell is the CSV layout's cell as text: `bullets` one per line, the
/// list columns compact JSON arrays, `discussion_count` a decimal integer,
/// an empty cell an absent field. Cells are taken as they are (no
/// spreadsheet apostrophe is removed).
///
/// ```
/// use articlekit_csv::Layout;
///
/// let layout = Layout::new(["metadata.id", "metadata.title", "metadata.language",
///     "summary", "bullets", "discussion_count"]).map_err(|(_, m)| m)?;
/// assert_eq!(layout.name(1), Some("metadata.title"));
/// let value = layout.decode(["a-1", "Tiêu đề", "vi", "Tóm tắt.", "Ý một\nÝ hai", "3"])
///     .map_err(|(_, m)| m)?;
/// assert_eq!(value.to_string(), r#"{"metadata":{"id":"a-1","title":"Tiêu đề","language":"vi"},"summary":"Tóm tắt.","bullets":["Ý một","Ý hai"],"discussion_count":3}"#);
/// assert!(Layout::new(["metadata.id", "title"]).is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Debug)]
pub struct Layout {
    header: Header,
}

impl Layout {
    /// Checks the header cells as the CSV reader checks a header row (any
    /// order, optional columns may be left out, no unknown or repeated
    /// name, every required column there). The error is `(column at fault,
    /// message)`, every fault of the header in one message.
    pub fn new<'a>(
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, (Option<String>, String)> {
        let record: ByteRecord = names.into_iter().collect();
        Header::decode(&record).map(|header| Self { header })
    }

    /// The number of columns.
    pub fn len(&self) -> usize {
        self.header.len()
    }

    /// True when there are no columns (never, for a layout that was checked).
    pub fn is_empty(&self) -> bool {
        self.header.len() == 0
    }

    /// The layout name of the `field`-th column (0-based).
    pub fn name(&self, field: usize) -> Option<&'static str> {
        self.header.name(field)
    }

    /// Whether the `field`-th column holds an integer (`discussion_count`).
    pub fn is_integer(&self, field: usize) -> bool {
        self.name(field)
            .and_then(|name| SPEC.iter().find(|c| c.name == name))
            .is_some_and(|c| c.kind == Kind::Integer)
    }

    /// At least as many JSON values as the row would become, counted
    /// without building them (to refuse a row that would take too much
    /// memory before decoding it).
    pub fn values_at_most<'a>(&self, cells: impl IntoIterator<Item = &'a str>) -> u64 {
        let record: ByteRecord = cells.into_iter().collect();
        self.header.values_at_most(&record)
    }

    /// Decodes one row, a cell per column in header order, into the record
    /// in canonical field order (not yet validated). A wrong number of
    /// cells, or a list cell that is not a JSON array, is an error
    /// `(column, message)`.
    pub fn decode<'a>(
        &self,
        cells: impl IntoIterator<Item = &'a str>,
    ) -> Result<Value, (Option<String>, String)> {
        let record: ByteRecord = cells.into_iter().collect();
        if record.len() != self.header.len() {
            return Err((
                None,
                format!(
                    "the row has {} cells, the header {}",
                    record.len(),
                    self.header.len()
                ),
            ));
        }
        self.header.decode_row(&record, false)
    }
}

#[cfg(test)]
mod tests {
    use super::Layout;
    use crate::COLUMNS;

    #[test]
    fn the_header_rules_are_the_csv_readers() {
        let err = Layout::new(["metadata.id", "metadata.titel"]).expect_err("refused");
        assert_eq!(err.0.as_deref(), Some("metadata.titel"));
        assert!(
            err.1.contains("did you mean `metadata.title`?"),
            "{}",
            err.1
        );
        let layout = Layout::new(COLUMNS.iter().copied().rev()).expect("any order");
        assert_eq!(layout.len(), COLUMNS.len());
        assert_eq!(layout.name(0), Some("discussion_count"));
        assert!(layout.is_integer(0));
        assert!(!layout.is_integer(1));
    }

    #[test]
    fn rows_decode_as_csv_rows_do() {
        let layout = Layout::new(["metadata.id", "metadata.tags", "discussion_count"])
            .map_err(|e| e.1)
            .expect_err("required columns missing");
        assert!(layout.contains("required columns"), "{layout}");
        let layout = Layout::new(COLUMNS.iter().copied()).expect("the layout");
        let mut cells = vec![""; COLUMNS.len()];
        cells[0] = "a-1";
        cells[7] = "AI, ML";
        let err = layout
            .decode(cells.iter().copied())
            .expect_err("not a list");
        assert_eq!(err.0.as_deref(), Some("metadata.tags"));
        cells[7] = r#"["AI"]"#;
        cells[20] = "0012";
        let value = layout.decode(cells.iter().copied()).expect("decoded");
        assert_eq!(value["metadata"]["tags"][0], "AI");
        assert_eq!(
            value["discussion_count"], "0012",
            "left for the schema to refuse"
        );
        let err = layout.decode(["a"]).expect_err("short row");
        assert_eq!(err, (None, "the row has 1 cells, the header 21".into()));
    }
}
