"""Demand signals: O*NET flags, the user table, normalisation, score and errors."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.workforce import DemandSignals

from ..conftest import fed_fifo


def _tech_graph() -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add(
        sg.Skill(
            id="t:excel",
            label="Excel",
            kind=sg.SkillKind.TECHNOLOGY,
            attributes={"hot_technology": True, "in_demand": True},
        )
    )
    g.add(
        sg.Skill(
            id="t:cobol",
            label="COBOL",
            kind=sg.SkillKind.TECHNOLOGY,
            attributes={"hot_technology": False, "in_demand": False},
        )
    )
    g.add(sg.Skill(id="s:maths", label="Mathematics"))
    g.add(sg.Role(id="r:clerk", label="Clerk"))
    g.add(sg.Role(id="r:none", label="Gardener"))
    g.require("r:clerk", "t:excel", essential=True, importance=0.5, scale="In Demand")
    g.require("r:clerk", "t:cobol", essential=False, importance=0.25, scale="In Demand")
    g.require("r:clerk", "s:maths")
    g.require("r:none", "s:maths")
    return g


def test_onet_flags_give_skill_and_role_signals() -> None:
    d = DemandSignals.from_graph(_tech_graph())
    assert d.get("t:excel").normalised == {"hot_technology": 1.0, "in_demand": 1.0}  # type: ignore[union-attr]
    assert d.score("t:cobol") == 0.0
    # the role: half of its technologies are hot, half in demand for it
    assert d.get("r:clerk").raw == {"hot_technology": 0.5, "in_demand": 0.5}  # type: ignore[union-attr]
    assert d.score("r:clerk") == 0.5
    assert d.score("r:none") is None and d.weight("r:none") == 1.0
    assert d.score("s:maths") is None


def test_user_table_normalises_each_signal(tmp_path: Path) -> None:
    g = _tech_graph()
    p = tmp_path / "demand.csv"
    p.write_text(
        "id,kind,job_ads,growth,earnings,automation_risk\n"
        "Clerk,role,99,-0.1,30000,0.5\n"
        "Gardener,,0,0.3,20000,\n"
        "Mathematics,skill,9,,,\n"
        "Excel,,99,,,\n",
        encoding="utf-8",
    )
    d = DemandSignals.from_graph(g, p)
    clerk = d.get("r:clerk")
    assert clerk is not None
    assert clerk.normalised["job_ads"] == 1.0 and clerk.normalised["growth"] == 0.0
    assert clerk.normalised["earnings"] == 1.0
    # O*NET's flags stay beside the user's values
    assert clerk.raw["hot_technology"] == 0.5
    # mean of job_ads, growth, hot, in_demand, times 1 - automation risk
    assert d.score("r:clerk") == pytest.approx((1.0 + 0.0 + 0.5 + 0.5) / 4 * 0.5)
    assert d.score("r:none") == pytest.approx((0.0 + 1.0) / 2)
    # skills normalise among skills: log1p(9) / log1p(99)
    assert d.get("s:maths").normalised["job_ads"] == pytest.approx(  # type: ignore[union-attr]
        math.log1p(9) / math.log1p(99)
    )
    assert d.earnings("r:clerk") == 30000
    assert d.keeps_earnings("r:clerk", "r:none") is False  # 20000 < 75% of 30000
    assert d.keeps_earnings("r:none", "r:clerk") is True
    assert d.keeps_earnings("r:clerk", "t:excel") is True  # unknown earnings


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("name,job_ads\nClerk,3\n", 1, "id"),
        ("id,ads\nClerk,3\n", 1, "ads"),
        ("id,kind\nClerk,role\n", 1, None),
        ("id,job_ads\nClerk,many\n", 2, "job_ads"),
        ("id,job_ads\nClerk,-3\n", 2, "job_ads"),
        ("id,automation_risk\nClerk,1.5\n", 2, "automation_risk"),
        ("id,earnings\nClerk,0\n", 2, "earnings"),
        ("id,growth\nClerk,nan\n", 2, "growth"),
        ("id,job_ads\nAstronaut,3\n", 2, "id"),
        ("id,job_ads\nClerk,3\nr:clerk,4\n", 3, "id"),
        ("id,kind,job_ads\nClerk,industry,3\n", 2, "kind"),
        ("id,job_ads\n,3\n", 2, "id"),
        # regression, red team s25 (F-c): a repeated column was merged, the last value winning
        ("id,job_ads,job_ads\nClerk,3,9\n", 1, "job_ads"),
    ],
)
def test_bad_demand_tables_name_line_and_column(
    tmp_path: Path, text: str, line: int, column: str | None
) -> None:
    p = tmp_path / "d.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(sg.FormatError) as info:
        DemandSignals.from_graph(_tech_graph(), p)
    assert (info.value.source, info.value.line, info.value.column) == (str(p), line, column)


def test_regression_demand_table_is_read_bounded_and_parsed_safely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red team: the demand table was read whole with no limit (a FIFO or device never
    ended), a field over the csv module's 128 kB limit was a _csv.Error traceback, and
    bytes that are not UTF-8 gave the codec's message."""
    p = tmp_path / "d.csv"
    p.write_text("id,job_ads\nClerk," + "9" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(sg.FormatError, match="not CSV: field larger than field limit") as info:
        DemandSignals.from_graph(_tech_graph(), p)
    assert (info.value.source, info.value.line) == (str(p), 2)
    p.write_bytes(b"id,job_ads\nCl\xe9rk,3\n")
    with pytest.raises(sg.FormatError, match=r"the demand table is not UTF-8 text \(byte 13\)"):
        DemandSignals.from_graph(_tech_graph(), p)
    monkeypatch.setenv("SKILLGRAPH_MAX_INPUT_BYTES", "100000")
    fifo = fed_fifo(tmp_path / "fifo.csv", b"id,job_ads\n" + b"Clerk,3\n" * 20_000)
    with pytest.raises(sg.ResourceLimitError, match="more than 100000 bytes"):
        DemandSignals.from_graph(_tech_graph(), fifo)


def test_regression_huge_finite_values_normalise_without_overflow(tmp_path: Path) -> None:
    # red team s25 (16): growth 1e308 and -1e308 overflowed the min-max span to inf, so the
    # top role's growth and score were nan and every priority printed "nan"
    p = tmp_path / "d.csv"
    p.write_text("id,kind,growth\nClerk,role,1e308\nGardener,role,-1e308\n", encoding="utf-8")
    d = DemandSignals.from_graph(_tech_graph(), p)
    clerk, gardener = d.get("r:clerk"), d.get("r:none")
    assert clerk is not None and gardener is not None
    assert (clerk.normalised["growth"], gardener.normalised["growth"]) == (1.0, 0.0)
    assert all(math.isfinite(d.score(r) or 0.0) for r in ("r:clerk", "r:none"))


def test_values_in_code() -> None:
    g = _tech_graph()
    d = DemandSignals.from_values(g, {"Clerk": {"job_ads": 10}}, onet=False)
    assert d.score("r:clerk") == 1.0 and "t:excel" not in d
    with pytest.raises(sg.FormatError, match="unknown signal"):
        DemandSignals.from_values(g, {"Clerk": {"ads": 10}})


@pytest.mark.data
@pytest.mark.slow
def test_onet_release_has_hot_and_in_demand_signals(data: Path) -> None:
    g = sg.read(data / "onet" / "29.3")
    d = DemandSignals.from_graph(g)
    roles = [x for x in d.items() if x.id in g.roles]
    skills = [x for x in d.items() if x.id in g.skills]
    assert len(roles) > 500 and len(skills) > 1000
    assert any(x.score and x.score > 0.5 for x in roles)
    assert all(0.0 <= (x.score or 0.0) <= 1.0 for x in roles + skills)
