"""MkDocs plugins this package registers (pyproject.toml): they run inside the engine, apart from the pipeline.

Importing this package chooses the engine (generator/engine.py) before the
plugins import `mkdocs`, so that on ProperDocs they subclass its classes.
"""
from generator.engine import ENGINE

__all__ = ["ENGINE"]
