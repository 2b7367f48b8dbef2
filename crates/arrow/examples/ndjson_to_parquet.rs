//! Writes a Parquet file from canonical NDJSON, as `articlekit export
//! --to parquet` will: `cargo run -p articlekit-arrow --example
//! ndjson_to_parquet -- in.ndjson out.parquet`. Every line must be a valid
//! article (run `articlekit import` first); the interop checks use it
//! until the CLI has `--to parquet`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter};

use articlekit_arrow::{ParquetOptions, ParquetWriter};
use articlekit_model::Article;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: ndjson_to_parquet IN.ndjson OUT.parquet".into());
    };
    let out = BufWriter::new(File::create(&output)?);
    let mut writer = ParquetWriter::new(out, ParquetOptions::default())?;
    for line in BufReader::new(File::open(&input)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let article: Article = serde_json::from_str(&line)?;
        writer.write(&article)?;
    }
    writer
        .finish()?
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    Ok(())
}
