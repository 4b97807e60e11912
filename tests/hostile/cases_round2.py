"""Second red-team round (issue 17): the bad inputs, all built at test time.

Each builder starts from a valid small input of ``corpus/valid`` or ``corpus/<reader>/base``
and changes one thing; the :class:`~tests.hostile.cases.Bad` case states the error class,
the message phrase, the file and the line or field the message must name. They join
:data:`tests.hostile.cases.BAD`, so every test of ``test_corpus.py`` runs on them too (library
error, CLI ``convert`` and ``validate``: exit 1, no traceback, no output, input unchanged).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from skillgraph.errors import FormatError, ResourceLimitError, UnsafeInputError

from .cases import CORPUS, TINY, Bad, Builder, _base, _replace_in, _tiny_with

F, R, U = FormatError, ResourceLimitError, UnsafeInputError


def _line(data: bytes, needle: bytes) -> int:
    return data[: data.index(needle)].count(b"\n") + 1


def _tiny_line(reader: str, needle: bytes) -> int:
    return _line(TINY[reader].read_bytes(), needle)


# ----------------------------------------------------------------- native JSON (items 4, 5, 7)
def _native_doc_with(name: str, change: dict[str, object]) -> Builder:
    """The tiny native document with top-level keys replaced (written as the writer does)."""

    def build(tmp: Path) -> Path:
        doc = json.loads(TINY["native"].read_text(encoding="utf-8"))
        doc.update(change)
        out = tmp / name
        out.write_text(json.dumps(doc, indent=2), encoding="utf-8")
        return out

    return build


_GIT = b'"label": "Git",'
_GIT_LINE = _tiny_line("native", _GIT)


def _duplicate_skills_key(tmp: Path) -> Path:
    """Two ``skills`` keys: Python's json keeps the last list, the first is lost."""
    data = TINY["native"].read_bytes()
    out = tmp / "duplicate-key.json"
    out.write_bytes(data.replace(b'  "roles": [', b'  "skills": [],\n  "roles": [', 1))
    return out


def _duplicate_key_line() -> int:
    return _tiny_line("native", b'  "roles": [')


# extra triples in the project's vocabulary (item 7)
_EX = "https://example.org/"
_SG = "https://w3id.org/skillgraph/vocab#"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_EXTRA_REQUIREMENT = [
    ["_:r", _RDF_TYPE, f"<{_SG}Requirement>"],
    ["_:r", f"<{_SG}role>", f"<{_EX}role/dev>"],
    ["_:r", f"<{_SG}skill>", f"<{_EX}skill/sql>"],
    ["_:r", f"<{_SG}essential>", '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'],
    ["_:r", f"<{_SG}importance>", '"1.0"^^<http://www.w3.org/2001/XMLSchema#double>'],
]
_EXTRA_RETYPE = [
    [f"<{_EX}skill/git>", _RDF_TYPE, "<http://data.europa.eu/esco/Occupation>"],
]
_EXTRA_DECLARE = [
    [f"<{_EX}skill/new>", _RDF_TYPE, "<http://data.europa.eu/esco/Skill>"],
]
_EXTRA_RETYPE_MODEL = [  # the same in ESCO's model namespace (esco: since issue 21)
    [f"<{_EX}skill/git>", _RDF_TYPE, "<http://data.europa.eu/esco/model#Occupation>"],
]
_EXTRA_INVERSE = [  # ESCO's inverse relation: read back as a requirement of ex:role/dev
    [
        f"<{_EX}skill/git>",
        "<http://data.europa.eu/esco/model#isEssentialSkillFor>",
        f"<{_EX}role/dev>",
    ],
]
_EXTRA_EDGE = [
    [f"<{_EX}skill/git>", "<http://www.w3.org/2004/02/skos/core#broader>", f"<{_EX}skill/sql>"],
]


# ----------------------------------------------------------------- Turtle / N-Triples (item 6)
def _turtle_append(name: str, text: str) -> Builder:
    def build(tmp: Path) -> Path:
        out = tmp / name
        out.write_bytes(TINY["turtle"].read_bytes() + text.encode("utf-8"))
        return out

    return build


_TTL_LINES = TINY["turtle"].read_bytes().count(b"\n")
_GIT_TTL_LINE = _tiny_line("turtle", b"ex:skill\\/git")  # its first mention
_IMPOSTOR_ENCODED = (
    "<https://w3id.org/skillgraph/id/ex%3Askill%2Fgit> a esco:Skill ;\n"
    '\tskos:prefLabel "impostor"@en .\n'
)
_IMPOSTOR_RAW = '<ex:skill/git> a esco:Skill ;\n\tskos:prefLabel "impostor"@en .\n'


