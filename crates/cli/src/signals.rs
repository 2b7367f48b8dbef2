//! Interrupts (`SIGINT`, `SIGTERM`, `SIGHUP`, `SIGQUIT`, `SIGUSR1`,
//! `SIGUSR2`, `SIGALRM`, `SIGVTALRM`, `SIGXCPU`: every signal whose default
//! is to end the process and that can be caught): remove every temporary
//! file still being written and exit 128 + the signal's number, so that a
//! run stopped part way leaves neither a half-written target nor a
//! temporary file. `SIGXFSZ` (a file size limit reached) is caught and
//! ignored, so the write that hit the limit fails with `EFBIG` and is
//! reported like a full disk. `SIGPIPE` is ignored by Rust programs already:
//! a closed pipe is an `EPIPE` (see `output::Closable`).
//!
//! A watcher thread receives the signals (through `signal-hook`, no unsafe
//! code here); it holds the registry of live temporary files while it
//! removes them and exits, and commits rename under the same lock, so each
//! temporary file is either renamed into place or removed, never half.

use std::fs;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
};
use signal_hook::iterator::Signals;

use crate::output::{any_committed, live_temporaries};

/// The signals that end a run (after the temporary files are removed).
const TERMINATING: [i32; 9] = [
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGXCPU,
];

/// Installs the handler (once, at the start of `main`). When it cannot be
/// installed the run goes on with the default behaviour (as before).
pub fn install() {
    // Caught, so that the write past the limit fails instead of the process dying.
    let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
    let Ok(mut signals) = Signals::new(TERMINATING) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                interrupted(signal);
            }
        });
    drop(spawned);
}

/// Removes the live temporary files, says so, and exits.
fn interrupted(signal: i32) -> ! {
    let name = match signal {
        SIGINT => "SIGINT",
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP",
        SIGQUIT => "SIGQUIT",
        SIGUSR1 => "SIGUSR1",
        SIGUSR2 => "SIGUSR2",
        SIGALRM => "SIGALRM",
        SIGVTALRM => "SIGVTALRM",
        SIGXCPU => "SIGXCPU",
        _ => "a signal",
    };
    // Kept locked until exit: no commit can rename anything after this.
    let live = live_temporaries();
    let mut left = Vec::new();
    for path in live.iter() {
        if fs::remove_file(path).is_err() && path.exists() {
            left.push(path.display().to_string());
        }
    }
    let kept = if any_committed() {
        "outputs committed before it stay as written; no other output was replaced"
    } else {
        "no output was replaced: every target is as it was"
    };
    #[allow(clippy::print_stderr)]
    {
        eprintln!("articlekit: interrupted ({name}); {kept}");
        if !left.is_empty() {
            eprintln!(
                "articlekit: could not remove the temporary files {}",
                left.join(", ")
            );
        }
    }
    std::process::exit(128 + signal);
}
