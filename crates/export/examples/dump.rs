//! Exports an NDJSON file of (valid) articles, for trying the writers and
//! the interop checks before the CLI is wired:
//!
//! ```text
//! cargo run -p articlekit-export --example dump -- rss [--channel FILE] [--newest-first] [--limit N] [--last-build-date RFC3339] FILE
//! cargo run -p articlekit-export --example dump -- jsonld|html|document FILE
//! ```
//!
//! No validation happens here: the CLI validates before exporting.

use std::error::Error;
use std::fs;
use std::io::{self, BufWriter, Write};

use articlekit_export::jsonld::{JsonLdMode, JsonLdWriter, write_document};
use articlekit_export::rss::{Channel, LastBuild, RssOptions, RssWriter};
use articlekit_model::Article;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let format = args
        .next()
        .ok_or("usage: dump rss|jsonld|html|document [options] FILE")?;
    let mut channel_path = "fixtures/channel.toml".to_owned();
    let mut options = RssOptions::default();
    let mut input = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--channel" => channel_path = args.next().ok_or("--channel needs a file")?,
            "--newest-first" => options.newest_first = true,
            "--limit" => options.limit = Some(args.next().ok_or("--limit needs N")?.parse()?),
            "--last-build-date" => {
                options.last_build_date =
                    Some(LastBuild::Fixed(args.next().ok_or("needs a date")?));
            }
            _ => input = Some(arg),
        }
    }
    let input = input.ok_or("no input file")?;
    let text = fs::read_to_string(&input)?;
    let articles = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(serde_json::from_str::<Article>);
    let stdout = io::stdout();
    let out = BufWriter::new(stdout.lock());
    match format.as_str() {
        "rss" => {
            let channel = Channel::from_toml_str(&fs::read_to_string(&channel_path)?)?;
            let mut writer = RssWriter::new(out, &channel, &options)?;
            for article in articles {
                writer.write_item(&article?)?;
            }
            writer.finish()?;
        }
        "jsonld" | "html" => {
            let mode = if format == "html" {
                JsonLdMode::Html
            } else {
                JsonLdMode::Graph
            };
            let mut writer = JsonLdWriter::new(out, mode);
            for article in articles {
                writer.write_article(&article?)?;
            }
            writer.finish()?;
        }
        "document" => {
            let mut out = out;
            for article in articles {
                write_document(&mut out, &article?)?;
            }
            out.flush()?;
        }
        other => return Err(format!("unknown format `{other}`").into()),
    }
    Ok(())
}
