"""Terminal output, validate at scale, nesting and stdout failures (issue 17, items 12, 13,
15, 16 and 19)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import skillgraph as sg
from skillgraph._escape import printable
from skillgraph.cli import cli

from .cases import TINY

HOSTILE = "Git\nError: forged line\x1b]0;owned\x07\x1b[31m\u2028x\x9b"


def _hostile_graph(tmp: Path) -> Path:
    """The tiny graph with a label, an id and a role label full of control characters."""
    g = sg.read(TINY["native"])
    doc = json.loads(sg.dumps(g))
    for skill in doc["skills"]:
        if skill["id"] == "ex:skill/git":
            skill["label"] = HOSTILE
    for role in doc["roles"]:
        role["label"] = role["label"] + "\r\x1b[2K" + HOSTILE
    out = tmp / "hostile.json"
    out.write_text(json.dumps(doc), encoding="utf-8")
    return out


def test_printable_escapes_every_control_character_visibly() -> None:
    assert printable("a\nb") == "a\\nb"
    assert printable("\x1b[31m") == "\\x1b[31m"
    assert printable("\x07\x7f\x85\x9b") == "\\x07\\x7f\\x85\\x9b"
    assert printable("\u2028\u2029") == "\\u2028\\u2029"
    assert printable("\t") == "\\t"
    assert printable("plain text, ünïcode ✓ and a \\ backslash") == (
        "plain text, ünïcode ✓ and a \\ backslash"
    )
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]:
        assert chr(code) not in printable(f"x{chr(code)}y")


def test_regression_printable_escapes_bidi_controls() -> None:
    """Red team: the bidi embedding, override and isolate controls were printed raw: a
    label holding U+202E showed the rest of the line reversed on a bidi terminal
    (Trojan Source)."""
    for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        assert printable(f"x{chr(code)}y") == f"x\\u{code:04x}y"
    assert (
        printable("\u200f\u05e9\u05dc\u05d5\u05dd") == "\u200f\u05e9\u05dc\u05d5\u05dd"
    )  # marks, text


def _clean(text: str) -> None:
    for char in text:
        code = ord(char)
        assert char == "\n" or not (
            code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029)
        ), (
            repr(char),
            text[:300],
        )
    for line in text.splitlines():
        assert not line.startswith("Error: forged"), text[:300]


@pytest.mark.parametrize(
    "args",
    [
        ["gap", "--role", "ex:role/dev", "--have", "ex:skill/python"],
        ["upskill", "--role", "ex:role/dba"],
        ["reskill", "--from", "ex:role/dba", "--to", "ex:role/dev"],
        ["classify", "--from", "ex:role/dba", "--to", "ex:role/dev"],
        ["similar", "--role", "ex:role/dev"],
        ["adjacent", "--skill", "ex:skill/python"],
        ["path", "--from", "ex:skill/python", "--to", "ex:skill/git"],
        ["info"],
        ["validate"],
        ["gap", "--role", "Gitx"],  # not found: "did you mean" names the hostile label
    ],
)
def test_labels_cannot_forge_lines_or_drive_the_terminal(args: list[str], tmp_path: Path) -> None:
    """Item 13: titles, Why: lines, paths, upskill/classify lines and "did you mean"
    suggestions printed labels raw: a "\\n" forged Error: lines, ESC/OSC reached the
    terminal."""
    path = _hostile_graph(tmp_path)
    if args[0] in ("info", "validate"):
        full = [*args, str(path)]
    else:
        full = [args[0], "--ontology", str(path), *args[1:]]
    result = CliRunner().invoke(cli, full)
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert result.exit_code != 2, result.output  # a usage error would test nothing here
    _clean(result.output)


def test_release_reports_and_sparql_cells_are_escaped(tmp_path: Path) -> None:
    """Regression (red team): ``diff``'s report, ``merge``'s conflict report and
    ``sparql``'s TSV cells printed labels raw (ESC, OSC, BEL and C1 reached the terminal)."""
    path = _hostile_graph(tmp_path)
    tiny, merged = str(TINY["native"]), str(tmp_path / "m.json")
    labels = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    runs = [
        ["diff", tiny, str(path)],
        ["diff", "--markdown", tiny, str(path)],
        ["merge", tiny, str(path), "-o", merged, "--on-conflict", "left"],
        ["sparql", str(path), labels],
    ]
    for args in runs:
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, (args, result.output[-2000:])
        assert "x1b" in result.output, (args, result.output[-2000:])  # the label is shown
        # sparql's own tabs separate the cells
        _clean(result.output.replace("\t", " ") if args[0] == "sparql" else result.output)


def test_error_messages_and_paths_are_escaped(tmp_path: Path) -> None:
    name = tmp_path / "evil\nError: forged\x1b[2J.json"
    result = CliRunner().invoke(cli, ["info", str(name)])
    assert result.exit_code == 1
    _clean(result.output)
    assert "evil\\nError: forged\\x1b[2J.json" in result.output


