"""ESCO release changes: what v1.1.1 changed from v1.1.0, one ISCO group kept, own roles merged.

Usage: python examples/esco_release_changes.py [DATA_FOLDER]

DATA_FOLDER holds esco/v1.1.0/zip and esco/v1.1.1/zip; without it, $SKILLGRAPH_DATA, else
../shared/data next to the repository. Exits 0 with a message when the data is absent.
Writes nothing but a temporary folder, removed at the end.
"""

from __future__ import annotations

import tempfile
import time
import warnings
from pathlib import Path

from _data import data_folder

import skillgraph as sg

ICT = "http://data.europa.eu/esco/isco/C251"


def main() -> int:
    folder = data_folder("esco")
    if folder is None or not (folder / "v1.1.0" / "zip").exists():
        print("ESCO data not found: pass the data folder as an argument or set SKILLGRAPH_DATA")
        print("(expected esco/v1.1.0/zip and esco/v1.1.1/zip inside it); nothing to do.")
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.DataWarning)
        old = sg.read(folder / "v1.1.0" / "zip", format="esco")
        new = sg.read(folder / "v1.1.1" / "zip", format="esco")

    t0 = time.perf_counter()
    report = sg.diff(old, new, names=("ESCO v1.1.0", "ESCO v1.1.1"))
    print(f"Compared the releases in {time.perf_counter() - t0:.1f} s")
    for section, c in report.counts().items():
        print(f"  {section:9} +{c['added']:<6} -{c['removed']:<6} ~{c['changed']}")
    print("Renamed labels:")
    for r in report.renamed:
        print(f"  {r.old_label} -> {r.new_label}")
    print(f"Skill groups given new ids: {len(report.reidentified)}")
    print("Occupations whose requirements changed most:")
    for c in report.roles_most_changed[:5]:
        print(f"  {c.label}: +{c.added} -{c.removed} of {c.before}")

    ict = new.extract(clusters=ICT)
    print(
        f"\nExtract of {new.clusters[ICT].label}: {len(ict.roles)} occupations, "
        f"{len(ict.skills)} skills, {len(ict.groups)} skill groups"
    )

    ours = sg.SkillGraph(prefixes={"acme": "https://acme.example/"})
    ours.add(ict.clusters[ICT])
    ours.add(sg.Role(id="acme:role/ml-engineer", label="machine learning engineer", cluster=ICT))
    ours.add(sg.Skill(id="acme:skill/mlops", label="run machine learning pipelines"))
    ours.require("acme:role/ml-engineer", "acme:skill/mlops", importance=0.9)
    python = ict.resolve("Python (computer programming)", "skill")
    ours.add(ict.skills[python])
    ours.require("acme:role/ml-engineer", python, importance=0.8)
    merged, merge_report = sg.merge_with_report(ict, ours, names=("ESCO ICT", "acme"))
    print(merge_report.to_text())

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ict-plus-acme.ttl"
        sg.write(merged, out)
        back = sg.read(out)
        print(f"Wrote and read back {out.name}: equal = {back == merged}")
        changelog = Path(tmp) / "CHANGES.md"
        changelog.write_text(report.to_markdown(limit=10), encoding="utf-8")
        print(
            f"Markdown changelog: {len(changelog.read_text(encoding='utf-8').splitlines())} lines"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
