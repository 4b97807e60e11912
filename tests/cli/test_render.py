"""Text tables."""

from __future__ import annotations

from skillgraph.cli._render import pct, table


def test_table_aligns_and_right_aligns_numbers() -> None:
    text = table(["name", "n", "ok"], [["a", 1, True], ["long name", 0.5, False]], indent=0)
    assert text.splitlines() == [
        "name          n  ok",
        "---------  ----  ---",
        "a             1  yes",
        "long name  0.50  no",
    ]


def test_long_cells_are_cut() -> None:
    text = table(["x"], [["y" * 100]])
    assert "…" in text and max(len(line) for line in text.splitlines()) < 60


def test_pct() -> None:
    assert pct(0.4234) == "42%"
