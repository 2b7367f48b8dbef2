//! The batch pipeline: read every input in order, check records in
//! parallel, apply the batch rules, and hand everything back in input order.
//!
//! The calling thread reads records and cuts them into chunks (at most
//! [`PipelineOptions::chunk_records`] records or
//! [`PipelineOptions::chunk_bytes`] bytes); a rayon pool of `jobs` threads
//! checks the chunks; the calling thread takes finished chunks back in the
//! order they were cut, runs the duplicate-id rule, and calls the callback.
//! At most two chunks per worker are in flight, so memory is bounded by the
//! chunk size, not the batch.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};

use articlekit_read::{Blank, Format, InputError, Item, ReadOptions, Reader, Record, open};

use crate::Keyword;
use crate::checker::{Checked, Checker};
use crate::duplicates::DuplicateIds;
use crate::error::{SetupError, ValidationError};
use crate::path::quote;
use crate::report::Summary;
use crate::verdict::{Invalid, NoRender, Render, Valid};

/// How a pipeline runs.
#[derive(Debug, Clone)]
pub struct PipelineOptions {
    /// How inputs are read.
    pub read: ReadOptions,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// Most items in one chunk of work (records, and blank lines and input
    /// events, which take memory too).
    pub chunk_records: usize,
    /// Most raw bytes in one chunk of work (a chunk always holds at least one record).
    pub chunk_bytes: u64,
    /// For which input formats valid records are read into
    /// [`Article`](articlekit_model::Article)s ([`Valid::article`]): what
    /// the caller needs, per format. Not building them saves the work when
    /// only verdicts (or, for NDJSON, the raw lines) are needed. A
    /// [`Render`] step needs them: with one, every format builds them.
    pub articles: fn(Format) -> bool,
    /// Whether records are first tried on the typed fast path
    /// ([`Checker::with_fast_path`]); the results are the same either way.
    pub fast_path: bool,
}

impl PipelineOptions {
    /// Builds articles for every format (the default).
    pub const ALL_ARTICLES: fn(Format) -> bool = |_| true;
    /// Builds no article.
    pub const NO_ARTICLES: fn(Format) -> bool = |_| false;
}

impl Default for PipelineOptions {
    fn default() -> Self {
        Self {
            read: ReadOptions::default(),
            jobs: None,
            chunk_records: 1024,
            chunk_bytes: 2 << 20,
            articles: Self::ALL_ARTICLES,
            fast_path: true,
        }
    }
}

/// What the pipeline hands back, in input order.
#[derive(Debug)]
pub enum Event {
    /// An input was opened; its records follow.
    Opened {
        /// Name of the input.
        input: Arc<str>,
        /// Format it is read as.
        format: Format,
    },
    /// A record without error, batch rules included.
    Valid(Box<Valid>),
    /// A record with at least one error.
    Invalid(Box<Invalid>),
    /// A blank NDJSON line (not a record); its bytes, for a lossless quarantine split.
    Blank(Blank),
    /// An input could not be opened, or could not be read on; the next input follows.
    InputError(InputError),
    /// The input has no more data for now (a pipe, `tail -f`): every record
    /// that came so far has been handed out. Flush what was written, so
    /// that it reaches its reader now rather than when more input comes.
    Waiting,
}

/// A unit of work in a chunk.
enum Work {
    Record(Record),
    Ready(Event),
}

/// A unit of work done.
enum Done<O> {
    Checked(Box<Checked>, Option<O>),
    Ready(Event),
}

