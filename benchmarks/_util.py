"""Shared helpers of the benchmark scripts: data folder, timing, percentiles, child processes.

Peak memory is measured in a fresh subprocess (its ``VmHWM``, the peak resident set of that
process image, so it includes the interpreter and its imports; ``ru_maxrss`` is not used on
Linux because it carries over the parent's peak across fork and exec).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

Row = dict[str, Any]

#: the dependencies every query verb imports: the floor of a warm CLI call
BARE_IMPORT = "import numpy, scipy.sparse, pydantic, click"


#: child-process script lines: imports, ``h(x)`` (a short hash of bytes or of JSON data) and
#: ``reskill_plans(g, pairs)`` (each plan as JSON, or its error as text)
#: (the answer checks of ``check_answers.py`` and ``bench_reskill.py --answers``)
ANSWER_HASH = """
import hashlib, json, random, sys, warnings
warnings.simplefilter("ignore")
import skillgraph as sg

def h(x):
    raw = x if isinstance(x, bytes) else json.dumps(x, sort_keys=True).encode()
    return hashlib.sha256(raw).hexdigest()[:16]

def reskill_plans(g, pairs):
    plans = []
    for a, b in pairs:
        try:
            plans.append(g.reskill(a, b).model_dump_json())
        except sg.SkillGraphError as exc:
            plans.append(type(exc).__name__ + ": " + str(exc))
    return plans
"""

#: child-process script lines: the first query of ``verb`` (similar, gap or reskill) with
#: ``args`` on the graph ``g`` (``bench_cli.py`` and ``bench_startup.py --first-answer``)
FIRST_QUERY = """
if verb == "similar":
    g.similar_roles(g.resolve(args[0], "role"), 10)
elif verb == "gap":
    g.gap(g.resolve(args[0], "role"), [g.resolve(s, "skill") for s in args[1:]])
else:
    g.reskill(g.resolve(args[0], "role"), g.resolve(args[1], "role"))
"""


def tree_on_path(root: Path) -> None:
    """Put the checkout ``root`` on ``sys.path`` after the entries of ``PYTHONPATH`` and
    before the installed packages: ``PYTHONPATH=OTHER_TREE`` measures another checkout (a
    baseline), and without it this checkout is measured, not an editable install of another.
    """
    given = {os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p}
    last = [i for i, p in enumerate(sys.path) if p and os.path.abspath(p) in given]
    sys.path.insert(max(last, default=0) + 1, str(root))


def data_dir() -> Path | None:
    """The real-data folder ($SKILLGRAPH_DATA or ../shared/data), or None if missing."""
    env = os.environ.get("SKILLGRAPH_DATA")
    folder = Path(env) if env else ROOT.parent / "shared" / "data"
    return folder if folder.is_dir() else None


def pct(xs: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``xs``, nearest rank; NaN for no values."""
    if not xs:
        return float("nan")
    ys = sorted(xs)
    return ys[min(len(ys) - 1, int(q * len(ys)))]


def time_calls(fn: Callable[[Any], object], inputs: Sequence[Any]) -> list[float]:
    """Wall time of ``fn(x)`` for each input, in milliseconds."""
    out = []
    for x in inputs:
        t = time.perf_counter()
        fn(x)
        out.append((time.perf_counter() - t) * 1000.0)
    return out


CHILD_PRELUDE = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
def peak_mb():
    # VmHWM belongs to this process image; ru_maxrss survives exec and would report the
    # parent's peak when the parent was larger at fork time
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def done(**kw):
    kw.setdefault("peak_mb", peak_mb())
    print(json.dumps(kw))
"""


def child(code: str, *args: str, timeout: float = 1800) -> dict[str, Any]:
    """Run ``code`` (after :data:`CHILD_PRELUDE`) in a fresh interpreter; its last JSON line.

    The child calls ``done(seconds=..., ...)``; ``peak_mb`` (its peak RSS) is added.
    """
    proc = subprocess.run(
        [sys.executable, "-c", CHILD_PRELUDE + code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def ratio(reference: float | None, ours: float | None) -> float | None:
    """``reference / ours`` (how many times faster we are), None if either is missing."""
    if reference is None or ours is None or ours <= 0:
        return None
    return reference / ours


def fmt(x: object, digits: int = 3) -> str:
    """A table cell: floats with ``digits`` significant figures, None as ``-``."""
    if x is None:
        return "-"
    if isinstance(x, float):
        if x != x:
            return "-"
        return f"{x:.{digits}g}" if abs(x) < 10**digits else f"{x:.0f}"
    return str(x)


def compile_bytecode(*trees: Path) -> str:
    """Byte-compile the ``skillgraph`` package of each tree, as ``pip install`` does.

    A fresh interpreter that finds no ``.pyc`` files compiles every module it imports (about
    0.25 s of CPU for a query verb) and, with ``PYTHONDONTWRITEBYTECODE`` set or a read-only
    checkout, does so on every run; an installed wheel never pays that. Timing start-up
    without the bytecode would measure the compiler, not the library. Returns the line the
    benchmarks print about it.
    """
    import compileall

    for tree in trees:
        package = tree / "skillgraph"
        if not compileall.compile_dir(str(package), quiet=1, workers=1):
            raise RuntimeError(f"cannot byte-compile {package}")
    flag = os.environ.get("PYTHONDONTWRITEBYTECODE")
    return f"bytecode: compiled for {len(trees)} tree(s) before timing" + (
        " (PYTHONDONTWRITEBYTECODE is set here: nothing would be cached otherwise)" if flag else ""
    )
