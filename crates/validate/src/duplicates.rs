//! The duplicate-`metadata.id` rule, across all inputs of a run.
//!
//! It runs in input order on the output side of the pipeline. Memory grows
//! with the number of distinct ids, so each id is kept compactly: as a
//! 128-bit keyed hash (two independent `SipHash` keys) and where it was
//! first seen packed in 64 bits (24 bits of input index, 40 of line), 24
//! bytes per id rather than the string itself. Two different ids collide
//! with a probability around n²/2¹²⁹ — for a billion ids, about 10⁻²¹ —
//! which this accepts in exchange for flat memory. Lines past 2⁴⁰ and
//! inputs past 2²⁴ are remembered as the largest value that fits.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};
use std::sync::Arc;

/// Keyword of the duplicate-id rule.
pub const DUPLICATE_ID: &str = "duplicate-id";

const LINE_BITS: u32 = 40;
const LINE_MAX: u64 = (1 << LINE_BITS) - 1;
const INPUT_MAX: u64 = (1 << (64 - LINE_BITS)) - 1;

/// Where an id was first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstSeen {
    /// Name of the input.
    pub input: Arc<str>,
    /// 1-based line of the record.
    pub line: u64,
}

/// The ids seen so far in a run.
#[derive(Debug, Default)]
pub struct DuplicateIds {
    /// Hash of the id → input index and line, packed.
    seen: HashMap<Key, u64, BuildHasherDefault<Prehashed>>,
    keys: (RandomState, RandomState),
    inputs: Vec<Arc<str>>,
}

impl DuplicateIds {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `id` as seen at `input`/`line`, or returns where it was
    /// first seen if it was seen before.
    pub fn check(&mut self, id: &str, input: &Arc<str>, line: u64) -> Option<FirstSeen> {
        let key = Key(self.keys.0.hash_one(id), self.keys.1.hash_one(id));
        if let Some(&packed) = self.seen.get(&key) {
            let index = usize::try_from(packed >> LINE_BITS).unwrap_or(usize::MAX);
            let input = self
                .inputs
                .get(index)
                .cloned()
                .unwrap_or_else(|| input.clone());
            return Some(FirstSeen {
                input,
                line: packed & LINE_MAX,
            });
        }
        if self.inputs.last().is_none_or(|last| last != input) {
            self.inputs.push(input.clone());
        }
        let index = (self.inputs.len() as u64 - 1).min(INPUT_MAX);
        self.seen
            .insert(key, (index << LINE_BITS) | line.min(LINE_MAX));
        None
    }

    /// How many distinct ids were seen.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// True when no id was seen.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// A 128-bit hash of an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key(u64, u64);

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0);
    }
}

/// The keys are hashes already: the table uses their first half as it is.
#[derive(Debug, Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_occurrence_is_kept_and_later_ones_point_back_to_it() {
        let (a, b): (Arc<str>, Arc<str>) = ("a.ndjson".into(), "b.ndjson".into());
        let mut ids = DuplicateIds::new();
        assert_eq!(ids.check("x-1", &a, 1), None);
        assert_eq!(ids.check("x-2", &a, 2), None);
        assert_eq!(ids.check("x-3", &b, 1), None);
        let first = FirstSeen {
            input: a.clone(),
            line: 2,
        };
        assert_eq!(ids.check("x-2", &b, 5), Some(first.clone()));
        assert_eq!(ids.check("x-2", &b, 9), Some(first));
        assert_eq!(
            ids.check("x-3", &a, 3),
            Some(FirstSeen { input: b, line: 1 })
        );
        assert_eq!(ids.len(), 3);
    }

    #[test]
    fn ids_differing_only_slightly_are_distinct() {
        let input: Arc<str> = "i".into();
        let mut ids = DuplicateIds::new();
        for n in 0..10_000 {
            assert_eq!(ids.check(&format!("id-{n}"), &input, n), None);
        }
        assert_eq!(ids.check("id-17", &input, 0).map(|f| f.line), Some(17));
    }
}
