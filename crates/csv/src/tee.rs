//! A reader that keeps what passes through it, so that every row's bytes
//! can be handed back exactly as they were in the file.

use std::io::{self, Read};

/// Passes bytes through and keeps them from offset `base` on, until
/// [`cut`](Tee::cut) hands a span out and forgets what lies before its end.
#[derive(Debug)]
pub(crate) struct Tee<R> {
    inner: R,
    kept: Vec<u8>,
    base: u64,
    /// Largest row wanted; reading stops well past it (see [`SLACK`]).
    pub limit: Option<u64>,
    /// Where the row being read starts.
    pub row_start: u64,
    /// Reading stopped because a row ran past the limit inside a quoted
    /// cell (a row that may never end).
    pub overflowed: bool,
    /// Bytes of the row being read that were dropped, not passed on: a row
    /// that ran past the limit outside quotes is skipped up to its line
    /// ending, which is passed on, so the next row is read as usual.
    pub skipped: u64,
    /// `row_start` of the row last skipped: it is not checked again.
    skipped_row: Option<u64>,
    /// Dropping bytes up to the next line ending.
    skipping: bool,
}

/// How far past the limit a row may run before reading stops: the limit
/// itself is checked exactly on each complete row; this only bounds memory
/// when a row never ends (an unclosed quote).
const SLACK: u64 = 64 * 1024;

impl<R: Read> Tee<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            kept: Vec::new(),
            base: 0,
            limit: None,
            row_start: 0,
            overflowed: false,
            skipped: 0,
            skipped_row: None,
            skipping: false,
        }
    }

    #[cfg(test)]
    pub(crate) fn kept_len(&self) -> usize {
        self.kept.len()
    }

    /// Offset just past the last byte read so far.
    pub(crate) fn total(&self) -> u64 {
        self.base + self.kept.len() as u64
    }

    /// The kept bytes from absolute offset `from` (clamped to what is kept).
    pub(crate) fn since(&self, from: u64) -> &[u8] {
        let at = usize::try_from(from.saturating_sub(self.base)).unwrap_or(usize::MAX);
        self.kept.get(at..).unwrap_or_default()
    }

    /// The bytes from `start` to `end` (absolute offsets); everything before
    /// `end` is forgotten.
    pub(crate) fn cut(&mut self, start: u64, end: u64) -> Vec<u8> {
        let to_index = |offset: u64| {
            usize::try_from(offset.saturating_sub(self.base))
                .unwrap_or(usize::MAX)
                .min(self.kept.len())
        };
        let (from, to) = (to_index(start), to_index(end));
        let span = self
            .kept
            .get(from..to)
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        self.kept.drain(..to);
        self.base += to as u64;
        span
    }
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(limit) = self.limit {
            let over = self.total().saturating_sub(self.row_start) > limit.saturating_add(SLACK);
            if over && !self.skipping && self.skipped_row != Some(self.row_start) {
                if in_quotes(self.since(self.row_start)) {
                    self.overflowed = true;
                    return Err(io::Error::other("a row runs past the size limit"));
                }
                self.skipping = true;
                self.skipped_row = Some(self.row_start);
            }
        }
        loop {
            let n = self.inner.read(buf)?;
            if !self.skipping || n == 0 {
                self.kept.extend_from_slice(&buf[..n]);
                return Ok(n);
            }
            match memchr::memchr2(b'\n', b'\r', &buf[..n]) {
                None => self.skipped += n as u64,
                Some(at) => {
                    self.skipping = false;
                    self.skipped += at as u64;
                    buf.copy_within(at..n, 0);
                    let n = n - at;
                    self.kept.extend_from_slice(&buf[..n]);
                    return Ok(n);
                }
            }
        }
    }
}

/// True when `row` (the start of one CSV row) ends inside a quoted cell,
/// following `csv`'s reading of quotes: a quote opens a cell only at its
/// start, and `""` inside a quoted cell is a quote, not its end.
fn in_quotes(row: &[u8]) -> bool {
    let mut quoted = false;
    let mut field_start = true;
    let mut just_closed = false;
    for &b in row {
        if quoted {
            if b == b'"' {
                quoted = false;
                just_closed = true;
            }
            continue;
        }
        let reopen = just_closed && b == b'"';
        just_closed = false;
        match b {
            b'"' if reopen || field_start => quoted = true,
            b',' | b'\r' | b'\n' => field_start = true,
            _ => field_start = false,
        }
    }
    quoted
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly on bad data, which is its job
mod tests {
    use std::io::Read;

    use super::Tee;

    #[test]
    fn spans_come_back_and_are_forgotten() {
        let mut tee = Tee::new(&b"header\nrow one\nrow two\n"[..]);
        let mut sink = Vec::new();
        tee.read_to_end(&mut sink).unwrap();
        assert_eq!(tee.total(), 23);
        assert_eq!(tee.cut(0, 7), b"header\n");
        assert_eq!(tee.since(7), b"row one\nrow two\n");
        assert_eq!(tee.cut(7, 15), b"row one\n");
        assert_eq!(tee.cut(15, 23), b"row two\n");
        assert_eq!(tee.cut(15, 30), b"");
        assert_eq!(tee.total(), 23);
    }

    #[test]
    fn quotes_are_followed() {
        assert!(super::in_quotes(b"a,\"b"));
        assert!(super::in_quotes(b"a,\"b\"\"c"));
        assert!(!super::in_quotes(b"a,\"b\"\"c\",d"));
        assert!(!super::in_quotes(b"a,b\"c"));
        assert!(!super::in_quotes(b"a,bbbb"));
    }

    #[test]
    fn an_unquoted_row_past_the_limit_is_skipped_to_its_end() {
        let mut text = vec![b'x'; 1 << 20];
        text.extend_from_slice(b"\r\nnext\n");
        let mut tee = Tee::new(&text[..]);
        tee.limit = Some(10);
        let mut sink = Vec::new();
        let mut chunk = [0; 4096];
        loop {
            let n = tee.read(&mut chunk).unwrap();
            if n == 0 {
                break;
            }
            sink.extend_from_slice(&chunk[..n]);
        }
        assert!(!tee.overflowed);
        assert!(sink.ends_with(b"\r\nnext\n"), "{}", sink.len());
        assert_eq!(sink.len() as u64 + tee.skipped, text.len() as u64);
        assert!(sink.len() < 80 * 1024, "{}", sink.len());
    }

    #[test]
    fn reading_stops_far_past_the_limit() {
        let mut big = vec![b'x'; 1 << 20];
        big[0] = b'"';
        let mut tee = Tee::new(&big[..]);
        tee.limit = Some(10);
        let mut sink = [0; 4096];
        let mut read = 0;
        while let Ok(n) = tee.read(&mut sink) {
            read += n;
        }
        assert!(tee.overflowed);
        assert!(read < 80 * 1024, "{read}");
    }
}
