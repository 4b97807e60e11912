"""Career moves on real ESCO v1.1.1 and O*NET 29.3: viability, bridges, learning, speed.

For each taxonomy: 300 seeded pairs of roles in different job families (``families="auto"``)
are reskilled (default ``max_steps``: 6 now, 4 in the baseline), and every role is
upskilled (``k=5``). The baseline is the
library at main ``4fd3708`` (before viable moves), run in a child process on the same
pairs from a ``git archive`` of that commit; its plans are judged with the same metrics
(viability and seniority as defined now). Reported: share of reskill plans whose steps are
all viable, share using a bridge, share answered "no viable path", share of bridged plans
in which every bridge progresses (requires at least one of the target's skills that no
earlier role on the path requires), the median of the skills learned over a bridged plan
divided by the skills a direct move would teach, the same ratio over every plan that
reaches its target (direct moves count 1) with the share of those above 1.5 and their mean
steps, the share of pairs whose direct move is not viable answered by a bridged plan,
median skills to learn per step, share of upskill targets at a higher seniority, the share
whose steps stay in the start's family (strictly, and allowing a direct viable promotion
into another family, which ``upskill`` offers), and latency p50 / p95 (wall and CPU time,
the machine is shared). Then up to ``--promotions`` (300) seeded promotion pairs (one
seniority step up inside an ISCO-08 minor group / SOC broad group, ``Mobility.promotion``)
are classified: the share ``classify`` calls upskilling, of all of them and of the viable
ones (this tree only; the baseline child does not classify).

``--seed S`` / ``--method M`` replace the families the library detects by default
(``detect_clusters`` at seed 0 with its default method) with ``detect_clusters(seed=S,
method=M)`` in this process, so the figures of another seed or detection method can be
compared (``PYTHONPATH=/work/base`` measures another checkout with the same script; use
``--no-baseline`` then, the baseline child ignores both options).

    python benchmarks/bench_moves.py [--pairs N] [--roles N] [--json OUT] [--no-baseline]
        [--seed S] [--method networkx|arrays] [--older-esco] [--promotions N] [--sample N]

Upskill targets "up the line" (``--sample N``: N seeded random roles instead of the first
ids): of the roles that get a target and whose traversal (two viable steps through the
family at no lower seniority, or a viable promotion) reaches a role of their line up, read
from the codes alone (ESCO: a more senior role of the same ISCO-08 minor group; O*NET: a
first-line supervisor of the same SOC major group, or a more senior role of the same SOC
minor group that is managerial or of the same broad group), the share whose first target,
and whose targets at all, are such a role; and, as a plain baseline, the share when the
same plans are reordered with the first managerial title (``is_managerial``) in front.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import warnings
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import data_dir, fmt, pct

import skillgraph as sg
from skillgraph.analysis._index import index
from skillgraph.analysis.families import is_managerial
from skillgraph.analysis.viability import mobility

ROOT = Path(__file__).resolve().parent.parent
BASELINE_COMMIT = "4fd3708"
SEED = 14

_CHILD = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])
import skillgraph as sg
spec = json.loads(open(sys.argv[2]).read())
g = sg.read(spec["path"], format=spec["format"])
out = {"reskill": [], "upskill": []}
for a, b in spec["pairs"]:
    t, c = time.perf_counter(), time.process_time()
    try:
        p = g.reskill(a, b)
        row = {"roles": [s.role for s in p.steps], "learn": [len(s.learn) for s in p.steps]}
    except sg.SkillGraphError as exc:
        row = {"error": type(exc).__name__}
    row["ms"] = (time.perf_counter() - t) * 1000
    row["cpu"] = (time.process_time() - c) * 1000
    out["reskill"].append(row)
for r in spec["roles"]:
    t, c = time.perf_counter(), time.process_time()
    plans = g.upskill(r)
    out["upskill"].append({
        "targets": [p.target for p in plans],
        "paths": [[s.role for s in p.steps] for p in plans],
        "ms": (time.perf_counter() - t) * 1000,
        "cpu": (time.process_time() - c) * 1000,
    })
print(json.dumps(out))
"""


