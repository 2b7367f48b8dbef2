//! `articlekit-gen`: writes a deterministic NDJSON batch of realistic
//! articles to standard output, or measures the parse-only floor.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use articlekit_gen::{Batch, BatchConfig, Kinds, parse_lines, parse_rate};
use articlekit_model::Article;
use clap::{Parser, Subcommand, ValueEnum};

/// Generate deterministic batches of realistic articles (NDJSON on stdout).
///
/// The sample batch `fixtures/articles.ndjson` is made with:
/// `cargo run -p articlekit-gen -- --count 60 --seed 2025 --first fixtures/canonical/000_b0960e193d69778f.json > fixtures/articles.ndjson`
#[derive(Debug, Parser)]
#[command(
    name = "articlekit-gen",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Number of records.
    #[arg(long, required = true)]
    count: Option<u64>,

    /// Seed; the same seed gives the same bytes.
    #[arg(long, default_value_t = 2025)]
    seed: u64,

    /// Fraction of records to break, from 0 to 1 (exactly floor(count × rate) are broken).
    #[arg(long, default_value = "0", value_parser = parse_rate)]
    broken_rate: u32,

    /// Fraction of records to write valid but at an edge of the rules (limits
    /// reached exactly, unusual but valid spellings, hostile text), from 0 to
    /// 1; a record picked to be both broken and an edge is broken.
    #[arg(long, default_value = "0", value_parser = parse_rate)]
    edge_rate: u32,

    /// Which faults to plant: `all`, or `schema-only` (decidable by the JSON Schema alone).
    #[arg(long, value_enum, default_value_t = KindsArg::All)]
    kinds: KindsArg,

    /// Also write one NDJSON label per record to FILE:
    /// `{"record": N, "fault": "missing-id" | null, "scope": "schema" | "batch" | "bytes" | null,
    /// "edge": "title-max-length" | null}`.
    #[arg(long, value_name = "FILE")]
    labels: Option<PathBuf>,

    /// Write the article in FILE (one JSON object, e.g. a hand-checked
    /// canonical record) as the first record, in canonical form; the other
    /// `count - 1` records are generated.
    #[arg(long, value_name = "FILE")]
    first: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindsArg {
    All,
    SchemaOnly,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse every line of FILE with `serde_json` into a `Value` and nothing
    /// else (the benchmark floor); prints lines, parse errors, bytes, seconds.
    ParseOnly {
        /// NDJSON file to read.
        file: PathBuf,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::ParseOnly { file, threads }) => parse_only(file, *threads),
        None => generate(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "articlekit-gen: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn generate(cli: &Cli) -> anyhow::Result<()> {
    let count = cli.count.unwrap_or(0);
    let first = match &cli.first {
        Some(path) if count > 0 => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            let article: Article = serde_json::from_str(&text)
                .with_context(|| format!("`{}` is not an article", path.display()))?;
            Some(article.to_canonical_json())
        }
        _ => None,
    };
    let offset = u64::from(first.is_some());
    let config = BatchConfig {
        count: count - offset,
        seed: cli.seed,
        broken_ppm: cli.broken_rate,
        edge_ppm: cli.edge_rate,
        kinds: match cli.kinds {
            KindsArg::All => Kinds::All,
            KindsArg::SchemaOnly => Kinds::SchemaOnly,
        },
    };
    let mut labels = match &cli.labels {
        Some(path) => {
            Some(BufWriter::new(File::create(path).with_context(|| {
                format!("cannot create `{}`", path.display())
            })?))
        }
        None => None,
    };
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    if let Some(first) = first {
        writeln!(out, "{first}")?;
        if let Some(labels) = labels.as_mut() {
            writeln!(
                labels,
                r#"{{"record":1,"fault":null,"scope":null,"edge":null}}"#
            )?;
        }
    }
    for record in Batch::new(config) {
        out.write_all(&record.bytes)?;
        out.write_all(b"\n")?;
        if let Some(labels) = labels.as_mut() {
            let label = serde_json::json!({
                "record": record.number + offset,
                "fault": record.fault.map(articlekit_gen::Fault::name),
                "scope": record.fault.map(|f| f.scope().name()),
                "edge": record.edge.map(articlekit_gen::Edge::name),
            });
            writeln!(labels, "{label}")?;
        }
    }
    out.flush()?;
    if let Some(mut labels) = labels {
        labels.flush()?;
    }
    Ok(())
}

fn parse_only(file: &PathBuf, threads: Option<usize>) -> anyhow::Result<()> {
    let threads =
        threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let input = File::open(file).with_context(|| format!("cannot open `{}`", file.display()))?;
    let start = Instant::now();
    let stats = parse_lines(BufReader::with_capacity(1 << 20, input), threads)
        .with_context(|| format!("cannot read `{}`", file.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    writeln!(
        io::stdout(),
        "lines={} errors={} bytes={} threads={threads} seconds={seconds:.3}",
        stats.lines,
        stats.errors,
        stats.bytes
    )?;
    Ok(())
}