/// Reads `inputs` (paths, `-` for standard input; none means standard
/// input), checks every record against the schema and the batch rules,
/// calls `on_event` for each [`Event`] in input order, and returns the
/// counts of the run.
///
/// Stops at the first error `on_event` returns (for example a closed pipe)
/// and returns it; errors of the pipeline itself (the schema does not
/// compile, threads cannot start) come back through `E: From<SetupError>`.
///
/// ```
/// use articlekit_validate::{Event, PipelineOptions, SetupError, run_pipeline};
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("batch.ndjson");
/// std::fs::write(&path, concat!(
///     r#"{"metadata":{"id":"a","title":"T","language":"vi"},"summary":"S","bullets":["B"],"discussion_count":0}"#, "\n",
///     r#"{"metadata":{"id":"a","title":"T","language":"vi"},"summary":"S","bullets":["B"],"discussion_count":-1}"#, "\n",
/// ))?;
/// let mut verdicts = Vec::new();
/// let summary = run_pipeline(&[path], &PipelineOptions::default(), |event| {
///     match event {
///         Event::Valid(valid) => verdicts.push(vec![valid.article.unwrap().metadata.id]),
///         Event::Invalid(invalid) => {
///             verdicts.push(invalid.errors.iter().map(|e| e.keyword.to_string()).collect())
///         }
///         _ => {}
///     }
///     Ok::<(), SetupError>(())
/// })?;
/// assert_eq!(verdicts, [vec!["a".to_owned()], vec!["minimum".to_owned(), "duplicate-id".to_owned()]]);
/// assert_eq!((summary.valid, summary.invalid, summary.errors), (1, 1, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_pipeline<E: From<SetupError>>(
    inputs: &[PathBuf],
    options: &PipelineOptions,
    mut on_event: impl FnMut(Event) -> Result<(), E>,
) -> Result<Summary, E> {
    run_pipeline_with(inputs, options, &Arc::new(NoRender), |event, _| {
        on_event(event)
    })
}

/// [`run_pipeline`] with a [`Render`] step: each valid record is rendered
/// on the validation workers right after it is checked, and its output
/// comes with its [`Event::Valid`] (every other event comes with `None`;
/// a record found to be a duplicate has its output dropped).
pub fn run_pipeline_with<E: From<SetupError>, R: Render>(
    inputs: &[PathBuf],
    options: &PipelineOptions,
    renderer: &Arc<R>,
    on_event: impl FnMut(Event, Option<R::Output>) -> Result<(), E>,
) -> Result<Summary, E> {
    let stdin = [PathBuf::from("-")];
    let inputs = if inputs.is_empty() {
        &stdin[..]
    } else {
        inputs
    };
    // Each input is opened only when the one before it is read.
    let readers = inputs.iter().map(|path| open(path, &options.read));
    run_pipeline_on(readers, options, renderer, on_event)
}

/// [`run_pipeline_with`] on readers the caller made (for example with
/// [`from_reader`](articlekit_read::from_reader) on bytes in memory), read in
/// order; an `Err` is an input that could not be opened. The batch rules
/// hold across all of them, as across the files of one run.
pub fn run_pipeline_on<E: From<SetupError>, R: Render>(
    readers: impl IntoIterator<Item = Result<Reader, InputError>>,
    options: &PipelineOptions,
    renderer: &Arc<R>,
    mut on_event: impl FnMut(Event, Option<R::Output>) -> Result<(), E>,
) -> Result<Summary, E> {
    let checker = Arc::new(
        Checker::new()?
            .with_max_record_bytes(options.read.max_record_bytes)
            .with_fast_path(options.fast_path),
    );
    let jobs = options
        .jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("articlekit-check-{i}"))
        .build()
        .map_err(|source| SetupError::Threads { jobs, source })?;
    let mut output = Ordered {
        ids: DuplicateIds::new(),
        summary: Summary::default(),
        fresh: false,
        queue: VecDeque::new(),
        bytes: 0,
        max_bytes: 2 * jobs as u64 * options.chunk_bytes.max(1),
        inline: jobs == 1,
    };
    let max_in_flight = 2 * jobs;
    let work = Worker {
        checker,
        render: Arc::clone(renderer),
        // A render step needs the article of every record.
        articles: if R::NEEDS_ARTICLES {
            PipelineOptions::ALL_ARTICLES
        } else {
            options.articles
        },
    };

    let mut chunk = Chunk::new(options);
    for opened in readers {
        match opened {
            Err(error) => chunk.push(Work::Ready(Event::InputError(error)), 0),
            Ok(mut reader) => {
                let opened = Event::Opened {
                    input: reader.input().clone(),
                    format: reader.format(),
                };
                chunk.push(Work::Ready(opened), 0);
                loop {
                    let pending =
                        !chunk.work.is_empty() || !output.queue.is_empty() || output.fresh;
                    if pending && !reader.ready() {
                        // The next read would wait for more input (a pipe, a
                        // terminal, `tail -f`): what came so far goes out
                        // now, rather than when a chunk is full.
                        let bytes = chunk.bytes;
                        output.dispatch(&pool, &work, chunk.take(), bytes);
                        output.deliver(0, &mut on_event)?;
                        output.fresh = false;
                        on_event(Event::Waiting, None)?;
                    }
                    let Some(item) = reader.next() else { break };
                    match item {
                        Ok(Item::Record(record)) => {
                            let len = record.raw.len();
                            chunk.push(Work::Record(record), len);
                        }
                        Ok(Item::Blank(blank)) => {
                            let len = blank.raw.len() as u64;
                            chunk.push(Work::Ready(Event::Blank(blank)), len);
                        }
                        Err(error) => chunk.push(Work::Ready(Event::InputError(error)), 0),
                    }
                    if chunk.is_full() {
                        let bytes = chunk.bytes;
                        output.dispatch(&pool, &work, chunk.take(), bytes);
                        output.deliver(max_in_flight, &mut on_event)?;
                    }
                }
            }
        }
    }
    let bytes = chunk.bytes;
    output.dispatch(&pool, &work, chunk.take(), bytes);
    output.deliver(0, &mut on_event)?;
    Ok(output.summary)
}

