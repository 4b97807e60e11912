"""JSON input for the learning models: decoding, and errors that name file, line and field."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import FormatError

__all__ = ["MAX_BYTES", "field_path", "line_of", "parse_model", "read_text"]

#: the largest learning file read (catalogues, profiles, histories); larger is refused
MAX_BYTES = 256 * 1024 * 1024

_DECODER = json.JSONDecoder()
#: a validator's message naming its field: ``"snapshots[1].as_of: reason"``
_NAMED = re.compile(r"([A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)*): (.+)\Z", re.S)
_PARTS = re.compile(r"[A-Za-z_]\w*|\d+")
_WS = " \t\r\n"


def read_text(path: str | Path) -> str:
    """The UTF-8 text of ``path`` (a byte-order mark is dropped).

    Raises:
        FormatError: the file cannot be read or is not UTF-8.
        ResourceLimitError: it holds more than `MAX_BYTES` bytes.
    """
    from ..io._text_input import read_utf8

    return read_utf8(path, limit=MAX_BYTES)


def field_path(loc: Sequence[int | str]) -> str:
    """A pydantic error location as ``skills[2].date``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def line_of(text: str, loc: Sequence[int | str]) -> int | None:
    """The 1-based line where the value at ``loc`` starts in the JSON ``text`` (None: not found).

    Walks the text along ``loc`` only, skipping sibling values with the standard decoder.
    """
    at = 0
    try:
        for part in loc:
            at = _skip_ws(text, at)
            if isinstance(part, int):
                if text[at] != "[":
                    break
                at += 1
                for _ in range(part):
                    at = _skip_ws(text, at)
                    _, at = _DECODER.raw_decode(text, at)
                    at = _skip_ws(text, at)
                    if text[at] != ",":
                        return None
                    at += 1
            else:
                if text[at] != "{":
                    break
                at += 1
                while True:
                    at = _skip_ws(text, at)
                    if text[at] == "}":
                        return None
                    key, at = _DECODER.raw_decode(text, at)
                    at = _skip_ws(text, at) + 1  # the colon
                    at = _skip_ws(text, at)
                    if key == part:
                        break
                    _, at = _DECODER.raw_decode(text, at)
                    at = _skip_ws(text, at) + 1  # the comma
        at = _skip_ws(text, at)
    except (ValueError, IndexError):
        return None
    return text.count("\n", 0, at) + 1


def _skip_ws(text: str, at: int) -> int:
    while at < len(text) and text[at] in _WS:
        at += 1
    return at


def parse_model(model: type[BaseModel], text: str, source: str) -> Any:
    """``text`` validated as ``model``.

    Raises:
        FormatError: the text is not JSON, or does not fit ``model``; the message names
            ``source``, the line and the field of the first problem, then the others
            (up to ``SHOWN`` in all, with the count of the rest).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not JSON: {exc.msg}", source=source, line=exc.lineno) from None
    except RecursionError:
        raise FormatError("JSON nested too deeply", source=source) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [_located(e) for e in exc.errors()]
        loc, msg = problems[0]
        others = [
            f"field {field_path(at)!r}"
            + (f" (line {n})" if (n := line_of(text, at)) is not None else "")
            + f": {m}"
            for at, m in problems[1:SHOWN]
        ]
        rest = len(problems) - 1 - len(others)
        if others:
            msg += "; also " + "; ".join(others)
        if rest:
            msg += f"; and {rest} more problem{'s' * (rest > 1)}"
        raise FormatError(
            msg, source=source, line=line_of(text, loc), column=field_path(loc) or None
        ) from None


#: how many problems of a document an error names (the first included)
SHOWN = 6


def _located(error: Any) -> tuple[list[int | str], str]:
    """A pydantic error's location and message; a check of the whole document names
    the field it blames in its message, which then moves to the location."""
    loc = [p for p in error["loc"] if isinstance(p, int | str)]
    msg = str(error["msg"])
    named = _NAMED.match(msg.removeprefix("Value error, "))
    if named is not None:
        loc += [int(p) if p.isdigit() else p for p in _PARTS.findall(named[1])]
        msg = named[2]
    return loc, msg
