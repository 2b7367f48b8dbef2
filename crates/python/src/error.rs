//! `articlekit.Error`: one error object of the contract.

use articlekit_read::Column;
use articlekit_validate::ValidationError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// One problem with one record (or with an input), located: the object
/// `articlekit validate --errors-out` writes, with the same keys.
#[pyclass(module = "articlekit", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub(crate) inner: ValidationError,
}

impl From<ValidationError> for Error {
    fn from(inner: ValidationError) -> Self {
        Self { inner }
    }
}

fn column(py: Python<'_>, column: Option<&Column>) -> PyResult<Py<PyAny>> {
    Ok(match column {
        None => py.None(),
        Some(Column::Char(n)) => n.into_pyobject(py)?.into_any().unbind(),
        Some(Column::Name(name)) => name.into_pyobject(py)?.into_any().unbind(),
    })
}

#[pymethods]
impl Error {
    /// Name of the input (the path as given, or the `input=` name).
    #[getter]
    fn input(&self) -> &str {
        &self.inner.input
    }

    /// 1-based line (CSV: the line the row starts on); `None` for an input that cannot be opened.
    #[getter]
    fn line(&self) -> Option<u64> {
        self.inner.line
    }

    /// 1-based column in characters (`int`), or the column name for CSV (`str`), or `None`.
    #[getter]
    fn column(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        column(py, self.inner.column.as_ref())
    }

    /// 1-based index of the record in its input, or `None`.
    #[getter]
    fn record(&self) -> Option<u64> {
        self.inner.record
    }

    /// `metadata.id` of the record, when it can be read.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }

    /// RFC 6901 pointer of the offending value (`""` for the record itself).
    #[getter]
    fn pointer(&self) -> &str {
        &self.inner.pointer
    }

    /// The schema keyword (`required`, `format`, ...) or articlekit's rule
    /// (`parse`, `utf8`, `size`, `io`, `duplicate-id`, `date-order`, ...).
    #[getter]
    fn keyword(&self) -> String {
        self.inner.keyword.to_string()
    }

    /// What is wrong, for a person.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    /// The error object as a dict with the contract's keys in order:
    /// exactly what `--errors-out` writes for it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let e = &self.inner;
        let dict = PyDict::new(py);
        dict.set_item("input", &*e.input)?;
        dict.set_item("line", e.line)?;
        dict.set_item("column", column(py, e.column.as_ref())?)?;
        dict.set_item("record", e.record)?;
        dict.set_item("id", e.id.as_deref())?;
        dict.set_item("pointer", &e.pointer)?;
        dict.set_item("keyword", e.keyword.to_string())?;
        dict.set_item("message", &e.message)?;
        Ok(dict)
    }

    /// The error as one line of JSON (no line feed), byte for byte as in `--errors-out`.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        format!("articlekit.Error({})", self.inner.to_json())
    }

    fn __str__(&self) -> String {
        self.describe()
    }
}

impl Error {
    /// `input:line:column: message`, as the text report locates an error.
    pub(crate) fn describe(&self) -> String {
        let e = &self.inner;
        match (e.line, &e.column) {
            (Some(line), Some(Column::Char(c))) => format!("{}:{line}:{c}: {}", e.input, e.message),
            (Some(line), Some(Column::Name(c))) => {
                format!("{}:{line} ({c}): {}", e.input, e.message)
            }
            (Some(line), None) => format!("{}:{line}: {}", e.input, e.message),
            (None, _) => format!("{}: {}", e.input, e.message),
        }
    }
}
