//! One module per subcommand; each returns the [`Outcome`] that becomes the exit code.

pub mod export;
pub mod import;
pub mod schema;
pub mod validate;

/// How a command ended, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was valid and written (exit 0).
    Success,
    /// Some records were invalid or refused (exit 1).
    Invalid,
}
