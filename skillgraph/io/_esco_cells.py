"""The cells of the ESCO CSV reader (`skillgraph.io.esco`): labels, URIs, relation types,
and the warnings about skipped rows.
"""

from __future__ import annotations

import warnings
from collections import Counter

from ..errors import DataWarning, IncompleteDataWarning
from ._build import valid_id
from ._csv import Table
from ._tabular import counted, rows

__all__ = ["essential", "labels", "need_id", "need_label", "warn_loops", "warn_unknown"]


def labels(text: str) -> tuple[str, ...]:
    """Newline-separated labels, stripped, empty ones and repeats dropped, order kept."""
    if not text:
        return ()
    if "\n" not in text:
        text = text.strip()
        return (text,) if text else ()
    return tuple(dict.fromkeys(filter(None, map(str.strip, text.split("\n")))))


def need_id(table: Table, value: str, column: str, line: int | None = None) -> str:
    if not valid_id(value):
        raise table.error(f"invalid URI {value!r} (empty or with white space)", column, line=line)
    return value


def need_label(table: Table, value: str, column: str, line: int | None = None) -> str:
    value = value.strip()
    if not value:
        raise table.error("empty label", column, line=line)
    return value


def essential(table: Table, kind: str) -> bool:
    """True for an ``essential`` relation type, False for ``optional``.

    Raises:
        FormatError: any other relation type (naming the file, line and column).
    """
    if kind == "essential":
        return True
    if kind == "optional":
        return False
    raise table.error(f"relation type {kind!r}: expected 'essential' or 'optional'", "relationType")


def warn_unknown(file: str, what: str, counts: Counter[str], skipped: str) -> None:
    if not counts:
        return
    total = sum(counts.values())
    warnings.warn(
        f"{file}: {len(counts)} {what} URI{'s' if len(counts) != 1 else ''} not defined in "
        f"the release, {rows(total)} {skipped}: {counted(counts)}",
        IncompleteDataWarning,
        stacklevel=4,
    )


def warn_loops(file: str, what: str, loops: list[str]) -> None:
    if loops:
        warnings.warn(
            f"{file}: {rows(len(loops))} skipped, a concept {what}: {'; '.join(loops[:10])}",
            DataWarning,
            stacklevel=4,
        )