def _nt_with(name: str, line: str) -> Builder:
    def build(tmp: Path) -> Path:
        out = tmp / name
        out.write_bytes(TINY["ntriples"].read_bytes() + line.encode("utf-8"))
        return out

    return build


_NT_LINES = TINY["ntriples"].read_bytes().count(b"\n")


# ----------------------------------------------------------------- O*NET and ESCO (item 5)
def _onet_with(name: str, file: str, old: str, new: str, *, append: str = "") -> Builder:
    def build(tmp: Path) -> Path:
        folder = _base("onet", tmp, name)
        if old:
            _replace_in(folder / file, old, new)
        if append:
            with (folder / file).open("a", encoding="utf-8") as fh:
                fh.write(append)
        return folder

    return build


_SKILLS = (CORPUS / "onet" / "base" / "Skills.txt").read_text(encoding="utf-8")
_IM_ROW = _SKILLS.splitlines()[1]
_SKILLS_LINES = len(_SKILLS.splitlines())
_KNOWLEDGE_LINES = len(
    (CORPUS / "onet" / "base" / "Knowledge.txt").read_text(encoding="utf-8").splitlines()
)
# the Programming element of Skills.txt, rated again in Knowledge.txt
_AS_KNOWLEDGE = _IM_ROW.replace("15-1252.00", "15-2051.00") + "\n"


def _esco_with(name: str, file: str, old: str, new: str) -> Builder:
    def build(tmp: Path) -> Path:
        folder = _base("esco", tmp, name)
        _replace_in(folder / file, old, new)
        return folder

    return build


# ----------------------------------------------------------------- symbolic links (item 14)
def _esco_link_out(tmp: Path) -> Path:
    """skills_en.csv is a link to a file outside the release folder."""
    folder = _base("esco", tmp, "link-outside")
    outside = tmp / "secret.csv"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "skills_en.csv").unlink()
    os.symlink(outside, folder / "skills_en.csv")
    return folder


def _onet_link_out(tmp: Path) -> Path:
    folder = _base("onet", tmp, "link-outside")
    outside = tmp / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "Skills.txt").unlink()
    os.symlink(outside, folder / "Skills.txt")
    return folder


# ----------------------------------------------------------------- RDF/XML and limits (8, 9, 11)
_RDF_OPEN = (
    b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
)


def _bytes_file(name: str, make: Callable[[], bytes]) -> Builder:
    def build(tmp: Path) -> Path:
        out = tmp / name
        out.write_bytes(make())
        return out

    return build


