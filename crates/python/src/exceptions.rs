//! The exception classes, and the errors of the libraries mapped onto them.

use articlekit_validate::ValidationError;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    articlekit,
    ArticlekitError,
    PyException,
    "Base class of the errors articlekit raises."
);
create_exception!(
    articlekit,
    InputError,
    ArticlekitError,
    "An input cannot be read (missing, a directory, unknown format, an I/O error). \
     `.input` names it and `.error` is its `Error` object, as in `--errors-out`."
);
create_exception!(
    articlekit,
    ConfigError,
    ArticlekitError,
    "An argument or a channel file is wrong (an unknown format, an incomplete channel, \
     an option of another format)."
);
create_exception!(
    articlekit,
    OutputError,
    ArticlekitError,
    "The export could not be written; its destination was left as it was."
);
create_exception!(
    articlekit,
    InvalidBatch,
    ArticlekitError,
    "Some records are invalid, so nothing was exported; `.report` lists them \
     (pass `skip_invalid=True` to export the valid ones)."
);

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ArticlekitError", py.get_type::<ArticlekitError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("OutputError", py.get_type::<OutputError>())?;
    m.add("InvalidBatch", py.get_type::<InvalidBatch>())?;
    Ok(())
}

/// An [`InputError`] for an input that cannot be read, with its error object.
pub(crate) fn input_error(py: Python<'_>, error: ValidationError) -> PyErr {
    let err = InputError::new_err(error.message.clone());
    let value = err.value(py);
    // Setting attributes on a fresh exception instance does not fail.
    let _ = value.setattr("input", &*error.input);
    let _ = value.setattr("error", crate::error::Error::from(error));
    err
}

/// The message of an error with its causes, as the CLI prints it (`a: b: c`).
pub(crate) fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        // thiserror's `transparent` and `{0}` messages repeat their source.
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
