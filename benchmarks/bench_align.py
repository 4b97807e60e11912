"""ESCO v1.1.1 -> O*NET 29.3 role alignment against the BLS crosswalk, by held-out part.

    python benchmarks/bench_align.py [--trees BASE OTHER ...] [--seed N ...] [--json OUT]

``sg.align(esco, onet)`` maps each ESCO occupation to its best O*NET occupation; a pair is
consistent when the occupation's ISCO-08 unit group and the O*NET code's SOC code are
linked in the BLS crosswalk (``../shared/data/crosswalks/isco08_soc2010.csv``), as in
``bench_text.py --only alignment``. The share is reported on all ESCO occupations with an
ISCO code, on ISCO major groups 1-4 (managers, professionals, technicians, clerks: the
part the scoring was tuned on) and on major groups 5-9 (service and sales, agriculture,
crafts, operators, elementary: held out), and on seeded random halves of the occupations
(``--seed``, default 181-185: share on each half, min and max over seeds).

Baseline, same run: labels only (character 3-gram TF-IDF nearest preferred label, the
baseline of ``bench_text.py``). Ceiling: share of occupations for which the crosswalk links
at least one O*NET 29.3 code (O*NET uses SOC 2018, the crosswalk SOC 2010, so some right
pairs cannot count). ``common``: the crosswalk share over the common occupations
(`COMMON`; 49 of its 50 labels are ESCO v1.1.1 labels, "lorry driver" is not), each pair
listed under ``--show``.

With ``--trees``, each tree runs in a subprocess with ``PYTHONPATH`` set to it (the same
data, one after the other), CPU seconds of ``align`` beside each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import data_dir

#: 50 common occupations (ESCO v1.1.1 preferred labels), for the listed pairs
COMMON = (
    "shop assistant",
    "sales assistant",
    "cashier",
    "nurse responsible for general care",
    "nurse assistant",
    "primary school teacher",
    "secondary school teacher",
    "cook",
    "chef",
    "kitchen assistant",
    "building cleaner",
    "domestic cleaner",
    "lorry driver",
    "bus driver",
    "taxi driver",
    "warehouse worker",
    "forklift operator",
    "software developer",
    "web developer",
    "accountant",
    "bookkeeper",
    "electrician",
    "plumber",
    "carpenter",
    "bricklayer",
    "welder",
    "security guard",
    "police officer",
    "firefighter",
    "waiter/waitress",
    "bartender",
    "receptionist",
    "secretary",
    "office clerk",
    "data entry clerk",
    "customer service representative",
    "call centre agent",
    "hairdresser",
    "home care aide",
    "child care worker",
    "baker",
    "butcher",
    "pharmacist",
    "lawyer",
    "architect",
    "civil engineer",
    "landscape gardener",
    "shop manager",
    "supermarket manager",
    "sales manager",
)

PRELUDE = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import skillgraph as sg
esco = sg.read(sys.argv[1] + "/esco/" + sys.argv[2])
onet = sg.read(sys.argv[1] + "/onet/29.3")
a, b = (onet, esco) if sys.argv[3] == "reverse" else (esco, onet)
c = time.process_time()
m = sg.align(a, b, skills=False)
cpu = time.process_time() - c
from skillgraph.text.alignment import CLOSE_SCORE
print(json.dumps({"cpu": cpu, "close": CLOSE_SCORE, "best": {
    r.source: [r.target, r.score, r.evidence] for r in m.best("role")}}))
"""


def crosswalk(data: Path) -> set[tuple[str, str]]:
    import csv

    with (data / "crosswalks" / "isco08_soc2010.csv").open(encoding="utf-8", newline="") as fh:
        return {(r["isco08_code"].strip(), r["soc2010_code"].strip()) for r in csv.DictReader(fh)}


def _soc(role_id: str) -> str:
    return role_id.rsplit("/", 1)[-1].rsplit(":", 1)[-1][:7]


def run_tree(
    tree: Path, data: Path, release: str = "v1.1.1/csv", direction: str = "forward"
) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", PRELUDE, str(data), release, direction],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=tree,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def label_baseline(esco: object, onet: object) -> dict[str, str]:
    import numpy as np
    from bench_text import CharTfidf

    o_ids = sorted(onet.roles)  # type: ignore[attr-defined]
    tf = CharTfidf([onet.roles[i].label for i in o_ids])  # type: ignore[attr-defined]
    return {
        rid: o_ids[int(np.argmax(tf.scores(r.label)))]
        for rid, r in sorted(esco.roles.items())  # type: ignore[attr-defined]
    }


