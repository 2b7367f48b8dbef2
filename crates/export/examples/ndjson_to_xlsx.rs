//! Writes an XLSX workbook from canonical NDJSON, as `articlekit export
//! --to xlsx` will: `cargo run -p articlekit-export --example ndjson_to_xlsx
//! -- in.ndjson out.xlsx`. Every line must be a valid article; the interop
//! checks use it until the CLI has `--to xlsx`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter};

use articlekit_export::xlsx::XlsxWriter;
use articlekit_model::Article;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: ndjson_to_xlsx IN.ndjson OUT.xlsx".into());
    };
    let mut writer = XlsxWriter::new(BufWriter::new(File::create(&output)?))?;
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
