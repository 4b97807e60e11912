"""The documentation runs: every Python block, every ``pycon`` session (output checked),
every ``skillgraph`` command in a shell block, and ``mkdocs build --strict``.

Blocks of one page run in order in one namespace, in a fresh temporary working folder (so
files a page writes do not leak). Blocks shown with a file name (a fence with
``title="acme.ttl"``) are written to that file in the working folder first. A page whose
first line is
``<!-- docs-test: needs-data -->`` runs with ``esco`` and ``onet`` in that folder pointing
at the real data folder, and is skipped when the data is absent.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import skillgraph as sg
from skillgraph import errors

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]
NEEDS_DATA = "<!-- docs-test: needs-data -->"
FENCE = re.compile(r"^```([\w-]*)([^\n]*)\n(.*?)^```\s*$", re.S | re.M)
TITLE = re.compile(r'title="([^"/]+)"')


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    lang: str
    code: str
    line: int
    title: str | None = None


def blocks_of_text(text: str) -> list[Block]:
    """The fenced blocks of ``text``: language, body, line, and the title="NAME" if any."""
    out = []
    for m in FENCE.finditer(text):
        title = TITLE.search(m.group(2))
        line = text.count("\n", 0, m.start()) + 1
        out.append(Block(m.group(1), m.group(3), line, title.group(1) if title else None))
    return out


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of ``page`` at the top level (not indented), in order."""
    text = page.read_text(encoding="utf-8")
    return blocks_of_text(text)


