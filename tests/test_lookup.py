"""Lookup by label: a first lookup of one kind indexes that kind's labels only, and answers
as the whole label index does."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph import _lookup
from skillgraph._store import store_of


def _answer(g: sg.SkillGraph, text: str, kind: str | None) -> str:
    try:
        return g.resolve(text, kind)
    except sg.SkillGraphError as exc:
        return f"{type(exc).__name__}: {exc}"


def _questions(g: sg.SkillGraph) -> list[tuple[str, str | None]]:
    asked: list[tuple[str, str | None]] = []
    for node in list(g.roles.values())[:12] + list(g.skills.values())[:12]:
        for text in (node.label, node.label.upper(), *node.alt_labels[:2]):
            asked += [(text, "role"), (text, "skill")]
        asked.append((node.label, "cluster"))
    asked += [("no such thing", "role"), ("analyst", "role"), ("data", None)]
    return asked


def _assert_whole_index_only(g: sg.SkillGraph) -> None:
    """``g`` holds the whole label index and no partial one."""
    keys = store_of(g).derived_keys()
    assert "label_index" in keys
    assert not any(k.startswith("label_index:") for k in keys)


def test_a_role_lookup_indexes_role_labels_only() -> None:
    g = sg.load("demo")
    role = next(iter(g.roles.values()))
    assert g.resolve(role.label.upper(), "role") == role.id
    keys = store_of(g).derived_keys()
    assert "label_index:role" in keys
    assert "label_index" not in keys


def test_every_answer_equals_the_whole_index_answer() -> None:
    whole = sg.load("demo")
    _lookup.label_index(whole)  # built first: every lookup reads it
    asked = _questions(whole)
    expected = [_answer(whole, text, kind) for text, kind in asked]
    assert not any(k.startswith("label_index:") for k in store_of(whole).derived_keys())
    fresh = sg.load("demo")  # no index yet: a lookup of a kind takes that kind's index
    assert [_answer(fresh, text, kind) for text, kind in asked] == expected
    assert any(k.startswith("label_index:") for k in store_of(fresh).derived_keys())


def test_a_miss_of_the_kind_falls_back_to_the_whole_index() -> None:
    g = sg.load("demo")
    skill = next(iter(g.skills.values()))
    with pytest.raises(sg.NotFoundError, match="names a skill"):
        g.resolve(skill.label, "role")  # the hint names the skill: the whole index was read
    assert "label_index" in store_of(g).derived_keys()


def test_a_graph_read_with_the_cache_uses_the_whole_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLGRAPH_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "demo.json"
    sg.write(sg.load("demo"), source)
    g = sg.read(source, cache=True)
    role = next(iter(g.roles.values()))
    assert g.resolve(role.label, "role") == role.id
    _assert_whole_index_only(g)


def test_a_skill_lookup_reads_the_whole_index() -> None:
    g = sg.load("demo")
    skill = next(iter(g.skills.values()))
    assert g.resolve(skill.label, "skill") == skill.id
    _assert_whole_index_only(g)


def test_the_whole_index_grown_from_the_roles_one_has_the_same_entries() -> None:
    grown = sg.load("demo")
    role = next(iter(grown.roles.values()))
    assert grown.resolve(role.label, "role") == role.id  # the roles' index first
    whole = _lookup.label_index(grown)
    fresh = _lookup.build_label_index(sg.load("demo"))
    assert {k: sorted(v) for k, v in whole.items()} == {k: sorted(v) for k, v in fresh.items()}
    # a role lookup now reads the whole index, and still finds roles only
    for text in (role.label, *role.alt_labels):
        assert grown.resolve(text, "role") == role.id
