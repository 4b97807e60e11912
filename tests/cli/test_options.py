"""CLI options shared by the verbs: reader options, --have-file, --quiet, warnings,
diagrams, labels in --json, the snapshot cache, ``cache`` and ``shell``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

import skillgraph as sg
import skillgraph.io as sgio
from skillgraph.analysis._index import INDEX_FORMAT_VERSION, PROFILES_FORMAT_VERSION
from skillgraph.cli._app import prepare, summarise

from ..io.test_esco import OCC, write_release
from .conftest import exe, ok, one_error

Invoke = Callable[..., Result]
ROLE = "software engineer"
RETAIL = "retail sales assistant"
DIGITAL = "digital marketing specialist"


@pytest.fixture()
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test, caching inputs of any size."""
    where = tmp_path / "cache"
    monkeypatch.setenv("SKILLGRAPH_CACHE", str(where))
    monkeypatch.setenv("SKILLGRAPH_CACHE_MIN_BYTES", "0")
    return where


@pytest.fixture()
def demo_file(tmp_path: Path, demo: sg.SkillGraph) -> Path:
    path = tmp_path / "demo.json"
    sg.write(demo, path)
    return path


class TestHaveFile:
    def test_lines_csv_and_stdin_equal_repeated_have(
        self, invoke: Invoke, tmp_path: Path, demo: sg.SkillGraph
    ) -> None:
        expected = json.loads(ok(invoke("gap", "-r", ROLE, "-s", "python", "-s", "git", "--json")))
        lines = tmp_path / "skills.txt"
        lines.write_text("# my skills\nPython\n\ngit\n")
        table = tmp_path / "skills.csv"
        table.write_text("name,skill\nme,python\nme,demo:skill/git\n")
        for args, stdin in (
            (["--have-file", str(lines)], None),
            (["--have-file", str(table)], None),
            (["--have-file", "-"], "python\ngit\n"),
            (["--have", "python", "--have-file", "-"], "git\n"),
        ):
            got = json.loads(ok(invoke("gap", "-r", ROLE, *args, "--json", input=stdin)))
            # the same skills; only the text of the inputs differs
            ids = [m["id"] for m in got.pop("inputs")["matched"]]
            assert ids == ["demo:skill/python", "demo:skill/git"], args
            assert got == {k: v for k, v in expected.items() if k != "inputs"}, args

    def test_csv_without_known_header_uses_the_first_column(
        self, invoke: Invoke, tmp_path: Path
    ) -> None:
        table = tmp_path / "skills.csv"
        table.write_text("python,expert\ngit,basic\n")
        got = json.loads(ok(invoke("gap", "-r", ROLE, "--have-file", str(table), "--json")))
        assert set(got["matched"]) == {"demo:skill/python", "demo:skill/git"}

    def test_regression_a_comma_in_a_list_line_is_not_a_csv(
        self, invoke: Invoke, tmp_path: Path
    ) -> None:
        """Red team: one line holding a comma made the whole one-a-line list a CSV: of
        "Data cleaning, data visualisation" only "Data cleaning" was kept, silently. Now a
        file is a CSV only when its first line has separators; the line names one skill."""
        f = tmp_path / "skills.txt"
        f.write_text("Python\nData cleaning, data visualisation\n", encoding="utf-8")
        result = invoke("gap", "-r", ROLE, "--have-file", str(f))
        assert result.exit_code == 1
        assert "'Data cleaning, data visualisation'" in one_error(result.output)

    def test_regression_csv_needs_a_skill_header_or_a_csv_name(
        self, invoke: Invoke, tmp_path: Path
    ) -> None:
        """Red team s21 #10: a comma in the first line made a list a CSV and cut the ESCO
        label "health, safety and hygiene legislation" at its comma; a header "name,level"
        or "Skill Name,level" was read as a skill."""
        listed = tmp_path / "skills.txt"
        listed.write_text("Data cleaning, data visualisation\npython\n", encoding="utf-8")
        result = invoke("gap", "-r", ROLE, "--have-file", str(listed))
        assert result.exit_code == 1
        assert "'Data cleaning, data visualisation'" in one_error(result.output)
        for head in ("name,level", "Skill Name,level", "level\tSKILL"):
            sep = "\t" if "\t" in head else ","
            rows = ["python", "git"] if head.startswith(("name", "Skill")) else []
            body = [f"{r}{sep}3" for r in rows] or [f"3{sep}python", f"2{sep}git"]
            listed.write_text("\n".join([head, *body]) + "\n", encoding="utf-8")
            got = json.loads(ok(invoke("gap", "-r", ROLE, "--have-file", str(listed), "--json")))
            assert set(got["matched"]) == {"demo:skill/python", "demo:skill/git"}, head

    def test_empty_or_missing_file_is_one_error(self, invoke: Invoke, tmp_path: Path) -> None:
        empty = tmp_path / "empty.txt"
        empty.write_text("\n# nothing\n")
        result = invoke("gap", "-r", ROLE, "--have-file", str(empty))
        assert result.exit_code == 1 and "no skill listed" in one_error(result.output)
        result = invoke("gap", "-r", ROLE, "--have-file", str(tmp_path / "nope.txt"))
        assert result.exit_code == 1 and "nope.txt" in one_error(result.output)

    def test_unknown_skill_in_file_names_it(self, invoke: Invoke, tmp_path: Path) -> None:
        f = tmp_path / "skills.txt"
        f.write_text("python\nunderwater basket weaving\n")
        result = invoke("upskill", "-r", ROLE, "--have-file", str(f))
        assert result.exit_code == 1
        assert "underwater basket weaving" in one_error(result.output)

    def test_regression_a_huge_file_is_refused_not_read_whole(
        self, invoke: Invoke, tmp_path: Path
    ) -> None:
        """Red team: --have-file read the whole file into memory (/dev/zero grew the process
        until the system killed it). Now at most MAX_TEXT_BYTES are read."""
        huge = tmp_path / "skills.txt"
        huge.write_bytes(b"python\n" * 1_000_000)  # 7 MB
        result = invoke("gap", "-r", ROLE, "--have-file", str(huge))
        assert result.exit_code == 1, result.output
        assert f"--have-file {huge}: more than 5000000 bytes" in one_error(result.output)

    @pytest.mark.parametrize(
        ("data", "says"),
        [
            (b"skill,x\n\n# a comment\npython,1\n" + b"a" * 200_000 + b",b\n", "line 5: not a CSV"),
            (b"\xff\xfep\x00y\x00", "not UTF-8 text (byte 0)"),  # UTF-16
            (b"python\n\xc3(\n", "not UTF-8 text (byte 7)"),
        ],
    )
    def test_regression_bad_files_and_stdin_are_one_error(
        self, invoke: Invoke, tmp_path: Path, data: bytes, says: str
    ) -> None:
        """Red team: a CSV field over 128 kB was a _csv.Error traceback; bytes that are not
        UTF-8 on stdin ('-') were read as whatever the locale made of them."""
        path = tmp_path / "skills.csv"
        path.write_bytes(data)
        result = invoke("gap", "-r", ROLE, "--have-file", str(path))
        assert result.exit_code == 1, result.output
        assert f"--have-file {path}" in one_error(result.output) and says in result.output
        result = invoke("gap", "-r", ROLE, "--have-file", "-", input=data)
        assert result.exit_code == 1, result.output
        assert "--have-file standard input" in one_error(result.output) and says in result.output

    def test_regression_empty_name_and_folder_are_named(
        self, invoke: Invoke, tmp_path: Path
    ) -> None:
        """Red team: --have-file '' said "Is a directory: '.'"."""
        result = invoke("gap", "-r", ROLE, "--have-file", "")
        assert result.exit_code == 1
        assert "--have-file: empty file name; expected a file or '-'" in one_error(result.output)
        result = invoke("gap", "-r", ROLE, "--have-file", str(tmp_path))
        assert f"--have-file {tmp_path}: cannot read: Is a directory" in one_error(result.output)

    @pytest.mark.parametrize(
        ("args", "says"),
        [
            (["gap", "-r", ROLE, "--have-file", "-", "--have-text", "-"], "--have-file -"),
            (["gap", "-O", "-", "-r", ROLE, "--have-file", "-"], "--have-file -"),
            (["match", "-", "-O", "-"], "TEXT -"),
            (["merge", "-", "-", "-o", "-", "--to", "json"], "an input -"),
        ],
    )
    def test_regression_standard_input_is_read_once(
        self, invoke: Invoke, demo_path: Path, args: list[str], says: str
    ) -> None:
        """Red team: two options naming '-' both read standard input: the second found it
        empty and went on (a gap with no --have-text skill, an ontology that 'cannot be
        recognised'). Now the second is a usage error naming both."""
        data = b"python\n" if args[0] == "gap" and "-O" not in args else demo_path.read_bytes()
        result = invoke(*args, input=data)
        assert result.exit_code == 2, result.output
        assert "Error: standard input is read once: " in result.output
        assert says in result.output and "both name it" in result.output

    def test_byte_order_mark_on_stdin_is_dropped(self, invoke: Invoke) -> None:
        got = json.loads(
            ok(
                invoke(
                    "gap", "-r", ROLE, "--have-file", "-", "--json", input="\ufeffpython\n".encode()
                )
            )
        )
        assert got["matched"] == ["demo:skill/python"]

    @pytest.mark.parametrize("verb", ["gap", "upskill", "classify", "reskill"])
    def test_every_have_verb_takes_it(self, invoke: Invoke, tmp_path: Path, verb: str) -> None:
        f = tmp_path / "skills.txt"
        f.write_text("python\n")
        args = {
            "gap": ["-r", ROLE],
            "upskill": ["-r", ROLE],
            "classify": ["-f", ROLE, "-t", "data scientist"],
            "reskill": ["-f", RETAIL, "-t", DIGITAL],
        }[verb]
        ok(invoke(verb, *args, "--have-file", str(f)))


