"""The JSON-LD serialiser: a compacted document with a local ``@context``.

Made straight from the writer's blocks of N-Triples terms (`_writer.graph_blocks`), as
Turtle and N-Triples are: no pyoxigraph terms, and with the default ``indent=1`` no
``json.dumps`` of nested objects either (its indenting encoder is pure Python): each node
object is formatted as that encoder would, with the C string encoder for the values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any, BinaryIO

from .._build import paused_gc
from .._utf8 import encode
from . import _vocab as vocab
from ._ids import output_prefixes
from ._writer import Block, graph_blocks

if TYPE_CHECKING:
    from ...graph import SkillGraph

__all__ = ["write_jsonld"]

_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPED = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
#: What keeps an N-Triples string body from being the body of the JSON string of its text:
#: a raw control character (JSON escapes it) or an escape JSON spells otherwise (``\\u00E9``,
#: ``\\'``); ``\\n \\r \\t \\b \\f \\" \\\\`` are spelled alike in both.
_RAW_CONTROL = re.compile("[\x00-\x1f]")  # one class: scanned several times faster
_OTHER_ESCAPE = re.compile(r'\\[^nrtbf"\\]')


def _is_json(body: str) -> bool:
    """Whether ``body`` (N-Triples string bodies) is also the body of their JSON strings
    (neither a raw control character nor another escape), by the fastest scans first."""
    if _RAW_CONTROL.search(body) is not None:
        return False
    return "\\" not in body or _OTHER_ESCAPE.search(body) is None


_TYPE = f"<{vocab.TYPE}>"
_STRING = f"<{vocab.XSD_STRING}>"
#: subjects formatted between two writes (about 1 MB of JSON-LD)
_CHUNK = 2000


def _unescape_match(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2)
    return chr(int(code, 16)) if code else _ECHAR.get(m.group(3), m.group(0))


def _unescape(body: str) -> str:
    """The text of an N-Triples string body (``\\n``, ``\\"``, ``\\u00XX``... decoded)."""
    return _ESCAPED.sub(_unescape_match, body) if "\\" in body else body


class _Compact(dict[str, str]):
    """IRI (without brackets) -> its compact form under the context (cached)."""

    def __init__(self, context: dict[str, str]) -> None:
        super().__init__()
        self.by_ns = sorted(((ns, name) for name, ns in context.items()), key=lambda x: -len(x[0]))

    def __missing__(self, iri: str) -> str:
        found = iri
        for ns, name in self.by_ns:
            if iri.startswith(ns) and not iri[len(ns) :].startswith("//"):
                found = f"{name}:{iri[len(ns) :]}"
                break
        self[iri] = found
        return found


def _context(graph: SkillGraph, iris: set[str]) -> dict[str, str]:
    """The output prefixes usable as JSON-LD terms: absolute namespaces whose name is no
    IRI scheme of a subject, predicate, object or datatype (``http`` as a prefix would
    rewrite every IRI, and ``<dcterms:x>`` would read back as a dcterms: IRI); ``iris``:
    those terms (``<iri>``, maybe others)."""
    prefixes = output_prefixes(graph)
    heads = tuple(f"<{name}:" for name in prefixes)
    schemes = {t[1:].split(":", 1)[0] for t in iris if t.startswith(heads)}
    return {
        name: ns for name, ns in prefixes.items() if name not in schemes and ns[-1:] in ":/?#[]@"
    }


#: A node object being made: predicate term (or ``"@type"``) -> object terms.
_Node = dict[str, Sequence[str]]


def _subjects(blocks: Iterator[Block]) -> tuple[dict[str, _Node], set[str], set[int]]:
    """Node objects by subject term, in output order; every subject, predicate, object and
    datatype term (see `_context`); the ``id`` of each object list holding both literals
    and other terms (the writer's groups never mix them, but a kept triple may add to a
    group of another kind).

    The writer's object sequences are kept as they are (never changed here); two groups of
    one property are joined into a new list.
    """
    subjects: dict[str, _Node] = {}
    terms: set[str] = set()
    mixed: set[int] = set()
    add = terms.add
    update = terms.update
    for s, groups in blocks:
        obj = subjects.get(s)
        if obj is None:
            obj = subjects[s] = {}
            add(s)
        for p, objects in groups:
            add(p)
            if objects[0][0] == "<":
                update(objects)
                if p == _TYPE:
                    p = "@type"
            else:
                for o in objects:
                    if o[-1] == ">":  # a typed literal: its datatype IRI
                        add(o[o.rindex("^^<") + 2 :])
            lst = obj.get(p)
            if lst is None:
                obj[p] = objects
            else:
                joined = obj[p] = [*lst, *objects]
                if id(lst) in mixed or (lst[0][0] == '"') != (objects[0][0] == '"'):
                    mixed.add(id(joined))  # alive to the end: its id is not reused
    return subjects, terms, mixed


class _Values:
    """N-Triples terms -> JSON-LD: compact IRIs, values as objects and as indent-1 text."""

    def __init__(self, compact: _Compact) -> None:
        self.compact = compact
        self.iri_text = _IriText(self)
        self.heads = _Heads(compact)
        self._types: dict[tuple[str, ...], str] = {}

    def types_text(self, types: Sequence[str]) -> str:
        """The ``"@type": [...]`` property of a node object (cached by its types)."""
        key = tuple(types)
        found = self._types.get(key)
        if found is None:
            names = ",\n  ".join([encode_basestring(self.compact[t[1:-1]]) for t in types])
            found = self._types[key] = ' "@type": [\n  ' + names + "\n ]"
        return found

    def ref(self, term: str) -> str:
        """The compact IRI or ``_:label`` of an IRI or blank node term."""
        return self.compact[term[1:-1]] if term[0] == "<" else term

    def value(self, term: str) -> Any:
        """The JSON-LD value object (or plain string) of an object term."""
        if term[0] != '"':
            return {"@id": self.ref(term)}
        end = term.rindex('"')
        text = _unescape(term[1:end])
        rest = term[end + 1 :]
        if not rest or rest == "^^" + _STRING:
            return text
        if rest[0] == "@":
            return {"@value": text, "@language": rest[1:]}
        return {"@value": text, "@type": self.compact[rest[3:-1]]}

    def text(self, term: str) -> str:
        """`value` as ``json.dumps(..., indent=1)`` writes it two levels deep."""
        if term[0] != '"':
            return self.iri_text[term]
        end = term.rindex('"')
        body = term[1:end]
        if _is_json(body):  # the body is already the JSON string's
            string = '"' + body + '"'
            rest = term[end + 1 :]
            if not rest or rest == "^^" + _STRING:
                return string
            if rest[0] == "@":
                return '{\n   "@value": ' + string + ',\n   "@language": "' + rest[1:] + '"\n  }'
            datatype = encode_basestring(self.compact[rest[3:-1]])
            return '{\n   "@value": ' + string + ',\n   "@type": ' + datatype + "\n  }"
        v = self.value(term)
        if type(v) is str:
            return encode_basestring(v)
        esc = encode_basestring
        inner = ",\n   ".join(f"{esc(k)}: {esc(x)}" for k, x in v.items())
        return "{\n   " + inner + "\n  }"


class _IriText(dict[str, str]):
    """IRI or blank node term -> its ``{"@id": ...}`` object as indent-1 text (cached)."""

    def __init__(self, values: _Values) -> None:
        super().__init__()
        self.ref = values.ref

    def __missing__(self, term: str) -> str:
        found = self[term] = '{\n   "@id": ' + encode_basestring(self.ref(term)) + "\n  }"
        return found


def _names(obj: _Node, compact: _Compact) -> list[tuple[str, str]]:
    """(compact name, predicate term) of a node object's properties, sorted by name."""
    return sorted((compact[p[1:-1]], p) for p in obj if p != "@type")


def _literals_text(objs: Sequence[str], values: _Values) -> str:
    """The indent-1 texts of object terms (`_Values.text`) joined as a JSON list's items.

    When no body needs re-spelling, each literal's JSON string is cut from its term as it
    is; a list of literals of one language (labels: most lists) is made by two replaces
    on the terms joined by line breaks (which a body then never holds raw, so a closing
    quote, the tag and a line break meet only between two terms).
    """
    if not _is_json("".join(objs)):
        return ",\n  ".join([values.text(o) for o in objs])
    joined = "\n".join(objs)
    first = objs[0]
    if first[0] == '"':
        tail = first[first.rindex('"') + 1 :]
        close = '"' + tail
        if (
            tail[:1] == "@"
            and joined.endswith(close)
            and joined.count(close + "\n") == len(objs) - 1
        ):
            lang = ',\n   "@language": "' + tail[1:] + '"\n  }'
            inner = joined[: -len(tail)].replace(close + "\n", '"' + lang + ',\n  {\n   "@value": ')
            return '{\n   "@value": ' + inner + lang
    iri_text = values.iri_text
    compact = values.compact
    out: list[str] = []
    add = out.append
    for term in objs:
        if term[0] != '"':
            add(iri_text[term])
            continue
        end = term.rindex('"') + 1
        if end == len(term):
            add(term)
        elif term[end] == "@":
            add(
                '{\n   "@value": '
                + term[:end]
                + ',\n   "@language": "'
                + term[end + 1 :]
                + '"\n  }'
            )
        elif term[end + 3 : -1] == vocab.XSD_STRING:
            add(term[:end])
        else:
            datatype = encode_basestring(compact[term[end + 3 : -1]])
            add('{\n   "@value": ' + term[:end] + ',\n   "@type": ' + datatype + "\n  }")
    return ",\n  ".join(out)


class _Heads(dict[str, tuple[str, str]]):
    """Predicate term -> (compact name, the text opening its property: ``"name": [``)."""

    def __init__(self, compact: _Compact) -> None:
        super().__init__()
        self.compact = compact

    def __missing__(self, p: str) -> tuple[str, str]:
        name = self.compact[p[1:-1]]
        found = self[p] = (name, f" {encode_basestring(name)}: [\n  ")
        return found


def _node_text(key: str, obj: _Node, values: _Values, mixed: set[int]) -> str:
    """One node object as ``json.dumps(head, ensure_ascii=False, indent=1)`` writes it."""
    parts = [f' "@id": {encode_basestring(values.ref(key))}']
    types = obj.get("@type")
    if types is not None:
        parts.append(values.types_text(types))
    heads = values.heads
    iri_text = values.iri_text.__getitem__
    for _, head, p in sorted([(*heads[p], p) for p in obj if p != "@type"]):
        objs = obj[p]
        if objs[0][0] != '"' and id(objs) not in mixed:  # IRIs and blank nodes only
            parts.append(head + ",\n  ".join(map(iri_text, objs)) + "\n ]")
        else:
            parts.append(head + _literals_text(objs, values) + "\n ]")
    return "{\n" + ",\n".join(parts) + "\n}"


def _node_object(key: str, obj: _Node, values: _Values) -> dict[str, Any]:
    """One node object as data (for an indent other than 1)."""
    compact = values.compact
    head: dict[str, Any] = {"@id": values.ref(key)}
    if "@type" in obj:
        head["@type"] = [compact[t[1:-1]] for t in obj["@type"]]
    for name, p in _names(obj, compact):
        head[name] = [values.value(o) for o in obj[p]]
    return head


def _chunks(graph: SkillGraph, cluster_level: int | None, indent: int | None) -> Iterator[bytes]:
    """The document, encoded a few thousand node objects at a time."""
    with paused_gc():  # strings, lists and dicts without cycles only
        subjects, terms, mixed = _subjects(graph_blocks(graph, cluster_level=cluster_level))
        context = _context(graph, terms)
        del terms
        values = _Values(_Compact(context))
        head = '{\n"@context": ' + json.dumps(context, ensure_ascii=False, indent=indent)
        buf = [head + ',\n"@graph": [']
        for i, (key, obj) in enumerate(subjects.items()):
            if indent == 1:
                node = _node_text(key, obj, values, mixed)
            else:
                node = json.dumps(_node_object(key, obj, values), ensure_ascii=False, indent=indent)
            buf.append((",\n" if i else "\n") + node)
            if len(buf) >= _CHUNK:
                yield encode("".join(buf), graph)
                buf.clear()
        buf.append("\n]\n}\n")
        yield encode("".join(buf), graph)


def write_jsonld(
    graph: SkillGraph,
    out: BinaryIO,
    *,
    cluster_level: int | None = None,
    indent: int | None = 1,
) -> None:
    """Write a compacted JSON-LD document with a local ``@context`` (no remote context).

    One node object per subject, in output order; properties sorted; written as a stream.

    Raises:
        InvalidValueError: a value cannot be written (an invalid language tag, a lone
            surrogate, two node ids standing for one IRI).
    """
    for chunk in _chunks(graph, cluster_level, indent):
        out.write(chunk)
