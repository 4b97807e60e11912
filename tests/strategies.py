"""hypothesis strategies: random valid skill graphs."""

from __future__ import annotations

from hypothesis import strategies as st

import skillgraph as sg

_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(lambda s: s.strip() != "")
_langs = st.sampled_from(["de", "fr", "pt-PT", "es"])


@st.composite
def graphs(
    draw: st.DrawFn,
    *,
    max_roles: int = 12,
    max_skills: int = 25,
    min_roles: int = 2,
    min_skills: int = 3,
    rich: bool = True,
    resources: bool = False,
) -> sg.SkillGraph:
    """A random valid SkillGraph (acyclic hierarchy and prerequisites, 1-4 clusters).

    With ``rich``, nodes carry alt labels, translations, attributes, tags and descriptions;
    with ``resources``, the graph has 0-4 learning resources teaching and requiring skills.
    """
    g = sg.SkillGraph(metadata={"title": draw(_text)} if rich and draw(st.booleans()) else {})
    n_ind = draw(st.integers(1, 3))
    industries = [f"ex:industry/{i}" for i in range(n_ind)]
    for i, iid in enumerate(industries):
        g.add(sg.Industry(id=iid, label=f"industry {i}"))
    n_cl = draw(st.integers(1, 4))
    clusters = [f"ex:cluster/{i}" for i in range(n_cl)]
    for i, cid in enumerate(clusters):
        g.add(sg.Cluster(id=cid, label=f"cluster {i}"))
    n_sk = draw(st.integers(min_skills, max_skills))
    skills = [f"ex:skill/{i}" for i in range(n_sk)]
    for i, sid in enumerate(skills):
        extra = {}
        if rich:
            extra = {
                "alt_labels": tuple(draw(st.lists(_text, max_size=2, unique=True))),
                "description": draw(st.one_of(st.just(""), _text)),
                "translations": draw(
                    st.dictionaries(_langs, st.builds(sg.Translation, label=_text), max_size=2)
                ),
                "tags": tuple(sorted(draw(st.sets(st.sampled_from(["digital", "green"]))))),
                "attributes": draw(
                    st.dictionaries(
                        st.sampled_from(["hot", "source_rank"]),
                        st.one_of(st.booleans(), st.integers(0, 9), st.sampled_from(["x", "y"])),
                        max_size=2,
                    )
                ),
            }
        g.add(
            sg.Skill(
                id=sid,
                label=f"skill {i}",
                kind=draw(st.sampled_from(list(sg.SkillKind))),
                reuse=draw(st.one_of(st.none(), st.sampled_from(list(sg.ReuseLevel)))),
                **extra,
            )
        )
    n_roles = draw(st.integers(min_roles, max_roles))
    roles = [f"ex:role/{i}" for i in range(n_roles)]
    for i, rid in enumerate(roles):
        g.add(
            sg.Role(
                id=rid,
                label=f"role {i}",
                alt_labels=tuple(draw(st.lists(_text, max_size=2, unique=True))) if rich else (),
                cluster=draw(st.sampled_from(clusters)),
                industries=tuple(draw(st.sets(st.sampled_from(industries), max_size=2))),
                level=draw(st.one_of(st.none(), st.integers(1, 4))),
            )
        )
        req_skills = draw(st.sets(st.sampled_from(skills), min_size=1, max_size=min(10, n_sk)))
        for sid in sorted(req_skills):
            g.require(
                rid,
                sid,
                essential=draw(st.booleans()),
                importance=draw(st.sampled_from([0.25, 0.5, 0.75, 1.0])),
            )
    # acyclic by construction: edges only from a lower to a higher index
    for _ in range(draw(st.integers(0, n_sk))):
        a, b = sorted(draw(st.lists(st.integers(0, n_sk - 1), min_size=2, max_size=2, unique=True)))
        g.add_broader(skills[a], skills[b])
    for _ in range(draw(st.integers(0, n_sk // 2))):
        a, b = sorted(draw(st.lists(st.integers(0, n_sk - 1), min_size=2, max_size=2, unique=True)))
        g.add_prerequisite(skills[a], skills[b])
    for _ in range(draw(st.integers(0, n_sk // 2))):
        a, b = draw(st.lists(st.sampled_from(skills), min_size=2, max_size=2, unique=True))
        g.relate(a, b, essential=draw(st.booleans()))
    for _ in range(draw(st.integers(0, n_roles // 2))):
        a, b = draw(st.lists(st.sampled_from(roles), min_size=2, max_size=2, unique=True))
        g.add_progression(a, b)
    if resources:
        add_resources(draw, g, skills, rich=rich)
    return g


def add_resources(draw: st.DrawFn, g: sg.SkillGraph, skills: list[str], *, rich: bool) -> None:
    """Add 0-4 random learning resources to ``g``, teaching and requiring ``skills``."""
    levels = st.none() | st.sampled_from(list(sg.Proficiency))
    for i in range(draw(st.integers(0, 4))):
        rid = f"ex:resource/{i}"
        g.add(
            sg.Resource(
                id=rid,
                label=f"resource {i}",
                description=draw(st.one_of(st.just(""), _text)) if rich else "",
                kind=draw(st.sampled_from(list(sg.ResourceKind))),
                provider=draw(st.one_of(st.just(""), _text)),
                url=draw(st.none() | st.just("https://learn.example.org/c?id=1&x=<2>")),
                duration_hours=draw(st.floats(min_value=0.01, max_value=2000)),
                cost=draw(st.just(0.0) | st.floats(min_value=0, max_value=1e6)),
                currency=draw(st.none() | st.sampled_from(["EUR", "USD"])),
                level=draw(levels),
                language=draw(st.sampled_from(["en", "fr", "pt-BR"])),
                delivery=draw(st.sampled_from(list(sg.Delivery))),
                attributes={"free": True} if rich and draw(st.booleans()) else {},
            )
        )
        taught = draw(st.sets(st.sampled_from(skills), max_size=3))
        for sid in sorted(taught):
            g.add(sg.Teaching(resource=rid, skill=sid, proficiency=draw(levels)))
        for sid in sorted(draw(st.sets(st.sampled_from(skills), max_size=2)) - taught):
            g.add(sg.ResourcePrerequisite(resource=rid, skill=sid))
