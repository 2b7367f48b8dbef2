//! The Arrow schema follows the model: every property of the generated
//! JSON Schema has a column and every column is a property (a date's
//! `_offset_minutes` and `_text` companions aside).

use arrow_schema::{DataType, Fields};
use articlekit_arrow::{DOC_KEY, article_schema};
use serde_json::Value;

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().expect("a $ref name");
            &root["$defs"][name]
        }
        None => schema,
    }
}

fn compare(root: &Value, schema: &Value, fields: &Fields, path: &str, problems: &mut Vec<String>) {
    let schema = resolve(root, schema);
    let props = schema["properties"].as_object().expect("an object schema");
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for (name, prop) in props {
        let at = format!("{path}{name}");
        let Some(field) = fields.iter().find(|f| f.name() == name) else {
            problems.push(format!("model property `{at}` has no column"));
            continue;
        };
        if field.metadata().get(DOC_KEY).is_none_or(String::is_empty) {
            problems.push(format!("column `{at}` has no description"));
        }
        let is_date = prop.get("format").and_then(Value::as_str) == Some("date-time");
        let prop = resolve(root, prop);
        let expected_type = prop.get("type").and_then(Value::as_str);
        match (expected_type, field.data_type()) {
            (Some("string"), DataType::Utf8) if !is_date => {}
            (Some("string"), DataType::Timestamp(_, Some(_))) if is_date => {
                for suffix in ["_offset_minutes", "_text"] {
                    if !fields
                        .iter()
                        .any(|f| f.name() == &format!("{name}{suffix}"))
                    {
                        problems.push(format!("date `{at}` has no `{name}{suffix}` column"));
                    }
                }
            }
            (Some("integer"), DataType::Int64) => {}
            (Some("array"), DataType::List(item)) => {
                let items = resolve(root, &prop["items"]);
                match (items.get("type").and_then(Value::as_str), item.data_type()) {
                    (Some("string"), DataType::Utf8) => {}
                    (Some("object"), DataType::Struct(children)) => {
                        compare(root, items, children, &format!("{at}[]."), problems);
                    }
                    (t, d) => problems.push(format!("items of `{at}`: model {t:?}, column {d}")),
                }
            }
            (Some("object"), DataType::Struct(children)) => {
                compare(root, prop, children, &format!("{at}."), problems);
            }
            (t, d) => problems.push(format!("`{at}`: model type {t:?}, column type {d}")),
        }
        let nullable_expected =
            !required.contains(&name.as_str()) && !matches!(field.data_type(), DataType::List(_));
        if field.is_nullable() != nullable_expected
            && !matches!(field.data_type(), DataType::List(_))
        {
            problems.push(format!(
                "`{at}`: nullable is {}, required is {}",
                field.is_nullable(),
                !nullable_expected
            ));
        }
    }
    for field in fields {
        let name = field.name();
        let companion = ["_offset_minutes", "_text"].iter().any(|s| {
            name.strip_suffix(s)
                .is_some_and(|base| props.contains_key(base))
        });
        if !props.contains_key(name) && !companion {
            problems.push(format!("column `{path}{name}` is not in the model"));
        }
    }
}

#[test]
fn schema_follows_model() {
    let root = articlekit_model::schema();
    let arrow = article_schema();
    let mut problems = Vec::new();
    compare(&root, &root, arrow.fields(), "", &mut problems);
    assert!(
        problems.is_empty(),
        "the Arrow schema (crates/arrow/src/spec.rs) and the model disagree:\n{}",
        problems.join("\n")
    );
}

fn render(fields: &Fields, depth: usize, out: &mut Vec<String>) {
    for field in fields {
        let null = if field.is_nullable() { "" } else { " not null" };
        let (name, children) = match field.data_type() {
            DataType::Struct(children) => ("struct".to_owned(), Some(children)),
            DataType::List(item) => match item.data_type() {
                DataType::Struct(children) => ("list<struct not null>".to_owned(), Some(children)),
                other => (format!("list<{other} not null>"), None),
            },
            other => (other.to_string(), None),
        };
        out.push(format!(
            "{}{}: {name}{null}",
            "  ".repeat(depth),
            field.name()
        ));
        if let Some(children) = children {
            render(children, depth + 1, out);
        }
    }
}

#[test]
fn schema_snapshot() {
    let mut out = Vec::new();
    render(article_schema().fields(), 0, &mut out);
    insta::assert_snapshot!(out.join("\n"));
}
