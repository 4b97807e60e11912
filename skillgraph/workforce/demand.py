"""Demand and trend signals per skill and per role, normalised to [0, 1].

Two sources, combined per node (a user value overrides an O*NET one of the same name):

- **O*NET** flags the O*NET reader keeps in technology skills' attributes:
  ``hot_technology`` and ``in_demand`` (1 or 0 per skill). A role gets the share of its
  technology requirements that are hot (``hot_technology``) and that O*NET marks in demand
  for that very occupation (``in_demand``: essential requirements of scale ``In Demand``).
  Roles without technology requirements, and every ESCO node, have no O*NET signal.
- **A user table** (CSV, header required): a column ``id`` naming a role or a skill (id or
  anything ``g.find`` resolves), optional ``kind`` (``role``/``skill``, to disambiguate),
  and any of the signal columns ``job_ads`` (count of job ads, >= 0), ``growth`` (growth
  rate, e.g. 0.05 for +5 % a year, may be negative), ``earnings`` (> 0, any currency, one
  currency per table) and ``automation_risk`` (a probability in [0, 1]). Empty cells are
  unknown.

Normalisation (each signal separately, over the nodes of one kind that have it):
``job_ads`` -> ``log1p(ads) / max log1p(ads)``; ``growth`` and ``earnings`` -> min-max to
[0, 1] (0.5 when every value is equal); ``automation_risk``, ``hot_technology`` and
``in_demand`` as given.

The **demand score** of a node is the mean of its known positive signals (``job_ads``,
``growth``, ``hot_technology``, ``in_demand``), times ``1 - automation_risk`` when that is
known (``1 - automation_risk`` alone when it is the only signal); None when nothing is known.
Rankings use the weight ``1 + score`` (unknown counts as 0), so demand lifts what is wanted
and never hides what is not measured.

A move is **desirable** (as Nesta defines it) when it is viable and, where both roles'
earnings are known, the target's earnings are at least `DESIRABLE_EARNINGS` (75 %) of the
origin's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..errors import FormatError, NotFoundError
from ..graph import SkillGraph
from ..model import NodeType, SkillKind
from ._csv import csv_rows, header_of, read_table

__all__ = ["DESIRABLE_EARNINGS", "SIGNALS", "Demand", "DemandSignals"]

SIGNALS = ("job_ads", "growth", "earnings", "automation_risk", "hot_technology", "in_demand")
"""Every signal name, raw and normalised."""
USER_SIGNALS = ("job_ads", "growth", "earnings", "automation_risk")
"""Signals a user table may give."""
POSITIVE = ("job_ads", "growth", "hot_technology", "in_demand")
"""Signals averaged into the demand score."""
DESIRABLE_EARNINGS = 0.75
"""A desirable move keeps at least this share of the origin's earnings (where known)."""


