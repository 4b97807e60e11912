"""The plain alternative: a pandas + scipy script answering similar / gap / reskill.

It reads the ESCO CSVs (or the O*NET text files), builds a binary occupation x skill
matrix and answers by cosine similarity: the baseline `bench_cli.py` puts beside the
`skillgraph` command. Usage::

    python benchmarks/baseline_pandas.py esco|onet FOLDER similar|gap|reskill ROLE [TARGET|SKILL...]

``gap`` lists the role's skills the given ones do not cover; ``reskill`` the role closest
to TARGET's skills outside ROLE's group (ISCO 3 digits, or the SOC major group).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp


def load(kind: str, folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Occupations (id, label, group), skills (id, label) and relations (occ, skill)."""
    if kind == "esco":
        occ = pd.read_csv(
            folder / "occupations_en.csv", usecols=["conceptUri", "preferredLabel", "iscoGroup"]
        )
        occ.columns = ["id", "group", "label"]
        occ["group"] = occ["group"].astype(str).str[:3]
        skills = pd.read_csv(folder / "skills_en.csv", usecols=["conceptUri", "preferredLabel"])
        skills.columns = ["id", "label"]
        rel = pd.read_csv(
            folder / "occupationSkillRelations.csv", usecols=["occupationUri", "skillUri"]
        )
        rel.columns = ["occ", "skill"]
    else:
        occ = pd.read_csv(
            folder / "Occupation Data.txt", sep="\t", usecols=["O*NET-SOC Code", "Title"]
        )
        occ.columns = ["id", "label"]
        occ["group"] = occ["id"].str[:2]
        parts = []
        for name in ("Skills.txt", "Knowledge.txt"):
            t = pd.read_csv(
                folder / name,
                sep="\t",
                usecols=["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value"],
            )
            parts.append(t[(t["Scale ID"] == "IM") & (t["Data Value"] >= 3.0)])
        t = pd.concat(parts)
        rel = t[["O*NET-SOC Code", "Element ID"]].rename(
            columns={"O*NET-SOC Code": "occ", "Element ID": "skill"}
        )
        skills = (
            t[["Element ID", "Element Name"]]
            .drop_duplicates()
            .rename(columns={"Element ID": "id", "Element Name": "label"})
        )
    return occ, skills, rel


def main() -> None:
    kind, folder, verb, role, *rest = sys.argv[1:]
    occ, skills, rel = load(kind, Path(folder))
    occ = occ.reset_index(drop=True)
    o_pos = pd.Series(np.arange(len(occ)), index=occ["id"])
    s_ids = pd.Index(skills["id"].unique())
    rel = rel[rel["occ"].isin(o_pos.index) & rel["skill"].isin(s_ids)]
    m = sp.csr_matrix(
        (np.ones(len(rel)), (o_pos[rel["occ"]].to_numpy(), s_ids.get_indexer(rel["skill"]))),
        shape=(len(occ), len(s_ids)),
    )
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    m = sp.diags(1 / np.where(norms > 0, norms, 1)) @ m
    by_label = occ.set_index(occ["label"].str.lower())
    r = int(o_pos[by_label.loc[role.lower(), "id"]])
    label = dict(zip(skills["id"], skills["label"], strict=False))
    if verb == "similar":
        scores = (m @ m[r].T).toarray().ravel()
        scores[r] = -1
        for i in np.argsort(-scores)[:10]:
            print(f"{occ.at[i, 'label']}\t{scores[i]:.3f}")
    elif verb == "gap":
        have = {s.lower() for s in rest}
        needed = s_ids[m[r].indices]
        for s in needed:
            if label[s].lower() not in have:
                print(label[s])
    else:
        t = int(o_pos[by_label.loc[rest[0].lower(), "id"]])
        scores = (m @ m[t].T).toarray().ravel()
        scores[(occ["group"] == occ.at[r, "group"]).to_numpy()] = -1
        best = int(np.argmax(scores))
        missing = set(m[best].indices) - set(m[r].indices)
        print(f"{occ.at[r, 'label']} -> {occ.at[best, 'label']}: learn {len(missing)} skills")


if __name__ == "__main__":
    main()
