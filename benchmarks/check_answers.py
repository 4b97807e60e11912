"""Answer identity of the cold first queries: this tree against a baseline tree.

    python benchmarks/check_answers.py --base DIR [--roles N] [--pairs N] [--only esco|onet]
        [--json FILE]

On ESCO v1.1.1 (CSV) and O*NET 29.3, read without the cache (``sg.read(path, cache=False)``),
each in a fresh interpreter per tree and question, so the analysis index is built cold by
that question, as a user's first call builds it:

- **similar**: the top-20 ``similar_roles`` of ``--roles`` seeded random roles (the first
  of them is the first query of the process), as JSON;
- **reskill**: the plans of ``--pairs`` seeded random role pairs (the first is the first
  query of its process; errors by type and message), as JSON;
- **gap**: the gaps of ``--roles`` seeded roles given half their skills;
- **index**: the bytes of the role profiles (every component), the detected families and
  the viability threshold after the reskill plans;
- **resolve**: ``g.resolve`` of labels, upper-cased labels and alternative labels of those
  roles as roles, of as many skill labels as roles and as skills, and of a few texts that
  name nothing or several nodes (errors by type and message), the first lookups of their
  process.

Each answer is printed as a SHA-256 prefix per tree with a verdict; the script exits with
status 1 when any differs. Without ``--base`` it prints this tree's hashes only (to freeze
them).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import ANSWER_HASH, ROOT, data_dir

CASES = {
    "esco": ("ESCO v1.1.1", "esco/v1.1.1/csv"),
    "onet": ("O*NET 29.3", "onet/29.3"),
}

_PRELUDE = (
    ANSWER_HASH
    + """
g = sg.read(sys.argv[1], cache=False)
roles = sorted(g.roles)
rng = random.Random(18)
picked = rng.sample(roles, int(sys.argv[2]))
pairs = [rng.sample(roles, 2) for _ in range(int(sys.argv[3]))]
"""
)

_SIMILAR = """
out = [[m.model_dump_json() for m in g.similar_roles(r, 20)] for r in picked]
print(json.dumps({"similar top-20": h(out)}))
"""

_RESKILL = """
plans = reskill_plans(g, pairs)
import numpy as np
from skillgraph.analysis._index import index
from skillgraph.analysis.viability import mobility
ix = index(g)
blobs = []
for name in sorted(ix.profiles):
    m = ix.profiles[name]
    if isinstance(m, np.ndarray):
        blobs.append(name.encode() + m.dtype.str.encode() + np.ascontiguousarray(m).tobytes())
    else:
        for a in (m.data, m.indices, m.indptr):
            blobs.append(name.encode() + a.dtype.str.encode() + np.ascontiguousarray(a).tobytes())
mob = mobility(g)
arrays = (mob.a.data, mob.a.indices, mob.a.indptr)
print(json.dumps({
    "reskill plans": h(plans),
    "reskill errors": str(sum(not p.startswith("{") for p in plans)),
    "profiles": h(b"".join(blobs)),
    "families detected": h(g.families("detected")),
    "viable moves": h(b"".join(np.ascontiguousarray(a).tobytes() for a in arrays)),
    "threshold": repr(mob.threshold),
}))
"""

_GAP = """
out = []
for r in picked:
    held = sorted(q.skill for q in g.requirements(r))[::2]
    out.append(g.gap(r, held).model_dump_json())
print(json.dumps({"gap": h(out)}))
"""


_RESOLVE = """
names = []
for r in picked * 4:
    node = g.roles[r]
    names += [node.label, node.label.upper(), *node.alt_labels[:2]]
skills = rng.sample(sorted(g.skills), len(picked))
asked = [(n, "role") for n in names]
asked += [(g.skills[s].label, k) for s in skills for k in ("role", "skill")]
asked += [("no such thing at all", "role"), ("manager", "role"), ("data", None)]
out = []
for text, kind in asked:
    try:
        out.append(g.resolve(text, kind))
    except sg.SkillGraphError as exc:
        out.append(type(exc).__name__ + ": " + str(exc))
errors = sum(":" in o and " " in o for o in out)
print(json.dumps({"resolve": h(out), "resolve errors": str(errors)}))
"""


def answers(tree: Path, path: Path, roles: int, pairs: int, tmp: Path) -> dict[str, str]:
    """The answer hashes of ``tree`` on the release at ``path`` (one process per question)."""
    env = dict(os.environ, PYTHONPATH=str(tree), SKILLGRAPH_CACHE=str(tmp / "cache"))
    env.pop("PYTHONSTARTUP", None)
    out: dict[str, str] = {}
    for code in (_SIMILAR, _RESKILL, _GAP, _RESOLVE):
        done = subprocess.run(
            [sys.executable, "-c", _PRELUDE + code, str(path), str(roles), str(pairs)],
            env=env, capture_output=True, text=True, cwd=tmp, check=False,
        )  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"{tree}: {done.stderr[-2000:]}")
        out.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="the baseline tree (a checkout of main, say)")
    ap.add_argument("--roles", type=int, default=50, help="roles of similar and gap")
    ap.add_argument("--pairs", type=int, default=20, help="reskill pairs")
    ap.add_argument("--only", choices=sorted(CASES))
    ap.add_argument("--json", type=Path, help="also write the hashes here")
    opts = ap.parse_args()
    data = data_dir()
    if data is None:
        print("real data folder absent: nothing to compare")
        return
    trees = {"this": ROOT}
    if opts.base is not None:
        trees = {"base": opts.base.resolve(), "this": ROOT}
    lines = ["| taxonomy | answer | " + " | ".join(trees) + " | same |"]
    lines.append("|---|---|" + "---|" * (len(trees) + 1))
    found: dict[str, dict[str, dict[str, str]]] = {}
    differ = False
    with tempfile.TemporaryDirectory() as tmp:
        for key, (name, rel) in CASES.items():
            if opts.only and key != opts.only:
                continue
            got = {
                t: answers(tree, data / rel, opts.roles, opts.pairs, Path(tmp))
                for t, tree in trees.items()
            }
            found[key] = got
            for what in next(iter(got.values())):
                cells = [got[t][what] for t in trees]
                same = len(set(cells)) == 1
                differ |= not same
                verdict = "yes" if same else "NO"
                lines.append(f"| {name} | {what} | " + " | ".join(cells) + f" | {verdict} |")
    print("\n".join(lines))
    if opts.json:
        opts.json.write_text(json.dumps(found, indent=2) + "\n")
    if differ and len(trees) > 1:
        sys.exit(1)


if __name__ == "__main__":
    main()
