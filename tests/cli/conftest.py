"""Helpers for CLI tests: an in-process runner and the installed ``skillgraph`` executable."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import skillgraph as sg
from skillgraph.cli import cli

#: Every format the CLI can write.
WRITABLE = ["json", "turtle", "ntriples", "jsonld", "rdfxml"]
SUFFIX = {
    "json": ".json",
    "turtle": ".ttl",
    "ntriples": ".nt",
    "jsonld": ".jsonld",
    "rdfxml": ".rdf",
}


def exe() -> list[str]:
    """The installed ``skillgraph`` console script, else ``python -m skillgraph``."""
    found = shutil.which("skillgraph")
    if found is None:
        beside = Path(sys.executable).parent / "skillgraph"
        found = str(beside) if beside.exists() else None
    return [found] if found else [sys.executable, "-m", "skillgraph"]


def need_format(name: str) -> None:
    """Skip while the module implementing ``name`` is not written yet."""
    from skillgraph.io import registry

    module = registry.get(name).module
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"format {name}: module {module} does not exist yet")


@pytest.fixture()
def invoke() -> Callable[..., Result]:
    """Run the CLI in-process: ``invoke(*args, input=None)``."""
    runner = CliRunner()

    def run(*args: str, input: bytes | str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=True)

    return run


@pytest.fixture()
def run_exe(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed executable in ``tmp_path``: ``run_exe(*args, input=None)``."""

    def run(
        *args: str, input: str | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*exe(), *args],
            input=input,
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            timeout=300,
        )

    return run


@pytest.fixture(scope="session")
def demo_path() -> Path:
    """The bundled demo ontology's file."""
    found = sg.bundled()
    if "demo" not in found:
        pytest.fail("bundled demo ontology (ontologies/demo.json) is missing")
    return found["demo"]


def ok(result: Result | subprocess.CompletedProcess[str]) -> str:
    """The stdout of a run that must have exited 0 (with stderr in the failure message)."""
    if isinstance(result, Result):
        assert result.exit_code == 0, (result.output, result.stderr, result.exception)
        return result.stdout
    assert result.returncode == 0, (result.stdout, result.stderr)
    return result.stdout


def one_error(text: str) -> str:
    """The single ``Error: …`` line of ``text``; fails on a traceback or several errors."""
    assert "Traceback" not in text, text
    errors = [line for line in text.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, text
    return errors[0]
