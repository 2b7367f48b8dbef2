//! Interrupts (`SIGINT`, `SIGTERM`, `SIGHUP`): remove every temporary file
//! still being written and exit 128 + the signal's number, so that a run
//! stopped part way leaves neither a half-written target nor a temporary file.
//!
//! A watcher thread receives the signals (through `signal-hook`, no unsafe
//! code here); it holds the registry of live temporary files while it
//! removes them and exits, and commits rename under the same lock, so each
//! temporary file is either renamed into place or removed, never half.

use std::fs;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::output::{any_committed, live_temporaries};

/// Installs the handler (once, at the start of `main`). When it cannot be
/// installed the run goes on with the default behaviour (as before).
pub fn install() {
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
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
