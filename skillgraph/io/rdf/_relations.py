"""ESCO's relations read: role -> skill requirements and skill -> skill related edges.

Pass 2 of reading RDF (`skillgraph.io.rdf._reader`), for the triples `_collect` set apart
as per-subject lists of object IRIs (the bulk of an ESCO file). A role's list whose
objects are all skills, none twice, goes to the store in one piece
(``Store.add_requirement_lists``); any other is taken triple by triple.
"""

from __future__ import annotations

from typing import Any, cast

from ...model import NodeType, Related, Requirement
from .. import _esco_conventions as esco
from .._build import edge
from . import _vocab as vocab

__all__ = ["relation_edges"]


def relation_edges(reader: Any, seen_req: set[tuple[str, str]]) -> None:
    """Add the requirements and related edges of ``reader``'s ESCO relation triples.

    Essential triples are taken first, so an essential triple wins over an optional one
    for the same pair; the loser (and any triple whose ends are not a role/skill or a
    skill/skill pair) is kept as an extra triple. ``seen_req`` gets the (role, skill) keys
    of the pairs given by a triple (when the file has ``sg:Requirement`` nodes).

    Raises:
        SkillGraphError: an edge is refused by the store.
    """
    store = reader.store
    ids = reader.node_ids
    kinds = reader.kinds
    reqs: dict[tuple[str, str], dict[str, Any]] = reader.requirements
    skill_ids = {k: ids[k] for k, kind in kinds.items() if kind == NodeType.SKILL}
    skill_id = skill_ids.get
    given: dict[str, set[str]] = {}  # role -> skills given so far
    pending: list[tuple[str, list[str], bool, float]] = []  # in order, for the store in bulk
    keep = reader.keep
    role_kind = NodeType.ROLE
    skill_kind = NodeType.SKILL
    for is_essential, rels in ((True, reader.c.essential), (False, reader.c.optional)):
        pred = vocab.ESSENTIAL if is_essential else vocab.OPTIONAL
        importance = esco.ESSENTIAL_IMPORTANCE if is_essential else esco.OPTIONAL_IMPORTANCE
        for k, targets in rels.items():
            kk = kinds.get(k)
            if kk == role_kind:
                rid = ids[k]
                requires = given.get(rid)
                if not reqs:  # the usual case: all skills, none twice
                    skids = list(map(skill_id, targets))
                    fresh = set(skids)
                    if (
                        len(fresh) == len(skids)
                        and None not in fresh
                        and (requires is None or requires.isdisjoint(fresh))
                    ):
                        if requires is None:  # no None: checked just above
                            given[rid] = cast(set[str], fresh)
                        else:
                            requires |= cast(set[str], fresh)
                        found = cast(list[str], skids)
                        pending.append((rid, found, is_essential, importance))
                        continue
                if requires is None:
                    requires = given[rid] = set()
                kept: list[str] = []
                for t in targets:
                    skid = skill_ids.get(t)
                    if skid is None or skid in requires:  # not a skill, or a duplicate
                        if t not in kinds:
                            reader.lost += 1
                        keep(k, pred, f"<{t}>")
                        continue
                    requires.add(skid)
                    detail = None
                    if reqs:  # the file has sg:Requirement nodes
                        seen_req.add((k, t))
                        detail = reqs.get((k, t))
                    if detail is None:
                        kept.append(skid)
                    elif detail["essential"] == is_essential:
                        pending.append((rid, kept, is_essential, importance))
                        store.add_requirement_lists(pending)  # in order, before this one
                        pending.clear()
                        kept = []
                        store.add_requirements([Requirement(role=rid, skill=skid, **detail)])
                    else:
                        kept.append(skid)
                        reader.unconsume_requirement(k, t)
                if kept:
                    pending.append((rid, kept, is_essential, importance))
                continue
            if kk == skill_kind:
                sid = ids[k]
                for t in targets:
                    tid = skill_ids.get(t)
                    if tid is not None and tid not in store.related_of(sid):
                        store.add_related(
                            edge(Related, skill=sid, related=tid, essential=is_essential)
                        )
                        continue
                    if t not in kinds:
                        reader.lost += 1
                    keep(k, pred, f"<{t}>")
                continue
            for t in targets:
                if t not in kinds:
                    reader.lost += 1
                keep(k, pred, f"<{t}>")
    store.add_requirement_lists(pending)
