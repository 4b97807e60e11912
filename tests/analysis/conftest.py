"""A small hand-made graph shared by the analysis tests (build a fresh one per test)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgraph as sg


def small_graph() -> sg.SkillGraph:
    """Two clusters (dev, data), six roles, eight skills, a few declared edges."""
    g = sg.SkillGraph()
    g.add(sg.Cluster(id="c:dev", label="Software"))
    g.add(sg.Cluster(id="c:data", label="Data"))
    g.add(sg.Industry(id="i:tech", label="Tech"))
    g.add(sg.SkillGroup(id="g:lang", label="Programming languages"))
    for sid, label, reuse in [
        ("s:python", "Python", None),
        ("s:go", "Go", None),
        ("s:git", "Git", None),
        ("s:sql", "SQL", None),
        ("s:stats", "Statistics", None),
        ("s:comm", "Communication", sg.ReuseLevel.TRANSVERSAL),
        ("s:ml", "Machine learning", None),
        ("s:docker", "Docker", None),
    ]:
        g.add(sg.Skill(id=sid, label=label, reuse=reuse))
    roles = [
        ("r:junior-dev", "Junior developer", "c:dev", 1, ["s:python", "s:git", "s:comm"]),
        ("r:dev", "Developer", "c:dev", 2, ["s:python", "s:git", "s:comm", "s:docker"]),
        ("r:go-dev", "Go developer", "c:dev", 2, ["s:go", "s:git", "s:docker", "s:comm"]),
        (
            "r:senior-dev",
            "Senior developer",
            "c:dev",
            3,
            ["s:python", "s:git", "s:docker", "s:go", "s:comm"],
        ),
        ("r:analyst", "Analyst", "c:data", 1, ["s:sql", "s:stats", "s:comm"]),
        ("r:ds", "Data scientist", "c:data", 2, ["s:python", "s:sql", "s:stats", "s:ml"]),
    ]
    for rid, label, cluster, level, skills in roles:
        g.add(sg.Role(id=rid, label=label, cluster=cluster, level=level, industries=("i:tech",)))
        for i, sid in enumerate(skills):
            g.require(rid, sid, essential=i < 2, importance=1.0 if i < 2 else 0.5)
    g.add_prerequisite("s:python", "s:ml")
    g.add_prerequisite("s:stats", "s:ml")
    g.add_prerequisite("s:git", "s:docker")
    g.relate("s:python", "s:go")
    g.add_broader("s:python", "g:lang")
    g.add_broader("s:go", "g:lang")
    g.add_progression("r:junior-dev", "r:dev")
    g.add_progression("r:dev", "r:senior-dev")
    return g


@pytest.fixture
def small() -> sg.SkillGraph:
    """A fresh copy of :func:`small_graph`."""
    return small_graph()


def _read_release(path: Path, fmt: str) -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.SkillGraphWarning)
        return sg.read(path, format=fmt)


@pytest.fixture(scope="module")
def esco(data: Path) -> sg.SkillGraph:
    """The real ESCO v1.1.1 release (CSV), its data warnings silenced."""
    return _read_release(data / "esco" / "v1.1.1" / "csv", "esco")


@pytest.fixture(scope="module")
def onet(data: Path) -> sg.SkillGraph:
    """The real O*NET 29.3 release, its data warnings silenced."""
    return _read_release(data / "onet" / "29.3", "onet")
