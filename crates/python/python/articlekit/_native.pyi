import os
import pyarrow  # type: ignore[import-untyped, unused-ignore]
from typing import Any, BinaryIO, Iterable, Literal, Optional, Sequence, Union, final


_Path = Union[str, "os.PathLike[str]"]
_Paths = Union[_Path, Iterable[_Path]]
_Format = Literal["ndjson", "json", "csv", "page"]
_ExportFormat = Literal[
    "ndjson", "csv", "jsonld", "rss", "atom", "jsonfeed", "news-sitemap", "parquet", "xlsx"
]

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
    "spark_articles",
    "spark_check",
    "spark_scan",
    "spark_sniff",
    "validate",
]

__version__: str

def schema() -> dict[str, Any]:
    """The JSON Schema of one article (the schema `articlekit schema` prints)."""

@final
class Error:
    """One error object, as `articlekit validate --errors-out` writes it."""

    @property
    def input(self) -> str: ...
    @property
    def line(self) -> Optional[int]: ...
    @property
    def column(self) -> Union[int, str, None]: ...
    @property
    def record(self) -> Optional[int]: ...
    @property
    def id(self) -> Optional[str]: ...
    @property
    def pointer(self) -> str: ...
    @property
    def keyword(self) -> str: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> dict[str, Any]:
        """The keys input, line, column, record, id, pointer, keyword, message, in order."""
    def to_json(self) -> str:
        """One line of JSON, byte for byte as in `--errors-out`."""

@final
class Report:
    """The outcome of `validate` or `export`."""

    @property
    def summary(self) -> dict[str, Any]:
        """The "summary" object of `articlekit validate --report json`."""
    @property
    def errors(self) -> list[Error]:
        """Every error, in input order."""
    @property
    def records(self) -> int: ...
    @property
    def valid(self) -> int: ...
    @property
    def invalid(self) -> int: ...
    @property
    def ok(self) -> bool:
        """No error at all (the CLI's exit code 0)."""
    def __bool__(self) -> bool: ...

@final
class Validator:
    """The schema compiled once; thread-safe; releases the GIL while checking."""

    def __init__(self) -> None: ...
    def check(
        self, record: Union[str, bytes, bytearray, dict[str, Any]], *, input: str = "<record>"
    ) -> list[Error]:
        """The errors of one record (one JSON document, or a dict); [] when valid."""
    def check_lines(
        self,
        lines: Iterable[Union[str, bytes, bytearray]],
        *,
        input: str = "<lines>",
        jobs: Optional[int] = None,
        max_record_bytes: Optional[int] = None,
    ) -> list[list[Error]]:
        """The errors of each NDJSON line, checked as one batch on every core."""

def validate(
    paths: _Paths,
    format: Optional[_Format] = None,
    jobs: Optional[int] = None,
    *,
    max_record_bytes: Optional[int] = None,
) -> Report:
    """Validates files as `articlekit validate` reads them."""

def arrow_schema() -> pyarrow.Schema:
    """The Arrow schema of one article: the columns of `read` and of the Parquet export."""

def read(
    paths: _Paths,
    format: Optional[_Format] = None,
    skip_invalid: bool = False,
    jobs: Optional[int] = None,
    *,
    max_record_bytes: Optional[int] = None,
) -> pyarrow.Table:
    """The valid articles as a pyarrow.Table in `arrow_schema()`; InvalidBatch when any record is invalid."""

def export(
    paths: _Paths,
    to: _ExportFormat,
    out: Union[_Path, BinaryIO, None] = None,
    channel: Optional[_Path] = None,
    skip_invalid: bool = False,
    *,
    format: Optional[_Format] = None,
    jobs: Optional[int] = None,
    max_record_bytes: Optional[int] = None,
    excel: bool = False,
    html: bool = False,
    title: Optional[str] = None,
    link: Optional[str] = None,
    description: Optional[str] = None,
    self_link: Optional[str] = None,
    channel_language: Optional[str] = None,
    hub: Optional[Sequence[str]] = None,
    last_build_date: Optional[str] = None,
    newest_first: bool = False,
    limit: Optional[int] = None,
    archive_size: Optional[int] = None,
    now: Optional[str] = None,
    out_dir: Optional[_Path] = None,
    buffer_bytes: Optional[int] = None,
) -> Report:
    """Writes the valid articles as `articlekit export --to` does, byte for byte."""

# The native side of `articlekit.spark` (one split of an NDJSON file, in a Spark task).
def spark_sniff(head: bytes, input: str) -> Optional[tuple[str, str, str]]:
    """The CLI's refusal of a whole file from its first 256 KiB: (error JSON, keyword, message), or None."""

def spark_scan(
    data: bytes, input: str, *, at_start: bool, max_record_bytes: int = ...
) -> tuple[int, int, tuple[list[int], list[str]], tuple[list[Any], ...]]:
    """Stage 1: a split's lines, records, ids by line, and errors (as columns), numbered within it."""

def spark_check(
    data: bytes,
    input: str,
    *,
    first_line: int,
    first_record: int,
    at_start: bool,
    errors: Sequence[tuple[Any, ...]],
    duplicates: dict[int, tuple[str, int]],
    max_record_bytes: int = ...,
) -> tuple[bytes, bytes, bytes, tuple[bool, bool], tuple[int, int, int, int, dict[str, int]]]:
    """Stage 2: a split's valid side, invalid side and errors (NDJSON), numbered as in its file."""

def spark_articles(
    data: bytes, input: str, *, at_start: bool, duplicates: set[int], max_record_bytes: int = ...
) -> pyarrow.Table:
    """The valid articles of a split, later duplicates left out, in `arrow_schema()`."""

class ArticlekitError(Exception): ...
class InputError(ArticlekitError):
    input: str
    error: Error
class ConfigError(ArticlekitError): ...
class OutputError(ArticlekitError): ...
class InvalidBatch(ArticlekitError):
    report: Report
