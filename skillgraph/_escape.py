"""Escaping text for the terminal and for diagrams: labels and paths come from input files
and may hold control characters (a newline that forges an ``Error:`` line, an ESC or OSC
sequence that drives the terminal). `printable` shows them visibly instead; `mermaid_label`
and `dot_label` quote a label for a Mermaid or Graphviz diagram (no markup of the label's
is interpreted)."""

from __future__ import annotations

import re

__all__ = [
    "dot_label",
    "gantt_label",
    "json_safe",
    "mermaid_label",
    "printable",
    "uchar_escaped",
]

#: C0 controls (tab included), DEL, C1 controls, and the Unicode line and paragraph
#: separators (and the other characters str.splitlines() breaks on: NEL is C1 already).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: the bidirectional embedding, override and isolate controls: they reorder what a terminal
#: or a diagram's reader shows after them
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: what `printable` escapes
_UNSAFE_SHOWN = re.compile(f"{_UNSAFE.pattern}|{_BIDI.pattern}")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _escape(m: re.Match[str]) -> str:
    char = m.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character (bidi controls included) shown as an escape
    (``\\n``, ``\\x1b``, ``\\u2028``, ``\\u202e``): safe to print on one terminal line.
    A backslash stays as it is."""
    if not isinstance(text, str):
        text = str(text)
    return _UNSAFE_SHOWN.sub(_escape, text)


def uchar_escaped(text: str) -> str:
    """``text`` with each character `printable` escapes written ``\\uXXXX`` instead: the
    escape N-Triples, Turtle and SPARQL read back as that character (the same term)."""
    return _UNSAFE_SHOWN.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


#: what JSON may hold raw that a terminal interprets: DEL, C1 controls, the line and
#: paragraph separators and the bidi controls (C0 controls are always escaped in JSON)
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029]|{_BIDI.pattern}")


def json_safe(text: str) -> str:
    """The JSON text ``text`` with each character a terminal would interpret that JSON
    allows raw in a string written ``\\uXXXX``: the same JSON value, safe to print.
    (Outside strings, valid JSON holds none of them.)"""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_MERMAID = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "\\": "#92;"}
_MERMAID_UNSAFE = re.compile('[#"&<>\\\\`]|' + _BIDI.pattern)
_DOT = {"\\": "\\\\", '"': '\\"', "&": "&amp;"}
_DOT_UNSAFE = re.compile('[\\\\"&]|' + _BIDI.pattern)


def mermaid_label(text: str) -> str:
    """``text`` for a quoted Mermaid label (``["…"]``, ``|"…"|``): the characters Mermaid or
    its HTML labels interpret (``"``, ``#``, ``&``, ``<``, ``>``, a backslash, a backtick
    that starts a Markdown string) and the bidi controls become entity codes (``#quot;``,
    ``#35;``); control characters become spaces. The label shows ``text`` as it is."""
    text = _UNSAFE.sub(" ", text)
    return _MERMAID_UNSAFE.sub(lambda m: _MERMAID.get(m.group()) or f"#{ord(m.group())};", text)


def dot_label(text: str) -> str:
    """``text`` for a quoted Graphviz DOT string: backslash and double quote escaped, ``&``
    and the bidi controls as HTML entities (Graphviz decodes entities in labels), control
    characters as spaces. The label shows ``text`` as it is."""
    text = _UNSAFE.sub(" ", text)
    return _DOT_UNSAFE.sub(lambda m: _DOT.get(m.group()) or f"&#{ord(m.group())};", text)


#: a Gantt line starting with one of these (any case) is a statement, not a task
_GANTT_STATEMENT = re.compile(
    r"(%%|(accdescr|acctitle|axisformat|click|dateformat|excludes|gantt|inclusiveenddates"
    r"|includes|section|tickinterval|title|todaymarker|topaxis|weekday|weekend)\b)",
    re.IGNORECASE,
)


def gantt_label(text: str) -> str:
    """``text`` as the name of a Mermaid Gantt task, on one line: ``:``, ``#`` and ``;``
    (which end a name) replaced, control characters and runs of white space made one space,
    and a first word that Mermaid would take for a statement (``section``, ``title``,
    ``click``, a ``%%`` comment...) kept a name by writing its first character as an
    entity code."""
    text = _UNSAFE.sub(" ", text.replace(":", " -").replace("#", " ").replace(";", ","))
    text = " ".join(_BIDI.sub(lambda m: f"#{ord(m.group())};", text).split())
    if _GANTT_STATEMENT.match(text):
        text = f"#{ord(text[0])};{text[1:]}"
    return text