def shares(
    best: dict[str, str], isco: dict[str, str], links: set[tuple[str, str]], seeds: Sequence[int]
) -> dict[str, object]:
    def share(ids: Sequence[str]) -> float:
        ids = [i for i in ids if i in isco]
        ok = sum((isco[i], _soc(best[i])) in links for i in ids if i in best)
        return ok / max(1, len(ids))

    ids = sorted(isco)
    out: dict[str, object] = {
        "all": share(ids),
        "ISCO 1-4 (tuned)": share([i for i in ids if isco[i][0] in "1234"]),
        "ISCO 5-9 (held out)": share([i for i in ids if isco[i][0] in "56789"]),
    }
    halves = []
    for seed in seeds:
        rnd = random.Random(seed)
        shuffled = ids[:]
        rnd.shuffle(shuffled)
        half = shuffled[: len(ids) // 2]
        halves.append(share(half))
    if halves:
        out["seeded halves min"] = min(halves)
        out["seeded halves max"] = max(halves)
    return out


def reverse_share(
    tree: Path, data: Path, esco: object, links: set[tuple[str, str]]
) -> dict[str, object]:
    """O*NET 29.3 -> ESCO v1.1.1: share of O*NET codes whose best ESCO occupation has an
    ISCO group linked to the code's SOC code."""
    res = run_tree(tree, data, direction="reverse")
    roles = esco.roles  # type: ignore[attr-defined]
    ok = n = 0
    for src, (tgt, _score, _ev) in res["best"].items():  # type: ignore[union-attr]
        code = roles[tgt].attributes.get("isco_code")
        if code:
            n += 1
            ok += (str(code)[:4], _soc(src)) in links
    return {"share": ok / max(1, n), "codes": n, "align cpu": res["cpu"]}


def release_share(tree: Path, data: Path, links: set[tuple[str, str]]) -> dict[str, object]:
    """ESCO v1.1.0 -> O*NET 29.3: the share on all occupations with an ISCO code."""
    import skillgraph as sg

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        esco = sg.read(data / "esco" / "v1.1.0" / "zip")
    res = run_tree(tree, data, release="v1.1.0/zip")
    ok = n = 0
    for src, (tgt, _score, _ev) in res["best"].items():  # type: ignore[union-attr]
        code = esco.roles[src].attributes.get("isco_code")
        if code:
            n += 1
            ok += (str(code)[:4], _soc(tgt)) in links
    return {"share": ok / max(1, n), "occupations": n, "align cpu": res["cpu"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--trees", type=Path, nargs="+", help="source trees to compare")
    p.add_argument("--seed", type=int, action="append", help="seeded halves (181-185)")
    p.add_argument("--show", action="store_true", help="list the common pairs")
    p.add_argument("--json", type=Path, help="write the figures as JSON")
    p.add_argument("--reverse", action="store_true", help="also O*NET 29.3 -> ESCO v1.1.1")
    p.add_argument("--v110", action="store_true", help="also ESCO v1.1.0 -> O*NET 29.3")
    args = p.parse_args(argv)
    data = data_dir()
    if data is None:
        print("real data folder missing: skipped", file=sys.stderr)
        return 0
    seeds = args.seed or [181, 182, 183, 184, 185]
    trees = args.trees or [Path(__file__).resolve().parent.parent]
    sys.path.insert(0, str(trees[-1]))
    import skillgraph as sg

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        esco = sg.read(data / "esco" / "v1.1.1" / "csv")
        onet = sg.read(data / "onet" / "29.3")
    links = crosswalk(data)
    isco = {
        rid: str(r.attributes["isco_code"])[:4]
        for rid, r in esco.roles.items()
        if r.attributes.get("isco_code")
    }
    socs = {_soc(o) for o in onet.roles}
    ceiling = {rid: any((code, s) in links for s in socs) for rid, code in isco.items()}
    figures: dict[str, object] = {
        "occupations": len(isco),
        "ceiling": sum(ceiling.values()) / max(1, len(ceiling)),
    }
    c = time.process_time()
    base = label_baseline(esco, onet)
    figures["label-only baseline"] = shares(base, isco, links, seeds)
    figures["label-only cpu"] = time.process_time() - c
    by_label = {r.label: rid for rid, r in esco.roles.items()}
    common = [by_label[n] for n in COMMON if n in by_label]
    for tree in trees:
        res = run_tree(tree, data)
        best = {s: str(v[0]) for s, v in res["best"].items()}  # type: ignore[union-attr]
        fig = shares(best, isco, links, seeds)
        fig["common"] = sum(
            (isco.get(i, ""), _soc(best[i])) in links for i in common if i in best
        ) / max(1, len(common))
        fig["align cpu"] = res["cpu"]
        close = float(res["close"])  # type: ignore[arg-type]
        for side, keep in (("close", True), ("not close", False)):
            ids = [i for i in isco if i in best and (res["best"][i][1] >= close) == keep]  # type: ignore[index]
            fig[f"{side} (score >= {close})" if keep else f"{side}"] = [
                sum((isco[i], _soc(best[i])) in links for i in ids) / max(1, len(ids)),
                len(ids),
            ]
        figures[str(tree)] = fig
        if args.reverse:
            figures[f"{tree} O*NET -> ESCO"] = reverse_share(tree, data, esco, links)
        if args.v110:
            figures[f"{tree} ESCO v1.1.0"] = release_share(tree, data, links)
        if args.show:
            for i in common:
                tgt = best.get(i)
                ok = tgt is not None and (isco.get(i, ""), _soc(tgt)) in links
                label = onet.label(tgt) if tgt else "-"
                ev = res["best"].get(i, [None, 0.0, []])  # type: ignore[union-attr]
                print(f"  {'+' if ok else ' '} {esco.label(i)} -> {label} {ev[1]:.3f} {ev[2]}")
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
