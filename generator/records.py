"""Typed, immutable records passed between the pipeline's stages.

decode: Source -> Decoded; clean: Decoded -> Cleaned; parse: Cleaned -> Document;
describe: Document + Sidecar -> Metadata; the build assembles a Report from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Origin = Literal["text", "sidecar", "derived"]
Severity = Literal["info", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One cleaning step or observation, with how often it applied."""

    code: str
    message: str  # Simplified Chinese: shown to readers on the report page
    count: int = 1
    severity: Severity = "info"


@dataclass(frozen=True)
class Source:
    """A report as the publisher committed it: bytes untouched."""

    slug: str
    path: Path
    raw: bytes
    sidecar_path: Path | None


@dataclass(frozen=True)
class Decoded:
    source: Source
    text: str
    encoding: str


@dataclass(frozen=True)
class Line:
    """A line of cleaned text and the line number it had in the original file."""

    number: int
    text: str


@dataclass(frozen=True)
class Cleaned:
    source: Source
    encoding: str
    lines: tuple[Line, ...]
    # Metadata the cleaner lifted out of chrome and publication lines.
    page_title: str | None = None
    published: str | None = None  # ISO date from a 发布日期 line
    source_office: str | None = None  # 来源 or 主办
    author: str | None = None
    was_traditional: bool = False
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines) + "\n"


@dataclass(frozen=True)
class Paragraph:
    anchor: str
    text: str
    line: int


@dataclass(frozen=True)
class Section:
    """A numbered heading and the paragraphs up to the next heading."""

    anchor: str
    level: int  # 1 = top level of this report's own ladder
    number: str  # the marker as printed: 一、 （一） 1. （1） 第一部分
    title: str
    line: int
    paragraphs: tuple[Paragraph, ...] = ()
    split_guessed: bool = False  # heading ran into body text with no clear boundary
    kind: str = ""  # numbering style: part, cn, cn-paren, arabic, arabic-paren

    @property
    def heading(self) -> str:
        """Marker and title as a reader sees them: 一、推进… / 第一部分：推进…"""
        return self.number + ("：" if self.kind == "part" else "") + self.title


@dataclass(frozen=True)
class Document:
    """The structure of one cleaned report."""

    title_lines: tuple[str, ...] = ()
    doc_number: str | None = None
    addressee: str | None = None
    preamble: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    signers: tuple[str, ...] = ()
    signed: str | None = None  # ISO date of the signature block
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class Field:
    value: object
    origin: Origin


@dataclass(frozen=True)
class Metadata:
    """Each value with where it came from; None where nothing is known."""

    values: dict[str, Field] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()

    def get(self, key: str, default: object = None) -> object:
        f = self.values.get(key)
        return f.value if f is not None else default


@dataclass(frozen=True)
class Report:
    slug: str
    source: Source
    cleaned: Cleaned
    document: Document
    metadata: Metadata

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.cleaned.diagnostics + self.document.diagnostics + self.metadata.diagnostics

    @property
    def title(self) -> str:
        return str(self.metadata.get("title"))
