"""JSON input for the native and JSON-LD readers: UTF-8 text, then one JSON value, with
errors that name the file, line and column."""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import FormatError, ResourceLimitError

__all__ = ["decode", "parse"]


def decode(raw: bytes, name: str) -> str:
    """``raw`` as UTF-8 text (a byte order mark is dropped).

    Raises:
        FormatError: the bytes are not UTF-8 (naming the line and column of the first bad
            byte, and saying so when the file looks like UTF-16).
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        utf16 = (
            " (it looks like UTF-16: save it as UTF-8)"
            if raw[:2] in (b"\xff\xfe", b"\xfe\xff")
            else ""
        )
        raise FormatError(
            f"not UTF-8 text (byte {at}: {raw[at : at + 1]!r}){utf16}",
            source=name,
            line=raw.count(b"\n", 0, at) + 1,
            column=at - raw.rfind(b"\n", 0, at),
        ) from None


def parse(text: str, name: str, too_deep: str = "JSON nested too deeply") -> Any:
    """The JSON value ``text`` holds.

    Raises:
        FormatError: invalid JSON (with line and column).
        ResourceLimitError: nesting deeper than the parser's recursion limit (``too_deep``
            is the message), or an integer of more than 4300 digits (with its line).
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"invalid JSON: {exc.msg}", source=name, line=exc.lineno, column=exc.colno
        ) from None
    except RecursionError:
        raise ResourceLimitError(too_deep, source=name) from None
    except ValueError:  # Python refuses integer literals of more than 4300 digits
        long = re.search(r"\d{4301}", text)
        raise ResourceLimitError(
            "a JSON number has more than 4300 digits (the limit for integers)",
            source=name,
            line=text.count("\n", 0, long.start()) + 1 if long else None,
        ) from None
