"""Fixtures of the learning tests: the demo's catalogue and a seed profile history."""

from __future__ import annotations

import pytest

import skillgraph as sg


@pytest.fixture(scope="session")
def catalogue(demo: sg.SkillGraph) -> sg.Catalogue:
    """The catalogue shipped for the demo ontology."""
    return sg.bundled_catalogue(demo)


def snapshot(as_of: str, role: str, skills: list[tuple[str, str, str]]) -> sg.Profile:
    """A profile of ``sam`` on ``as_of``: (skill, evidence, date) triples."""
    return sg.Profile(
        person="sam",
        name="Sam",
        role=role,
        as_of=as_of,
        skills=[{"skill": s, "evidence": e, "date": d} for s, e, d in skills],
    )


BASE = [
    ("Customer service", "project", "2024-06-01"),
    ("Point-of-sale systems", "self-declared", "2024-06-01"),
    ("Communication", "self-declared", "2024-06-01"),
]
SECOND = [
    ("E-commerce platforms", "certification", "2025-02-10"),
    ("Product listing management", "assessment", "2025-02-10"),
    ("Copywriting", "project", "2025-03-20"),
]
THIRD = [
    ("Content creation", "project", "2025-05-02"),
    ("Email marketing", "certification", "2025-06-12"),
    ("SEO basics", "assessment", "2025-06-30"),
]


@pytest.fixture(scope="session")
def history() -> sg.ProfileHistory:
    """Three snapshots of a retail worker learning digital marketing."""
    return sg.ProfileHistory(
        person="sam",
        snapshots=[
            snapshot("2025-01-06", "retail sales assistant", BASE),
            snapshot("2025-04-07", "retail sales assistant", BASE + SECOND),
            snapshot("2025-07-07", "e-commerce assistant", BASE + SECOND + THIRD),
        ],
    )