/// What a worker needs to check and render a chunk.
struct Worker<R> {
    checker: Arc<Checker>,
    render: Arc<R>,
    articles: fn(Format) -> bool,
}

impl<R: Render> Worker<R> {
    fn run(&self, work: Vec<Work>) -> Vec<Done<R::Output>> {
        work.into_iter()
            .map(|w| match w {
                Work::Record(record) => {
                    let articles = (self.articles)(record.format);
                    let mut checked = self.checker.check_building(record, articles);
                    let rendered = if R::NEEDS_ARTICLES && checked.is_valid() {
                        let dates = checked.dates;
                        checked
                            .take_article()
                            .map(|article| self.render.render(article, &dates))
                    } else {
                        None
                    };
                    Done::Checked(Box::new(checked), rendered)
                }
                Work::Ready(event) => Done::Ready(event),
            })
            .collect()
    }
}

/// Records being gathered for the next chunk.
struct Chunk {
    work: Vec<Work>,
    records: usize,
    bytes: u64,
    max_records: usize,
    max_bytes: u64,
}

impl Chunk {
    fn new(options: &PipelineOptions) -> Self {
        Self {
            work: Vec::new(),
            records: 0,
            bytes: 0,
            max_records: options.chunk_records.max(1),
            max_bytes: options.chunk_bytes.max(1),
        }
    }

    fn push(&mut self, work: Work, bytes: u64) {
        // Blank lines count too: a million of them must not pile up in one chunk.
        self.records += 1;
        self.bytes += bytes;
        self.work.push(work);
    }

    fn is_full(&self) -> bool {
        self.records >= self.max_records || self.bytes >= self.max_bytes
    }

    fn take(&mut self) -> Vec<Work> {
        self.records = 0;
        self.bytes = 0;
        std::mem::take(&mut self.work)
    }
}

/// The ordered output side.
struct Ordered<O> {
    ids: DuplicateIds,
    summary: Summary,
    /// Events were handed out since the last [`Event::Waiting`].
    fresh: bool,
    /// Chunks being checked, in order, with their raw bytes.
    queue: VecDeque<(Receiver<Vec<Done<O>>>, u64)>,
    /// Raw bytes of the chunks in the queue.
    bytes: u64,
    /// The most raw bytes in flight: past it, the reader waits for the
    /// oldest chunk, so that big records (which take several times their
    /// size once parsed) are not checked many at a time.
    max_bytes: u64,
    /// One job: chunks are checked on the calling thread, between reads,
    /// so that `--jobs 1` keeps to one core.
    inline: bool,
}

