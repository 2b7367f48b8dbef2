//! The duplicate-`metadata.id` rule, across all inputs of a run.
//!
//! It runs in input order on the output side of the pipeline. Memory grows
//! with the number of distinct ids, and the rule is exact: an id is a
//! duplicate only when the very same string was seen before, and the error
//! names where it was first seen (input and line, exactly).
//!
//! Each distinct id is kept once, compactly: its bytes, then the input
//! index and line of its first occurrence, appended to one byte arena
//! (`varint length, id, varint input, varint line`: the id's length plus
//! about 5 bytes), and one 8-byte slot in an open-addressing table (24 bits
//! of a keyed `SipHash` of the id and the record's 40-bit offset in the
//! arena). A slot whose hash bits match is confirmed by comparing the id
//! with the arena's copy, so two ids sharing hash bits are still told apart.
//! The table is split in 256 shards by 8 more bits of the hash, each grown
//! by half when 85% full: it holds 9.4 to 14.1 bytes per id (between
//! growths), and growing one shard at a time never doubles memory. In all,
//! about the id's length + 15 to 20 bytes per distinct id (see
//! `bench/limits.sh` for a measured run of 10 million ids).

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;

/// Hash bits (below the top 8, which pick the shard) kept in a slot.
const FRAGMENT_BITS: u32 = 24;
const FRAGMENT_MASK: u64 = (1 << FRAGMENT_BITS) - 1;
/// A slot is `fragment << OFFSET_BITS | (offset + 1)`; 0 is empty.
const OFFSET_BITS: u32 = 40;
const OFFSET_MASK: u64 = (1 << OFFSET_BITS) - 1;
const SHARDS: usize = 256;

/// Where an id was first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstSeen {
    /// Name of the input.
    pub input: Arc<str>,
    /// 1-based line of the record.
    pub line: u64,
}

/// The ids seen so far in a run.
#[derive(Debug)]
pub struct DuplicateIds {
    shards: Vec<Shard>,
    /// Every distinct id and where it was first seen, one after another.
    arena: Vec<u8>,
    /// Ids seen after the arena passed 2⁴⁰ bytes (1 TiB), which a slot
    /// cannot point to: id → input index and line, in an ordinary map.
    overflow: HashMap<Box<str>, (u64, u64)>,
    keys: RandomState,
    inputs: Vec<Arc<str>>,
    len: usize,
    /// A replacement hash, to force collisions in tests.
    #[cfg(test)]
    hash: Option<fn(&str) -> u64>,
}

impl Default for DuplicateIds {
    fn default() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Shard::default()).collect(),
            arena: Vec::new(),
            overflow: HashMap::new(),
            keys: RandomState::new(),
            inputs: Vec::new(),
            len: 0,
            #[cfg(test)]
            hash: None,
        }
    }
}

impl DuplicateIds {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    fn hash(&self, id: &str) -> u64 {
        #[cfg(test)]
        if let Some(hash) = self.hash {
            return hash(id);
        }
        self.keys.hash_one(id)
    }

    /// Records `id` as seen at `input`/`line`, or returns where it was
    /// first seen if it was seen before.
    pub fn check(&mut self, id: &str, input: &Arc<str>, line: u64) -> Option<FirstSeen> {
        let hash = self.hash(id);
        let shard = usize::try_from(hash >> 56).unwrap_or(0) % SHARDS;
        let fragment = (hash >> 32) & FRAGMENT_MASK;
        let found = self
            .shards
            .get(shard)
            .and_then(|s| s.find(fragment, |offset| record_at(&self.arena, offset, id)));
        let found = found.or_else(|| self.overflow.get(id).copied());
        if let Some((index, line)) = found {
            let input = usize::try_from(index)
                .ok()
                .and_then(|i| self.inputs.get(i))
                .cloned()
                .unwrap_or_else(|| input.clone());
            return Some(FirstSeen { input, line });
        }
        if self.inputs.last().is_none_or(|last| last != input) {
            self.inputs.push(input.clone());
        }
        let index = self.inputs.len() as u64 - 1;
        let offset = self.arena.len() as u64;
        match self.shards.get_mut(shard) {
            Some(s) if offset < OFFSET_MASK => {
                push_varint(&mut self.arena, id.len() as u64);
                self.arena.extend_from_slice(id.as_bytes());
                push_varint(&mut self.arena, index);
                push_varint(&mut self.arena, line);
                s.insert((fragment << OFFSET_BITS) | (offset + 1));
            }
            _ => {
                self.overflow.insert(id.into(), (index, line));
            }
        }
        self.len += 1;
        None
    }

    /// How many distinct ids were seen.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no id was seen.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// One shard of the table: linear probing from `home(fragment)`.
#[derive(Debug, Default)]
struct Shard {
    slots: Vec<u64>,
    len: usize,
}

impl Shard {
    /// Where probing for `fragment` starts: its place in proportion, so
    /// growing needs only the slots, not the ids.
    fn home(fragment: u64, capacity: usize) -> usize {
        usize::try_from((fragment * capacity as u64) >> FRAGMENT_BITS).unwrap_or(0)
    }

