"""Answers do not depend on the string hash seed: `benchmarks/check_hashseed.py --quick`
(the demo graph, and 5 held-out ESCO v1.1.1 titles when the real data is present) gives
the same JSON under PYTHONHASHSEED 0 and 1, each in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _check() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import check_hashseed

    return check_hashseed


def test_answers_are_the_same_under_two_hash_seeds() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = str(ROOT / "benchmarks" / "check_hashseed.py")
    proc = subprocess.run(
        [sys.executable, script, "--quick", "--hash-seeds", "0,1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.stdout.startswith("identical ("), proc.stdout


def test_the_check_reports_an_answer_that_differs() -> None:
    runs = {"0": {"q": [1, 2], "same": 3}, "1": {"q": [2, 1], "same": 3}}
    lines = _check().diffs(runs)
    assert lines == ["q: seed 0 [1, 2]", "q: seed 1 [2, 1]"]
    assert _check().diffs({"0": {"q": 1}, "1": {"q": 1}}) == []
