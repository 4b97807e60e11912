"""Every real dataset of ../shared/data survives a round trip through native JSON (and ESCO
v1.1.1 through Turtle) without loss: counts and a content hash compared."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pytest

import skillgraph as sg

pytestmark = [pytest.mark.data, pytest.mark.slow]

DATASETS = {
    "esco-1.1.1-csv": ("esco/v1.1.1/csv", "esco"),
    "esco-1.1.1-zip": ("esco/v1.1.1/zip", "esco"),
    "esco-1.1.0-zip": ("esco/v1.1.0/zip", "esco"),
    "onet-29.3": ("onet/29.3", "onet"),
}


def counts(g: sg.SkillGraph) -> dict[str, int]:
    return {
        "skills": len(g.skills),
        "roles": len(g.roles),
        "industries": len(g.industries),
        "clusters": len(g.clusters),
        "groups": len(g.groups),
        "requires": g.count_requirements(),
        "broader": sum(1 for _ in g.iter_broader()),
        "related": sum(1 for _ in g.iter_related()),
        "prerequisites": sum(1 for _ in g.iter_prerequisites()),
        "progressions": sum(1 for _ in g.iter_progressions()),
        "extra": len(g.extra_triples),
    }


def content_hash(g: sg.SkillGraph) -> str:
    """SHA-256 of the canonical native JSON (equal graphs give equal bytes)."""
    return hashlib.sha256(sg.dumps(g, "json")).hexdigest()


def read_real(data: Path, key: str) -> sg.SkillGraph:
    rel, fmt = DATASETS[key]
    path = data / rel
    if not path.exists():
        pytest.skip(f"{path} is absent")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.SkillGraphWarning)
        return sg.read(path, fmt)


@pytest.mark.parametrize("key", sorted(DATASETS))
def test_native_json_round_trip_is_lossless(key: str, data: Path, tmp_path: Path) -> None:
    g = read_real(data, key)
    assert len(g.roles) > 900 and len(g.skills) > 100 and g.count_requirements() > 50_000
    out = tmp_path / "graph.json"
    sg.write(g, out)
    back = sg.read(out)
    assert counts(back) == counts(g)
    assert content_hash(back) == content_hash(g)
    assert back.nodes == g.nodes
    assert list(back.iter_requirements()) == list(g.iter_requirements())


def test_esco_111_turtle_round_trip_is_lossless(data: Path, tmp_path: Path) -> None:
    g = read_real(data, "esco-1.1.1-csv")
    out = tmp_path / "esco.ttl"
    sg.write(g, out)
    back = sg.read(out)
    assert counts(back) == counts(g)
    assert content_hash(back) == content_hash(g)
