"""CV -> roles: the rank of a synthetic CV's own role in ``match_roles`` (`roles_in_text`).

    python benchmarks/bench_cv_roles.py [--seed N ...] [--n N] [--only esco|onet] [--json OUT]

Per seed and taxonomy, ``N`` seeded roles with at least one alt label (a title variant:
ESCO's alternative labels, O*NET's alternate titles) and ``SKILLS`` requirements. Each
role's chosen title variant is held out (removed from a copy of the graph), and its CV is
made of:

- a title line: the held-out variant, then ", <employer> (2019 - present)";
- ``SKILLS`` bullet lines, each a seeded requirement of the role (essential ones first)
  written as an alt label of the skill where it has one, else its label, after a seeded
  CV verb ("- Responsible for ...", "- Experience of ...").

Reported: the share of CVs whose own role ranks first (@1) and in the first five (@5),
and the mean reciprocal rank (over the first ``K``), for ``match_roles`` and for a plain
baseline: TF-IDF cosine of the CV's words with each role's label, remaining alt labels and
description. Run it once per checkout in the same session (``PYTHONPATH=/work/base``
measures another tree) and compare; it makes no claim by itself.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import statistics
import sys
import warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import Row, data_dir, fmt

import skillgraph as sg

SEEDS = [196]
N = 150
SKILLS = 6
K = 20
EMPLOYERS = ["Northfield Ltd", "Acme Group", "City Council", "Harbour & Co", "Brightway"]
LEADS = ["", "Responsible for ", "Experience of ", "Day-to-day: ", "Regularly had to "]
_WORD = re.compile(r"[a-z0-9]+")


def cvs(g: sg.SkillGraph, seed: int, n: int) -> tuple[sg.SkillGraph, list[tuple[str, str]]]:
    """A copy of ``g`` without the chosen title variants, and (CV text, own role id)."""
    rng = random.Random(seed)
    pool = [
        rid
        for rid in sorted(g.roles)
        if g.roles[rid].alt_labels and len(g.requirements(rid)) >= SKILLS
    ]
    chosen = rng.sample(pool, min(n, len(pool)))
    h = g.copy()
    out: list[tuple[str, str]] = []
    for rid in chosen:
        role = h.roles[rid]
        alts = sorted(role.alt_labels)
        variant = rng.choice(alts)
        left = tuple(a for a in role.alt_labels if a != variant)
        h.add(role.model_copy(update={"alt_labels": left}), replace=True)
        reqs = sorted(g.requirements(rid), key=lambda r: (not r.essential, -r.importance, r.skill))
        head = reqs[: max(SKILLS, len([r for r in reqs if r.essential]))]
        picked = rng.sample(head, SKILLS)
        lines = [f"{variant}, {rng.choice(EMPLOYERS)} (2019 - present)"]
        for r in picked:
            skill = g.skills[r.skill]
            phrase = rng.choice([skill.label, *skill.alt_labels])
            lines.append(f"- {rng.choice(LEADS)}{phrase}")
        out.append(("\n".join(lines), rid))
    return h, out


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class Tfidf:
    """The plain baseline: TF-IDF (log tf, smoothed idf) cosine over role documents."""

    def __init__(self, docs: list[str]) -> None:
        self.vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for i, doc in enumerate(docs):
            counts: dict[int, int] = {}
            for w in _words(doc):
                j = self.vocab.setdefault(w, len(self.vocab))
                counts[j] = counts.get(j, 0) + 1
            for j, c in counts.items():
                rows.append(i)
                cols.append(j)
                vals.append(1.0 + math.log(c))
        m = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(self.vocab)))
        df = np.bincount(m.indices, minlength=len(self.vocab))
        self.idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
        m = sp.csr_matrix(m @ sp.diags(self.idf))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.m = sp.csr_matrix(sp.diags(1.0 / norms) @ m)

    def rank(self, query: str, own: int) -> int | None:
        """1-based rank of document ``own`` (None past ``K`` or with no score)."""
        q = np.zeros(len(self.vocab))
        for w in _words(query):
            j = self.vocab.get(w)
            if j is not None:
                q[j] += 1.0
        q = np.where(q > 0, 1.0 + np.log(np.maximum(q, 1.0)), 0.0) * self.idf
        s = self.m @ q
        if s[own] <= 0:
            return None
        better = int(np.sum(s > s[own])) + 1
        return better if better <= K else None


def _summary(ranks: list[int | None]) -> Row:
    return {
        "at1": sum(r == 1 for r in ranks) / len(ranks),
        "at5": sum(r is not None and r <= 5 for r in ranks) / len(ranks),
        "mrr": sum(1.0 / r for r in ranks if r) / len(ranks),
    }


def one(g: sg.SkillGraph, name: str, seed: int, n: int) -> Row:
    h, queries = cvs(g, seed, n)
    ids = sorted(h.roles)
    docs = [
        " ".join([h.roles[r].label, *h.roles[r].alt_labels, h.roles[r].description or ""])
        for r in ids
    ]
    base = Tfidf(docs)
    at = {r: i for i, r in enumerate(ids)}
    ours: list[int | None] = []
    plain: list[int | None] = []
    for text, rid in queries:
        got = [m.id for m in h.match_roles(text, k=K)]
        ours.append(got.index(rid) + 1 if rid in got else None)
        plain.append(base.rank(text, at[rid]))
    row: Row = {"taxonomy": name, "seed": seed, "cvs": len(queries)}
    row.update({f"match_{k}": v for k, v in _summary(ours).items()})
    row.update({f"tfidf_{k}": v for k, v in _summary(plain).items()})
    return row


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seed", type=int, action="append")
    p.add_argument("--n", type=int, default=N)
    p.add_argument("--only", choices=["esco", "onet"])
    p.add_argument("--json", metavar="OUT")
    args = p.parse_args(argv)
    folder = data_dir()
    if folder is None:
        print("no real data ($SKILLGRAPH_DATA or ../shared/data): skipped")
        return 0
    paths = {"esco": folder / "esco" / "v1.1.1" / "csv", "onet": folder / "onet" / "29.3"}
    rows: list[Row] = []
    for name, path in paths.items():
        if args.only and name != args.only:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = sg.read(path)
        for seed in args.seed or SEEDS:
            row = one(g, name, seed, args.n)
            rows.append(row)
            print("  ".join(f"{k}={fmt(v)}" for k, v in row.items()), flush=True)
    for name in sorted({r["taxonomy"] for r in rows}):
        mine = [r for r in rows if r["taxonomy"] == name]
        means = {
            k: statistics.fmean(float(r[k]) for r in mine)
            for k in mine[0]
            if k.startswith(("match_", "tfidf_"))
        }
        print(f"mean {name}: " + "  ".join(f"{k}={fmt(v)}" for k, v in means.items()))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
