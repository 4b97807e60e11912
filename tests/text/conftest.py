"""Fixtures of the free-text tests: a small hand-made graph and the real ESCO / O*NET."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgraph as sg


@pytest.fixture()
def shop() -> sg.SkillGraph:
    """A small retail / office graph with alt labels, plurals and an abbreviation."""
    g = sg.SkillGraph()
    g.add(sg.Cluster(id="c:retail", label="Retail"))
    g.add(sg.Cluster(id="c:office", label="Office"))
    skills = [
        ("s:till", "operate cash register", ("use a till", "operate tills"), "Run a till."),
        ("s:stock", "manage stock levels", ("stock control",), "Keep stock at the right level."),
        ("s:excel", "use spreadsheets software", ("Microsoft Office Excel",), None),
        ("s:python", "Python (computer programming)", (), "Programming in Python."),
        ("s:sql", "SQL", ("structured query language",), None),
        ("s:complaints", "handle customer complaints", (), "Deal with unhappy customers."),
        ("s:spanish", "interact verbally in Spanish", ("speak Spanish",), None),
        ("s:forklift", "operate forklift", ("drive a fork-lift truck",), None),
        ("s:nursing", "provide nursing care", (), "Care for patients."),
    ]
    for sid, label, alts, desc in skills:
        extra = {"description": desc} if desc else {}
        g.add(sg.Skill(id=sid, label=label, alt_labels=alts, **extra))
    roles = [
        ("r:cashier", "Cashiers", ("Cashier", "Checkout Operator"), "c:retail"),
        ("r:gaming", "Gaming Cashiers", ("Cashier", "Casino Cashier"), "c:retail"),
        ("r:rn", "Registered Nurses", ("RN (Registered Nurse)", "Staff Nurse"), "c:office"),
        ("r:clerk", "Office Clerks", ("Clerk", "Data Entry Clerk"), "c:office"),
    ]
    for rid, label, alts, cluster in roles:
        g.add(sg.Role(id=rid, label=label, alt_labels=alts, cluster=cluster, level=1))
    for rid, sid in [
        ("r:cashier", "s:till"),
        ("r:cashier", "s:stock"),
        ("r:cashier", "s:complaints"),
        ("r:gaming", "s:till"),
        ("r:rn", "s:nursing"),
        ("r:clerk", "s:excel"),
        ("r:clerk", "s:sql"),
    ]:
        g.require(rid, sid)
    return g


@pytest.fixture(scope="session")
def esco(data: Path) -> sg.SkillGraph:
    """ESCO v1.1.1 (shared: do not modify)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sg.read(data / "esco" / "v1.1.1" / "csv")


@pytest.fixture(scope="session")
def onet(data: Path) -> sg.SkillGraph:
    """O*NET 29.3 (shared: do not modify)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sg.read(data / "onet" / "29.3")
