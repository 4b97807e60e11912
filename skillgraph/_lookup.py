"""Finding nodes by id, label, alt label or translation, and the label index behind it.

`find` and `resolve` back ``SkillGraph.find`` / ``SkillGraph.resolve``; `find_target`
is the target resolution shared by the CLI and the analyses (a role, else a cluster, else an
industry). The label index is a derived value of the graph (built once per version, kept
with a cache snapshot).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from . import _text
from ._store import at_hand, cached, store_of
from .errors import AmbiguousError, InvalidValueError, NotFoundError
from .model import KIND_NAMES, Node, NodeType

if TYPE_CHECKING:
    from .graph import SkillGraph

__all__ = [
    "alias_of",
    "find",
    "find_target",
    "kinds",
    "label_index",
    "label_tokens",
    "resolve",
]


# lookup priorities: lower wins
_P_ID, _P_LABEL, _P_ALT, _P_HIDDEN, _P_TRANSLATION = range(5)

#: the derived value holding the label index of roles alone (see ``_hits_of_kinds``)
_ROLE_LABELS = "label_index:role"

#: the kinds a move's target may name, in the order they are tried
TARGET_KINDS = (NodeType.ROLE, NodeType.CLUSTER, NodeType.INDUSTRY)


def label_index(g: SkillGraph) -> Mapping[str, list[tuple[int, str]]]:
    """Normalised text -> (priority, node id) of every id, label and alt label of ``g``."""
    return cached(g, "label_index", build_label_index)


def label_tokens(g: SkillGraph) -> dict[str, set[str]]:
    """Word -> the label index keys holding it (for suggestions; built on a first miss)."""
    return cached(g, "label_tokens", build_label_tokens)


def find(g: SkillGraph, text: str, kind: str | NodeType | None = None) -> Node:
    """The node of ``g`` that ``text`` names (the rules: ``SkillGraph.find``).

    Raises:
        NotFoundError: nothing matches; ``suggestions`` holds close matches.
        AmbiguousError: several nodes match equally well; ``suggestions`` lists them.
        InvalidValueError: ``kind`` is not a node kind.
    """
    types = kinds(kind)
    nodes = store_of(g).nodes()
    node = nodes.get(text)
    if node is not None and (types is None or node.node_type in types):
        return node
    q = _text.normalize(text)
    hits = _hits_of_kinds(g, q, types)
    if not hits:
        every = label_index(g).get(q, ())
        hits = [(p, i) for p, i in every if types is None or nodes[i].node_type in types]
    if hits:
        best = min(p for p, _ in hits)
        ids = sorted({i for p, i in hits if p == best})
        if len(ids) == 1:
            return nodes[ids[0]]
        from .text.match import resolve_by_text

        picked = resolve_by_text(g, text, types, among=ids)
        if isinstance(picked, str):  # "cashier": the role labelled "Cashiers" among equals
            return nodes[picked]
        raise _ambiguous(text, types, [(i, nodes[i].label) for i in ids], nodes)
    from .text.match import resolve_by_text, suggest

    keys = label_index(g)
    picked = resolve_by_text(g, text, types)
    if isinstance(picked, str):  # the same label up to plurals ("registered nurse")
        return nodes[picked]
    if picked:
        raise _ambiguous(text, types, [(i, nodes[i].label) for i in picked], nodes)
    suggestions = suggest(g, text, types)
    for key in [] if suggestions else _text.suggest(text, keys, label_tokens(g), n=20):
        for _, i in sorted(keys[key]):
            node = nodes[i]
            if (types is None or node.node_type in types) and all(i != s for s, _ in suggestions):
                suggestions.append((i, node.label))
        if len(suggestions) >= 5:
            break
    suggestions = suggestions[:5]
    hint = (
        " Did you mean: " + "; ".join(f"{label} ({i})" for i, label in suggestions) + "?"
        if suggestions
        else ""
    )
    other = sorted(keys.get(q, ()))  # a match of another type than asked for
    if other:
        node = nodes[other[0][1]]
        hint = f" It names a {node.node_type.value}: {node.label} ({node.id}).{hint}"
    raise NotFoundError(
        f"no {kind_name(types)} matches {_text.clip(text)}.{hint}",
        query=text,
        suggestions=suggestions,
    )


def _hits_of_kinds(
    g: SkillGraph, q: str, types: tuple[NodeType, ...] | None
) -> list[tuple[int, str]] | None:
    """The label index entries of the normalised text ``q`` naming roles, from an index of
    the roles' labels alone (``_ROLE_LABELS``) when roles alone are asked for and the whole
    index is not at hand; else None.

    The entries are the whole index's entries of roles, so a hit resolves as it would
    there; a first lookup of a role need not index every skill's labels. (Roles alone:
    most labels are skills', so an index of theirs would cost the whole index's time.)
    """
    store = store_of(g)
    if types != (NodeType.ROLE,) or at_hand(g, "label_index"):
        return None
    keys = cached(g, _ROLE_LABELS, _build_role_labels)
    # the whole index may be growing from this one (build_label_index): its entries of
    # other kinds are not this lookup's
    return [(p, i) for p, i in keys.get(q, ()) if store.kind(i) is NodeType.ROLE]


def _ambiguous(
    text: str,
    types: tuple[NodeType, ...] | None,
    cands: list[tuple[str, str]],
    nodes: Mapping[str, Node],
) -> AmbiguousError:
    apart = len({getattr(nodes[i], "kind", None) for i, _ in cands}) > 1

    def shown(i: str, label: str) -> str:  # a skill's kind tells "Mathematics" apart
        kind = getattr(nodes[i], "kind", None)
        return f"{label} ({kind.value}, {i})" if apart and kind is not None else f"{label} ({i})"

    return AmbiguousError(
        f"{_text.clip(text)} matches {len(cands)} {kind_name(types)}s: "
        + "; ".join(shown(i, label) for i, label in cands[:8]),
        query=text,
        suggestions=cands,
    )


def resolve(g: SkillGraph, ref: str | Node, kind: str | NodeType | None = None) -> str:
    """The id of the node ``ref`` names (a node, an id or anything `find` resolves).

    Raises:
        NotFoundError: nothing matches (or the node has another type).
        AmbiguousError: several nodes match equally well.
        InvalidValueError: ``kind`` is not a node kind.
    """
    if isinstance(ref, Node):
        ref = ref.id
    return find(g, ref, kind).id


def alias_of(g: SkillGraph, text: str, node_id: str) -> str | None:
    """The alt or hidden label of ``node_id`` that ``text`` named it by, when ``text`` is
    neither its id nor its preferred label ("teacher" for "politics lecturer"); else None."""
    node = store_of(g).node(node_id)
    if node is None or text == node_id:
        return None
    q = _text.normalize(text)
    if q == _text.normalize(node.label):
        return None
    for alt in (*node.alt_labels, *node.hidden_labels):
        if _text.normalize(alt) == q:
            return alt
    return None


def find_target(g: SkillGraph, ref: str) -> Node | None:
    """The role ``ref`` names, else the cluster, else the industry (None: none of them).

    Raises:
        AmbiguousError: ``ref`` matches several nodes of the first kind it matches.
    """
    for kind in TARGET_KINDS:
        try:
            return find(g, ref, kind)
        except AmbiguousError:
            raise
        except NotFoundError:
            continue
    return None


def kinds(kind: str | NodeType | None) -> tuple[NodeType, ...] | None:
    if kind is None:
        return None
    if isinstance(kind, NodeType):
        return (kind,)
    try:
        return (KIND_NAMES[kind.lower()],)
    except KeyError:
        raise InvalidValueError(
            f"unknown node kind {kind!r}: expected one of skill, role, industry, cluster, group",
            field="kind",
        ) from None


def kind_name(types: Sequence[NodeType] | None) -> str:
    return "node" if types is None else "/".join(t.value for t in types)


def build_label_index(g: SkillGraph) -> dict[str, list[tuple[int, str]]]:
    """Normalised text -> (priority, node id) of every id, label and alt label of ``g``.

    Grown from the index of roles alone (``_ROLE_LABELS``) when that one is built already:
    its entries then come first (no answer depends on the order of entries or keys), and it
    is extended in place (both are built with the graph's lock held) rather than copied.
    """
    store = store_of(g)
    roles = store.built(_ROLE_LABELS)
    if isinstance(roles, dict):
        return _add_labels(roles, [store.of_type(t) for t in NodeType if t is not NodeType.ROLE])
    return _add_labels({}, [store.nodes()])


def _build_role_labels(g: SkillGraph) -> dict[str, list[tuple[int, str]]]:
    """The label index entries of the roles of ``g`` alone."""
    return _add_labels({}, [store_of(g).of_type(NodeType.ROLE)])


def _add_labels(
    keys: dict[str, list[tuple[int, str]]], views: list[Mapping[str, Node]]
) -> dict[str, list[tuple[int, str]]]:
    """``keys`` with the entries of every node of ``views`` added."""
    normalize = _text.normalize

    def put(text: str, prio: int, node_id: str) -> None:
        k = normalize(text)
        if k:
            hits = keys.get(k)
            if hits is None:
                keys[k] = [(prio, node_id)]
            else:
                hits.append((prio, node_id))

    for node_id, node in ((i, n) for view in views for i, n in view.items()):
        put(node_id, _P_ID, node_id)
        put(node.label, _P_LABEL, node_id)
        for alt in node.alt_labels:
            put(alt, _P_ALT, node_id)
        for hidden in node.hidden_labels:
            put(hidden, _P_HIDDEN, node_id)
        for tr in node.translations.values():
            if tr.label:
                put(tr.label, _P_TRANSLATION, node_id)
            for alt in tr.alt_labels:
                put(alt, _P_TRANSLATION, node_id)
    return keys


def build_label_tokens(g: SkillGraph) -> dict[str, set[str]]:
    tokens: dict[str, set[str]] = {}
    for k in label_index(g):
        for tok in _text.tokens(k):
            tokens.setdefault(tok, set()).add(k)
    return tokens
