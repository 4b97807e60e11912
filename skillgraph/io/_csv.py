"""A strict CSV / tab-separated table reader whose errors name the file, line and column.

`Table` checks the header for the columns a reader needs, then yields rows as lists
of strings, refusing rows whose number of fields differs from the header's. Blank lines are
skipped. Every problem raises `FormatError` with the source name,
the line (the physical line the record ends on) and, where known, the column name.

Limits: a field longer than ``csv.field_size_limit()`` characters (131,072 by default), or
a physical line longer than `MAX_LINE` characters (checked before the line is read
whole), is refused with `ResourceLimitError`. A UTF-8 byte order mark is
accepted (callers open files as ``utf-8-sig``); text that is not UTF-8 is refused naming the
first bad line when the file can be re-read. NUL characters are kept as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from typing import TextIO

from ..errors import FormatError, ResourceLimitError

__all__ = ["MAX_LINE", "Table"]

#: Longest physical line of a CSV / TSV file, in characters (8 times the field limit).
MAX_LINE = 8 * csv.field_size_limit()


class Table:
    """Rows of one delimited text file with a header line.

    Args:
        stream: the text, opened with ``newline=""``.
        name: the file name used in error messages.
        required: columns that must be in the header.
        delimiter: ``","`` (quoted CSV) or ``"\\t"`` (tab-separated, unquoted).

    Raises (on construction):
        FormatError: the file is empty, not UTF-8, or the header lacks a required column
            (naming the first missing column and listing the header).
        ResourceLimitError: a header field longer than the CSV field limit.
    """

    def __init__(
        self,
        stream: TextIO,
        name: str,
        required: Sequence[str],
        *,
        delimiter: str = ",",
    ) -> None:
        self.name = name
        self._stream = stream
        lines = self._bounded_lines(stream)
        if delimiter == ",":
            self._reader = csv.reader(lines, strict=True)
        else:
            self._reader = csv.reader(
                lines, delimiter=delimiter, quoting=csv.QUOTE_NONE, strict=True
            )
        header = self._next_row()
        if header is None:
            raise FormatError(
                f"empty file: expected a header line with the columns {', '.join(required)}",
                source=name,
                line=1,
            )
        header = [h.strip().lstrip("\ufeff") for h in header]
        self.header = header
        self.columns: dict[str, int] = {}
        for i, h in enumerate(header):
            self.columns.setdefault(h, i)
        missing = [c for c in required if c not in self.columns]
        if missing:
            listed = ", ".join(repr(c) for c in missing)
            got = delimiter.join(header)
            sep = "tab" if delimiter == "\t" else repr(delimiter)
            raise FormatError(
                f"missing column{'s' if len(missing) > 1 else ''} {listed}; the header "
                f"({sep}-separated) reads {got[:300]!r}",
                source=name,
                line=1,
                column=missing[0],
            )
        self.width = len(header)

    def _bounded_lines(self, stream: TextIO) -> Iterator[str]:
        """The physical lines of ``stream``, refusing one longer than `MAX_LINE`
        characters before it is read whole (one 900 MB line would take 2 GB)."""
        limit = MAX_LINE
        number = 0
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit:
                raise ResourceLimitError(
                    f"a line is longer than {limit} characters (8 times the CSV field limit "
                    f"of {csv.field_size_limit()} characters)",
                    source=self.name,
                    line=number,
                )
            yield line

    @property
    def line(self) -> int:
        """The physical line the last record read ends on."""
        return self._reader.line_num

    def col(self, column: str) -> int:
        """The index of ``column`` (checked present when the table was opened).

        Raises:
            FormatError: no such column.
        """
        found = self.columns.get(column)
        if found is None:
            raise FormatError("missing column", source=self.name, line=1, column=column)
        return found

    def error(
        self, message: str, column: str | None = None, *, line: int | None = None
    ) -> FormatError:
        """A FormatError at ``line`` (default: the current line) and ``column`` of this file."""
        return FormatError(message, source=self.name, line=line or self.line, column=column)

    def _csv_error(self, exc: csv.Error) -> FormatError:
        if "field larger than field limit" in str(exc):
            return ResourceLimitError(
                f"a field is longer than {csv.field_size_limit()} characters (the CSV field limit)",
                source=self.name,
                line=self.line,
            )
        return FormatError(f"malformed CSV: {exc}", source=self.name, line=self.line)

    def _decode_error(self, exc: UnicodeDecodeError) -> FormatError:
        """Not UTF-8: name the first bad physical line when the bytes can be read again."""
        try:
            raw = self._stream.buffer
            raw.seek(0)
            for number, line in enumerate(raw, start=1):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as bad:
                    return FormatError(
                        f"not UTF-8 text ({bad.reason}: {line[bad.start : bad.start + 1]!r})",
                        source=self.name,
                        line=number,
                        column=bad.start + 1,
                    )
        except (AttributeError, OSError, ValueError):
            pass
        return FormatError(f"not UTF-8 text ({exc.reason})", source=self.name)

    def _next_row(self) -> list[str] | None:
        try:
            for row in self._reader:
                if row:
                    return row
        except csv.Error as exc:
            raise self._csv_error(exc) from None
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc) from None
        return None

    def __iter__(self) -> Iterator[list[str]]:
        """Each non-blank row after the header.

        Raises:
            FormatError: a row with another number of fields than the header, malformed
                quoting, or text that is not UTF-8.
            ResourceLimitError: a field longer than the CSV field limit.
        """
        width = self.width
        reader = self._reader
        try:
            for row in reader:
                if len(row) != width:
                    if not row:
                        continue
                    raise FormatError(
                        f"{len(row)} fields where the header has {width}",
                        source=self.name,
                        line=reader.line_num,
                    )
                yield row
        except csv.Error as exc:
            raise self._csv_error(exc) from None
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc) from None
