//! Outputs of several files, kept in memory.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

/// Files kept in memory, by name, in the order they were created.
#[derive(Clone, Default)]
pub struct Memory(Arc<Mutex<Files>>);

/// The names in creation order, and the contents by name.
type Files = (Vec<String>, BTreeMap<String, Vec<u8>>);

struct InMemory(Memory, String);

impl Write for InMemory {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        let mut files = self.0.0.lock().expect("not poisoned");
        files
            .1
            .entry(self.1.clone())
            .or_default()
            .extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Memory {
    pub fn opener(&self) -> impl FnMut(&str) -> io::Result<Box<dyn Write + Send>> + use<> {
        let memory = self.clone();
        move |name: &str| {
            let mut files = memory.0.lock().expect("not poisoned");
            assert!(!files.1.contains_key(name), "{name} created twice");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            );
            files.0.push(name.to_owned());
            files.1.insert(name.to_owned(), Vec::new());
            Ok(Box::new(InMemory(memory.clone(), name.to_owned())))
        }
    }

    pub fn file(&self, name: &str) -> String {
        let files = self.0.lock().expect("not poisoned");
        String::from_utf8(files.1[name].clone()).expect("UTF-8")
    }

    pub fn names(&self) -> Vec<String> {
        self.0.lock().expect("not poisoned").0.clone()
    }
}