    /// The first slot with this fragment whose record `confirm` accepts.
    fn find<T>(&self, fragment: u64, confirm: impl Fn(u64) -> Option<T>) -> Option<T> {
        let capacity = self.slots.len();
        if capacity == 0 {
            return None;
        }
        let mut i = Self::home(fragment, capacity);
        // The table is never full, so an empty slot ends the probe.
        for _ in 0..capacity {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            if slot >> OFFSET_BITS == fragment {
                if let Some(found) = confirm((slot & OFFSET_MASK) - 1) {
                    return Some(found);
                }
            }
            i = if i + 1 == capacity { 0 } else { i + 1 };
        }
        None
    }

    fn insert(&mut self, slot: u64) {
        let capacity = self.slots.len();
        if (self.len + 1) * 20 > capacity * 17 {
            let mut grown = Self {
                slots: vec![0; (capacity + capacity / 2).max(8)],
                len: 0,
            };
            for &old in self.slots.iter().filter(|&&s| s != 0) {
                grown.place(old);
            }
            *self = grown;
        }
        self.place(slot);
    }

    fn place(&mut self, slot: u64) {
        let capacity = self.slots.len();
        let mut i = Self::home(slot >> OFFSET_BITS, capacity);
        while let Some(s) = self.slots.get_mut(i) {
            if *s == 0 {
                *s = slot;
                self.len += 1;
                return;
            }
            i = if i + 1 == capacity { 0 } else { i + 1 };
        }
    }
}

/// The input index and line of the arena's record at `offset` if its id is `id`.
fn record_at(arena: &[u8], offset: u64, id: &str) -> Option<(u64, u64)> {
    let mut at = usize::try_from(offset).ok()?;
    let len = usize::try_from(read_varint(arena, &mut at)?).ok()?;
    let end = at.checked_add(len)?;
    if arena.get(at..end)? != id.as_bytes() {
        return None;
    }
    at = end;
    let index = read_varint(arena, &mut at)?;
    let line = read_varint(arena, &mut at)?;
    Some((index, line))
}

fn push_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(u8::try_from(n & 0x7f).unwrap_or(0) | 0x80);
        n >>= 7;
    }
    out.push(u8::try_from(n).unwrap_or(0));
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0_u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(n);
        }
    }
    None
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

    /// `check` against a plain map of the ids, under `hash`.
    fn matches_a_plain_map(hash: fn(&str) -> u64, distinct: u64) {
        let inputs: Vec<Arc<str>> = vec!["a".into(), "b".into(), "c".into()];
        let mut ids = DuplicateIds::new();
        ids.hash = Some(hash);
        let mut plain: HashMap<String, FirstSeen> = HashMap::new();
        for step in 0..distinct * 3 {
            // Every id comes back a few times, across inputs.
            let id = format!("id-{}", (step * 7919) % distinct);
            let input = &inputs[usize::try_from(step / distinct).expect("small")];
            let expected = plain.get(&id).cloned();
            if expected.is_none() {
                plain.insert(
                    id.clone(),
                    FirstSeen {
                        input: input.clone(),
                        line: step + 1,
                    },
                );
            }
            assert_eq!(ids.check(&id, input, step + 1), expected, "{id} at {step}");
        }
        assert_eq!(ids.len(), plain.len());
        // An id that only shares the hash is new.
        assert_eq!(ids.check("another", &inputs[0], 1), None);
        assert_eq!(ids.check("id-1 ", &inputs[0], 1), None);
    }

    #[test]
    fn ids_with_the_same_hash_are_not_duplicates_and_repeats_are() {
        matches_a_plain_map(|_| 0x5eed_5eed_5eed_5eed, 600);
    }

    #[test]
    fn a_tiny_hash_with_many_collisions_stays_exact() {
        // 16 distinct hashes, spread over shards and hash bits.
        matches_a_plain_map(
            |id| (id.bytes().map(u64::from).sum::<u64>() % 16).wrapping_mul(0x9e37_79b9_7f4a_7c15),
            5_000,
        );
    }

    #[test]
    fn the_real_hash_stays_exact_over_many_growths() {
        let mut ids = DuplicateIds::new();
        let input: Arc<str> = "i".into();
        for n in 0..200_000_u64 {
            assert_eq!(ids.check(&format!("{n:x}"), &input, n + 1), None);
        }
        for n in (0..200_000_u64).step_by(997) {
            assert_eq!(
                ids.check(&format!("{n:x}"), &input, 1).map(|f| f.line),
                Some(n + 1)
            );
        }
        assert_eq!(ids.len(), 200_000);
    }

    #[test]
    fn locations_are_kept_exactly_however_large() {
        let (a, b): (Arc<str>, Arc<str>) = ("a".into(), "b".into());
        let mut ids = DuplicateIds::new();
        let far = (1_u64 << 41) + 3;
        assert_eq!(ids.check("far", &a, far), None);
        assert_eq!(ids.check("max", &b, u64::MAX), None);
        assert_eq!(
            ids.check("far", &b, 1),
            Some(FirstSeen {
                input: a,
                line: far
            })
        );
        assert_eq!(ids.check("max", &b, 1).map(|f| f.line), Some(u64::MAX));
    }
}
