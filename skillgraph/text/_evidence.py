"""What a candidate role's titles, description and skills say about a title's words: seven
features of the title re-ranker's order model.

The first model's features (`skillgraph.text._rerank`) look at a candidate's titles and at
the other candidates. These look at the rest of what the taxonomy says about the
candidate: its description, the skills it requires (a "welding technician" is likelier
the role that requires "welding" than one whose titles say "technician" alone), and how
well its best title fits the title as a whole. For a title of distinct stems ``S`` (idf
weights ``w``, head ``h`` its last content word) and a candidate node ``n``:

- ``title word share``: the share of ``n``'s titles holding each stem of ``S``, averaged
  with weights ``w``;
- ``description coverage``: the ``w``-share of ``S`` found in ``n``'s labels or
  description;
- ``head in description``: whether ``h`` is found there;
- ``skill coverage``: the ``w``-share of ``S`` found in the preferred labels of the
  skills ``n`` requires (`skill_words`);
- ``head in skills``: whether ``h`` is found there;
- ``title precision``: the idf share of the stems of ``n``'s best-scored entry that ``S``
  holds (what that title says beyond the query costs it);
- ``close titles``: ``log(1 + n's entries scoring at least half the best entry score)``.

All are 0 for a title without known content words. Nothing here reads a held-out title:
every count comes from the graph the index was built from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .._store import cached, store_of

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ._index import TextIndex

__all__ = ["EVIDENCE_FEATURES", "build_skill_words", "evidence_features", "skill_words"]

#: the feature names, in the column order of `evidence_features`
EVIDENCE_FEATURES = (
    "title word share",
    "description coverage",
    "head in description",
    "skill coverage",
    "head in skills",
    "title precision",
    "close titles",
)
#: an entry counts as a close title when it scores at least this share of the best entry
CLOSE_SHARE = 0.5


def build_skill_words(g: SkillGraph) -> sp.csr_matrix:
    """See `skill_words` (built from the requirement columns, no model per edge)."""
    from ._index import text_index

    ix = text_index(g)
    n_nodes, n_entries = len(ix.ids), len(ix.entry_node)
    labels = np.flatnonzero(ix.entry_field == 0)
    of_label = sp.csr_matrix(
        (np.ones(len(labels)), (ix.entry_node[labels], labels)), shape=(n_nodes, n_entries)
    )
    label_stems = sp.csr_matrix(of_label @ ix.W)  # nodes x stems of the preferred label
    cols = store_of(g).requirement_columns()
    position = ix.position
    at = np.asarray([position.get(n, -1) for n in cols.names], dtype=np.int64)
    role = at[np.asarray(cols.role, dtype=np.int64)]
    skill = at[np.asarray(cols.skill, dtype=np.int64)]
    ok = (role >= 0) & (skill >= 0)
    requires = sp.csr_matrix(
        (np.ones(int(ok.sum())), (role[ok], skill[ok])), shape=(n_nodes, n_nodes)
    )
    held = sp.csr_matrix(requires @ label_stems)
    held.data = np.ones_like(held.data)
    return sp.csr_matrix(held.T)


def skill_words(g: SkillGraph) -> sp.csr_matrix:
    """Stems x nodes (text-index order): 1 where a preferred label of a skill the node
    requires holds the stem; built once per graph version."""
    return cached(g, "text_skill_words", build_skill_words)


def evidence_features(
    g: SkillGraph,
    ix: TextIndex,
    cands: np.ndarray,
    entry_scores: np.ndarray,
    stems: np.ndarray,
    stem_weights: np.ndarray,
    order: Sequence[int | None],
) -> np.ndarray:
    """Candidates x `EVIDENCE_FEATURES` of the node indices ``cands`` for a title of the
    distinct stem columns ``stems`` (idf weights ``stem_weights``) and content words
    ``order`` (stem columns in order, None for unknown words), ``entry_scores`` the label
    score of every index entry (see the module docstring)."""
    out = np.zeros((len(cands), len(EVIDENCE_FEATURES)))
    if not len(cands) or not len(stems):
        return out
    total = float(stem_weights.sum())
    owners = ix.owners(g)
    titles = np.maximum(owners.titles[cands], 1.0)
    held = owners.counts[stems][:, cands].toarray()
    out[:, 0] = stem_weights @ np.minimum(held / titles, 1.0) / total
    docs = ix.descriptions(g)[0]
    out[:, 1] = stem_weights @ (docs[stems][:, cands].toarray() > 0) / total
    skills = skill_words(g)
    out[:, 3] = stem_weights @ (skills[stems][:, cands].toarray() > 0) / total
    head = order[-1] if order else None
    if head is not None:
        out[:, 2] = docs[head][:, cands].toarray().ravel() > 0
        out[:, 4] = skills[head][:, cands].toarray().ravel() > 0
    lo = np.searchsorted(ix.entry_node, cands, side="left")
    hi = np.searchsorted(ix.entry_node, cands, side="right")
    close = CLOSE_SHARE * float(entry_scores.max())
    for i, (a, b) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
        e = a + int(np.argmax(entry_scores[a:b]))
        found = ix.stems_of(e)
        if len(found):
            idf = ix.idf[found]
            out[i, 5] = float(idf[np.isin(found, stems)].sum() / idf.sum())
        out[i, 6] = np.log1p(int((entry_scores[a:b] >= close).sum()))
    return out
