//! The Frictionless Data Package sidecar: a Table Schema of the columns,
//! with the model's descriptions and the rules a CSV validator can check.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use articlekit_model::{rules, schema};
use serde_json::{Map, Value, json};

use crate::columns::{Kind, SPEC};

/// What a column holds, for its Table Schema type and constraints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Id,
    Language,
    Url,
    DateTime,
    Line,
    Text,
    Bullets,
    JsonList,
    Count,
}

fn shape(name: &str, kind: Kind) -> Shape {
    match (name, kind) {
        ("metadata.id", _) => Shape::Id,
        ("metadata.language" | "metadata.source.language", _) => Shape::Language,
        ("metadata.url" | "metadata.publisher.url" | "metadata.source.url", _) => Shape::Url,
        ("metadata.published_at" | "metadata.updated_at", _) => Shape::DateTime,
        (_, Kind::Line) => Shape::Line,
        (_, Kind::Text) => Shape::Text,
        (_, Kind::Bullets) => Shape::Bullets,
        (_, Kind::JsonList) => Shape::JsonList,
        (_, Kind::Integer) => Shape::Count,
    }
}

// Python `re` patterns, anchored by frictionless (`^…$`). Each accepts at
// least every value the model accepts: Python's `\s` is a subset of the
// model's blank characters plus C0 controls, which the model forbids anyway.
const LINE: &str = r"[^\x00-\x1f]*[^\x00-\x1f\s][^\x00-\x1f]*";
const TEXT: &str = r"[^\x00-\x08\x0b\x0c\x0e-\x1f]*[^\x00-\x1f\s][^\x00-\x08\x0b\x0c\x0e-\x1f]*";
const URL: &str = r"[Hh][Tt][Tt][Pp][Ss]?://[^/?#\x00-\x20][^\x00-\x1f]*";
const DATE_TIME: &str = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})";

/// A Frictionless Data Package (`datapackage.json`) describing a CSV file
/// written by [`CsvWriter`](crate::CsvWriter) in the given mode, so that
/// `frictionless validate` checks the file on its own: the dialect, every
/// column's type, description (from the model) and constraints (required,
/// unique id, lengths, patterns, the count's range).
///
/// `csv_file_name` is the CSV's path relative to the sidecar, normally its
/// bare file name (the sidecar is written beside it). The text is
/// deterministic and ends with a newline.
///
/// ```
/// let text = articlekit_csv::datapackage_json("articles.csv", false);
/// let package: serde_json::Value = serde_json::from_str(&text)?;
/// assert_eq!(package["resources"][0]["path"], "articles.csv");
/// assert_eq!(package["resources"][0]["schema"]["fields"][0]["name"], "metadata.id");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn datapackage_json(csv_file_name: &str, excel: bool) -> String {
    let model = schema();
    let fields: Vec<Value> = SPEC
        .iter()
        .map(|column| field(&model, column, excel))
        .collect();
    let mode = if excel {
        "spreadsheet mode: UTF-8 with a byte order mark, and a text cell a spreadsheet \
         would run as a formula starts with an extra apostrophe"
    } else {
        "plain mode"
    };
    let package = json!({
        "profile": "tabular-data-package",
        "name": "articlekit-articles",
        "title": "News articles exported by articlekit",
        "description": format!(
            "One row per article in the articlekit CSV layout ({mode}). An empty cell is an \
             absent field or an empty list; lists are JSON arrays, bullets one per line."
        ),
        "resources": [{
            "name": "articles",
            "path": csv_file_name,
            "profile": "tabular-data-resource",
            "title": "Articles",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {
                "csvddfVersion": 1.2,
                "delimiter": ",",
                "lineTerminator": "\r\n",
                "quoteChar": "\"",
                "doubleQuote": true,
                "skipInitialSpace": false,
                "header": true,
                "caseSensitiveHeader": true
            },
            "schema": {
                "fields": fields,
                "primaryKey": ["metadata.id"],
                "missingValues": [""]
            }
        }]
    });
    let mut text = serde_json::to_string_pretty(&package).unwrap_or_default();
    text.push('\n');
    text
}

/// Where the sidecar of the CSV file at `csv_path` goes: beside it, named
/// after it with `.datapackage.json` appended (`out/articles.csv` →
/// `out/articles.csv.datapackage.json`), a name `frictionless` recognises
/// as a Data Package.
///
/// ```
/// use std::path::Path;
///
/// let sidecar = articlekit_csv::datapackage_path(Path::new("out/articles.csv"));
/// assert_eq!(sidecar, Path::new("out/articles.csv.datapackage.json"));
/// ```
pub fn datapackage_path(csv_path: &Path) -> PathBuf {
    let mut name = OsString::from(csv_path.as_os_str());
    name.push(".datapackage.json");
    PathBuf::from(name)
}

