//! The Python package `articlekit`: the validation pipeline and the exports
//! of the command line, called directly, from Python.
//!
//! A thin layer: arguments are checked and converted here, the work is done
//! by `articlekit-validate` and `articlekit-export` with the GIL released,
//! and their errors become Python exceptions carrying the CLI's messages.
//! Imported as `articlekit._native`; `python/articlekit/__init__.py`
//! re-exports it.

mod args;
mod arrow;
mod error;
mod exceptions;
mod export;
mod json;
mod read;
mod spark;
mod validate;
mod validator;

use pyo3::prelude::*;

/// mimalloc, as in the CLI: records are parsed and checked on the worker
/// threads and freed on others, where glibc's allocator is slow. Only the
/// extension's own (Rust) allocations use it; Python's objects do not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The native module, `articlekit._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(validate::validate, m)?)?;
    m.add_function(wrap_pyfunction!(export::export, m)?)?;
    m.add_function(wrap_pyfunction!(read::arrow_schema, m)?)?;
    m.add_function(wrap_pyfunction!(read::read, m)?)?;
    m.add_class::<validator::Validator>()?;
    m.add_class::<validate::Report>()?;
    m.add_class::<error::Error>()?;
    exceptions::register(m)?;
    spark::register(m)?;
    Ok(())
}

/// The JSON Schema of one article, as a dict: the schema `articlekit schema`
/// prints (and `schemas/article.schema.json` holds).
#[pyfunction]
fn schema(py: Python<'_>) -> PyResult<Py<PyAny>> {
    json::to_python(py, &articlekit_model::schema())
}
