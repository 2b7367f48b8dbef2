//! Integration tests of the exporters: snapshots of every format on the seed
//! and a small batch, feed structure read back with an XML parser, and
//! property tests with hostile text in every field.

mod archive;
mod articles;
mod atom;
mod csv;
mod feed;
mod files;
mod jsonfeed;
mod jsonld;
mod props;
mod rss;
mod sitemap;
