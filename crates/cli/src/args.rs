//! Every command-line argument, in one place (contract: `shared/design/cli.md`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The most worker threads `--jobs` accepts.
pub const MAX_JOBS: i64 = 256;

/// Validate, import and export news-article batches against one canonical model.
#[derive(Debug, Parser)]
#[command(name = "articlekit", version, about, max_term_width = 100)]
pub struct Cli {
    /// Print nothing on stderr but errors and the final summary (no progress bar).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
pub enum Command {
    /// Print the generated JSON Schema (draft 2020-12) of the article model.
    Schema(SchemaArgs),
    /// Turn any input format into canonical NDJSON, one article a line.
    Import(ImportArgs),
    /// Check every record against the schema and the batch rules; report each error with its location.
    Validate(ValidateArgs),
    /// Validate, then write the articles as CSV, JSON-LD, RSS, Atom, JSON Feed, a news sitemap, Parquet or XLSX
    Export(ExportArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command into a directory.
    Man(ManArgs),
}

/// `articlekit completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `articlekit man`
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `articlekit.1` and `articlekit-COMMAND.1` into DIR instead of printing `articlekit.1`.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// `articlekit schema`
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Compare FILE with the generated schema instead of printing it; exit 1 with a diff when they differ.
    #[arg(long, value_name = "FILE", conflicts_with = "output")]
    pub check: Option<PathBuf>,
}

/// Where records come from; shared by every reading command.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Input format; detected from the extension when omitted (`.ndjson`/`.jsonl`, `.json`, `.csv`, `.txt`, `.parquet`, `.xlsx`).
    #[arg(long = "from", value_enum, value_name = "FORMAT")]
    pub from: Option<FormatArg>,

    /// Largest record accepted, in bytes (or with K, M, G: 1024-based); a bigger one is reported, not read.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024, value_parser = parse_bytes)]
    pub max_record_bytes: u64,

    /// Input files, or `-` for standard input (the default).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    // Here rather than global: `schema` reads no records, so neither applies to it.
    /// When to colour human-readable output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Worker threads for validation, 1 to 256 (default: all cores; all but one for `export --to parquet`).
    #[arg(long, short = 'j', value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=MAX_JOBS))]
    pub jobs: Option<u16>,
}

/// Options of the page importer.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Language of imported pages (`metadata.language`).
    #[arg(long, value_name = "TAG", default_value = "vi")]
    pub language: String,

    /// Language of the pages' source articles (`metadata.source.language`); detected when omitted.
    #[arg(long, value_name = "TAG")]
    pub source_language: Option<String>,
}

/// `articlekit import`
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub page: PageArgs,

    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `articlekit validate`
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub page: PageArgs,

    /// How to report errors on standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub report: ReportFormat,

    /// Also write a report in FORMAT to FILE, atomically (e.g. `html=report.html`); repeatable.
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_report_out)]
    pub report_out: Vec<ReportOut>,

    /// Stream every error to FILE as NDJSON (no cap).
    #[arg(long, value_name = "FILE")]
    pub errors_out: Option<PathBuf>,

    /// Write the valid records to FILE (NDJSON input: byte for byte).
    #[arg(long, value_name = "FILE")]
    pub valid_out: Option<PathBuf>,

    /// Write the invalid records to FILE (NDJSON input: byte for byte, unparseable lines included).
    #[arg(long, value_name = "FILE")]
    pub invalid_out: Option<PathBuf>,

    /// Most errors listed in the report (counts always cover all).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_errors: usize,
}

/// `articlekit export`
#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // command-line switches
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub to: ExportFormat,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub page: PageArgs,

    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Feed channel settings (TOML) for RSS, Atom, JSON Feed and the news sitemap.
    #[arg(long, value_name = "FILE")]
    pub channel: Option<PathBuf>,

    /// Export the valid records and report the invalid ones, instead of stopping.
    #[arg(long)]
    pub skip_invalid: bool,

    /// Bytes (or with K, M, G: 1024-based) of output held in memory before a temporary file in TMPDIR takes the rest: standard output (staged until the run is complete), and the items of a feed that needs them all before its head (RSS, Atom dated by the newest item; --limit, --newest-first; the news sitemap).
    #[arg(long, value_name = "BYTES", default_value_t = articlekit_export::DEFAULT_HOLD as u64, value_parser = parse_bytes)]
    pub buffer_bytes: u64,

    /// CSV: spreadsheet mode (UTF-8 BOM, CRLF, formula cells neutralised with a leading `'`).
    #[arg(long, help_heading = "CSV")]
    pub excel: bool,

    /// CSV: do not write the `FILE.datapackage.json` column description beside `-o FILE`.
    #[arg(long, help_heading = "CSV")]
    pub no_datapackage: bool,

    /// JSON-LD: one `<script type="application/ld+json">` HTML snippet per article instead of one `@graph` document.
    #[arg(long, help_heading = "JSON-LD")]
    pub html: bool,

    /// RSS: items newest first by `published_at` (undated last) instead of input order.
    #[arg(long, help_heading = "RSS")]
    pub newest_first: bool,

    /// RSS: keep only the N newest items.
    #[arg(long, value_name = "N", help_heading = "RSS")]
    pub limit: Option<usize>,

    /// RSS, Atom: the feed's date (`lastBuildDate`, `<updated>`) as an RFC 3339 date-time, or `now` (default: the newest item's date).
    #[arg(long, value_name = "DATE", help_heading = "RSS")]
    pub last_build_date: Option<String>,

    /// RSS: channel title (overrides the channel file).
    #[arg(long, value_name = "TEXT", help_heading = "RSS")]
    pub title: Option<String>,

    /// RSS: channel link, the site's home page (overrides the channel file).
    #[arg(long, value_name = "URL", help_heading = "RSS")]
    pub link: Option<String>,

    /// RSS: channel description (overrides the channel file).
    #[arg(long, value_name = "TEXT", help_heading = "RSS")]
    pub description: Option<String>,

    /// RSS: where the feed itself is served, for `atom:link rel="self"` (overrides the channel file).
    #[arg(long, value_name = "URL", help_heading = "RSS")]
    pub self_link: Option<String>,

    /// RSS: channel language (overrides the channel file).
    #[arg(long, value_name = "TAG", help_heading = "RSS")]
    pub channel_language: Option<String>,

    /// RSS, Atom, JSON Feed: a WebSub hub to announce (repeatable; added to the channel file's `hubs`).
    #[arg(long, value_name = "URL", help_heading = "Feeds")]
    pub hub: Vec<String>,

    /// RSS, Atom: RFC 5005 archived feed: archives of N items and the subscription document, in --out-dir.
    #[arg(long, value_name = "N", help_heading = "Feeds", requires = "out_dir")]
    pub archive_size: Option<usize>,

    /// News sitemap: the `now` of the two-day window, an RFC 3339 date-time or `now` (default: the newest article's date).
    #[arg(long, value_name = "DATE", help_heading = "Feeds")]
    pub now: Option<String>,

    /// Write the files of a news sitemap or an archived feed into DIR (each atomically; all or none).
    #[arg(
        long,
        value_name = "DIR",
        help_heading = "Feeds",
        conflicts_with = "output"
    )]
    pub out_dir: Option<PathBuf>,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One JSON article per line.
    Ndjson,
    /// One JSON article, or an array of them.
    Json,
    /// The CSV export layout.
    Csv,
    /// The page-text format of the summary site.
    Page,
    /// Parquet in the model's Arrow schema.
    Parquet,
    /// An XLSX workbook in the CSV layout (sheet `articles`, or the first).
    Xlsx,
}

