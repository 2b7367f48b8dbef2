//! Any bytes given to the page importer: never a panic; an imported page
//! always has what the format requires, and re-imports to the same article.
#![no_main]

use articlekit_page::{PageOptions, parse_page};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = PageOptions::default();
    if let Ok(page) = parse_page(data, &options) {
        let article = &page.article;
        assert!(!article.bullets.is_empty(), "a page without bullets was accepted");
        assert!(!article.summary.trim().is_empty(), "a page without a summary was accepted");
        assert!(article.metadata.source.is_some(), "a page without a source was accepted");
        let again = parse_page(data, &options).expect("the same bytes import twice");
        assert_eq!(again.article, page.article, "import is not deterministic");
    }
});