class TestReaderOptions:
    @pytest.mark.parametrize(
        "verb",
        [
            ["gap", "-r", "x"],
            ["upskill", "-r", "x"],
            ["reskill", "-f", "x", "-t", "y"],
            ["classify", "-f", "x", "-t", "y"],
            ["similar", "-r", "x"],
            ["adjacent", "-s", "x"],
            ["path", "-f", "x", "-t", "y"],
            ["shell"],
            ["info", "x"],
            ["convert", "x", "y"],
            ["match", "x"],
        ],
    )
    def test_every_verb_has_them(self, invoke: Invoke, verb: list[str]) -> None:
        text = ok(invoke(*verb[:1], "--help"))
        for option in ("--cluster-level", "--language", "--min-importance", "--no-cache"):
            assert option in text, (verb[0], option)
        assert "--quiet" in text

    def test_cluster_level_reaches_the_esco_reader(self, invoke: Invoke, tmp_path: Path) -> None:
        folder = write_release(tmp_path / "rel")
        deep = json.loads(
            ok(
                invoke(
                    "classify",
                    "-O",
                    str(folder),
                    "--cluster-level",
                    "4",
                    "-f",
                    OCC + "dev",
                    "-t",
                    OCC + "dev",
                    "--json",
                    "-q",
                )
            )
        )
        top = json.loads(
            ok(
                invoke(
                    "classify",
                    "-O",
                    str(folder),
                    "--cluster-level",
                    "1",
                    "-f",
                    OCC + "dev",
                    "-t",
                    OCC + "dev",
                    "--json",
                    "-q",
                )
            )
        )
        assert deep["source_cluster"].endswith("isco/C2511")
        assert top["source_cluster"].endswith("isco/C2")
        info = json.loads(ok(invoke("info", str(folder), "--cluster-level", "1", "--json")))
        assert info["nodes"]["clusters"] == 2

    def test_option_of_another_format_is_one_error(self, invoke: Invoke, demo_file: Path) -> None:
        result = invoke("similar", "-O", str(demo_file), "-r", ROLE, "--min-importance", "3")
        assert result.exit_code == 1
        assert "min_importance" in one_error(result.output)

    def test_out_of_range_is_a_usage_error(self, invoke: Invoke) -> None:
        assert invoke("similar", "-r", ROLE, "--cluster-level", "7").exit_code == 2

    def test_format_option(self, invoke: Invoke, demo_file: Path) -> None:
        text = ok(invoke("similar", "-O", str(demo_file), "--format", "json", "-r", ROLE))
        assert "Junior software engineer" in text
        result = invoke("similar", "-O", str(demo_file), "--format", "turtle", "-r", ROLE)
        assert result.exit_code == 1