/// Report formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Human-readable, grouped per record, with a summary line.
    Text,
    /// One JSON document: summary and errors.
    Json,
    /// GitHub Actions workflow annotations (`::error file=...,line=...,col=...::`).
    Github,
    /// JUnit XML: a test suite per input, a test case per record (GitLab, Jenkins).
    Junit,
    /// SARIF 2.1.0: one result per error (GitHub code scanning).
    Sarif,
    /// One self-contained HTML page: counts, charts, the invalid records (no script, no network).
    Html,
}

/// `--report-out FORMAT=FILE`: a further report, written to a file.
#[derive(Debug, Clone)]
pub struct ReportOut {
    /// Its format.
    pub format: ReportFormat,
    /// Where it goes.
    pub path: PathBuf,
}

/// A number of bytes: digits, optionally followed by `K`, `M` or `G`
/// (1024-based; `KiB`, `MiB`, `GiB` and lower case too).
fn parse_bytes(value: &str) -> Result<u64, String> {
    let wrong = || {
        format!(
            "expected a number of bytes, optionally with K, M or G (1024-based), as in `16M`, not `{value}`"
        )
    };
    let text = value.trim();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().map_err(|_| wrong())?;
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kib" => 10,
        "m" | "mib" => 20,
        "g" | "gib" => 30,
        _ => return Err(wrong()),
    };
    number.checked_mul(1 << shift).ok_or_else(wrong)
}

fn parse_report_out(value: &str) -> Result<ReportOut, String> {
    let Some((format, path)) = value.split_once('=') else {
        return Err("expected FORMAT=FILE, for example `html=report.html`".to_owned());
    };
    let format = ReportFormat::from_str(format, false).map_err(|_| {
        let names: Vec<String> = ReportFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
            .collect();
        format!(
            "unknown report format `{format}` (one of: {})",
            names.join(", ")
        )
    })?;
    match path {
        "" => Err("FILE is empty (expected FORMAT=FILE)".to_owned()),
        "-" => Err("standard output takes the --report report; name a file".to_owned()),
        path => Ok(ReportOut {
            format,
            path: PathBuf::from(path),
        }),
    }
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// RFC 4180 CSV in the documented column layout.
    Csv,
    /// schema.org `NewsArticle` JSON-LD.
    Jsonld,
    /// RSS 2.0.
    Rss,
    /// Atom 1.0 (RFC 4287).
    Atom,
    /// JSON Feed 1.1.
    Jsonfeed,
    /// Google News sitemap (several files past 1,000 articles: give --out-dir).
    NewsSitemap,
    /// Apache Parquet file, columnar, in the model's Arrow schema (not to a terminal).
    Parquet,
    /// Excel workbook of the CSV columns (not to a terminal).
    Xlsx,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[cfg(test)]
mod tests {
    use super::parse_bytes;

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_bytes("0"), Ok(0));
        assert_eq!(parse_bytes("4096"), Ok(4096));
        assert_eq!(parse_bytes("1K"), Ok(1024));
        assert_eq!(parse_bytes("16M"), Ok(16 << 20));
        assert_eq!(parse_bytes("16mib"), Ok(16 << 20));
        assert_eq!(parse_bytes("2G"), Ok(2 << 30));
        assert_eq!(parse_bytes("12b"), Ok(12));
        for wrong in [
            "",
            "M",
            "-1",
            "1.5M",
            "16MB",
            "1T",
            "99999999999999999999",
            "17179869184G",
        ] {
            let error = parse_bytes(wrong).expect_err(wrong);
            assert!(error.contains("expected a number of bytes"), "{error}");
        }
    }
}
