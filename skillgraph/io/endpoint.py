"""SPARQL 1.1 endpoints: read a skills graph from one, write one to it, run queries.

`SparqlEndpoint` speaks the SPARQL 1.1 Protocol (query and update, over HTTP POST)
and, where a store URL is given, the Graph Store HTTP Protocol (GET / PUT / POST of a whole
graph). Only the standard library's ``urllib`` is used.

- Reading asks for N-Triples (``CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }``, or a Graph
  Store GET) and builds the graph with the RDF reader, so ESCO's own shapes and the
  language filter work as for files.
- Writing sends the graph's N-Triples in one request: a Graph Store PUT (replace) or POST
  (add), else one SPARQL Update ``CLEAR SILENT ... ; INSERT DATA { ... }`` (atomic on
  servers that run an update request as one transaction).
- Authentication: extra ``headers`` (for example ``{"Authorization": "Bearer ..."}``), or
  HTTP basic credentials for the endpoint's host from a netrc file (``netrc=True`` for
  ``~/.netrc`` / ``$NETRC``, or a path).
- Every request has a timeout; redirects are not followed (an error names the target), so
  a request never goes anywhere but the URL given.

Errors: `skillgraph.errors.EndpointError` when the endpoint cannot be reached,
times out or answers with an HTTP error status (with the status and the start of the
server's message); `skillgraph.errors.FormatError` when the answer is malformed.
"""

from __future__ import annotations

import base64
import json
import netrc as netrc_module
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from ..errors import EndpointError, FormatError, InvalidValueError
from ._source import Source

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from .rdf._entry import GraphOptions
    from .store import QueryResult

__all__ = ["SparqlEndpoint"]

_NT = "application/n-triples"
_RESULTS_JSON = "application/sparql-results+json"
_ACCEPT_RDF = f"{_NT}, text/turtle;q=0.9, application/rdf+xml;q=0.5, application/ld+json;q=0.5"
_RDF_TYPES = {
    _NT: "ntriples",
    "text/plain": "ntriples",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
}
#: Bytes of a server's error message quoted in an EndpointError.
_ERROR_EXCERPT = 300


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> None:
        raise EndpointError(
            f"HTTP {code}: redirected to {newurl}; give that URL instead (redirects are not "
            "followed)",
            url=req.full_url,
            status=code,
        )


def _opener() -> urllib.request.OpenerDirector:
    # no proxy handler from the environment either: a request goes to the URL given
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def _check_url(url: str | None, field: str) -> str | None:
    if url is None:
        return None
    if not isinstance(url, str):
        raise InvalidValueError(f"{field} must be a URL string, got {url!r}", field=field)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidValueError(f"{field} must be an http(s) URL, got {url!r}", field=field)
    return url


