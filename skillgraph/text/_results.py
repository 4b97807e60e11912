"""What matching returns (`TextMatch`, `Phrase`, `TextMatches`) and the argument checks
shared by title and free-text matching."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import InvalidValueError

__all__ = [
    "Field_",
    "Method",
    "Phrase",
    "Rejected",
    "TextMatch",
    "TextMatches",
    "check_k",
    "check_method",
    "check_text",
]

Method = Literal["lexical", "embeddings", "hybrid"]

Field_ = Literal[
    "label",
    "alt_label",
    "hidden_label",
    "label_variant",
    "alt_label_variant",
    "description",
    "embedding",
]

#: filler words of CVs and job ads: never reported as unmatched on their own


class _Spanned(BaseModel):
    """A node a span of a text seemed to name: ``text`` is the span (``start``/``end`` its
    offsets), ``score`` in [0, 1], higher is better."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    label: str
    score: float
    text: str
    start: int
    end: int


class TextMatch(_Spanned):
    """A node named by a free text or a title.

    ``text`` is the span of the query that matched (``start``/``end`` its offsets);
    ``matched`` the label (or description) it matched; ``field`` which one it was;
    ``score`` in [0, 1], higher is better; ``evidence`` short human-readable reasons.
    """

    field: Field_
    matched: str
    evidence: list[str] = Field(default_factory=list)

    def to_json(self, *, indent: int | None = 2) -> str:
        """This match as JSON text."""
        return self.model_dump_json(indent=indent)


class Rejected(_Spanned):
    """A skill the text seemed to name but that is not credited ("did you mean").

    ``text`` is the span of the text (``start``/``end`` its offsets), ``matched`` what it
    was compared with, ``reason`` why it is not credited.
    """

    matched: str
    reason: str


class Phrase(BaseModel):
    """A part of a free text that matched nothing (``start``/``end`` its offsets)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    start: int
    end: int


class TextMatches(list[TextMatch]):
    """The matches of a free text, best first (a list), with what matched nothing.

    Attributes:
        unmatched: the phrases of the text that name no node, in text order.
        rejected: the skills the text seemed to name but that are not credited ("did you
            mean"), each with its reason, in text order.
    """

    def __init__(
        self,
        matches: Iterable[TextMatch] = (),
        unmatched: Iterable[Phrase] = (),
        rejected: Iterable[Rejected] = (),
    ):
        super().__init__(matches)
        self.unmatched: list[Phrase] = list(unmatched)
        self.rejected: list[Rejected] = list(rejected)

    @property
    def ids(self) -> list[str]:
        """The matched ids, best first."""
        return [m.id for m in self]

    def to_json(self, *, indent: int | None = 2) -> str:
        """The matches and unmatched phrases as JSON text."""
        import json

        return json.dumps(
            {
                "matches": [m.model_dump(mode="json") for m in self],
                "unmatched": [p.model_dump(mode="json") for p in self.unmatched],
                "rejected": [r.model_dump(mode="json") for r in self.rejected],
            },
            indent=indent,
            ensure_ascii=False,
        )


def check_k(k: int | None) -> None:
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 0):
        raise InvalidValueError(f"k must be a non-negative integer or None, got {k!r}", field="k")


def check_method(method: object) -> None:
    if method not in ("lexical", "embeddings", "hybrid"):
        raise InvalidValueError(
            f"method must be 'lexical', 'embeddings' or 'hybrid', got {method!r}", field="method"
        )


def check_text(text: object, name: str) -> str:
    if not isinstance(text, str):
        raise InvalidValueError(f"{name} must be a string, got {type(text).__name__}", field=name)
    return text
