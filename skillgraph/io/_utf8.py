"""UTF-8 output of the writers, with a clear error for text that has no UTF-8 form.

A Python string may hold a lone surrogate (``"\\ud800"``, from an unpaired JSON escape or
a bad decode): no file format can store it. The readers refuse such input; a graph built
through the API may still hold one, and writing it then names the node and field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import InvalidValueError

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["encode"]


def encode(text: str, graph: SkillGraph) -> bytes:
    """``text`` (part of the output for ``graph``) as UTF-8.

    Raises:
        InvalidValueError: the text holds a lone surrogate; the message names the node (or
            requirement) and field holding it, when one does.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _lone_surrogate(graph, text[exc.start]) from None


def _lone_surrogate(graph: SkillGraph, char: str) -> InvalidValueError:
    what = (
        f"holds a lone surrogate {char!r} (an unpaired U+D800-U+DFFF code point), which "
        "has no UTF-8 form: it cannot be written"
    )
    owners: list[tuple[str, Any]] = [(i, graph.nodes[i]) for i in sorted(graph.nodes)]
    owners += [(f"{r.role} -> {r.skill}", r) for r in graph.iter_requirements()]
    for ident, model in owners:
        for field in _fields_with_surrogates(model.model_dump(), ""):
            return InvalidValueError(f"{ident!r}: field {field!r} {what}", id=ident, field=field)
    return InvalidValueError(f"the graph (metadata, prefixes or extra triples) {what}")


def _fields_with_surrogates(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            yield path
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _fields_with_surrogates(k, path)
            yield from _fields_with_surrogates(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _fields_with_surrogates(v, f"{path}[{i}]")
