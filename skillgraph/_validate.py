"""Argument checks shared by the public entry points: each raises InvalidValueError naming
the argument, so misuse never escapes as TypeError, AttributeError or AssertionError.

``bool`` is never accepted where a number is expected (``k=True`` is a mistake, not 1).
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable
from typing import Any, TypeVar, cast

from .errors import InvalidValueError

__all__ = [
    "arguments_checked",
    "check_float",
    "check_int",
    "check_optional_int",
    "check_str",
    "shown",
]


def shown(value: Any) -> str:
    """``value`` for a message: its repr, cut to 80 characters, and its type."""
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{text} ({type(value).__name__})"


def _check_bounds(
    name: str, number: float, given: Any, minimum: float | None, maximum: float | None
) -> None:
    """Raise unless ``minimum <= number <= maximum`` (a None bound is open); the message
    shows the argument as ``given``.

    Raises:
        InvalidValueError: ``number`` is out of bounds (naming ``name``).
    """
    if minimum is not None and number < minimum:
        raise InvalidValueError(f"{name} must be at least {minimum}, got {given}", field=name)
    if maximum is not None and number > maximum:
        raise InvalidValueError(f"{name} must be at most {maximum}, got {given}", field=name)


def check_int(
    name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """``value`` if it is an ``int`` (not a bool) within the bounds.

    Raises:
        InvalidValueError: another type, or out of bounds (naming ``name``).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(f"{name} must be a whole number, got {shown(value)}", field=name)
    _check_bounds(name, value, value, minimum, maximum)
    return value


def check_optional_int(
    name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """``value`` if it is None or an ``int`` within the bounds (see `check_int`)."""
    return None if value is None else check_int(name, value, minimum=minimum, maximum=maximum)


def check_float(
    name: str, value: Any, *, minimum: float | None = None, maximum: float | None = None
) -> float:
    """``value`` as a float if it is a finite int or float (not a bool) within the bounds.

    Raises:
        InvalidValueError: another type, NaN or infinite, or out of bounds.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(f"{name} must be a number, got {shown(value)}", field=name)
    number = float(value)
    if not math.isfinite(number):
        raise InvalidValueError(f"{name} must be a finite number, got {value!r}", field=name)
    _check_bounds(name, number, value, minimum, maximum)
    return number


def check_str(name: str, value: Any, *, empty: bool = False) -> str:
    """``value`` if it is a ``str`` (non-blank unless ``empty``).

    Raises:
        InvalidValueError: another type, or blank.
    """
    if not isinstance(value, str):
        raise InvalidValueError(f"{name} must be a string, got {shown(value)}", field=name)
    if not empty and not value.strip():
        raise InvalidValueError(f"{name} must be a non-empty string", field=name)
    return value


def check_bool(name: str, value: Any) -> bool:
    """``value`` if it is True or False.

    Raises:
        InvalidValueError: another value (``1``, ``"no"``, None).
    """
    if not isinstance(value, bool):
        raise InvalidValueError(f"{name} must be True or False, got {shown(value)}", field=name)
    return value


_F = TypeVar("_F", bound=Callable[..., Any])


def arguments_checked(fn: _F) -> _F:
    """``fn``, raising InvalidValueError (naming the function) for a call its signature
    does not accept (a missing or unknown argument), instead of TypeError."""
    sig = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not _accepts(sig, args, kwargs):
            try:
                sig.bind(*args, **kwargs)
            except TypeError as exc:
                raise InvalidValueError(f"{fn.__name__}(): {exc}", field=fn.__name__) from None
        return fn(*args, **kwargs)

    return cast(_F, wrapper)


def _accepts(sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    try:
        sig.bind(*args, **kwargs)
    except TypeError:
        return False
    return True
