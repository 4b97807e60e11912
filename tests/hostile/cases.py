"""The hostile corpus: every bad input, the error it must raise and where the message points.

Files live in ``corpus/<reader>/``: one file per case for the single-file formats, and for
the folder formats (ESCO, O*NET) a folder of replacement files laid over ``corpus/esco/base``
or ``corpus/onet/base`` (valid small releases). Inputs that are large (10 MB labels, zip
bombs, deep nesting) or need the zip writer (zip-slip names, symbolic links) are built on
the fly by the ``build`` function of their case, never committed.

Each :class:`Bad` case states the exact error class, a phrase of the message, the file the
message must name and the line or field it must point at. :data:`ACCEPTED` lists the
hostile-looking inputs a reader deliberately accepts (UTF-8 byte order marks, NUL
characters in CSV text, 10 MB labels), each with the check that nothing was lost.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from skillgraph.errors import (
    FormatError,
    ResourceLimitError,
    SkillGraphError,
    UnsafeInputError,
    UnsupportedFormatError,
)

CORPUS = Path(__file__).resolve().parent / "corpus"
VALID = CORPUS / "valid"

#: Reader folder in the corpus -> registry format name.
READERS = {
    "native": "json",
    "turtle": "turtle",
    "ntriples": "ntriples",
    "jsonld": "jsonld",
    "rdfxml": "rdfxml",
    "esco": "esco",
    "onet": "onet",
}
#: Reader folder -> the valid tiny file of that syntax (single-file formats).
TINY = {
    "native": VALID / "tiny.json",
    "turtle": VALID / "tiny.ttl",
    "ntriples": VALID / "tiny.nt",
    "jsonld": VALID / "tiny.jsonld",
    "rdfxml": VALID / "tiny.rdf",
}

Builder = Callable[[Path], Path]


@dataclass(frozen=True)
class Bad:
    """One bad input and what reading it must raise.

    ``id`` is ``<reader>/<name>``: the corpus file ``corpus/<reader>/<name>`` (a file, or an
    overlay folder for ESCO and O*NET) unless ``build`` makes the input in a temporary folder.
    ``file`` is the base name the message must contain (default: the input's own name);
    ``line`` and ``field`` where it must point (``"line N"`` / ``field`` verbatim).
    """

    id: str
    error: type[SkillGraphError]
    says: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    build: Builder | None = None
    fmt: str | None = None

    @property
    def reader(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def format(self) -> str | None:
        """The format to read with: ``fmt`` (``"detect"``: none, detect it), else the reader's."""
        if self.fmt == "detect":
            return None
        return self.fmt or READERS[self.reader]


def materialise(case: Bad | Accepted, tmp: Path) -> Path:
    """Lay the input of ``case`` out under ``tmp``; return the path to read."""
    tmp.mkdir(parents=True, exist_ok=True)
    if case.build is not None:
        return case.build(tmp)
    reader, name = case.id.split("/", 1)
    src = CORPUS / reader / name
    if src.is_dir():
        dst = tmp / name
        shutil.copytree(CORPUS / reader / "base", dst)
        for f in src.iterdir():
            shutil.copyfile(f, dst / f.name)
        return dst
    dst = tmp / src.name
    shutil.copyfile(src, dst)
    return dst


# ------------------------------------------------------------------------------ builders
def _base(reader: str, tmp: Path, name: str) -> Path:
    dst = tmp / name
    shutil.copytree(CORPUS / reader / "base", dst)
    return dst


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _tiny_with(reader: str, old: bytes, new: bytes, name: str) -> Builder:
    def build(tmp: Path) -> Path:
        data = TINY[reader].read_bytes()
        assert old in data, (reader, old)
        out = tmp / name
        out.write_bytes(data.replace(old, new, 1))
        return out

    return build


def _deep_native(tmp: Path) -> Path:
    out = tmp / "deep-nesting.json"
    out.write_bytes(b'{"skillgraph": 1, "metadata": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    return out


def _deep_jsonld(tmp: Path) -> Path:
    out = tmp / "deep-nesting.jsonld"
    out.write_bytes(b'{"@context": {}, "@graph": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}")
    return out


HUGE = 10_000_000  #: characters of an "enormous" label
TOO_HUGE = 20_000_000  #: characters beyond the RDF parsers' 16 MiB token limit


def _esco_huge_label(tmp: Path) -> Path:
    folder = _base("esco", tmp, "huge-label")
    _replace_in(folder / "skills_en.csv", "touch typing", "t" * HUGE)
    return folder


def _onet_huge_label(tmp: Path) -> Path:
    folder = _base("onet", tmp, "huge-label")
    _replace_in(folder / "Occupation Data.txt", "Analyse data.", "a" * HUGE)
    return folder


def _esco_zip(tmp: Path, name: str, extra: dict[str, bytes] | None = None) -> Path:
    """The base release as one zip, plus ``extra`` members."""
    out = tmp / name
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted((CORPUS / "esco" / "base").iterdir()):
            zf.write(f, f.name)
        for member, data in (extra or {}).items():
            zf.writestr(member, data)
    return out


def _zip_bomb(tmp: Path) -> Path:
    """A member of 64 MiB of zeros, compressed about 1000:1."""
    out = tmp / "bomb.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted((CORPUS / "esco" / "base").iterdir()):
            zf.write(f, f.name)
        zf.writestr("skillSkillRelations_bomb.csv", bytes(64 * 1024**2))
    return out


def _zip_slip(member: str, name: str) -> Builder:
    def build(tmp: Path) -> Path:
        return _esco_zip(tmp, name, {member: b"conceptUri\nx\n"})

    return build


def _zip_symlink(tmp: Path) -> Path:
    out = _esco_zip(tmp, "symlink.zip")
    with zipfile.ZipFile(out, "a") as zf:
        info = zipfile.ZipInfo("skillGroups_link.csv")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    return out


def _zip_too_many(tmp: Path) -> Path:
    out = tmp / "many.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for i in range(10_001):
            zf.writestr(f"x/{i}.csv", b"")
    return out


def _zip_truncated(tmp: Path) -> Path:
    full = _esco_zip(tmp, "full.zip")
    out = tmp / "truncated.zip"
    data = full.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    full.unlink()
    return out


def _zip_relations_only(tmp: Path) -> Path:
    out = tmp / "relations-only.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted((CORPUS / "esco" / "base").iterdir()):
            if not f.name.endswith("_en.csv"):
                zf.write(f, f.name)
    return out


def _empty_folder(name: str) -> Builder:
    def build(tmp: Path) -> Path:
        out = tmp / name
        out.mkdir()
        return out

    return build


def _turtle_too_huge(tmp: Path) -> Path:
    out = tmp / "huge-literal.ttl"
    data = TINY["turtle"].read_bytes()
    out.write_bytes(data.replace(b'"Python"@en', b'"' + b"P" * TOO_HUGE + b'"@en', 1))
    return out


def _jsonld_too_huge(tmp: Path) -> Path:
    out = tmp / "huge-literal.jsonld"
    data = TINY["jsonld"].read_bytes()
    out.write_bytes(data.replace(b'"Python"', b'"' + b"P" * TOO_HUGE + b'"', 1))
    return out


# ------------------------------------------------------------------------------ bad inputs
F, R, U = FormatError, ResourceLimitError, UnsafeInputError
BAD: list[Bad] = [
    # ---------------------------------------------------------------- native JSON
    Bad("native/empty.json", F, "empty file"),
    Bad("native/whitespace.json", F, "empty file"),
    Bad("native/truncated.json", F, "invalid JSON", line=74),
    Bad("native/utf16.json", F, "UTF-16", line=1),
    Bad("native/latin1.json", F, "not UTF-8", line=33),
    Bad("native/nul-byte.json", F, "Invalid control character", line=28),
    Bad("native/not-an-object.json", F, '"skillgraph": 1'),
    Bad("native/version-2.json", F, "Input should be 1", field="skillgraph"),
    Bad("native/missing-label.json", F, "Field required", field="roles[1]"),
    Bad("native/unknown-field.json", F, "colour", field="skills[2]"),
    Bad("native/wrong-type.json", F, "must be a number", field="requires[1]"),
    Bad(
        "native/duplicate-id.json",
        F,
        "declared twice in the file",
        field="skills[3]",
    ),
    Bad(
        "native/duplicate-id-across-types.json",
        F,
        "declared twice in the file",
        field="roles[2]",
    ),
    Bad("native/dangling-requirement.json", F, "not in the graph", field="requires[3]"),
    Bad("native/broader-cycle.json", F, "closes a cycle", field="broader[1]"),
    Bad("native/cluster-cycle.json", F, "closes a cycle", field="clusters[1]"),
    Bad("native/prerequisite-cycle.json", F, "closes a cycle", field="prerequisites[1]"),
    Bad("native/prerequisite-self.json", F, "its own prerequisite", field="prerequisites[1]"),
    Bad("native/importance-above-1.json", F, "must be in [0, 1]", field="requires[2]"),
    Bad("native/importance-negative.json", F, "must be in [0, 1]", field="requires[0]"),
    Bad("native/importance-nan.json", F, "not a finite number", line=70),
    Bad("native/id-with-space.json", F, "white space", field="skills[1]"),
    # an extra triple's literal that would add a triple of its own to every RDF output
    Bad(
        "native/extra-triple-injection.json", F, "not one N-Triples term", field="extra_triples[1]"
    ),
    Bad("native/huge-integer.json", R, "4300 digits", line=53),
    Bad("native/lone-surrogate.json", F, "lone surrogate", field="skills[1].label"),
    Bad("native/deep-nesting.json", R, "nested too deeply", build=_deep_native),
    # ---------------------------------------------------------------- Turtle
    Bad("turtle/truncated.ttl", F, "Unexpected end", line=25),
    Bad("turtle/utf16.ttl", F, "UTF-8", line=1),
    Bad("turtle/latin1.ttl", F, "Invalid UTF-8", line=39),
    Bad("turtle/undeclared-prefix.ttl", F, "has not been declared", line=14),
    Bad("turtle/importance-above-1.ttl", F, "must be in [0, 1]", field="importance"),
    Bad("turtle/broader-cycle.ttl", F, "closes a cycle", field="broader"),
    Bad("turtle/prerequisite-cycle.ttl", F, "closes a cycle", field="prerequisite"),
    Bad("turtle/duplicate-id.ttl", F, "several kinds of node", field="skill/git"),
    Bad("turtle/huge-literal.ttl", R, "16 MiB", build=_turtle_too_huge),
    # ---------------------------------------------------------------- N-Triples
    Bad("ntriples/truncated.nt", F, "Unexpected end of file", line=18),
    Bad("ntriples/relative-iri.nt", F, "absolute IRI", line=52),
    Bad("ntriples/nul-byte.nt", F, "string literals", line=33),
    # ---------------------------------------------------------------- JSON-LD
    Bad("jsonld/truncated.jsonld", F, "invalid JSON", line=120),
    Bad("jsonld/remote-context.jsonld", U, "never fetched", field="@context"),
    Bad("jsonld/nested-remote-context.jsonld", U, "evil.example.org/nested", field="@context"),
    Bad("jsonld/file-context.jsonld", U, "file:///etc/passwd", field="@context"),
    Bad("jsonld/import.jsonld", U, "@import", field="@import"),
    Bad("jsonld/bad-context.jsonld", F, "@context value must be", field="@context"),
    Bad("jsonld/huge-integer.jsonld", R, "4300 digits", line=1),
    Bad("jsonld/deep-nesting.jsonld", R, "nested too deeply", build=_deep_jsonld),
    Bad("jsonld/huge-literal.jsonld", R, "16 MiB", build=_jsonld_too_huge),
    # ---------------------------------------------------------------- RDF/XML
    Bad("rdfxml/billion-laughs.rdf", R, "billion laughs", line=4),
    Bad("rdfxml/external-entity-file.rdf", U, "file:///etc/passwd", line=3),
    Bad("rdfxml/external-entity-http.rdf", U, "http://evil.example.org/e.txt", line=3),
    Bad("rdfxml/external-dtd.rdf", U, "external DTD", line=2),
    Bad("rdfxml/parameter-entity.rdf", U, "http://evil.example.org/x.dtd", line=3),
    Bad("rdfxml/truncated.rdf", F, "not found before end of input", line=32),
    Bad("rdfxml/utf16.rdf", F, "UTF-16", line=1),
    Bad("rdfxml/undefined-entity.rdf", F, "unrecognized entity", line=48),
    # ---------------------------------------------------------------- ESCO CSV
    Bad("esco/missing-column", F, "missing column", "skills_en.csv", 1, "preferredLabel"),
    Bad("esco/ragged-row", F, "12 fields where the header has 13", "skills_en.csv", 6),
    Bad("esco/duplicate-id", F, "listed twice in the release", "skills_en.csv", 7, "conceptUri"),
    Bad("esco/empty-label", F, "empty label", "occupations_en.csv", 4, "preferredLabel"),
    Bad("esco/bad-isco-code", F, "'41X2'", "occupations_en.csv", 4, "iscoGroup"),
    Bad("esco/bad-skill-type", F, "'wisdom'", "skills_en.csv", 4, "skillType"),
    Bad(
        "esco/bad-relation-type",
        F,
        "'sometimes'",
        "occupationSkillRelations.csv",
        3,
        "relationType",
    ),
    Bad(
        "esco/broader-cycle",
        F,
        "closes a cycle",
        "broaderRelationsSkillPillar.csv",
        4,
        "broaderUri",
    ),
    Bad("esco/latin1", F, "not UTF-8", "skills_en.csv", 6),
    Bad("esco/utf16", F, "not UTF-8", "occupations_en.csv", 1),
    Bad("esco/unterminated-quote", F, "unexpected end of data", "skills_en.csv", 7),
    Bad("esco/empty-file", F, "empty file", "skills_en.csv", 1),
    Bad(
        "esco/huge-label",
        R,
        "CSV field limit",
        "skills_en.csv",
        6,
        build=_esco_huge_label,
    ),
    Bad("esco/empty-folder", F, "no CSV files", build=_empty_folder("empty-folder")),
    Bad("esco/bomb.zip", R, "zip bomb", field="skillSkillRelations_bomb.csv", build=_zip_bomb),
    Bad(
        "esco/zip-slip.zip",
        U,
        "climbs out",
        field="../../evil/skills_en.csv",
        build=_zip_slip("../../evil/skills_en.csv", "zip-slip.zip"),
    ),
    Bad(
        "esco/absolute-member.zip",
        U,
        "absolute member path",
        field="/etc/cron.d/skills_en.csv",
        build=_zip_slip("/etc/cron.d/skills_en.csv", "absolute-member.zip"),
    ),
    Bad(
        "esco/backslash-member.zip",
        U,
        "back slash",
        field="skills_en.csv",
        build=_zip_slip("..\\..\\skills_en.csv", "backslash-member.zip"),
    ),
    Bad(
        "esco/symlink.zip",
        U,
        "symbolic link",
        field="skillGroups_link.csv",
        build=_zip_symlink,
    ),
    Bad("esco/many.zip", R, "members, more than the limit", build=_zip_too_many),
    Bad("esco/truncated.zip", F, "not a readable zip archive", build=_zip_truncated),
    Bad(
        "esco/relations-only.zip",
        F,
        "only relation files were given",
        build=_zip_relations_only,
    ),
    # ---------------------------------------------------------------- O*NET text
    Bad("onet/missing-column", F, "missing column", "Skills.txt", 1, "Data Value"),
    Bad("onet/bad-code", F, "'43-9021'", "Occupation Data.txt", 4, "O*NET-SOC Code"),
    Bad(
        "onet/duplicate-occupation",
        F,
        "listed twice",
        "Occupation Data.txt",
        5,
        "O*NET-SOC Code",
    ),
    Bad(
        "onet/importance-out-of-range",
        F,
        "outside the scale's range",
        "Skills.txt",
        2,
        "Data Value",
    ),
    Bad("onet/not-a-number", F, "not a number", "Knowledge.txt", 2, "Data Value"),
    Bad("onet/bad-job-zone", F, "invalid Job Zone", "Job Zones.txt", 2, "Job Zone"),
    Bad("onet/bad-flag", F, "expected Y or N", "Technology Skills.txt", 3, "Hot Technology"),
    Bad("onet/ragged-row", F, "4 fields where the header has 5", "Job Zones.txt", 2),
    Bad("onet/latin1", F, "not UTF-8", "Occupation Data.txt", 3),
    Bad("onet/utf16", F, "not UTF-8", "Skills.txt", 1),
    Bad("onet/empty-file", F, "empty file", "Occupation Data.txt", 1),
    Bad(
        "onet/huge-label",
        R,
        "CSV field limit",
        "Occupation Data.txt",
        3,
        build=_onet_huge_label,
    ),
    Bad("onet/empty-folder", F, "an empty folder", build=_empty_folder("empty-folder")),
    # ---------------------------------------------------------------- recognition
    Bad(
        "native/empty-folder-any-format",
        UnsupportedFormatError,
        "cannot recognise",
        build=_empty_folder("empty-folder-any-format"),
        fmt="detect",
    ),
]


@dataclass(frozen=True)
class Accepted:
    """A hostile-looking input a reader deliberately accepts.

    ``same_as`` names the valid input whose graph it must equal (None: check ``expect``).
    ``warns``: the warning class reading must emit (None: none required).
    """

    id: str
    same_as: str | None
    warns: type[Warning] | None = None
    build: Builder | None = None
    label: tuple[str, int] | None = None  #: (node id, label length) to check

    @property
    def reader(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def format(self) -> str:
        return READERS[self.reader]


def _huge(reader: str, old: bytes, name: str) -> Builder:
    return _tiny_with(reader, old, old[:1] + b"P" * HUGE + old[-1:], name)


ACCEPTED: list[Accepted] = [
    # A UTF-8 byte order mark is harmless: every reader accepts it.
    Accepted("native/bom.json", "native"),
    Accepted("turtle/bom.ttl", "turtle"),
    Accepted("ntriples/bom.nt", "ntriples"),
    Accepted("jsonld/bom.jsonld", "jsonld"),
    Accepted("rdfxml/bom.rdf", "rdfxml"),
    Accepted("esco/bom", "esco"),
    Accepted("onet/bom", "onet"),
    # An empty RDF document is the empty graph (what writing an empty SkillGraph gives).
    Accepted("turtle/empty.ttl", None),
    # NUL characters inside CSV/TSV values are kept as they are (the RDF/XML writer refuses
    # them with InvalidValueError, since XML 1.0 cannot hold them).
    Accepted("esco/nul-byte", None),
    Accepted("onet/nul-byte", None),
    # Rows naming undefined concepts are skipped with one warning (ESCO's own release has one).
    Accepted("esco/dangling-relation", "esco", warns=Warning),
    # A role naming an undeclared cluster gets a placeholder cluster (SkillGraph's rule).
    Accepted("native/dangling-cluster.json", None),
    # Enormous labels: no limit of their own in JSON and RDF (within the 16 MiB token limit
    # of the RDF parsers); CSV/TSV fields are limited (see BAD).
    Accepted(
        "native/huge-label.json",
        None,
        build=_huge("native", b'"Python"', "huge-label.json"),
        label=("ex:skill/python", HUGE),
    ),
    Accepted(
        "turtle/huge-label.ttl",
        None,
        build=_huge("turtle", b'"Python"', "huge-label.ttl"),
        label=("ex:skill/python", HUGE),
    ),
    Accepted(
        "rdfxml/huge-label.rdf",
        None,
        build=_huge("rdfxml", b">Python<", "huge-label.rdf"),
        label=("ex:skill/python", HUGE),
    ),
]


def valid_path(reader: str, tmp: Path) -> Path:
    """A copy of the valid input of ``reader`` under ``tmp``."""
    tmp.mkdir(parents=True, exist_ok=True)
    if reader in TINY:
        dst = tmp / TINY[reader].name
        shutil.copyfile(TINY[reader], dst)
        return dst
    return _base(reader, tmp, "valid")


# the second red-team round (issue 17): built at test time, see cases_round2.py
from .cases_round2 import ROUND2  # noqa: E402

BAD.extend(ROUND2)
