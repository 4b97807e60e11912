"""Roles named by a long text (a CV, a job ad), not by one job title.

`match_roles` reads a title as one query; a CV read that way is a bag of every word in it
and ranks the roles whose titles share the most common words ("special educational needs
teacher" for a mathematics teacher's CV that mentions special educational needs once).
A long text is read by `roles_in_text` instead, from two kinds of evidence:

- **title lines**: the short lines of the text that are not bullets or sentences, cut at
  their first comma, dash or bracket and without numbers ("Mathematics Teacher, Oakwood
  Academy (2018 - present)" -> "Mathematics Teacher"), each matched as a job title; a
  line counts when its best role scores at least ``LINE_MIN``, and each later title line
  weighs ``LINE_DECAY`` times the one before (a CV puts its headline and current post
  first);
- **credited skills**: the skills `match_skills` credits in the whole text, compared with
  each role's skill profile (cosine of importance-weighted requirements), weighted by
  ``SKILL_WEIGHT``.

A line of CV headings only ("Work experience") is no title line. A text with no title
line and no credited skill is matched as one title. A role scores its best weighted
title-line score, plus ``OTHER_LINES`` times those of its
other title lines, plus ``SKILL_WEIGHT`` times its profile
cosine; the evidence says which line and which skills.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .._store import cached, store_of
from ..model import NodeType
from ._accept import weak
from ._analyze import STOP_WORDS, tokens, words
from ._index import text_index
from ._results import Method, TextMatch, check_k, check_method

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = [
    "HEADINGS",
    "LINE_DECAY",
    "LINE_MIN",
    "LINE_WORDS",
    "OTHER_LINES",
    "SKILL_WEIGHT",
    "TITLE_WORDS",
    "long_text",
    "roles_in_text",
    "skill_columns",
    "title_lines",
]

#: a text of several lines, or of more words than this, is read as a CV
TITLE_WORDS = 16
#: a title line has at most this many content words (once cut, see the module docstring)
LINE_WORDS = 6
#: a title line counts when its best role scores at least this as a title
LINE_MIN = 0.4
#: the weight of each title line is this times the previous one's
LINE_DECAY = 0.85
#: the most title lines read (the first ones)
LINES = 12
#: weight of a role's other title lines (after its best)
OTHER_LINES = 0.25
#: roles of each title line looked at
PER_LINE = 10
#: weight of the cosine of a role's skill profile with the skills credited in the text
SKILL_WEIGHT = 0.5
#: roles by skill profile alone added to the candidates
BY_SKILLS = 20

#: words of the headings of a CV ("Work experience", "Key skills"): a line of these only
#: is no title
HEADINGS = frozenset(
    """about achievements career competencies contact core education employment
    experience history hobbies interests key languages me objective personal profile
    professional qualifications references skills statement summary training work""".split()  # noqa: SIM905
)
_BULLET = re.compile(r"^\s*(?:[-–—*•·▪►o]\s|\d+[.)]\s)")
_CUT = re.compile(r",|\s[-–—|@/]\s|\(|\s(?:at|in|for)\s|[|;:]")


def long_text(text: str) -> bool:
    """Whether ``text`` is read as a CV or a job ad rather than one title: several
    non-empty lines, or more than ``TITLE_WORDS`` words."""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) > 1 or len(words(text)) > TITLE_WORDS


def title_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the pieces of ``text`` that may be job titles (see the module docstring),
    in text order."""
    out: list[tuple[int, int]] = []
    at = 0
    for line in text.splitlines(keepends=True):
        start, body = at, line.rstrip("\r\n")
        at += len(line)
        if not body.strip() or _BULLET.match(body) or body.rstrip().endswith("."):
            continue
        cut = _CUT.search(body)
        piece = body[: cut.start()] if cut else body
        toks = [t for t in tokens(piece) if t.word not in STOP_WORDS and not weak(t.word)]
        if not toks or len(toks) > LINE_WORDS or all(t.word in HEADINGS for t in toks):
            continue
        out.append((start + toks[0].start, start + toks[-1].end))
    return out


def _columns(g: SkillGraph) -> dict[str, int]:
    return {s: j for j, s in enumerate(sorted(g.skills))}


