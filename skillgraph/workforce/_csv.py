"""Reading a people or demand table: its text (bounded, UTF-8) and its CSV rows (comma or
tab separated, blank rows skipped); errors name the file and line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import FormatError


def read_table(path: str | Path, what: str) -> str:
    """The UTF-8 text of the ``what`` file ``path`` (a byte order mark dropped), read
    within the input size limit (a device or FIFO may never end).

    Raises:
        FormatError: the file cannot be read or is not UTF-8.
        ResourceLimitError: it holds more than the input size limit
            (``SKILLGRAPH_MAX_INPUT_BYTES``, 4 GiB by default).
    """
    from ..io._text_input import read_utf8

    return read_utf8(path, what=what)


def csv_rows(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` of every non-blank row (the header included); tab-separated when
    the first non-blank line has tabs and no comma.

    Raises:
        FormatError: a row does not parse (a field longer than the csv module's limit).
    """
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise FormatError(f"not CSV: {exc}", source=source, line=reader.line_num) from None
        if row is None:
            return
        if any(c.strip() for c in row):
            yield reader.line_num, row


def header_of(row: list[str], source: str, line: int) -> list[str]:
    """The column names of a header ``row``, stripped and lower-cased.

    Raises:
        FormatError: a column is named twice (its cells would be merged, the last winning).
    """
    header = [c.strip().lower() for c in row]
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    if repeated:
        raise FormatError(
            f"repeated column {repeated[0]!r} (expected each column once)",
            source=source,
            line=line,
            column=repeated[0],
        )
    return header
