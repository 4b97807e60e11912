"""Step-up evidence of an upskilling target: how plainly a more senior role is a move up
the start's own line, which ``upskill`` ranks by before the search objective.

Every upskilling target is more senior than the start (``families.seniority``), but the
seniority of ESCO and O*NET is mostly the taxonomy's level (ISCO skill level, Job Zone),
which a nurse also "gains" by moving to orthoptics. The taxonomy says more:

- ``LINE_MANAGER`` (0): a supervisory or managerial variant (``families.is_managerial``,
  one level up from a non-managerial start, or a higher level) of the same line: the same
  occupational group (``viability.promotion_group``: ISCO-08 minor group, SOC broad group),
  the same SOC major group (O*NET files first-line supervisors, 41-1011, in the major group
  of their workers, 41-2031) or a title sharing a content word ("chef" -> "head chef",
  "software developer" -> "software manager"); or a declared ``progresses_to`` of the start;
- ``LINE_SENIOR`` (1): a more senior role of the same line (group or title word) that is
  not a supervisory variant ("Registered Nurses" -> "Nurse Practitioners");
- ``FIELD_MANAGER`` (2): the manager of the start's own field, when no code or title
  word ties it to the line (``Ladder.field_manager``: of the more senior supervisory or
  managerial roles the start can move to viably, the most similar one: "Registered
  Nurses" -> "Medical and Health Services Managers", which SOC files in another major
  group and the detected families in another family), if its code files it among the
  managers (`manages_by_code`: SOC major group 11, ISCO-08 major group 1 or a supervisors'
  unit group; a role without such a code passes): a first-line supervisor of another SOC
  major group supervises another field, and a "manager" or "director" that its code files
  among the workers of one line ("financial risk manager", ISCO 2412, "video and motion
  picture director", 2654) heads that line, not the start's field (judged samples,
  benchmarks/KEEP_RULE_grow18.md); it ranks after the line's roles;
- ``MANAGER`` (3): a supervisory or managerial variant of another line (a step into
  management, the title says so);
- ``LEVEL`` (4): a higher level only (the fallback: the taxonomy's level says it is more
  senior, nothing else does).

``Ladder.grows`` is the growth up the start's own line that counts whatever the job
families: a viable move to a more senior ``LINE_MANAGER`` or ``FIELD_MANAGER`` target, or
to a more senior role of the same occupational group. ``upskill`` offers it and ``classify``
calls it upskilling, ``reskill`` refuses it as a target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

import numpy as np

from .._store import cached
from ..graph import SkillGraph
from ._index import Index, IntArray
from ._stopwords import STOP_WORDS
from .explain import seniority_change
from .families import MANAGERIAL_WORDS, singular, title_words
from .viability import Mobility

__all__ = [
    "FIELD_MANAGER",
    "LEVEL",
    "LINE_MANAGER",
    "LINE_SENIOR",
    "MANAGER",
    "Ladder",
    "ladder",
    "manages_by_code",
]

LINE_MANAGER, LINE_SENIOR, FIELD_MANAGER, MANAGER, LEVEL = 0, 1, 2, 3, 4

_LINE_STOPWORDS = STOP_WORDS | {
    "aide",
    "all",
    "assistant",
    "associate",
    "attendant",
    "care",
    "clerk",
    "except",
    "first",
    "general",
    "hand",
    "helper",
    "installer",
    "laborer",
    "line",
    "machine",
    "officer",
    "operator",
    "practitioner",
    "professional",
    "repairer",
    "representative",
    "responsible",
    "setter",
    "specialist",
    "technician",
    "technologist",
    "tender",
    "worker",
}
"""Title words that name no line of work (after the plural ``s`` is dropped): the function
words (``_stopwords.STOP_WORDS``) and the words of a post in any line."""

_SOC = re.compile(r"\d\d-\d{4}")
_ISCO_SUPERVISORS = frozenset({"3121", "3122", "3123", "3341", "5151", "5222"})
"""The ISCO-08 unit groups of supervisors (mining, manufacturing, construction, office,
cleaning and housekeeping, shop supervisors): supervisors of several lines' workers."""
_NEGATED = re.compile(r"\bnon-[^\W\d_]+")
"""A negated word ("Non-Retail"): no line word."""


def _line_words(label: str) -> dict[str, str]:
    """The content words of a title: casefolded, without negated words ("non-retail"),
    ``_LINE_STOPWORDS`` and the managerial words (``families.MANAGERIAL_WORDS``), each by
    its crude stem (`_stem`: "accountant" and "accounting" -> "account", "nurses" and
    "nursing" -> "nurs"): stem -> the first word of the title with it."""
    out: dict[str, str] = {}
    for word in title_words(_NEGATED.sub(" ", label.casefold())):
        w = singular(word)
        if w not in _LINE_STOPWORDS and w not in MANAGERIAL_WORDS:
            out.setdefault(_stem(w), word)
    return out


