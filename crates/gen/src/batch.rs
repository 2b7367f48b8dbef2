//! A whole batch: which records are broken, and how.

use crate::article::article;
use crate::edge::Edge;
use crate::fault::{Fault, Scope};
use crate::rng::{Rng, mix};

/// Which faults a batch may plant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kinds {
    /// Every fault: schema, batch rules, and bytes that are not JSON.
    #[default]
    All,
    /// Only faults the JSON Schema decides on its own, on records every JSON
    /// parser loads, so independent validators must agree record by record.
    SchemaOnly,
}

impl Kinds {
    /// The faults of this selection, in cycling order.
    pub fn faults(self) -> Vec<Fault> {
        Fault::ALL
            .iter()
            .copied()
            .filter(|f| self == Self::All || f.scope() == Scope::Schema)
            .collect()
    }
}

/// How a batch is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchConfig {
    /// Number of records.
    pub count: u64,
    /// Seed: the same seed gives the same bytes.
    pub seed: u64,
    /// Broken records per million (`300_000` is a rate of 0.3).
    pub broken_ppm: u32,
    /// Valid records taken to an [`Edge`] of the rules, per million; a record
    /// picked to be both broken and an edge is broken.
    pub edge_ppm: u32,
    /// Which faults to plant.
    pub kinds: Kinds,
}

/// One line of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based record number (the line number in NDJSON).
    pub number: u64,
    /// The planted fault, `None` for a valid record.
    pub fault: Option<Fault>,
    /// For a valid record written at an edge of the rules, which edge.
    pub edge: Option<Edge>,
    /// The record's bytes, without a line feed.
    pub bytes: Vec<u8>,
}

/// The records of a batch, in order.
#[derive(Debug)]
pub struct Batch {
    config: BatchConfig,
    faults: Vec<Fault>,
    next: u64,
    broken_so_far: u64,
    edges_so_far: u64,
    last_valid_id: Option<String>,
}

impl Batch {
    /// The batch `config` describes.
    pub fn new(config: BatchConfig) -> Self {
        let faults = config.kinds.faults();
        Self {
            config,
            faults,
            next: 0,
            broken_so_far: 0,
            edges_so_far: 0,
            last_valid_id: None,
        }
    }

    /// Whether record `index` (0-based) is broken: exactly
    /// `floor(count × rate)` of the first `count` records are, spread evenly.
    fn is_broken(&self, index: u64) -> bool {
        spread(index, self.config.broken_ppm, 0)
    }

    fn pick_fault(&self) -> Fault {
        let len = u64::try_from(self.faults.len()).unwrap_or(1);
        // Start the cycle at a seed-dependent place so batches of different
        // seeds put different faults first.
        let start = mix(self.config.seed) % len;
        let at = |k: u64| self.faults[usize::try_from((start + k) % len).unwrap_or(0)];
        let fault = at(self.broken_so_far);
        if fault == Fault::DuplicateId && self.last_valid_id.is_none() {
            at(self.broken_so_far + 1)
        } else {
            fault
        }
    }
}

/// Whether `index` is one of the evenly spread `ppm` per million; `phase`
/// (per million of a period) shifts where they fall, so that two spreads
/// with rates like 0.3 and 0.1 do not pick the same indices.
fn spread(index: u64, ppm: u32, phase: u32) -> bool {
    let ppm = u128::from(ppm.min(1_000_000));
    let phase = u128::from(phase.min(999_999));
    let before = (u128::from(index) * ppm + phase) / 1_000_000;
    let after = ((u128::from(index) + 1) * ppm + phase) / 1_000_000;
    after > before
}

