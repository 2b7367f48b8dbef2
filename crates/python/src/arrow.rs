//! Arrow data handed to pyarrow through the Arrow C data interface, zero-copy.
//!
//! The record batches are exported as an `ArrowArrayStream` (arrow-rs's
//! `FFI_ArrowArrayStream`) inside a `PyCapsule` named `arrow_array_stream`,
//! the Arrow `PyCapsule` interface, and pyarrow imports it: the buffers are
//! never copied, pyarrow releases them through the stream's callbacks. The
//! unsafe parts live in arrow-rs (the FFI structs) and `PyO3` (the capsule).

use std::ffi::CString;

use arrow_array::ffi::FFI_ArrowSchema;
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator, RecordBatchReader};
use arrow_schema::{ArrowError, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::exceptions::ArticlekitError;

/// A `pyarrow.Schema` equal to `schema` (field metadata included).
pub(crate) fn schema_to_pyarrow<'py>(
    py: Python<'py>,
    schema: &SchemaRef,
) -> PyResult<Bound<'py, PyAny>> {
    let ffi = FFI_ArrowSchema::try_from(schema.as_ref())
        .map_err(|e| ArticlekitError::new_err(format!("cannot export the Arrow schema: {e}")))?;
    let capsule = PyCapsule::new(py, ffi, Some(CString::from(c"arrow_schema")))?;
    py.import("pyarrow")?
        .getattr("Schema")?
        .call_method1("_import_from_c_capsule", (capsule,))
}

/// A `pyarrow.RecordBatchReader` over `batches` (each in `schema`), read
/// lazily by pyarrow as it pulls them. An `Err` item raises from pyarrow's
/// read with its message.
pub(crate) fn reader_to_pyarrow<I>(
    py: Python<'_>,
    schema: SchemaRef,
    batches: I,
) -> PyResult<Bound<'_, PyAny>>
where
    I: IntoIterator<Item = Result<RecordBatch, ArrowError>> + Send + 'static,
    I::IntoIter: Send + 'static,
{
    let reader: Box<dyn RecordBatchReader + Send> =
        Box::new(RecordBatchIterator::new(batches, schema));
    let stream = FFI_ArrowArrayStream::new(reader);
    let capsule = PyCapsule::new(py, stream, Some(CString::from(c"arrow_array_stream")))?;
    py.import("pyarrow")?
        .getattr("RecordBatchReader")?
        .call_method1("_import_from_c_capsule", (capsule,))
}

/// A `pyarrow.Table` of `batches`, all in `schema` (none gives an empty
/// table with the columns of `schema`). Zero-copy: the table's chunks are
/// these batches' buffers.
pub(crate) fn table_to_pyarrow(
    py: Python<'_>,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
) -> PyResult<Bound<'_, PyAny>> {
    reader_to_pyarrow(py, schema, batches.into_iter().map(Ok))?.call_method0("read_all")
}
