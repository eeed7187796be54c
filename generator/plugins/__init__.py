"""MkDocs plugins this package registers (pyproject.toml): they run inside the engine, apart from the pipeline."""
