//! The benchmark floor: read NDJSON lines and parse each into a
//! `serde_json::Value`, and nothing else.

use std::io::{self, BufRead, Read};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

/// What a parse-only pass saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseStats {
    /// Non-empty lines read.
    pub lines: u64,
    /// Lines `serde_json` refused (not UTF-8 or not JSON).
    pub errors: u64,
    /// Bytes read, line feeds included.
    pub bytes: u64,
}

impl ParseStats {
    fn add(&mut self, other: Self) {
        self.lines += other.lines;
        self.errors += other.errors;
        self.bytes += other.bytes;
    }
}

/// Parses every line of a block that ends at a line boundary.
fn parse_block(block: &[u8]) -> ParseStats {
    let mut stats = ParseStats {
        bytes: u64::try_from(block.len()).unwrap_or(u64::MAX),
        ..ParseStats::default()
    };
    for line in block.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        stats.lines += 1;
        if serde_json::from_slice::<serde_json::Value>(line).is_err() {
            stats.errors += 1;
        }
    }
    stats
}

/// Size of the blocks handed to worker threads.
const BLOCK: usize = 1 << 20;

/// Reads blocks of whole lines (about [`BLOCK`] bytes; a longer line makes a longer block).
fn next_block(reader: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut block = Vec::with_capacity(BLOCK + 4096);
    (&mut *reader).take(BLOCK as u64).read_to_end(&mut block)?;
    if block.is_empty() {
        return Ok(None);
    }
    if block.last() != Some(&b'\n') {
        reader.read_until(b'\n', &mut block)?;
    }
    Ok(Some(block))
}

/// Parses every line of `reader` on `threads` threads (1 parses on the
/// calling thread): one reader thread cuts the input into blocks of whole
/// lines and the workers parse them, as a parallel validator would.
pub fn parse_lines(mut reader: impl BufRead, threads: usize) -> io::Result<ParseStats> {
    let mut total = ParseStats::default();
    if threads <= 1 {
        while let Some(block) = next_block(&mut reader)? {
            total.add(parse_block(&block));
        }
        return Ok(total);
    }
    let (send, receive) = mpsc::sync_channel::<Vec<u8>>(threads * 2);
    let receive = Arc::new(Mutex::new(receive));
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let receive = Arc::clone(&receive);
                scope.spawn(move || {
                    let mut stats = ParseStats::default();
                    loop {
                        let block = match receive.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => break,
                        };
                        match block {
                            Ok(block) => stats.add(parse_block(&block)),
                            Err(_) => break,
                        }
                    }
                    stats
                })
            })
            .collect();
        let mut read = Ok(());
        loop {
            match next_block(&mut reader) {
                Ok(Some(block)) => {
                    if send.send(block).is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    read = Err(e);
                    break;
                }
            }
        }
        drop(send);
        for worker in workers {
            if let Ok(stats) = worker.join() {
                total.add(stats);
            }
        }
        read
    })?;
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::{ParseStats, parse_lines};

    #[test]
    fn counts_lines_errors_and_bytes_on_any_number_of_threads() {
        let mut input = Vec::new();
        for i in 0..5000 {
            if i % 100 == 0 {
                input.extend_from_slice(b"{not json\n");
            } else {
                input.extend_from_slice(
                    format!("{{\"n\":{i},\"pad\":\"{}\"}}\r\n", "x".repeat(i % 700)).as_bytes(),
                );
            }
        }
        input.extend_from_slice(b"\n{\"last\":true}");
        let expected = ParseStats {
            lines: 5001,
            errors: 50,
            bytes: u64::try_from(input.len()).unwrap_or(0),
        };
        for threads in [1, 2, 3] {
            assert_eq!(
                parse_lines(input.as_slice(), threads).ok(),
                Some(expected),
                "{threads} threads"
            );
        }
    }
}
