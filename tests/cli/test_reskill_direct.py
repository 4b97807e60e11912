"""The reskill command shows the direct move beside the plan (text and JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

import skillgraph as sg

from .conftest import ok

RETAIL = "retail sales assistant"
DIGITAL = "digital marketing specialist"
Invoke = Callable[..., Result]


def test_regression_reskill_text_shows_the_direct_move(invoke: Invoke, demo: sg.SkillGraph) -> None:
    # main printed the route only: nothing told the reader what retraining directly asks
    plan = demo.reskill(demo.resolve(RETAIL, "role"), demo.resolve(DIGITAL, "role"))
    assert plan.direct is not None and plan.bridges
    text = ok(invoke("reskill", "--from", RETAIL, "--to", DIGITAL))
    viable = "viable" if plan.direct.viable else "not viable as one move"
    assert (
        f"Direct move to {plan.direct.label}: {len(plan.direct.learn)} skills to learn, {viable}"
        in text
    )
    assert f"this plan: {plan.learning} skills to learn over {len(plan.steps)} steps" in text
    assert "http" not in text.split("Direct move to", 1)[1].splitlines()[0]


def test_regression_reskill_json_carries_the_direct_move(
    invoke: Invoke, demo: sg.SkillGraph
) -> None:
    got = json.loads(ok(invoke("reskill", "-f", RETAIL, "-t", DIGITAL, "--json")))
    direct = got["direct"]
    assert direct["role"] == demo.resolve(DIGITAL, "role")
    assert direct["label"] == demo.label(direct["role"])
    assert isinstance(direct["viable"], bool) and direct["learn"]
    plan = demo.reskill(demo.resolve(RETAIL, "role"), demo.resolve(DIGITAL, "role"))
    assert sg.Plan.model_validate(got).direct == plan.direct
