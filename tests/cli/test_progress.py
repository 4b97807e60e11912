"""The stderr progress line."""

from __future__ import annotations

import io

from skillgraph.cli._progress import ProgressLine, clear_active, stderr_progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_draws_bar_in_place() -> None:
    out = io.StringIO()
    line = ProgressLine(out, interval=0.0)
    line("reading", 5, 10)
    line("reading", 10, 10)
    line("linking", 3, None)
    line.close()
    text = out.getvalue()
    assert "reading [############------------]  50% 5/10" in text
    assert "100% 10/10" in text
    assert text.count("\r") == 3 and text.count("\n") == 1 and "linking: 3" in text


def test_clear_blanks_the_line_for_a_warning() -> None:
    tty = FakeTTY()
    with stderr_progress(tty) as cb:
        assert cb is not None
        cb("reading", 1, 2)
        clear_active()
        tty.write("warning: x\n")
        cb("reading", 1, 2)
    assert tty.getvalue().endswith(
        "\r\x1b[Kwarning: x\n\r\x1b[Kreading [############------------]  50% 1/2\n"
    )
    clear_active()  # no active line: nothing happens


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
