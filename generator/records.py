"""Typed, immutable records passed between the pipeline's stages.

decode: Source -> Decoded; clean: Decoded -> Cleaned; parse: Cleaned -> Document;
describe: Document + Sidecar -> Metadata; the build assembles a Report from them.
"""
from __future__ import annotations

import hashlib
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

# markup: stated by the file's structure (a web page's meta tags, headline,
# disclosure index table or byline), not read from its text by rules.
Origin = Literal["text", "sidecar", "derived", "markup"]
Severity = Literal["info", "warning"]
Role = Literal["chrome", "title", "publication", "index", "doc_number", "addressee", "notice",
               "body", "signature", "closing", "attachment"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One cleaning step or observation, with how often it applied."""

    code: str
    message: str  # Simplified Chinese: shown to readers on the report page
    count: int = 1
    severity: Severity = "info"
    # The message quotes this report (its text, its values, its counts): kept
    # in the report's own record, not in the site's one file of messages
    # (site/render.step_messages), which would otherwise grow with the corpus.
    own: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """A report as the publisher committed it: bytes untouched."""

    slug: str
    path: Path
    raw: bytes
    sidecar_path: Path | None
    # The file's SHA-256 (hex) and size, taken from raw whenever it is given
    # (also in a copy made with other bytes) and kept when the build lets raw
    # go (generator/build/pipeline.py lean): a site that links the
    # publisher's files instead of copying them shows both, so a reader can
    # check the copy they fetch.
    sha256: str = ""
    size: int = 0

    def __post_init__(self) -> None:
        if self.raw:
            object.__setattr__(self, "sha256", hashlib.sha256(self.raw).hexdigest())
            object.__setattr__(self, "size", len(self.raw))

    def digest(self) -> bytes:
        """The SHA-256 of the file's bytes, computed once (sha256): the
        cache key and the byte-copy check take it from here."""
        return bytes.fromhex(self.sha256) if self.sha256 else hashlib.sha256(self.raw).digest()


@dataclass(frozen=True, slots=True)
class Decoded:
    source: Source
    text: str
    encoding: str
    # What decoding removed (invisible and control characters), carried on by clean.
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the report as its file lays it out: rows of cell texts.
    It stands after the body lines numbered below `line`."""

    line: int
    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 1  # leading rows that are column headers
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Markup:
    """What a file's structure states outright, beside its lines: the format
    it was read from, metadata values with the element each came from
    (key -> (value, where)), and its tables. A .txt file states nothing."""

    format: str = "text"  # text | html | docx | pdf
    values: tuple[tuple[str, str, str], ...] = ()  # (key, value, where), first one of a key wins
    tables: tuple[Table, ...] = ()
    headline: int | None = None  # the line number of the headline element's text
    removed: tuple[tuple[int, str, str], ...] = ()  # (line, text, why) the reader took out (PDF running heads)
    diagnostics: tuple[Diagnostic, ...] = ()

    def get(self, key: str) -> str | None:
        return next((value for k, value, _ in self.values if k == key), None)

    def where(self, key: str) -> str | None:
        return next((where for k, _, where in self.values if k == key), None)


@dataclass(frozen=True, slots=True)
class Line:
    """A line of cleaned text and the line number it had in the original file."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The report's body, repaired, with the page it was read from."""

    source: Source
    encoding: str
    lines: tuple[Line, ...]  # body lines only, repaired
    page: Page  # every line of the page with its role (in a build, once cached: the frame's only); the facts of its frame
    was_traditional: bool = False
    diagnostics: tuple[Diagnostic, ...] = ()
    markup: Markup = Markup()  # what the file's structure stated (generator/read/formats/)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines) + "\n"


@dataclass(frozen=True, slots=True)
class HeldText:
    """Stands for the text of a paragraph or a passage in a report a build
    holds without its text (generator/build/cache.py without_text): what
    the pages made from every report read of it, its length (len()) and its
    length without white space (solid_chars). It has none of str's methods:
    a stage that would read the words of a held report fails at once instead
    of showing nothing, and takes the report with its text
    (pipeline.texts_of) inside the page that needs it."""

    chars: int
    solid: int

    def __len__(self) -> int:
        return self.chars


WHITE_SPACE = re.compile(r"\s+")


def solid_chars(text: str | HeldText) -> int:
    """Characters of a paragraph's text without white space (held or not)."""
    return text.solid if isinstance(text, HeldText) else len(WHITE_SPACE.sub("", text))


def held_text(text: str) -> HeldText:
    return HeldText(len(text), len(WHITE_SPACE.sub("", text)))


@dataclass(frozen=True, slots=True)
class Paragraph:
    anchor: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Field:
    value: object
    origin: Origin


@dataclass(frozen=True, slots=True)
class Metadata:
    """Each value with where it came from; None where nothing is known."""

    values: dict[str, Field] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()

    def get(self, key: str, default: object = None) -> object:
        f = self.values.get(key)
        return f.value if f is not None else default


@dataclass(frozen=True, slots=True)
class ThemeMatch:
    """Why a passage belongs to a theme: the terms found and their score."""

    theme: str
    score: float
    terms: tuple[str, ...]  # found in the passage itself
    heading_terms: tuple[str, ...] = ()  # found in the headings above it


@dataclass(frozen=True, slots=True)
class Passage:
    """The unit of classification: a paragraph, or one piece of a long one
    (split at 一是/二是… or between sentences). Pieces get their own anchors."""

    anchor: str
    paragraph: str  # anchor of the paragraph it belongs to
    section: str  # anchor of its section; "" in the preamble
    text: str
    themes: tuple[ThemeMatch, ...] = ()

    def theme(self, slug: str) -> ThemeMatch | None:
        return next((m for m in self.themes if m.theme == slug), None)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a report gives for an indicator, and where it says so."""

    indicator: str
    value: float
    unit: str
    approx: str  # 余 / 多 / 约 / 近 / 超过 / 逾, or ""
    text: str  # the matched words, e.g. 调解成功率99.25%
    passage: str  # anchor of the passage holding it
    sentence: str  # the sentence it came from


@dataclass(frozen=True, slots=True)
class PartMatch:
    """A top-level section (or a section under an untitled one) mapped onto the
    required parts; own=True for parts a report adds (起草背景, 名词解释 …)."""

    section: str
    heading: str
    parts: tuple[int, ...]
    inferred: bool = False  # placed by position, its heading names no part
    own: bool = False


@dataclass(frozen=True)
class Analysis:
    passages: tuple[Passage, ...] = ()
    parts: tuple[PartMatch, ...] = ()
    figures: tuple[Figure, ...] = ()

    def theme_counts(self, section: str | None = None) -> dict[str, int]:
        """Theme slug -> number of passages in it: of the whole report, or of
        one section's own paragraphs ("" is the preamble)."""
        if section is not None:
            return self.section_theme_counts().get(section, {})
        return dict(self._counts)

    @cached_property
    def _counts(self) -> dict[str, int]:
        """Counted once per report: listings, the matrix, related reports and
        search all ask, for every report, in every build."""
        counts: dict[str, int] = {}
        for passage in self.passages:
            for match in passage.themes:
                counts[match.theme] = counts.get(match.theme, 0) + 1
        return counts

    def section_theme_counts(self) -> dict[str, dict[str, int]]:
        """Section anchor -> theme slug -> number of its own passages in the
        theme, in one pass over the passages (asking theme_counts once per
        section would cost sections x passages)."""
        counts: dict[str, dict[str, int]] = {}
        for passage in self.passages:
            section = counts.setdefault(passage.section, {})
            for match in passage.themes:
                section[match.theme] = section.get(match.theme, 0) + 1
        return counts


@dataclass(frozen=True, slots=True)
class Report:
    slug: str
    source: Source
    cleaned: Cleaned
    document: Document
    metadata: Metadata
    analysis: Analysis = Analysis()
    # What the report was read from (generator/build/cache.py's key: a digest of its
    # bytes, its sidecar, the taxonomy and the generator); "" when not known.
    # Pages made from the report alone are not made again while it holds.
    key: str = ""

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.cleaned.diagnostics + self.document.diagnostics + self.metadata.diagnostics

    @property
    def title(self) -> str:
        """The title readers see: the metadata's; else the report named by
        what a reader recognises, its issuer (or most specific place) and
        year, marked as untitled; the file's name only where nothing else is
        known, and then said to be one (never the word None)."""
        title = self.metadata.get("title")
        if title:
            return str(title)
        m = self.metadata
        who = next((str(m.get(k)) for k in ("issuer", "town", "county", "city", "province") if m.get(k)), "")
        year = m.get("year")
        if who:
            return f"{who} {year} 年度报告（原文无标题）" if year else f"{who}的报告（年度不详，原文无标题）"
        return f"未识别出标题的报告（文件名：{self.slug}）"


# --- what each line of the page is (generator/read/page.py) ---------------------------------

@dataclass(frozen=True, slots=True)
class PageLine:
    number: int  # line number in the original file
    text: str  # normalised text
    role: Role
    reason: str = ""  # why, in Simplified Chinese; shown in the cleaning record


@dataclass(frozen=True, slots=True)
class Facts:
    """What the page's frame says about the report."""

    title: str | None = None
    title_kind: str = ""  # "" | wrapper | explanation | index
    published: str | None = None  # ISO date of the publication line
    source: str | None = None  # 来源 / 信息来源 / 发布机构, verbatim
    author: str | None = None
    publisher: str | None = None  # 发布机构 of an index block
    host: str | None = None  # 主办 of the footer
    written: str | None = None  # 成文日期 / 生成日期 of an index block
    index_doc_number: str | None = None
    banner: str | None = None  # the site's name at the top
    crumbs: tuple[str, ...] = ()  # breadcrumb parts
    doc_number: str | None = None
    addressee: str | None = None
    signers: tuple[str, ...] = ()
    signed: str | None = None
    dated: str | None = None  # a dateline printed under the headline or in brackets after it
    address: str | None = None  # the site's postal address in its footer (地址：…)


@dataclass(frozen=True, slots=True)
class Page:
    lines: tuple[PageLine, ...]
    facts: Facts
    diagnostics: tuple[Diagnostic, ...] = ()

    def role(self, *roles: Role) -> tuple[PageLine, ...]:
        return tuple(line for line in self.lines if line.role in roles)

    @property
    def body(self) -> tuple[Line, ...]:
        return tuple(Line(line.number, line.text) for line in self.lines if line.role == "body")


# --- pickling (generator/build/cache.py) -----------------------------------------------------

def _pickled_as_tuple(cls: type) -> None:
    """A frozen slotted record pickled as the tuple of its field values, in
    the order of its fields. dataclasses' own __setstate__ for such classes
    calls fields() on every object it unpickles: loading 50,000 cached
    reports (23.9 M records) spent 63 of its 89 s there. A state of
    another length (a record of another layout) is a TypeError, which the
    cache counts as an unreadable entry; the cache key holds the
    generator's source (generator/version.py), so an entry written with
    another layout is never taken for this one's."""
    names = tuple(f.name for f in fields(cls))
    get: Callable[[object], object] = operator.attrgetter(*names)
    one = len(names) == 1
    put = object.__setattr__

    def __getstate__(self: object) -> tuple:
        return (get(self),) if one else get(self)  # type: ignore[return-value]  # attrgetter of several names gives a tuple

    def __setstate__(self: object, state: tuple) -> None:
        if type(state) is not tuple or len(state) != len(names):
            raise TypeError(f"a {cls.__name__} of another layout ({len(state)} values for {len(names)} fields)")
        for name, value in zip(names, state):
            put(self, name, value)

    # on the class dataclass(slots=True) made, in place of its own two
    setattr(cls, "__getstate__", __getstate__)  # noqa: B010
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010


for _record in list(globals().values()):
    if (isinstance(_record, type) and is_dataclass(_record) and _record.__module__ == __name__
            and getattr(_record, "__slots__", None) is not None and _record.__dataclass_params__.frozen):  # type: ignore[attr-defined]  # set by dataclass
        _pickled_as_tuple(_record)



# --- shapes of single lines ---------------------------------------------------------
