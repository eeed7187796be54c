"""The readers' one small interface and the record every reader returns."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from generator.errors import ContentError, Problem
from generator.records import Decoded, Markup, Source


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a reader returns: the report's text, decoded (lines numbered as the
    file's own lines or pages allow), and what the file's structure states."""

    decoded: Decoded
    markup: Markup = Markup()


class Reader(Protocol):
    """A reader declares the extensions it takes and turns a source into an
    Extracted; it raises ContentError (one line naming the file and what to do)
    for a file it cannot read."""

    format: str
    extensions: tuple[str, ...]

    def read(self, source: Source) -> Extracted: ...


def refuse(source: Source, message: str, line: int | None = None) -> ContentError:
    return ContentError(Problem(source.path, line, message))


def numbered_text(lines: list[tuple[int, str]]) -> str:
    """Lines placed at their numbers (each at least one below the last), so that
    the stages after decoding, which number lines as in the file, point at the
    place in the publisher's file (an HTML source line, a PDF's running line).
    Text of a line may not hold line breaks."""
    out: list[str] = []
    for number, text in lines:
        if number > len(out) + 1:
            out.extend([""] * (number - len(out) - 1))
        out.append(text)
    return "\n".join(out) + "\n"
