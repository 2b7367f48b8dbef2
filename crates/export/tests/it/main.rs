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

/// What the parallel pipeline relies on: renderers shared by worker
/// threads, rendered items sent back to the writer's thread.
#[test]
fn renderers_are_sync_and_rendered_items_send() {
    fn sync<T: Sync + Send>() {}
    fn send<T: Send>() {}
    sync::<articlekit_export::atom::EntryRenderer>();
    send::<articlekit_export::atom::RenderedEntry>();
    send::<articlekit_export::rss::RenderedItem>();
    send::<articlekit_export::jsonfeed::RenderedItem>();
    send::<articlekit_export::sitemap::RenderedUrl>();
    sync::<articlekit_export::channel::Channel>();
}
mod xlsx;
