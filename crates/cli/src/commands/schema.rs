//! `articlekit schema`: print the generated JSON Schema, or check that a
//! committed copy is still what the model generates (`--check FILE`).

use std::fmt::Write as _;
use std::fs;
use std::io::Write;

use anyhow::{Context, Result};

use super::Outcome;
use crate::args::SchemaArgs;
use crate::output::Output;

/// Writes the schema text, exactly as committed in `schemas/article.schema.json`.
pub fn run(args: &SchemaArgs) -> Result<Outcome> {
    let generated = articlekit_model::schema_text();
    if let Some(path) = &args.check {
        let committed = fs::read_to_string(path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        if committed == generated {
            return Ok(Outcome::Success);
        }
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "`{}` differs from the schema this articlekit generates; regenerate it with `articlekit schema -o {}`",
                path.display(),
                path.display()
            );
            eprint!("{}", first_difference(&committed, &generated));
        }
        return Ok(Outcome::Invalid);
    }
    let mut out = Output::open(args.output.as_deref(), &[])?;
    out.write_all(generated.as_bytes())?;
    out.commit()?;
    Ok(Outcome::Success)
}

/// The first differing line, diff style: `@@ line N @@`, `-committed`, `+generated`.
fn first_difference(committed: &str, generated: &str) -> String {
    let mut old = committed.lines();
    let mut new = generated.lines();
    let mut n = 1;
    loop {
        match (old.next(), new.next()) {
            (Some(a), Some(b)) if a == b => n += 1,
            (None, None) => return "(the files differ only in line endings)\n".to_owned(),
            (a, b) => {
                let mut text = format!("@@ line {n} @@\n");
                if let Some(a) = a {
                    let _ = writeln!(text, "-{}", articlekit_model::quote::escape_controls(a));
                }
                if let Some(b) = b {
                    let _ = writeln!(text, "+{b}");
                }
                return text;
            }
        }
    }
}
