"""The wheel ships the bundled ontologies and py.typed; the package root exports its API."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import skillgraph as sg

ROOT = Path(__file__).resolve().parent.parent


def test_all_names_exist() -> None:
    for name in sg.__all__:
        assert hasattr(sg, name), name


def test_the_lazy_names_are_the_type_checked_ones() -> None:
    # the root lists each lazily loaded name twice on purpose: in its table of modules
    # (``_LAZY``, read at run time) and in the ``TYPE_CHECKING`` imports (for type checkers,
    # which do not run ``__getattr__``); this keeps the two lists one list in content
    import ast
    import importlib

    tree = ast.parse((ROOT / "skillgraph" / "__init__.py").read_text(encoding="utf-8"))
    (block,) = [
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    ]
    typed = {
        alias.asname or alias.name
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    lazy = dict(sg._LAZY)
    assert typed == set(lazy)
    for name, module in lazy.items():
        assert hasattr(importlib.import_module(module, "skillgraph"), name), (name, module)
    assert set(lazy) <= set(sg.__all__)


def test_every_error_derives_from_base() -> None:
    from skillgraph import errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, sg.SkillGraphError | sg.SkillGraphWarning), name


def test_bundled_demo_meets_minimums(demo: sg.SkillGraph) -> None:
    assert len(demo.roles) >= 60
    assert len(demo.skills) >= 250
    assert len(demo.industries) >= 8
    assert len(demo.clusters) >= 12
    assert all(r.level is not None for r in demo.roles.values())
    assert all(r.cluster in demo.clusters for r in demo.roles.values())
    assert sum(1 for r in demo.roles.values() if len(r.industries) >= 2) >= 2
    assert any(True for _ in demo.iter_prerequisites())
    assert any(True for _ in demo.iter_broader())
    assert {s.kind for s in demo.skills.values()} >= {sg.SkillKind.SKILL, sg.SkillKind.KNOWLEDGE}
    reqs = list(demo.iter_requirements())
    assert any(r.essential for r in reqs) and any(not r.essential for r in reqs)
    # junior -> senior ladders inside clusters
    ladders = [
        p
        for p in demo.iter_progressions()
        if demo.roles[p.source].cluster == demo.roles[p.target].cluster
        and (demo.roles[p.source].level or 0) < (demo.roles[p.target].level or 0)
    ]
    assert len(ladders) >= 12
    # the canonical file is in canonical form: re-export is byte-identical
    assert sg.dumps(demo) == (ROOT / "ontologies" / "demo.json").read_bytes()


def test_load_unknown_name() -> None:
    with pytest.raises(sg.NotFoundError) as info:
        sg.load("no-such-ontology")
    assert "demo" in str(info.value)


@pytest.mark.slow
def test_wheel_contents(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {out.stderr[-300:]}")
    wheel = next(tmp_path.glob("skillgraph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "skillgraph/py.typed" in names
    assert "skillgraph/ontologies/demo.json" in names
    assert "skillgraph/ontologies/catalogues/demo.csv" in names
    assert "skillgraph/__init__.py" in names
