//! Integration tests of the generator: valid records against the model's
//! schema, every planted fault against what decides it, and the binary.

mod cli;
mod faults;
mod valid;

use articlekit_gen::{Batch, BatchConfig, Kinds, Record};

/// The model's schema compiled as articlekit compiles it: formats asserted.
pub fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&articlekit_model::schema())
        .expect("the model's schema compiles")
}

/// The records of a batch.
pub fn batch(count: u64, seed: u64, broken_ppm: u32, kinds: Kinds) -> Vec<Record> {
    Batch::new(BatchConfig {
        count,
        seed,
        broken_ppm,
        edge_ppm: 0,
        kinds,
    })
    .collect()
}
