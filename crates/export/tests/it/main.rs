//! Integration tests of the exporters: snapshots of every format on the seed
//! and a small batch, feed structure read back with an XML parser, and
//! property tests with hostile text in every field.

mod articles;
mod csv;
mod feed;
mod jsonld;
mod props;
mod rss;
mod xlsx;
