"""articlekit: validate and export batches of news-article records.

The Rust core of the ``articlekit`` command line, called directly: the same
verdicts, the same error objects as ``--errors-out`` and the same export
bytes as ``articlekit export``.

>>> import articlekit as ak
>>> report = ak.validate(["fixtures/articles.ndjson"])
>>> report.ok
True
"""

from articlekit._native import (
    ArticlekitError,
    ConfigError,
    Error,
    InputError,
    InvalidBatch,
    OutputError,
    Report,
    Validator,
    __version__,
    arrow_schema,
    export,
    read,
    schema,
    validate,
)

__all__ = [
    "ArticlekitError",
    "ConfigError",
    "Error",
    "InputError",
    "InvalidBatch",
    "OutputError",
    "Report",
    "Validator",
    "__version__",
    "arrow_schema",
    "export",
    "read",
    "schema",
    "validate",
]
