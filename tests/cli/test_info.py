"""``skillgraph info`` and ``skillgraph formats``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import skillgraph as sg
from skillgraph.io import registry

from .conftest import ok

Invoke = Callable[..., Result]


def graph() -> sg.SkillGraph:
    g = sg.SkillGraph(language="en")
    g.add(sg.Cluster(id="c:big", label="Big"))
    g.add(sg.Cluster(id="c:small", label="Small"))
    g.add(sg.Industry(id="i:it", label="IT"))
    g.add(sg.Skill(id="s:a", label="A", translations={"de": sg.Translation(label="A-de")}))
    g.add(sg.Skill(id="s:b", label="B", translations={"fr": sg.Translation(label="B-fr")}))
    g.add_broader("s:b", "s:a")
    for i, cluster in enumerate(["c:big", "c:big", "c:small"]):
        g.add(sg.Role(id=f"r:{i}", label=f"Role {i}", cluster=cluster, industries=("i:it",)))
        g.require(f"r:{i}", "s:a", essential=i != 2)
    g.add(sg.Role(id="r:x", label="Role x", cluster="c:undeclared"))
    return g


def test_json_counts(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    sg.write(graph(), path)
    doc = json.loads(ok(invoke("info", str(path), "--json")))
    assert doc["format"] == "json"
    assert doc["languages"] == ["de", "en", "fr"]
    assert doc["nodes"] == {
        "roles": 4,
        "skills": 2,
        "skill groups": 0,
        "clusters": 3,
        "industries": 1,
    }
    assert doc["edges"]["requires (essential)"] == 2
    assert doc["edges"]["requires (optional)"] == 1
    assert doc["edges"]["broader"] == 1
    assert doc["clusters"]["undeclared"] == 1
    assert [c["id"] for c in doc["clusters"]["top"]] == ["c:big", "c:small", "c:undeclared"]
    assert doc["clusters"]["top"][0]["roles"] == 2
    assert doc["industries"]["top"] == [{"id": "i:it", "label": "IT", "roles": 3}]


def test_table(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    sg.write(graph(), path)
    text = ok(invoke("info", str(path), "--top", "1"))
    assert "format json" in text and "languages: de, en, fr" in text
    assert "c:big" in text and "c:small" not in text


def test_bundled_name_and_stdin(invoke: Invoke, demo: sg.SkillGraph, demo_path: Path) -> None:
    by_name = json.loads(ok(invoke("info", "demo", "--json")))
    by_stdin = json.loads(ok(invoke("info", "-", "--json", input=demo_path.read_bytes())))
    assert by_name == by_stdin
    assert by_name["nodes"]["roles"] == len(demo.roles)


def test_formats(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke("formats", "--json")))
    assert [f["name"] for f in doc] == [f.name for f in registry.formats()]
    text = ok(invoke("formats"))
    for f in registry.formats():
        assert f.name in text


def test_regression_many_languages_are_summarised(invoke: Invoke, tmp_path: Path) -> None:
    # red team: 100,000 languages were printed on one line; now the first few and a count
    g = sg.SkillGraph(language="en")
    tags = [f"x-{i:05d}" for i in range(2_000)]
    g.add(sg.Skill(id="s:a", label="A", translations={t: sg.Translation(label=t) for t in tags}))
    path = tmp_path / "g.json"
    sg.write(g, path)
    line = next(x for x in ok(invoke("info", str(path))).splitlines() if x.startswith("languages"))
    assert line == (
        "languages: en, x-00000, x-00001, x-00002, x-00003, x-00004, x-00005, x-00006, "
        "x-00007, x-00008 and 1,991 more (2,001 in all) (default en)"
    )
    doc = json.loads(ok(invoke("info", str(path), "--json")))
    assert len(doc["languages"]) == 2_001  # the JSON lists them all


def test_regression_a_symlink_loop_is_not_a_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    """Red team s21 #23: a symbolic link loop was reported as "no such file or folder"."""
    a, b, dangling = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "gone.json"
    a.symlink_to(b)
    b.symlink_to(a)
    dangling.symlink_to(tmp_path / "nowhere.json")
    res = invoke("info", str(a))
    assert res.exit_code == 1 and "symbolic link loop" in res.output, res.output
    res = invoke("gap", "-O", str(dangling), "-r", "x")
    assert res.exit_code == 1 and "broken symbolic link" in res.output, res.output
    assert "no such file or folder" in invoke("info", str(tmp_path / "absent.json")).output
    with pytest.raises(sg.FormatError, match="symbolic link loop"):
        sg.read(a)
