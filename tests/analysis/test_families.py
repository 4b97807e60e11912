"""Tests for skillgraph.analysis.families: job families and seniority."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.analysis.families import FAMILY_METHODS, declared_are_families, is_managerial

from .conftest import small_graph


def test_detected_families_hold_promotions_on_the_demo(demo: sg.SkillGraph) -> None:
    fam = demo.families("detected")
    assert sorted(fam) == sorted(demo.roles)
    # a role and its managerial variant share a family, though their clusters may differ
    for role, senior in [
        ("demo:role/accountant", "demo:role/finance-manager"),
        ("demo:role/accountant", "demo:role/senior-accountant"),
        ("demo:role/registered-nurse", "demo:role/nurse-manager"),
        ("demo:role/software-engineer", "demo:role/engineering-lead"),
    ]:
        assert fam[role] == fam[senior], (role, senior)
    rank = demo.seniority("detected")
    assert rank["demo:role/finance-manager"] > rank["demo:role/accountant"]
    assert rank["demo:role/senior-accountant"] > rank["demo:role/accountant"]
    assert rank["demo:role/accounts-assistant"] < rank["demo:role/accountant"]


def test_families_are_deterministic(demo: sg.SkillGraph) -> None:
    a = demo.families("detected")
    assert a == demo.copy().families("detected") == demo.families()
    assert list(a) == sorted(a)
    assert demo.families(seed=3) == demo.copy().families(seed=3)


def test_declared_and_mapped_families() -> None:
    g = small_graph()
    assert g.families("declared") == {r: g.roles[r].cluster for r in sorted(g.roles)}
    mapped = g.families({"r:dev": "f:x", "r:senior-dev": "f:x"})
    assert mapped["r:dev"] == mapped["r:senior-dev"] == "f:x"
    assert mapped["r:analyst"].startswith("detected:")
    with pytest.raises(sg.InvalidValueError, match="families"):
        g.families("nonsense")
    with pytest.raises(sg.InvalidValueError, match="not roles"):
        g.families({"r:nobody": "f:x"})
    with pytest.raises(sg.InvalidValueError, match="code"):
        g.families("isco-3")  # no role has an ISCO code
    assert set(FAMILY_METHODS) >= {"detected", "declared", "isco-3", "soc-minor"}


def test_code_families_read_isco_and_soc_codes() -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="a"))
    g.add(sg.Role(id="r:1", label="One", attributes={"isco_code": "2411"}, code="13-2011.00"))
    g.add(sg.Role(id="r:2", label="Two", attributes={"isco_code": "1211"}, code="11-3031.01"))
    for r in ("r:1", "r:2"):
        g.require(r, "s:a")
    assert g.families("isco-1") == {"r:1": "isco:2", "r:2": "isco:1"}
    assert g.families("isco-3") == {"r:1": "isco:241", "r:2": "isco:121"}
    assert g.families("soc-major") == {"r:1": "soc:13-0000", "r:2": "soc:11-0000"}
    assert g.families("soc-minor") == {"r:1": "soc:13-2000", "r:2": "soc:11-3000"}
    assert g.families("soc-broad") == {"r:1": "soc:13-2010", "r:2": "soc:11-3030"}


def test_soc_minor_family_is_the_real_soc_minor_group() -> None:
    """Regression: 29-1141 (Registered Nurses) is in SOC minor group 29-1000 with 29-1071,
    not in a made-up 29-1100 apart from it."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="a"))
    g.add(sg.Role(id="r:1", label="Nurse", code="29-1141.00"))
    g.add(sg.Role(id="r:2", label="Physician Assistant", code="29-1071.00"))
    for r in ("r:1", "r:2"):
        g.require(r, "s:a")
    assert g.families("soc-minor") == {"r:1": "soc:29-1000", "r:2": "soc:29-1000"}
    assert g.families("soc-broad") == {"r:1": "soc:29-1140", "r:2": "soc:29-1070"}


def test_seniority_sources() -> None:
    g = small_graph()
    rank = g.seniority("declared")
    # level, plus one for a managerial/supervisory label ("Senior developer")
    assert rank["r:junior-dev"] == 1 and rank["r:dev"] == 2 and rank["r:senior-dev"] == 4
    # a declared progression ranks its target above its source
    g.add_progression("r:dev", "r:go-dev")
    assert g.seniority("declared")["r:go-dev"] == 3
    # a role without a level takes its family's median level
    g.add(sg.Role(id="r:intern", label="Intern", cluster="c:dev"))
    g.require("r:intern", "s:python")
    assert g.seniority("declared")["r:intern"] == 2
    assert is_managerial("Head chef") and is_managerial("Construction SUPERVISOR")
    assert not is_managerial("Headphone tester") and not is_managerial("Accountant")


def test_once_per_version_decisions_follow_changes() -> None:
    # declared_are_families and the managerial flags are kept per graph version
    g = small_graph()
    assert declared_are_families(g)
    assert g.seniority("declared")["r:dev"] == 2
    g.add(g.roles["r:dev"].model_copy(update={"label": "Development lead"}), replace=True)
    assert g.seniority("declared")["r:dev"] == 3  # now a managerial variant
    g.add(sg.Role(id="r:loose", label="Loose end"))
    g.require("r:loose", "s:git")
    assert not declared_are_families(g)  # a role without a cluster: none to use
    assert g.families("auto")["r:dev"].startswith("detected:")


def _esco(data: Path) -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.SkillGraphWarning)
        return sg.read(data / "esco" / "v1.1.1" / "csv", format="esco")


@pytest.mark.data
@pytest.mark.slow
def test_promotion_pairs_share_a_detected_family_on_esco(data: Path) -> None:
    g = _esco(data)
    fam = g.families("detected")
    rank = g.seniority("detected")
    accountant, manager = g.resolve("accountant", "role"), g.resolve("accounting manager", "role")
    # ISCO files them under 2411 and 1211: different major groups, one family here
    assert (
        g.roles[accountant].attributes["isco_code"][:1]
        != (g.roles[manager].attributes["isco_code"][:1])
    )
    assert fam[accountant] == fam[manager]
    assert rank[manager] > rank[accountant]
    teacher = g.resolve("primary school teacher", "role")
    head = g.resolve("primary school head teacher", "role")
    assert fam[teacher] == fam[head] and rank[head] > rank[teacher]
