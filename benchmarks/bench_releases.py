"""Release tools: diff, extract and merge on ESCO and O*NET, each beside a plain baseline.

    python benchmarks/bench_releases.py            # 5 timed runs a case (medians)
    python benchmarks/bench_releases.py --quick    # 2 runs a case
    python benchmarks/bench_releases.py --json out.json

Cases, each with its baseline timed in the same process:

- diff ESCO v1.1.0 -> v1.1.1 (the real releases): ``sg.diff`` (the full typed report)
  against a line diff of the two graphs' N-Triples (serialise both, set difference: what a
  triple-level tool does) and against a plain comparison of id and edge sets (counts only,
  no fields, labels or ranking). O*NET has one release: it is compared with a seeded
  perturbation of itself (labels, requirements and weights changed).
- extract one cluster (ESCO: ISCO group 251; O*NET: the largest job family):
  ``g.extract`` against ``copy()`` then ``remove()`` of every other role and of the skills
  no kept role needs (what users did before ``extract``).
- merge with a 1,000-role custom extension (seeded: new roles in new clusters requiring
  the base graph's skills and 200 new skills placed under base skills): ``sg.merge``
  (with conflict detection and provenance) against ``networkx.compose`` of the two
  ``to_networkx()`` graphs (no conflict detection; conversion included, as a user of the
  networkx route pays it).

Targets (issue 22): diff of the two ESCO releases <= 3 s, extract <= 0.5 s, merge of ESCO
with the extension <= 2 s. Ratios are baseline time / our time (above 1: we are faster).
Without the real data (../shared/data or $SKILLGRAPH_DATA) the script says so and stops.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import Row, data_dir, fmt, ratio

import skillgraph as sg

TARGETS = {"diff": 3.0, "extract": 0.5, "merge": 2.0}
ESCO_CLUSTER = "http://data.europa.eu/esco/isco/C251"


def median_time(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``fn()`` over ``runs`` calls, in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def ntriples_diff(a: sg.SkillGraph, b: sg.SkillGraph) -> int:
    """Baseline: how many N-Triples lines only one of the two graphs has."""
    x = set(sg.dumps(a, "ntriples").splitlines())
    y = set(sg.dumps(b, "ntriples").splitlines())
    return len(x ^ y)


def set_diff(a: sg.SkillGraph, b: sg.SkillGraph) -> dict[str, int]:
    """Baseline: counts of ids and edges only one graph has (no fields, no labels)."""
    out: dict[str, int] = {}
    for name in ("skills", "roles", "groups", "clusters", "industries"):
        x, y = getattr(a, name), getattr(b, name)
        out[name] = len(x.keys() ^ y.keys()) + sum(x[i] != y[i] for i in x.keys() & y.keys())
    ra = {(r.role, r.skill): r for r in a.iter_requirements()}
    rb = {(r.role, r.skill): r for r in b.iter_requirements()}
    out["requires"] = len(ra.keys() ^ rb.keys()) + sum(
        ra[k] != rb[k] for k in ra.keys() & rb.keys()
    )
    out["broader"] = len(set(a.iter_broader()) ^ set(b.iter_broader()))
    return out


def copy_remove(g: sg.SkillGraph, cluster: str) -> sg.SkillGraph:
    """Baseline extract: copy, then remove other roles and the skills nobody kept needs."""
    out = g.copy()
    keep = set(g.roles_in_cluster(cluster))
    for role in [r for r in out.roles if r not in keep]:
        out.remove(role)
    needed = {r.skill for role in keep for r in out.requirements(role)}
    for s in list(needed):
        needed |= out.ancestors(s)
    for skill in [s for s in out.skills if s not in needed]:
        out.remove(skill)
    for group in [x for x in out.groups if x not in needed]:
        out.remove(group)
    return out


def perturbed(g: sg.SkillGraph, seed: int = 0) -> sg.SkillGraph:
    """A seeded "next release" of ``g``: 5 % of skills relabelled; 10 % of roles lose a
    fifth of their requirements and have another fifth re-weighted; 50 new skills."""
    rnd = random.Random(seed)
    out = g.copy()
    skills = sorted(out.skills)
    for sid in rnd.sample(skills, len(skills) // 20):
        node = out.skills[sid]
        out.add(node.model_copy(update={"label": node.label + " (revised)"}), replace=True)
    roles = sorted(out.roles)
    for rid in rnd.sample(roles, len(roles) // 10):
        reqs = out.requirements(rid)
        steps = out.progressions_from(rid), out.progressions_to(rid)
        out.add(out.remove(rid))  # the role comes back without its edges
        rnd.shuffle(reqs)
        fifth = len(reqs) // 5
        for i, req in enumerate(reqs[fifth:]):
            out.add(req if i >= fifth else req.model_copy(update={"importance": 0.5}))
        for target in steps[0]:
            out.add_progression(rid, target)
        for source in steps[1]:
            out.add_progression(source, rid)
    for i in range(50):
        sid = f"bench:skill/new-{i}"
        out.add(sg.Skill(id=sid, label=f"new skill {i}"))
        out.require(rnd.choice(roles), sid, importance=0.6)
    return out


def extension(base: sg.SkillGraph, n_roles: int = 1000, seed: int = 0) -> sg.SkillGraph:
    """A seeded custom extension of ``base``: ``n_roles`` new roles in 20 new clusters,
    each requiring 10 of ``base``'s skills and 3 of 200 new skills placed under base
    skills; a progression between consecutive roles of a cluster. Self-contained: the
    base skills it uses are included, unchanged."""
    rnd = random.Random(seed)
    ext = sg.SkillGraph(language=base.language, prefixes={"acme": "https://acme.example/"})
    skills = sorted(base.skills)
    used = rnd.sample(skills, min(len(skills), 3000))
    for sid in used:
        ext.add(base.skills[sid])
    new_skills = []
    for i in range(200):
        sid = f"acme:skill/{i}"
        ext.add(sg.Skill(id=sid, label=f"acme skill {i}", description="in-house skill"))
        ext.add_broader(sid, rnd.choice(used))
        new_skills.append(sid)
    for c in range(20):
        ext.add(sg.Cluster(id=f"acme:cluster/{c}", label=f"acme family {c}"))
    previous: dict[int, str] = {}
    for i in range(n_roles):
        c = i % 20
        rid = f"acme:role/{i}"
        ext.add(
            sg.Role(id=rid, label=f"acme role {i}", cluster=f"acme:cluster/{c}", level=1 + i % 4)
        )
        for sid in rnd.sample(used, 10):
            ext.require(rid, sid, essential=rnd.random() < 0.5, importance=0.5 + rnd.random() / 2)
        for sid in rnd.sample(new_skills, 3):
            ext.require(rid, sid, importance=0.8)
        if c in previous:
            ext.add_progression(previous[c], rid)
        previous[c] = rid
    return ext


def nx_compose(a: sg.SkillGraph, b: sg.SkillGraph) -> Any:
    """Baseline merge: networkx.compose of both graphs' networkx forms."""
    import networkx as nx

    return nx.compose(a.to_networkx(), b.to_networkx())