fn field(model: &Value, column: &crate::columns::Column, excel: bool) -> Value {
    let property = property(model, column.path).unwrap_or(&Value::Null);
    let shape = shape(column.name, column.kind);
    let mut description = property["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    description.push_str(match shape {
        Shape::JsonList => " In the CSV: a compact JSON array, empty when there are none.",
        Shape::Bullets => " In the CSV: one bullet per line.",
        _ if !column.required => " Empty when absent.",
        _ => "",
    });
    let neutralised = excel && matches!(shape, Shape::Line | Shape::Text | Shape::Bullets);
    if neutralised {
        description
            .push_str(" A leading apostrophe before a formula character is not part of the value.");
    }

    let mut constraints = Map::new();
    if column.required {
        constraints.insert("required".into(), true.into());
    }
    if shape == Shape::Id {
        constraints.insert("unique".into(), true.into());
    }
    let max_length = match shape {
        Shape::Bullets => {
            let items = property["maxItems"].as_u64();
            let each = property["items"]["maxLength"].as_u64();
            items.zip(each).map(|(n, each)| n * each + (n - 1))
        }
        Shape::JsonList | Shape::Count => None,
        _ => property["maxLength"].as_u64(),
    };
    if let Some(max) = max_length {
        constraints.insert("maxLength".into(), (max + u64::from(neutralised)).into());
    }
    let pattern = match shape {
        Shape::Id => property["pattern"].as_str().map(unanchored),
        Shape::Language => Some(unanchored(rules::LANGUAGE_TAG)),
        Shape::Url => Some(URL.to_owned()),
        Shape::DateTime => Some(DATE_TIME.to_owned()),
        Shape::Line => Some(LINE.to_owned()),
        Shape::Text => Some(TEXT.to_owned()),
        Shape::Bullets => Some(format!(r"{LINE}(\r?\n{LINE})*")),
        Shape::JsonList | Shape::Count => None,
    };
    if let Some(pattern) = pattern {
        constraints.insert("pattern".into(), pattern.into());
    }
    if shape == Shape::Count {
        for key in ["minimum", "maximum"] {
            if let Some(bound) = property.get(key) {
                constraints.insert(key.into(), bound.clone());
            }
        }
    }
    let kind = match shape {
        Shape::Count => "integer",
        Shape::JsonList => "array",
        _ => "string",
    };
    let mut field = json!({ "name": column.name, "type": kind, "description": description });
    if !constraints.is_empty() {
        field["constraints"] = Value::Object(constraints);
    }
    field
}

/// Frictionless anchors patterns itself (`^…$`).
fn unanchored(pattern: &str) -> String {
    let pattern = pattern.strip_prefix('^').unwrap_or(pattern);
    pattern.strip_suffix('$').unwrap_or(pattern).to_owned()
}

/// The schema of the property at `path`, following `$ref`s into `$defs`.
fn property<'a>(model: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let mut node = model;
    for key in path {
        node = resolve(model, node);
        node = node.get("properties")?.get(*key)?;
    }
    Some(node)
}

fn resolve<'a>(model: &'a Value, node: &'a Value) -> &'a Value {
    node.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| model.pointer(pointer))
        .unwrap_or(node)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly on bad data, which is its job
mod tests {
    use serde_json::Value;

    use super::datapackage_json;
    use crate::COLUMNS;

    fn fields(excel: bool) -> Vec<Value> {
        let package: Value = serde_json::from_str(&datapackage_json("a.csv", excel)).unwrap();
        package["resources"][0]["schema"]["fields"]
            .as_array()
            .unwrap()
            .clone()
    }

    #[test]
    fn every_column_has_a_described_field() {
        let fields = fields(false);
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(names, COLUMNS);
        for field in &fields {
            let description = field["description"].as_str().unwrap();
            assert!(description.len() > 20, "{field}");
        }
    }

    #[test]
    fn constraints_come_from_the_model() {
        let fields = fields(false);
        assert_eq!(fields[1]["constraints"]["maxLength"], 300);
        assert_eq!(fields[1]["constraints"]["required"], true);
        assert_eq!(fields[0]["constraints"]["unique"], true);
        assert_eq!(fields[18]["constraints"]["maxLength"], 50 * 2000 + 49);
        assert_eq!(fields[20]["type"], "integer");
        assert_eq!(fields[20]["constraints"]["maximum"], 4_294_967_295_u64);
        assert_eq!(fields[6]["type"], "array");
        assert!(fields[3]["constraints"].get("required").is_none());
    }

    #[test]
    fn excel_mode_leaves_room_for_the_apostrophe() {
        let (plain, excel) = (fields(false), fields(true));
        assert_eq!(excel[1]["constraints"]["maxLength"], 301);
        assert_eq!(
            excel[0]["constraints"]["maxLength"],
            plain[0]["constraints"]["maxLength"]
        );
    }
}
