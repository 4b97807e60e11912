"""``skillgraph diff | extract | merge``: reports, atomic outputs, conflicts, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import skillgraph as sg

from .conftest import SUFFIX, WRITABLE, ok, one_error

Invoke = Callable[..., Result]
CREATIVE = "demo:cluster/creative-jobs"


def test_extract_writes_a_self_contained_subset(
    invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path
) -> None:
    out = tmp_path / "creative.json"
    result = invoke("extract", "demo", str(out), "--cluster", CREATIVE, "--role", "Accountant")
    ok(result)
    assert "extracted 5 of 78 roles" in result.stderr
    assert sg.read(out) == demo.extract(clusters=CREATIVE, roles="Accountant")


@pytest.mark.parametrize("fmt", WRITABLE)
def test_extract_to_every_format(
    invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"sub{SUFFIX[fmt]}"
    ok(invoke("extract", "demo", str(out), "-c", CREATIVE))
    assert sg.read(out) == demo.extract(clusters=CREATIVE)


def test_extract_skill_depth(invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path) -> None:
    group = next(i for i in sorted(demo.groups) if demo.descendants(i))
    out = tmp_path / "g.json"
    ok(invoke("extract", "demo", str(out), "--skill", group, "--depth", "1"))
    assert sg.read(out) == demo.extract(skills=group, depth=1)


def test_extract_never_replaces_its_input(
    invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path
) -> None:
    src = tmp_path / "demo.json"
    sg.write(demo, src)
    before = src.read_bytes()
    result = invoke("extract", str(src), str(src), "--role", "Accountant")
    assert result.exit_code == 1
    assert "same file" in one_error(result.output)
    assert src.read_bytes() == before


def test_extract_errors(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert invoke("extract", "demo", str(out)).exit_code == 2
    result = invoke("extract", "demo", str(out), "--role", "no such role at all")
    assert result.exit_code == 1 and "no role matches" in one_error(result.output)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_diff_text_markdown_and_json(invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path) -> None:
    changed = demo.copy()
    role = changed.roles["demo:role/accountant"]
    changed.add(role.model_copy(update={"label": "Chartered accountant"}), replace=True)
    old, new = tmp_path / "old.json", tmp_path / "new.ttl"
    sg.write(demo, old)
    sg.write(changed, new)
    text = ok(invoke("diff", str(old), str(new)))
    assert f"Changes from {old} to {new}" in text
    assert "Accountant → Chartered accountant" in text
    md = ok(invoke("diff", str(old), str(new), "--markdown"))
    assert md.startswith("# Changes from") and "| role | 0 | 0 | 1 |" in md
    doc = json.loads(ok(invoke("diff", str(old), str(new), "--json")))
    assert doc["renamed"] == [
        {
            "id": "demo:role/accountant",
            "type": "role",
            "old_label": "Accountant",
            "new_label": "Chartered accountant",
        }
    ]
    assert "No differences." in ok(invoke("diff", str(old), "demo"))
    assert invoke("diff", str(old), str(new), "--json", "--markdown").exit_code == 2


def test_merge_of_two_extracts(invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.ttl"
    ok(invoke("extract", "demo", str(a), "--cluster", CREATIVE))
    ok(invoke("extract", "demo", str(b), "--role", "Accountant"))
    out, report = tmp_path / "ab.json", tmp_path / "report.json"
    result = invoke("merge", str(a), str(b), "-o", str(out), "--report", str(report))
    ok(result)
    assert "no conflicts" in result.stderr
    assert sg.read(out) == sg.merge(sg.read(a), sg.read(b))
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["provenance"]["demo:role/accountant"] == "right"
    assert doc["left"] == str(a)


def test_regression_merge_takes_out_as_an_argument_too(
    invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path
) -> None:
    """Red team s21 #16: merge needed -o OUT while convert and extract take OUT after the
    inputs; both spellings work now, and OUT is given exactly once."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    ok(invoke("extract", "demo", str(a), "--cluster", CREATIVE))
    ok(invoke("extract", "demo", str(b), "--role", "Accountant"))
    out = tmp_path / "ab.json"
    ok(invoke("merge", str(a), str(b), str(out)))
    assert sg.read(out) == sg.merge(sg.read(a), sg.read(b))
    for args in ([], [str(out), "-o", str(tmp_path / "other.json")]):
        result = invoke("merge", str(a), str(b), *args)
        assert result.exit_code == 2 and "give the merged graph OUT once" in result.output


def test_merge_conflicts_fail_and_write_nothing(
    invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path
) -> None:
    rival = demo.extract(roles="Accountant")
    role = rival.roles["demo:role/accountant"]
    rival.add(role.model_copy(update={"label": "Bookkeeper"}), replace=True)
    b = tmp_path / "b.json"
    sg.write(rival, b)
    out = tmp_path / "out.json"
    result = invoke("merge", "demo", str(b), "-o", str(out))
    assert result.exit_code == 1
    line = one_error(result.output)
    assert "'Accountant' (left) != 'Bookkeeper' (right)" in line
    assert not out.exists()
    report = tmp_path / "conflicts.json"
    assert invoke("merge", "demo", str(b), "-o", str(out), "--report", str(report)).exit_code == 1
    (conflict,) = json.loads(report.read_text(encoding="utf-8"))["conflicts"]
    assert (conflict["left"]["label"], conflict["right"]["label"]) == ("Accountant", "Bookkeeper")
    assert not out.exists()
    ok(invoke("merge", "demo", str(b), "-o", str(out), "--on-conflict", "right"))
    assert sg.read(out).roles["demo:role/accountant"].label == "Bookkeeper"


def test_merge_never_replaces_an_input(invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    sg.write(demo, a)
    before = a.read_bytes()
    result = invoke("merge", "demo", str(a), "-o", str(a))
    assert result.exit_code == 1 and "same file" in one_error(result.output)
    assert a.read_bytes() == before
    assert (
        invoke("merge", "demo", str(a), "-o", str(tmp_path / "o.json"), "--report", "-").exit_code
        == 2
    )


def test_merge_report_never_replaces_the_output(
    invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path
) -> None:
    # regression: --report was compared with OUT as text, so another spelling of the same
    # path, or a link to it, wrote the report over the merged graph (exit code 0)
    a = tmp_path / "a.json"
    sg.write(demo.extract(roles="Accountant"), a)
    out = tmp_path / "same.json"
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(out)
    for report in (tmp_path / "sub" / ".." / "same.json", link):
        result = invoke("merge", "demo", str(a), "-o", str(out), "--report", str(report))
        assert result.exit_code == 2 and "--report needs a file name of its own" in result.output
        assert not out.exists()


@pytest.mark.data
@pytest.mark.slow
def test_diff_of_esco_releases_on_the_command_line(invoke: Invoke, data: Path) -> None:
    old = str(data / "esco" / "v1.1.0" / "zip")
    new = str(data / "esco" / "v1.1.1" / "zip")
    doc = json.loads(ok(invoke("diff", old, new, "--json", "--from", "esco")))
    roles_removed = [n["id"] for n in doc["nodes_removed"] if n["type"] == "role"]
    assert roles_removed == [
        "http://data.europa.eu/esco/occupation/a9e54177-a185-404d-b6e6-15663d31137e"
    ]
    assert sum(n["type"] == "skill" for n in doc["nodes_added"]) == 5
