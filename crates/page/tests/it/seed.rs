use articlekit_model::Article;
use articlekit_page::{PageOptions, parse_page};

use crate::{SEED, SEED_CANONICAL, read};

fn pretty(article: &Article) -> String {
    let mut text = serde_json::to_string_pretty(article).expect("articles serialise");
    text.push('\n');
    text
}

#[test]
fn seed_import_snapshot() {
    let page = parse_page(&read(SEED), &PageOptions::default()).expect("the seed imports");
    insta::assert_snapshot!("seed_article", pretty(&page.article));
    let lines: Vec<String> = page
        .lines
        .iter()
        .map(|(pointer, line)| format!("{line:>3} {pointer}"))
        .collect();
    insta::assert_snapshot!("seed_lines", lines.join("\n"));
}

#[test]
fn canonical_fixture_equals_the_import() {
    let page = parse_page(&read(SEED), &PageOptions::default()).expect("the seed imports");
    let fixture = String::from_utf8(read(SEED_CANONICAL)).expect("the fixture is UTF-8");
    assert_eq!(
        fixture,
        pretty(&page.article),
        "fixtures/{SEED_CANONICAL} differs from the import of fixtures/{SEED}"
    );
    let parsed: Article = serde_json::from_str(&fixture).expect("the fixture is an article");
    assert_eq!(parsed, page.article);
    // The canonical one-line form is the same article too.
    assert_eq!(
        serde_json::from_str::<Article>(&page.article.to_canonical_json()).expect("round trip"),
        page.article
    );
}

#[test]
fn seed_import_does_not_depend_on_line_endings_or_bom() {
    let bytes = read(SEED);
    let lf = parse_page(&bytes, &PageOptions::default()).expect("the seed imports");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
    assert_eq!(
        parse_page(crlf.as_bytes(), &PageOptions::default())
            .expect("imports")
            .article,
        lf.article
    );
}
