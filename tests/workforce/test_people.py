"""Reading people: code, CSV (wide and long), JSON, JSON Lines; errors name file, line, field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.workforce import Person, read_people, resolve_people

from ..conftest import fed_fifo


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_wide_csv_resolves_labels_and_reports_unknown_with_line(
    demo: sg.SkillGraph, tmp_path: Path
) -> None:
    p = _write(
        tmp_path,
        "team.csv",
        "id,role,skills\nAna,data analyst,Python;SQL\nBen,,copywriting|Juggling\n",
    )
    got = read_people(demo, p)
    assert got.people[0] == Person(
        id="Ana", role="demo:role/data-analyst", skills=("demo:skill/python", "demo:skill/sql")
    )
    assert got.people[1].role is None
    assert got.people[1].skills == ("demo:skill/copywriting",)
    (u,) = got.unknown
    assert (u.person, u.text, u.source, u.line, u.field) == ("Ben", "Juggling", str(p), 3, "skills")


def test_long_csv_and_tabs(demo: sg.SkillGraph, tmp_path: Path) -> None:
    p = _write(
        tmp_path, "t.tsv", "id\trole\tskill\nAna\tdata analyst\tPython\nAna\t\tSQL\nBen\t\tGo\n"
    )
    got = read_people(demo, p)
    assert [x.id for x in got.people] == ["Ana", "Ben"]
    assert got.people[0].skills == ("demo:skill/python", "demo:skill/sql")
    assert got.people[0].role == "demo:role/data-analyst"


def test_json_list_object_and_lines_give_the_same_people(
    demo: sg.SkillGraph, tmp_path: Path
) -> None:
    people = [{"id": "Ana", "role": "data analyst", "skills": ["Python"]}, {"id": "Ben"}]
    a = read_people(demo, _write(tmp_path, "a.json", json.dumps(people, indent=2)))
    b = read_people(demo, _write(tmp_path, "b.json", json.dumps({"people": people})))
    c = read_people(
        demo, _write(tmp_path, "c.jsonl", "\n".join(json.dumps(x) for x in people) + "\n")
    )
    assert a.people == b.people == c.people


def test_json_unknown_skill_names_its_line(demo: sg.SkillGraph, tmp_path: Path) -> None:
    text = '[\n  {"id": "Ana", "skills": ["Python"]},\n  {"id": "Ben", "skills": ["Nope"]}\n]\n'
    got = read_people(demo, _write(tmp_path, "t.json", text))
    assert [(u.person, u.line) for u in got.unknown] == [("Ben", 3)]


@pytest.mark.parametrize(
    ("name", "text", "line", "field"),
    [
        ("a.csv", "name,skills\nAna,Python\n", 1, "id"),
        ("b.csv", "id,role\nAna,data analyst\n", 1, "skills"),
        ("c.csv", "id,role,skills\nAna,data analyst,Python\n,,SQL\n", 3, "id"),
        ("d.csv", "id,role,skills\nAna,,Python\nAna,,SQL\n", 3, "id"),
        ("e.csv", "id,role,skills\nAna,astronaut,Python\n", 2, "role"),
        ("f.csv", "id,role,skill\nAna,data analyst,Python\nAna,cashier,SQL\n", 3, "role"),
        ("g.csv", "id,role,skills\nAna,,Python,extra\n", 2, "skills"),
        ("h.json", '[\n{"id": "Ana"},\n{"id": 3}\n]', 3, "id"),
        ("i.json", '[\n{"id": "Ana", "skils": []}\n]', 2, "skils"),
        ("j.json", '[\n{"id": "Ana", "skills": "x", "role": 5}\n]', 2, "role"),
        ("k.json", '[\n{"id": "Ana"}\n{"id": "Ben"}\n]', 3, None),
        ("l.json", '[\n{"id": "Ana", "skills": {"a": 1}}\n]', 2, "skills"),
        # regression, red team s25 (18.10): fields beside 'people', text after the list
        ("m.json", '{"people": [\n{"id": "Ana"}\n], "extra": 1}', 3, None),
        ("n.json", '[{"id": "Ana"}]\nmore', 2, None),
    ],
)
def test_bad_people_files_name_file_line_and_field(
    demo: sg.SkillGraph, tmp_path: Path, name: str, text: str, line: int, field: str | None
) -> None:
    p = _write(tmp_path, name, text)
    with pytest.raises(sg.FormatError) as info:
        read_people(demo, p)
    err = info.value
    assert err.source == str(p)
    assert err.line == line
    assert err.column == field
    assert str(p) in str(err) and f"line {line}" in str(err)


def test_strict_unknown_skill_is_an_error_with_line(demo: sg.SkillGraph, tmp_path: Path) -> None:
    p = _write(tmp_path, "t.csv", "id,role,skills\nAna,,Python\nBen,,Juggling\n")
    with pytest.raises(sg.FormatError) as info:
        read_people(demo, p, strict=True)
    assert (info.value.line, info.value.column) == (3, "skills")
    assert "Juggling" in str(info.value)


def test_missing_and_empty_files(demo: sg.SkillGraph, tmp_path: Path) -> None:
    with pytest.raises(sg.FormatError, match="cannot read"):
        read_people(demo, tmp_path / "absent.csv")
    with pytest.raises(sg.FormatError, match="empty"):
        read_people(demo, _write(tmp_path, "e.csv", "\n"))
    with pytest.raises(sg.FormatError, match="empty"):
        read_people(demo, _write(tmp_path, "e.json", " "))


def test_regression_people_file_is_read_within_the_input_limit(
    demo: sg.SkillGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red team: `batch /dev/zero` read until the system killed the process (22 GB): the
    people file was read whole, with no limit. Now at most the input size limit."""
    monkeypatch.setenv("SKILLGRAPH_MAX_INPUT_BYTES", "100000")
    fifo = fed_fifo(tmp_path / "people.csv", b"id,skills\n" + b"ann,python\n" * 20_000)
    with pytest.raises(sg.ResourceLimitError, match="more than 100000 bytes") as info:
        read_people(demo, fifo)
    assert info.value.source == str(fifo)


