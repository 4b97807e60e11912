"""Unsafe RDF input is refused without any network or file access."""

from __future__ import annotations

import builtins
import io
import json
import re
import socket
import urllib.request
from pathlib import Path
from typing import Any

import pytest

import skillgraph as sg
from skillgraph.io import rdf
from skillgraph.io._source import Source


@pytest.fixture
def no_io(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every network access and every file open fail loudly; return what was tried."""
    tried: list[str] = []

    def refuse_net(*args: Any, **kwargs: Any) -> Any:
        tried.append(f"network {args!r}")
        raise AssertionError(f"network access attempted: {args!r}")

    def refuse_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        tried.append(f"open {file!r}")
        raise AssertionError(f"file access attempted: {file!r}")

    monkeypatch.setattr(socket, "create_connection", refuse_net)
    monkeypatch.setattr(socket.socket, "connect", refuse_net)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_net)
    monkeypatch.setattr(urllib.request, "urlopen", refuse_net)
    monkeypatch.setattr(builtins, "open", refuse_open)
    monkeypatch.setattr(io, "open", refuse_open)
    monkeypatch.setattr(Path, "open", refuse_open)
    return tried


def _src(data: bytes) -> Source:
    return Source(name="<test>", data=data)


REMOTE_JSONLD = json.dumps(
    {
        "@context": "https://evil.example.org/context.jsonld",
        "@id": "http://x/a",
        "name": "a",
    }
).encode()

NESTED_REMOTE_JSONLD = json.dumps(
    {
        "@context": {"skos": "http://www.w3.org/2004/02/skos/core#"},
        "@graph": [{"@context": ["https://evil.example.org/nested"], "@id": "http://x/b"}],
    }
).encode()

EXTERNAL_ENTITY_XML = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:skos="http://www.w3.org/2004/02/skos/core#">
  <rdf:Description rdf:about="http://x/a"><skos:prefLabel>&secret;</skos:prefLabel></rdf:Description>
</rdf:RDF>
"""

EXTERNAL_DTD_XML = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF SYSTEM "http://evil.example.org/rdf.dtd">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>
"""

PARAMETER_ENTITY_XML = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY % remote SYSTEM "http://evil.example.org/x.dtd"> %remote; ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>
"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:skos="http://www.w3.org/2004/02/skos/core#">
  <rdf:Description rdf:about="http://x/a"><skos:prefLabel>&lol2;</skos:prefLabel></rdf:Description>
</rdf:RDF>
"""


def test_remote_jsonld_context_is_refused(no_io: list[str]) -> None:
    with pytest.raises(
        sg.UnsafeInputError, match=re.escape("https://evil.example.org/context.jsonld")
    ):
        rdf.read_jsonld(_src(REMOTE_JSONLD))
    assert no_io == []


def test_nested_remote_context_is_refused(no_io: list[str]) -> None:
    with pytest.raises(sg.UnsafeInputError, match=re.escape("evil.example.org/nested")):
        rdf.read_jsonld(_src(NESTED_REMOTE_JSONLD))
    assert no_io == []


def test_import_in_context_is_refused(no_io: list[str]) -> None:
    doc = {"@context": {"@import": "https://evil.example.org/i"}, "@id": "http://x/a"}
    with pytest.raises(sg.UnsafeInputError, match=re.escape("evil.example.org/i")):
        rdf.read_jsonld(_src(json.dumps(doc).encode()))


def test_local_document_loader_is_an_explicit_opt_in(no_io: list[str]) -> None:
    asked: list[str] = []

    def loader(url: str) -> dict[str, Any]:
        asked.append(url)
        return {
            "@context": {
                "label": "http://www.w3.org/2004/02/skos/core#prefLabel",
                "esco": "http://data.europa.eu/esco/",
            }
        }

    doc = {
        "@context": "https://example.org/ctx",
        "@id": "http://x/s",
        "@type": "esco:Skill",
        "label": {"@value": "S", "@language": "en"},
    }
    g = rdf.read_jsonld(_src(json.dumps(doc).encode()), document_loader=loader)
    assert asked == ["https://example.org/ctx"]
    assert g.skills["http://x/s"].label == "S"
    assert no_io == []


def test_rdfxml_external_entity_is_refused(no_io: list[str]) -> None:
    with pytest.raises(sg.UnsafeInputError, match=re.escape("file:///etc/passwd")) as err:
        rdf.read_rdfxml(_src(EXTERNAL_ENTITY_XML))
    assert err.value.line == 3
    assert no_io == []


def test_rdfxml_external_dtd_is_refused(no_io: list[str]) -> None:
    with pytest.raises(sg.UnsafeInputError, match=re.escape("evil.example.org/rdf.dtd")):
        rdf.read_rdfxml(_src(EXTERNAL_DTD_XML))


def test_rdfxml_parameter_entity_is_refused(no_io: list[str]) -> None:
    with pytest.raises(sg.UnsafeInputError):
        rdf.read_rdfxml(_src(PARAMETER_ENTITY_XML))


def test_billion_laughs_is_refused(no_io: list[str]) -> None:
    with pytest.raises(sg.ResourceLimitError, match="nested entity expansion"):
        rdf.read_rdfxml(_src(LAUGHS))
    assert no_io == []


def test_refusal_also_through_sg_read(no_io: list[str]) -> None:
    with pytest.raises(sg.UnsafeInputError):
        sg.loads(EXTERNAL_ENTITY_XML, "rdfxml")
    with pytest.raises(sg.UnsafeInputError):
        sg.loads(REMOTE_JSONLD, "jsonld")


def test_simple_internal_entities_are_allowed(no_io: list[str]) -> None:
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY esco "http://data.europa.eu/esco/"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:skos="http://www.w3.org/2004/02/skos/core#">
  <rdf:Description rdf:about="http://x/a">
    <rdf:type rdf:resource="&esco;Skill"/><skos:prefLabel xml:lang="en">A</skos:prefLabel>
  </rdf:Description>
</rdf:RDF>
"""
    g = rdf.read_rdfxml(_src(xml))
    assert g.skills["http://x/a"].label == "A"


def test_writing_json_ld_uses_a_local_context_only() -> None:
    demo_like = sg.SkillGraph(prefixes={"x": "http://example.org/x/"})
    demo_like.add(sg.Skill(id="x:a", label="A"))
    doc = json.loads(sg.dumps(demo_like, "jsonld"))
    assert isinstance(doc["@context"], dict)
    assert doc["@context"]["x"] == "http://example.org/x/"
    assert doc["@graph"][-1]["@id"] == "x:a"