_SUFFIXES = ("ment", "ing", "ant", "ent", "ion", "ist", "ian", "er", "or", "e")


def _stem(word: str) -> str:
    """``word`` without up to three of ``_SUFFIXES`` (the first that ends it, each time),
    keeping at least four letters."""
    for _ in range(3):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


@dataclass(frozen=True)
class Ladder:
    """Per role position of an ``Index``: title words, SOC major group, declared
    progressions and what its level is called."""

    words: list[dict[str, str]]
    """Per role: its title's content words (`_line_words`)."""
    major: list[str | None]
    """The SOC major group of an O*NET-SOC code (``"SOC 41"``), else None."""
    scale: list[str]
    """What the role's level is: ``"ISCO skill level"``, ``"Job Zone"`` or ``"level"``."""
    progresses: set[tuple[int, int]]
    manages: list[bool | None] = field(default_factory=list)
    """Per role: `manages_by_code` of its code (None: no ISCO-08 or SOC code)."""
    nearest: WeakKeyDictionary[Mobility, dict[int, tuple[int, float]]] = field(
        default_factory=WeakKeyDictionary
    )
    """Per mobility (weakly: a mapping of families builds one a call), per start position:
    its `field_manager` (computed when asked)."""

    def field_manager(self, mob: Mobility, r: int) -> tuple[int, float]:
        """The manager of ``r``'s own field: of the supervisory or managerial variants more
        senior than ``r`` that it can move to viably (`_boss`), the most similar (the lower
        position on ties), with that similarity; (-1, 0.0) when there is none."""
        memo = self.nearest.setdefault(mob, {})
        if r not in memo:
            cols, sims = mob.viable_from(r)
            up = mob.seniority[cols] > mob.seniority[r]
            boss = mob.managerial[cols].astype(np.bool_)
            if mob.managerial[r]:
                boss &= mob.level[cols] > mob.level[r]
            ok = np.flatnonzero(up & boss)
            best = (-1, 0.0)
            if len(ok):
                i = int(ok[np.argmax(sims[ok])])  # argmax: the first (lowest) on ties
                best = (int(cols[i]), float(sims[i]))
            memo[r] = best
        return memo[r]

    def grows(self, mob: Mobility, r: int, j: int) -> str | None:
        """Why ``r -> j`` is growth up ``r``'s own line whatever the job families (a phrase
        with one level of parentheses at most: "a step up the same line, the same SOC major
        group (41-0000)"), or None:
        a viable move to a more senior role that is a supervisory or managerial variant of
        the start's line (`tier` ``LINE_MANAGER``: the same occupational group, SOC major
        group or a title word, a declared progression; ``FIELD_MANAGER``: the start's
        `field_manager`), or
        a more senior role of the same occupational group (ISCO-08 minor group, SOC broad
        group); a shared title word alone is not enough here. ``upskill`` offers these
        across families and ``classify`` calls them upskilling."""
        if mob.seniority[j] <= mob.seniority[r] or mob.similarity(r, j) is None:
            return None
        tier, why = self.tier(mob, r, j)
        if tier == FIELD_MANAGER:
            return f"a step up into the management of the start's own field, {why}"
        group = mob.group[r] is not None and mob.group[r] == mob.group[j]
        major = self.major[r] is not None and self.major[r] == self.major[j]
        coded = group or major or (r, j) in self.progresses
        if (tier == LINE_MANAGER and coded) or (tier == LINE_SENIOR and group):
            return f"a step up the same line, {why}"
        return None  # a title word alone ("support", "services") names no line across families

    def rank(
        self, mob: Mobility, r: int, j: int, steps: int, lateral: bool
    ) -> tuple[int, int, int]:
        """The ranking key of target ``j`` reached from ``r`` in ``steps`` steps, before the
        route's learning: (0 for a role up the same line, ``LINE_MANAGER`` or
        ``LINE_SENIOR``, 1 for the manager of its field, ``FIELD_MANAGER``, else 2; steps;
        tier). With ``lateral`` (sideways plans asked
        for) and for a target at the start's seniority: (0, steps, 0), the search
        objective alone."""
        if lateral or mob.seniority[j] <= mob.seniority[r]:
            return 0, steps, 0
        tier = self.tier(mob, r, j)[0]
        return (0 if tier <= LINE_SENIOR else 1 if tier == FIELD_MANAGER else 2), steps, tier

    def contenders(
        self, mob: Mobility, r: int, goals: IntArray, dist: IntArray, k: int, lateral: bool
    ) -> IntArray:
        """The ``goals`` that may rank among the first ``k`` (`rank` by the fewest steps
        ``dist``): those whose (line, steps) is at most the k-th goal's."""
        if k <= 0 or not len(goals):
            return goals[:0]
        line = np.asarray(
            [self.rank(mob, r, j, 0, lateral)[0] for j in goals.tolist()], dtype=np.int64
        )
        order = np.lexsort((goals, dist[goals], line))
        kth = order[min(k, len(order)) - 1]
        top, limit = line[kth], dist[goals[kth]]
        keep: IntArray = goals[(line < top) | ((line == top) & (dist[goals] <= limit))]
        return keep

    def tier(self, mob: Mobility, r: int, j: int) -> tuple[int, str]:
        """The tier of target ``j`` from ``r`` and its evidence (a phrase), e.g.
        ``"the same occupational group (ISCO 343)"``."""
        if (r, j) in self.progresses:
            return LINE_MANAGER, "a declared progression of the start"
        same = []
        if mob.group[r] is not None and mob.group[r] == mob.group[j]:
            same.append(f"the same occupational group ({mob.group[r]})")
        shared = sorted(self.words[j][w] for w in self.words[r].keys() & self.words[j].keys())
        boss = bool(mob.managerial[j]) and (
            not mob.managerial[r] or int(mob.level[j]) > int(mob.level[r])
        )
        major = self.major[r]
        if boss and not same and major is not None and major == self.major[j]:
            same.append(f"the same SOC major group ({major[4:]}-0000)")
        if shared:
            same.append("the titles share " + ", ".join(f"'{w}'" for w in shared[:2]))
        if boss and not same and mob.seniority[j] > mob.seniority[r]:
            near, sim = self.field_manager(mob, r)
            if near == j and (not self.manages or self.manages[j] is not False):
                return FIELD_MANAGER, (
                    f"the supervisory or managerial role most similar to the start at "
                    f"similarity {sim:.2f}"
                )
        if boss:
            return (LINE_MANAGER, " and ".join(same)) if same else (MANAGER, "")
        return (LINE_SENIOR, " and ".join(same)) if same else (LEVEL, "")

    def reason(self, g: SkillGraph, ix: Index, mob: Mobility, r: int, j: int) -> str:
        """Why ``j`` is a step up from ``r``: its tier, evidence and seniority evidence."""
        tier, why = self.tier(mob, r, j)
        sen = seniority_change(mob, r, j)
        lv = (int(mob.level[r]), int(mob.level[j]))
        scale = self.scale[j] if self.scale[j] == self.scale[r] else "level"
        level = f"{scale} {lv[0]} -> {lv[1]}"
        title = f"its title names a {_boss_word(g.label(ix.role_ids[j]))}"
        if tier == LINE_MANAGER and why.startswith("a declared"):
            return f"a step up: {why} ({sen})"
        if tier == LINE_MANAGER:
            return f"a step up the same line: {title}, {why} ({level}, {sen})"
        if tier == LINE_SENIOR:
            return f"a step up the same line: {why} ({level}, {sen})"
        if tier == FIELD_MANAGER:
            return (
                f"a step up into the management of the start's own field: {title}, {why} "
                f"({level}, {sen})"
            )
        if tier == MANAGER:
            return f"a step up into supervision or management: {title} ({level}, {sen})"
        return (
            f"a step up by level only ({level}, {sen}): the roles up the same line rank before it"
        )


