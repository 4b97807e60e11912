"""Workforce analytics: teams, internal mobility, demand-weighted priorities, batch scoring.

- `Workforce` (``team``): people with roles and skills; coverage of needed roles,
  internal candidates, training needs, reskilling of at-risk roles;
- ``people``: reading people from code, CSV or JSON (unknown skills reported with line);
- ``demand``: demand and trend signals (O*NET flags, a user table), normalised;
- ``batch``: vectorised top-k coverage for many people, chunked, or on Dask;
- ``tables``: pandas / CSV / Parquet tables (the ``skillgraph[tables]`` extra).
"""

from __future__ import annotations

from . import results
from ._credit import ROLE_SKILLS, RoleSkills
from .batch import BatchResult, score, score_matrix
from .demand import Demand, DemandSignals
from .people import PeopleFile, Person, UnknownSkill, read_people, resolve_people
from .results import *  # noqa: F403  (the report models; their list is results.__all__)
from .tables import graph_tables, requirements_table, roles_table, skills_table
from .team import Workforce

batch_score = score
"""``skillgraph.batch_score``: the public name of `score`."""

__all__ = [
    "ROLE_SKILLS",
    "BatchResult",
    "Demand",
    "DemandSignals",
    "PeopleFile",
    "Person",
    "RoleSkills",
    "UnknownSkill",
    "Workforce",
    "batch_score",
    "graph_tables",
    "read_people",
    "requirements_table",
    "resolve_people",
    "roles_table",
    "score",
    "score_matrix",
    "skills_table",
]
__all__ += results.__all__
