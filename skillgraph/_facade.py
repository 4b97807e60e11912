"""The analysis, free-text and interop methods of `SkillGraph`, each delegating.

A mixin of `SkillGraph` (``skillgraph.graph``): every method here resolves its
arguments through the graph and hands the work to its module (``analysis/``, ``text/``,
``io/``, ``releases/``), imported on first use. The argument checks and the lock are
applied to the public ones by ``skillgraph._arguments``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from .graph import SkillGraph
    from .results import (
        Gap,
        InputReport,
        LearningPlan,
        Match,
        Move,
        Plan,
        SkillHop,
        Viability,
    )
    from .text.match import Method, TextMatch, TextMatches

__all__ = ["Facade"]

R = TypeVar("R", "Gap", "Plan", "Move")


class Facade:
    """Queries of a graph: gaps, similarity, moves, plans, free text, interop."""

    @property
    def _graph(self) -> SkillGraph:
        return cast("SkillGraph", self)

    def gap(self, role: str, have: str | Iterable[str] = (), *, strict: bool = True) -> Gap:
        """Matched and missing skills of ``role`` for someone holding ``have``.

        With ``strict=False``, ``have`` may be free text or a list with unknown items
        (see `match_skills`); ``Gap.inputs`` reports what matched and what did not.

        Raises:
            NotFoundError: the role, or (when strict) a skill of ``have``, cannot be resolved.
        """
        from .analysis.gap import gap

        ids, report = self._graph._have(have, strict)
        result = gap(self._graph, role, ids)  # with its labels
        from ._inputs import with_inputs

        return with_inputs(self._graph, result, report)

    def similar_roles(
        self, role: str, k: int = 10, *, weights: Mapping[str, float] | None = None
    ) -> list[Match]:
        """The ``k`` roles most similar to ``role`` (skills, ratings, titles, tools).

        ``weights`` overrides the weight of the similarity components it names (see
        ``skillgraph.similarity_weights()``); each match reports every component's
        contribution in ``components``.

        Raises:
            NotFoundError: the role cannot be resolved.
            InvalidValueError: ``k`` is negative, or ``weights`` names an unknown
                component or gives a negative weight.
        """
        from .analysis.similarity import similar_roles

        return similar_roles(self._graph, role, k, weights=weights)

    def adjacent_skills(self, skills: str | Iterable[str], k: int = 10) -> list[Match]:
        """The ``k`` skills most adjacent to ``skills`` (co-required, related, broader).

        Raises:
            NotFoundError: a skill cannot be resolved.
            InvalidValueError: ``k`` is negative.
        """
        from .analysis.adjacency import adjacent_skills

        return adjacent_skills(self._graph, skills, k)

    def skill_path(self, source: str, target: str) -> list[str]:
        """The cheapest path of skill ids from ``source`` to ``target`` over skill adjacency.

        Declared relations and the hierarchy cost least, co-requirement most; passing
        through a hub skill (required by very many roles) costs extra.

        Raises:
            NotFoundError: a skill cannot be resolved, or no path joins them.
        """
        from .analysis.adjacency import skill_path

        return skill_path(self._graph, source, target)

    def explain_skill_path(self, source: str, target: str) -> list[SkillHop]:
        """The hops of ``skill_path(source, target)``, each with its relation and cost.

        Raises:
            NotFoundError: a skill cannot be resolved, or no path joins them.
        """
        from .analysis.adjacency import explain_skill_path

        return explain_skill_path(self._graph, source, target)

    def learning_plan(
        self,
        skills: Iterable[str],
        have: str | Iterable[str] = (),
        *,
        strict: bool = True,
    ) -> LearningPlan:
        """``skills`` ordered by prerequisites, then adjacency to ``have``, in stages.

        With ``strict=False``, ``have`` may be free text or a list with unknown items;
        ``LearningPlan.inputs`` reports what matched and what did not.

        Raises:
            NotFoundError: a skill cannot be resolved.
        """
        from .analysis.learning import learning_plan

        ids, report = self._graph._have(have, strict)
        result = learning_plan(self._graph, skills, ids)
        from ._inputs import with_inputs

        return with_inputs(self._graph, result, report)

    def upskill(
        self,
        role: str,
        have: str | Iterable[str] | None = None,
        k: int = 5,
        *,
        max_steps: int = 2,
        lateral: bool = False,
        families: str | Mapping[str, str] = "auto",
        strict: bool = True,
    ) -> list[Plan]:
        """Up to ``k`` plans of viable steps up ``role``'s job family (higher seniority).

        With ``lateral``, sideways targets of the family (same seniority) are included,
        labelled ``MoveKind.LATERAL``. ``families`` chooses the job families (see
        ``families``; default ``"auto"``). With ``strict=False``, ``have`` may be free
        text or a list with unknown items; each plan's ``inputs`` reports what matched.

        Raises:
            NotFoundError: the role or a skill of ``have`` cannot be resolved.
            InvalidValueError: ``k`` is negative, ``max_steps`` < 1 or ``families`` unknown.
        """
        from .analysis.moves import upskill

        ids, report = self._graph._have(have, strict)
        plans = upskill(
            self._graph,
            role,
            ids if have is not None else None,
            k,
            max_steps=max_steps,
            lateral=lateral,
            families=families,
        )
        plans = [self._graph._with_labels(p) for p in plans]
        from ._inputs import with_inputs

        return [with_inputs(self._graph, p, report) for p in plans]

    def reskill(
        self,
        role: str,
        target: str,
        have: str | Iterable[str] | None = None,
        *,
        max_steps: int = 6,
        families: str | Mapping[str, str] = "auto",
        strict: bool = True,
    ) -> Plan:
        """The plan of viable steps from ``role`` to a role, cluster or industry of another
        job family that asks the least learning (skills to learn summed over the steps;
        bridges off the role before's nearest viable moves priced higher), or, when a
        direct move misses the viability threshold by a little and asks far less learning,
        that direct move as a one-step plan whose step has ``viable=False``;
        ``plan.direct`` is the direct move onto the plan's last role, viable or not, to
        compare with. ``plan.reachable`` is False when no viable path of at most
        ``max_steps`` steps exists; the plan then leads to the closest stepping stone.

        Raises:
            NotFoundError: an argument cannot be resolved, or the target has no roles.
            InvalidValueError: the target lies inside the start role's family or is a
                viable promotion of it (upskilling), ``max_steps`` < 1 or ``families``
                unknown.

        With ``strict=False``, ``have`` may be free text or a list with unknown items; the
        plan's ``inputs`` reports what matched and what did not.
        """
        from .analysis.moves import reskill

        ids, report = self._graph._have(have, strict)
        plan = self._graph._with_labels(
            reskill(
                self._graph,
                role,
                target,
                ids if have is not None else None,
                max_steps=max_steps,
                families=families,
            )
        )
        from ._inputs import with_inputs

        return with_inputs(self._graph, plan, report)

    def viable_move(
        self, source: str, target: str, *, families: str | Mapping[str, str] = "auto"
    ) -> Viability:
        """Whether the single move ``source -> target`` is viable: similarity at least the
        graph's calibrated threshold and a seniority jump of at most one (see
        docs/concepts.md).

        Raises:
            NotFoundError: a role cannot be resolved.
            InvalidValueError: ``families`` is not a known method or a mapping.
        """
        from .analysis.viability import viable_move

        return viable_move(self._graph, source, target, families=families)

    def _have(
        self, have: str | Iterable[str] | None, strict: bool
    ) -> tuple[list[str] | Any, InputReport | None]:
        """``have`` as given (strict), or resolved leniently with its report."""
        if strict:
            return have if have is not None else (), None
        from .text.lenient import resolve_have

        return resolve_have(self._graph, have)

    # ------------------------------------------------------------------ free text
    def match_skills(
        self, text: str, k: int | None = 10, *, method: Method = "lexical"
    ) -> TextMatches:
        """The skills a free text (CV lines, a job ad, a list) mentions, best first.

        Each match has the skill ``id``, a ``score`` in [0, 1], the ``text`` span that
        matched (``start``/``end``), the label it matched and which field that was.
        Inflections, plurals, case and accents are forgiven. ``k=None`` returns all.
        The result is a list; its ``unmatched`` attribute holds the phrases that named no
        skill. ``method`` is ``"lexical"`` (default, no extra needed), ``"hybrid"`` or
        ``"embeddings"`` (the ``skillgraph[embeddings]`` extra's bundled model).

        Raises:
            InvalidValueError: ``text`` is not a string, ``k`` is negative or ``method`` is
                unknown.
            OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
        """
        from .text.match import match_skills

        return match_skills(self._graph, text, k, method=method)

    def match_roles(
        self, title: str, k: int | None = 10, *, method: Method = "lexical", rerank: bool = True
    ) -> list[TextMatch]:
        """The roles whose titles best match a job title, best first (``id``, ``score``).

        Labels, alt and hidden labels count, plurals and typos are forgiven, and a role
        whose many titles share the query's words ranks higher. ``method`` as in
        ``match_skills``. ``rerank`` (lexical only): the first place is picked among the best
        5 by a fitted model that also weighs the families, skill profiles and shared titles
        of the best 40, places 2 to 40 are ordered by a second fitted model (the same and
        word bigrams); roles holding the title verbatim stay first, and ``score`` stays the
        lexical score.

        Raises:
            InvalidValueError: ``title`` is not a string, ``k`` is negative or ``method`` is
                unknown.
            OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
        """
        from .text.match import match_roles

        return match_roles(self._graph, title, k, method=method, rerank=rerank)

    def classify(
        self,
        source: str,
        target: str,
        have: Iterable[str] | None = None,
        *,
        families: str | Mapping[str, str] = "auto",
    ) -> Move:
        """Whether moving from ``source`` to ``target`` is upskilling (same job family,
        higher seniority), lateral (same family otherwise) or reskilling (another family),
        with its viability and explanation.

        Raises:
            NotFoundError: a role or a skill of ``have`` cannot be resolved.
            InvalidValueError: ``families`` is not a known method or a mapping.
        """
        from .analysis.moves import classify

        return self._graph._with_labels(
            classify(self._graph, source, target, have, families=families)
        )

    def _with_labels(self, result: R) -> R:
        """``result`` with the labels of every node id it names."""
        from ._store import store_of

        ids = sorted(result.named())
        labels = dict(zip(ids, store_of(self._graph).labels(ids), strict=True))
        return result.model_copy(update={"labels": labels})

    def detect_clusters(
        self, *, seed: int = 0, assign: bool = False, method: str = "arrays"
    ) -> dict[str, str]:
        """Role id -> detected cluster id, by community detection on role similarity.

        With ``assign``, roles without a declared cluster are given the detected one.
        ``method`` picks the Louvain implementation: ``"arrays"`` (default: skillgraph's
        own, no networkx import; networkx's partition for the seed, then communities
        without a senior step rejoin a neighbour and a senior role moves to the juniors
        it is the only step up of) or ``"networkx"`` (networkx's Louvain alone).

        Raises:
            DuplicateIdError: with ``assign``, a ``detected:<n>`` id is used by another type.
            InvalidValueError: ``method`` is neither ``"arrays"`` nor ``"networkx"``.
        """
        from .analysis.clusters import detect_clusters

        return detect_clusters(self._graph, seed=seed, assign=assign, method=method)

    def families(
        self, families: str | Mapping[str, str] = "detected", *, seed: int = 0
    ) -> dict[str, str]:
        """Role id -> job family id: ``"detected"`` (from similarity), ``"declared"``,
        ``"isco-1"``..``"isco-4"``, ``"soc-major"``/``"soc-minor"``/``"soc-broad"``, or a
        mapping you declare (see docs/concepts.md).

        Raises:
            InvalidValueError: ``families`` is not a known method or a mapping, or the
                graph lacks the codes the method needs.
        """
        from .analysis.families import families as _families

        return _families(self._graph, families, seed=seed)

    def seniority(
        self, families: str | Mapping[str, str] = "detected", *, seed: int = 0
    ) -> dict[str, int]:
        """Role id -> seniority inside its family (level, managerial variants, progressions).

        Raises:
            InvalidValueError: as ``families``.
        """
        from .analysis.families import seniority

        return seniority(self._graph, families, seed=seed)

    # ------------------------------------------------------------------ interop
    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a ``networkx.MultiDiGraph``.

        Nodes carry ``type`` and their model's fields; edges carry ``type`` (also the edge
        key) and their attributes. Directions: role -requires-> skill,
        broader -narrower-> narrower (so ``nx.descendants`` of a group gives what is under
        it), skill -related-> skill, prerequisite -prerequisite_of-> skill,
        role -progresses_to-> role, role -in_cluster-> cluster, role -in_industry->
        industry, broader cluster -narrower-> cluster, resource -teaches-> skill (with its
        ``proficiency``), resource -requires_skill-> skill.
        """
        from .io.networkx import to_networkx

        return to_networkx(self._graph)

    def to_rdf(self) -> rdflib.Graph:
        """The graph as an ``rdflib.Graph`` in the skillgraph/ESCO/SKOS vocabulary."""
        from .io.rdf import to_rdflib

        return to_rdflib(self._graph)

    @classmethod
    def from_rdf(cls, graph: rdflib.Graph) -> SkillGraph:
        """A SkillGraph read from an ``rdflib.Graph`` in the skillgraph/ESCO/SKOS vocabulary.

        Raises:
            FormatError: the RDF does not describe a valid skills graph.
        """
        from .io.rdf import from_rdflib

        return from_rdflib(graph)

    def diff(self, other: SkillGraph) -> dict[str, Any]:
        """A compact description of how ``other`` differs from this graph (``{}``: equal).

        The ``summary()`` of ``skillgraph.diff(self._graph, other)``, whose full report says
        which fields changed, with labels.

        Raises:
            InvalidValueError: ``other`` is not a SkillGraph.
        """
        from .releases import diff

        return diff(self._graph, other).summary()

    def extract(
        self,
        *,
        roles: str | Iterable[str] | None = None,
        clusters: str | Iterable[str] | None = None,
        skills: str | Iterable[str] | None = None,
        depth: int | None = None,
    ) -> SkillGraph:
        """A self-contained subset: the roles, clusters and skills named, and what they need.

        Keeps the ``roles`` and every role of the ``clusters``, the skills they require,
        the ``skills`` (skills or groups) with ``depth`` levels below them (None: all),
        every broader concept of those up to the roots, the clusters (with their broader
        chain) and industries referenced, and the edges and extra triples among kept
        nodes. See ``skillgraph.releases.extract``.

        Raises:
            InvalidValueError: nothing is selected, or an argument is invalid.
            NotFoundError: a reference names no node of the expected type.
            AmbiguousError: a label names several nodes.
        """
        from .releases import extract

        return extract(self._graph, roles=roles, clusters=clusters, skills=skills, depth=depth)