def skill_columns(g: SkillGraph) -> dict[str, int]:
    """Skill id -> its column in `role_profiles` (skills sorted by id); built once per
    version of the graph, not on each text."""
    return cached(g, "text_skill_columns", _columns)


def roles_in_text(
    g: SkillGraph, text: str, k: int | None = 10, *, method: Method = "lexical", rerank: bool = True
) -> list[TextMatch]:
    """The roles a long text (a CV, a job ad) names, best first: by its title lines and
    the skills it credits (see the module docstring). ``score`` is the combined score
    over ``1 + SKILL_WEIGHT``, capped at 1.

    Raises:
        InvalidValueError: ``k`` is negative or ``method`` is unknown.
        OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
    """
    from ._rerank import role_profiles
    from ._titles import match_nodes
    from .match import match_skills

    check_k(k)
    check_method(method)

    ix = text_index(g)
    titled: dict[int, tuple[float, TextMatch]] = {}  # node -> (weighted score, its match)
    weight = 1.0
    lines: dict[int, list[float]] = {}
    for a, b in title_lines(text)[:LINES]:
        found = match_nodes(
            g,
            text[a:b],
            (NodeType.ROLE,),
            PER_LINE,
            descriptions=True,
            method=method,
            rerank=rerank,
        )
        if not found or found[0].score < LINE_MIN:
            continue
        for rank, m in enumerate(found):
            # the re-ranked order is kept within a line: a later place never outscores an
            # earlier one
            s = weight * min(m.score, found[0].score) * (1.0 - 0.01 * rank)
            n = ix.position[m.id]
            lines.setdefault(n, []).append(s)
            if n not in titled or titled[n][0] < s:
                titled[n] = (s, m.model_copy(update={"start": a, "end": b, "text": text[a:b]}))
        weight *= LINE_DECAY
    for n, got in lines.items():  # a role that more title lines name gains a little
        got.sort(reverse=True)
        titled[n] = (got[0] + OTHER_LINES * sum(got[1:]), titled[n][1])
    credited = match_skills(g, text, None)
    profiles = role_profiles(g)
    col = skill_columns(g)
    have = sorted({col[m.id] for m in credited if m.id in col})
    cosine = np.zeros(len(ix.ids))
    if have and profiles.shape[1]:
        query = sp.csr_matrix(
            (np.ones(len(have)) / np.sqrt(len(have)), (np.zeros(len(have), dtype=np.int64), have)),
            shape=(1, profiles.shape[1]),
        )
        cosine = np.asarray((profiles @ query.T).todense()).ravel()
    roles = ix.type_mask((NodeType.ROLE,))
    assert roles is not None
    cosine[~roles] = 0.0
    by_skill = [int(n) for n in np.argsort(-cosine, kind="stable")[:BY_SKILLS] if cosine[n] > 0]
    cands = sorted(set(titled) | set(by_skill))
    if not cands:  # no title line, no skill credited: the text as one title
        from ._titles import match_roles

        return match_roles(g, text, k, method=method, rerank=rerank)
    total = {n: (titled[n][0] if n in titled else 0.0) + SKILL_WEIGHT * cosine[n] for n in cands}
    order = sorted(cands, key=lambda n: (-total[n], ix.ids[n]))
    if k is not None:
        order = order[:k]
    names = {m.id: m.label for m in credited}
    store = store_of(g)
    out: list[TextMatch] = []
    nodes = g.nodes
    for n in order:
        nid = ix.ids[n]
        required = store.requires_of(nid)
        held = sorted({names[s] for s in names if s in required})
        why = []
        if n in titled:
            m = titled[n][1]
            why.append(f"title line {m.text!r}: {m.evidence[0]}")
        if held:
            shown = ", ".join(repr(x) for x in held[:5]) + (" ..." if len(held) > 5 else "")
            why.append(f"{len(held)} of its skills credited in the text: {shown}")
        score = round(min(1.0, float(total[n]) / (1.0 + SKILL_WEIGHT)), 6)
        if n in titled:
            out.append(titled[n][1].model_copy(update={"score": score, "evidence": why}))
            continue
        out.append(
            TextMatch(
                id=nid,
                label=nodes[nid].label,
                score=score,
                text=text,
                start=0,
                end=len(text),
                field="label",
                matched=nodes[nid].label,
                evidence=why or ["skill profile"],
            )
        )
    return out