def _boss_word(label: str) -> str:
    words = [w for w in title_words(label) if w in MANAGERIAL_WORDS]
    word = words[0] if words else "manager"
    if singular(word) in MANAGERIAL_WORDS:
        word = singular(word)
    return f"supervisory or managerial role ('{word}')"


def manages_by_code(isco: str | None, soc: str | None) -> bool | None:
    """Whether a role's code files it among the managers or the supervisors of several
    lines: an ISCO-08 code of major group 1 or of a supervisors' unit group
    (`_ISCO_SUPERVISORS`), an O*NET-SOC code of major group 11 (Management); False for
    another code, None when there is neither (the ISCO code first)."""
    if isco is not None and isco[:1].isdigit():
        return isco.startswith("1") or isco[:4] in _ISCO_SUPERVISORS
    if soc is not None and _SOC.match(soc):
        return soc.startswith("11-")
    return None


def ladder(g: SkillGraph, ix: Index) -> Ladder:
    """The `Ladder` of ``g`` (once per graph version)."""
    return cached(g, "analysis_ladder", lambda h: _build(h, ix))


def _build(g: SkillGraph, ix: Index) -> Ladder:
    roles = g.roles
    words, major, scale, manages = [], [], [], []
    for rid in ix.role_ids:
        role = roles[rid]
        words.append(_line_words(role.label))
        code = role.code
        soc = code is not None and _SOC.match(code) is not None
        major.append(f"SOC {code[:2]}" if soc and code is not None else None)
        isco = role.attributes.get("isco_code")
        manages.append(manages_by_code(isco if isinstance(isco, str) else None, code))
        if isinstance(isco, str):
            scale.append("ISCO skill level")
        else:
            scale.append("Job Zone" if soc else "level")
    pos = ix.role_pos
    progresses = {
        (pos[p.source], pos[p.target])
        for p in g.iter_progressions()
        if p.source in pos and p.target in pos
    }
    return Ladder(words=words, major=major, scale=scale, progresses=progresses, manages=manages)
