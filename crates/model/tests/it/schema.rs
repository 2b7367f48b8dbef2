use articlekit_model::{SCHEMA_ID, schema};
use serde_json::{Value, json};

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema())
        .expect("the generated schema compiles")
}

fn good() -> Value {
    json!({
        "metadata": {
            "id": "scmp-3318837",
            "title": "Trung Quốc có thể phản công Mỹ",
            "language": "vi",
            "url": "https://songai.example/bai-viet/1",
            "published_at": "2025-07-20T08:00:00+07:00",
            "authors": [{"name": "Lê Văn A", "url": "https://songai.example/tac-gia/a"}],
            "tags": ["quản trị AI", "Global South"],
            "publisher": {"name": "Sóng AI", "tagline": "Tóm tắt tin, bài trí tuệ nhân tạo"},
            "source": {"url": "https://www.scmp.com/a/3318837", "language": "en", "text": "Para one.\n\nPara two."}
        },
        "summary": "Tóm tắt.",
        "bullets": ["Ý một", "Ý hai"],
        "attachments": [{"name": "a.pdf", "url": "https://cdn.example/a.pdf", "media_type": "application/pdf", "size_bytes": 12}],
        "discussion_count": 10
    })
}

/// Sets the value at a JSON pointer (creating nothing: the parent must exist).
fn with(pointer: &str, value: Value) -> Value {
    let mut doc = good();
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    let parent = doc.pointer_mut(parent).expect("parent exists");
    match parent {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().expect("index")] = value,
        _ => panic!("parent of {pointer} is not a container"),
    }
    doc
}

fn without(pointer: &str) -> Value {
    let mut doc = good();
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    doc.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("parent object")
        .remove(key);
    doc
}

#[test]
fn schema_passes_the_draft_2020_12_metaschema() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], SCHEMA_ID);
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("the generated schema breaks the metaschema: {e}");
    }
}

#[test]
fn every_property_has_a_description() {
    fn walk(path: &str, v: &Value) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (name, prop) in props {
                assert!(
                    prop.get("description").is_some(),
                    "{path}/{name} has no description"
                );
                walk(&format!("{path}/{name}"), prop);
            }
        }
        if let Some(defs) = v.get("$defs").and_then(Value::as_object) {
            for (name, def) in defs {
                walk(&format!("$defs/{name}"), def);
            }
        }
    }
    walk("", &schema());
}

#[test]
fn every_object_forbids_unknown_fields() {
    fn walk(v: &Value, objects: &mut usize) {
        if v.get("properties").is_some() {
            *objects += 1;
            assert_eq!(v.get("additionalProperties"), Some(&json!(false)), "{v}");
        }
        match v {
            Value::Object(m) => m.values().for_each(|c| walk(c, objects)),
            Value::Array(a) => a.iter().for_each(|c| walk(c, objects)),
            _ => {}
        }
    }
    let mut objects = 0;
    walk(&schema(), &mut objects);
    assert_eq!(
        objects, 6,
        "Article, Metadata, Author, Publisher, Source, Attachment"
    );
}

#[test]
fn a_complete_article_is_valid_and_deserialises() {
    let v = validator();
    let doc = good();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let article: articlekit_model::Article =
        serde_json::from_value(doc).expect("valid json is a valid article");
    assert_eq!(article.attachments[0].size_bytes, Some(12));
}

#[test]
fn each_rule_of_the_contract_rejects_what_it_should() {
    let v = validator();
    let bad = [
        ("missing id", without("/metadata/id")),
        ("missing title", without("/metadata/title")),
        ("missing language", without("/metadata/language")),
        ("missing summary", without("/summary")),
        ("missing bullets", without("/bullets")),
        ("missing count", without("/discussion_count")),
        ("id with a space", with("/metadata/id", json!("a b"))),
        ("id starting with a dash", with("/metadata/id", json!("-a"))),
        ("id too long", with("/metadata/id", json!("a".repeat(129)))),
        (
            "id with a trailing newline",
            with("/metadata/id", json!("abc\n")),
        ),
        ("empty title", with("/metadata/title", json!(""))),
        ("blank title", with("/metadata/title", json!(" \u{a0}\t"))),
        (
            "title with a bell",
            with("/metadata/title", json!("ti\u{7}tle")),
        ),
        (
            "title with a newline",
            with("/metadata/title", json!("two\nlines")),
        ),
        (
            "title too long",
            with("/metadata/title", json!("t".repeat(301))),
        ),
        (
            "bad language",
            with("/metadata/language", json!("vietnamese!")),
        ),
        ("relative url", with("/metadata/url", json!("/bai-viet/1"))),
        (
            "ftp url",
            with("/metadata/url", json!("ftp://songai.example/x")),
        ),
        (
            "not a url",
            with("/metadata/source/url", json!("not a url")),
        ),
        (
            "date without offset",
            with("/metadata/published_at", json!("2025-07-20T08:00:00")),
        ),
        (
            "impossible date",
            with("/metadata/published_at", json!("2025-13-01T00:00:00Z")),
        ),
        ("null optional", with("/metadata/url", json!(null))),
        ("unknown top field", with("/extra", json!(1))),
        ("unknown nested field", with("/metadata/titel", json!("x"))),
        (
            "author without name",
            with("/metadata/authors/0", json!({"url": "https://a.example"})),
        ),
        ("duplicate tags", with("/metadata/tags", json!(["a", "a"]))),
        ("empty bullets", with("/bullets", json!([]))),
        ("51 bullets", with("/bullets", json!(vec!["x"; 51]))),
        ("bullet with newline", with("/bullets/0", json!("a\nb"))),
        ("blank summary", with("/summary", json!("\n\n"))),
        ("summary with NUL", with("/summary", json!("a\u{0}b"))),
        (
            "bad media type",
            with("/attachments/0/media_type", json!("pdf")),
        ),
        (
            "negative size",
            with("/attachments/0/size_bytes", json!(-1)),
        ),
        ("negative count", with("/discussion_count", json!(-1))),
        ("fractional count", with("/discussion_count", json!(1.5))),
        (
            "count too large",
            with("/discussion_count", json!(4_294_967_296_u64)),
        ),
        ("count as string", with("/discussion_count", json!("10"))),
    ];
    for (what, doc) in bad {
        assert!(!v.is_valid(&doc), "{what}: accepted but should be refused");
    }
}

#[test]
fn text_may_hold_what_the_contract_allows() {
    let v = validator();
    let ok = [
        with("/summary", json!("line one\r\n\tline two")),
        with("/metadata/source/text", json!("a\n\nb")),
        with(
            "/metadata/title",
            json!("</script> ]]> =HYPERLINK(\"x\") 😀 שלום"),
        ),
        with("/metadata/language", json!("zh-Hans")),
        with("/discussion_count", json!(4_294_967_295_u64)),
        with("/discussion_count", json!(10.0)),
        with("/metadata/url", json!("HTTPS://songai.example/x?y=1#z")),
    ];
    for doc in ok {
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        // What the schema accepts, the model reads.
        serde_json::from_value::<articlekit_model::Article>(doc).expect("deserialises");
    }
}