def test_regression_a_field_past_the_csv_limit_names_its_line(
    demo: sg.SkillGraph, tmp_path: Path
) -> None:
    """Red team: `batch` on a people CSV with a 200 kB field was a _csv.Error traceback."""
    path = _write(tmp_path, "people.csv", "id,skills\nann,python\nbob," + "a" * 200_000 + "\n")
    with pytest.raises(sg.FormatError, match="not CSV: field larger") as info:
        read_people(demo, path)
    assert (info.value.source, info.value.line) == (str(path), 3)


def test_regression_not_utf8_names_the_byte(demo: sg.SkillGraph, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"id,skills\nann,caf\xe9\n")
    with pytest.raises(sg.FormatError, match=r"people\.csv: the people file is not UTF-8 text"):
        read_people(demo, path)


def test_people_in_code(demo: sg.SkillGraph) -> None:
    got = resolve_people(
        demo, [("a", "data analyst", ["python", "sql", "python"]), {"id": "b", "skills": []}]
    )
    assert got.people[0].skills == ("demo:skill/python", "demo:skill/sql")
    with pytest.raises(sg.InvalidValueError, match="twice"):
        resolve_people(demo, [("a", None, []), ("a", None, [])])
    with pytest.raises(sg.InvalidValueError, match="skills"):
        resolve_people(demo, [("a", None, "python")])
    with pytest.raises(sg.NotFoundError, match="role"):
        resolve_people(demo, [("a", "astronaut", [])])
    with pytest.raises(sg.NotFoundError):
        resolve_people(demo, [("a", None, ["Juggling"])], strict=True)


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("id,role,skills,skills\np1,data analyst,SQL,Python\n", "skills"),
        ("id,role,skills,Role\np1,data analyst,SQL,barista\n", "role"),
    ],
)
def test_regression_a_repeated_column_is_an_error(
    demo: sg.SkillGraph, tmp_path: Path, text: str, column: str
) -> None:
    # red team s25 (F-c): a repeated header column was merged, the last value winning
    # (SQL dropped silently; a second 'role' column made p1 a barista)
    p = _write(tmp_path, "dup.csv", text)
    with pytest.raises(sg.FormatError, match=f"repeated column '{column}'") as info:
        read_people(demo, p)
    assert (info.value.line, info.value.column) == (1, column)