def cases(runs: int) -> list[Row]:
    """Every timed row (diff, extract, merge on ESCO and on O*NET)."""
    data = data_dir()
    if data is None:
        return []
    rows: list[Row] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = time.perf_counter()
        old = sg.read(data / "esco" / "v1.1.0" / "zip", format="esco")
        esco = sg.read(data / "esco" / "v1.1.1" / "zip", format="esco")
        read_s = time.perf_counter() - t
        onet = sg.read(data / "onet" / "29.3", format="onet")
    print(f"read both ESCO releases in {read_s:.1f} s", file=sys.stderr)

    def row(
        graph: str,
        case: str,
        ours: float,
        base: str,
        base_s: float,
        target: float | None,
        **kw: Any,
    ) -> Row:
        return {
            "graph": graph,
            "case": case,
            "seconds": ours,
            "baseline": base,
            "baseline_seconds": base_s,
            "ratio": ratio(base_s, ours),
            "target_seconds": target,
            "met": None if target is None else ours <= target,
            **kw,
        }

    # ------------------------------------------------------------------ diff
    report = sg.diff(old, esco)
    counts = report.counts()
    ours = median_time(lambda: sg.diff(old, esco), runs)
    rows.append(
        row(
            "ESCO",
            "diff v1.1.0 -> v1.1.1",
            ours,
            "N-Triples line diff",
            median_time(lambda: ntriples_diff(old, esco), max(1, runs // 2)),
            TARGETS["diff"],
            changes=sum(sum(v.values()) for v in counts.values()),
        )
    )
    rows.append(
        row(
            "ESCO",
            "diff v1.1.0 -> v1.1.1",
            ours,
            "id/edge set counts",
            median_time(lambda: set_diff(old, esco), runs),
            TARGETS["diff"],
        )
    )
    onet2 = perturbed(onet)
    ours = median_time(lambda: sg.diff(onet, onet2), runs)
    rows.append(
        row(
            "O*NET",
            "diff vs seeded perturbation",
            ours,
            "N-Triples line diff",
            median_time(lambda: ntriples_diff(onet, onet2), max(1, runs // 2)),
            None,
        )
    )
    rows.append(
        row(
            "O*NET",
            "diff vs seeded perturbation",
            ours,
            "id/edge set counts",
            median_time(lambda: set_diff(onet, onet2), runs),
            None,
        )
    )

    # ------------------------------------------------------------------ extract
    family = max(sorted(onet.clusters), key=lambda c: len(onet.roles_in_cluster(c)))
    for name, g, cluster in (("ESCO", esco, ESCO_CLUSTER), ("O*NET", onet, family)):
        sub = g.extract(clusters=cluster)
        base = copy_remove(g, cluster)
        assert set(base.roles) == set(sub.roles)
        rows.append(
            row(
                name,
                f"extract cluster {g.clusters[cluster].label[:30]}",
                median_time(partial(g.extract, clusters=cluster), runs * 4),
                "copy() + remove() loop",
                median_time(partial(copy_remove, g, cluster), runs),
                TARGETS["extract"],
                roles=len(sub.roles),
                skills=len(sub.skills),
            )
        )

    # ------------------------------------------------------------------ merge
    for name, g in (("ESCO", esco), ("O*NET", onet)):
        ext = extension(g)
        merged, rep = sg.merge_with_report(g, ext)
        assert len(merged.roles) == len(g.roles) + 1000 and not rep.conflicts
        rows.append(
            row(
                name,
                "merge + 1,000-role extension",
                median_time(partial(sg.merge, g, ext), runs),
                "networkx.compose (to_networkx incl.)",
                median_time(partial(nx_compose, g, ext), runs),
                TARGETS["merge"] if name == "ESCO" else None,
                nodes=len(merged),
            )
        )
    return rows


def table(rows: list[Row]) -> str:
    """The printed table."""
    head = f"{'graph':6} {'case':40} {'s':>7} {'baseline':38} {'base s':>7} {'ratio':>6}  target"
    lines = [head, "-" * len(head)]
    for r in rows:
        tgt = (
            ""
            if r["target_seconds"] is None
            else f"<= {r['target_seconds']:g} s " + ("ok" if r["met"] else "MISSED")
        )
        lines.append(
            f"{r['graph']:6} {r['case']:40} {fmt(r['seconds']):>7} {r['baseline']:38} "
            f"{fmt(r['baseline_seconds']):>7} {fmt(r['ratio']):>6}  {tgt}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="2 runs a case instead of 5")
    ap.add_argument("--json", dest="json_out", help="also write the rows as JSON")
    args = ap.parse_args(argv)
    rows = cases(2 if args.quick else 5)
    if not rows:
        print("real data absent (../shared/data or $SKILLGRAPH_DATA): nothing measured")
        return 0
    print(table(rows))
    print("\nmedians of the timed runs; ratio = baseline s / our s (above 1: skillgraph is faster)")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