def _baseline_tree(folder: Path) -> Path | None:
    """The baseline commit's package, extracted under ``folder`` (None without git)."""
    proc = subprocess.run(
        ["git", "archive", "--format=tar", BASELINE_COMMIT, "skillgraph"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0:
        return None
    with tarfile.open(fileobj=BytesIO(proc.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _pairs(g: sg.SkillGraph, n: int) -> list[tuple[str, str]]:
    ix = index(g)
    mob = mobility(g)
    rng = random.Random(SEED)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        a, b = rng.sample(range(ix.n_roles), 2)
        if mob.family[a] != mob.family[b] and ix.totals[b] > 0 and not _up_near(mob, a, b):
            out.append((ix.role_ids[a], ix.role_ids[b]))
    return out


def _up_near(mob: Any, a: int, b: int) -> bool:
    """Whether ``a -> b`` is viable and up, onto a managerial role or inside one group: a
    candidate of growth that ``reskill`` may refuse (read the same way on every tree)."""
    if mob.seniority[b] <= mob.seniority[a] or mob.similarity(a, b) is None:
        return False
    return bool(mob.managerial[b]) or (mob.group[a] is not None and mob.group[a] == mob.group[b])


def _judge(
    g: sg.SkillGraph, rows: list[dict[str, Any]], pairs: list[tuple[str, str]]
) -> dict[str, Any]:
    """The reskill metrics of plans given as role paths (new viability, both sides)."""
    answered = [(r, p) for r, p in zip(rows, pairs, strict=True) if "error" not in r]
    viable = bridge = none = progressing = needed = bridged = 0
    learn: list[int] = []
    detours: list[float] = []
    ratios: list[float] = []
    steps: list[int] = []
    for row, (a, b) in answered:
        roles = row["roles"]
        reachable = row.get("reachable", True)
        if not reachable:
            none += 1
        path = [a, *roles]
        if all(g.viable_move(x, y).viable for x, y in itertools.pairwise(path)):
            viable += 1
        if not g.viable_move(a, b).viable:  # a bridge is needed
            needed += 1
            bridged += reachable and len(roles) > 1
        if reachable and roles:
            _, direct = _progress(g, a, roles)
            ratios.append(sum(row["learn"]) / max(direct, 1))
            steps.append(len(roles))
        if reachable and len(roles) > 1:
            bridge += 1
            gains, direct = _progress(g, a, roles)
            progressing += all(gains)
            detours.append(sum(row["learn"]) / max(direct, 1))
        learn += row["learn"]
    n = len(rows)
    return {
        "answered": len(answered) / n,
        "all_viable": viable / n,
        "bridge": bridge / n,
        "no_path": none / n,
        "progress": progressing / bridge if bridge else float("nan"),
        "detour_p50": statistics.median(detours) if detours else float("nan"),
        "ratio_p50": statistics.median(ratios) if ratios else float("nan"),
        "ratio_over": sum(x > 1.5 for x in ratios) / len(ratios) if ratios else float("nan"),
        "steps_mean": statistics.mean(steps) if steps else float("nan"),
        "bridge_needed": bridged / needed if needed else float("nan"),
        "learn_p50": statistics.median(learn) if learn else float("nan"),
        "ms_p50": pct([r["ms"] for r in rows], 0.5),
        "ms_p95": pct([r["ms"] for r in rows], 0.95),
        "cpu_p50": pct([r["cpu"] for r in rows], 0.5),
        "cpu_p95": pct([r["cpu"] for r in rows], 0.95),
    }


def _progress(g: sg.SkillGraph, start: str, roles: list[str]) -> tuple[list[int], int]:
    """Per bridge of a plan (every role but its last): how many of the target's required
    skills it is the first on the path to require; and how many the target requires that
    the start role does not (what the direct move would teach)."""
    ix = index(g)

    def skills(role: str) -> set[int]:
        return set(ix.role_skills[ix.role_pos[role]].tolist())

    target = skills(roles[-1])
    covered = skills(start) & target
    gains: list[int] = []
    for bridge in roles[:-1]:
        new = (skills(bridge) & target) - covered
        gains.append(len(new))
        covered |= new
    return gains, len(target - skills(start))


def _viable_promotion(g: sg.SkillGraph, a: str, b: str) -> bool:
    """Whether ``a -> b`` is a viable move one seniority step up inside one occupational
    group (``Mobility.promotion``, read the same way on every tree)."""
    ix, mob = index(g), mobility(g)
    i, j = ix.role_pos[a], ix.role_pos[b]
    return bool(mob.promotion(i, j) and mob.similarity(i, j) is not None)


def _line_up(g: sg.SkillGraph, r: str, t: str, rank: dict[str, int]) -> bool:
    """Whether ``t`` is a supervisor, manager or senior role of ``r``'s line, read from the
    codes alone (not ``upskill``'s own evidence): ESCO, a more senior role of the same
    ISCO-08 minor group (3 digits); O*NET, a first-line supervisor of the same SOC major
    group, or a more senior role of the same SOC minor group whose title is managerial or
    that shares the SOC broad group."""
    if rank[t] <= rank[r]:
        return False
    a, b = g.roles[r], g.roles[t]
    ia, ib = a.attributes.get("isco_code"), b.attributes.get("isco_code")
    if isinstance(ia, str) and isinstance(ib, str):
        return ia[:3] == ib[:3]
    ca, cb = a.code or "", b.code or ""
    if len(ca) < 7 or len(cb) < 7:
        return False
    if b.label.startswith("First-Line Supervisors"):
        return ca[:2] == cb[:2]
    return ca[:4] == cb[:4] and (is_managerial(b.label) or ca[:6] == cb[:6])


def _line_reachable(g: sg.SkillGraph, r: str) -> list[str]:
    """The roles of ``r``'s line up (`_line_up`) that upskill's traversal reaches: two viable
    steps through the start's family at no lower seniority, or a viable promotion."""
    from skillgraph.analysis.search import hops

    ix, mob = index(g), mobility(g)
    i = ix.role_pos[r]
    allowed = (mob.family == mob.family[i]) & (mob.seniority >= mob.seniority[i])
    dist = hops(mob.at, np.asarray([i]), 2, allowed)
    near = set(np.flatnonzero(dist > 0).tolist()) | set(mob.promotions(i).tolist())
    rank = g.seniority("auto")
    return [ix.role_ids[j] for j in sorted(near) if _line_up(g, r, ix.role_ids[j], rank)]


def _judge_up(g: sg.SkillGraph, rows: list[dict[str, Any]], roles: list[str]) -> dict[str, Any]:
    rank = g.seniority("auto")
    fam = g.families("auto")
    targets = higher = inside = grows = 0
    line_roles = line_first = line_any = plain = 0
    for row, r in zip(rows, roles, strict=True):
        if row["targets"] and _line_reachable(g, r):
            line_roles += 1
            line_first += _line_up(g, r, row["targets"][0], rank)
            # the plain baseline: the same plans, the first with a managerial title first
            boss = [t for t in row["targets"] if is_managerial(g.label(t))]
            plain += _line_up(g, r, (boss or row["targets"])[0], rank)
            line_any += any(_line_up(g, r, t, rank) for t in row["targets"])
        for t, path in zip(row["targets"], row["paths"], strict=True):
            targets += 1
            higher += rank[t] > rank[r]
            inside += all(fam[s] == fam[r] for s in path)
            grows += all(fam[s] == fam[r] for s in path) or (
                path == [t]
                and (_viable_promotion(g, r, t) or g.classify(r, t).kind is sg.MoveKind.UPSKILLING)
            )
    return {
        "targets": targets,
        "with_targets": sum(1 for row in rows if row["targets"]) / len(rows),
        "higher": higher / targets if targets else float("nan"),
        "in_family": inside / targets if targets else float("nan"),
        "in_family_or_promotion": grows / targets if targets else float("nan"),
        "line_roles": line_roles / len(rows),
        "line_first": line_first / line_roles if line_roles else float("nan"),
        "line_any": line_any / line_roles if line_roles else float("nan"),
        "plain_first": plain / line_roles if line_roles else float("nan"),
        "up_ms_p50": pct([r["ms"] for r in rows], 0.5),
        "up_ms_p95": pct([r["ms"] for r in rows], 0.95),
        "up_cpu_p50": pct([r["cpu"] for r in rows], 0.5),
    }


def _promotion_pairs(g: sg.SkillGraph, n: int) -> list[tuple[str, str]]:
    """Up to ``n`` seeded pairs one seniority step up inside one occupational group (ISCO-08
    minor group, SOC broad group: ``Mobility.promotion``), viable or not."""
    ix, mob = index(g), mobility(g)
    groups: dict[str, list[int]] = {}
    for i, grp in enumerate(mob.group):
        if grp is not None:
            groups.setdefault(grp, []).append(i)
    pairs = [
        (ix.role_ids[a], ix.role_ids[b])
        for members in groups.values()
        for a in members
        for b in members
        if a != b and mob.promotion(a, b)
    ]
    rng = random.Random(SEED)
    return sorted(rng.sample(pairs, min(n, len(pairs))))


def _judge_promotions(g: sg.SkillGraph, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The share of promotion pairs ``classify`` calls upskilling: all, and the viable ones."""
    up = viable = viable_up = 0
    for a, b in pairs:
        kind = g.classify(a, b).kind
        ok = _viable_promotion(g, a, b)
        up += kind is sg.MoveKind.UPSKILLING
        viable += ok
        viable_up += ok and kind is sg.MoveKind.UPSKILLING
    return {
        "promotions": len(pairs),
        "promotion_up": up / len(pairs) if pairs else float("nan"),
        "viable_promotion_up": viable_up / viable if viable else float("nan"),
    }


def _agreement_pairs(
    g: sg.SkillGraph, n: int
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Up to ``n`` seeded line promotions by the codes (`_line_up`: ESCO a more senior role
    of the same ISCO-08 minor group, O*NET a first-line supervisor of the same SOC major
    group or a more senior managerial / same broad group role of the minor group) that are
    viable moves into another job family; and up to ``n`` seeded viable moves up in
    seniority into another job family and another field by the codes (ISCO-08 sub-major
    group, 2 digits; SOC major group) whose target is not managerial: real cross-field
    moves. Both read from the codes and viability alone, the same on every tree."""
    ix, mob = index(g), mobility(g)
    rank = g.seniority("auto")
    line, cross = [], []
    for a in range(ix.n_roles):
        cols, _ = mob.viable_from(a)
        for b in cols.tolist():
            if mob.family[a] == mob.family[b] or mob.seniority[b] <= mob.seniority[a]:
                continue
            ra, rb = ix.role_ids[a], ix.role_ids[b]
            if _line_up(g, ra, rb, rank):
                line.append((ra, rb))
            elif not is_managerial(g.label(rb)) and _field(g, ra) != _field(g, rb):
                cross.append((ra, rb))
    rng = random.Random(SEED)
    return (
        sorted(rng.sample(line, min(n, len(line)))),
        sorted(rng.sample(cross, min(n, len(cross)))),
    )


def _field(g: sg.SkillGraph, r: str) -> str:
    role = g.roles[r]
    isco = role.attributes.get("isco_code")
    return isco[:2] if isinstance(isco, str) else (role.code or "")[:2]


def _judge_agreement(
    g: sg.SkillGraph, line: list[tuple[str, str]], cross: list[tuple[str, str]]
) -> dict[str, Any]:
    """The share of the line promotions (`_agreement_pairs`) ``classify`` calls upskilling,
    and of the cross-field moves it still calls reskilling."""
    up = sum(g.classify(a, b).kind is sg.MoveKind.UPSKILLING for a, b in line)
    re_ = sum(g.classify(a, b).kind is sg.MoveKind.RESKILLING for a, b in cross)
    return {
        "line_pairs": len(line),
        "line_classified_up": up / len(line) if line else float("nan"),
        "cross_pairs": len(cross),
        "cross_classified_re": re_ / len(cross) if cross else float("nan"),
    }


def _ours(g: sg.SkillGraph, pairs: list[tuple[str, str]], roles: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"reskill": [], "upskill": []}
    for a, b in pairs:
        t, c = time.perf_counter(), time.process_time()
        p = g.reskill(a, b)
        out["reskill"].append(
            {
                "roles": [s.role for s in p.steps],
                "learn": [len(s.learn) for s in p.steps],
                "reachable": p.reachable,
                "ms": (time.perf_counter() - t) * 1000,
                "cpu": (time.process_time() - c) * 1000,
            }
        )
    for r in roles:
        t, c = time.perf_counter(), time.process_time()
        plans = g.upskill(r)
        out["upskill"].append(
            {
                "targets": [p.target for p in plans],
                "paths": [[s.role for s in p.steps] for p in plans],
                "ms": (time.perf_counter() - t) * 1000,
                "cpu": (time.process_time() - c) * 1000,
            }
        )
    return out


def detection(seed: int | None, method: str | None) -> None:
    """Make ``detect_clusters`` (as the families of the move analyses call it) use ``seed``
    and ``method`` (None: the library's own)."""
    if seed is None and method is None:
        return
    from skillgraph.analysis import clusters

    detect = clusters.detect_clusters

    def forced(g: sg.SkillGraph, **kwargs: Any) -> dict[str, str]:
        if seed is not None:
            kwargs["seed"] = seed
        if method is not None:
            kwargs["method"] = method
        return detect(g, **kwargs)

    clusters.detect_clusters = forced  # type: ignore[assignment]


def run(
    n_pairs: int,
    n_roles: int | None,
    baseline: bool,
    older: bool = False,
    n_promotions: int = 300,
    sample: int | None = None,
) -> list[dict[str, Any]]:
    """Both taxonomies (and ESCO v1.1.0 with ``older``), ours and the baseline: one row per
    (taxonomy, side); ``n_promotions`` promotion pairs are classified (ours only)."""
    data = data_dir()
    if data is None:
        print("real data folder absent: nothing to measure")
        return []
    cases = [
        ("ESCO v1.1.1", data / "esco" / "v1.1.1" / "csv", "esco"),
        ("O*NET 29.3", data / "onet" / "29.3", "onet"),
    ]
    if older:
        cases.append(("ESCO v1.1.0", data / "esco" / "v1.1.0" / "zip", "esco"))
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tree = _baseline_tree(Path(tmp)) if baseline else None
        for name, path, fmt_name in cases:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                g = sg.read(path, format=fmt_name)
            t = time.perf_counter()
            mob = mobility(g)
            build = time.perf_counter() - t
            pairs = _pairs(g, n_pairs)
            roles = sorted(g.roles)[:n_roles] if n_roles else sorted(g.roles)
            if sample:  # a seeded sample instead (O*NET's first ids are all managers)
                roles = sorted(random.Random(SEED).sample(sorted(g.roles), sample))
            g.reskill(*pairs[0])  # warm the per-graph indices
            ours = _ours(g, pairs, roles)
            row = {"taxonomy": name, "side": "viable moves", "threshold": mob.threshold}
            row |= {"build_s": build, **_judge(g, ours["reskill"], pairs)}
            row |= _judge_up(g, ours["upskill"], roles)
            row |= _judge_promotions(g, _promotion_pairs(g, n_promotions))
            row |= _judge_agreement(g, *_agreement_pairs(g, n_promotions))
            rows.append(row)
            if tree is None:
                continue
            spec = Path(tmp) / "spec.json"
            spec.write_text(
                json.dumps({"path": str(path), "format": fmt_name, "pairs": pairs, "roles": roles})
            )
            env_cache = Path(tmp) / "cache"
            proc = subprocess.run(
                [sys.executable, "-c", _CHILD, str(tree), str(spec)],
                capture_output=True,
                text=True,
                check=False,
                env={"SKILLGRAPH_CACHE": str(env_cache), "PATH": "/usr/bin:/bin"},
            )
            if proc.returncode != 0:
                print(f"baseline failed: {proc.stderr[-2000:]}", file=sys.stderr)
                continue
            old = json.loads(proc.stdout.strip().splitlines()[-1])
            base = {"taxonomy": name, "side": f"baseline {BASELINE_COMMIT}"}
            base |= _judge(g, old["reskill"], pairs) | _judge_up(g, old["upskill"], roles)
            rows.append(base)
    return rows


COLUMNS = [
    ("taxonomy", "taxonomy"),
    ("side", "side"),
    ("answered", "answered"),
    ("all_viable", "all steps viable"),
    ("bridge", "uses a bridge"),
    ("no_path", "no viable path"),
    ("progress", "every bridge progresses"),
    ("detour_p50", "learned / direct p50"),
    ("ratio_p50", "plan / direct learning p50 (all reached)"),
    ("ratio_over", "share plan / direct > 1.5"),
    ("steps_mean", "mean steps"),
    ("bridge_needed", "bridged where needed"),
    ("learn_p50", "learn/step p50"),
    ("ms_p50", "reskill p50 ms"),
    ("ms_p95", "p95 ms"),
    ("cpu_p50", "CPU p50 ms"),
    ("cpu_p95", "CPU p95 ms"),
    ("higher", "upskill higher seniority"),
    ("in_family", "upskill in family"),
    ("in_family_or_promotion", "in family or promotion"),
    ("with_targets", "roles with a target"),
    ("line_roles", "roles with a line role up reachable"),
    ("line_first", "first target up the line"),
    ("line_any", "a target up the line"),
    ("plain_first", "plain: managerial title first"),
    ("up_ms_p50", "upskill p50 ms"),
    ("up_cpu_p50", "CPU p50 ms"),
    ("promotion_up", "promotions upskilling"),
    ("viable_promotion_up", "viable promotions upskilling"),
    ("line_pairs", "line promotions across families (codes, viable)"),
    ("line_classified_up", "of them classified upskilling"),
    ("cross_pairs", "viable cross-field moves up (codes)"),
    ("cross_classified_re", "of them classified reskilling"),
]


def main(argv: list[str] | None = None) -> None:
    """Run and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=300)
    ap.add_argument("--roles", type=int, default=None, help="upskill only the first N roles")
    ap.add_argument("--sample", type=int, default=None, help="upskill N seeded random roles")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--seed", type=int, default=None, help="family detection seed")
    ap.add_argument("--method", default=None, help="family detection method")
    ap.add_argument("--older-esco", action="store_true", help="ESCO v1.1.0 as well")
    ap.add_argument("--promotions", type=int, default=300, help="promotion pairs classified")
    args = ap.parse_args(argv)
    detection(args.seed, args.method)
    rows = run(
        args.pairs,
        args.roles,
        not args.no_baseline,
        args.older_esco,
        args.promotions,
        args.sample,
    )
    print("| " + " | ".join(h for _, h in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        print("| " + " | ".join(fmt(row.get(k)) for k, _ in COLUMNS) + " |")
    for row in rows:
        if "threshold" in row:
            print(
                f"{row['taxonomy']}: viability threshold {row['threshold']:.3f}, "
                f"viable-move index built in {row['build_s']:.1f} s"
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
