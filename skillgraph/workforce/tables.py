"""Tables: the graph's roles, skills and requirements, and workforce results, as pandas
data frames, CSV or Parquet.

pandas and pyarrow are the optional extra ``skillgraph[tables]``, imported only when a table
is asked for; without them `OptionalDependencyError` says what to install. CSV export of
workforce results needs neither (it is written with the standard library).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .._validate import check_bool
from ..errors import InvalidValueError, OptionalDependencyError
from ..graph import SkillGraph

__all__ = [
    "TABLE_FORMATS",
    "graph_tables",
    "require_pandas",
    "requirements_table",
    "roles_table",
    "skills_table",
    "table_format",
    "write_csv_tables",
    "write_table",
]

TABLE_FORMATS = ("csv", "parquet")
"""Formats `write_table` writes (chosen by suffix or ``format=``)."""

INSTALL_HINT = "pip install 'skillgraph[tables]'"


def require_pandas() -> Any:
    """The pandas module.

    Raises:
        OptionalDependencyError: pandas is not installed.
    """
    try:
        import pandas
    except ImportError:
        raise OptionalDependencyError(
            f"tables need pandas (not installed): {INSTALL_HINT}"
        ) from None
    return pandas


def _frame(rows: Iterable[Sequence[Any] | Mapping[str, Any]], columns: list[str]) -> Any:
    """A data frame of ``rows`` (tuples in ``columns`` order, or mappings by column)."""
    pd = require_pandas()
    return pd.DataFrame.from_records(list(rows), columns=columns)


def roles_table(g: SkillGraph) -> Any:
    """One row a role, by id: id, label, cluster, level, code, requirements (count).

    Raises:
        OptionalDependencyError: pandas is not installed.
    """
    columns = ["id", "label", "cluster", "level", "code", "requirements"]
    roles = sorted(g.roles.values(), key=lambda r: r.id)
    return _frame(
        [(r.id, r.label, r.cluster, r.level, r.code, len(g.requirements(r.id))) for r in roles],
        columns,
    )


def skills_table(g: SkillGraph) -> Any:
    """One row a skill, by id: id, label, kind, reuse, roles (how many require it).

    Raises:
        OptionalDependencyError: pandas is not installed.
    """
    columns = ["id", "label", "kind", "reuse", "roles"]
    rows = [
        (
            s.id,
            s.label,
            s.kind.value,
            None if s.reuse is None else s.reuse.value,
            len(g.roles_requiring(s.id)),
        )
        for s in sorted(g.skills.values(), key=lambda s: s.id)
    ]
    return _frame(rows, columns)


def requirements_table(g: SkillGraph) -> Any:
    """One row a requirement, by role then skill: role, skill, essential, importance,
    level, source, scale.

    Raises:
        OptionalDependencyError: pandas is not installed.
    """
    cols = ["role", "skill", "essential", "importance", "level", "source", "scale"]
    rows = sorted(
        (req.model_dump(include=set(cols)) for req in g.iter_requirements()),
        key=lambda d: (d["role"], d["skill"]),
    )
    return _frame(rows, cols)


def graph_tables(g: SkillGraph) -> dict[str, Any]:
    """``{"roles": ..., "skills": ..., "requirements": ...}`` data frames of ``g``.

    Raises:
        OptionalDependencyError: pandas is not installed.
    """
    return {
        "roles": roles_table(g),
        "skills": skills_table(g),
        "requirements": requirements_table(g),
    }


def table_format(path: str | Path, format: str | None = None) -> str:
    """``"csv"`` or ``"parquet"``: ``format``, else from the suffix of ``path``.

    Raises:
        InvalidValueError: neither names csv or parquet.
    """
    name = (format or Path(path).suffix.lstrip(".")).lower()
    if name == "pq":
        name = "parquet"
    if name not in TABLE_FORMATS:
        raise InvalidValueError(
            f"cannot write a table as {name or 'a file without suffix'!r} ({path}): expected "
            f"one of {', '.join(TABLE_FORMATS)} (by suffix or format=)",
            field="format",
        )
    return name


def write_table(
    frame: Callable[[], Any],
    rows: list[dict[str, Any]] | None,
    path: str | Path,
    format: str | None = None,
    columns: list[str] | None = None,
    *,
    spreadsheet_safe: bool = False,
) -> None:
    """Write a table atomically: CSV from ``rows`` (if given, without pandas; ``columns``
    names the header, default the first row's keys) or from ``frame()``; Parquet from
    ``frame()`` (needs pyarrow). ``spreadsheet_safe``: CSV text cells that start like a
    formula (``=``, ``+``, ``-``, ``@``, a tab or CR) get a leading ``'`` (numbers are
    left alone).

    Raises:
        InvalidValueError: the format is neither csv nor parquet.
        OptionalDependencyError: pandas or pyarrow is missing.
        OutputError: the file could not be written (the old one is left intact).
    """
    from ..io._atomic import atomic_output

    check_bool("spreadsheet_safe", spreadsheet_safe)
    fmt = table_format(path, format)
    if fmt == "csv":
        if rows is None:
            df = frame()
            if spreadsheet_safe:  # column by column: DataFrame.map needs pandas 2.1
                from ..io._csv_cells import spreadsheet_cell

                df = df.astype(object).apply(lambda column: column.map(spreadsheet_cell))
            data = df.to_csv(index=False, lineterminator="\n").encode("utf-8")
        else:
            data = _csv_bytes(rows, columns, spreadsheet_safe)
        with atomic_output(Path(path)) as fh:
            fh.write(data)
        return
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise OptionalDependencyError(
            f"Parquet output needs pyarrow (not installed): {INSTALL_HINT}"
        ) from None
    df = frame()
    out = io.BytesIO()
    df.to_parquet(out, index=False, engine="pyarrow")
    with atomic_output(Path(path)) as fh:
        fh.write(out.getvalue())


def _csv_bytes(
    rows: list[dict[str, Any]], columns: list[str] | None, spreadsheet_safe: bool = False
) -> bytes:
    """``rows`` as UTF-8 CSV with a header (``columns``, default the first row's keys)."""
    buf = io.StringIO(newline="")
    if columns is None:
        columns = list(rows[0]) if rows else []
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    if spreadsheet_safe:
        from ..io._csv_cells import spreadsheet_cell

        rows = [{k: spreadsheet_cell(v) for k, v in row.items()} for row in rows]
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_csv_tables(
    tables: Sequence[tuple[list[dict[str, Any]], str | Path, list[str]]],
    *,
    spreadsheet_safe: bool = False,
) -> None:
    """Write each ``(rows, path, columns)`` as CSV, all or none: every file is written to a
    temporary beside its path first, and none replaces its path unless all were written.
    ``spreadsheet_safe`` as in `write_table`.

    Raises:
        InvalidValueError: ``spreadsheet_safe`` is not True or False.
        FormatError: a folder is missing or not writable (nothing is written).
        OutputError: a file could not be written (the old ones are left intact).
    """
    from contextlib import ExitStack

    from ..io._atomic import atomic_output

    check_bool("spreadsheet_safe", spreadsheet_safe)
    data = [
        (Path(path), _csv_bytes(rows, columns, spreadsheet_safe)) for rows, path, columns in tables
    ]
    with ExitStack() as stack:
        outs = [stack.enter_context(atomic_output(path)) for path, _ in data]
        for out, (_, blob) in zip(outs, data, strict=True):
            out.write(blob)