def _laughs_after_a_mib() -> bytes:
    """A billion-laughs DOCTYPE after a comment of more than 1 MiB."""
    lol = "".join(
        f'<!ENTITY l{i} "{"".join(f"&l{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    )
    return (
        b'<?xml version="1.0"?>\n<!--' + b"x" * (1024 * 1024 + 10) + b"-->\n"
        b'<!DOCTYPE r [<!ENTITY l0 "lol">' + lol.encode() + b"]>\n"
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description rdf:about="http://e.org/a"><rdf:value>&l9;</rdf:value>'
        b"</rdf:Description></rdf:RDF>\n"
    )


def _deep_rdfxml() -> bytes:
    """100,000 nested elements (the parser took 103 s)."""
    return _RDF_OPEN + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</rdf:RDF>\n"


def _huge_xml_text() -> bytes:
    """A 17 MiB literal: RDF/XML had no token limit."""
    return (
        _RDF_OPEN
        + b'\n<rdf:Description rdf:about="http://e.org/a"><rdf:value>'
        + b"x" * (17 * 1024**2)
        + b"</rdf:value></rdf:Description></rdf:RDF>\n"
    )


def _turtle_list() -> bytes:
    """A 2 MB Turtle list of a million items: two million triples (1.5-1.9 GB)."""
    return b"<http://e.org/a> <http://e.org/p> (" + b"1 " * 1_000_000 + b") .\n"


def _repeated_objects() -> bytes:
    """300,000 objects of one subject and predicate in 600 KB of Turtle (``1,1,1…``): the
    parser yields a triple for each, though they are one."""
    return b"<http://e.org/a> <http://e.org/p> " + b"1," * 299_999 + b"1 .\n"


def _long_line_zip(tmp: Path) -> Path:
    """A zip member of one 20 MB line, compressed about 2:1 (under the zip-bomb ratio)."""
    import zipfile

    out = tmp / "long-line.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted((CORPUS / "esco" / "base").iterdir()):
            if f.name != "skills_en.csv":
                zf.write(f, f.name)
        head = (CORPUS / "esco" / "base" / "skills_en.csv").read_bytes().split(b"\n", 1)[0]
        zf.writestr("skills_en.csv", head + b"\n" + os.urandom(10 * 1024**2).hex().encode())
    return out


def _fifo_member(tmp: Path) -> Path:
    folder = _base("esco", tmp, "fifo-member")
    (folder / "skills_en.csv").unlink()
    os.mkfifo(folder / "skills_en.csv")
    return folder


ROUND2: list[Bad] = [
    # item 4: NaN and infinities
    Bad(
        "native/nan-attribute.json",
        F,
        "NaN is not a finite number",
        line=_GIT_LINE,
        build=_tiny_with(
            "native", _GIT, _GIT + b' "attributes": {"x": NaN},', "nan-attribute.json"
        ),
    ),
    Bad(
        "native/minus-infinity.json",
        F,
        "-Infinity is not a finite number",
        line=_GIT_LINE,
        build=_tiny_with(
            "native", _GIT, _GIT + b' "attributes": {"x": -Infinity},', "minus-infinity.json"
        ),
    ),
    Bad(
        "native/overflow-1e400.json",
        F,
        "1e400 is not a finite number",
        line=_tiny_line("native", b'"importance": 0.9'),
        build=_tiny_with(
            "native", b'"importance": 0.9', b'"importance": 1e400', "overflow-1e400.json"
        ),
    ),
    Bad(
        "jsonld/nan.jsonld",
        F,
        "NaN is not a finite number",
        line=_tiny_line("jsonld", b'"Python"'),
        build=_tiny_with(
            "jsonld", b'"Python"', b'"Python", "https://example.org/n": NaN', "nan.jsonld"
        ),
    ),
    # item 5: silent overwrites
    Bad(
        "native/duplicate-key.json",
        F,
        "the key 'skills' appears twice",
        line=_duplicate_key_line(),
        build=_duplicate_skills_key,
    ),
    Bad(
        "onet/contradicting-im",
        F,
        "a second IM rating of '2.A.2.b'",
        "Skills.txt",
        _SKILLS_LINES + 1,
        "Data Value",
        build=_onet_with(
            "contradicting-im",
            "Skills.txt",
            "",
            "",
            append=_IM_ROW.replace("\t5.00\t", "\t1.50\t") + "\n",
        ),
    ),
    Bad(
        "onet/skill-and-knowledge",
        F,
        "not both",
        "Knowledge.txt",
        _KNOWLEDGE_LINES + 1,
        "Element ID",
        build=_onet_with("skill-and-knowledge", "Knowledge.txt", "", "", append=_AS_KNOWLEDGE),
    ),
    Bad(
        "onet/fullwidth-digits",
        F,
        "not a number: '\uff15.00'",
        "Skills.txt",
        2,
        "Data Value",
        build=_onet_with("fullwidth-digits", "Skills.txt", "\t5.00\t", "\t\uff15.00\t"),
    ),
    Bad(
        "onet/underscore-number",
        F,
        "not a number: '4_0e-1'",
        "Skills.txt",
        2,
        "Data Value",
        build=_onet_with("underscore-number", "Skills.txt", "\t5.00\t", "\t4_0e-1\t"),
    ),
    Bad(
        "onet/arabic-indic-code",
        F,
        "invalid O*NET-SOC code",
        "Skills.txt",
        2,
        "O*NET-SOC Code",
        build=_onet_with("arabic-indic-code", "Skills.txt", "15-1252.00", "\u0661\u0665-1252.00"),
    ),
    Bad(
        "esco/arabic-indic-isco",
        F,
        "invalid ISCO-08 unit group",
        "occupations_en.csv",
        3,  # the row's last line (its alt labels span two lines)
        "iscoGroup",
        build=_esco_with(
            "arabic-indic-isco", "occupations_en.csv", ",2511,", ",\u0662\u0665\u0661\u0661,"
        ),
    ),
    # item 6: two IRIs for one node id
    Bad(
        "turtle/encoded-iri-collision.ttl",
        F,
        "both stand for the node id 'ex:skill/git'",
        line=_TTL_LINES + 1,
        build=_turtle_append("encoded-iri-collision.ttl", _IMPOSTOR_ENCODED),
    ),
    Bad(
        "turtle/raw-iri-collision.ttl",
        F,
        f"<https://example.org/skill/git> (line {_GIT_TTL_LINE})",
        line=_TTL_LINES + 1,
        build=_turtle_append("raw-iri-collision.ttl", _IMPOSTOR_RAW),
    ),
    Bad(
        "ntriples/encoded-iri-collision.nt",
        F,
        "both stand for the node id",
        line=_NT_LINES + 1,
        build=_nt_with(
            "encoded-iri-collision.nt",
            "<https://w3id.org/skillgraph/id/ex%3Askill%2Fgit> "
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            "<http://data.europa.eu/esco/Skill> .\n"
            "<https://w3id.org/skillgraph/id/ex%3Askill%2Fgit> "
            '<http://www.w3.org/2004/02/skos/core#prefLabel> "impostor"@en .\n',
        ),
    ),
    # item 7: extra triples in the project's own vocabulary
    Bad(
        "native/extra-forms-requirement.json",
        F,
        "form a requirement of 'ex:role/dev' for 'ex:skill/sql'",
        field="extra_triples[0]",
        build=_native_doc_with(
            "extra-forms-requirement.json", {"extra_triples": _EXTRA_REQUIREMENT}
        ),
    ),
    Bad(
        "native/extra-retypes-node.json",
        F,
        "is read back as part of the graph",
        field="extra_triples[0]",
        build=_native_doc_with("extra-retypes-node.json", {"extra_triples": _EXTRA_RETYPE}),
    ),
    Bad(
        "native/extra-declares-node.json",
        F,
        "cannot declare a node",
        field="extra_triples[0]",
        build=_native_doc_with("extra-declares-node.json", {"extra_triples": _EXTRA_DECLARE}),
    ),
    Bad(
        "native/extra-retypes-node-model.json",
        F,
        "is read back as part of the graph",
        field="extra_triples[0]",
        build=_native_doc_with(
            "extra-retypes-node-model.json", {"extra_triples": _EXTRA_RETYPE_MODEL}
        ),
    ),
    Bad(
        "native/extra-inverse-relation.json",
        F,
        "is read back as part of the graph",
        field="extra_triples[0]",
        build=_native_doc_with("extra-inverse-relation.json", {"extra_triples": _EXTRA_INVERSE}),
    ),
    # item 8: billion laughs past the first MiB
    Bad(
        "rdfxml/laughs-after-a-mib.rdf",
        R,
        "billion laughs",
        line=3,
        build=_bytes_file("laughs-after-a-mib.rdf", _laughs_after_a_mib),
    ),
    # item 9: limits applied while streaming
    Bad(
        "rdfxml/huge-text.rdf",
        R,
        "longer than 16 MiB",
        line=3,
        build=_bytes_file("huge-text.rdf", _huge_xml_text),
    ),
    Bad(
        "turtle/million-item-list.ttl",
        R,
        "more than one triple per 8 bytes",
        build=_bytes_file("million-item-list.ttl", _turtle_list),
    ),
    Bad(
        "turtle/repeated-objects.ttl",
        R,
        "more than one triple per 8 bytes",
        build=_bytes_file("repeated-objects.ttl", _repeated_objects),
    ),
    Bad(
        "esco/long-line.zip",
        R,
        "a line is longer than 1048576 characters",
        "skills_en.csv",
        2,
        build=_long_line_zip,
    ),
    # item 11: RDF/XML nesting
    Bad(
        "rdfxml/deep-nesting.rdf",
        R,
        "nested more than 1000 deep",
        line=2,
        build=_bytes_file("deep-nesting.rdf", _deep_rdfxml),
    ),
    # item 14: release members that resolve outside the folder; item 19: not regular files
    Bad(
        "esco/link-outside",
        U,
        "outside the release folder",
        "skills_en.csv",
        build=_esco_link_out,
    ),
    Bad(
        "onet/link-outside",
        U,
        "outside the release folder",
        "Skills.txt",
        build=_onet_link_out,
    ),
    Bad("esco/fifo-member", F, "is a FIFO", "skills_en.csv", build=_fifo_member),
    Bad(
        "native/extra-adds-edge.json",
        F,
        "is read back as part of the graph",
        field="extra_triples[0]",
        build=_native_doc_with("extra-adds-edge.json", {"extra_triples": _EXTRA_EDGE}),
    ),
]


#: Phrases of the cases above that are the offending value: what the catalogue lists.
KIND = {
    f"<https://example.org/skill/git> (line {_GIT_TTL_LINE})": (
        "<https://example.org/skill/git> (line 32)"
    ),
}
