"""The stderr progress line."""

from __future__ import annotations

import io

from skillgraph.cli._progress import ProgressLine, stderr_progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_draws_bar_and_new_line_per_stage() -> None:
    out = io.StringIO()
    line = ProgressLine(out, interval=0.0)
    line("reading", 5, 10)
    line("reading", 10, 10)
    line("linking", 3, None)
    line.close()
    text = out.getvalue()
    assert "reading [############------------]  50% 5/10" in text
    assert "100% 10/10" in text
    assert text.count("\n") == 2 and "linking: 3" in text


def test_throttles_within_a_stage() -> None:
    out = io.StringIO()
    line = ProgressLine(out, interval=3600.0)
    for i in range(100):
        line("reading", i, 1000)
    assert out.getvalue().count("\r") == 1


def test_only_on_a_terminal() -> None:
    with stderr_progress(io.StringIO()) as cb:
        assert cb is None
    tty = FakeTTY()
    with stderr_progress(tty) as cb:
        assert cb is not None
        cb("reading", 1, 2)
    assert tty.getvalue().endswith("\n")
