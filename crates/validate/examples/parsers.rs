//! Single-thread CPU time of JSON parsers on an NDJSON batch, for the
//! choice of the fast path's parser (`bench/validate.sh` prints it):
//! `Value` parses with `serde_json` and `sonic-rs`, and the fast path's
//! typed read (every schema rule checked, the article built or not) driven
//! by `serde_json`, `sonic-rs` and `simd-json`.
//!
//!     cargo run --release -p articlekit-validate --example parsers -- FILE [RUNS]
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::{Duration, Instant};

use articlekit_validate::Checker;
use serde::Deserialize;

/// A parser to time: its name and one pass over the batch (records accepted).
type Case<'a> = (&'static str, Box<dyn FnMut() -> usize + 'a>);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: parsers FILE [RUNS]")?;
    let runs: usize = args.next().map_or(Ok(3), |r| r.parse())?;
    let bytes = std::fs::read(&path)?;
    let lines: Vec<&[u8]> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let checker = Checker::new()?;
    let mut scratch = Vec::new();
    let mut cases: Vec<Case<'_>> = vec![
        (
            "serde_json Value",
            Box::new(|| {
                lines
                    .iter()
                    .filter(|l| serde_json::from_slice::<serde_json::Value>(l).is_ok())
                    .count()
            }),
        ),
        (
            "sonic-rs Value",
            Box::new(|| {
                lines
                    .iter()
                    .filter(|l| sonic_rs::from_slice::<sonic_rs::Value>(l).is_ok())
                    .count()
            }),
        ),
        (
            "fast path, serde_json, no article",
            Box::new(|| typed_serde(&checker, &lines, false)),
        ),
        (
            "fast path, serde_json, article",
            Box::new(|| typed_serde(&checker, &lines, true)),
        ),
        (
            "fast path, sonic-rs, no article",
            Box::new(|| typed_sonic(&checker, &lines, false)),
        ),
        (
            "fast path, sonic-rs, article",
            Box::new(|| typed_sonic(&checker, &lines, true)),
        ),
        (
            "fast path, simd-json, article",
            Box::new(|| {
                lines
                    .iter()
                    .filter(|l| {
                        scratch.clear();
                        scratch.extend_from_slice(l);
                        simd_json::Deserializer::from_slice(&mut scratch)
                            .ok()
                            .and_then(|mut d| checker.fast_read_with(&mut d, true))
                            .is_some()
                    })
                    .count()
            }),
        ),
        (
            "serde_json Article (derive, no rules)",
            Box::new(|| {
                lines
                    .iter()
                    .filter(|l| {
                        let mut d = serde_json::Deserializer::from_slice(l);
                        articlekit_model::Article::deserialize(&mut d).is_ok()
                    })
                    .count()
            }),
        ),
    ];
    // Rounds of every case in turn, so that a busy moment of the machine
    // does not fall on one case only; the best of the rounds counts.
    let mut best = vec![(Duration::MAX, 0); cases.len()];
    for _ in 0..runs {
        for ((_, f), best) in cases.iter_mut().zip(&mut best) {
            let start = Instant::now();
            let ok = f();
            *best = (best.0.min(start.elapsed()), ok);
        }
    }
    let floor = best[0].0;
    println!(
        "{} records, {} bytes, best of {runs} rounds, one thread",
        lines.len(),
        bytes.len()
    );
    for ((name, _), &(time, ok)) in cases.iter().zip(&best) {
        println!(
            "{name:<40} {:>8.3} s  {:>5.2}x serde_json Value  ({ok} accepted)",
            time.as_secs_f64(),
            time.as_secs_f64() / floor.as_secs_f64()
        );
    }
    Ok(())
}

fn typed_serde(checker: &Checker, lines: &[&[u8]], build: bool) -> usize {
    lines
        .iter()
        .filter(|l| {
            let mut d = serde_json::Deserializer::from_slice(l);
            checker.fast_read_with(&mut d, build).is_some() && d.end().is_ok()
        })
        .count()
}

fn typed_sonic(checker: &Checker, lines: &[&[u8]], build: bool) -> usize {
    lines
        .iter()
        .filter(|l| {
            let mut d = sonic_rs::Deserializer::from_slice(l);
            checker.fast_read_with(&mut d, build).is_some() && d.end().is_ok()
        })
        .count()
}
