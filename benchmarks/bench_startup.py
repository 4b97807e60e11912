"""Start-up time of the ``skillgraph`` command, beside the bare interpreter.

Runs each command N times as a subprocess and prints the median and best wall time:

    python benchmarks/bench_startup.py [N]

Target: ``skillgraph --help`` within 3x ``python -c "import click"`` (bench_cli.py reports the
ratio with the query verbs).

"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import BARE_IMPORT, ROOT, compile_bytecode


def skillgraph_cmd() -> list[str]:
    """The installed console script, else ``python -m skillgraph``."""
    found = shutil.which("skillgraph")
    beside = Path(sys.executable).parent / "skillgraph"
    if found is None and beside.exists():
        found = str(beside)
    return [found] if found else [sys.executable, "-m", "skillgraph"]


def wall_times(cmd: list[str], n: int) -> list[float]:
    """Wall time of ``n`` runs of ``cmd`` (after one warm-up run), in seconds."""
    subprocess.run(cmd, capture_output=True, check=True)
    out = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    """Print a table of median and best times."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    sg = skillgraph_cmd()
    print(compile_bytecode(ROOT))
    cases = [
        ("python -c pass (baseline)", [sys.executable, "-c", "pass"]),
        ("python -c 'import click'", [sys.executable, "-c", "import click"]),
        ("import numpy+scipy+pydantic+click", [sys.executable, "-c", BARE_IMPORT]),
        ("python -c 'import skillgraph'", [sys.executable, "-c", "import skillgraph"]),
        ("skillgraph --help", [*sg, "--help"]),
        ("skillgraph convert --help", [*sg, "convert", "--help"]),
        ("skillgraph formats", [*sg, "formats"]),
    ]
    print(f"{'command':34} {'median s':>9} {'best s':>8}   (n={n}, {' '.join(sg)})")
    for name, cmd in cases:
        times = wall_times(cmd, n)
        print(f"{name:34} {statistics.median(times):9.3f} {min(times):8.3f}")


if __name__ == "__main__":
    main()
