//! The JSON Schema generated from the model types.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::Article;

/// The stable `$id` of the article schema (contract v1).
pub const SCHEMA_ID: &str = "https://articlekit.dev/schemas/article/v1.schema.json";

/// The draft 2020-12 JSON Schema of [`Article`], as a JSON value.
pub fn schema() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<Article>();
    let mut value = schema.to_value();
    forbid_null(&mut value);
    if let Value::Object(map) = &mut value {
        // Identity first, as people expect to read a schema.
        let mut ordered = serde_json::Map::new();
        if let Some(s) = map.remove("$schema") {
            ordered.insert("$schema".into(), s);
        }
        ordered.insert("$id".into(), SCHEMA_ID.into());
        for key in ["title", "description"] {
            if let Some(v) = map.remove(key) {
                ordered.insert(key.into(), v);
            }
        }
        ordered.append(map);
        *map = ordered;
    }
    value
}

/// Absent optionals are omitted, never `null`, so the `null` that schemars
/// allows for every `Option` is taken out again: in a batch, a `null` is an error.
fn forbid_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            let is_null = |v: &Value| v.get("type").is_some_and(|t| t == "null");
            if let Some(Value::Array(any)) = map.get("anyOf") {
                if any.len() == 2 && any.iter().any(is_null) {
                    let kept = any.iter().find(|v| !is_null(v)).cloned();
                    map.remove("anyOf");
                    if let Some(Value::Object(kept)) = kept {
                        // Keep the property's own keys (its description) and add the referenced ones.
                        for (k, v) in kept {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            map.values_mut().for_each(forbid_null);
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_null),
        _ => {}
    }
}

/// The schema as the pretty-printed text committed in `schemas/article.schema.json`
/// (two-space indent, trailing newline).
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}
