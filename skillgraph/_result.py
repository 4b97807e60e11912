"""The base of the library's answers and reports: frozen pydantic models with ``to_json``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Result"]


class Result(BaseModel):
    """A frozen model that refuses unknown fields; ``to_json()`` gives its JSON text."""

    # defer_build: a model's validator and serialiser are built on its first use, not when
    # ``skillgraph.results`` is imported (a first answer builds the few models it returns)
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    def to_json(self, *, indent: int | None = 2) -> str:
        """This result as JSON text."""
        return self.model_dump_json(indent=indent)
