"""What a learner accepts of learning resources (`Preferences`), re-exported by
``skillgraph.learning.planning``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator

from .._result import Result as _Model
from .._validate import shown
from ..errors import InvalidValueError
from ..model import first_error
from .resources import Delivery, LearningResource, ResourceKind

__all__ = ["Preferences", "preferences_of", "same_language"]


def same_language(have: str, wanted: str) -> bool:
    """Whether a resource in language ``have`` fits a learner asking for ``wanted``: the
    same tag whatever the case, or one the primary language of the other (``en`` and
    ``en-GB``; never two regions, ``en-GB`` and ``en-US``)."""
    a, b = have.strip().lower(), wanted.strip().lower()
    return a == b or a.split("-", 1)[0] == b or b.split("-", 1)[0] == a


class Preferences(_Model):
    """What a learner accepts: kinds, deliveries and languages (empty: any), a budget,
    resources to leave out, and what a resource costs them (``weight``: hours or cost).

    A language accepts resources in it whatever the case, and in its regional forms or
    the language they are forms of (``en`` accepts ``EN`` and ``en-GB``; ``en-GB``
    accepts ``en``, not ``en-US``)."""

    kinds: frozenset[ResourceKind] = frozenset()
    delivery: frozenset[Delivery] = frozenset()
    languages: frozenset[str] = frozenset()
    budget: float | None = Field(default=None, ge=0, description="most money to spend")
    exclude: frozenset[str] = frozenset()
    weight: Literal["hours", "cost"] = "hours"

    def __init__(self, **data: Any) -> None:
        """Validate and freeze the fields.

        Raises:
            InvalidValueError: a field is invalid (``field`` names it).
        """
        try:
            super().__init__(**data)
        except ValidationError as exc:
            field, msg = first_error(exc)
            raise InvalidValueError(
                f"Preferences: field {field!r}: {msg}", field=field, reason=msg
            ) from None

    @field_validator("kinds", "delivery", mode="before")
    @classmethod
    def _normalise(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, Iterable):
            return [
                "-".join(v.strip().lower().replace("_", " ").split()) if isinstance(v, str) else v
                for v in value
            ]
        return value

    @field_validator("languages", "exclude", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def accepts(self, r: LearningResource) -> bool:
        """Whether ``r`` fits these preferences (the budget aside)."""
        return (
            r.id not in self.exclude
            and (not self.kinds or r.kind in self.kinds)
            and (not self.delivery or r.delivery in self.delivery)
            and (not self.languages or any(same_language(r.language, t) for t in self.languages))
        )


def preferences_of(value: Any) -> Preferences:
    """``value`` (None, a `Preferences` or its fields as a dict) as `Preferences`.

    Raises:
        InvalidValueError: ``value`` is none of these, or a field is invalid (``field``
            names it, as ``preferences.<field>``).
    """
    if value is None:
        return Preferences()
    if isinstance(value, Preferences):
        return value
    if isinstance(value, dict):
        try:
            return Preferences(**{str(k): v for k, v in value.items()})
        except InvalidValueError as exc:
            where = f"preferences.{exc.field}"
            raise InvalidValueError(
                f"{where}: {exc.reason}", field=where, reason=exc.reason
            ) from None
    raise InvalidValueError(
        f"preferences must be a Preferences or a dict, got {shown(value)}", field="preferences"
    )
