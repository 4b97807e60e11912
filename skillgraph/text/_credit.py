"""What ``match_skills`` credits of what it found: the post-filters of the acceptance rule
(`skillgraph.text._accept`) that need the whole text, and the "did you mean" records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _accept
from ._accept import Rejected, share_verdict
from ._analyze import Token, fold
from ._index import TextIndex
from ._results import Phrase

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["Found", "clip", "narrow", "rejected_of", "shadowed", "unspecific"]

#: a match: score, entry (-1: description), start, end, field, synonym note ("" if none)
Found = tuple[float, int, int, int, str, str]


def clip(text: str, limit: int = 160) -> str:
    """``text`` cut to ``limit`` characters with "..."."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def narrow(
    g: SkillGraph,
    text: str,
    ix: TextIndex,
    runs_and_clauses: tuple[list[list[Token]], list[list[Token]]],
    found: dict[int, Found],
    rejected: list[Rejected],
    unmatched: list[Phrase],
) -> None:
    """Move to ``rejected`` the labels found that explain too little of the phrase they are
    in (`skillgraph.text._accept.share_verdict`); their spans that no credited skill
    overlaps become ``unmatched``."""
    runs, clauses = runs_and_clauses  # `skillgraph.text._accept.content_runs`
    by_hidden = {False: runs, True: clauses}
    ends = {h: [r[-1].end for r in rs] for h, rs in by_hidden.items()}
    for n, (score, e, s, end, field, _) in list(found.items()):
        if e < 0:
            continue
        hidden = field == "hidden_label"
        need = _accept.HIDDEN_SHARE if hidden else _accept.PHRASE_SHARE
        matched = str(ix.entry_text[e])
        why = share_verdict(text, by_hidden[hidden], ends[hidden], s, end, matched, need)
        if why:
            rejected.append(rejected_of(g, text, ix, n, score, e, s, end, why))
            del found[n]
            if not any(f[2] < end and s < f[3] for f in found.values()):
                unmatched.append(Phrase(text=text[s:end], start=s, end=end))


def rejected_of(
    g: SkillGraph, text: str, ix: TextIndex, n: int, score: float, e: int, a: int, b: int, why: str
) -> Rejected:
    node = g.nodes[ix.ids[n]]
    matched = str(ix.entry_text[e]) if e >= 0 else clip(node.description or node.label)
    return Rejected(
        id=node.id,
        label=node.label,
        score=round(score, 6),
        text=text[a:b],
        start=a,
        end=b,
        matched=matched,
        reason=why,
    )


def shadowed(
    g: SkillGraph, text: str, ix: TextIndex, found: dict[int, Found], rejected: list[Rejected]
) -> None:
    """Move to ``rejected`` the skills found only through an alt label that is, on the same
    span, the preferred label of another skill found there ("electronics")."""
    preferred: dict[tuple[int, int, str], str] = {}
    for n, (_, e, s, end, field, _) in found.items():
        if field == "label":
            preferred[(s, end, fold(str(ix.entry_text[e])))] = g.label(ix.ids[n])
    for n, (score, e, s, end, field, _) in list(found.items()):
        if e < 0 or field == "label":
            continue
        owner = preferred.get((s, end, fold(str(ix.entry_text[e]))))
        if owner is not None:
            why = (
                f"its alt label {str(ix.entry_text[e])!r} is the preferred label of"
                f" {owner!r}, credited instead"
            )
            rejected.append(rejected_of(g, text, ix, n, score, e, s, end, why))
            del found[n]


def unspecific(
    g: SkillGraph,
    text: str,
    ix: TextIndex,
    found: dict[int, Found],
    rejected: list[Rejected],
    unmatched: list[Phrase],
) -> None:
    """Move to ``rejected`` the skills found only through a vague one-word alt label
    (`skillgraph.text._specific`: "packing" of "packaging engineering"); their spans that
    no credited skill overlaps become ``unmatched``."""
    from ._specific import vague_entries

    others = vague_entries(g)
    for n, (score, e, s, end, _, _) in list(found.items()):
        if e < 0 or not others[e]:
            continue
        word = str(ix.entry_text[e])
        why = f"{word!r} is a word of {int(others[e])} other skills' labels, not of this one's"
        rejected.append(rejected_of(g, text, ix, n, score, e, s, end, why))
        del found[n]
        if not any(f[2] < end and s < f[3] for f in found.values()):
            unmatched.append(Phrase(text=text[s:end], start=s, end=end))
