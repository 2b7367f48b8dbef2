//! Bytes a writer must hold until the end of the run: kept in memory up to
//! a budget, the rest in an anonymous temporary file made only when the
//! budget is spent, so that memory stays bounded however long the output.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::FileExt;

use crate::Error;

/// Bytes held in memory before a temporary file takes the rest, unless the
/// caller says otherwise ([`ExportOptions::hold`](crate::ExportOptions::hold)).
pub const DEFAULT_HOLD: usize = 16 << 20;

/// Memory is taken in blocks of this size (or the budget, when smaller),
/// so that growing never copies what is held.
const BLOCK: usize = 1 << 20;
/// The spilled part is copied out in pieces of this size.
const COPY_BUFFER: usize = 1 << 20;

/// Where a buffered item's XML is.
#[derive(Debug)]
pub(crate) enum Stored {
    /// In memory (e.g. a `limit` heap, within its byte budget).
    Memory(Box<str>),
    /// In the spool, at this offset and length.
    Spilled { offset: u64, len: usize },
}

/// Bytes appended in order: the first `budget` in memory, the rest in an
/// anonymous temporary file. An append goes whole to one or the other.
#[derive(Debug)]
pub(crate) struct Spool {
    blocks: Vec<Vec<u8>>,
    /// Bytes in `blocks`: the spool's first bytes.
    held: usize,
    budget: usize,
    file: Option<BufWriter<File>>,
    len: u64,
}

impl Spool {
    /// An empty spool holding up to `budget` bytes in memory.
    pub(crate) fn new(budget: usize) -> Self {
        Self {
            blocks: Vec::new(),
            held: 0,
            budget,
            file: None,
            len: 0,
        }
    }

    /// Sets the memory budget for the appends to come (what is held
    /// already stays; once the temporary file exists, everything after goes
    /// to it).
    pub(crate) fn set_budget(&mut self, budget: usize) {
        self.budget = budget;
    }

    /// Appends `xml`; gives where it is.
    pub(crate) fn push(&mut self, xml: &str) -> Result<Stored, Error> {
        let offset = self.append(xml)?;
        Ok(Stored::Spilled {
            offset,
            len: xml.len(),
        })
    }

    /// Appends `xml`; gives its offset in the spool.
    pub(crate) fn append(&mut self, xml: &str) -> Result<u64, Error> {
        self.append_bytes(xml.as_bytes()).map_err(Error::Spill)
    }

    /// Appends `bytes`; gives their offset. Fails only when the temporary
    /// file cannot be made or written.
    pub(crate) fn append_bytes(&mut self, bytes: &[u8]) -> io::Result<u64> {
        let offset = self.len;
        let fits = self
            .held
            .checked_add(bytes.len())
            .is_some_and(|total| total <= self.budget);
        if self.file.is_none() && fits {
            self.hold(bytes);
        } else {
            let file = match &mut self.file {
                Some(file) => file,
                None => self
                    .file
                    .insert(BufWriter::with_capacity(1 << 20, tempfile::tempfile()?)),
            };
            file.write_all(bytes)?;
        }
        self.len += bytes.len() as u64;
        Ok(offset)
    }

    /// Copies `bytes` into the memory blocks.
    fn hold(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let room = self
                .blocks
                .last()
                .map_or(0, |block| block.capacity() - block.len());
            if room == 0 {
                let size = BLOCK.min(self.budget.saturating_sub(self.held));
                self.blocks.push(Vec::with_capacity(size));
                continue;
            }
            let (now, rest) = bytes.split_at(room.min(bytes.len()));
            if let Some(block) = self.blocks.last_mut() {
                block.extend_from_slice(now);
            }
            self.held += now.len();
            bytes = rest;
        }
    }

    /// How many of the bytes are in memory.
    pub(crate) fn held(&self) -> usize {
        self.held
    }

    /// How many bytes were appended so far: the offset of the next push.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// The spool, every byte appended, to read back.
    pub(crate) fn finish(self) -> Result<Spooled, Error> {
        self.finish_io().map_err(Error::Spill)
    }

    /// [`Spool::finish`] with the I/O error as it is.
    pub(crate) fn finish_io(self) -> io::Result<Spooled> {
        let file = self
            .file
            .map(|file| file.into_inner().map_err(io::IntoInnerError::into_error))
            .transpose()?;
        Ok(Spooled {
            blocks: self.blocks,
            held: self.held as u64,
            file,
            len: self.len,
        })
    }
}

/// A finished spool, read back by offset.
#[derive(Debug)]
pub(crate) struct Spooled {
    blocks: Vec<Vec<u8>>,
    held: u64,
    file: Option<File>,
    len: u64,
}

impl Spooled {
    /// Every byte appended.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// The held bytes from `start` to `end` (clamped to what memory
    /// holds), as slices of the blocks.
    fn in_memory(&self, start: u64, end: u64) -> impl Iterator<Item = &[u8]> {
        let (start, end) = (index(start), index(end.min(self.held)));
        let mut block_start = 0_usize;
        self.blocks.iter().filter_map(move |block| {
            let here = block_start;
            block_start += block.len();
            let (from, to) = (start.max(here), end.min(here + block.len()));
            (from < to).then(|| &block[from - here..to - here])
        })
    }

