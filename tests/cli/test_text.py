"""skillgraph match, skillgraph align and --have-text."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import skillgraph as sg

from .conftest import ok

Invoke = Callable[..., Result]


def test_match_text(invoke: Invoke) -> None:
    out = ok(invoke("match", "Python, SQL and some machine learning; underwater juggling"))
    assert "Python" in out and "Machine learning" in out
    assert "Not matched to any skill: 'underwater juggling'" in out


def test_regression_unmatched_phrases_are_cut_and_counted(invoke: Invoke, tmp_path: Path) -> None:
    """Red team: the "Not matched" line printed every unmatched phrase in full: a 5 MB word
    on stdin came back as 5 MB of output, thousands of phrases as one endless line."""
    words = ", ".join(f"zork{i}" for i in range(40))
    text = "I know Python, " + "q" * 1_000_000 + ", " + words + "\n"
    out = ok(invoke("match", "-", input=text))
    line = next(ln for ln in out.splitlines() if ln.startswith("Not matched"))
    assert "'" + "q" * 59 + "…'" in line and " more" in line and len(line) < 1000, line[:300]
    cv = tmp_path / "cv.txt"
    cv.write_text(text, encoding="utf-8")
    out = ok(invoke("gap", "--role", "software engineer", "--have-text", str(cv)))
    assert len(out) < 10_000 and "q" * 59 + "…" in out


def test_match_stdin_json(invoke: Invoke) -> None:
    got = json.loads(ok(invoke("match", "-", "--json", input="I know Python and SQL.\n")))
    ids = [m["id"] for m in got["matches"]]
    assert "demo:skill/python" in ids and "demo:skill/sql" in ids
    assert got["unmatched"] == []


def test_match_roles(invoke: Invoke) -> None:
    got = json.loads(ok(invoke("match", "--roles", "sofware enginer", "-k", "2", "--json")))
    assert got[0]["id"] == "demo:role/software-engineer" and len(got) == 2


def test_have_text(invoke: Invoke, tmp_path: Path) -> None:
    have = tmp_path / "cv.txt"
    have.write_text("python and git, some dancing\n", encoding="utf-8")
    out = ok(invoke("gap", "--role", "software engineer", "--have-text", str(have)))
    assert "From --have-text: 2 skill mention(s) matched." in out
    assert "Not matched to any skill: 'dancing'" in out
    got = json.loads(
        ok(invoke("gap", "--role", "software engineer", "--have-text", str(have), "--json"))
    )
    assert set(got["matched"]) == {"demo:skill/python", "demo:skill/git"}
    assert got["inputs"]["unmatched"] == ["dancing"]
    ok(invoke("upskill", "--role", "junior software engineer", "--have-text", str(have)))
    ok(
        invoke(
            "reskill",
            "--from",
            "retail sales assistant",
            "--to",
            "digital marketing specialist",
            "--have-text",
            "-",
            input="copywriting and SEO\n",
        )
    )


def test_regression_gap_tells_what_each_have_resolved_to(invoke: Invoke) -> None:
    """Red team s21 #8: "split testing" became A/B testing without a word, a held skill the
    role does not require vanished from the report, and --json had "inputs": null."""
    args = ["gap", "--role", "marketing analyst", "--have", "Barista skills"]
    out = ok(invoke(*args, "--have", "split testing"))
    assert "--have 'split testing' is A/B testing (demo:skill/a-b-testing)" in out
    assert "alternative label" in out and "--have 'Barista skills' is" not in out
    assert "Held but not required by this role: Barista skills" in out
    got = json.loads(ok(invoke(*args, "--have", "split testing", "--json")))
    assert [(m["text"], m["id"], m["how"]) for m in got["inputs"]["matched"]] == [
        ("Barista skills", "demo:skill/barista-skills", "exact"),
        ("split testing", "demo:skill/a-b-testing", "alt_label"),
    ]
    # strict --have: a skill that is not in the graph is an error naming it
    result = invoke(*args[:3], "--have", "Barista skils")
    assert result.exit_code == 1 and "no skill matches 'Barista skils'" in result.stderr


def test_regression_classify_tells_what_each_have_resolved_to(invoke: Invoke) -> None:
    """Review s21: classify said nothing of 'split testing' being A/B testing and its --json
    had no inputs, unlike gap, upskill and reskill."""
    args = ["classify", "--from", "retail sales assistant", "--to", "data analyst"]
    out = ok(invoke(*args, "--have", "split testing"))
    assert "--have 'split testing' is A/B testing (demo:skill/a-b-testing)" in out
    got = json.loads(ok(invoke(*args, "--have", "split testing", "--json")))
    assert [(m["text"], m["id"], m["how"]) for m in got["inputs"]["matched"]] == [
        ("split testing", "demo:skill/a-b-testing", "alt_label")
    ]
    assert json.loads(ok(invoke(*args, "--json")))["inputs"] is None


def test_have_text_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("gap", "--role", "software engineer", "--have-text", str(tmp_path / "no"))
    assert result.exit_code == 1
    assert "cannot read" in result.stderr


def test_align(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "demo.ttl"
    assert "wrote" in ok(invoke("align", "demo", "demo", "-o", str(out)))
    mapping = sg.read_alignment(out)
    assert all(r.source == r.target for r in mapping.best("role"))
    csv_out = tmp_path / "demo.csv"
    ok(invoke("align", "demo", "demo", "--roles-only", "-o", str(csv_out)))
    assert sg.read_alignment(csv_out).best("skill") == []


def test_regression_align_to_standard_output(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # red team s25 (14): '-o - --format csv' wrote a regular file named '-' in the cwd
    monkeypatch.chdir(tmp_path)
    res = invoke("align", "demo", "demo", "--roles-only", "-o", "-", "--format", "csv", "-q")
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("kind,source,") and not (tmp_path / "-").exists()
    ttl = invoke("align", "demo", "demo", "--roles-only", "-o", "-", "--format", "turtle")
    assert "skos:exactMatch" in ttl.stdout and "wrote" in ttl.stderr
    bare = invoke("align", "demo", "demo", "-o", "-")
    assert bare.exit_code == 1 and "give --format" in bare.stderr
    assert list(tmp_path.iterdir()) == []


def test_align_bad_suffix_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "mapping.docx"
    result = invoke("align", "demo", "demo", "-o", str(out))
    assert result.exit_code == 1
    assert "suffix" in result.stderr
    assert not out.exists()


def test_align_refuses_an_input_or_a_missing_folder_before_the_work(
    invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path
) -> None:
    # regression (red team): a hard link to an input was taken for a new file (only the
    # resolved paths were compared), and a missing folder was found after the alignment
    src = tmp_path / "a.ttl"
    sg.write(demo, src)
    before = src.read_bytes()
    link = tmp_path / "link.ttl"
    os.link(src, link)
    result = invoke("align", str(src), "demo", "-o", str(link))
    assert result.exit_code == 1 and "same file" in result.stderr
    assert src.read_bytes() == before
    result = invoke("align", "demo", "demo", "-o", str(tmp_path / "no" / "m.ttl"))
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert "aligning" not in result.stderr  # refused before reading the graphs


def test_regression_match_says_did_you_mean(invoke: Invoke, tmp_path: Path) -> None:
    """Red team: weak, off-topic matches were credited silently; now they are listed as
    "did you mean", not credited, in text and JSON."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:web", label="Web-administered databases"))
    g.add(sg.Skill(id="s:sql", label="SQL"))
    path = tmp_path / "g.json"
    sg.write(g, path)
    out = ok(invoke("match", "-O", str(path), "administer medication, SQL"))
    assert "1 skill(s) found" in out and "Not credited (did you mean?):" in out
    assert "'administer medication' -> Web-administered databases?" in out
    got = json.loads(ok(invoke("match", "-O", str(path), "administer medication", "--json")))
    assert got["matches"] == [] and got["rejected"][0]["id"] == "s:web"


