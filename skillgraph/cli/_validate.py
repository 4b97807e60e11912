"""``skillgraph validate``: read errors and warnings, then the library's graph checks.

The graph checks are ``skillgraph.checks.check_graph``; this module adds the problems of
reading the input and the file and line of each (the first line of the input text that
mentions the id, text formats only).
"""

from __future__ import annotations

import bisect
import re
import warnings
from typing import TYPE_CHECKING, Any

from ..checks import Problem, check_graph
from ..errors import (
    FormatError,
    ResourceLimitError,
    SkillGraphError,
    UnsafeInputError,
    UnsupportedFormatError,
)

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ..io._source import Source

__all__ = ["Problem", "check_graph", "validate_source"]

#: Text inputs larger than this are not scanned for the line of an id.
_MAX_SCAN_BYTES = 256 * 1024**2


def _read_hint(exc: SkillGraphError) -> str:
    if isinstance(exc, UnsupportedFormatError):
        return "name the format with --from (see `skillgraph formats`)"
    if isinstance(exc, UnsafeInputError):
        return "remove the remote context or external entity; inputs are read offline"
    if isinstance(exc, ResourceLimitError):
        return "split the input or check it is not corrupt"
    if isinstance(exc, FormatError):
        return "correct the input at this location (is the file truncated or mistyped?)"
    return "correct the value named here"


def validate_source(source: Source, fmt: Any) -> tuple[SkillGraph | None, list[Problem]]:
    """Read ``source`` as ``fmt`` (a registry Format), then check the graph.

    Returns the graph (None if it could not be read) and every problem found, read errors
    and warnings first, then graph checks in a fixed order.
    """
    from ..io import read

    problems: list[Problem] = []
    graph: SkillGraph | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            graph = read(source, fmt.name)
        except FormatError as exc:
            problems.append(
                Problem(
                    "error",
                    exc.reason,
                    _read_hint(exc),
                    exc.source or source.name,
                    exc.line,
                    exc.column,
                    check="read",
                )
            )
        except SkillGraphError as exc:
            problems.append(
                Problem(
                    "error",
                    str(exc),
                    _read_hint(exc),
                    source.name,
                    id=getattr(exc, "id", None),
                    field=getattr(exc, "field", None),
                    check="read",
                )
            )
    for w in caught:
        if issubclass(w.category, DeprecationWarning | PendingDeprecationWarning):
            continue
        problems.append(
            Problem(
                "warning",
                str(w.message),
                "check the input rows or values this warning names",
                source.name,
                check="read-warning",
            )
        )
    if graph is not None:
        lines = _LineFinder(source, fmt.name)
        problems += [
            Problem(
                p.severity,
                p.message,
                p.hint,
                source.name,
                lines.line_of(p.id),
                None,
                p.id,
                p.field,
                p.check,
            )
            for p in check_graph(graph)
        ]
    return graph, problems


#: Ids looked up by a plain text search before the token index is built.
_DIRECT = 200
#: A quoted string, an <IRI>, or a bare word (CURIEs, prefixed names).
_TOKEN = re.compile(r'"((?:[^"\\\n]|\\.)*)"|<([^<>\s]*)>|[^\s"<>(),;\[\]{}]+')


class _LineFinder:
    """The first line of a text input mentioning a given id."""

    def __init__(self, source: Source, fmt_name: str) -> None:
        self._text: str | None = None
        self._starts: list[int] = []
        self._looked_up = 0
        self._index: dict[str, int] | None = None
        if fmt_name in ("esco", "onet") or source.is_dir:
            return
        try:
            if source.path is not None and source.path.stat().st_size > _MAX_SCAN_BYTES:
                return
            self._text = source.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return
        self._starts = [0] + [m.end() for m in re.finditer("\n", self._text)]

    def line_of(self, node_id: str | None) -> int | None:
        """The line of the first mention of ``node_id`` (searched directly for the first
        `_DIRECT` ids, then in an index of the text's tokens built once: 200,000
        problems must not scan the text 200,000 times)."""
        if self._text is None or not node_id:
            return None
        key = node_id.split(" -> ", 1)[0]
        if self._looked_up < _DIRECT:
            self._looked_up += 1
            pos = self._text.find(key)
        else:
            if self._index is None:
                self._index = {}
                for m in _TOKEN.finditer(self._text):
                    token = m.group(1) if m.group(1) is not None else m.group(2) or m.group(0)
                    self._index.setdefault(token, m.start())
            pos = self._index.get(key, -1)
        if pos < 0:
            return None
        return bisect.bisect_right(self._starts, pos)
