"""sg.SparqlEndpoint against a live Oxigraph server on 127.0.0.1, a server that is down, and
small local HTTP servers answering with errors, malformed results, redirects or nothing."""

from __future__ import annotations

import base64
import http.server
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import skillgraph as sg
from tests._oxigraph import free_port, oxigraph_server

from .test_esco_rdf import OCC, SK, real_esco_turtle

M = "http://data.europa.eu/esco/model#"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        if url is None:
            pytest.skip(
                "the oxigraph server (PyPI package 'oxigraph', dev extra) is not installed "
                "or did not start"
            )
        yield url


def _esco() -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return sg.loads(real_esco_turtle(), "turtle")


def test_write_and_read_with_query_and_update(server: str) -> None:
    g = _esco()
    ep = sg.SparqlEndpoint(f"{server}/query", update_url=f"{server}/update", timeout=30)
    ep.write(g)
    assert ep.requests == 1
    back = ep.read()
    assert ep.requests == 2
    assert back == g, g.diff(back)
    rows = ep.query(
        f"SELECT ?role WHERE {{ ?role a <{M}Occupation> ; <{M}relatedEssentialSkill> <{SK}py> }}"
        " ORDER BY ?role"
    )
    assert rows == [{"role": OCC + "dev"}, {"role": OCC + "jun"}]
    assert ep.query(f"ASK {{ <{OCC}dev> ?p ?o }}") is True
    triples = ep.query(f"CONSTRUCT {{ <{OCC}dev> a ?t }} WHERE {{ <{OCC}dev> a ?t }}")
    assert isinstance(triples, list) and triples
    assert {t[0] for t in triples} == {f"<{OCC}dev>"}
    # written again: replaced, not doubled
    ep.write(g)
    assert ep.read() == g
    assert ep.read(language="en").roles[OCC + "dev"].translations == {}


def test_write_and_read_with_the_graph_store_protocol(server: str) -> None:
    g = _esco()
    demo = sg.load("demo")
    ep = sg.SparqlEndpoint(f"{server}/query", store_url=f"{server}/store")
    ep.write(demo, graph_name="urn:graph:demo")
    ep.write(g, graph_name="urn:graph:esco")
    assert ep.read(graph="urn:graph:demo") == demo
    assert ep.read(graph="urn:graph:esco") == g
    ep.write(demo, graph_name="urn:graph:demo")  # PUT replaces
    assert ep.read(graph="urn:graph:demo") == demo
    # the same named graph through the query service
    assert sg.SparqlEndpoint(f"{server}/query").read(graph="urn:graph:esco") == g


def test_named_graph_through_update(server: str) -> None:
    demo = sg.load("demo")
    ep = sg.SparqlEndpoint(f"{server}/query", update_url=f"{server}/update")
    ep.write(demo, graph_name="urn:graph:upd")
    assert ep.read(graph="urn:graph:upd") == demo
    with pytest.raises(sg.InvalidValueError, match="graph"):
        ep.write(demo, graph_name="not an iri")


def test_http_error_from_the_live_server(server: str) -> None:
    ep = sg.SparqlEndpoint(f"{server}/query")
    with pytest.raises(sg.EndpointError) as err:
        ep.query("SELEC * WHERE {}")
    assert err.value.status == 400 and "HTTP 400" in str(err.value)
    with pytest.raises(sg.EndpointError) as err:
        sg.SparqlEndpoint(f"{server}/no-such-service").read()
    assert err.value.status == 404
    with pytest.raises(sg.InvalidValueError, match="update_url"):
        ep.write(sg.load("demo"))


