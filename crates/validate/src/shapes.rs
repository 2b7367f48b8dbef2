//! The fields each object of the model may have, taken from the schema, to
//! suggest the intended name of an unknown field.

use std::collections::HashMap;

use serde_json::Value;

/// Property names by object path (`""`, `/metadata`, `/metadata/authors/*`).
#[derive(Debug, Default)]
pub(crate) struct Shapes {
    fields: HashMap<String, Vec<String>>,
}

impl Shapes {
    /// Walks `schema` (following local `$ref`s) and records every object's properties.
    pub(crate) fn from_schema(schema: &Value) -> Self {
        let mut shapes = Self::default();
        shapes.walk(schema, schema, "", 0);
        shapes
    }

    fn walk(&mut self, root: &Value, schema: &Value, path: &str, depth: usize) {
        if depth > 32 {
            return;
        }
        let schema = resolve(root, schema);
        if let Some(Value::Object(properties)) = schema.get("properties") {
            self.fields
                .insert(path.to_owned(), properties.keys().cloned().collect());
            for (name, sub) in properties {
                self.walk(root, sub, &format!("{path}/{name}"), depth + 1);
            }
        }
        if let Some(items) = schema.get("items") {
            self.walk(root, items, &format!("{path}/*"), depth + 1);
        }
    }

    /// The fields of the object at an instance `pointer` (array indexes match `*`).
    pub(crate) fn fields(&self, pointer: &str) -> &[String] {
        let shape: String = pointer
            .split('/')
            .skip(1)
            .map(|t| {
                if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                    "/*".to_owned()
                } else {
                    format!("/{t}")
                }
            })
            .collect();
        self.fields.get(&shape).map_or(&[], Vec::as_slice)
    }

    /// The known field closest to `unknown`, if one is close enough to be a typo.
    pub(crate) fn suggest<'a>(&'a self, pointer: &str, unknown: &str) -> Option<&'a str> {
        let unknown = unknown.to_lowercase();
        let allowed = match unknown.chars().count() {
            0..=4 => 1,
            5..=8 => 2,
            _ => 3,
        };
        self.fields(pointer)
            .iter()
            .map(|f| (distance(&unknown, &f.to_lowercase()), f))
            .filter(|(d, _)| *d <= allowed)
            .min_by_key(|(d, _)| *d)
            .map(|(_, f)| f.as_str())
    }
}

/// Follows a local `$ref` (`#/$defs/Name`).
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| root.pointer(pointer))
        .unwrap_or(schema)
}

/// Optimal string alignment distance: edits, counting a swap of two
/// neighbouring characters as one (`titel` → `title` is 1).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_swaps_as_one_edit() {
        assert_eq!(distance("titel", "title"), 1);
        assert_eq!(distance("publised_at", "published_at"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
    }

    #[test]
    fn the_model_schema_gives_fields_and_suggestions() {
        let shapes = Shapes::from_schema(&articlekit_model::schema());
        assert!(shapes.fields("").iter().any(|f| f == "bullets"));
        assert!(
            shapes
                .fields("/metadata/authors/3")
                .iter()
                .any(|f| f == "url")
        );
        assert_eq!(shapes.suggest("/metadata", "titel"), Some("title"));
        assert_eq!(
            shapes.suggest("/metadata", "Published-At"),
            Some("published_at")
        );
        assert_eq!(shapes.suggest("/metadata/source", "zzzzzz"), None);
        assert_eq!(
            shapes.suggest("/attachments/0", "mediatype"),
            Some("media_type")
        );
    }
}
