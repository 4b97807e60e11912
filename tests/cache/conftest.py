"""Fixtures of the cache tests: a fresh cache folder and a demo input file."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillgraph as sg


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for this test."""
    where = tmp_path / "cache"
    monkeypatch.setenv("SKILLGRAPH_CACHE", str(where))
    monkeypatch.delenv("SKILLGRAPH_CACHE_SIZE", raising=False)
    return where


@pytest.fixture()
def source(tmp_path: Path, demo: sg.SkillGraph) -> Path:
    """The demo ontology as a native JSON file of this test."""
    path = tmp_path / "demo.json"
    sg.write(demo, path)
    return path
