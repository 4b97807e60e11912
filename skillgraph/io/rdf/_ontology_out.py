"""The ontology node's triples as the writers write them (language, metadata, prefixes)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .. import _esco_conventions as esco
from . import _vocab as vocab
from ._literals import TRUE, Triple, iri_term, literal, typed

__all__ = ["ontology_blocks"]

_N = iri_term
#: a subject and its (predicate, objects) groups, as `skillgraph.io.rdf._writer.Block`
_Block = tuple[str, list[tuple[str, Sequence[str]]]]


def ontology_blocks(
    language: str,
    metadata: Mapping[str, str],
    prefixes: Mapping[str, str],
    *,
    level: int,
    used: set[str],
    new_blank: Callable[[str], str],
) -> list[_Block]:
    """The ontology node's blocks (language, cluster level, metadata, prefixes; none when
    all are the defaults); ``used``: the prefixes some node id is written with,
    ``new_blank(kind)``: the next blank node label."""
    default_level = level == esco.DEFAULT_CLUSTER_LEVEL
    if language == "en" and not metadata and not prefixes and default_level:
        return []
    subj = "_:sgontology"
    out: list[Triple] = []
    add = out.append
    add((subj, _N(vocab.TYPE), _N(vocab.ONTOLOGY)))
    add((subj, _N(vocab.SG_LANGUAGE), literal(language)))
    if not default_level:
        add((subj, _N(vocab.SG_CLUSTER_LEVEL), typed(str(level), vocab.XSD_INTEGER)))
    others: list[tuple[str, str]] = []
    for key in sorted(metadata):
        value = metadata[key]
        if key in vocab.DC_METADATA:
            add((subj, _N(vocab.DCTERMS + key), literal(value)))
        elif key == "version":
            add((subj, _N(vocab.VERSION_INFO), literal(value)))
        else:
            others.append((key, value))
    blanks: list[tuple[str, str, str, str, str]] = []
    for key, value in others:
        b = new_blank("m")
        add((subj, _N(vocab.SG_METADATA), b))
        blanks.append((b, vocab.SG_KEY, key, vocab.SG_VALUE, value))
    compact: list[str] = []
    for name in sorted(prefixes):
        b = new_blank("p")
        add((subj, _N(vocab.SG_PREFIX), b))
        blanks.append((b, vocab.SG_PREFIX_NAME, name, vocab.SG_NAMESPACE, prefixes[name]))
        if name in used:
            compact.append(b)
    for b, p1, v1, p2, v2 in blanks:
        add((b, _N(p1), literal(v1)))
        add((b, _N(p2), literal(v2)))
        if b in compact:
            add((b, _N(vocab.SG_COMPACT_IDS), TRUE))
    blocks: list[_Block] = []
    for s, p, o in out:
        if not blocks or blocks[-1][0] != s:
            blocks.append((s, []))
        blocks[-1][1].append((p, [o]))
    return blocks
