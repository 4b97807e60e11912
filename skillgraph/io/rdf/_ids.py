"""Node ids <-> RDF IRIs (CURIEs of the graph's prefixes expanded, and compacted back),
and the prefixes an output declares.

An id ``demo:role/x`` whose prefix ``demo`` the graph declares becomes
``<prefixes["demo"]>role/x``; an id that already is an absolute IRI is used as it is; any
other id (``python``, ``a b``) becomes `SG_ID` + its percent-encoding. Reading
reverses this: an IRI under a declared prefix (longest namespace wins) becomes a CURIE.

Two ids are never read as CURIEs, since the reading back could not tell (as RDFa's CURIE
rules have it): one whose part after the first ``:`` begins with ``//`` (``http://x/y``
with a prefix named ``http`` declared is the IRI it spells), and one under a prefix whose
name holds ``:`` itself (the id cannot say where the name ends). Compacting skips the
same cases, so every id comes back to the IRI it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import pyoxigraph as ox

from . import _vocab as vocab
from ._vocab import SG_ID

if TYPE_CHECKING:
    from ...graph import SkillGraph

_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`]*$")
_PREFIX_NAME = re.compile(r"^[A-Za-z](?:[A-Za-z0-9_\-.]*[A-Za-z0-9_\-])?$")


def valid_prefix_name(name: str) -> bool:
    """Whether ``name`` can be declared as a prefix in Turtle, RDF/XML and JSON-LD."""
    return bool(_PREFIX_NAME.match(name))


def valid_namespace(namespace: str) -> bool:
    """Whether ``namespace`` can be declared as a prefix's IRI (an absolute IRI)."""
    try:
        ox.NamedNode(namespace)
    except ValueError:
        return False
    return True


def output_prefixes(graph: SkillGraph) -> dict[str, str]:
    """The prefix declarations of an output of ``graph`` (see `prefix_declarations`)."""
    return prefix_declarations(graph.prefixes)


def prefix_declarations(prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefix declarations of an output: the standard ones, then the graph's own
    ``prefixes``.

    A graph prefix whose namespace is not an absolute IRI (``""``, ``"relative/"``) is not
    declared: its nodes are written with full IRIs, and the prefix itself is still
    recorded on the ontology node.
    """
    out = dict(vocab.STANDARD_PREFIXES)
    for name in sorted(prefixes):
        ns = prefixes[name]
        if (
            name not in out
            and ns not in out.values()
            and valid_prefix_name(name)
            and valid_namespace(ns)
        ):
            out[name] = ns
    return out


class IdMap:
    """Maps ids to IRIs and back for one graph's prefixes."""

    def __init__(
        self,
        prefixes: Mapping[str, str],
        *,
        source: str | None = None,
        locate: Callable[[str, str], int | None] | None = None,
    ) -> None:
        self.prefixes = dict(prefixes)
        self.source = source
        self._locate = locate
        self._owner: dict[str, str] = {}  # id -> the IRI read for it (reading only)
        self._by_length = sorted(
            ((ns, p) for p, ns in self.prefixes.items() if ns and ":" not in p),
            key=lambda item: (-len(item[0]), item[1]),
        )
        self._iris: dict[str, ox.NamedNode] = {}
        self._ids: dict[str, str] = {}
        self._nt: dict[str, str] = {}

    def iri(self, node_id: str) -> str:
        """The IRI that stands for ``node_id``."""
        return self.named(node_id).value

    def named(self, node_id: str) -> ox.NamedNode:
        """The pyoxigraph NamedNode that stands for ``node_id`` (cached)."""
        found = self._iris.get(node_id)
        if found is not None:
            return found
        try:
            found = ox.NamedNode(self._candidate(node_id))
        except ValueError:
            found = ox.NamedNode(SG_ID + quote(node_id, safe=""))
        self._iris[node_id] = found
        return found

    def _candidate(self, node_id: str) -> str:
        """The IRI `named` tries first for ``node_id`` (its own when that is not an IRI)."""
        pfx, sep, local = node_id.partition(":")
        if sep and pfx in self.prefixes and not local.startswith("//"):
            return self.prefixes[pfx] + local
        if not _ABSOLUTE.match(node_id) or node_id.startswith(SG_ID):
            return SG_ID + quote(node_id, safe="")
        return node_id

    def stands_for(self, node_id: str, iri: str) -> bool:
        """Whether ``node_id`` stands for ``iri``, a valid IRI (as `iri` has it; nothing
        cached when the first IRI tried is ``iri``, no term made: a valid IRI is kept as it
        is written)."""
        return self._candidate(node_id) == iri or self.iri(node_id) == iri

    def nt(self, node_id: str) -> str:
        """The N-Triples form ``<iri>`` of ``node_id`` (cached)."""
        found = self._nt.get(node_id)
        if found is None:
            found = self._nt[node_id] = f"<{self.named(node_id).value}>"
        return found

    def id(self, iri: str) -> str:
        """The id an IRI stands for (cached)."""
        found = self._ids.get(iri)
        if found is not None:
            return found
        if iri.startswith(SG_ID):
            found = unquote(iri[len(SG_ID) :])
        else:
            found = iri
            for ns, pfx in self._by_length:
                if iri.startswith(ns) and not iri.startswith("//", len(ns)):
                    found = f"{pfx}:{iri[len(ns) :]}"
                    break
        owner = self._owner.setdefault(found, iri)
        if owner != iri:
            self._collision(found, owner, iri)
        self._ids[iri] = found
        return found

    def forget(self) -> None:
        """Let go of the cached IRIs, ids and N-Triples forms (what was read is still
        checked for ids standing for two IRIs)."""
        self._iris.clear()
        self._ids.clear()
        self._nt.clear()

    def _collision(self, node_id: str, first: str, second: str) -> None:
        """Two IRIs read as one id: one node would silently replace the other.

        Raises:
            FormatError: naming both IRIs (and their lines, when they can be found).
        """
        from ...errors import FormatError

        lines: dict[str, int | None] = {
            iri: self._locate(iri, node_id) if self._locate is not None else None
            for iri in (first, second)
        }

        def at(iri: str) -> str:
            line = lines[iri]
            return f"<{iri}>" + (f" (line {line})" if line is not None else "")

        a, b = sorted((first, second))
        found = [n for n in lines.values() if n is not None]
        raise FormatError(
            f"{at(a)} and {at(b)} both stand for the node id {node_id!r}: one would "
            "replace the other; use one IRI for each node",
            source=self.source,
            line=max(found) if found else None,
        )