impl Iterator for Batch {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.next >= self.config.count {
            return None;
        }
        let index = self.next;
        self.next += 1;
        let good = article(self.config.seed, index);
        let fault = (self.is_broken(index) && !self.faults.is_empty()).then(|| self.pick_fault());
        // A stream of its own, apart from the article's, for the fault's or edge's choices.
        let mut rng = Rng::for_record(!self.config.seed, index);
        let mut edge = None;
        let bytes = if let Some(fault) = fault {
            self.broken_so_far += 1;
            fault.apply(&good, &mut rng, self.last_valid_id.as_deref())
        } else if spread(index, self.config.edge_ppm, 500_000) {
            let len = u64::try_from(Edge::ALL.len()).unwrap_or(1);
            let picked = Edge::ALL[usize::try_from(self.edges_so_far % len).unwrap_or(0)];
            self.edges_so_far += 1;
            edge = Some(picked);
            picked.apply(&good, &mut rng)
        } else {
            self.last_valid_id = Some(good.metadata.id.clone());
            good.to_canonical_json().into_bytes()
        };
        Some(Record {
            number: index + 1,
            fault,
            edge,
            bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Batch, BatchConfig, Kinds};
    use crate::fault::Scope;

    fn config(count: u64, broken_ppm: u32, kinds: Kinds) -> BatchConfig {
        BatchConfig {
            count,
            seed: 7,
            broken_ppm,
            edge_ppm: 0,
            kinds,
        }
    }

    #[test]
    fn the_broken_fraction_is_exact() {
        let broken = Batch::new(config(1000, 300_000, Kinds::All))
            .filter(|r| r.fault.is_some())
            .count();
        assert_eq!(broken, 300);
        assert_eq!(
            Batch::new(config(10, 0, Kinds::All))
                .filter(|r| r.fault.is_some())
                .count(),
            0
        );
        assert_eq!(
            Batch::new(config(10, 1_000_000, Kinds::All))
                .filter(|r| r.fault.is_some())
                .count(),
            10
        );
    }

    #[test]
    fn schema_only_plants_only_schema_faults() {
        for r in Batch::new(config(400, 500_000, Kinds::SchemaOnly)) {
            assert!(
                r.fault.is_none_or(|f| f.scope() == Scope::Schema),
                "{:?}",
                r.fault
            );
        }
    }

    #[test]
    fn all_cycles_through_every_fault() {
        let total = u64::try_from(Kinds::All.faults().len()).unwrap_or(0);
        let mut seen: Vec<_> = Batch::new(config(total * 2, 500_000, Kinds::All))
            .filter_map(|r| r.fault)
            .collect();
        seen.sort_by_key(|f| f.name());
        seen.dedup();
        assert_eq!(seen.len(), Kinds::All.faults().len());
    }

    #[test]
    fn edges_are_planted_on_valid_records_only() {
        let records: Vec<_> = Batch::new(BatchConfig {
            count: 100,
            seed: 1,
            broken_ppm: 300_000,
            edge_ppm: 500_000,
            kinds: Kinds::All,
        })
        .collect();
        assert!(
            records
                .iter()
                .all(|r| !(r.fault.is_some() && r.edge.is_some()))
        );
        assert_eq!(records.iter().filter(|r| r.fault.is_some()).count(), 30);
        let edges = records.iter().filter(|r| r.edge.is_some()).count();
        assert!((20..=50).contains(&edges), "{edges}");
        // At the rates the differential test uses, no edge is lost to a fault.
        let records: Vec<_> = Batch::new(BatchConfig {
            count: 1000,
            seed: 1,
            broken_ppm: 300_000,
            edge_ppm: 100_000,
            kinds: Kinds::All,
        })
        .collect();
        assert_eq!(records.iter().filter(|r| r.edge.is_some()).count(), 100);
    }

    #[test]
    fn numbers_are_line_numbers() {
        let numbers: Vec<u64> = Batch::new(config(5, 0, Kinds::All))
            .map(|r| r.number)
            .collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn the_duplicate_id_fault_never_comes_first() {
        // Over many seeds the cycle starts at `duplicate-id` for some; with no
        // earlier valid id the next fault is planted instead.
        let mut starts_there = 0;
        for seed in 0..1000 {
            let batch = Batch::new(BatchConfig {
                count: 1,
                seed,
                broken_ppm: 1_000_000,
                edge_ppm: 0,
                kinds: Kinds::All,
            });
            let len = u64::try_from(batch.faults.len()).unwrap_or(1);
            let start = usize::try_from(super::mix(seed) % len).unwrap_or(0);
            starts_there += usize::from(batch.faults[start].name() == "duplicate-id");
            assert_ne!(batch.pick_fault().name(), "duplicate-id", "seed {seed}");
        }
        assert!(starts_there > 0);
    }
}
