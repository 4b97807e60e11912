"""Advice by aspiration on the real ESCO v1.1.1 release (job families from g.families("auto"))."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest

import skillgraph as sg

pytestmark = [pytest.mark.data, pytest.mark.slow]


@pytest.fixture(scope="module")
def esco(data: Path) -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.SkillGraphWarning)
        return sg.read(data / "esco" / "v1.1.1" / "csv", format="esco")


def test_change_career_offers_k_other_families_on_esco(esco: sg.SkillGraph) -> None:
    role = esco.resolve("shop assistant", "role")
    held = [r.skill for r in esco.requirements(role) if r.essential][:8]
    day = dt.date(2025, 1, 1)
    me = sg.Profile(
        person="sam",
        role=role,
        as_of=day,
        skills=[sg.HeldSkill(skill=s, evidence="project", date=day) for s in held],
    )
    advice = sg.advise(esco, me, "change", k=3)
    assert len(advice.options) == 3
    families = esco.families("auto")
    reached = [families[o.target] for o in advice.options]
    assert families[role] not in reached and len(set(reached)) == 3
    assert all(o.kind == "reskilling" and o.plan.reachable for o in advice.options)
    assert all("another job family" in o.reasoning for o in advice.options)
