use articlekit_model::Article;

#[test]
fn canonical_json_keeps_contract_order_and_omits_absent_fields() {
    // Fields deliberately out of order, with empty optional lists.
    let input = r#"{"discussion_count":3,"bullets":["b"],"summary":"s","attachments":[],
        "metadata":{"tags":[],"authors":[],"language":"vi","title":"T","id":"x-1",
        "source":{"text":"t","url":"https://a.example/1"}}}"#;
    let article: Article = serde_json::from_str(input).expect("valid");
    assert_eq!(
        article.to_canonical_json(),
        r#"{"metadata":{"id":"x-1","title":"T","language":"vi","source":{"url":"https://a.example/1","text":"t"}},"summary":"s","bullets":["b"],"discussion_count":3}"#
    );
}

#[test]
fn integral_floats_read_as_integers_and_write_as_integers() {
    let article: Article = serde_json::from_str(
        r#"{"metadata":{"id":"x","title":"T","language":"vi"},"summary":"s","bullets":["b"],
            "attachments":[{"name":"n","url":"https://a.example/f","size_bytes":2.0}],"discussion_count":10.0}"#,
    )
    .expect("valid");
    assert_eq!(article.discussion_count, 10);
    assert_eq!(article.attachments[0].size_bytes, Some(2));
    assert!(
        article
            .to_canonical_json()
            .ends_with(r#""size_bytes":2}],"discussion_count":10}"#)
    );
}

#[test]
fn unknown_fields_and_out_of_range_numbers_do_not_deserialise() {
    for bad in [
        r#"{"metadata":{"id":"x","title":"T","language":"vi","extra":1},"summary":"s","bullets":["b"],"discussion_count":1}"#,
        r#"{"metadata":{"id":"x","title":"T","language":"vi"},"summary":"s","bullets":["b"],"discussion_count":4294967296}"#,
        r#"{"metadata":{"id":"x","title":"T","language":"vi"},"summary":"s","bullets":["b"],"discussion_count":1.5}"#,
        r#"{"metadata":{"id":"x","title":"T","language":"vi"},"summary":"s","bullets":["b"],"discussion_count":-1}"#,
        r#"{"metadata":{"id":"x","title":"T","language":"vi"},"summary":"s","bullets":["b"],"discussion_count":1e400}"#,
    ] {
        assert!(serde_json::from_str::<Article>(bad).is_err(), "{bad}");
    }
}

#[test]
fn canonical_json_round_trips() {
    let json = r#"{"metadata":{"id":"x","title":"Tiêu đề \"trích\"","language":"vi","published_at":"2025-07-20T08:00:00+07:00","authors":[{"name":"A"}],"tags":["t1","t2"],"publisher":{"name":"Sóng AI","tagline":"Tóm tắt"}},"summary":"s\nt","bullets":["b"],"attachments":[{"name":"n","url":"https://a.example/f","media_type":"application/pdf","size_bytes":9007199254740991}],"discussion_count":0}"#;
    let article: Article = serde_json::from_str(json).expect("valid");
    assert_eq!(article.to_canonical_json(), json);
}

#[test]
fn the_sample_batch_round_trips_byte_for_byte() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/articles.ndjson"
    );
    let batch = std::fs::read_to_string(path).expect("fixtures/articles.ndjson");
    let mut count = 0;
    for (n, line) in batch.lines().enumerate() {
        let article: Article = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("line {}: not an article: {e}", n + 1));
        assert_eq!(
            article.to_canonical_json(),
            line,
            "line {} changed on the round trip",
            n + 1
        );
        count += 1;
    }
    assert!(
        count >= 50,
        "the sample batch has {count} articles, fewer than 50"
    );
}
