"""Text with no UTF-8 form: finding it in nested data, and writing output as UTF-8.

A Python string may hold a lone surrogate (``"\\ud800"``, from an unpaired JSON escape or
a bad decode): no file format can store it. The native reader refuses such input
(`find_lone_surrogate`); a graph built through the API may still hold one, and
writing it then names the node and field (`encode`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import InvalidValueError

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["Loc", "encode", "find_lone_surrogate", "path"]

#: where a value sits in nested data: keys and list indices from the top
Loc = tuple[int | str, ...]


def path(loc: Loc) -> str:
    """``loc`` written as a field path: ``("skills", 1, "label")`` -> ``skills[1].label``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def find_lone_surrogate(obj: Any) -> tuple[Loc, str] | None:
    """Where the first string (or key) of ``obj`` holding a lone surrogate sits, in document
    order, and that surrogate; None when there is none. Dicts, lists and tuples are searched.
    """
    stack: list[tuple[Any, Loc]] = [(obj, ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, (*loc, k)) for k, v in reversed(list(value.items())))
            stack.extend((k, (*loc, k)) for k in value if isinstance(k, str))
        elif isinstance(value, list | tuple):
            stack.extend((v, (*loc, i)) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                return loc, value[exc.start]
    return None


def encode(text: str, graph: SkillGraph | None) -> bytes:
    """``text`` (part of the output for ``graph``, or of no graph) as UTF-8.

    Raises:
        InvalidValueError: the text holds a lone surrogate; the message names the node (or
            requirement) and field holding it, when one does.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _lone_surrogate(graph, text[exc.start]) from None


def _lone_surrogate(graph: SkillGraph | None, char: str) -> InvalidValueError:
    what = (
        f"holds a lone surrogate {char!r} (an unpaired U+D800-U+DFFF code point), which "
        "has no UTF-8 form: it cannot be written"
    )
    owners: list[tuple[str, Any]] = []
    if graph is not None:
        owners += [(i, graph.nodes[i]) for i in sorted(graph.nodes)]
        owners += [(f"{r.role} -> {r.skill}", r) for r in graph.iter_requirements()]
    for ident, model in owners:
        found = find_lone_surrogate(model.model_dump())
        if found is not None:
            field = path(found[0])
            return InvalidValueError(f"{ident!r}: field {field!r} {what}", id=ident, field=field)
    return InvalidValueError(f"the graph (metadata, prefixes or extra triples) {what}")