def test_regression_match_roles_shows_its_order(invoke: Invoke) -> None:
    """Red team: the score column of match --roles looked unsorted; the rows are ranked
    with the re-ranker, so the rank and its evidence are shown beside the title score."""
    out = ok(invoke("match", "--roles", "sofware enginer", "-k", "3"))
    header = next(ln for ln in out.splitlines() if "title score" in ln)
    assert header.split()[0] == "#" and "rank" in header
    assert "'title score' is the matched title's own score" in out


def test_regression_role_by_alt_label_is_said(invoke: Invoke, tmp_path: Path) -> None:
    """Red team: ESCO "teacher" resolved silently to "politics lecturer" (an alt label)."""
    g = sg.SkillGraph()
    g.add(sg.Cluster(id="c:edu", label="Education"))
    g.add(sg.Skill(id="s:teach", label="teach politics"))
    g.add(
        sg.Role(
            id="r:pol",
            label="politics lecturer",
            alt_labels=("teacher",),
            cluster="c:edu",
            level=1,
        )
    )
    g.require("r:pol", "s:teach")
    path = tmp_path / "g.json"
    sg.write(g, path)
    result = invoke("gap", "-O", str(path), "--role", "teacher")
    assert result.exit_code == 0, result.output
    assert "note: 'teacher' is an alternative label of politics lecturer (r:pol)" in result.stderr
    result = invoke("gap", "-O", str(path), "--role", "politics lecturer")
    assert "alternative label" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["gap", "--role", "Go developer"],
        ["upskill", "--role", "Go developer"],
        ["reskill", "--from", "Go developer", "--to", "Accountant"],
        ["classify", "--from", "Go developer", "--to", "financial accountant"],
        ["plan", "--to", "financial accountant"],
        ["plan", "--from", "Go developer", "--to", "Accountant"],
    ],
)
def test_regression_a_role_by_alt_label_is_in_the_json_inputs(
    invoke: Invoke, args: list[str]
) -> None:
    # review s21: the notice was on stderr only, not in --json, and `plan` said nothing
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    assert "is an alternative label of" in result.stderr
    data = json.loads(result.stdout)
    assert data
    for item in data if isinstance(data, list) else [data]:
        aliases = item["inputs"]["aliases"]
        assert aliases, item["inputs"]
        for alias in aliases:
            assert alias["how"] == "alt_label"
            assert item["labels"][alias["id"]] == alias["label"]
            assert alias["text"] in ("Go developer", "financial accountant")


def test_regression_rejected_inputs_are_labelled_in_the_json(
    invoke: Invoke, tmp_path: Path
) -> None:
    # review s21: the ids of rejected --have-text candidates were not in the result's labels
    text = tmp_path / "cv.txt"
    text.write_text("care and infection control\n", encoding="utf-8")
    g = sg.SkillGraph()
    for sid, label in [("s:car", "car controls"), ("s:inf", "infection control")]:
        g.add(sg.Skill(id=sid, label=label))
    g.add(sg.Role(id="r:nurse", label="nurse", level=1))
    g.require("r:nurse", "s:inf")
    path = tmp_path / "g.json"
    sg.write(g, path)
    result = invoke("gap", "-O", str(path), "--role", "nurse", "--have-text", str(text), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rejected = data["inputs"]["rejected"]
    assert [r["id"] for r in rejected] == ["s:car"]
    assert data["labels"]["s:car"] == "car controls"
    lib = g.gap("r:nurse", "care and infection control", strict=False)
    assert lib.inputs is not None and lib.inputs.rejected
    assert lib.labels["s:car"] == "car controls"
