"""The demo team of docs/guides/team-gaps.md, shared by the workforce tests."""

from __future__ import annotations

from typing import Any

import pytest

import skillgraph as sg

TEAM: list[dict[str, Any]] = [
    {
        "id": "Ana",
        "role": "data analyst",
        "skills": ["Python", "SQL", "Statistics", "Data visualisation"],
    },
    {
        "id": "Ben",
        "role": None,
        "skills": ["Copywriting", "Social media marketing", "Content creation"],
    },
    {
        "id": "Chloé",
        "role": "retail sales assistant",
        "skills": ["Customer service", "Product knowledge", "Working to sales targets"],
    },
]
NEEDED = ["marketing analyst", "digital marketing specialist"]


@pytest.fixture()
def team(demo: sg.SkillGraph) -> Any:
    from skillgraph.workforce import Workforce

    return Workforce(demo, TEAM)
