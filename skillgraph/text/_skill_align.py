"""How close a skill of one graph is to a skill of another, beyond their label cosine.

The label cosine of `skillgraph.text.alignment` alone calls an activity close to any
software title that shares its words ("operate cash register" -> "Cash flow software",
"harvest grapes" -> "HARVEST"). Three rules correct it:

- **kind**: when one skill is a technology (`SkillKind.TECHNOLOGY`, an O*NET technology
  title: a product or a class of software) and the other is not (an activity or a body of
  knowledge), the pair is at most a ``skos:relatedMatch`` unless the other skill is itself
  about the product: a shared word written as a name in its label (``SQL``, ``Excel``,
  ``Python``: capitalised in a graph whose labels are lower case, or all capitals / inner
  capitals anywhere), or a label that speaks of software (``use spreadsheets software``)
  and shares ``COVER`` of the title's own words (those not of a software class);
- **product names**: a technology title with no word of a software class in it (``HARVEST``,
  ``FitNesse``, ``Google Drive``) is a brand; it is close only through a shared name, never
  through a common word alone;
- **the title that is it**: labels equal up to a bracketed qualifier (``Python (computer
  programming)`` / ``Python``) or an acronym and its expansion (``SQL`` / ``Structured
  query language SQL``) are a ``skos:exactMatch``; candidates are ranked exact first, then
  close, then by score, so a skill that has its own title and an element it is close to
  maps onto them before a software title it only shares words with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import SkillKind
from ._analyze import STOP_WORDS, fold, plural_key, stem, words
from ._mapping import Relation

if TYPE_CHECKING:
    from ..graph import SkillGraph

#: words of a software class: a title with one is a class ("Accounting software"), not a brand
CLASS_WORDS = frozenset(
    stem(w)
    for w in (
        "software",
        "system",
        "systems",
        "application",
        "applications",
        "program",
        "programs",
        "programming",
        "language",
        "languages",
        "tool",
        "tools",
        "platform",
        "package",
        "database",
        "spreadsheet",
        "library",
        "framework",
        "suite",
        "server",
    )
)
#: words by which an activity or knowledge label speaks of software
SOFTWARE_WORDS = frozenset(
    stem(w)
    for w in (
        "software",
        "programming",
        "application",
        "applications",
        "app",
        "apps",
        "spreadsheet",
        "spreadsheets",
        "database",
        "databases",
    )
)
#: share of a class title's own words (not software words) a label must share to be close
COVER = 0.75
_RAW = re.compile(r"[^\W_]+")
_BRACKET = re.compile(r"\s*\([^()]*\)\s*")
_RANK = {"exactMatch": 0, "closeMatch": 1, "relatedMatch": 2}


def lower_case_labels(g: SkillGraph) -> bool:
    """Whether most skill labels of ``g`` start in lower case (ESCO): then a capital marks a
    name. In a title-case graph (O*NET) only all capitals or inner capitals do."""
    labels = [n.label for n in g.skills.values() if n.label[:1].isalpha()]
    return bool(labels) and sum(x[:1].islower() for x in labels) * 2 > len(labels)


@lru_cache(maxsize=65536)
def _stems(label: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(label) if w not in STOP_WORDS)


@lru_cache(maxsize=65536)
def _names(label: str, lower_case: bool) -> frozenset[str]:
    """The folded words of ``label`` written as names: all capitals or inner capitals
    (``SQL``, ``FitNesse``), and in a lower-case graph a capitalised word after the first or
    in a label of capitalised words only (``Hadoop``, ``Common Lisp``, not ``Earth
    science``). A word opening with a digit (``3D``) is no name."""
    raw = _RAW.findall(_BRACKET.sub(" ", label))
    titled = all(w[:1].isupper() or not w[:1].isalpha() for w in raw)
    out = set()
    for n, w in enumerate(raw):
        if not w[:1].isalpha():
            continue
        inner = any(c.isupper() for c in w[1:])
        cap = lower_case and w[:1].isupper() and (n > 0 or titled)
        if inner or cap or (len(w) > 1 and w.isupper()):
            out.add(fold(w))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _plain_words(label: str) -> frozenset[str]:
    return frozenset(words(label))


@lru_cache(maxsize=65536)
def _keys(label: str) -> frozenset[str]:
    """The forms under which ``label`` equals another: itself (singular, unless it is one
    capitalised word), without a bracketed qualifier, and an acronym and its expansion
    (``Structured query language SQL``)."""
    # singular of a lower-case or several-word label only: a capitalised single word is a
    # name ("Canvas" is not "Canva", "Jenkins" not "Jenkin"; "Registered nurses" is plural)
    plural = label == label.lower() or len(label.split()) > 1
    whole = plural_key(label) if plural else _plain(label)
    out = {whole, _plain(_BRACKET.sub(" ", label))}
    raw = _RAW.findall(label.replace("(", " ").replace(")", " "))
    for i, w in enumerate(raw):
        if len(w) > 1 and w.isupper():
            rest = [x for j, x in enumerate(raw) if j != i]
            if len(rest) == len(w) and "".join(x[0] for x in rest).upper() == w:
                out |= {_plain(w), _plain(" ".join(rest))}
    out.discard("")
    return frozenset(out)


def _plain(text: str) -> str:
    """The folded words of ``text``, not made singular: a name stays itself ("Canvas" is
    not "Canva")."""
    return " ".join(words(text))


def equal_labels(x: str, y: str) -> bool:
    """Whether two labels name the same thing (up to case, plurals, a bracketed qualifier,
    or an acronym and its expansion)."""
    return bool(_keys(x) & _keys(y))


def _close_allowed(other: str, tech: str, lower_case: bool) -> bool:
    """Whether a non-technology label ``other`` may be called close to the technology title
    ``tech`` (see the module docstring)."""
    if _names(other, lower_case) & _plain_words(tech):
        return True
    shared = _stems(other) & _stems(tech)
    if not _stems(tech) & CLASS_WORDS:
        return False  # a brand: only a name it shares makes it close
    if not _stems(other) & SOFTWARE_WORDS:
        return False
    # a label speaking of software: close to a class it names ("use object-oriented
    # programming" / "Object oriented programming software"), not to one it shares a word
    # with ("use functional programming" / "Functional testing software")
    own = _stems(tech) - CLASS_WORDS - SOFTWARE_WORDS
    if not own:  # "Spreadsheet software": named by its class words, all of them shared
        return bool(shared) and _stems(tech) - {stem("software")} <= shared
    return len(own & shared) >= COVER * len(own)


class SkillRelations:
    """The relations of the skill pairs ``sa[i]`` (of ``a``) -> ``sb[j]`` (of ``b``), with
    the kind and name rules."""

    def __init__(
        self,
        a: SkillGraph,
        b: SkillGraph,
        sa: Sequence[str],
        sb: Sequence[str],
        threshold: float,
    ) -> None:
        self.threshold = threshold
        self.labels = [a.label(s) for s in sa], [b.label(s) for s in sb]
        self.tech = (
            [a.skills[s].kind is SkillKind.TECHNOLOGY for s in sa],
            [b.skills[s].kind is SkillKind.TECHNOLOGY for s in sb],
        )
        self.lower = lower_case_labels(a), lower_case_labels(b)

    def relation(self, i: int, j: int, score: float) -> Relation:
        """``exactMatch``, ``closeMatch`` or ``relatedMatch`` for ``sa[i]`` -> ``sb[j]``."""
        x, y = self.labels[0][i], self.labels[1][j]
        if _keys(x) & _keys(y):
            return "exactMatch"
        if score < self.threshold:
            return "relatedMatch"
        tech_a, tech_b = self.tech[0][i], self.tech[1][j]
        if tech_a == tech_b:
            return "closeMatch"
        if tech_a:
            return "closeMatch" if _close_allowed(y, x, self.lower[1]) else "relatedMatch"
        return "closeMatch" if _close_allowed(x, y, self.lower[0]) else "relatedMatch"

    def rank(self, i: int, cands: list[tuple[int, float]]) -> list[tuple[int, float, Relation]]:
        """``cands`` (target index, score) of ``sa[i]`` with relations, exact first, then
        close, then by score."""
        out = [(j, s, self.relation(i, j, s)) for j, s in cands]
        out.sort(key=lambda c: (_RANK[c[2]], -c[1], c[0]))
        return out
