"""Graph and result tables: pandas frames, CSV and Parquet, and the missing-extra error."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.workforce import graph_tables, score
from skillgraph.workforce.tables import write_table


def test_graph_tables_match_the_graph(demo: sg.SkillGraph) -> None:
    t = graph_tables(demo)
    assert t["roles"]["id"].tolist() == sorted(demo.roles)
    assert t["skills"]["id"].tolist() == sorted(demo.skills)
    assert len(t["requirements"]) == demo.count_requirements()
    row = t["requirements"].iloc[0]
    (req,) = [q for q in demo.requirements(row["role"]) if q.skill == row["skill"]]
    assert row["importance"] == req.importance and bool(row["essential"]) == req.essential
    n_roles = t["skills"].set_index("id")["roles"]
    sid = t["skills"]["id"].iloc[0]
    assert n_roles[sid] == len(demo.roles_requiring(sid))


def test_batch_csv_and_parquet_round_trip(demo: sg.SkillGraph, tmp_path: Path) -> None:
    import pandas as pd

    res = score(demo, [("a", ["demo:skill/python"]), ("b", ["demo:skill/sql"])], k=3)
    res.write(tmp_path / "top.csv")
    res.write(tmp_path / "top.parquet")
    with (tmp_path / "top.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["role"] for r in rows] == [r["role"] for r in res.rows()]
    back = pd.read_parquet(tmp_path / "top.parquet")
    assert back["role"].tolist() == res.to_pandas()["role"].tolist()
    assert back["coverage"].tolist() == res.coverage.reshape(-1).tolist()
    with pytest.raises(sg.InvalidValueError, match="csv, parquet"):
        res.write(tmp_path / "top.xlsx")


def test_missing_pandas_gives_optional_dependency_error(
    demo: sg.SkillGraph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    res = score(demo, [("a", [])], k=1)
    with pytest.raises(sg.OptionalDependencyError, match=r"skillgraph\[tables\]"):
        res.to_pandas()
    with pytest.raises(sg.OptionalDependencyError, match=r"skillgraph\[tables\]"):
        graph_tables(demo)
    res.write(tmp_path / "ok.csv")  # CSV needs neither
    assert (tmp_path / "ok.csv").read_text(encoding="utf-8").startswith("person,rank,role")
    with pytest.raises(sg.OptionalDependencyError, match="pyarrow"):
        write_table(lambda: None, None, tmp_path / "x.parquet")
    assert not (tmp_path / "x.parquet").exists()


def test_csv_tables_are_written_all_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red team leftover: ``workforce --csv`` wrote its tables one by one, so a failure on
    the third left the first two; now a failure while writing any leaves none."""
    import contextlib
    from collections.abc import Iterator
    from typing import Any

    from skillgraph.io import _atomic
    from skillgraph.workforce.tables import write_csv_tables

    old = tmp_path / "old-a.csv"
    old.write_text("kept\n")
    rows: list[dict[str, Any]] = [{"x": 1}, {"x": 2}]
    paths = [old, tmp_path / "b.csv", tmp_path / "c.csv"]
    real = _atomic.atomic_output
    opened: list[Path] = []

    class Full:
        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

    @contextlib.contextmanager
    def failing(path: Path) -> Iterator[Any]:
        opened.append(path)
        with real(path) as fh:
            yield Full() if len(opened) == 3 else fh

    monkeypatch.setattr(_atomic, "atomic_output", failing)
    with pytest.raises(sg.OutputError, match="No space left"):
        write_csv_tables([(rows, p, ["x"]) for p in paths])
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old-a.csv"]  # no temporaries
    assert old.read_text() == "kept\n"
    with pytest.raises(sg.FormatError, match="does not exist"):
        write_csv_tables([(rows, p, ["x"]) for p in [*paths[1:], tmp_path / "no" / "d.csv"]])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old-a.csv"]
    write_csv_tables([(rows, p, ["x"]) for p in paths])
    assert [p.read_text() for p in paths] == ["x\n1\n2\n"] * 3


def test_spreadsheet_safe_from_a_frame_and_from_rows_write_the_same(tmp_path: Path) -> None:
    """The pandas path (no rows given) quotes the same cells as the rows path, numbers
    left alone; the flag must be True or False."""
    pd = pytest.importorskip("pandas")
    rows = [
        {"person": "=1+1", "score": -0.5, "note": "-x"},
        {"person": "Ana", "score": 2.0, "note": ""},
    ]
    write_table(lambda: pd.DataFrame(rows), None, tmp_path / "f.csv", spreadsheet_safe=True)
    write_table(lambda: None, rows, tmp_path / "r.csv", spreadsheet_safe=True)
    with (tmp_path / "f.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [r["person"] for r in table] == ["'=1+1", "Ana"]
    assert [r["score"] for r in table] == ["-0.5", "2.0"] and table[0]["note"] == "'-x"
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()[1] == "'=1+1,-0.5,'-x"
    with pytest.raises(sg.InvalidValueError, match="spreadsheet_safe must be True or False"):
        write_table(lambda: None, rows, tmp_path / "x.csv", spreadsheet_safe="no")  # type: ignore[arg-type]
    assert not (tmp_path / "x.csv").exists()
