//! Settings resolved from the command line once, for every command:
//! the pipeline's options and whether to colour.

use articlekit_read::{Format, PageOptions, ReadOptions};
use articlekit_validate::PipelineOptions;

use crate::args::{ColorChoice, FormatArg, InputArgs, PageArgs};

/// The pipeline's configuration from the command line.
pub(crate) fn pipeline_options(
    input: &InputArgs,
    page: &PageArgs,
    keep_oversize: bool,
) -> PipelineOptions {
    let format = input.from.map(|f| match f {
        FormatArg::Ndjson => Format::Ndjson,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
        FormatArg::Page => Format::Page,
        FormatArg::Parquet => Format::Parquet,
        FormatArg::Xlsx => Format::Xlsx,
    });
    PipelineOptions {
        read: ReadOptions {
            format,
            max_record_bytes: input.max_record_bytes,
            keep_oversize,
            page: PageOptions {
                language: page.language.clone(),
                source_language: page.source_language.clone(),
                id: None,
            },
        },
        jobs: input.jobs.map(usize::from),
        // `ARTICLEKIT_FAST_PATH=0` sends every record down the full path:
        // the output is the same, which tests/interop/check-differential.sh
        // and bench/validate.sh show.
        fast_path: std::env::var_os("ARTICLEKIT_FAST_PATH").is_none_or(|v| v != "0"),
        ..PipelineOptions::default()
    }
}

/// Whether to colour output going to a stream that is (or is not) a terminal.
pub(crate) fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}
