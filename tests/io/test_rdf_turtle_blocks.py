"""The Turtle serialiser of blocks: the exact text it writes, and that it parses back."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.compare import isomorphic

from skillgraph.io.rdf import _blocks
from skillgraph.io.rdf import _vocab as vocab
from skillgraph.io.rdf._blocks import Block
from skillgraph.io.rdf._turtle import _TurtleTerms, block_turtle_chunks

EX = "https://example.org/"
DEEP = "https://example.org/skill/"
TYPE = f"<{vocab.TYPE}>"
LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
PREFIXES = {"ex": EX, "sk": DEEP, "skos": "http://www.w3.org/2004/02/skos/core#"}

BLOCKS: list[Block] = [
    (
        f"<{DEEP}python>",
        [
            (TYPE, [f"<{EX}Skill>", f"<{EX}Thing>"]),
            (LABEL, ['"Python"@en', '"Py"@en']),
            (f"<{EX}related>", [f"<{DEEP}sql>"]),
            (f"<{EX}related>", [f"<{DEEP}git>"]),  # the same predicate again: more objects
        ],
    ),
    (
        f"<{EX}role/dev>",
        [
            (f"<{EX}needs>", [TYPE]),  # rdf:type as an object is not written "a"
            (f"<{EX}odd>", [f"<{EX}a b>", f"<{EX}-x>"]),  # not prefixable local names
            (f"<{EX}note>", ['"line\\nbreak"', '"3"^^<http://www.w3.org/2001/XMLSchema#int>']),
        ],
    ),
    ("_:b0", [(LABEL, ['"blank"'])]),
]

EXPECTED = (
    "@prefix ex: <https://example.org/> .\n"
    "@prefix sk: <https://example.org/skill/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "sk:python a ex:Skill , ex:Thing ;\n"
    '\tskos:prefLabel "Python"@en , "Py"@en ;\n'
    "\tex:related sk:sql , sk:git .\n"
    "ex:role\\/dev ex:needs <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ;\n"
    "\tex:odd <https://example.org/a b> , <https://example.org/-x> ;\n"
    '\tex:note "line\\nbreak" , "3"^^<http://www.w3.org/2001/XMLSchema#int> .\n'
    '_:b0 skos:prefLabel "blank" .\n'
)


def _turtle(blocks: list[Block], prefixes: dict[str, str]) -> str:
    return b"".join(block_turtle_chunks(blocks, prefixes, None)).decode()


def test_blocks_write_this_exact_text() -> None:
    """The longest namespace names an IRI; "/" is escaped in a local name; a local name the
    pattern does not allow stays a full IRI; "a" stands for rdf:type as predicate only."""
    assert _turtle(BLOCKS, PREFIXES) == EXPECTED


def test_no_blocks_write_the_prefixes_alone() -> None:
    assert _turtle([], {"ex": EX}) == "@prefix ex: <https://example.org/> .\n"
    assert _turtle([], {}) == ""


def test_chunks_join_to_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_blocks, "CHUNK", 1)
    chunks = list(block_turtle_chunks(BLOCKS, PREFIXES, None))
    assert len(chunks) == len(BLOCKS) + 1  # one a subject, then the closing " .\n"
    assert b"".join(chunks).decode() == EXPECTED


def test_the_text_parses_to_the_triples_of_the_blocks() -> None:
    safe = [b for b in BLOCKS if b[0] != f"<{EX}role/dev>"]  # rdflib refuses "a b" in an IRI
    nt = "".join(f"{s} {p} {o} .\n" for s, groups in safe for p, objs in groups for o in objs)
    want = rdflib.Graph().parse(data=nt, format="nt")
    got = rdflib.Graph().parse(data=_turtle(safe, PREFIXES), format="turtle")
    assert isomorphic(want, got)
    assert len(got) == 7


def test_a_subject_is_named_as_the_cache_names_it_without_being_kept() -> None:
    """Subjects are named by `of` (each subject's statement comes once: not cached), the
    same Turtle term the cache gives; the cache keeps IRIs only."""
    for t in (f"<{EX}role/dev>", f"<{DEEP}python>", f"<{EX}a b>", "_:b0", '"x"@en'):
        terms = _TurtleTerms(PREFIXES)
        named = terms.of(t)
        assert not terms
        assert terms[t] == named
        assert list(terms) == ([t] if t[0] == "<" else [])
    assert _TurtleTerms(PREFIXES).of(f"<{EX}role/dev>") == "ex:role\\/dev"
