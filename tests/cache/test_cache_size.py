"""``$SKILLGRAPH_CACHE_SIZE``: 0 keeps no snapshot; a value that is not a number is refused
before the input is read, with a message naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import skillgraph as sg
from skillgraph.cli import cli
from skillgraph.errors import InvalidValueError


def test_size_zero_keeps_no_snapshot(
    folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLGRAPH_CACHE_SIZE", "0")
    g = sg.read(source, cache=True)
    assert len(g.roles) > 0
    assert not folder.exists() or not any(folder.rglob("*.sgsnap"))


@pytest.mark.parametrize("value", ["abc", "-1", "nan"])
def test_bad_size_is_refused_before_reading(
    folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SKILLGRAPH_CACHE_SIZE", value)
    read = []
    from skillgraph.cache import read_cached

    with pytest.raises(InvalidValueError, match="SKILLGRAPH_CACHE_SIZE") as caught:
        read_cached(source, None, {}, lambda: read.append(1) or sg.load("demo"))
    assert read == []  # the input was not read
    assert caught.value.field == "SKILLGRAPH_CACHE_SIZE"
    assert not folder.exists() or not any(folder.rglob("*.sgsnap"))


def test_cli_names_the_variable(
    folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLGRAPH_CACHE_SIZE", "abc")
    res = CliRunner().invoke(cli, ["info", str(source)])
    assert res.exit_code == 1
    assert "SKILLGRAPH_CACHE_SIZE" in res.stderr and "MiB" in res.stderr
    assert not folder.exists() or not any(folder.rglob("*.sgsnap"))