    /// Fills `buffer` with the bytes from `offset` on.
    pub(crate) fn read_at(&self, buffer: &mut [u8], offset: u64) -> io::Result<()> {
        let mut filled = 0;
        for slice in self.in_memory(offset, offset.saturating_add(buffer.len() as u64)) {
            buffer[filled..filled + slice.len()].copy_from_slice(slice);
            filled += slice.len();
        }
        if filled < buffer.len() {
            let file = self.file.as_ref().ok_or(io::ErrorKind::UnexpectedEof)?;
            let at = offset + filled as u64 - self.held;
            file.read_exact_at(&mut buffer[filled..], at)?;
        }
        Ok(())
    }

    /// Writes the bytes from `start` to `end` to `out`: an error reading
    /// the temporary file is [`Error::Spill`], one writing `out` is [`Error::Io`].
    pub(crate) fn copy_range<W: Write + ?Sized>(
        &self,
        out: &mut W,
        start: u64,
        end: u64,
    ) -> Result<(), Error> {
        if start > end || end > self.len {
            return Err(Error::Spill(io::ErrorKind::UnexpectedEof.into()));
        }
        for slice in self.in_memory(start, end) {
            out.write_all(slice)?;
        }
        if end > self.held {
            let file = self
                .file
                .as_ref()
                .ok_or_else(|| Error::Spill(io::ErrorKind::UnexpectedEof.into()))?;
            let mut at = start.max(self.held) - self.held;
            let stop = end - self.held;
            let mut buffer = vec![0; COPY_BUFFER.min(index(stop - at))];
            while at < stop {
                let n = buffer.len().min(index(stop - at));
                file.read_exact_at(&mut buffer[..n], at)
                    .map_err(Error::Spill)?;
                out.write_all(&buffer[..n])?;
                at += n as u64;
            }
        }
        Ok(())
    }

    /// Writes every byte to `out` (errors as [`Spooled::copy_range`]).
    pub(crate) fn copy_all<W: Write + ?Sized>(&self, out: &mut W) -> Result<(), Error> {
        self.copy_range(out, 0, self.len)
    }
}

/// An offset or length as an index: those of memory always fit, and a
/// larger one only saturates a bound.
fn index(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same bytes come back, by offset and by range, whatever part of
    /// them the budget keeps in memory.
    #[test]
    fn reads_back_across_memory_and_file() {
        let pieces: Vec<String> = (0..300)
            .map(|i| format!("<item n=\"{i}\">{}</item>", "ệ".repeat(i % 37)))
            .collect();
        let whole: String = pieces.concat();
        for budget in [0, 1, 100, 4096, whole.len() - 1, whole.len(), usize::MAX] {
            let mut spool = Spool::new(budget);
            let mut offsets = Vec::new();
            for piece in &pieces {
                offsets.push(spool.append(piece).expect("append"));
            }
            assert_eq!(spool.len(), whole.len() as u64);
            let spooled = spool.finish().expect("finish");
            assert_eq!(
                spooled.file.is_some(),
                budget < whole.len(),
                "budget {budget}"
            );
            let mut all = Vec::new();
            spooled.copy_all(&mut all).expect("copy");
            assert_eq!(all, whole.as_bytes(), "budget {budget}");
            for (piece, &offset) in pieces.iter().zip(&offsets) {
                let mut buffer = vec![0; piece.len()];
                spooled.read_at(&mut buffer, offset).expect("read");
                assert_eq!(buffer, piece.as_bytes(), "budget {budget} offset {offset}");
            }
            // A range across the line between memory and file, and past the end.
            let (start, end) = (whole.len() as u64 / 3, 2 * whole.len() as u64 / 3);
            let mut part = Vec::new();
            spooled.copy_range(&mut part, start, end).expect("range");
            assert_eq!(part, &whole.as_bytes()[index(start)..index(end)]);
            assert!(
                spooled
                    .copy_range(&mut part, 0, whole.len() as u64 + 1)
                    .is_err()
            );
        }
    }

    /// A budget changed after some appends holds what is held and sends
    /// what no longer fits to the file; the bytes come back the same.
    #[test]
    fn a_budget_changed_midway_keeps_every_byte() {
        let mut spool = Spool::new(100);
        spool.append(&"a".repeat(60)).expect("append");
        spool.set_budget(10);
        spool.append(&"b".repeat(30)).expect("append");
        spool.set_budget(1 << 20);
        spool.append(&"c".repeat(5)).expect("append");
        assert_eq!(spool.held(), 60);
        let spooled = spool.finish().expect("finish");
        let mut all = Vec::new();
        spooled.copy_all(&mut all).expect("copy");
        assert_eq!(
            all,
            [&b"a".repeat(60)[..], &b"b".repeat(30), &b"c".repeat(5)].concat()
        );
    }

    /// Memory is taken in blocks no bigger than the budget allows.
    #[test]
    fn memory_stays_within_the_budget() {
        let mut spool = Spool::new(3000);
        for _ in 0..10 {
            spool.append(&"x".repeat(1000)).expect("append");
        }
        let held: usize = spool.blocks.iter().map(Vec::capacity).sum();
        assert!(held <= 3000, "{held}");
        assert_eq!(spool.held, 3000);
        assert!(spool.file.is_some());
    }
}
