//! `articlekit schema`: print the generated JSON Schema.

use std::io::Write;

use anyhow::Result;

use super::Outcome;
use crate::args::SchemaArgs;
use crate::output::Output;

/// Writes the schema text, exactly as committed in `schemas/article.schema.json`.
pub fn run(args: &SchemaArgs) -> Result<Outcome> {
    let mut out = Output::open(args.output.as_deref(), &[])?;
    out.write_all(articlekit_model::schema_text().as_bytes())?;
    out.commit()?;
    Ok(Outcome::Success)
}
