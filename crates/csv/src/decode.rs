//! Header and row decoding: cells → the record as canonical-shaped JSON.

use csv::ByteRecord;
use serde_json::{Map, Value};

use crate::cell::{integer_value, restore, split_bullets};
use crate::columns::{COLUMNS, Kind, SPEC, index_of};

/// A cell-level problem: the column at fault (if any) and what is wrong.
pub(crate) type Problem = (Option<String>, String);

/// Which layout column each field of the file holds.
#[derive(Debug)]
pub(crate) struct Header {
    columns: Vec<usize>,
}

impl Header {
    /// Checks the header row: every name one of [`COLUMNS`], none twice,
    /// every required column there; any order.
    ///
    /// Every fault of the header is reported at once (unknown names with
    /// the nearest known column, repeated names, all missing required
    /// columns), so a file is fixed in one go rather than one run per fault.
    pub(crate) fn decode(record: &ByteRecord) -> Result<Self, Problem> {
        let mut columns = Vec::with_capacity(record.len());
        let mut seen = [false; COLUMNS.len()];
        let mut unknown_names = Vec::new();
        let mut faults = Vec::new();
        let mut first_at_fault = None;
        for field in record {
            let name = std::str::from_utf8(field)
                .map_err(|_| (None, "the header row is not valid UTF-8".to_owned()))?;
            let name = name.strip_prefix('\u{FEFF}').unwrap_or(name);
            let Some(index) = index_of(name) else {
                first_at_fault.get_or_insert_with(|| shortened(name));
                unknown_names.push(name);
                continue;
            };
            if std::mem::replace(&mut seen[index], true) {
                first_at_fault.get_or_insert_with(|| name.to_owned());
                faults.push(format!("column `{name}` appears twice"));
            }
            columns.push(index);
        }
        if !unknown_names.is_empty() {
            faults.insert(0, unknown(&unknown_names));
        }
        let missing: Vec<String> = SPEC
            .iter()
            .zip(seen)
            .filter(|(c, seen)| c.required && !seen)
            .map(|(c, _)| format!("`{}`", c.name))
            .collect();
        match missing.len() {
            0 => {}
            1 => faults.push(format!("required column {} is missing", missing[0])),
            _ => faults.push(format!(
                "required columns {} are missing",
                missing.join(", ")
            )),
        }
        if faults.is_empty() {
            return Ok(Self { columns });
        }
        let column = first_at_fault.or_else(|| {
            SPEC.iter()
                .zip(seen)
                .find(|(c, seen)| c.required && !seen)
                .map(|(c, _)| c.name.to_owned())
        });
        if !unknown_names.is_empty() {
            faults.push(format!("the columns are {}", COLUMNS.join(", ")));
        }
        Err((column, faults.join("; ")))
    }

    /// Number of fields every row must have.
    pub(crate) fn len(&self) -> usize {
        self.columns.len()
    }

    /// The name of the file's `field`-th column.
    pub(crate) fn name(&self, field: usize) -> Option<&'static str> {
        self.columns.get(field).map(|&i| COLUMNS[i])
    }

    /// At least as many JSON values as the row would become, counted
    /// without building them: a line per bullet, and the values of each
    /// JSON list cell (its `,`, `[` and `{` outside strings, plus one).
    pub(crate) fn values_at_most(&self, record: &ByteRecord) -> u64 {
        let mut values = 4;
        for (&index, field) in self.columns.iter().zip(record) {
            values += match SPEC[index].kind {
                Kind::Bullets => memchr::memchr_iter(b'\n', field).count() as u64 + 2,
                Kind::JsonList => json_values_at_most(field),
                _ => 1,
            };
        }
        values
    }

    /// Decodes one row (already checked to have [`len`](Self::len) fields).
    pub(crate) fn decode_row(&self, record: &ByteRecord, excel: bool) -> Result<Value, Problem> {
        let mut cells: [Option<&str>; COLUMNS.len()] = [None; COLUMNS.len()];
        for (&index, field) in self.columns.iter().zip(record) {
            let column = &SPEC[index];
            let text = std::str::from_utf8(field).map_err(|e| {
                let at = e.valid_up_to() + 1;
                (
                    Some(column.name.to_owned()),
                    format!("the cell is not valid UTF-8 (byte {at})"),
                )
            })?;
            let restored = excel && column.kind != Kind::Integer;
            cells[index] = Some(if restored { restore(text) } else { text });
        }
        build(&cells)
    }
}

/// Unknown header names listed in one message.
const MAX_UNKNOWN_LISTED: usize = 5;

