//! NDJSON ↔ CSV with nothing but this crate, to try the layout with other
//! tools before the CLI exists:
//!
//! ```text
//! cargo run -p articlekit-csv --example csv_roundtrip -- export [--excel] IN.ndjson OUT.csv
//! cargo run -p articlekit-csv --example csv_roundtrip -- import IN.csv > OUT.ndjson
//! ```
//!
//! `export` also writes the sidecar `OUT.csv.datapackage.json`; `import`
//! prints canonical NDJSON and reports undecodable rows on stderr (exit 1).

use std::error::Error;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use articlekit_csv::{CsvOptions, CsvReader, CsvWriter, datapackage_json, datapackage_path};
use articlekit_model::Article;

fn main() -> Result<ExitCode, Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["export", "--excel", input, output] => export(input, output, true),
        ["export", input, output] => export(input, output, false),
        ["import", input] => import(input),
        _ => Err("usage: csv_roundtrip export [--excel] IN.ndjson OUT.csv | import IN.csv".into()),
    }
}

fn export(input: &str, output: &str, excel: bool) -> Result<ExitCode, Box<dyn Error>> {
    let out = BufWriter::new(File::create(output)?);
    let mut writer = CsvWriter::new(out, CsvOptions { excel });
    for line in BufReader::new(File::open(input)?).lines() {
        let line = line?;
        if !line.trim().is_empty() {
            writer.write(&serde_json::from_str::<Article>(&line)?)?;
        }
    }
    writer.finish()?.flush()?;
    let name = Path::new(output)
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("bad output name")?;
    std::fs::write(
        datapackage_path(Path::new(output)),
        datapackage_json(name, excel),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn import(input: &str) -> Result<ExitCode, Box<dyn Error>> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut stderr = io::stderr().lock();
    let mut failed = false;
    for item in CsvReader::new(File::open(input)?) {
        let message = match item {
            Ok(record) => match serde_json::from_value::<Article>(record.value) {
                Ok(article) => {
                    writeln!(out, "{}", article.to_canonical_json())?;
                    continue;
                }
                Err(error) => format!("row {} (line {}): {error}", record.row, record.line),
            },
            Err(error) => error.to_string(),
        };
        failed = true;
        writeln!(stderr, "{input}: {message}")?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
