"""JSON input for the native and JSON-LD readers: UTF-8 text, then one JSON value, with
errors that name the file, line and column."""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..errors import FormatError, ResourceLimitError

__all__ = [
    "decode",
    "may_escape_surrogate",
    "may_hold_long_string",
    "parse",
    "parse_members",
    "refuse_long_strings",
]


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


class _RefusedError(Exception):
    """A JSON value the readers refuse, found while decoding (position found afterwards)."""

    def __init__(self, what: str, token: str, nth: int = 0) -> None:
        super().__init__(what)
        self.what = what
        self.token = token
        self.nth = nth


#: JSON tokens outside strings that matter for locating a refused value (numbers as the
#: parser reads them: ``1e9990.6`` is the number ``1e999``, then an error)
_TOKENS = re.compile(
    r'"(?:[^"\\]|\\.)*"(\s*:)?|[{}]|-?Infinity|NaN|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?'
)


def _line_of(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _locate(text: str, exc: _RefusedError) -> int | None:
    """The line of the refused value: a non-finite number, or a repeated key."""
    if exc.what == "number":
        for m in _TOKENS.finditer(text):
            tok = m.group()
            if tok[0] in '"{}' or (tok[-1].isdigit() and not any(c in tok for c in ".eE")):
                continue  # strings, braces and integers
            if not math.isfinite(float(tok)):
                return _line_of(text, m.start())
        return None
    closes = 0
    stack: list[dict[str, int]] = []
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok == "{":
            stack.append({})
        elif tok == "}":
            keys = stack.pop() if stack else {}
            closes += 1
            if closes == exc.nth:
                return keys.get(exc.token)
        elif m.group(1) and stack:  # a key
            key = json.loads(tok[: tok.rindex('"') + 1])
            if key in stack[-1]:
                stack[-1][key] = _line_of(text, m.start())
            else:
                stack[-1][key] = -1
    return None


def _number(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _RefusedError("number", token)
    return value


def _constant(token: str) -> Any:
    raise _RefusedError("number", token)


def _hooks() -> tuple[dict[str, Any], Callable[[], int]]:
    """The decoder options refusing what `parse` refuses (raising `_RefusedError`), and the
    count of objects decoded so far (to locate a repeated key)."""
    closed = 0

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal closed
        closed += 1
        out = dict(items)
        if len(out) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    raise _RefusedError("key", key)
                seen.add(key)
        return out

    def count() -> int:
        return closed

    return {"object_pairs_hook": pairs, "parse_constant": _constant, "parse_float": _number}, count


def parse(text: str, name: str, too_deep: str = "JSON nested too deeply") -> Any:
    """The JSON value ``text`` holds.

    ``NaN``, ``Infinity`` and numbers too large for a float (``1e400``) are refused: no
    output format could hold them. So is a key repeated in one object (JSON leaves its
    meaning open; Python would silently keep the last value).

    Raises:
        FormatError: invalid JSON (with line and column), a non-finite number or a
            repeated key (with its line).
        ResourceLimitError: nesting deeper than the parser's recursion limit (``too_deep``
            is the message), or an integer of more than 4300 digits (with its line).
    """
    hooks, closed = _hooks()
    # every float goes through the hook: a prefilter for tokens that could overflow costs
    # more than it saves (ids such as UUIDs match any cheap pattern, and a text without a
    # match is scanned whole)
    try:
        return json.loads(text, **hooks)
    except _RefusedError as exc:
        exc.nth = closed() if exc.what == "key" else 0
        line = _locate(text, exc)
        if exc.what == "number":
            message = f"{exc.token} is not a finite number (JSON numbers must be finite)"
        else:
            message = (
                f"the key {exc.token!r} appears twice in one object (the first value would "
                "be lost); keep one"
            )
        raise FormatError(message, source=name, line=line if line and line > 0 else None) from None
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


#: a ``\\uD800``-``\\uDFFF`` escape (ASCII: the bytes of a UTF-8 text match where its text would)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
#: escapes looked at one by one before the rest of a text is searched at once
_ESCAPES_WALKED = 10_000


#: a quote that ends or starts a string (one after a backslash may be escaped: ignored)
_BOUNDARY = re.compile(rb'(?<!\\)"')


def may_hold_long_string(raw: bytes, limit: int) -> bool:
    """False when no string of the JSON ``raw`` can take more than ``limit`` bytes as an
    N-Triples literal (at most 6 times its length in ``raw``, a raw DEL being written
    ``\\u007F``, plus 2): every stretch of ``(limit - 2) // 12`` bytes holds a quote not
    after a backslash, so no string spans ``(limit - 2) / 6`` bytes. True is only a doubt
    (a long run of spaces gives it).
    """
    from ._limits import WORST_ESCAPE

    if len(raw) * WORST_ESCAPE + 2 <= limit:
        return False
    window = max(1, (limit - 2) // (2 * WORST_ESCAPE))
    return any(
        _BOUNDARY.search(raw, start, start + window) is None for start in range(0, len(raw), window)
    )


def refuse_long_strings(obj: Any, limit: int, name: str) -> None:
    """Refuse a string of ``obj`` too long to be written as an RDF literal (more than
    ``limit`` bytes as N-Triples) and read back.

    Raises:
        ResourceLimitError: naming the field path of the first such string.
    """
    found = _long_string(obj, limit)
    if found is not None:
        raise ResourceLimitError(
            f"a single string of {found[1]} bytes (as an RDF literal) is longer than "
            f"{limit // 1024**2} MiB, the RDF parsers' limit",
            source=name,
            column=found[0],
        )


def _long_string(obj: Any, limit: int, at: str = "") -> tuple[str, int] | None:
    """The field path (``skills[3].label``) and size of the first string of ``obj`` whose
    N-Triples form (`skillgraph.io._limits.token_bytes`) exceeds ``limit`` bytes, else None;
    keys count too. Other values (numbers, the readers' column views) are skipped.
    """
    from ._limits import WORST_ESCAPE, token_bytes

    if isinstance(obj, str):
        if len(obj) * WORST_ESCAPE + 2 > limit:  # at most 6 bytes a character (``\\u007F``)
            size = token_bytes(obj)
            if size > limit:
                return at or "(the document)", size
        return None
    if isinstance(obj, dict):
        for key, value in obj.items():
            where = f"{at}.{key}" if at else str(key)
            found = _long_string(key, limit, where) or _long_string(value, limit, where)
            if found is not None:
                return found
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            found = _long_string(value, limit, f"{at}[{index}]")
            if found is not None:
                return found
    return None


def may_escape_surrogate(raw: bytes) -> bool:
    """Whether the JSON text ``raw`` may hold a ``\\uD800``-``\\uDFFF`` escape (the only
    way a JSON text holds a lone surrogate): False only when it holds none.

    In valid JSON a backslash is only found in a string, and the first one after an escape
    starts the next escape (``\\\\``, ``\\"``... take two characters, ``\\u`` six, its four hex
    digits no backslash): the escapes are walked from one backslash to the next (a search for
    a single byte), most texts having few. Invalid JSON may give any answer: its parse fails.
    """
    at = raw.find(b"\\")
    for _ in range(_ESCAPES_WALKED):
        if at < 0:
            return False
        if _SURROGATE_ESCAPE.match(raw, at):
            return True
        at = raw.find(b"\\", at + 2)
    return at >= 0 and _SURROGATE_ESCAPE.search(raw, at) is not None


#: where a top-level member starts in a document laid out as ``json.dumps(indent=2)`` does
#: (a pattern that cannot overlap itself: its one line break is its first character)
_MEMBER = re.compile(rb'\n  "')
_MEMBER_KEY = re.compile(r'\n  "([a-z_]+)": ')
_WS = " \t\n\r"  # JSON's white space (str.strip's default takes more)


def parse_members(
    raw: bytes, flat: Mapping[str, Callable[[Iterator[list[Any]]], Any]] | None = None
) -> dict[str, Any] | None:
    """The top-level object of UTF-8 JSON ``raw`` laid out one member a line at two spaces'
    indent (as the native writer lays it out), parsed member by member; None when the layout
    differs or anything is not plain: the caller then decodes and parses the whole text
    (`decode`, `parse`), which gives the same value or the exact error.

    Each member's text is a string of its own: an ASCII member (ids, flags and numbers)
    takes one byte a character, where one text holding a single non-Latin-1 label takes
    two or four for all; a list laid out one item a line at four spaces' indent is read in
    pieces of about 32 kB (`_flat`), so no text of a large member is made whole. Members
    may only be separated by the layout's line breaks (a raw line break inside a string is
    invalid JSON), so a split in the wrong place leaves a member that does not parse, and
    the whole text is then parsed instead.

    ``flat`` maps a member to a check of its value read cheaply: a list so laid out, its
    pieces read without the hooks that refuse a repeated key or an infinite number (``NaN``
    and ``Infinity`` still refused). The check is given the pieces' items, each piece a
    list of objects that provably repeat no key (`_keys_once`), and gives the member's
    value to keep, or None to have the member parsed as any other. It may keep a value
    only when it has read every piece and seen that no number is infinite (``1e400``).
    """
    bounds = [m.start() for m in _MEMBER.finditer(raw)]
    if not bounds:
        return None
    head = raw[3 : bounds[0]] if raw.startswith(b"\xef\xbb\xbf") else raw[: bounds[0]]
    if head.strip(_WS.encode()) != b"{":
        return None
    bounds.append(len(raw))
    hooks, _ = _hooks()
    decoder = json.JSONDecoder(**hooks)
    scan, loads = decoder.raw_decode, decoder.decode
    flat_loads = json.JSONDecoder(parse_constant=_constant).decode
    checks = flat or {}
    view = memoryview(raw)  # members decoded without copying their bytes first
    out: dict[str, Any] = {}
    last = len(bounds) - 2
    try:
        for i, (start, end) in enumerate(itertools.pairwise(bounds)):
            after = "}" if i == last else ","  # what follows the member's value
            line = raw.find(b"\n", start + 1, end)
            key = _MEMBER_KEY.match(str(view[start : end if line < 0 else line], "utf-8"))
            if key is None or key.group(1) in out:
                return None
            check, at = checks.get(key.group(1)), start + key.end()
            if check is not None:
                value = _flat(raw, at, end, after, check, flat_loads, True)
            if check is None or value is None:  # a list laid out one item a line: in pieces
                value = _flat(raw, at, end, after, _joined, loads, False)
            if value is None:
                text = str(view[start:end], "utf-8")
                value, stop = scan(text, key.end())
                if text[stop:].strip(_WS) != after:
                    return None
            out[key.group(1)] = value
    except (ValueError, RecursionError, _RefusedError):  # JSON or UTF-8 errors: the caller
        return None  # parses the whole text, which names the place
    return out


class _UnprovenError(Exception):
    """A piece of a flat member that does not parse alone or may repeat a key."""


#: a list member's pieces: about this many bytes each, cut where an item starts (below
#: malloc's threshold for a mapping of its own, 128 kB, a piece's text reuses the memory of
#: the piece before: ESCO's native read makes 36,000 page faults instead of 58,000)
_PIECE = 1 << 15
_ITEM = b"\n    {"
_END = b"\n  ]"


def _flat(
    raw: bytes,
    at: int,
    end: int,
    after: str,
    check: Callable[[Iterator[list[Any]]], Any],
    loads: Callable[[str], Any],
    proof: bool,
) -> Any:
    """What ``check`` keeps of the list ``raw[at:end]`` (``[``, its items one a line at four
    spaces' indent, ``]``, then ``after``) read in pieces by ``loads``, or None.

    The pieces, cut before an item's line and its comma, each parse as a list of one or
    more values: joined by those commas they are the member's items, so the member is their
    lists' concatenation (a cut inside a nested value leaves a piece that does not parse).
    With ``proof`` (``loads`` reads without the repeated-key hook), a piece must also prove
    it repeats no key (`_keys_once`).

    Raises:
        _RefusedError: ``loads`` refused a value.
    """
    stop = raw.rfind(_END, at, end)
    if (
        raw[at : at + 1] != b"["
        or stop < 0
        or str(raw[stop + len(_END) : end], "utf-8").strip(_WS) != after
    ):
        return None
    view = memoryview(raw)

    def pieces() -> Iterator[list[Any]]:
        start = at + 1
        while start < stop:
            cut = raw.find(_ITEM, min(start + _PIECE, stop), stop)
            cut = stop if cut < 0 else cut
            if cut < stop and raw[cut - 1] != 0x2C:  # not a comma between items
                raise _UnprovenError
            text = str(view[start : cut - 1 if cut < stop else cut], "utf-8")
            try:
                rows = loads("[" + text + "]")
            except ValueError:
                raise _UnprovenError from None
            if not rows or (proof and not _keys_once(rows, text.count(","))):
                raise _UnprovenError
            yield rows
            start = cut

    items = pieces()
    try:
        value = check(items)
        return value if value is not None and next(items, None) is None else None
    except _UnprovenError:
        return None


def _joined(pieces: Iterator[list[Any]]) -> list[Any]:
    """The items of every piece, in order."""
    return list(itertools.chain.from_iterable(pieces))


def _keys_once(rows: Any, commas: int) -> bool:
    """Whether ``rows``, a JSON value whose text holds ``commas`` commas, is a list of
    objects none of which held a key twice (read as a ``dict``, a repeated key leaves no
    trace but a missing entry).

    Proven by counting: a list of objects holding k members in all (repeats included)
    takes at least k - 1 commas between its items and members, more when a value is a
    list or object of more than one item or a string holds one; its dicts hold d <= k
    entries, d = k when no key is repeated. So ``commas`` = d - 1 gives k <= d: no object
    repeats a key, nested ones included (a repeat takes two members, so a comma).
    """
    if type(rows) is not list or not rows or set(map(type, rows)) != {dict}:
        return False
    return commas == sum(map(len, rows)) - 1