impl<O: Send + 'static> Ordered<O> {
    fn dispatch<R: Render<Output = O>>(
        &mut self,
        pool: &rayon::ThreadPool,
        worker: &Worker<R>,
        work: Vec<Work>,
        bytes: u64,
    ) {
        if work.is_empty() {
            return;
        }
        let (tx, rx) = sync_channel(1);
        if self.inline {
            // The receiver is in this function's hands: the send cannot fail.
            let _ = tx.send(worker.run(work));
            self.queue.push_back((rx, bytes));
            self.bytes += bytes;
            return;
        }
        let worker = Worker {
            checker: Arc::clone(&worker.checker),
            render: Arc::clone(&worker.render),
            articles: worker.articles,
        };
        pool.spawn(move || {
            // The receiver is gone only when the run was stopped.
            let _ = tx.send(worker.run(work));
        });
        self.queue.push_back((rx, bytes));
        self.bytes += bytes;
    }

    /// Hands back finished chunks in order; waits while more than
    /// `max_in_flight` are pending, or more than `max_bytes` of them.
    fn deliver<E: From<SetupError>>(
        &mut self,
        max_in_flight: usize,
        on_event: &mut impl FnMut(Event, Option<O>) -> Result<(), E>,
    ) -> Result<(), E> {
        while let Some((front, bytes)) = self.queue.front() {
            let bytes = *bytes;
            let done = if self.queue.len() > max_in_flight || self.bytes > self.max_bytes {
                front.recv().map_err(|_| SetupError::WorkerLost)?
            } else {
                match front.try_recv() {
                    Ok(done) => done,
                    Err(TryRecvError::Empty) => return Ok(()),
                    Err(TryRecvError::Disconnected) => return Err(SetupError::WorkerLost.into()),
                }
            };
            self.queue.pop_front();
            self.bytes -= bytes;
            for done in done {
                let (event, rendered) = match done {
                    Done::Ready(event) => (event, None),
                    Done::Checked(mut checked, rendered) => {
                        self.duplicate_rule(&mut checked);
                        self.summary.add(&checked.input, &checked.errors);
                        match checked.into_verdict() {
                            Ok(valid) => (Event::Valid(valid), rendered),
                            Err(invalid) => (Event::Invalid(invalid), None),
                        }
                    }
                };
                match &event {
                    Event::Opened { input, format } => self.summary.opened(input, *format),
                    Event::InputError(error) => self.summary.input_failed(error),
                    _ => {}
                }
                self.fresh = true;
                on_event(event, rendered)?;
            }
        }
        Ok(())
    }

    fn duplicate_rule(&mut self, checked: &mut Checked) {
        let Some(id) = checked.id() else { return };
        let Some(first) = self.ids.check(id, &checked.input, checked.line) else {
            return;
        };
        let message = format!(
            "metadata.id {} is a duplicate: it is first used in `{}` at line {}",
            quote(id),
            first.input,
            first.line
        );
        checked.push_error("/metadata/id", Keyword::DuplicateId, message);
    }
}

