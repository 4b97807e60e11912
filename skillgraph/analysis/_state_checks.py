"""Checks that the arrays of a stored analysis index fit its roles and skills."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import InvalidValueError
from ._csr import Csr

__all__ = ["check_shapes"]


def check_shapes(
    arrays: Mapping[str, npt.NDArray[Any]],
    matrices: Mapping[str, Csr],
    profiles: Mapping[str, npt.NDArray[Any] | Csr],
    n_roles: int,
    n_skills: int,
) -> None:
    """Refuse index state whose arrays do not fit its ``n_roles`` roles and ``n_skills`` skills.

    Raises:
        InvalidValueError: a matrix, profile or per-skill / per-role array has another shape.
    """
    want: dict[str, tuple[int, ...]] = {
        "W": (n_roles, n_skills),
        "E": (n_roles, n_skills),
        "B": (n_roles, n_skills),
        "BT": (n_skills, n_roles),
    }
    found: dict[str, tuple[int, ...]] = {name: m.shape for name, m in matrices.items()}
    for name, m in profiles.items():
        shape = tuple(m.shape)
        found[f"profile.{name}"] = shape
        if not isinstance(m, Csr) and m.dtype.kind != "f":
            found[f"profile.{name}"] = (-1,)  # not a matrix of floats: never fits
        want[f"profile.{name}"] = (n_roles, shape[1]) if len(shape) == 2 else (n_roles, -1)
    entries = matrices["W"].data.shape[0] if "W" in matrices else -1
    for name, size in (
        ("rarity", n_skills),
        ("df", n_skills),
        ("totals", n_roles),
        ("importance", entries),
    ):
        if name not in arrays:
            raise InvalidValueError(f"index state lacks array {name!r}", field="arrays")
        found[name] = np.shape(arrays[name])
        want[name] = (size,)
    for name, shape in want.items():
        if found[name] != shape:
            raise InvalidValueError(
                f"index state array {name!r} has shape {found[name]}, expected {shape}",
                field=name,
            )
