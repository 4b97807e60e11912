"""What a warm query (snapshot cache present) leaves unimported.

Each query runs in a fresh interpreter (a subprocess), after one run that fills the
cache, so that another test's imports cannot hide a regression.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import skillgraph as sg

#: modules a warm similar / gap / reskill never needs
HEAVY = ("scipy", "networkx", "rdflib", "pandas", "sklearn")
UNUSED = (
    "skillgraph.io.esco",
    "skillgraph.io.onet",
    "skillgraph.io.rdf",
    "skillgraph.text._index",
    "skillgraph.analysis._build",
    "skillgraph.cli._files",
    "skillgraph.cli._learning",
    "skillgraph.cli._releases",
    "skillgraph.cli._session",
    "skillgraph.cli._sparql",
    "skillgraph.cli._workforce",
)
_PROBE = """
import contextlib, io, json, sys
from skillgraph.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps([code, sorted(sys.modules)]))
"""
QUERIES = {
    "similar": ["similar", "--role", "Software engineer"],
    "gap": ["gap", "--role", "Software engineer", "--have", "Python"],
    "reskill": ["reskill", "--from", "Retail sales assistant", "--to", "Data analyst"],
}


@pytest.mark.parametrize("verb", sorted(QUERIES))
def test_a_warm_query_imports_no_heavy_module(verb: str, tmp_path: Path) -> None:
    source = tmp_path / "demo.json"
    sg.write(sg.load("demo"), source)
    env = dict(
        os.environ,
        SKILLGRAPH_CACHE=str(tmp_path / "cache"),
        SKILLGRAPH_CACHE_MIN_BYTES="0",
    )
    args = [*QUERIES[verb], "--ontology", str(source), "--quiet"]
    runs = []
    for _ in range(2):  # the first fills the cache, the second answers from it
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    (cold_code, _), (code, warm) = runs
    assert cold_code == code == 0
    assert list((tmp_path / "cache" / "snapshots").glob("*.graph.sgsnap"))
    assert "numpy" in warm  # the snapshot was read (the demo itself needs no numpy)
    tops = {name.split(".")[0] for name in warm}
    assert not tops & set(HEAVY), sorted(tops & set(HEAVY))
    loaded = [m for m in UNUSED if m in warm]
    assert not loaded, loaded
