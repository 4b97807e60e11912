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
- ``MANAGER`` (2): a supervisory or managerial variant of another line (a step into
  management, the title says so);
- ``LEVEL`` (3): a higher level only (the fallback: the taxonomy's level says it is more
  senior, nothing else does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .._store import cached
from ..graph import SkillGraph
from ._index import Index, IntArray
from .families import MANAGERIAL_WORDS
from .viability import Mobility

__all__ = [
    "LEVEL",
    "LINE_MANAGER",
    "LINE_SENIOR",
    "LINE_STOPWORDS",
    "MANAGER",
    "Ladder",
    "ladder",
    "line_words",
]

LINE_MANAGER, LINE_SENIOR, MANAGER, LEVEL = 0, 1, 2, 3

# the function words repeat analysis._features.STOP_WORDS, which is not imported here:
# _features loads scipy, and a warm reskill or upskill must not
LINE_STOPWORDS = frozenset(
    {
        "a",
        "aide",
        "all",
        "an",
        "and",
        "any",
        "assistant",
        "associate",
        "at",
        "attendant",
        "care",
        "clerk",
        "except",
        "first",
        "for",
        "general",
        "hand",
        "helper",
        "in",
        "installer",
        "laborer",
        "line",
        "machine",
        "of",
        "officer",
        "on",
        "operator",
        "or",
        "other",
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
        "the",
        "to",
        "with",
        "worker",
    }
)
"""Title words that name no line of work (after the plural ``s`` is dropped)."""

_WORD = re.compile(r"[^\W\d_]+")
_SOC = re.compile(r"\d\d-\d{4}")
_NEGATED = re.compile(r"\bnon-[^\W\d_]+")
"""A negated word ("Non-Retail"): no line word."""


def line_words(label: str) -> dict[str, str]:
    """The content words of a title: casefolded, without negated words ("non-retail"),
    ``LINE_STOPWORDS`` and the managerial words (``families.MANAGERIAL_WORDS``), each by
    its crude stem (`_stem`: "accountant" and "accounting" -> "account", "nurses" and
    "nursing" -> "nurs"): stem -> the first word of the title with it."""
    out: dict[str, str] = {}
    for word in _WORD.findall(_NEGATED.sub(" ", label.casefold())):
        w = word
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "is", "us")):
            w = w[:-1]
        if w not in LINE_STOPWORDS and w not in MANAGERIAL_WORDS:
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
    """Per role: its title's content words (`line_words`)."""
    major: list[str | None]
    """The SOC major group of an O*NET-SOC code (``"SOC 41"``), else None."""
    scale: list[str]
    """What the role's level is: ``"ISCO skill level"``, ``"Job Zone"`` or ``"level"``."""
    progresses: set[tuple[int, int]]

    def rank(
        self, mob: Mobility, r: int, j: int, steps: int, lateral: bool
    ) -> tuple[int, int, int]:
        """The ranking key of target ``j`` reached from ``r`` in ``steps`` steps, before the
        route's learning: (0 for a role up the same line, ``LINE_MANAGER`` or
        ``LINE_SENIOR``, else 1; steps; tier). With ``lateral`` (sideways plans asked
        for) and for a target at the start's seniority: (0, steps, 0), the search
        objective alone."""
        if lateral or mob.seniority[j] <= mob.seniority[r]:
            return 0, steps, 0
        tier = self.tier(mob, r, j)[0]
        return int(tier > LINE_SENIOR), steps, tier

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
        if boss:
            return (LINE_MANAGER, " and ".join(same)) if same else (MANAGER, "")
        return (LINE_SENIOR, " and ".join(same)) if same else (LEVEL, "")

    def reason(self, g: SkillGraph, ix: Index, mob: Mobility, r: int, j: int) -> str:
        """Why ``j`` is a step up from ``r``: its tier, evidence and seniority evidence."""
        tier, why = self.tier(mob, r, j)
        sen = f"seniority {int(mob.seniority[r])} -> {int(mob.seniority[j])}"
        lv = (int(mob.level[r]), int(mob.level[j]))
        scale = self.scale[j] if self.scale[j] == self.scale[r] else "level"
        level = f"{scale} {lv[0]} -> {lv[1]}"
        title = f"its title names a {_boss_word(g.label(ix.role_ids[j]))}"
        if tier == LINE_MANAGER and why.startswith("a declared"):
            return f"a step up: {why} ({sen})"
        if tier == LINE_MANAGER:
            return f"a step up the same line: {title}, {why} ({sen}, {level})"
        if tier == LINE_SENIOR:
            return f"a step up the same line: {why} ({sen}, {level})"
        if tier == MANAGER:
            return f"a step up into supervision or management: {title} ({sen}, {level})"
        return (
            f"a step up by level only ({sen}, {level}): the roles up the same line rank before it"
        )


def _boss_word(label: str) -> str:
    words = [w for w in _WORD.findall(label.casefold()) if w in MANAGERIAL_WORDS]
    word = words[0] if words else "manager"
    if word.endswith("s") and word[:-1] in MANAGERIAL_WORDS:
        word = word[:-1]
    return f"supervisory or managerial role ('{word}')"


def ladder(g: SkillGraph, ix: Index) -> Ladder:
    """The `Ladder` of ``g`` (once per graph version)."""
    return cached(g, "analysis_ladder", lambda h: _build(h, ix))


def _build(g: SkillGraph, ix: Index) -> Ladder:
    roles = g.roles
    words, major, scale = [], [], []
    for rid in ix.role_ids:
        role = roles[rid]
        words.append(line_words(role.label))
        code = role.code
        soc = code is not None and _SOC.match(code) is not None
        major.append(f"SOC {code[:2]}" if soc and code is not None else None)
        if isinstance(role.attributes.get("isco_code"), str):
            scale.append("ISCO skill level")
        else:
            scale.append("Job Zone" if soc else "level")
    pos = ix.role_pos
    progresses = {
        (pos[p.source], pos[p.target])
        for p in g.iter_progressions()
        if p.source in pos and p.target in pos
    }
    return Ladder(words=words, major=major, scale=scale, progresses=progresses)