class SparqlEndpoint:
    """A SPARQL 1.1 endpoint to read skills graphs from and write them to.

    Args:
        query_url: the query service (``.../sparql`` or ``.../query``).
        update_url: the update service, needed to write without ``store_url``.
        store_url: a Graph Store HTTP Protocol service (``.../store``); used for reading
            and writing whole graphs when given.
        headers: extra HTTP headers sent with every request (authentication tokens...).
        netrc: True to take basic-auth credentials for each URL's host from ``~/.netrc``
            (or ``$NETRC``), or the path of a netrc file.
        timeout: seconds to wait for a connection and for each read from it.

    Raises:
        InvalidValueError: a URL is not http(s), ``timeout`` is not positive, or the netrc
            file cannot be read.
    """

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        store_url: str | None = None,
        headers: Mapping[str, str] | None = None,
        netrc: bool | str | Path = False,
        timeout: float = 60.0,
    ) -> None:
        self.query_url = _check_url(query_url, "query_url")
        self.update_url = _check_url(update_url, "update_url")
        self.store_url = _check_url(store_url, "store_url")
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise InvalidValueError(
                f"timeout must be a positive number, got {timeout!r}", field="timeout"
            )
        self.timeout = float(timeout)
        self.headers = {str(k): str(v) for k, v in (headers or {}).items()}
        self._netrc: netrc_module.netrc | None = None
        if netrc:
            path = (
                Path(netrc)
                if not isinstance(netrc, bool)
                else Path(os.environ.get("NETRC") or Path.home() / ".netrc")
            )
            try:
                self._netrc = netrc_module.netrc(str(path))
            except (OSError, netrc_module.NetrcParseError) as exc:
                raise InvalidValueError(
                    f"cannot read the netrc file {path}: {exc}", field="netrc"
                ) from None
        self.requests = 0  # requests sent (for callers keeping count)

    def __repr__(self) -> str:
        return f"<skillgraph.SparqlEndpoint {self.query_url}>"

    # ------------------------------------------------------------------ HTTP
    def _auth(self, url: str) -> dict[str, str]:
        if self._netrc is None:
            return {}
        host = urllib.parse.urlsplit(url).hostname or ""
        found = self._netrc.authenticators(host)
        if found is None:
            return {}
        login, _account, password = found
        token = base64.b64encode(f"{login}:{password or ''}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}

    def _request(
        self,
        url: str,
        *,
        method: str = "GET",
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
    ) -> tuple[bytes, str]:
        """Send one request; the answer's body and media type (lower case, no parameters).

        Raises:
            EndpointError: unreachable, timed out, redirected or an HTTP error status.
        """
        headers = {"User-Agent": "skillgraph"}
        if accept:
            headers["Accept"] = accept
        if content_type:
            headers["Content-Type"] = content_type
        headers.update(self._auth(url))
        headers.update(self.headers)
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        self.requests += 1
        try:
            with _opener().open(req, timeout=self.timeout) as resp:
                data = resp.read()
                media = (resp.headers.get_content_type() or "").lower()
        except urllib.error.HTTPError as exc:
            try:
                detail = exc.read(_ERROR_EXCERPT * 4).decode("utf-8", "replace").strip()
            except (OSError, ValueError):
                detail = ""
            finally:
                exc.close()
            detail = " ".join(detail.split())[:_ERROR_EXCERPT]
            raise EndpointError(
                f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else ""),
                url=url,
                status=exc.code,
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise EndpointError(f"no answer within {self.timeout:g} s", url=url) from None
            raise EndpointError(f"cannot reach the endpoint: {reason}", url=url) from None
        except TimeoutError:
            raise EndpointError(f"no answer within {self.timeout:g} s", url=url) from None
        except (OSError, ValueError) as exc:  # connection reset, bad status line...
            raise EndpointError(f"the connection failed: {exc}", url=url) from None
        return data, media

    def _store_target(self, graph: str | None) -> str:
        assert self.store_url is not None
        query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
        sep = "&" if "?" in self.store_url else "?"
        return f"{self.store_url}{sep}{query}"

    # ------------------------------------------------------------------ queries
    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query on the endpoint, with the result shapes of ``Store.query``.

        Raises:
            InvalidValueError: ``sparql`` is not a string.
            EndpointError: see the class.
            FormatError: the answer is not a valid SPARQL result.
        """
        if not isinstance(sparql, str):
            raise InvalidValueError(
                f"the query must be a string, got {type(sparql).__name__}", field="sparql"
            )
        assert self.query_url is not None
        data, media = self._request(
            self.query_url,
            method="POST",
            body=urllib.parse.urlencode({"query": sparql}).encode("utf-8"),
            content_type="application/x-www-form-urlencoded",
            accept=f"{_RESULTS_JSON}, {_ACCEPT_RDF}",
        )
        if media in _RDF_TYPES:
            return [
                (str(t.subject), str(t.predicate), str(t.object))
                for t in self._triples(data, media)
            ]
        return _parse_results(data, self.query_url)

    def _triples(self, data: bytes, media: str) -> Iterable[Any]:
        import pyoxigraph as ox

        fmt = {"ntriples": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE}.get(
            _RDF_TYPES[media]
        )
        if fmt is None:
            raise FormatError(
                f"unexpected answer type {media} for a CONSTRUCT query", source=self.query_url
            )
        try:
            return [q.triple for q in ox.parse(data, format=fmt)]
        except SyntaxError as exc:
            raise FormatError(
                f"malformed RDF in the answer: {exc}", source=self.query_url
            ) from None

    # ------------------------------------------------------------------ graphs
    def read(self, *, graph: str | None = None, **options: Unpack[GraphOptions]) -> SkillGraph:
        """The skills graph in the endpoint's default graph (or the named ``graph``).

        ``options``: ``cluster_level``, ``language`` and ``languages``, as for
        `skillgraph.read`.

        Raises:
            EndpointError: see the class.
            FormatError: the answer is malformed or does not describe a valid graph.
        """
        from . import rdf

        if self.store_url is not None:
            url = self._store_target(graph)
            data, media = self._request(url, accept=_ACCEPT_RDF)
        else:
            assert self.query_url is not None
            where = (
                "{ ?s ?p ?o }" if graph is None else f"{{ GRAPH <{_iri(graph)}> {{ ?s ?p ?o }} }}"
            )
            url = self.query_url
            data, media = self._request(
                url,
                method="POST",
                body=urllib.parse.urlencode(
                    {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {where}"}
                ).encode("utf-8"),
                content_type="application/x-www-form-urlencoded",
                accept=_ACCEPT_RDF,
            )
        syntax = _RDF_TYPES.get(media)
        if syntax is None:
            raise FormatError(f"the answer is {media or 'untyped'}, not RDF", source=url)
        reader = {
            "ntriples": rdf.read_ntriples,
            "turtle": rdf.read_turtle,
            "rdfxml": rdf.read_rdfxml,
            "jsonld": rdf.read_jsonld,
        }[syntax]
        return reader(Source(name=url, data=data), **options)

    def write(
        self,
        graph: SkillGraph,
        *,
        graph_name: str | None = None,
        replace: bool = True,
        cluster_level: int | None = None,
    ) -> None:
        """Write ``graph`` to the endpoint's default graph (or the named ``graph_name``).

        ``replace`` (default) replaces that graph's content; otherwise the triples are
        added to it. One request: a Graph Store PUT/POST when ``store_url`` is set, else a
        SPARQL Update to ``update_url``.

        Raises:
            InvalidValueError: no ``store_url`` nor ``update_url``, or ``graph_name`` is
                not an IRI.
            EndpointError: see the class.
        """
        from .rdf._ntriples import nt_bytes

        target = _iri(graph_name) if graph_name is not None else None
        body = nt_bytes(graph, cluster_level)
        if self.store_url is not None:
            self._request(
                self._store_target(target),
                method="PUT" if replace else "POST",
                body=body,
                content_type=_NT,
            )
            return
        if self.update_url is None:
            raise InvalidValueError(
                "writing needs update_url (SPARQL Update) or store_url (Graph Store Protocol)",
                field="update_url",
            )
        into = "DEFAULT" if target is None else f"GRAPH <{target}>"
        head = f"CLEAR SILENT {into} ;\n" if replace else ""
        open_, close = ("", "") if target is None else (f"GRAPH <{target}> {{\n", "}\n")
        update = f"{head}INSERT DATA {{\n{open_}".encode() + body + f"{close}}}\n".encode()
        self._request(
            self.update_url, method="POST", body=update, content_type="application/sparql-update"
        )


def _iri(value: str) -> str:
    import pyoxigraph as ox

    try:
        return str(ox.NamedNode(value).value)
    except (TypeError, ValueError):
        raise InvalidValueError(f"graph must be an IRI, got {value!r}", field="graph") from None


def _parse_results(data: bytes, url: str) -> QueryResult:
    """SPARQL 1.1 JSON results -> rows (or a bool).

    Raises:
        FormatError: not SPARQL JSON results.
    """
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FormatError(f"malformed SPARQL results (not JSON): {exc}", source=url) from None
    if isinstance(doc, dict) and isinstance(doc.get("boolean"), bool):
        return bool(doc["boolean"])
    try:
        names = doc["head"]["vars"]
        bindings = doc["results"]["bindings"]
        rows: list[dict[str, str | None]] = []
        for b in bindings:
            row: dict[str, str | None] = {}
            for n in names:
                cell = b.get(n)
                if cell is None:
                    row[n] = None
                elif cell["type"] == "bnode":
                    row[n] = "_:" + str(cell["value"])
                else:
                    row[n] = str(cell["value"])
            rows.append(row)
    except (KeyError, TypeError, AttributeError) as exc:
        raise FormatError(
            f"malformed SPARQL results: missing or invalid {exc}", source=url
        ) from None
    return rows