def test_validate_groups_roles_sharing_a_label(tmp_path: Path) -> None:
    """Item 12: N roles sharing a label gave N warnings of N-1 ids each (4,000 roles: 238 MB
    of output). Now one warning a label, listing at most 10 ids."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="A"))
    for i in range(4000):
        g.add(sg.Role(id=f"r:{i:04d}", label="Clerk", cluster="c:x"))
        g.require(f"r:{i:04d}", "s:a")
    path = tmp_path / "clerks.json"
    sg.write(g, path)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    shared = [line for line in result.output.splitlines() if "is shared by" in line]
    assert len(shared) == 1, result.output[:2000]
    assert "shared by 4000 roles: r:0000, r:0001" in shared[0] and "(+3990 more)" in shared[0]
    assert len(result.output) < 10_000


def test_validate_finds_lines_of_many_problems_without_rescanning(tmp_path: Path) -> None:
    """Item 12: the line finder rescanned the text once per problem (200k orphan skills:
    more than 120 s). Now it indexes the text once: lines are still right."""
    g = sg.SkillGraph()
    for i in range(20_000):
        g.add(sg.Skill(id=f"s:{i:05d}", label=f"skill {i}"))
    path = tmp_path / "orphans.json"
    sg.write(g, path)
    proc = subprocess.run(
        [sys.executable, "-m", "skillgraph", "validate", "--json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    doc = json.loads(proc.stdout)
    assert doc["warnings"] == 20_000
    lines = path.read_text(encoding="utf-8").splitlines()
    for p in doc["problems"][::997]:
        assert f'"{p["id"]}"' in lines[p["line"] - 1], p


def test_deep_json_in_a_list_order_literal_is_kept_not_a_recursion_error() -> None:
    """Item 15: a Turtle sg:listOrder literal holding deeply nested JSON raised a bare
    RecursionError. It is no list order: kept as an extra triple, losslessly."""
    deep = "[" * 5000 + "]" * 5000
    data = TINY["turtle"].read_bytes() + f'ex:skill\\/python sg:listOrder "{deep}" .\n'.encode()
    g = sg.loads(data, "turtle")
    assert any(deep in o for _, _, o in g.extra_triples)
    assert sg.loads(sg.dumps(g)) == g


def test_jsonld_nested_600_objects_is_a_resource_limit_error() -> None:
    """Item 15: JSON-LD nested about 600 objects deep raised a bare RecursionError."""
    inner = b'{"https://e.org/p": ' * 600 + b'"x"' + b"}" * 600
    data = b'{"@id": "https://e.org/a", "https://e.org/p": ' + inner + b"}"
    with pytest.raises(sg.ResourceLimitError, match=r"<data>: JSON-LD nested too deeply"):
        sg.loads(data, "jsonld")


@pytest.mark.parametrize(
    "args",
    [
        ["info", "demo"],
        ["convert", str(TINY["native"]), "-", "--to", "turtle"],
        ["gap", "--role", "data analyst"],
    ],
)
def test_stdout_on_dev_full_is_one_error_line(args: list[str]) -> None:
    """Item 16: stdout on /dev/full gave an OSError traceback."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "skillgraph", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().endswith(
        "Error: cannot write to standard output: No space left on device"
    )


@pytest.mark.parametrize(
    ("reader", "old", "new", "field"),
    [
        ("native", b'"language": "en"', b'"language": "en fr"', "field 'language'"),
        ("turtle", b'sg:language "en"', b'sg:language "en fr"', "field 'sg:language'"),
        (
            "native",
            b'"label": "Git",',
            b'"label": "Git", "translations": {"": {"label": "x"}},',
            "field 'skills[0]'",
        ),
    ],
)
def test_invalid_language_tags_are_refused_naming_the_field(
    reader: str, old: bytes, new: bytes, field: str
) -> None:
    """Item 19: an invalid graph language ("en fr") or an empty translation tag was
    accepted; the RDF writers then failed without naming file or field."""
    data = TINY[reader].read_bytes()
    assert old in data
    with pytest.raises(sg.FormatError, match=rf"<data>, {re.escape(field)}: .*not a language tag"):
        sg.loads(data.replace(old, new, 1), "json" if reader == "native" else reader)
    with pytest.raises(sg.InvalidValueError, match="language"):
        sg.SkillGraph(language="en fr")


def test_cluster_broader_naming_a_role_is_blamed_on_the_cluster() -> None:
    """Item 19: a cluster whose broader is a role was blamed on roles[0]'s id."""
    data = (
        TINY["native"]
        .read_bytes()
        .replace(b'"label": "Development"', b'"label": "Development", "broader": "ex:role/dev"', 1)
    )
    with pytest.raises(
        sg.FormatError, match=r"field 'clusters\[0\]': .*'broader': 'ex:role/dev' is a role"
    ):
        sg.loads(data)


