"""The language filter: literals in other languages dropped while the triples stream.

A 28-language ESCO file read for one language never holds the others: language-tagged
literals, ESCO node literals and SKOS-XL labels in other languages are dropped before the
reader groups the triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from ..._lang import canonical_language
from ...errors import InvalidValueError
from . import _vocab as vocab
from ._esco import LANGUAGE, NODE_LITERAL, NODE_LITERAL_CLASS, XL_FORM, XL_LABEL, XL_PREDICATES
from ._terms import key

__all__ = ["label_language", "language_filter", "language_set"]


def language_set(language: str | None, languages: Iterable[str] | None) -> frozenset[str] | None:
    """The canonical tags a read keeps (``language`` plus ``languages``), or None for all.

    Raises:
        InvalidValueError: a tag is not a string of letters, digits and hyphens.
    """
    if language is None and languages is None:
        return None
    if isinstance(languages, str):
        raise InvalidValueError(
            f"languages must be a list of language tags, got the string {languages!r}",
            field="languages",
        )
    tags = [language] if language is not None else []
    tags += list(languages or ())
    out = set()
    for tag in tags:
        if not isinstance(tag, str) or not tag or not all(c.isalnum() or c == "-" for c in tag):
            field = "language" if tag is language else "languages"
            raise InvalidValueError(f"not a language tag: {tag!r}", field=field)
        out.add(canonical_language(tag))
    if not out:
        raise InvalidValueError("languages is empty: name at least one", field="languages")
    return frozenset(out)


def label_language(props: Mapping[str, Sequence[tuple[str, Any]]]) -> str:
    """The main language of a file that declares none: ``en`` when a ``skos:prefLabel`` is
    in English or untagged (or there is none), else the language most of them are in, a
    regional English first (``en-gb``; ties: the first tag in alphabetical order).

    A SKOS file labelled only ``@en-GB`` is read in ``en-gb``: its labels are the nodes'
    labels, not translations beside a label made from the id.
    """
    pref = vocab.PREF_LABEL
    literal = ox.Literal
    counts: dict[str, int] = {}
    for flat in props.values():
        for p, o in flat:
            if p != pref or type(o) is not literal:
                continue
            raw = o.language
            if raw is None:
                if o.datatype.value == vocab.XSD_STRING:
                    return "en"
                continue
            tag = canonical_language(raw)
            if tag == "en":
                return "en"
            counts[tag] = counts.get(tag, 0) + 1
    if not counts:
        return "en"
    return min(counts, key=lambda t: (t.split("-", 1)[0] != "en", -counts[t], t))


def _keeps(keep: frozenset[str], tag: str) -> bool:
    """``tag`` (canonical) is kept: listed, or a regional form of a listed one (en-GB, en)."""
    return tag in keep or tag.split("-", 1)[0] in keep


def language_filter(
    triples: Iterable[ox.Triple | ox.Quad], keep: frozenset[str]
) -> Iterator[ox.Triple | ox.Quad]:
    """The triples without literals in other languages, as they stream.

    Dropped: language-tagged literals whose tag is not kept; ESCO node literals
    (``esco:nodeLiteral`` + ``esco:language``) in other languages, with the
    ``dcterms:description`` link to them; SKOS-XL label links (``skosxl:prefLabel`` ...) to
    labels whose literal form was dropped; the ``rdf:type skosxl:Label`` and
    ``rdf:type esco:NodeLiteral`` triples (implied by the links). Untagged literals are
    kept, and so is whatever depends on a node whose language never shows.

    Links and node-literal texts that come before their node's language are held until it
    does (in ESCO's files, a few triples later), so memory stays bounded by what is kept.
    """
    literal = ox.Literal
    named = ox.NamedNode
    decided: dict[str, bool] = {}  # language tag -> kept
    # node -> [kept, triples still to come that depend on it], once its language is known
    node_ok: dict[str, list[Any]] = {}
    waiting: dict[str, list[ox.Triple | ox.Quad]] = {}  # node -> triples held for its language
    rdf_type = vocab.TYPE
    implied = (XL_LABEL, NODE_LITERAL_CLASS)

    def settle(key: str, ok: bool, dependents: int) -> list[ox.Triple | ox.Quad]:
        """The node's language is known: the held triples to pass on.

        ``dependents``: how many triples depend on the node (a label: its link; a node
        literal: its link and its untagged text); the decision is kept for those to come.
        """
        if key in node_ok:
            return []
        held = waiting.pop(key, None) or []
        if len(held) < dependents:
            node_ok[key] = [ok, dependents - len(held)]
        return held if ok else []

    def depends(key: str, t: ox.Triple | ox.Quad) -> bool | None:
        """Whether a dependent triple passes: None when held until the node's language."""
        known = node_ok.get(key)
        if known is None:
            waiting.setdefault(key, []).append(t)
            return None
        known[1] -= 1
        if known[1] <= 0:
            del node_ok[key]
        return bool(known[0])

    for t in triples:
        o: Any = t.object
        p = t.predicate.value
        if type(o) is literal:
            tag = o.language
            if tag is not None:
                ok = decided.get(tag)
                if ok is None:
                    ok = decided[tag] = _keeps(keep, canonical_language(tag))
                if p in (XL_FORM, NODE_LITERAL):  # the text decides: its link depends on it
                    yield from settle(key(t.subject), ok, 1)
                if not ok:
                    continue
            elif p == LANGUAGE:
                ok = _keeps(keep, canonical_language(o.value.strip())) if o.value else True
                yield from settle(key(t.subject), ok, 2)
                if not ok:
                    continue
            elif p == NODE_LITERAL and not depends(key(t.subject), t):  # untagged text
                continue
        elif p in XL_PREDICATES or p == vocab.DESCRIPTION:  # a link to a label or node literal
            if not depends(key(o), t):
                continue
        elif p == rdf_type and type(o) is named and o.value in implied:
            continue
        yield t
    for held in waiting.values():  # nodes whose language never showed: kept
        yield from held
