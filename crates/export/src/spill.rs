//! An anonymous temporary file that buffered items' bytes are appended to,
//! so that a writer that must hold items keeps only small entries in memory.

use std::fs::File;
use std::io::{BufWriter, Write};

use crate::Error;

/// Where a buffered item's XML is.
#[derive(Debug)]
pub(crate) enum Stored {
    /// In memory (e.g. a `limit` heap, within its byte budget).
    Memory(Box<str>),
    /// In the spill file, at this offset and length.
    Spilled { offset: u64, len: usize },
}

/// An anonymous temporary file that items' XML is appended to.
#[derive(Debug)]
pub(crate) struct SpillFile {
    file: BufWriter<File>,
    len: u64,
}

impl SpillFile {
    pub(crate) fn new() -> Result<Self, Error> {
        Ok(Self {
            file: BufWriter::with_capacity(1 << 16, tempfile::tempfile().map_err(Error::Spill)?),
            len: 0,
        })
    }

    /// Appends `xml`; gives where it is.
    pub(crate) fn push(&mut self, xml: &str) -> Result<Stored, Error> {
        let offset = self.append(xml)?;
        Ok(Stored::Spilled {
            offset,
            len: xml.len(),
        })
    }

    /// Appends `xml`; gives its offset in the file.
    pub(crate) fn append(&mut self, xml: &str) -> Result<u64, Error> {
        self.file.write_all(xml.as_bytes()).map_err(Error::Spill)?;
        let offset = self.len;
        self.len += xml.len() as u64;
        Ok(offset)
    }

    /// How many bytes were appended so far: the offset of the next push.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// The file, flushed, to read back.
    pub(crate) fn into_file(self) -> Result<File, Error> {
        self.file
            .into_inner()
            .map_err(|e| Error::Spill(e.into_error()))
    }
}
