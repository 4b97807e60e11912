"""Escaping text for the terminal: labels and paths come from input files and may hold
control characters (a newline that forges an ``Error:`` line, an ESC or OSC sequence that
drives the terminal). `printable` shows them visibly instead."""

from __future__ import annotations

import re

__all__ = ["printable"]

#: C0 controls (tab included), DEL, C1 controls, and the Unicode line and paragraph
#: separators (and the other characters str.splitlines() breaks on: NEL is C1 already).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _escape(m: re.Match[str]) -> str:
    char = m.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\n``, ``\\x1b``,
    ``\\u2028``): safe to print on one terminal line. A backslash stays as it is."""
    if not isinstance(text, str):
        text = str(text)
    return _UNSAFE.sub(_escape, text)
