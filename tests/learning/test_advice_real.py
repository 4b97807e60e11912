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
    assert 1 <= len(advice.options) <= 3
    if len(advice.options) < 3:  # the other families stop at the similarity floor
        assert "the least similarity of any viable single move" in advice.explanation
    families = esco.families("auto")
    reached = [families[o.target] for o in advice.options]
    assert families[role] not in reached and len(set(reached)) == len(reached)
    assert all(o.kind == "reskilling" and o.plan.reachable for o in advice.options)
    assert all("another job family" in o.reasoning for o in advice.options)


def test_regression_declining_cashier_gets_no_distant_engineer(esco: sg.SkillGraph) -> None:
    # red team s25 #2: option #3 was calculation engineer at similarity 0.06 "among the
    # roles most similar", through 6 stepping stones that never reach it, and every
    # outcome said "reached through viable steps"
    me = sg.Profile(person="bo", role="cashier", as_of=dt.date(2025, 1, 1), skills=[])
    advice = sg.advise(esco, me, "declining", k=3)
    labels = {o.label for o in advice.options}
    assert "calculation engineer" not in labels and 0 < len(advice.options) < 3
    assert "the least similarity of any viable single move" in advice.explanation
    for o in advice.options:
        assert float(o.reasoning.split("(similarity ")[1].split(",")[0]) >= 0.15
        viable = o.reachable and o.plan.steps[-1].viable
        assert ("reached through viable steps" in o.outcome) == viable
    direct = next(o for o in advice.options if o.label == "post office counter clerk")
    assert "direct retraining just under the viability threshold" in direct.outcome


def test_regression_change_is_not_the_line_up(esco: sg.SkillGraph) -> None:
    # red team s25 #18.7: a shop assistant who wants a career change was offered
    # supermarket manager, in the family the shop assistant's own upskilling (shop
    # supervisor, a step up its line) steps into: a retail promotion
    role = esco.resolve("shop assistant", "role")
    me = sg.Profile(person="sam", role=role, as_of=dt.date(2025, 1, 1), skills=[])
    families = esco.families("auto")
    grown = {st.family for p in esco.upskill(role, k=3) for st in p.steps} - {families[role]}
    assert grown  # shop supervisor sits in the shop managers' family
    for wish in ("change", "declining"):
        advice = sg.advise(esco, me, wish, k=3)
        assert "supermarket manager" not in {o.label for o in advice.options}
        assert not grown & {families.get(o.target) for o in advice.options}
        assert "outside the families its own upskilling steps into" in advice.explanation