/// `unknown column `title` (did you mean `metadata.title`?)`, for each of
/// the first few unknown names.
fn unknown(names: &[&str]) -> String {
    let listed: Vec<String> = names
        .iter()
        .take(MAX_UNKNOWN_LISTED)
        .map(|name| match nearest_column(name) {
            Some(known) => format!("`{}` (did you mean `{known}`?)", shortened(name)),
            None => format!("`{}`", shortened(name)),
        })
        .collect();
    let more = names.len().saturating_sub(MAX_UNKNOWN_LISTED);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let hint = if names.iter().any(|n| n.contains([';', '\t'])) {
        " (the file must be comma-separated)"
    } else {
        ""
    };
    format!(
        "unknown column{} {}{more}{hint}",
        if names.len() == 1 { "" } else { "s" },
        listed.join(", ")
    )
}

/// The known column an unknown header name most likely meant: first one
/// whose last dotted part is the name (`title` → `metadata.title`, the
/// article's own field before the source's), ignoring case, `-` and spaces
/// for `_`; else the column, or last part, within a small edit distance.
pub(crate) fn nearest_column(name: &str) -> Option<&'static str> {
    let wanted: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if matches!(c, '-' | ' ') { '_' } else { c })
        .collect();
    if wanted.is_empty() || wanted.chars().count() > 64 {
        return None;
    }
    let last = |column: &'static str| column.rsplit('.').next().unwrap_or(column);
    if let Some(column) = COLUMNS.iter().find(|c| *c == &wanted || last(c) == wanted) {
        return Some(column);
    }
    let limit = (wanted.chars().count() / 3).clamp(1, 3);
    COLUMNS
        .iter()
        .map(|c| {
            (
                edit_distance(&wanted, c).min(edit_distance(&wanted, last(c))),
                *c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// A header cell as quoted in a message: at most 60 characters (a file that
/// is not CSV at all can have a "header" megabytes long).
fn shortened(name: &str) -> String {
    let mut chars = name.chars();
    let mut out: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// Builds the record from its cells (in [`COLUMNS`] order) in canonical
/// field order; empty cells are absent fields.
fn build(cells: &[Option<&str>]) -> Result<Value, Problem> {
    let mut root = Map::new();
    let mut metadata = Map::new();
    let mut publisher = Map::new();
    let mut source = Map::new();
    for (column, cell) in SPEC.iter().zip(cells) {
        let Some(cell) = cell.filter(|c| !c.is_empty()) else {
            continue;
        };
        let value = match column.kind {
            Kind::Line | Kind::Text => Value::String(cell.to_owned()),
            Kind::Bullets => Value::Array(split_bullets(cell)),
            Kind::Integer => integer_value(cell),
            Kind::JsonList => match json_list(cell) {
                Ok(items) if items.is_empty() => continue,
                Ok(items) => Value::Array(items),
                Err(message) => return Err((Some(column.name.to_owned()), message)),
            },
        };
        let (object, key) = match column.path {
            [key] => (&mut root, key),
            ["metadata", key] => (&mut metadata, key),
            ["metadata", "publisher", key] => (&mut publisher, key),
            [.., key] => (&mut source, key),
            [] => continue,
        };
        object.insert((*key).to_owned(), value);
    }
    if !publisher.is_empty() {
        metadata.insert("publisher".to_owned(), Value::Object(publisher));
    }
    if !source.is_empty() {
        metadata.insert("source".to_owned(), Value::Object(source));
    }
    let mut record = Map::with_capacity(root.len() + 1);
    record.insert("metadata".to_owned(), Value::Object(metadata));
    record.append(&mut root);
    Ok(Value::Object(record))
}

/// An upper bound of the values in a JSON text: every value but the first
/// of an array or object follows a `,`, and containers add one each.
fn json_values_at_most(text: &[u8]) -> u64 {
    let (mut count, mut in_string, mut escape) = (1u64, false, false);
    for &b in text {
        match (in_string, escape, b) {
            (true, true, _) => escape = false,
            (true, false, b'\\') => escape = true,
            (true, false, b'"') => in_string = false,
            (false, _, b'"') => in_string = true,
            (false, _, b',' | b'[' | b'{') => count += 1,
            _ => {}
        }
    }
    count
}

fn json_list(cell: &str) -> Result<Vec<Value>, String> {
    match serde_json::from_str(cell) {
        Ok(Value::Array(items)) => Ok(items),
        Ok(other) => Err(format!("expected a JSON array, found {}", kind_of(&other))),
        Err(error) => Err(format!("not a JSON array: {error}")),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly on bad data, which is its job
mod tests {
    use csv::ByteRecord;
    use serde_json::json;

    use super::Header;
    use crate::columns::COLUMNS;

    fn header(names: &[&str]) -> Result<Header, (Option<String>, String)> {
        Header::decode(&ByteRecord::from(names.to_vec()))
    }

    #[test]
    fn any_order_and_optional_columns_may_be_left_out() {
        let h = header(&[
            "summary",
            "metadata.id",
            "bullets",
            "discussion_count",
            "metadata.language",
            "metadata.title",
        ])
        .unwrap();
        let row = ByteRecord::from(vec!["Tóm tắt", "a-1", "x\ny", "3", "vi", "T"]);
        assert_eq!(
            h.decode_row(&row, false).unwrap().to_string(),
            json!({"metadata": {"id": "a-1", "title": "T", "language": "vi"},
                   "summary": "Tóm tắt", "bullets": ["x", "y"], "discussion_count": 3})
            .to_string()
        );
    }

    #[test]
    fn values_are_counted_without_building_them() {
        let h = header(&[
            "metadata.id",
            "metadata.title",
            "metadata.language",
            "metadata.tags",
            "summary",
            "bullets",
            "discussion_count",
        ])
        .unwrap();
        let tags = r#"["x,y", "z", {"k": [1, 2]}]"#;
        let row = ByteRecord::from(vec!["a", "T", "vi", tags, "S", "b1\nb2\nb3", "1"]);
        // 15 values: the record, metadata, id, title, language, tags and its
        // 6, summary, bullets and its 3, the count.
        let bound = h.values_at_most(&row);
        assert!((15..=25).contains(&bound), "{bound}");
    }

    #[test]
    fn bad_headers_name_the_column() {
        let err = header(&["metadata.id", "metadata.titel"]).unwrap_err();
        assert_eq!(err.0.as_deref(), Some("metadata.titel"));
        let mut twice = COLUMNS.to_vec();
        twice.push("metadata.id");
        let err = header(&twice).unwrap_err();
        assert_eq!(
            err,
            (
                Some("metadata.id".into()),
                "column `metadata.id` appears twice".into()
            )
        );
        // Every fault at once: unknown names with a suggestion, and all the
        // missing required columns.
        let err = header(&["title", "url", "summary"]).unwrap_err();
        assert_eq!(err.0.as_deref(), Some("title"));
        assert_eq!(
            err.1,
            format!(
                "unknown columns `title` (did you mean `metadata.title`?), `url` (did you mean \
                 `metadata.url`?); required columns `metadata.id`, `metadata.title`, \
                 `metadata.language`, `bullets`, `discussion_count` are missing; the columns \
                 are {}",
                COLUMNS.join(", ")
            )
        );
        let err = header(&COLUMNS[1..]).unwrap_err();
        assert_eq!(err.0.as_deref(), Some("metadata.id"));
        let err = header(&["metadata.id;metadata.title"]).unwrap_err();
        assert!(err.1.contains("comma-separated"), "{}", err.1);
    }

    #[test]
    fn nested_objects_appear_only_when_a_cell_fills_them() {
        let h = header(COLUMNS).unwrap();
        let mut cells = vec![""; COLUMNS.len()];
        cells[12] = "Source title";
        cells[6] = "[]";
        let value = h.decode_row(&ByteRecord::from(cells), false).unwrap();
        assert_eq!(
            value,
            json!({"metadata": {"source": {"title": "Source title"}}})
        );
    }

    #[test]
    fn list_cells_must_be_json_arrays() {
        let h = header(COLUMNS).unwrap();
        let mut cells = vec![""; COLUMNS.len()];
        cells[7] = r#"{"a":1}"#;
        let err = h
            .decode_row(&ByteRecord::from(cells.clone()), false)
            .unwrap_err();
        assert_eq!(
            err,
            (
                Some("metadata.tags".into()),
                "expected a JSON array, found an object".into()
            )
        );
        cells[7] = "AI, ML";
        let err = h.decode_row(&ByteRecord::from(cells), false).unwrap_err();
        assert!(err.1.starts_with("not a JSON array: "), "{}", err.1);
    }

    #[test]
    fn excel_cells_are_restored_except_the_count() {
        let h = header(COLUMNS).unwrap();
        let mut cells = vec![""; COLUMNS.len()];
        cells[1] = "'=HYPERLINK()";
        cells[20] = "'-1";
        let value = h.decode_row(&ByteRecord::from(cells), true).unwrap();
        assert_eq!(value["metadata"]["title"], "=HYPERLINK()");
        assert_eq!(value["discussion_count"], "'-1");
    }
}
