"""Plain text as copied from a page: decoded exactly as before readers existed."""
from __future__ import annotations

from generator.read.decode import decode
from generator.read.formats.base import Extracted
from generator.records import Markup, Source


class TextReader:
    format: str = "text"
    extensions: tuple[str, ...] = (".txt",)

    def read(self, source: Source) -> Extracted:
        return Extracted(decode(source), Markup())
