"""The commands of the ``skillgraph`` group, each imported when first read.

A warm query imports the module of its own command only (not the learning, release,
workforce or text commands); listing every command (``--help``) imports them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping

import click

__all__ = ["LazyCommands"]


class LazyCommands(MutableMapping[str, click.Command]):
    """Command name -> command, for click's ``Group.commands``: the module defining a
    command (``package.<module>``, attribute of the command's name) is imported on its
    first read; commands added later are kept as given."""

    def __init__(self, package: str, modules: Mapping[str, str]) -> None:
        self._package = package
        self._modules = dict(modules)
        self._loaded: dict[str, click.Command] = {}
        self._names = list(self._modules)

    def __getitem__(self, name: str) -> click.Command:
        found = self._loaded.get(name)
        if found is not None:
            return found
        module = self._modules.get(name)
        if module is None:
            raise KeyError(name)
        command = getattr(importlib.import_module(f"{self._package}.{module}"), name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self._package}.{module}.{name} is not a click command")
        self._loaded[name] = command
        return command

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._modules.pop(name, None)
        self._loaded[name] = command
        if name not in self._names:
            self._names.append(name)

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._modules.pop(name, None)
        self._loaded.pop(name, None)
        self._names.remove(name)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._modules or name in self._loaded
