"""Source trees side by side: import, RDF read/write, ESCO/O*NET import, queries, gap.

Runs every workload in a fresh subprocess with ``PYTHONPATH`` set to one tree, alternating
the trees (A, B, A, B, ...) so that load on a shared machine falls on all alike, and prints
median wall and CPU time of each with the ratio B / A (below 1: B is faster).

    python benchmarks/bench_ab.py BASE_TREE [OTHER_TREE] [--runs N] [--quick]
    python benchmarks/bench_ab.py OLD_TREE BASE_TREE OTHER_TREE --cpu

``OTHER_TREE`` defaults to this checkout. Typical use: a refactor measured against a
pristine worktree of ``main`` (``git worktree add --detach ../base main``). With more than
two trees, or ``--cpu``, the table lists the CPU median of each tree and the ratio of the
last tree to each of the others (``B/A``, ``B/A2``...), and the load average after each
workload.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import compile_bytecode, data_dir

ROOT = Path(__file__).resolve().parent.parent

PRELUDE = """
import json, os, sys, time, warnings
warnings.simplefilter("ignore")
def done(**kw):
    kw["cpu"] = kw.get("cpu", time.process_time())
    print(json.dumps(kw))
"""

IMPORT = """
t = time.perf_counter(); c = time.process_time()
import skillgraph
skillgraph.SkillGraph, skillgraph.read, skillgraph.Skill
done(seconds=time.perf_counter() - t, cpu=time.process_time() - c)
"""

CLI_HELP = """
t = time.perf_counter(); c = time.process_time()
import contextlib, io
from skillgraph.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["--help"])
done(seconds=time.perf_counter() - t, cpu=time.process_time() - c)
"""

READ = """
import skillgraph as sg
t = time.perf_counter(); c = time.process_time()
g = sg.read(sys.argv[1], format=sys.argv[2])
done(seconds=time.perf_counter() - t, cpu=time.process_time() - c, n=len(g))
"""

WRITE = """
import skillgraph as sg
g = sg.read(sys.argv[1], format="turtle")
t = time.perf_counter(); c = time.process_time()
sg.write(g, sys.argv[2], format=sys.argv[3])
done(seconds=time.perf_counter() - t, cpu=time.process_time() - c)
"""

QUERIES = """
import random
import skillgraph as sg
from skillgraph._synthetic import esco_like
g = esco_like(float(sys.argv[1]))
rng = random.Random(0)
roles = sorted(r for r in g.roles if g.requirements(r))
skills = sorted(g.skills)
ins = [rng.choice(roles) for _ in range(int(sys.argv[2]))]
g.similar_roles(ins[0], 1); g.upskill(ins[0], k=1); g.adjacent_skills(skills[:1], 1)
t = time.perf_counter(); c = time.process_time()
for r in ins:
    req = [q.skill for q in g.requirements(r)]
    g.gap(r, req[: len(req) // 2])
    g.similar_roles(r, 10)
    g.adjacent_skills(rng.sample(skills, 3), 10)
    g.skill_path(*rng.sample(skills, 2))
    g.upskill(r, k=5)
done(seconds=time.perf_counter() - t, cpu=time.process_time() - c)
"""

GAP = """
import random
from skillgraph._synthetic import esco_like
g = esco_like(float(sys.argv[1]))
rng = random.Random(0)
roles = sorted(r for r in g.roles if g.requirements(r))
ins = [rng.choice(roles) for _ in range(int(sys.argv[2]))]
haves = [[q.skill for q in g.requirements(r)][::2] for r in ins]
g.gap(ins[0], haves[0])
t = time.perf_counter(); c = time.process_time()
for r, have in zip(ins, haves):
    g.gap(r, have)
done(seconds=time.perf_counter() - t, cpu=time.process_time() - c)
"""

BUILD = """
from skillgraph._synthetic import esco_like
t = time.perf_counter(); c = time.process_time()
g = esco_like(float(sys.argv[1]))
h = g.copy()
same = g == h
done(seconds=time.perf_counter() - t, cpu=time.process_time() - c, same=same)
"""


def run(tree: Path, code: str, *args: str) -> dict[str, float]:
    """One child run of ``code`` against ``tree``; its reported figures."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    proc = subprocess.run(
        [sys.executable, "-c", PRELUDE + code, *args],
        cwd=tempfile.gettempdir(),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode or not lines:
        raise RuntimeError(f"{tree}: {proc.stderr[-2000:]}")
    out: dict[str, float] = json.loads(lines[-1])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("other", type=Path, nargs="*", default=[ROOT])
    ap.add_argument("--cpu", action="store_true", help="CPU medians of every tree only")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="smaller graphs")
    ap.add_argument("--only", default="", help="comma-separated workload names")
    ns = ap.parse_args()
    trees = [ns.base.resolve(), *(t.resolve() for t in ns.other)]
    print(compile_bytecode(*trees))
    tmp = Path(tempfile.mkdtemp(prefix="bench_ab_"))
    scale = "0.1" if ns.quick else "0.5"
    sys.path.insert(0, str(trees[0]))
    import skillgraph as sg
    from skillgraph._synthetic import esco_like

    ttl = tmp / "g.ttl"
    sg.write(esco_like(float(scale)), ttl)
    nt = tmp / "g.nt"
    sg.write(sg.read(ttl), nt)
    work: list[tuple[str, str, tuple[str, ...]]] = [
        ("import + SkillGraph", IMPORT, ()),
        ("cli --help", CLI_HELP, ()),
        ("read turtle", READ, (str(ttl), "turtle")),
        ("read ntriples", READ, (str(nt), "ntriples")),
        ("write turtle", WRITE, (str(ttl), str(tmp / "o.ttl"), "turtle")),
        ("write ntriples", WRITE, (str(ttl), str(tmp / "o.nt"), "ntriples")),
        ("write jsonld", WRITE, (str(ttl), str(tmp / "o.jsonld"), "jsonld")),
        ("build+copy+eq", BUILD, (scale,)),
        ("queries x50", QUERIES, ("0.3" if ns.quick else "1.0", "50")),
        ("gap x1000", GAP, ("0.3" if ns.quick else "1.0", "1000")),
    ]
    data = data_dir()
    if data is not None and not ns.quick:
        work.append(("read ESCO csv", READ, (str(data / "esco/v1.1.1/csv"), "esco")))
        work.append(("read O*NET", READ, (str(data / "onet/29.3"), "onet")))
        native = tmp / "esco.json"  # written by tree A's reader and writer
        sg.write(sg.read(data / "esco/v1.1.1/csv", format="esco"), native)
        work.append(("read ESCO native", READ, (str(native), "json")))
    only = {w.strip() for w in ns.only.split(",") if w.strip()}
    names = ["A", *(f"A{i}" for i in range(2, len(trees))), "B"]
    for name, tree in zip(names, trees, strict=True):
        print(f"{name} = {tree}")
    print(f"runs = {ns.runs}, load = {os.getloadavg()}")
    cpu_only = ns.cpu or len(trees) > 2
    if cpu_only:
        cols = [f"{n} cpu" for n in names] + [f"B/{n}" for n in names[:-1]] + ["load"]
    else:
        cols = ["A wall", "B wall", "B/A", "A cpu", "B cpu", "B/A"]
    head = f"{'workload':20} " + " ".join(f"{c:>8}" if "B/" not in c else f"{c:>6}" for c in cols)
    print(head)
    for name, code, args in work:
        if only and name not in only:
            continue
        wall: list[list[float]] = [[] for _ in trees]
        cpu: list[list[float]] = [[] for _ in trees]
        for _ in range(ns.runs):
            for i, tree in enumerate(trees):
                r = run(tree, code, *args)
                wall[i].append(r["seconds"])
                cpu[i].append(r["cpu"])
        if cpu_only:
            med = [statistics.median(x) for x in cpu]
            cells = [f"{m:8.3f}" for m in med] + [f"{med[-1] / m:6.2f}" for m in med[:-1]]
            print(f"{name:20} " + " ".join(cells) + f" {os.getloadavg()[0]:8.2f}", flush=True)
            continue
        wa, wb = (statistics.median(x) for x in wall)
        ca, cb = (statistics.median(x) for x in cpu)
        print(f"{name:20} {wa:8.3f} {wb:8.3f} {wb / wa:6.2f} {ca:8.3f} {cb:8.3f} {cb / ca:6.2f}")


if __name__ == "__main__":
    main()
