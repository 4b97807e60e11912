"""Lenient ``have`` arguments: free text, or a list with items the graph does not know.

``resolve_have`` turns what a person says they have into skill ids and an
`skillgraph.results.InputReport` of what matched (and how) and what did not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import AmbiguousError, InvalidValueError, NotFoundError
from ..results import InputMatch, InputRejected, InputReport

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from .match import TextMatches

__all__ = ["ITEM_THRESHOLD", "resolve_have"]

#: a list item that is no skill id or label is taken as its best free-text match from this
#: score on (below it, the item is reported unmatched)
ITEM_THRESHOLD = 0.5


def resolve_have(g: SkillGraph, have: str | Iterable[str] | None) -> tuple[list[str], InputReport]:
    """Skill ids named by ``have`` and the report of how each input matched.

    A string is free text (``g.match_skills``: every skill it credits). Each item of a
    list is a skill id or label (``g.find``); failing that, the item's best free-text
    match when it scores at least ``ITEM_THRESHOLD``, else it is reported unmatched. Only
    matches that ``match_skills`` accepts are credited; the candidates it turned down
    (and list items' best matches under the threshold) are in the report's ``rejected``,
    each with its reason.

    Raises:
        InvalidValueError: ``have`` is neither a string nor an iterable of strings.
    """
    if have is None:
        return [], InputReport()
    matched: list[InputMatch] = []
    unmatched: list[str] = []
    rejected: list[InputRejected] = []
    ids: list[str] = []

    def refuse(found: TextMatches) -> None:
        for r in found.rejected:
            rejected.append(
                InputRejected(text=r.text, id=r.id, label=r.label, score=r.score, reason=r.reason)
            )

    def take(text: str, sid: str, score: float, how: str) -> None:
        matched.append(InputMatch(text=text, id=sid, label=g.label(sid), score=score, how=how))
        if sid not in ids:
            ids.append(sid)

    if isinstance(have, str):
        found = g.match_skills(have, k=None)
        for m in sorted(found, key=lambda m: (m.start, -m.score, m.id)):
            take(m.text, m.id, m.score, m.field)
        unmatched = [p.text for p in found.unmatched]
        refuse(found)
        return ids, InputReport(matched=matched, unmatched=unmatched, rejected=rejected)
    try:
        items = list(have)
    except TypeError:
        raise InvalidValueError(
            f"have must be a string or an iterable of strings, got {type(have).__name__}",
            field="have",
        ) from None
    for item in items:
        if not isinstance(item, str):
            raise InvalidValueError(
                f"have: every item must be a string, got {type(item).__name__}", field="have"
            )
        try:
            take(item, g.resolve(item, "skill"), 1.0, "exact")
            continue
        except AmbiguousError as exc:
            if exc.suggestions:
                take(item, exc.suggestions[0][0], 0.9, "ambiguous, first of equals")
                continue
        except NotFoundError:
            pass
        best = g.match_skills(item, k=1)
        if best and best[0].score >= ITEM_THRESHOLD:
            take(item, best[0].id, best[0].score, best[0].field)
            continue
        unmatched.append(item)
        refuse(best)
        if best:
            m = best[0]
            why = f"score {m.score:.2f} < {ITEM_THRESHOLD}"
            rejected.append(
                InputRejected(text=item, id=m.id, label=m.label, score=m.score, reason=why)
            )
    return ids, InputReport(matched=matched, unmatched=unmatched, rejected=rejected)
