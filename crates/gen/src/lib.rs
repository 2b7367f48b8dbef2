//! Deterministic generator of realistic article batches for articlekit's
//! tests and benchmarks.
//!
//! Records look like the seed page of the Sóng AI site: a Vietnamese
//! headline, 3–12 Vietnamese bullets and a summary, and an English source
//! article (URL on a real-looking news host, title, dek, publisher,
//! paragraphs), about 5 KB each; some with authors, tags, dates in several
//! offsets, attachments and a publisher. The same seed always gives the same
//! bytes, on every machine.
//!
//! A batch can plant broken records at an exact rate, cycling through many
//! [`Fault`]s; [`Kinds::SchemaOnly`] keeps to faults that the JSON Schema
//! alone decides, for differential tests against other validators. It can
//! also write some valid records at an [`Edge`] of the rules (limits reached
//! exactly, unusual but valid spellings, hostile text).
//!
//! The binary `articlekit-gen` writes batches as NDJSON; the sample batch
//! `fixtures/articles.ndjson` is `cargo run -p articlekit-gen -- --count 60
//! --seed 2025 --first fixtures/canonical/000_b0960e193d69778f.json`.
//!
//! ```
//! use articlekit_gen::{Batch, BatchConfig, Kinds};
//!
//! let config = BatchConfig { count: 10, seed: 2025, broken_ppm: 200_000, edge_ppm: 0, kinds: Kinds::SchemaOnly };
//! let records: Vec<_> = Batch::new(config).collect();
//! assert_eq!(records.len(), 10);
//! assert_eq!(records.iter().filter(|r| r.fault.is_some()).count(), 2);
//!
//! // Valid records are canonical articles.
//! let valid = records.iter().find(|r| r.fault.is_none()).expect("8 are valid");
//! let article: articlekit_model::Article = serde_json::from_slice(&valid.bytes)?;
//! assert_eq!(article.to_canonical_json().as_bytes(), valid.bytes.as_slice());
//! # Ok::<(), serde_json::Error>(())
//! ```
#![deny(missing_docs)]

mod article;
mod batch;
mod dates;
mod edge;
mod edit;
mod fault;
mod parse_only;
mod pools;
mod rate;
mod rng;
mod text;

pub use article::article;
pub use batch::{Batch, BatchConfig, Kinds, Record};
pub use edge::Edge;
pub use fault::{Fault, Scope};
pub use parse_only::{ParseStats, parse_lines};
pub use rate::{RateError, parse_rate};
pub use rng::Rng;
