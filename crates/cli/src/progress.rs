//! The progress bar on stderr, shared by the commands that read records.

use std::fs;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args::Cli;

/// The progress bar on stderr: only on a terminal and without `--quiet`.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    records: std::cell::Cell<u64>,
}

impl Progress {
    pub(crate) fn new(cli: &Cli, inputs: &[PathBuf]) -> Self {
        if cli.quiet || !io::stderr().is_terminal() {
            return Self {
                bar: None,
                records: 0.into(),
            };
        }
        let sizes: Option<u64> = inputs
            .iter()
            .map(|p| {
                fs::metadata(p)
                    .ok()
                    .filter(std::fs::Metadata::is_file)
                    .map(|m| m.len())
            })
            .sum();
        let bar =
            ProgressBar::with_draw_target(sizes.filter(|&s| s > 0), ProgressDrawTarget::stderr());
        let template = if bar.length().is_some() {
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}) {msg}"
        } else {
            "{spinner} [{elapsed_precise}] {bytes} ({bytes_per_sec}) {msg}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        Self {
            bar: Some(bar),
            records: 0.into(),
        }
    }

    pub(crate) fn record(&self, bytes: u64) {
        let Some(bar) = &self.bar else { return };
        let records = self.records.get() + 1;
        self.records.set(records);
        bar.inc(bytes);
        if records.is_multiple_of(256) {
            bar.set_message(format!("{records} records"));
        }
    }

    /// Runs `write` with the bar hidden, when its output shares the terminal.
    pub(crate) fn suspend_if<R>(&self, shares_terminal: bool, write: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if shares_terminal => bar.suspend(write),
            _ => write(),
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