/// The errors an [`Event`] reports: an invalid record's, or an input error as one.
impl Event {
    /// The errors this event reports (none for a valid record, a blank line
    /// or an opened input).
    pub fn errors(&self) -> std::borrow::Cow<'_, [ValidationError]> {
        match self {
            Self::Invalid(invalid) => std::borrow::Cow::Borrowed(&invalid.errors),
            Self::InputError(error) => {
                std::borrow::Cow::Owned(vec![ValidationError::from_input(error)])
            }
            _ => std::borrow::Cow::Borrowed(&[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn record(id: &str) -> String {
        format!(
            r#"{{"metadata":{{"id":"{id}","title":"T","language":"vi"}},"summary":"S","bullets":["B"],"discussion_count":0}}"#
        )
    }

    /// Events as short strings, in the order they came.
    fn trace(inputs: &[PathBuf], options: &PipelineOptions) -> Vec<String> {
        let mut seen = Vec::new();
        run_pipeline(inputs, options, |event| {
            seen.push(match event {
                Event::Opened { input, format } => {
                    format!("open {} {format}", input.rsplit('/').next().unwrap_or(""))
                }
                Event::Valid(v) => format!("{}:{} ", v.origin.index, v.origin.line),
                Event::Invalid(c) => {
                    let keywords: Vec<&str> = c.errors.iter().map(|e| e.keyword.as_str()).collect();
                    format!(
                        "{}:{} {}",
                        c.origin.index,
                        c.origin.line,
                        keywords.join(",")
                    )
                }
                Event::Blank(b) => format!("blank {}", b.line),
                Event::InputError(e) => format!("error {}", e.keyword()),
                Event::Waiting => "waiting".to_owned(),
            });
            Ok::<(), SetupError>(())
        })
        .expect("runs");
        seen
    }

    #[test]
    fn events_come_back_in_input_order_whatever_the_chunking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("a.ndjson");
        let b = dir.path().join("b.ndjson");
        let mut text = String::new();
        for n in 0..300 {
            let _ = writeln!(text, "{}", record(&format!("a-{n}")));
            if n % 50 == 0 {
                text.push('\n');
            }
        }
        std::fs::write(&a, &text).expect("write");
        // b repeats one id of a and holds a line that is not JSON.
        std::fs::write(
            &b,
            format!("{}\nnot json\n{}\n", record("b-0"), record("a-7")),
        )
        .expect("write");
        let inputs = [a, dir.path().join("missing.ndjson"), b];
        let mut expected = None;
        for (jobs, chunk_records) in [(1, 1), (2, 7), (3, 1000)] {
            let options = PipelineOptions {
                jobs: Some(jobs),
                chunk_records,
                ..PipelineOptions::default()
            };
            let got = trace(&inputs, &options);
            assert_eq!(got[0], "open a.ndjson ndjson");
            assert_eq!(got[1], "1:1 ");
            assert_eq!(got[2], "blank 2");
            assert_eq!(got[got.len() - 5], "error io");
            assert_eq!(
                got[got.len() - 4..],
                [
                    "open b.ndjson ndjson",
                    "1:1 ",
                    "2:2 parse",
                    "3:3 duplicate-id"
                ][..]
            );
            if let Some(expected) = &expected {
                assert_eq!(&got, expected, "jobs {jobs}, chunks of {chunk_records}");
            }
            expected = Some(got);
        }
    }

    /// Renders each article to the name of the thread that rendered it.
    struct ThreadName;

    impl Render for ThreadName {
        type Output = String;
        fn render(&self, _: articlekit_model::Article, _: &crate::Dates) -> String {
            std::thread::current().name().unwrap_or("").to_owned()
        }
    }

    #[test]
    fn one_job_checks_on_the_calling_thread_and_more_on_the_pool() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.ndjson");
        let text: String = (0..50).map(|n| record(&format!("a-{n}")) + "\n").collect();
        std::fs::write(&path, text).expect("write");
        let caller = std::thread::spawn(move || {
            let mut names = Vec::new();
            for jobs in [1, 2] {
                let options = PipelineOptions {
                    jobs: Some(jobs),
                    chunk_records: 8,
                    ..PipelineOptions::default()
                };
                let mut seen = Vec::new();
                let summary = run_pipeline_with(
                    std::slice::from_ref(&path),
                    &options,
                    &Arc::new(ThreadName),
                    |_, rendered| {
                        seen.extend(rendered);
                        Ok::<(), SetupError>(())
                    },
                )
                .expect("runs");
                assert_eq!(summary.valid, 50);
                names.push(seen);
            }
            names
        });
        let names = caller.join().expect("the caller thread");
        // `--jobs 1` keeps to one core: no worker thread is involved.
        assert_eq!(names[0].len(), 50);
        assert!(names[0].iter().all(String::is_empty), "{:?}", names[0]);
        assert!(
            names[1].iter().all(|n| n.starts_with("articlekit-check-")),
            "{:?}",
            names[1]
        );
    }
}