def test_have_text_report_escapes_the_skills_it_matched(tmp_path: Path) -> None:
    """Red team: the "From --have-text" lines printed the matched skill's label and id raw
    (a newline in a label forged an Error: line)."""
    path = _hostile_graph(tmp_path)
    cv = tmp_path / "cv.txt"
    cv.write_text("git\npython\n", encoding="utf-8")
    args = ["gap", "--ontology", str(path), "--role", "ex:role/dev", "--have-text", str(cv)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "-> Git\\nError: forged line" in result.output  # the label is shown, escaped
    _clean(result.output)


def test_regression_sparql_construct_and_query_files(tmp_path: Path) -> None:
    """Red team: CONSTRUCT and DESCRIBE printed the store's N-Triples with C1 controls
    (CSI), DEL, line separators and bidi controls raw; a query file that is not UTF-8 was a
    UnicodeDecodeError traceback. Now such characters are N-Triples escapes (the same
    terms) and the file is named with the byte."""
    path = _hostile_graph(tmp_path)
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    result = CliRunner().invoke(cli, ["sparql", str(path), query])
    assert result.exit_code == 0, result.output[-2000:]
    assert "\\u009B" in result.output and "\\u2028" in result.output
    _clean(result.output)
    triples = tmp_path / "out.nt"
    triples.write_text(result.output, encoding="utf-8")
    assert sg.read(triples, "ntriples").skills["ex:skill/git"].label == HOSTILE
    rq = tmp_path / "q.rq"
    rq.write_bytes(b'SELECT * WHERE { ?s ?p "caf\xe9" }')
    result = CliRunner().invoke(cli, ["sparql", "demo", str(rq)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Error: QUERY {rq}: not UTF-8 text (byte 27)" in result.output


def test_regression_workforce_titles_and_warnings_are_escaped(tmp_path: Path) -> None:
    """Red team: workforce printed "Candidates for <label>" and "Reskilling <person>
    (<label>, at risk)" raw, and the unknown-skill warnings' "Did you mean" labels: a
    newline in a role's label or a person's id forged Error: lines."""
    path = _hostile_graph(tmp_path)
    people = tmp_path / "team.csv"
    people.write_text(
        'id,role,skills\n"bob\nError: forged line\x07",ex:role/dba,sql;forged line\nann,,python\n',
        encoding="utf-8",
    )
    args = [
        "workforce",
        str(people),
        "-O",
        str(path),
        "-r",
        "ex:role/dev",
        "--at-risk",
        "ex:role/dba",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Reskilling bob\\nError: forged line\\x07 (Database administrator\\r" in result.output
    assert "Did you mean: Git\\nError: forged line" in result.output
    _clean(result.output)


@pytest.mark.parametrize("query", ["SELEC ?x", "SELECT ?x WHERE { ?x a }", "ASK { ?s skos:x }}"])
def test_regression_sparql_error_columns_are_the_querys_own(query: str) -> None:
    """Red team: a syntax error on the query's first line was reported 350 columns to the
    right (the column counted the predeclared prefixes the CLI puts before the query)."""
    from skillgraph.io.rdf._vocab import STANDARD_PREFIXES
    from skillgraph.io.store import Store

    declared = "".join(f"PREFIX {n}: <{ns}>\n" for n, ns in STANDARD_PREFIXES.items())
    with Store() as st, pytest.raises(sg.FormatError) as alone:
        st.query(declared + query)  # the prefixes on lines of their own: line + 7, same column
    where = re.search(r"error at (\d+):(\d+)", str(alone.value))
    assert where is not None
    line, column = int(where[1]) - len(STANDARD_PREFIXES), int(where[2])
    result = CliRunner().invoke(cli, ["sparql", "demo", query])
    assert result.exit_code == 1
    assert f"malformed SPARQL: error at {line}:{column}:" in result.output, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["gap", "--role", "ex:role/dev", "--have", "ex:skill/python", "--json"],
        ["similar", "--role", "ex:role/dev", "--json"],
        ["upskill", "--role", "ex:role/dba", "--json"],
        ["validate", "--json"],
        ["sparql", "--json"],
        ["diff", "--json"],
    ],
)
def test_regression_json_output_escapes_what_a_terminal_interprets(
    args: list[str], tmp_path: Path
) -> None:
    """Red team: ``--json`` printed C1 controls, U+2028 and bidi controls raw (JSON allows
    them in a string); now they are ``\\uXXXX`` escapes: the same JSON value."""
    g = sg.read(TINY["native"])
    doc = json.loads(sg.dumps(g))
    odd = "Git\x9b31m\u2028\u202ex\x7f"
    for section in ("skills", "roles"):
        for node in doc[section]:
            node["label"] = node["label"] + odd
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    labels = "SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    full = {
        "validate": [*args, str(path)],
        "sparql": [*args, str(path), labels],
        "diff": [*args, str(TINY["native"]), str(path)],
    }.get(args[0], [args[0], "--ontology", str(path), *args[1:]])
    result = CliRunner().invoke(cli, full)
    assert result.exit_code == 0, result.output[-2000:]
    _clean(result.output)
    for code in (0x7F, 0x202E):
        assert chr(code) not in result.output
    value = json.loads(result.output)
    if args[0] in ("gap", "sparql", "diff"):  # these name the labels on the tiny graph
        assert odd in json.dumps(value, ensure_ascii=False)