class TestQuietAndWarnings:
    @pytest.fixture()
    def noisy(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Reading any input warns twice with a long list, and once briefly."""
        real = sgio._read
        examples = "; ".join(f"http://data.europa.eu/esco/occupation/{i:040d}" for i in range(9))

        def read(*args: Any) -> sg.SkillGraph:
            for _ in range(2):
                warnings.warn(
                    f"relations.csv: 9 occupation URIs not defined, 67 rows skipped: {examples}",
                    sg.IncompleteDataWarning,
                    stacklevel=2,
                )
            warnings.warn("a short warning", sg.DataWarning, stacklevel=2)
            return real(*args)

        monkeypatch.setattr(sgio, "_read", read)

    def test_one_line_each_with_a_count(self, invoke: Invoke, demo_file: Path, noisy: None) -> None:
        result = invoke("similar", "-O", str(demo_file), "-r", ROLE, "--no-cache")
        ok(result)
        lines = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
        assert lines == [
            "warning: relations.csv: 9 occupation URIs not defined, 67 rows skipped "
            "(examples with --debug) (2 times)",
            "warning: a short warning",
        ]

    def test_debug_shows_them_in_full(self, invoke: Invoke, demo_file: Path, noisy: None) -> None:
        result = invoke("--debug", "similar", "-O", str(demo_file), "-r", ROLE, "--no-cache")
        assert "occupation/0000000000000000000000000000000000000008" in ok(result) + result.stderr

    def test_quiet_silences_them(self, invoke: Invoke, demo_file: Path, noisy: None) -> None:
        result = invoke("similar", "-O", str(demo_file), "-r", ROLE, "--quiet", "--no-cache")
        assert "Junior software engineer" in ok(result)
        assert result.stderr == ""

    def test_warnings_come_back_on_a_cache_hit(
        self, invoke: Invoke, demo_file: Path, noisy: None, cached: Path
    ) -> None:
        first = invoke("similar", "-O", str(demo_file), "-r", ROLE)
        second = invoke("similar", "-O", str(demo_file), "-r", ROLE)
        assert ok(first) == ok(second)
        assert first.stderr == second.stderr and "67 rows skipped" in second.stderr

    def test_summary_of_a_short_message_is_itself(self) -> None:
        assert summarise("x: 3 rows skipped") == "x: 3 rows skipped"
        assert len(summarise("y" * 500)) <= 160

    def test_regression_a_summary_keeps_more_than_the_file_name(self) -> None:
        """O*NET's unrated-occupations warning once printed as its folder name alone."""
        folder = "/data/onet/db_29_3_text"
        shown = ", ".join(f"Occupation number {i}" for i in range(5))
        message = (
            f"{folder}: 102 occupations have no Skills or Knowledge ratings (60 with technology "
            f"requirements only, 42 with no requirement; e.g. {shown}): similarity falls back "
            "on their titles, descriptions and tools"
        )
        line = summarise(message)
        assert line == (
            f"{folder}: 102 occupations have no Skills or Knowledge ratings (60 with technology "
            "requirements only, 42 with no requirement) (examples with --debug)"
        )

    def test_regression_a_long_source_name_keeps_the_warning_and_its_spaces(self) -> None:
        """Red team s25 (11, 18.4): the ESCO classification zip's warning printed as its
        path and 'ESCO release without …' (the fix cut off), and two spaces of the zip's name
        became one, so the path could not be copied."""
        src = "/data/esco/ESCO dataset - v1.1.0 - classification -  - csv.zip"
        message = (
            f"{src}: a partial ESCO release, without requirements, skill hierarchy, related "
            "skills (give the folder or both official zips for a full release): missing "
            "occupationSkillRelations.csv, broaderRelationsSkillPillar.csv, "
            "skillSkillRelations.csv"
        )
        assert summarise(message) == message.split("): missing")[0] + ") (examples with --debug)"
        assert summarise(f"{src}: 3 rows\n  skipped") == f"{src}: 3 rows skipped"

    def test_a_summary_without_examples_cuts_at_a_word(self) -> None:
        message = "f.csv: " + "many words here " * 30
        line = summarise(message)
        assert line.endswith(" … (more with --debug)") and len(line) <= 160 + len("f.csv: ")
        kept = line.removesuffix(" … (more with --debug)")
        assert message.startswith(kept + " ")  # cut at a word


class TestDiagrams:
    @pytest.mark.parametrize(
        "args",
        [
            ["upskill", "-r", "junior software engineer"],
            ["reskill", "-f", RETAIL, "-t", DIGITAL],
            ["classify", "-f", ROLE, "-t", "data scientist"],
        ],
    )
    def test_mermaid_and_dot_name_roles_by_label(self, invoke: Invoke, args: list[str]) -> None:
        mermaid = ok(invoke(*args, "--mermaid"))
        dot = ok(invoke(*args, "--dot"))
        assert mermaid.startswith("flowchart LR")
        assert dot.startswith("digraph") and dot.rstrip().endswith("}")
        start = args[2].capitalize()
        assert f'"{start}"' in mermaid and f'"{start}"' in dot
        assert "demo:role/" not in mermaid and "demo:role/" not in dot

    def test_both_at_once_is_a_usage_error(self, invoke: Invoke) -> None:
        assert invoke("reskill", "-f", RETAIL, "-t", DIGITAL, "--mermaid", "--dot").exit_code == 2


class TestLabelsInJson:
    def test_gap_reskill_classify_upskill(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        docs = [
            json.loads(ok(invoke("gap", "-r", ROLE, "-s", "python", "--json"))),
            json.loads(ok(invoke("reskill", "-f", RETAIL, "-t", DIGITAL, "--json"))),
            json.loads(ok(invoke("classify", "-f", ROLE, "-t", "data scientist", "--json"))),
            *json.loads(ok(invoke("upskill", "-r", "junior software engineer", "--json"))),
        ]
        for doc in docs:
            ids = [doc.get(k) for k in ("role", "start", "target", "source")]
            ids += doc.get("matched", []) + doc.get("missing", []) + doc.get("acquire", [])
            for step in doc.get("steps", []):
                ids += [step["role"], *step["learn"], *step["transferable"]]
            named = [i for i in ids if i is not None]
            assert named and all(doc["labels"][i] == demo.label(i) for i in named)

    def test_similar_and_adjacent_carry_a_label_per_match(self, invoke: Invoke) -> None:
        for args in (["similar", "-r", ROLE], ["adjacent", "-s", "python"]):
            got = json.loads(ok(invoke(*args, "--json")))
            assert got and all(m["label"] and m["label"] != m["id"] for m in got)


class TestMessages:
    def test_reskill_inside_one_cluster_suggests_the_cli_command(self, invoke: Invoke) -> None:
        result = invoke("reskill", "-f", ROLE, "-t", "senior software engineer")
        line = one_error(result.output)
        assert result.exit_code == 1
        assert "skillgraph upskill --role 'Software engineer'" in line
        assert "upskill('" not in line

    def test_explanations_name_clusters_by_label(self, invoke: Invoke) -> None:
        text = ok(invoke("classify", "-f", ROLE, "-t", "data scientist"))
        why = next(ln for ln in text.splitlines() if ln.startswith("Why:"))
        assert "Software development" in why and "demo:cluster" not in why
        plan = json.loads(ok(invoke("reskill", "-f", RETAIL, "-t", DIGITAL, "--json")))
        assert "demo:" not in plan["explanation"]

    def test_progress_is_drawn_while_indices_build(
        self, monkeypatch: pytest.MonkeyPatch, demo: sg.SkillGraph
    ) -> None:
        class Tty(io.StringIO):
            def isatty(self) -> bool:
                return True

        err = Tty()
        monkeypatch.setattr(sys, "stderr", err)
        prepare(demo.copy(), analysis=True)
        assert "indexing labels" in err.getvalue()
        assert "indexing roles and skills" in err.getvalue()
        quiet = Tty()
        monkeypatch.setattr(sys, "stderr", quiet)
        prepare(demo.copy(), analysis=True, quiet=True)
        assert quiet.getvalue() == ""


class TestCacheCommands:
    def test_cli_writes_and_reuses_snapshots(
        self, invoke: Invoke, demo_file: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        first = ok(invoke("similar", "-O", str(demo_file), "-r", ROLE))
        snaps = sorted((cached / "snapshots").glob("*.sgsnap"))
        index_part = f"index-v{INDEX_FORMAT_VERSION}"
        profiles_part = f"profiles-v{PROFILES_FORMAT_VERSION}"
        names = [p.name.split(".")[1] for p in snaps]
        assert names == ["graph", index_part, "labels", profiles_part]

        def no_read(*args: Any) -> None:
            raise AssertionError("read although the snapshot is valid")

        monkeypatch.setattr(sgio, "_read", no_read)
        assert ok(invoke("similar", "-O", str(demo_file), "-r", ROLE)) == first
        info = json.loads(ok(invoke("cache", "info", "--json")))
        assert info["snapshots"] == 1 and info["files"] == 4
        assert info["directory"] == str(cached)
        assert "removed 5 file" in ok(invoke("cache", "clear"))  # 4 snapshots + digests
        # red team s21 #23: "at most 1074 MB" for the 1024 MiB default
        assert "MiB of at most 1024 MiB" in ok(invoke("cache", "info"))
        assert "0 input snapshot(s)" in ok(invoke("cache", "info"))

    def test_no_cache_neither_reads_nor_writes(
        self, invoke: Invoke, demo_file: Path, cached: Path
    ) -> None:
        ok(invoke("gap", "-O", str(demo_file), "-r", ROLE, "--no-cache"))
        ok(invoke("info", str(demo_file), "--no-cache"))
        ok(invoke("match", "-O", str(demo_file), "python", "--no-cache"))
        assert not list(cached.glob("snapshots/*.sgsnap"))

    def test_regression_match_caches_and_takes_no_cache(
        self, invoke: Invoke, demo_file: Path, cached: Path
    ) -> None:
        # match used to force the cache on, with no --no-cache and no reader options
        ok(invoke("match", "-O", str(demo_file), "python", "--no-cache", "--quiet"))
        assert not list(cached.glob("snapshots/*.sgsnap"))
        ok(invoke("match", "-O", str(demo_file), "python"))
        assert list(cached.glob("snapshots/*.sgsnap"))  # the graph and its match parts

    def test_regression_cache_folder_is_printed_escaped(
        self, invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Red team: cache info and clear printed $SKILLGRAPH_CACHE raw (a newline forged
        a line, ESC reached the terminal)."""
        monkeypatch.setenv("SKILLGRAPH_CACHE", str(tmp_path / "c\nError: forged\x07"))
        for args in (["cache", "info"], ["cache", "clear"]):
            out = ok(invoke(*args))
            assert "c\\nError: forged\\x07" in out and "\x07" not in out, out
            assert not any(line.startswith("Error") for line in out.splitlines()), out

    @pytest.mark.parametrize("raw", ["lots", "-1", "1e6", "\u0661"])
    def test_regression_a_bad_min_bytes_setting_is_an_error(
        self, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, raw: str
    ) -> None:
        """Red team: SKILLGRAPH_CACHE_MIN_BYTES=lots (or -1, 1e6) was silently ignored, where
        the other settings are errors; an Arabic-Indic digit passed str.isdigit()."""
        monkeypatch.setenv("SKILLGRAPH_CACHE_MIN_BYTES", raw)
        result = invoke("info", "demo")
        assert result.exit_code == 1, result.output
        assert "SKILLGRAPH_CACHE_MIN_BYTES=" in one_error(result.output)

    def test_small_inputs_are_not_cached_by_default(
        self, invoke: Invoke, demo_file: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("SKILLGRAPH_CACHE_MIN_BYTES")
        ok(invoke("gap", "-O", str(demo_file), "-r", ROLE))
        assert not list(cached.glob("snapshots/*.sgsnap"))

    def test_concurrent_calls_share_one_cache(self, demo_file: Path, tmp_path: Path) -> None:
        env = dict(os.environ, SKILLGRAPH_CACHE=str(tmp_path / "shared"))
        env["SKILLGRAPH_CACHE_MIN_BYTES"] = "0"
        cmd = [*exe(), "similar", "-O", str(demo_file), "-r", ROLE, "--json"]
        for _ in range(2):  # all cold, then all warm
            procs = [
                subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(4)
            ]
            outs = [p.communicate(timeout=300) for p in procs]
            assert [p.returncode for p in procs] == [0] * 4, [e for _, e in outs]
            assert len({o for o, _ in outs}) == 1
            assert all(b"warning" not in e for _, e in outs), [e for _, e in outs]
        folder = tmp_path / "shared" / "snapshots"
        assert not list(folder.glob(".*.tmp"))
        from skillgraph.cache._snapshot import read_snapshot

        for snap in folder.glob("*.sgsnap"):
            read_snapshot(snap, {})  # complete and valid


class TestShell:
    def test_runs_verbs_on_one_loaded_graph(
        self, invoke: Invoke, demo_file: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        one = ok(invoke("similar", "-r", ROLE, "-k", "3"))
        gap = ok(invoke("gap", "-r", "data scientist", "-s", "python", "--json"))
        real = sgio._read
        reads: list[str] = []
        monkeypatch.setattr(sgio, "_read", lambda src, *a: reads.append(src.name) or real(src, *a))
        script = (
            f'similar -r "{ROLE}" -k 3\n'
            "# a comment\n\n"
            'gap -r "data scientist" -s python --json\n'
            "quit\n"
            "similar -r never-run\n"
        )
        out = ok(invoke("shell", "-O", str(demo_file), "--no-cache", input=script))
        assert out == one + gap
        assert reads == [str(demo_file)]

    def test_regression_the_ontology_from_standard_input_is_refused(
        self, invoke: Invoke, demo_file: Path
    ) -> None:
        """Review: 'shell -O -' read the ontology from standard input, then found no line
        to run and exited 0 having done nothing."""
        result = invoke("shell", "-O", "-", input=demo_file.read_text())
        assert result.exit_code == 2
        assert "standard input" in result.stderr and "not '-'" in result.stderr

    def test_errors_are_printed_and_the_prompt_goes_on(self, invoke: Invoke) -> None:
        script = (
            'similar -r "no such role"\nconvert a b\nsimilar -r "unclosed\n'
            "help\npath -f python -t sql\n"
        )
        result = invoke("shell", input=script)
        assert result.exit_code == 1  # some lines failed: see test_regression_exit_code
        assert "no role matches" in result.stderr
        assert "'convert' is not a query verb" in result.stderr
        assert "cannot parse" in result.stderr
        assert "query verbs: gap" in result.stdout and "Skill path" in result.stdout

    def test_regression_byte_order_mark_long_lines_and_stdin_options(
        self, invoke: Invoke, tmp_path: Path
    ) -> None:
        """Red team: a query file saved with a byte order mark failed on its first line
        ('\\ufeffsimilar' is not a query verb); a line of any length was read whole into
        memory; '--have-file -' on a line read the shell's own remaining lines as skills."""
        from skillgraph.cli._session import MAX_LINE

        skills = tmp_path / "skills.txt"
        skills.write_text("python\n", encoding="utf-8")
        script = (
            f'\ufeffsimilar -r "{ROLE}" -k 1\n'
            + "x" * (MAX_LINE + 10)
            + "\n"
            + f'gap -r "{ROLE}" --have-file -\n'
            + f'gap -r "{ROLE}" --have-text=-\n'
            + f'similar -O- -r "{ROLE}"\n'
            + "python\n"
            + f'gap -r "{ROLE}" --have-file {skills} --json\n'
        )
        result = invoke("shell", input=script.encode("utf-8"))
        assert result.exit_code == 1, result.output  # the refused lines failed
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert errors == [
            f"Error: line 2 is longer than {MAX_LINE} characters",
            "Error: --have-file -: standard input is where the shell reads its lines; "
            "give a file name",
            "Error: --have-text -: standard input is where the shell reads its lines; "
            "give a file name",
            "Error: -O -: standard input is where the shell reads its lines; give a file name",
            "Error: 'python' is not a query verb; one of: "
            "gap, upskill, reskill, classify, similar, adjacent, path, match",
        ]
        assert result.stdout.startswith("Roles most similar to")
        assert '"demo:skill/python"' in result.stdout  # the --have-file line ran

    def test_regression_ctrl_c_at_the_prompt_drops_the_line(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Red team: Ctrl-C at the terminal prompt ended the shell ("Aborted!", exit 1) and
        the loaded graph with it; Ctrl-D left the terminal's prompt on the shell's line."""
        from skillgraph.cli import main

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

            def readline(self, size: int | None = -1) -> str:
                line = super().readline(size)
                if line == "^C\n":
                    raise KeyboardInterrupt
                return line

        monkeypatch.setattr(sys, "stdin", Terminal(f'^C\nsimilar -r "{ROLE}" -k 1\n'))
        assert main(["shell", "-q"]) == 0
        out = capsys.readouterr()
        assert out.out.startswith("Roles most similar to")
        assert out.err.endswith("skillgraph> \nskillgraph> skillgraph> \n"), out.err
        assert "Aborted" not in out.err

    def test_regression_a_closed_standard_output_ends_the_shell(self, tmp_path: Path) -> None:
        """Red team: with its reader gone (`skillgraph shell < q.txt | head -1`), the shell
        swallowed click's exit on EPIPE and ran every remaining line into nothing, then
        exited 0. Now it stops with exit code 1, as a single command does."""
        script = tmp_path / "q.txt"
        script.write_text(f'similar -r "{ROLE}"\n' * 400, encoding="utf-8")
        with script.open("rb") as stdin:
            proc = subprocess.Popen(
                [*exe(), "shell", "-q"],
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            assert proc.stdout is not None and proc.stderr is not None
            proc.stdout.read(10)
            proc.stdout.close()
            err = proc.stderr.read()
            assert proc.wait(timeout=120) == 1, err
        assert b"Traceback" not in err

    def test_regression_help_on_a_line_after_the_refusal_check(self, invoke: Invoke) -> None:
        """Review: the refusal check parsed each line in a context without the group's
        settings, and click kept its '--help'-only help option for the verb, so
        'similar -h' failed with "No such option '-h'" for the rest of the shell."""
        result = invoke("shell", "-q", input="similar -h\nsimilar --help\nsimilar -h\n")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.count("Usage: skillgraph similar") == 3
        assert "No such option" not in result.stderr

    def test_regression_stdin_named_as_a_file_is_refused(self, tmp_path: Path) -> None:
        """Review: '--have-file /dev/stdin' on a line read the shell's remaining lines (or,
        redirected from a file, the whole query file) as a skill list."""
        script = tmp_path / "q.txt"
        script.write_text(
            f'gap -r "{ROLE}" --have-file /dev/stdin\n'
            f'gap -r "{ROLE}" --have-file {script}\n'
            f'similar -r "{ROLE}" -k 1\n',
            encoding="utf-8",
        )
        with script.open("rb") as stdin:
            done = subprocess.run(
                [*exe(), "shell", "-q"], stdin=stdin, capture_output=True, timeout=300
            )
        assert done.returncode == 1, done.stderr
        errors = [ln for ln in done.stderr.decode().splitlines() if ln.startswith("Error:")]
        assert len(errors) == 2 and all("standard input" in e for e in errors), errors
        assert done.stdout.decode().startswith("Roles most similar to")

    def test_regression_a_line_ending_options_with_a_double_dash(self, invoke: Invoke) -> None:
        """Review: 'shell -q' appended --quiet to each line, after a '--' of the line, where
        click read it as an extra argument ("unexpected extra argument")."""
        result = invoke("shell", "-q", input=f'similar -r "{ROLE}" -k 1 --\n')
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("Roles most similar to")

    def test_regression_ontology_on_a_line_is_refused(
        self, invoke: Invoke, tmp_path: Path, demo: sg.SkillGraph
    ) -> None:
        """Red team: a line's '-O /etc/passwd' was read, though the docs say the ontology
        cannot be switched inside the shell. Now refused (the line fails, the rest runs)."""
        small = demo.copy()
        small.remove("demo:role/junior-software-engineer")
        path = tmp_path / "small.json"
        sg.write(small, path)
        out = ok(invoke("shell", "-O", str(path), input=f'similar -r "{ROLE}" -k 1 --json\n'))
        assert json.loads(out)[0]["id"] != "demo:role/junior-software-engineer"
        for line in ("-O demo", "-O/etc/passwd", "--ontology demo", "--ontology=/etc/passwd"):
            result = invoke(
                "shell", "-O", str(path), input=f'similar {line} -r "{ROLE}" -k 1 --json\n'
            )
            assert result.exit_code == 1
            assert "shell's ontology is given when it starts" in result.stderr
            assert result.stdout == ""

    @pytest.mark.parametrize(
        "line", ["-qO /etc/passwd", "-qO/etc/passwd", "-q -Odemo", "-k 1 -qO -", "-qk1 -O demo"]
    )
    def test_regression_ontology_grouped_with_other_flags_is_refused(
        self, invoke: Invoke, line: str
    ) -> None:
        """Red team: '-qO /etc/passwd' passed the refusal, which looked at each word's
        first two characters only; the line is now parsed as its verb parses it."""
        result = invoke("shell", input=f'similar {line} -r "{ROLE}" --json\n')
        assert result.exit_code == 1, result.output
        assert "shell's ontology is given when it starts" in result.stderr
        assert result.stdout == ""

    @pytest.mark.parametrize(
        ("line", "flag"),
        [
            ("--cluster-level 1", "--cluster-level"),
            ("--language de", "--language"),
            ("--min-importance=4", "--min-importance"),
            ("--format json", "--format"),
            ("--no-cache", "--no-cache"),
        ],
    )
    def test_regression_reader_options_on_a_line_are_refused(
        self, invoke: Invoke, line: str, flag: str
    ) -> None:
        """Red team s25 (F-d): '--cluster-level 1' on a line was ignored (the graph was read
        when the shell started), so the answer looked like a major-group one and was not."""
        result = invoke("shell", "-q", input=f'gap -r "{ROLE}" {line}\nsimilar -r "{ROLE}" -k 1\n')
        assert result.exit_code == 1
        assert f"Error: {flag}: the shell's reader options are given when it starts" in (
            result.stderr
        )
        assert result.stdout.startswith("Roles most similar to")  # the next line still runs

    def test_a_line_whose_option_value_looks_like_the_ontology_option_runs(
        self, invoke: Invoke
    ) -> None:
        # '-O' as the value of another option, or after '--', names no ontology
        result = invoke("shell", input='similar -r "-O" -k 1\n')
        assert "shell's ontology" not in result.stderr

    def test_regression_match_is_a_shell_verb(self, invoke: Invoke) -> None:
        """Red team: 'match' (free text to skills) was not a query verb of the shell."""
        result = invoke("shell", input="match 'python and SQL' --json\nmatch -\n")
        assert result.exit_code == 1, result.output  # 'match -' is refused
        assert "demo:skill/python" in result.stdout
        errors = [x for x in result.stderr.splitlines() if x.startswith("Error:")]
        assert errors == [
            "Error: TEXT -: standard input is where the shell reads its lines; give the text"
        ]

    def test_regression_exit_code_says_whether_a_line_failed(self, invoke: Invoke) -> None:
        """Red team: the shell exited 0 even when every line failed, so a script piping
        questions could not tell."""
        good = f'similar -r "{ROLE}" -k 1\n'
        assert invoke("shell", input=good).exit_code == 0
        for bad in ('similar -r "no such role"\n', "convert a b\n", 'gap -r "unclosed\n'):
            result = invoke("shell", input=good + bad + good)
            assert result.exit_code == 1, result.output
            assert result.stdout.count("Roles most similar to") == 2  # the shell went on

    def test_installed_executable_with_piped_stdin(self, demo_file: Path) -> None:
        done = subprocess.run(
            [*exe(), "shell", "-O", str(demo_file), "-q"],
            input=f'similar -r "{ROLE}" -k 2\n',
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Junior software engineer" in done.stdout and done.stderr == ""


#: the commands declaring their options through the shared helpers (`from_option`,
#: `to_option`, `in_out_arguments`, `ends_options`); their help as it was before
_PINNED_HELP = Path(__file__).parent / "help"


class TestSharedDeclarations:
    @pytest.mark.parametrize(
        "verb",
        ["convert", "validate", "info", "diff", "extract", "merge", "sparql", "classify", "path"],
    )
    def test_help_is_unchanged(self, verb: str) -> None:
        from click.testing import CliRunner

        from skillgraph.cli import cli

        result = CliRunner().invoke(cli, [verb, "--help"], terminal_width=80)
        expected = (_PINNED_HELP / f"{verb}.txt").read_text(encoding="utf-8")
        assert f"exit={result.exit_code}\n" + result.output == expected


def test_regression_a_positional_role_is_named_unexpected(invoke: Invoke) -> None:
    # red team s22 #12: `similar ROLE` said only "Missing option '--role'"
    res = invoke("similar", "data analyst")
    assert res.exit_code == 2
    assert "Got unexpected extra argument (data analyst)" in res.output
    assert "did you mean --role 'data analyst'?" in res.output
    res = invoke("plan", "barista")
    assert res.exit_code == 2 and "did you mean --to barista?" in res.output
    res = invoke("similar")
    assert res.exit_code == 2 and "Missing option '--role'" in res.output
    # red team s23 #4a: two words for two missing options were joined into the first one
    res = invoke("path", "stock shelves", "Python (computer programming)")
    assert res.exit_code == 2
    assert "did you mean --from 'stock shelves' --to 'Python (computer programming)'?" in (
        res.output
    )
    res = invoke("path", "--from", "Python", "stock shelves", "SQL")
    assert res.exit_code == 2 and "did you mean --to 'stock shelves SQL'?" in res.output
