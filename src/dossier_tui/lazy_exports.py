"""A package's names imported on first use (PEP 562): a warm command that needs one small module
of a package does not pay for the rest of it (the loader's parsers, the analyser, Whoosh)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_exports(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """The module `__getattr__` of PACKAGE: NAME is imported from its submodule HOMES[NAME]."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{home}"), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    return __getattr__
