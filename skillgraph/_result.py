"""The base of the library's answers and reports: frozen pydantic models with ``to_json``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Result"]


class Result(BaseModel):
    """A frozen model that refuses unknown fields; ``to_json()`` gives its JSON text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self, *, indent: int | None = 2) -> str:
        """This result as JSON text."""
        return self.model_dump_json(indent=indent)
