"""Mermaid and Graphviz DOT diagrams of labels that try to break out of them (red team,
round 3): the diagram stays one statement a line, nothing of a label is interpreted as
markup, and decoding its escapes gives the label back."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph._escape import dot_label, gantt_label, mermaid_label

#: a label that closes its quotes, starts new statements, carries HTML, entity codes, a
#: Markdown string, bidi overrides, backslashes and control characters
EVIL = (
    '`**md**` A"];\n  evil["pwned"] --> n0 %% #quot; #60;b#62; &lt;i&gt; <img src=x> '
    '\u202eRTL\u2066 back\\slash \\" \x1b[31m\x00 end\\'
)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_MERMAID_NAMED = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}


def _spaced(text: str) -> str:
    """What a label shows: its control characters as spaces, bidi controls kept."""
    return re.sub("[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text)


def _mermaid_decoded(text: str) -> str:
    """A quoted Mermaid label as Mermaid shows it (its entity codes decoded)."""
    assert not re.search('["<>\\\\`]', _CONTROLS.sub("", text)), text
    assert not _CONTROLS.search(text), text
    parts = re.split(r"(#(?:\d+|[a-z]+);)", text)
    for i, part in enumerate(parts):
        if i % 2:
            name = part[1:-1]
            parts[i] = chr(int(name)) if name.isdigit() else _MERMAID_NAMED[name]
        else:
            assert "#" not in part, text
    return "".join(parts)


def _dot_decoded(text: str) -> str:
    """A quoted DOT string's text as Graphviz shows it (escapes and entities decoded)."""
    assert not _CONTROLS.search(text), text
    out, i = [], 0
    while i < len(text):
        char = text[i]
        assert char != '"', text  # an unescaped quote would end the string
        if char == "\\":
            assert text[i + 1] in '\\"n', text  # \n: the diagram's own line breaks
            out.append(text[i + 1].replace("n", "\n"))
            i += 2
            continue
        if char == "&":
            assert re.match(r"&(amp|#\d+);", text[i:]), text
        out.append(char)
        i += 1
    return html.unescape("".join(out))


@given(st.text())
def test_mermaid_label_shows_the_text_and_nothing_else(text: str) -> None:
    assert _mermaid_decoded(mermaid_label(text)) == _spaced(text)


@given(st.text())
def test_dot_label_shows_the_text_and_nothing_else(text: str) -> None:
    assert _dot_decoded(dot_label(text)) == _spaced(text)


@given(st.text())
def test_gantt_label_is_one_task_name(text: str) -> None:
    name = gantt_label(text)
    assert not re.search("[:;\n]", re.sub(r"#\d+;", "", name)), name
    assert not _CONTROLS.search(name), name
    assert not re.match(r"(%%|section|title|click|excludes)\b", name, re.IGNORECASE), name


def _evil_demo(tmp: Path) -> sg.SkillGraph:
    doc = json.loads(sg.dumps(sg.load("demo")))
    for section in ("roles", "skills", "clusters"):
        for node in doc[section]:
            node["label"] = node["label"] + EVIL
    path = tmp / "evil.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return sg.read(path)


_MERMAID_LINE = re.compile(
    r'(flowchart LR|    (n\d+|a|b)\["([^"]*)"\]|    subgraph c[ab]\["([^"]*)"\]|    end'
    r'|    (n\d+|a) -->\|"([^"]*)"\| (n\d+|b))'
)
_DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
_DOT_LINE = re.compile(
    r"(digraph (plan|move) \{|  rankdir=LR;|\}"
    rf"|  (n\d+|a|b) \[label={_DOT_STRING}\];"
    rf"|  subgraph cluster_[ab] \{{ label={_DOT_STRING}; [ab]; \}}"
    rf"|  (n\d+|a) -> (n\d+|b) \[label={_DOT_STRING}\];)"
)


def _labels(diagram: str, pattern: re.Pattern[str], decode: object) -> list[str]:
    """Every label of ``diagram``, decoded; each line must be one statement of ``pattern``."""
    found = []
    for line in diagram.splitlines():
        m = pattern.fullmatch(line)
        assert m is not None, line
        found += [decode(g) for g in m.groups()[2:] if g is not None and not _id(g)]  # type: ignore[operator]
    return found


def _id(text: str) -> bool:
    return re.fullmatch(r"n\d+|a|b|plan|move", text) is not None


def test_plan_and_move_diagrams_of_hostile_labels_stay_diagrams(tmp_path: Path) -> None:
    """Red team: labels were quoted with only backslash doubled and " -> ': a NUL ended the
    DOT file (Graphviz: syntax error), a backslash broke the Mermaid lexer, and entity
    codes (#60;), HTML (<img>) and Markdown strings were interpreted by Mermaid."""
    g = _evil_demo(tmp_path)
    plan = g.reskill("Retail sales assistant" + EVIL, "demo:cluster/software-development")
    move = g.classify("Retail sales assistant" + EVIL, "Data analyst" + EVIL)
    shown = _spaced(EVIL)
    for result in (plan, move):
        labels = _labels(result.to_mermaid(), _MERMAID_LINE, _mermaid_decoded)
        assert labels and any(label.endswith(shown) for label in labels), labels[:2]
        labels = _labels(result.to_dot(), _DOT_LINE, _dot_decoded)
        assert labels and any(label.endswith(shown) for label in labels), labels[:2]


def test_gantt_task_names_cannot_become_statements(tmp_path: Path) -> None:
    """Red team: a resource named "section Evil ...", "title Owned ..." or "%% ..." became
    a Gantt section, the chart's title or a comment (its task vanished); "click ..." was a
    parse error; control characters were kept."""
    src = Path(sg.__file__).parent.parent / "ontologies" / "catalogues" / "demo.csv"
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    starts = ["section Evil ", "title Owned ", "%% hidden ", "click r0 ", "Excludes weekends "]
    for i, row in enumerate(rows):
        row["label"] = starts[i % len(starts)] + "\x07" + row["label"]
    path = tmp_path / "catalogue.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    demo = sg.load("demo")
    catalogue = sg.read_catalogue(path, demo)
    chart = sg.plan_resources(demo, demo.gap("marketing analyst"), catalogue)
    lines = chart.to_mermaid().splitlines()
    tasks = [line for line in lines[4:] if not line.startswith("    section ")]
    assert len(tasks) == len(chart.items) > 0
    sections = {line.split()[1] for line in lines if line.startswith("    section ")}
    assert sections and sections <= {kind.value for kind in sg.ResourceKind}
    for line in tasks:
        assert re.fullmatch(r"    #\d+;[^:#;\x00-\x1f]* :r\d+, \d+, \d+", line), line
