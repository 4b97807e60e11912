"""CSV cells a spreadsheet will not run: text that starts like a formula gets a ``'``.

Spreadsheets (Excel, LibreOffice, Google Sheets) run a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula when a CSV is opened, so a label such
as ``=HYPERLINK(...)`` in a taxonomy or a people file becomes live. skillgraph's CSV is
exact by default (it reads back to the same values, as pandas and the csv module see it);
``spreadsheet_safe=True`` (CLI: ``--spreadsheet-safe``) writes such text cells with a
leading ``'``, which spreadsheets show as text and hide, at the cost of that ``'`` for any
other reader. Numbers (``-0.5``) are left alone.
"""

from __future__ import annotations

import re
from typing import Any

#: what a spreadsheet takes for the start of a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")


def spreadsheet_cell(value: Any) -> Any:
    """``value``, or ``"'" + value`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value
