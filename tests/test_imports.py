"""What importing skillgraph, and answering from a loaded index, leaves unimported.

Run in a fresh interpreter each (a subprocess), so that another test's imports cannot hide
a regression.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("numpy", "scipy", "pydantic", "networkx", "rdflib", "pandas", "click")


def _modules(code: str) -> set[str]:
    """The top-level modules loaded after running ``code`` in a fresh interpreter."""
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


@pytest.mark.parametrize("code", ["import skillgraph", "import skillgraph; skillgraph.__all__"])
def test_import_skillgraph_loads_no_dependency(code: str) -> None:
    assert not _modules(code) & set(HEAVY)


def test_similarities_from_a_loaded_index_need_no_scipy(tmp_path: Path) -> None:
    """The warm CLI path: an index loaded from its arrays answers without scipy."""
    import numpy as np

    import skillgraph as sg
    from skillgraph.analysis._index import index

    ix = index(sg.load("demo"))
    arrays, meta = ix.to_state()
    np.savez(tmp_path / "ix.npz", **arrays)
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    arrays, meta = ix.parts.to_state()
    np.savez(tmp_path / "profiles.npz", **arrays)
    (tmp_path / "profiles.json").write_text(json.dumps(meta))
    code = f"""
import json
from pathlib import Path
import numpy as np
from skillgraph.analysis._index import Index, Profiles
folder = Path({str(tmp_path)!r})
with np.load(folder / "ix.npz") as stored:
    arrays = dict(stored)
ix = Index.from_state(arrays, json.loads((folder / "meta.json").read_text()))
with np.load(folder / "profiles.npz") as stored:
    arrays = dict(stored)
ix.attach(Profiles.from_state(arrays, json.loads((folder / "profiles.json").read_text())))
for r in range(ix.n_roles):
    assert ix.similarities(r).shape == (ix.n_roles,)
    ix.role_skills[r], ix.role_weights[r], ix.role_essential[r]
"""
    loaded = _modules(code)
    assert "numpy" in loaded
    assert "scipy" not in loaded


def test_the_graph_imports_without_building_a_model_validator() -> None:
    """Node and edge models build their validators on first use, not when imported."""
    probe = (
        "import json, pydantic, skillgraph as sg\n"
        "from skillgraph import model\n"
        "sg.SkillGraph, sg.read, sg.Skill\n"
        "built = lambda: sorted(c.__name__ for c in vars(model).values()\n"
        "    if isinstance(c, type) and issubclass(c, pydantic.BaseModel)\n"
        "    and c.__pydantic_complete__)\n"
        "before = built()\n"
        "sg.Skill(id='x:s', label='S')\n"
        "print(json.dumps([before, built()]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    before, after = json.loads(done.stdout.splitlines()[-1])
    assert before == []
    assert "Skill" in after