def rel(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def _enter(page: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Prepare the working folder: files shown with a title, links to the real data."""
    for block in blocks(page):
        if block.title is not None and block.lang not in ("python", "pycon"):
            (tmp_path / block.title).write_text(block.code, encoding="utf-8")
    if page.read_text(encoding="utf-8").startswith(NEEDS_DATA):
        data: Path = request.getfixturevalue("data")
        (tmp_path / "esco").symlink_to(data / "esco", target_is_directory=True)
        (tmp_path / "onet").symlink_to(data / "onet", target_is_directory=True)


def _run_pycon(block: Block, ns: dict[str, Any], where: str) -> None:
    test = doctest.DocTestParser().get_doctest(block.code, ns, where, where, block.line)
    out: list[str] = []
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    result = runner.run(test, out=out.append, clear_globs=False)
    ns.update(test.globs)  # DocTest works on a copy: carry names over to the next block
    assert result.failed == 0, "".join(out)


def _has_code(page: Path) -> bool:
    return any(b.lang in ("python", "pycon") for b in blocks(page))


@pytest.mark.parametrize("page", [p for p in PAGES if _has_code(p)], ids=rel)
def test_code_blocks_run(
    page: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _enter(page, tmp_path, request)
    monkeypatch.chdir(tmp_path)
    ns: dict[str, Any] = {"__name__": "__docs__"}
    for block in blocks(page):
        where = f"{rel(page)}:{block.line}"
        if block.lang == "python":
            try:
                exec(compile(block.code, where, "exec"), ns)
            except Exception as exc:
                pytest.fail(f"block at {where} raised {type(exc).__name__}: {exc}")
        elif block.lang == "pycon":
            _run_pycon(block, ns, where)
    capsys.readouterr()


def _commands(page: Path) -> list[tuple[int, list[str]]]:
    out = []
    for block in blocks(page):
        if block.lang not in ("bash", "console", "shell", "sh"):
            continue
        for i, line in enumerate(block.code.splitlines(), start=1):
            line = line.strip().removeprefix("$ ")
            if line.startswith("skillgraph "):
                out.append((block.line + i, shlex.split(line)[1:]))
    return out


@pytest.mark.parametrize("page", [p for p in PAGES if _commands(p)], ids=rel)
def test_shell_commands_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    if importlib.util.find_spec("skillgraph.cli") is None:
        pytest.skip("skillgraph.cli has not landed yet")
    _enter(page, tmp_path, request)
    for line, args in _commands(page):
        proc = subprocess.run(
            [sys.executable, "-m", "skillgraph.cli", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert proc.returncode == 0, (
            f"{rel(page)}:{line}: skillgraph {shlex.join(args)} exited {proc.returncode}\n"
            f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
        )


def test_mermaid_picture_is_current(demo: sg.SkillGraph) -> None:
    """The diagram in concepts.md is what Plan.to_mermaid() gives for that plan today."""
    shown = [b.code for b in blocks(DOCS / "concepts.md") if b.lang == "mermaid"]
    assert len(shown) == 1
    plan = demo.reskill("retail sales assistant", "digital marketing specialist")
    assert shown[0] == plan.to_mermaid(demo.label)


def test_json_schema_copy_is_current() -> None:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    tail = text.split("<!-- json-schema -->", 1)[1]
    block = blocks_of_text(tail)[0]
    assert block.lang == "json"
    assert json.loads(block.code) == sg.json_schema()


DATA_BLOCKS = [
    pytest.param(b, id=f"{rel(p)}:{b.line}")
    for p in PAGES
    for b in blocks(p)
    if b.lang in ("json", "turtle")
]


@pytest.mark.parametrize("block", DATA_BLOCKS)
def test_json_and_turtle_blocks_are_valid(block: Block) -> None:
    """JSON blocks parse (native documents load); Turtle blocks read as a graph."""
    if block.lang == "json":
        doc = json.loads(block.code)
        if isinstance(doc, dict) and "skillgraph" in doc:
            assert len(sg.loads(block.code)) > 0
    else:
        assert len(sg.loads(block.code, "turtle")) > 0


def test_every_error_class_is_catalogued() -> None:
    text = (DOCS / "reference" / "error-catalogue.md").read_text(encoding="utf-8")
    for name in errors.__all__:
        assert f"`{name}`" in text, f"{name} is missing from the error catalogue"


def test_site_builds_strict(tmp_path: Path) -> None:
    if importlib.util.find_spec("mkdocs") is None:
        pytest.skip("mkdocs is not installed (pip install -e '.[docs]')")
    site = tmp_path / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml")]
    proc = subprocess.run(
        [*cmd, "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    warnings = [ln for ln in proc.stderr.splitlines() if "WARNING" in ln]
    assert not warnings, "\n".join(warnings)
    cli_page = (site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    import click

    from skillgraph.cli import cli

    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        assert f"skillgraph {name}" in cli_page, f"CLI reference lacks {name}"
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    assert opt in cli_page, f"CLI reference lacks {name} {opt}"
    assert "Sentinel" not in cli_page


SPHINX_ROLE = re.compile(r":(?:py:)?(?:meth|class|func|attr|data|mod|exc|obj|const|ref):`")


def test_no_literal_sphinx_roles_in_docstrings_or_pages() -> None:
    """mkdocstrings renders Markdown: a Sphinx role would print literally in the API pages."""
    import ast

    found = []
    for path in sorted((ROOT / "skillgraph").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node, clean=False) or ""
                found += [f"{path.relative_to(ROOT)}: {m}" for m in SPHINX_ROLE.findall(doc)]
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        found += [f"{page.relative_to(ROOT)}: {m}" for m in SPHINX_ROLE.findall(text)]
    assert not found, "literal Sphinx roles (use Markdown backticks):\n" + "\n".join(found)


def test_docs_build_refuses_sphinx_roles() -> None:
    """The mkdocs hook fails the build on a page that still shows one."""
    from types import SimpleNamespace

    spec = importlib.util.spec_from_file_location("hook", DOCS / "hooks" / "no_sphinx_roles.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = SimpleNamespace(file=SimpleNamespace(src_path="reference/api/graph.md"))
    assert hook.on_page_content("<p>Use <code>add</code>.</p>", page=page) is not None
    with pytest.raises(Exception, match="Sphinx role"):
        hook.on_page_content("<p>edges with :meth:<code>add</code></p>", page=page)