class Demand(BaseModel):
    """The signals of one node: ``raw`` as given, ``normalised`` in [0, 1], and ``score``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    raw: dict[str, float] = Field(default_factory=dict)
    normalised: dict[str, float] = Field(default_factory=dict)
    score: float | None = None


def _onet(g: SkillGraph) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for s in g.skills.values():
        if s.kind is not SkillKind.TECHNOLOGY:
            continue
        vals = {
            name: 1.0 if s.attributes.get(name) is True else 0.0
            for name in ("hot_technology", "in_demand")
            if isinstance(s.attributes.get(name), bool)
        }
        if vals:
            out[s.id] = vals
    if not out:  # no O*NET technology flags (ESCO, most own ontologies)
        return out
    for rid in sorted(g.roles):
        tech = [req for req in g.requirements(rid) if req.skill in out]
        if not tech:
            continue
        n = len(tech)
        hot = sum(out[req.skill].get("hot_technology", 0.0) for req in tech)
        wanted = sum(1 for req in tech if req.scale == "In Demand" and req.essential)
        out[rid] = {"hot_technology": hot / n, "in_demand": wanted / n}
    return out


def _number(cell: str, name: str, source: str, line: int) -> float | None:
    if not cell.strip():
        return None
    try:
        value = float(cell)
    except ValueError:
        raise FormatError(
            f"expected a number, got {cell!r}", source=source, line=line, column=name
        ) from None
    bad = (
        not math.isfinite(value)
        or (name == "job_ads" and value < 0)
        or (name == "earnings" and value <= 0)
        or (name == "automation_risk" and not 0 <= value <= 1)
    )
    if bad:
        expected = {
            "job_ads": "a count >= 0",
            "earnings": "a positive amount",
            "automation_risk": "a probability in [0, 1]",
            "growth": "a finite rate",
        }[name]
        raise FormatError(
            f"expected {expected}, got {cell!r}", source=source, line=line, column=name
        )
    return value


def _normalise(
    raw: Mapping[str, Mapping[str, float]], ids: list[str]
) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {i: {} for i in ids}
    for name in SIGNALS:
        have = [(i, raw[i][name]) for i in ids if name in raw[i]]
        if not have:
            continue
        if name == "job_ads":
            top = max(math.log1p(v) for _, v in have)
            for i, v in have:
                out[i][name] = math.log1p(v) / top if top > 0 else 0.0
        elif name in ("growth", "earnings"):
            # halved first: the span of two finite values may overflow (1e308 - -1e308)
            lo, hi = min(v for _, v in have) / 2, max(v for _, v in have) / 2
            for i, v in have:
                out[i][name] = 0.5 if hi == lo else min(1.0, max(0.0, (v / 2 - lo) / (hi - lo)))
        else:
            for i, v in have:
                out[i][name] = v
    return out


def _score(norm: Mapping[str, float]) -> float | None:
    pos = [norm[n] for n in POSITIVE if n in norm]
    risk = norm.get("automation_risk")
    if not pos:
        return None if risk is None else 1.0 - risk
    base = math.fsum(pos) / len(pos)
    return base if risk is None else base * (1.0 - risk)


class DemandSignals:
    """Demand signals of a graph's skills and roles (see the module docstring).

    Build with `DemandSignals.from_graph` (O*NET flags, plus an optional user table).
    """

    def __init__(self, g: SkillGraph, raw: Mapping[str, Mapping[str, float]]) -> None:
        self._raw = {i: dict(v) for i, v in raw.items() if v}
        roles = sorted(i for i in self._raw if i in g.roles)
        skills = sorted(i for i in self._raw if i not in g.roles)
        norm = {**_normalise(self._raw, roles), **_normalise(self._raw, skills)}
        self._demand = {
            i: Demand(id=i, raw=self._raw[i], normalised=norm[i], score=_score(norm[i]))
            for i in sorted(self._raw)
        }

    @classmethod
    def from_graph(cls, g: SkillGraph, table: str | Path | None = None) -> DemandSignals:
        """The O*NET signals of ``g``, overridden by the user table ``table`` (if given).

        Raises:
            FormatError: the table is malformed (the message names file, line and column).
        """
        raw = _onet(g)
        if table is not None:
            for nid, values in _read_table(g, table).items():
                raw[nid] = {**raw.get(nid, {}), **values}
        return cls(g, raw)

    @classmethod
    def from_values(
        cls, g: SkillGraph, values: Mapping[str, Mapping[str, float]], *, onet: bool = True
    ) -> DemandSignals:
        """Signals given in code: node id (or label) -> ``{signal: raw value}``.

        Raises:
            NotFoundError: a node cannot be resolved.
            FormatError: a signal name is unknown or a value out of range.
        """
        raw = _onet(g) if onet else {}
        for ref, vals in values.items():
            nid = _node(g, ref, None)
            checked: dict[str, float] = {}
            for name, v in vals.items():
                if name not in USER_SIGNALS:
                    raise FormatError(
                        f"unknown signal (expected one of {', '.join(USER_SIGNALS)})",
                        source="<values>",
                        column=name,
                    )
                num = _number(str(v), name, "<values>", 0)
                if num is not None:
                    checked[name] = num
            raw[nid] = {**raw.get(nid, {}), **checked}
        return cls(g, raw)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._demand

    def __len__(self) -> int:
        return len(self._demand)

    def get(self, node_id: str) -> Demand | None:
        """The signals of ``node_id``, or None when nothing is known about it."""
        return self._demand.get(node_id)

    def score(self, node_id: str) -> float | None:
        """The demand score of ``node_id`` in [0, 1], or None when unknown."""
        d = self._demand.get(node_id)
        return None if d is None else d.score

    def weight(self, node_id: str) -> float:
        """``1 + score`` (1 when unknown): the factor demand puts on a ranking."""
        s = self.score(node_id)
        return 1.0 if s is None else 1.0 + s

    def earnings(self, node_id: str) -> float | None:
        """The raw earnings of ``node_id``, or None when unknown."""
        d = self._demand.get(node_id)
        return None if d is None else d.raw.get("earnings")

    def keeps_earnings(self, source: str, target: str) -> bool:
        """Whether ``target`` pays at least 75 % of ``source`` (True when either is unknown)."""
        a, b = self.earnings(source), self.earnings(target)
        return a is None or b is None or b >= DESIRABLE_EARNINGS * a

    def items(self) -> list[Demand]:
        """Every node with a signal, by id."""
        return list(self._demand.values())


def _read_table(g: SkillGraph, path: str | Path) -> dict[str, dict[str, float]]:
    source = str(path)
    text = read_table(path, "demand table")
    header: list[str] | None = None
    out: dict[str, dict[str, float]] = {}
    for line, row in csv_rows(text, source):
        if header is None:
            header = header_of(row, source, line)
            if "id" not in header:
                raise FormatError("no 'id' column", source=source, line=line, column="id")
            unknown = [h for h in header if h not in {"id", "kind", "label", *USER_SIGNALS}]
            if unknown:
                raise FormatError(
                    f"unknown column (expected id, kind, label and any of "
                    f"{', '.join(USER_SIGNALS)})",
                    source=source,
                    line=line,
                    column=unknown[0],
                )
            if not any(h in USER_SIGNALS for h in header):
                raise FormatError(
                    f"no signal column (expected any of {', '.join(USER_SIGNALS)})",
                    source=source,
                    line=line,
                )
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        ref = cells.get("id", "")
        if not ref:
            raise FormatError("empty id", source=source, line=line, column="id")
        kind = cells.get("kind") or None
        if kind is not None and kind not in ("role", "skill"):
            raise FormatError(
                f"expected role or skill, got {kind!r}", source=source, line=line, column="kind"
            )
        try:
            nid = _node(g, ref, kind)
        except NotFoundError as exc:
            raise FormatError(str(exc), source=source, line=line, column="id") from None
        if nid in out:
            raise FormatError(f"{nid} is listed twice", source=source, line=line, column="id")
        vals = {}
        for name in USER_SIGNALS:
            if name in cells:
                num = _number(cells[name], name, source, line)
                if num is not None:
                    vals[name] = num
        out[nid] = vals
    if header is None:
        raise FormatError("empty file (expected a header row)", source=source, line=1)
    return out


def _node(g: SkillGraph, ref: str, kind: str | None) -> str:
    """The role or skill ``ref`` names (of ``kind`` if given).

    Raises:
        NotFoundError: it names no role or skill (or several).
    """
    if kind is not None:
        return g.resolve(ref, kind)
    node = g.nodes.get(ref)
    if node is None:
        node = g.find(ref)
    if node.node_type not in (NodeType.ROLE, NodeType.SKILL):
        raise NotFoundError(
            f"{ref!r} names a {node.node_type.value}, not a role or skill", query=ref
        )
    return node.id
