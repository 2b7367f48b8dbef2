"""Shared helpers: the CLI binary to compare against, the repository's fixtures."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures"


def _binary(env: str, name: str) -> str:
    found = os.environ.get(env) or str(ROOT / "target" / "release" / name)
    if not pathlib.Path(found).exists():
        found = shutil.which(name) or ""
    if not found:
        pytest.skip(f"{name} not built: run `cargo build --release -p articlekit-cli -p articlekit-gen`")
    return found


@pytest.fixture(scope="session")
def cli() -> str:
    return _binary("ARTICLEKIT", "articlekit")


@pytest.fixture(scope="session")
def gen() -> str:
    return _binary("ARTICLEKIT_GEN", "articlekit-gen")


def cli_errors(cli: str, paths, tmp_path, *extra):
    """The CLI's `--errors-out` objects and its JSON summary for `paths`."""
    out = tmp_path / "errors.ndjson"
    run = subprocess.run(
        [cli, "validate", "--report", "json", "--errors-out", str(out), *extra, *map(str, paths)],
        capture_output=True,
        cwd=ROOT,
    )
    assert run.returncode in (0, 1, 2), run.stderr
    errors = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    summary = json.loads(run.stdout)["summary"]
    return errors, summary, run.returncode
