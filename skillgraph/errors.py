"""The one exception hierarchy of skillgraph, and its warnings.

Every error the library raises derives from `SkillGraphError`; every warning it
emits derives from `SkillGraphWarning`, so users can filter either with one class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AmbiguousError",
    "CacheWarning",
    "CycleError",
    "DanglingReferenceError",
    "DataWarning",
    "DeprecatedVocabularyWarning",
    "DuplicateIdError",
    "EndpointError",
    "FormatError",
    "IncompleteDataWarning",
    "InvalidValueError",
    "MergeConflictError",
    "NotFoundError",
    "OptionalDependencyError",
    "OutputError",
    "ResourceLimitError",
    "SkillGraphError",
    "SkillGraphWarning",
    "UninterpretedDataWarning",
    "UnsafeInputError",
    "UnsupportedFormatError",
]


class SkillGraphError(Exception):
    """Base class of every error raised by skillgraph."""


class InvalidValueError(SkillGraphError, ValueError):
    """A node or edge field holds a value outside what the model allows.

    Attributes:
        id: the id of the node or edge (``"role -> skill"`` for edges), if known.
        field: the offending field name.
        reason: what is wrong with the value, without the entry and field that the message
            starts with (e.g. ``"must be a number (got '0.5')"``), if the raiser gave it apart;
            otherwise the whole message.
    """

    def __init__(
        self,
        message: str,
        *,
        id: str | None = None,
        field: str | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.id = id
        self.field = field
        self.reason = message if reason is None else reason


class DanglingReferenceError(InvalidValueError):
    """An edge or field refers to a node that is not in the graph."""


class DuplicateIdError(InvalidValueError):
    """A node id is already used in the graph."""


class CycleError(InvalidValueError):
    """A hierarchy or prerequisite edge would close a cycle.

    Attributes:
        cycle: the ids along the cycle, first id repeated at the end.
    """

    def __init__(
        self,
        message: str,
        *,
        cycle: Sequence[str] = (),
        id: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, id=id, field=field)
        self.cycle = list(cycle)


class NotFoundError(SkillGraphError, KeyError):
    """A lookup matched nothing.

    Attributes:
        query: what was looked up.
        suggestions: close matches, best first (``(id, label)`` pairs).
    """

    def __init__(
        self, message: str, *, query: str = "", suggestions: Sequence[tuple[str, str]] = ()
    ) -> None:
        super().__init__(message)
        self.query = query
        self.suggestions = list(suggestions)

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class AmbiguousError(NotFoundError):
    """A lookup matched several nodes equally well; ``suggestions`` lists them."""


class MergeConflictError(SkillGraphError, ValueError):
    """Two graphs being merged declare the same thing differently.

    Attributes:
        conflicts: every conflict found (``skillgraph.MergeConflict`` models: kind, id,
            the ``left`` and ``right`` values, the differing ``fields``).
    """

    def __init__(self, message: str, *, conflicts: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.conflicts = list(conflicts)


class FormatError(SkillGraphError, ValueError):
    """An input file is malformed.

    Attributes:
        source: the file (or ``"<stdin>"``) that was read.
        line: 1-based line or CSV row, when known.
        column: 1-based column, or the CSV column / JSON field name, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | str | None = None,
    ) -> None:
        where = source or "<input>"
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}" if isinstance(column, int) else f", field {column!r}"
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line
        self.column = column
        self.reason = message


class UnsupportedFormatError(FormatError):
    """The format could not be recognised, or cannot be read or written."""


class UnsafeInputError(FormatError):
    """An input asked for network or file access (remote JSON-LD context, external entity)."""


class ResourceLimitError(FormatError):
    """An input exceeds a documented limit (zip expansion, entity expansion, nesting depth)."""


class OutputError(SkillGraphError, OSError):
    """An output file could not be written (disk full, permission denied...).

    Also an ``OSError``. The previous file at that path, if any, is left intact and no
    temporary file remains.

    Attributes:
        path: the file that was being written.
    """

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class OptionalDependencyError(SkillGraphError, ImportError):
    """A feature needs an optional extra that is not installed; the message says which."""


class SkillGraphWarning(UserWarning):
    """Base class of every warning emitted by skillgraph."""


class DataWarning(SkillGraphWarning):
    """Input data is usable but questionable (duplicates, unknown values kept as-is)."""


class IncompleteDataWarning(DataWarning):
    """Input data refers to something it does not define; the rows concerned were skipped."""


class CacheWarning(SkillGraphWarning):
    """The snapshot cache was not used: an unsafe folder, a corrupt snapshot, a full disk.

    The input is then read (and the snapshot rebuilt) as if there were no cache.
    """


class DeprecatedVocabularyWarning(SkillGraphWarning, FutureWarning):
    """An input uses a vocabulary written by an earlier skillgraph version.

    It still reads; write it again to update it (for example, files from before 0.2 bound
    ``esco:`` to ``http://data.europa.eu/esco/`` instead of ESCO's model namespace
    ``http://data.europa.eu/esco/model#``).
    """


class UninterpretedDataWarning(DataWarning):
    """Input in a known vocabulary (ESCO's model, SKOS-XL) that the model does not interpret.

    The triples are kept as extra triples and written back; the message counts them by term.
    """


class EndpointError(SkillGraphError, OSError):
    """A SPARQL endpoint could not be reached, refused a request or answered with an error.

    Attributes:
        url: the endpoint URL the request went to.
        status: the HTTP status code, or None when no HTTP answer came (unreachable, timeout).
    """

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.status = status
