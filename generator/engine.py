"""Which engine renders the site: MkDocs 1.6 or ProperDocs, its drop-in continuation.

MkDocs 1.6.1 is the last 1.x release and Material for MkDocs reaches its end of
life on 2027-05-05 (README, "Engine"). ProperDocs keeps MkDocs 1.x's modules
under its own name and ships `properdocs.replacement`, which makes every later
`import mkdocs…` load the ProperDocs module instead; Material and this package's
plugins then run on it unchanged. The choice must be made before anything
imports mkdocs, so the plugins package (the first of our modules to import it)
makes it on import.

The setting is the environment variable FAZHI_ENGINE (`mkdocs` or `properdocs`);
without it, MkDocs where it is installed, else ProperDocs.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys

ENGINES = ("mkdocs", "properdocs")


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


class EngineError(SystemExit):
    """A wrong engine setting: one line on stderr and exit status 1, raised while
    modules are still being imported, before any command can report it."""

    def __init__(self, message: str):
        super().__init__(f"error: {message}")


def select_engine() -> str:
    """The engine's name, with its modules answering to `mkdocs`."""
    wanted = os.environ.get("FAZHI_ENGINE", "").strip().lower()
    if wanted and wanted not in ENGINES:
        raise EngineError(f"FAZHI_ENGINE={wanted!r} is not an engine: use one of {', '.join(ENGINES)}, or unset it")
    name = wanted or ("mkdocs" if _installed("mkdocs") else "properdocs")
    if not _installed(name):
        raise EngineError(f"the {name} engine is not installed: pip install {name} (or set FAZHI_ENGINE to one that is)")
    if name == "properdocs":
        real = sys.modules.get("mkdocs")
        if real is not None and getattr(real, "__name__", "") != "properdocs":
            raise EngineError("MkDocs was imported before the engine was chosen: set FAZHI_ENGINE before starting fazhi")
        importlib.import_module("properdocs.replacement")
    return name


ENGINE = select_engine()
