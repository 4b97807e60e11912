"""The CSV rows of a people or demand table: comma or tab separated, blank rows skipped."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` of every non-blank row (the header included); tab-separated when
    the first non-blank line has tabs and no comma."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    for row in reader:
        if any(c.strip() for c in row):
            yield reader.line_num, row