def test_server_that_is_down() -> None:
    port = free_port()  # nothing listens there
    ep = sg.SparqlEndpoint(f"http://127.0.0.1:{port}/query", timeout=5)
    t = time.monotonic()
    with pytest.raises(sg.EndpointError, match="cannot reach") as err:
        ep.read()
    assert err.value.status is None and err.value.url.endswith("/query")
    assert isinstance(err.value, sg.SkillGraphError) and isinstance(err.value, OSError)
    assert time.monotonic() - t < 5
    assert ep.requests == 1


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []  # noqa: RUF012 - shared by the test server's handlers

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        type(self).seen.append(dict(self.headers.items()))
        path = self.path.split("?")[0]
        if path == "/error":
            self._send(500, "text/plain", b"internal trouble: the database is locked")
        elif path == "/not-json":
            self._send(200, "application/sparql-results+json", b"{ not json")
        elif path == "/bad-shape":
            self._send(200, "application/sparql-results+json", b'{"head": {}}')
        elif path == "/html":
            self._send(200, "text/html", b"<html>login page</html>")
        elif path == "/bad-rdf":
            self._send(200, "application/n-triples", b"<urn:a> <urn:b> .\n")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/slow":
            time.sleep(3)
            self._send(200, "application/n-triples", b"")
        else:
            self._send(200, "application/sparql-results+json", b'{"boolean": true}')

    def _send(self, code: int, media: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer  # noqa: N815
    do_POST = _answer  # noqa: N815
    do_PUT = _answer  # noqa: N815


@pytest.fixture(scope="module")
def local() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def test_http_error_status_is_reported(local: str) -> None:
    with pytest.raises(sg.EndpointError, match=r"HTTP 500.*database is locked") as err:
        sg.SparqlEndpoint(f"{local}/error").query("ASK {}")
    assert err.value.status == 500


def test_malformed_results_are_format_errors(local: str) -> None:
    with pytest.raises(sg.FormatError, match="not JSON"):
        sg.SparqlEndpoint(f"{local}/not-json").query("SELECT * {}")
    with pytest.raises(sg.FormatError, match="malformed SPARQL results"):
        sg.SparqlEndpoint(f"{local}/bad-shape").query("SELECT * {}")
    with pytest.raises(sg.FormatError, match="text/html, not RDF"):
        sg.SparqlEndpoint(f"{local}/html").read()
    with pytest.raises(sg.FormatError, match="bad-rdf"):
        sg.SparqlEndpoint(f"{local}/bad-rdf").read()


def test_redirects_are_not_followed(local: str) -> None:
    with pytest.raises(sg.EndpointError, match=r"redirected to http://127\.0\.0\.1:1/elsewhere"):
        sg.SparqlEndpoint(f"{local}/redirect").read()


def test_timeout(local: str) -> None:
    t = time.monotonic()
    with pytest.raises(sg.EndpointError, match=r"no answer within 0\.5 s"):
        sg.SparqlEndpoint(f"{local}/slow", timeout=0.5).read()
    assert time.monotonic() - t < 2.5


def test_authentication_by_header_and_netrc(local: str, tmp_path: Path) -> None:
    _Handler.seen.clear()
    ep = sg.SparqlEndpoint(f"{local}/ask", headers={"Authorization": "Bearer s3cret"})
    assert ep.query("ASK {}") is True
    assert _Handler.seen[-1]["Authorization"] == "Bearer s3cret"
    rc = tmp_path / "netrc"
    rc.write_text("machine 127.0.0.1 login ana password pw\n")
    rc.chmod(0o600)
    assert sg.SparqlEndpoint(f"{local}/ask", netrc=rc).query("ASK {}") is True
    token = base64.b64encode(b"ana:pw").decode()
    assert _Handler.seen[-1]["Authorization"] == f"Basic {token}"
    with pytest.raises(sg.InvalidValueError, match="netrc"):
        sg.SparqlEndpoint(f"{local}/ask", netrc=tmp_path / "missing")


def test_arguments_are_validated() -> None:
    with pytest.raises(sg.InvalidValueError, match="query_url"):
        sg.SparqlEndpoint("file:///etc/passwd")
    with pytest.raises(sg.InvalidValueError, match="update_url"):
        sg.SparqlEndpoint("http://127.0.0.1:1/q", update_url="ftp://x/")
    with pytest.raises(sg.InvalidValueError, match="timeout"):
        sg.SparqlEndpoint("http://127.0.0.1:1/q", timeout=0)
    with pytest.raises(sg.InvalidValueError, match="query"):
        sg.SparqlEndpoint("http://127.0.0.1:1/q").query(None)  # type: ignore[arg-type]
