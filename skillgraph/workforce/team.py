"""`Workforce`: people with roles and skills, and the planning questions asked of them.

- `Workforce.coverage`: how the workforce covers each needed role, and the skills nobody has;
- `Workforce.candidates`: internal candidates for an open role, ranked (viable moves first,
  then desirable ones, then by coverage, similarity and id), with what each must learn;
- `Workforce.training_needs`: the skills to train, aggregated over people and roles,
  prioritised by coverage gain and demand (see `TrainingNeed`);
- `Workforce.reskilling`: for roles at risk, the viable targets of the people in them,
  ranked by desirability, then coverage x demand weight;
- `Workforce.batch`: every person's top-``k`` roles by coverage (vectorised; on Dask with
  ``client=``).

Move viability is the graph's calibrated ``SkillGraph.viable_move`` (docs/concepts.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..analysis.families import cluster_line
from ..errors import InvalidValueError
from ..graph import SkillGraph
from ..model import NodeType
from ._credit import RoleSkills, credited, role_skills_mode
from ._scoring import ScoringIndex, people_matrix
from .batch import BatchResult, score_matrix, scoring_index
from .demand import DemandSignals
from .people import PeopleFile, Person, UnknownSkill, read_people, resolve_people
from .results import (
    Candidate,
    ReskillingOption,
    ReskillingTarget,
    RoleCoverage,
    TrainingNeed,
    WorkforceReport,
)

__all__ = ["Workforce"]

SEARCH = 50
"""Similar roles searched for viable reskilling targets of an at-risk role."""


class Workforce:
    """People (id, current role, skills) of one graph, and the answers about them.

    Build it from code (`Workforce(g, people)`: `Person` objects, mappings or
    ``(id, role, skills)`` tuples; skills and roles by id or label) or from a file
    (`Workforce.read`). Unknown skills are kept in `unknown` (with file and line when read
    from a file); with ``strict=True`` they raise. ``demand`` weights the rankings (see
    ``skillgraph.workforce.demand``); by default the graph's own O*NET signals.
    ``role_skills`` says when a person is credited with the requirements of their current
    role besides the skills they list (`held`): ``"if-none-listed"`` (the default) only
    for a person who lists no skill (known or unknown), ``"always"`` (True) for everyone,
    as the move analyses credit a start role, ``"never"`` (False) for nobody. `assumed` lists the
    people so credited, and every report says so.

    Raises:
        InvalidValueError: a person has the wrong shape, an empty or repeated id.
        NotFoundError: a role cannot be resolved, or (``strict``) a skill.
    """

    def __init__(
        self,
        g: SkillGraph,
        people: Iterable[Person | Mapping[str, Any] | Sequence[Any]] | PeopleFile,
        *,
        demand: DemandSignals | None = None,
        strict: bool = False,
        role_skills: RoleSkills | bool = "if-none-listed",
    ) -> None:
        if not isinstance(g, SkillGraph):
            raise InvalidValueError("g must be a SkillGraph", field="g")
        mode = role_skills_mode(role_skills)
        read = (
            people if isinstance(people, PeopleFile) else resolve_people(g, people, strict=strict)
        )
        self.graph = g
        self.people: list[Person] = list(read.people)
        self.unknown: list[UnknownSkill] = list(read.unknown)
        self.demand = demand if demand is not None else DemandSignals.from_graph(g)
        self._by_id = {p.id: p for p in self.people}
        self.role_skills: RoleSkills = mode
        self._held, assumed = credited(
            g, self.people, mode, listed={u.person for u in self.unknown}
        )
        self.assumed: tuple[str, ...] = tuple(assumed)
        """Ids of the people credited with requirements of their current role they do not
        list (see ``role_skills``), in `people` order."""
        self._h: sp.csr_matrix | None = None

    @classmethod
    def read(
        cls,
        g: SkillGraph,
        path: str | Path,
        *,
        demand: DemandSignals | str | Path | None = None,
        strict: bool = False,
        role_skills: RoleSkills | bool = "if-none-listed",
    ) -> Workforce:
        """The workforce of a people file (CSV, JSON or JSON Lines; see
        ``skillgraph.workforce.people``); ``demand`` a `DemandSignals` or a demand table;
        ``role_skills`` as for `Workforce`.

        Raises:
            FormatError: a file is malformed; the message names file, line and field.
            InvalidValueError: ``role_skills`` is not one of its modes.
        """
        mode = role_skills_mode(role_skills)
        signals = DemandSignals.from_graph(g, demand) if isinstance(demand, str | Path) else demand
        return cls(g, read_people(g, path, strict=strict), demand=signals, role_skills=mode)

    def __len__(self) -> int:
        return len(self.people)

    def person(self, pid: str) -> Person:
        """The person with id ``pid``.

        Raises:
            NotFoundError: no such person.
        """
        from ..errors import NotFoundError

        try:
            return self._by_id[pid]
        except KeyError:
            raise NotFoundError(f"no person {pid!r} in the workforce", query=pid) from None

    # ------------------------------------------------------------------ helpers
    def held(self, pid: str) -> tuple[str, ...]:
        """The skill ids person ``pid`` is credited with: their own skills, then, for a
        person of `assumed` (see ``role_skills``), the requirements of their current role
        not among them.

        Raises:
            NotFoundError: no person has id ``pid``.
        """
        self.person(pid)
        return self._held[pid]

    def _roles(self, roles: str | Iterable[str]) -> list[str]:
        if isinstance(roles, str):
            roles = [roles]
        out = list(dict.fromkeys(self.graph.resolve(r, NodeType.ROLE) for r in roles))
        if not out:
            raise InvalidValueError("no role given", field="roles")
        return out

    def matrix(self) -> sp.csr_matrix:
        """The people x skills binary matrix (rows in `people` order; analysis index columns)."""
        if self._h is None:
            si = scoring_index(self.graph)
            self._h = people_matrix(
                si.skill_pos, (self._held[p.id] for p in self.people), len(si.skill_pos)
            )
        return self._h

    def _coverages(self, roles: list[str]) -> np.ndarray:
        """People x ``roles`` coverage (``g.gap``'s definition)."""
        return ScoringIndex.build(self.graph, roles).coverage(self.matrix())

    # ------------------------------------------------------------------ answers
    def coverage(self, roles: str | Iterable[str]) -> list[RoleCoverage]:
        """How the workforce covers each of ``roles``, in the order given.

        Raises:
            NotFoundError: a role cannot be resolved.
            InvalidValueError: no role is given.
        """
        ids = self._roles(roles)
        g = self.graph
        pool = sorted({s for p in self.people for s in self._held[p.id]})
        cov = self._coverages(ids)
        out = []
        for j, rid in enumerate(ids):
            team = g.gap(rid, have=pool)
            best: str | None = None
            best_cov = 0.0
            if self.people:
                col = cov[:, j]
                order = sorted(range(len(self.people)), key=lambda i: (-col[i], self.people[i].id))
                best, best_cov = self.people[order[0]].id, float(col[order[0]])
            out.append(
                RoleCoverage(
                    role=rid,
                    label=g.label(rid),
                    team_coverage=team.coverage,
                    best_person=best,
                    best_coverage=best_cov,
                    holders=sum(1 for p in self.people if p.role == rid),
                    uncovered=list(team.missing),
                    uncovered_labels=[g.label(s) for s in team.missing],
                )
            )
        return out

    def candidates(self, role: str, k: int = 10) -> list[Candidate]:
        """Up to ``k`` people (not already in ``role``) who could move into it, best first:
        viable moves, then desirable ones, then by coverage, similarity, id.

        Raises:
            NotFoundError: the role cannot be resolved.
            InvalidValueError: ``k`` is negative.
        """
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise InvalidValueError(f"k must be an integer >= 0 (got {k!r})", field="k")
        (rid,) = self._roles(role)
        cov = self._coverages([rid])[:, 0]
        keyed = []
        for i, p in enumerate(self.people):
            if p.role == rid:
                continue
            v = self.graph.viable_move(p.role, rid) if p.role is not None else None
            desirable = (
                None if v is None else v.viable and self.demand.keeps_earnings(p.role or "", rid)
            )
            key = (
                0 if v is not None and v.viable else 1 if v is None else 2,
                0 if desirable else 1,
                -float(cov[i]),
                -(v.similarity if v is not None else 0.0),
                p.id,
            )
            keyed.append((key, i, v, desirable))
        keyed.sort(key=lambda t: t[0])
        out = []
        assumed = set(self.assumed)
        for _, i, v, desirable in keyed[:k]:
            p = self.people[i]
            gap = self.graph.gap(rid, have=self._held[p.id])
            out.append(
                Candidate(
                    person=p.id,
                    current_role=p.role,
                    assumed=p.id in assumed,
                    coverage=gap.coverage,
                    essential_coverage=gap.essential_coverage,
                    learn=list(gap.missing),
                    viable=None if v is None else v.viable,
                    desirable=desirable,
                    similarity=None if v is None else round(v.similarity, 6),
                    seniority_jump=None if v is None else v.seniority_jump,
                    reason="no current role" if v is None else v.explanation,
                )
            )
        return out

    def training_needs(self, roles: str | Iterable[str], per_role: int = 3) -> list[TrainingNeed]:
        """The skills to train for ``roles``, highest priority first (then by id).

        For each role, the people considered are those holding it now plus its best
        ``per_role`` `candidates`; each of them needs the role's skills they miss. A role
        someone already covers fully is staffed: its candidates are not counted (only
        its holders who miss some of its skills).

        Raises:
            NotFoundError: a role cannot be resolved.
            InvalidValueError: ``per_role`` is negative, or no role is given.
        """
        if isinstance(per_role, bool) or not isinstance(per_role, int) or per_role < 0:
            raise InvalidValueError(
                f"per_role must be an integer >= 0 (got {per_role!r})", field="per_role"
            )
        g = self.graph
        acc: dict[str, dict[str, Any]] = {}
        ids = self._roles(roles)
        staffed: list[bool] = [False] * len(ids)
        if self.people:
            best = self._coverages(ids).max(axis=0)
            staffed = [float(best[j]) >= 1.0 - 1e-9 for j in range(len(ids))]
        for j, rid in enumerate(ids):
            who = [p.id for p in self.people if p.role == rid]
            if not staffed[j]:
                who += [c.person for c in self.candidates(rid, per_role)]
            role_w = self.demand.weight(rid)
            for pid in who:
                gap = g.gap(rid, have=self._held[pid])
                total = sum(d.weight for d in gap.details)
                for d in gap.details:
                    if d.skill in gap.matched:
                        continue
                    share = d.weight / total if total > 0 else 1.0 / len(gap.details)
                    slot = acc.setdefault(
                        d.skill, {"people": set(), "roles": set(), "gain": 0.0, "priority": 0.0}
                    )
                    slot["people"].add(pid)
                    slot["roles"].add(rid)
                    slot["gain"] += share
                    slot["priority"] += share * role_w * self.demand.weight(d.skill)
        out = [
            TrainingNeed(
                skill=s,
                label=g.label(s),
                people=sorted(v["people"]),
                roles=sorted(v["roles"]),
                gain=round(v["gain"], 9),
                demand=self.demand.score(s),
                priority=round(v["priority"], 9),
            )
            for s, v in acc.items()
        ]
        out.sort(key=lambda t: (-t.priority, -len(t.people), t.skill))
        return out

    def reskilling(self, at_risk: str | Iterable[str], k: int = 5) -> list[ReskillingOption]:
        """For each person holding a role of ``at_risk``, up to ``k`` viable targets (roles
        not at risk), best first: desirable, then coverage x demand weight, similarity, id.
        Like ``advise`` for a declining role, a target is never in the role's job family
        (``g.families("auto")``), its cluster or a cluster above or below it.

        Raises:
            NotFoundError: a role cannot be resolved.
            InvalidValueError: ``k`` is negative, or no role is given.
        """
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise InvalidValueError(f"k must be an integer >= 0 (got {k!r})", field="k")
        g = self.graph
        risky = self._roles(at_risk)
        out = []
        targets_of: dict[str, list[Any]] = {}
        fam = g.families("auto")
        for rid in risky:
            found = []
            near = cluster_line(g, g.roles[rid].cluster, rid)
            for m in g.similar_roles(rid, k=SEARCH):
                if m.id in risky or fam.get(m.id, m.id) == fam.get(rid, rid):
                    continue
                if g.roles[m.id].cluster in near:  # the declining family, above or below
                    continue
                v = g.viable_move(rid, m.id)
                if v.viable:
                    found.append((m.id, v))
            targets_of[rid] = found
        assumed = set(self.assumed)
        for p in self.people:
            if p.role not in targets_of:
                continue
            ranked = []
            for tid, v in targets_of[p.role]:
                gap = g.gap(tid, have=self._held[p.id])
                score = gap.coverage * self.demand.weight(tid)
                desirable = self.demand.keeps_earnings(p.role, tid)
                ranked.append(
                    ReskillingTarget(
                        role=tid,
                        label=g.label(tid),
                        coverage=gap.coverage,
                        learn=list(gap.missing),
                        similarity=round(v.similarity, 6),
                        seniority_jump=v.seniority_jump,
                        desirable=desirable,
                        demand=self.demand.score(tid),
                        score=round(score, 9),
                    )
                )
            ranked.sort(key=lambda t: (not t.desirable, -t.score, -t.similarity, t.role))
            out.append(
                ReskillingOption(
                    person=p.id, role=p.role, assumed=p.id in assumed, targets=ranked[:k]
                )
            )
        return out

    def batch(
        self,
        k: int = 5,
        *,
        roles: Sequence[str] | None = None,
        chunk_size: int | None = None,
        client: Any = None,
    ) -> BatchResult:
        """Every person's ``k`` best-covered roles (among ``roles``, default all), as
        ``skillgraph.workforce.batch.score`` of the skills each person is credited with
        (`held`; the result's ``assumed`` marks the people of `assumed`); ``client`` runs
        it on a Dask cluster.

        Raises:
            InvalidValueError: ``k`` or ``chunk_size`` is not a positive integer.
            NotFoundError: a role cannot be resolved.
        """
        si = (
            scoring_index(self.graph)
            if roles is None
            else ScoringIndex.build(self.graph, self._roles(roles))
        )
        return score_matrix(
            si,
            [p.id for p in self.people],
            self.matrix(),
            k,
            chunk_size=chunk_size,
            client=client,
            assumed=self.assumed,
        )

    def report(
        self,
        roles: str | Iterable[str],
        *,
        at_risk: str | Iterable[str] = (),
        k: int = 5,
        per_role: int = 3,
    ) -> WorkforceReport:
        """Coverage, candidates (``k`` a role), training needs and reskilling in one result.

        Raises:
            NotFoundError: a role cannot be resolved.
            InvalidValueError: a count is negative, no role is given, or a role is both
                needed and at risk.
        """
        ids = self._roles(roles)
        risky = [] if not at_risk else self._roles(at_risk)
        both = [r for r in risky if r in ids]
        if both:  # red team s25 (18.12): the report staffed the role and moved its people out
            raise InvalidValueError(
                f"{self.graph.label(both[0])} ({both[0]}) is both a needed role and at risk: "
                "a report staffs a needed role and moves the people of an at-risk one out",
                field="at_risk",
            )
        coverage = self.coverage(ids)
        candidates = {r: self.candidates(r, k) for r in ids}
        training = self.training_needs(ids, per_role)
        reskilling = self.reskilling(risky, k) if risky else []
        named = set(ids) | set(risky)
        for c in coverage:
            named.update(c.uncovered)
        for cs in candidates.values():
            for cand in cs:
                named.update(cand.learn)
                if cand.current_role:
                    named.add(cand.current_role)
        for t in training:
            named.add(t.skill)
        for o in reskilling:
            named.update(t.role for t in o.targets)
        return WorkforceReport(
            people=len(self.people),
            roles=ids,
            coverage=coverage,
            candidates=candidates,
            training=training,
            reskilling=reskilling,
            unknown=self.unknown,
            role_skills=self.role_skills,
            assumed=list(self.assumed),
            labels={i: self.graph.label(i) for i in sorted(named)},
        )
