"""Tests for skillgraph.learning.tracking: progress over a history, group outcomes."""

from __future__ import annotations

import datetime as dt

import pytest

import skillgraph as sg

from .conftest import BASE, snapshot

TARGET = "digital marketing specialist"


def test_seed_history_coverage_rises_and_projects_a_date(
    demo: sg.SkillGraph, history: sg.ProfileHistory
) -> None:
    report = sg.progress(demo, history, TARGET)
    cov = [p.coverage for p in report.points]
    assert cov == sorted(cov) and cov[0] < cov[-1]
    assert report.pace > 0
    assert report.projected is not None and report.projected > history.latest.as_of
    assert report.reached is None
    assert report.gained == pytest.approx(cov[-1] - cov[0], abs=1e-6)
    got = {a.label: a.evidence.value for a in report.acquired}
    assert got == {
        "E-commerce platforms": "certification",
        "Product listing management": "assessment",
        "Copywriting": "project",
        "Content creation": "project",
        "Email marketing": "certification",
        "SEO basics": "assessment",
    }
    assert [a.seen for a in report.acquired] == sorted(a.seen for a in report.acquired)
    assert "complete by" in report.explanation


def test_projection_follows_the_pace(demo: sg.SkillGraph, history: sg.ProfileHistory) -> None:
    report = sg.progress(demo, history, TARGET)
    last = report.points[-1]
    weeks = (report.projected - last.date).days / 7
    assert last.coverage + report.pace * weeks == pytest.approx(1.0, abs=0.01)


def test_evidence_filter(demo: sg.SkillGraph, history: sg.ProfileHistory) -> None:
    all_ = sg.progress(demo, history, TARGET)
    strong = sg.progress(demo, history, TARGET, evidence=["certification", "assessment"])
    assert strong.points[-1].coverage < all_.points[-1].coverage
    assert {a.evidence.value for a in strong.acquired} <= {"certification", "assessment"}
    with pytest.raises(sg.InvalidValueError, match="evidence"):
        sg.progress(demo, history, TARGET, evidence=["rumour"])


def test_late_milestones(
    demo: sg.SkillGraph, history: sg.ProfileHistory, catalogue: sg.Catalogue
) -> None:
    first = history.snapshots[0].check(demo)
    plan = sg.plan_resources(
        demo, demo.gap(TARGET, first.have()), catalogue, hours_per_week=5, start=first.as_of
    )
    report = sg.progress(demo, history, TARGET, plan=plan)
    held = set(history.latest.check(demo).have())
    assert report.late
    for m in report.late:
        assert m.due < history.latest.as_of and m.days_late > 0
        assert m.missing and not set(m.missing) & held
    on_time = sg.progress(demo, history, TARGET, plan=plan, today=first.as_of)
    assert on_time.late == []


def _two(first: str, second: str, later: list[tuple[str, str, str]]) -> sg.ProfileHistory:
    """Sam at ``first`` with the base skills, at ``second`` with ``later``."""
    return sg.ProfileHistory(
        person="sam",
        snapshots=[
            snapshot(first, "retail sales assistant", BASE),
            snapshot(second, "retail sales assistant", later),
        ],
    )


def test_no_progress_no_projection(demo: sg.SkillGraph) -> None:
    flat = _two("2025-01-06", "2025-03-06", BASE)
    report = sg.progress(demo, flat, TARGET)
    assert report.pace == 0 and report.projected is None
    assert "no projected date" in report.explanation


def test_regression_a_projection_past_the_calendar_is_none(demo: sg.SkillGraph) -> None:
    """Red team: a pace so slow that completion falls after 9999-12-31 (one skill in two
    thousand years) was an OverflowError traceback (`progress` on such a history)."""
    old = [(skill, evidence, "0001-01-01") for skill, evidence, _ in BASE]
    slow = sg.ProfileHistory(
        person="sam",
        snapshots=[
            snapshot("0001-01-01", "retail sales assistant", old),
            snapshot(
                "2025-06-01",
                "retail sales assistant",
                [*old, ("SEO basics", "certification", "2025-03-01")],
            ),
        ],
    )
    report = sg.progress(demo, slow, TARGET)
    assert 0 < report.pace < 1e-5 and report.projected is None and report.reached is None


def _every(demo: sg.SkillGraph, evidence: str, day: str) -> list[tuple[str, str, str]]:
    """Every skill the target requires, with ``evidence`` on ``day``."""
    role = demo.resolve(TARGET, "role")
    return [(demo.label(r.skill), evidence, day) for r in demo.requirements(role)]


def test_reached(demo: sg.SkillGraph) -> None:
    every = _every(demo, "project", "2025-01-01")
    h = _two("2024-12-01", "2025-02-01", every)
    report = sg.progress(demo, h, TARGET)
    assert report.reached == dt.date(2025, 2, 1) == report.projected


def test_group_outcomes(demo: sg.SkillGraph, history: sg.ProfileHistory) -> None:
    every = _every(demo, "assessment", "2025-05-01")
    done = sg.ProfileHistory(
        person="ana",
        snapshots=[
            snapshot("2025-01-01", "retail sales assistant", BASE).model_copy(
                update={"person": "ana"}
            ),
            snapshot("2025-06-01", "retail sales assistant", every).model_copy(
                update={"person": "ana"}
            ),
        ],
    )
    out = sg.outcomes(demo, [history, done], TARGET)
    assert out.people == 2 and out.reached == 1 and out.share_reached == 0.5
    assert out.median_days == (dt.date(2025, 6, 1) - dt.date(2025, 1, 1)).days
    assert [r.person for r in out.rows] == ["ana", "sam"]
    assert out.median_gained == pytest.approx(sum(r.gained for r in out.rows) / 2)
    lenient = sg.outcomes(demo, [history, done], {"sam": TARGET, "ana": TARGET}, threshold=0.4)
    assert lenient.reached == 2
    with pytest.raises(sg.InvalidValueError, match="no target"):
        sg.outcomes(demo, [history], {"ana": TARGET})
    with pytest.raises(sg.InvalidValueError, match="empty"):
        sg.outcomes(demo, [], TARGET)
    with pytest.raises(sg.InvalidValueError, match="threshold"):
        sg.outcomes(demo, [history], TARGET, threshold=0)


def test_bad_arguments(demo: sg.SkillGraph, history: sg.ProfileHistory) -> None:
    with pytest.raises(sg.InvalidValueError, match="history must be"):
        sg.progress(demo, [history], TARGET)  # type: ignore[arg-type]
    with pytest.raises(sg.InvalidValueError, match="plan must be"):
        sg.progress(demo, history, TARGET, plan="x")  # type: ignore[arg-type]
    with pytest.raises(sg.NotFoundError):
        sg.progress(demo, history, "astronaut")


def test_regression_one_skill_acquired_is_singular(demo: sg.SkillGraph) -> None:
    # red team s21 #19: "(1 skills acquired: ...)"
    one = _two("2025-01-06", "2025-03-06", [*BASE, ("SEO basics", "certification", "2025-02-01")])
    report = sg.progress(demo, one, TARGET)
    assert len(report.acquired) == 1
    assert "(1 skill acquired: " in report.explanation
