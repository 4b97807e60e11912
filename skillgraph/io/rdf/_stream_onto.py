"""The streaming converter's ontology node: its language, metadata and prefixes, or refusal.

`ontology` reads the ``sg:Ontology`` node and its ``sg:prefix`` nodes as the reader takes
them (`_stream` calls it once all is read, or, on input in subject order, after the first
run, and again at the end to check that nothing read later changed it); anything else it
might read differently raises `UnsureError`. `pairs` and `grouped` give a subject's flat
list (`_runs.Flat`) as pairs, or as objects by predicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from . import _vocab as vocab
from ._literals import TRUE
from ._runs import Flat
from ._stream_nodes import UnsureError
from ._stream_terms import lit_text, nt, value

__all__ = ["Ontology", "grouped", "ontology", "pairs"]


class Ontology(NamedTuple):
    """What the ontology node says, and the subjects it is read from (``consumed``)."""

    language: str
    metadata: dict[str, str]
    prefixes: dict[str, str]
    compact: dict[str, str]
    consumed: frozenset[str]


def pairs(flat: Flat) -> Iterator[tuple[str, Any]]:
    """The (predicate, object) pairs of a subject's flat list, in input order (the list
    sliced in C: faster than pairing one iterator with itself)."""
    return zip(flat[::2], flat[1::2], strict=True)


def grouped(flat: Flat) -> dict[str, list[Any]]:
    """A subject's objects by predicate (predicates in order of first appearance, objects
    in input order), from its flat list."""
    by: dict[str, list[Any]] = {}
    for p, o in pairs(flat):
        objs = by.get(p)
        if objs is None:
            by[p] = [o]
        else:
            objs.append(o)
    return by


def ontology(
    types: Mapping[str, frozenset[str]],
    blanks: Mapping[str, Flat],
    subject: Callable[[str], Flat | None],
) -> Ontology:
    """The ontology node among the subjects of ``types``: blank-node subjects' triples in
    ``blanks``, IRI subjects' from ``subject``.

    Raises:
        UnsureError: several ontology nodes, or a triple the reader might take otherwise.
    """
    onto = [k for k, ts in types.items() if vocab.ONTOLOGY in ts]
    if not onto:
        return Ontology("en", {}, {}, {}, frozenset())
    if len(onto) > 1:
        raise UnsureError("several ontology nodes")
    k = onto[0]
    consumed = {k}
    flat = blanks.get(k) if k[:2] == "_:" else subject(k)
    if flat is None:  # typed, so it has triples (unless held elsewhere)
        raise UnsureError("an ontology node whose triples are not at hand")
    language: str | None = None
    metadata: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    compact: dict[str, str] = {}
    for p, o in [(p, o) for p, objs in grouped(flat).items() for o in objs]:
        text = lit_text(o)
        if p == vocab.TYPE and o == vocab.ONTOLOGY:
            continue
        if p == vocab.SG_LANGUAGE and text is not None and language is None:
            language = text
        elif p.startswith(vocab.DCTERMS) and p[len(vocab.DCTERMS) :] in vocab.DC_METADATA:
            name = p[len(vocab.DCTERMS) :]
            if text is None or o[1] is not None or name in metadata:
                raise UnsureError("an unusual metadata triple")
            metadata[name] = text
        elif p == vocab.VERSION_INFO and text is not None and o[1] is None:
            if "version" in metadata:
                raise UnsureError("two versions")
            metadata["version"] = text
        elif p == vocab.SG_PREFIX and type(o) is bytes:
            name, ns, is_compact = _prefix(o.decode(), blanks, consumed)
            if name in prefixes:
                raise UnsureError("a prefix named twice")
            prefixes[name] = ns
            if is_compact:
                compact[name] = ns
        else:
            raise UnsureError("an ontology triple the converter does not take")
    if language is None:
        raise UnsureError("no sg:language")
    return Ontology(language, metadata, prefixes, compact, frozenset(consumed))


def _prefix(b: str, blanks: Mapping[str, Flat], consumed: set[str]) -> tuple[str, str, bool]:
    """An ``sg:prefix`` node's name, namespace and compact-ids flag (as the reader's
    ``pair`` takes it); ``b`` added to ``consumed``."""
    flat = blanks.get(b)
    if flat is None or b in consumed:
        raise UnsureError("an sg:prefix node that is not one")
    by = grouped(flat)
    is_compact = any(nt(v) == TRUE for v in by.get(vocab.SG_COMPACT_IDS, ()))
    got = {q: objs[-1] for q, objs in by.items()}  # as dict() of the triples
    name = lit_text(got.get(vocab.SG_PREFIX_NAME))
    ns = value(got.get(vocab.SG_NAMESPACE))
    if (
        sum(map(len, by.values())) != (3 if is_compact else 2)
        or name is None
        or not isinstance(ns, str)
    ):
        raise UnsureError("an sg:prefix node that is not one")
    consumed.add(b)
    return name, ns, is_compact
