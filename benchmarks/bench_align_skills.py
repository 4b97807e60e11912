"""Judged check of the ESCO -> O*NET skill alignment (closeMatch / exactMatch pairs).

    python benchmarks/bench_align_skills.py BASE.csv NEW.csv --seed 201 [--judged FILE]

BASE.csv and NEW.csv are ``skillgraph align ESCO ONET -o X.csv`` outputs (or
``Alignment.write``) of two trees. There is no crosswalk for skills, so ``--seed`` draws
60 closeMatch/exactMatch skill pairs at random from each file; the pairs are pooled and
shuffled (same seed) so the judge does not see which tree a pair came from. Without
``--judged`` (or with pairs missing from it) the unjudged pairs are printed as CSV rows
``source_label,target_label,target_kind,verdict`` to fill in (``right`` / ``wrong``); with
it, the share judged right of each tree is printed, and the counts of skill pairs by
relation and target kind (``element`` / ``tech``) of both files.
"""

from __future__ import annotations

import argparse
import collections
import csv
import random
import sys
from pathlib import Path


def skill_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["kind"] == "skill" and r["rank"] == "1"]


def target_kind(target: str) -> str:
    return "tech" if "tech/" in target else "element"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("base", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--seed", type=int, default=201)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--judged", type=Path)
    args = ap.parse_args(argv)
    files = {"base": skill_rows(args.base), "new": skill_rows(args.new)}
    for name, rows in files.items():
        c = collections.Counter((r["relation"], target_kind(r["target"])) for r in rows)
        print(name, " ".join(f"{rel}/{kind}={n}" for (rel, kind), n in sorted(c.items())))
    samples = {}
    for name, rows in files.items():
        close = [r for r in rows if r["relation"] != "relatedMatch"]
        samples[name] = [
            (r["source_label"], r["target_label"], target_kind(r["target"]))
            for r in random.Random(args.seed).sample(close, args.n)
        ]
    judged: dict[tuple[str, str], str] = {}
    if args.judged and args.judged.exists():
        with args.judged.open(encoding="utf-8", newline="") as fh:
            judged = {
                (r["source_label"], r["target_label"]): r["verdict"] for r in csv.DictReader(fh)
            }
    pool = sorted({p for s in samples.values() for p in s})
    random.Random(args.seed).shuffle(pool)
    todo = [p for p in pool if (p[0], p[1]) not in judged]
    if todo:
        w = csv.writer(sys.stdout)
        w.writerow(["source_label", "target_label", "target_kind", "verdict"])
        for p in todo:
            w.writerow([*p, ""])
        return 1
    for name, s in samples.items():
        right = sum(judged[(p[0], p[1])] == "right" for p in s)
        print(f"{name}: {right}/{len(s)} right = {right / len(s):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
