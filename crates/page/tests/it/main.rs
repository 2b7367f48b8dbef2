//! Integration tests of the page importer on the shipped fixtures: the seed
//! page and its canonical JSON, the broken pages, schema validation of what
//! is imported, and robustness on arbitrary bytes.

mod bad_pages;
mod robustness;
mod schema;
mod seed;

use std::path::PathBuf;

/// A file under the repository's `fixtures/`.
fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(relative)
}

fn read(relative: &str) -> Vec<u8> {
    let path = fixture(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

const SEED: &str = "pages/000_b0960e193d69778f.txt";
const SEED_CANONICAL: &str = "canonical/000_b0960e193d69778f.json";
