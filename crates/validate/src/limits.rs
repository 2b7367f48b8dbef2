//! Bounds on what is listed for one record, shared by the checker and the
//! messages.

/// Most schema errors listed for one record.
pub const MAX_RECORD_ERRORS: usize = 1000;
