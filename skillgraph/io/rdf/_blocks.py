"""The units of RDF output: blocks of N-Triples terms, and the size of a streamed chunk.

The writer (`_writer`) and the streaming converter (`_stream`) make blocks; the
serialisers (`_ntriples`, `_turtle`, `_jsonld`) write them. This module needs no model,
so the streaming path imports none.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["CHUNK", "CHUNK_TRIPLES", "Block", "Group"]

#: Subjects in a chunk of streamed output: about 2 MB of N-Triples, 0.5 MB of Turtle.
CHUNK = 1000
#: ... or fewer, once a chunk holds this many triples (subjects with thousands of links,
#: such as roles, would otherwise make chunks of several MB)
CHUNK_TRIPLES = 10_000

#: A predicate and its objects (one or more, in output order): all IRIs, all literals or all
#: blank nodes.
Group = tuple[str, Sequence[str]]
#: A subject and its predicate groups, in output order.
Block = tuple[str, list[Group]]
