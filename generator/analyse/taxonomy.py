"""The taxonomy publishers edit: themes, required parts and indicators.

Three files in ``content/``, each validated into frozen records with every
problem reported as ``file:line`` before anything is built:

- ``themes.yml``: themes (and subthemes) with weighted terms and exclusions;
- ``parts.yml``: the five parts a report should contain, with heading words;
- ``indicators.yml``: numbers to extract, as patterns with a ``{n}`` slot.

Indicator patterns run on RE2, a regex engine without backtracking: matching
costs time linear in the text whatever a publisher writes (seven {_} gaps in
one pattern used to make Python's re try 13^7 ways at every character). Blank
terms (which would match everything) and invisible characters in any text are
errors.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import re2
import yaml

from generator.errors import ContentError, Problem
from generator.read.yamlfile import YamlFile, compose

# A number as reports write it: 99.25 / 1,234 / 2100 / 一千 / 两千三百 / 13万 / 1.2亿,
# with the approximations that may precede or follow it. (RE2 syntax: \p{Nd} is
# any decimal digit, full-width ones included, as \d is in Python's re.)
NUMBER = r"(?P<pre>约|近|超过|逾)?(?P<n>\p{Nd}[\p{Nd},]*(?:\.\p{Nd}+)?[万亿]?|[零〇一二两三四五六七八九十百千万亿]+)(?P<post>余|多)?"
GAP = r"[^，。；！？：,;]{0,12}?"  # {_}: a few characters within one clause


@dataclass(frozen=True)
class Term:
    text: str
    weight: float


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str
    terms: tuple[Term, ...]
    exclude: tuple[str, ...] = ()
    parent: str | None = None  # slug of the theme this is a subtheme of
    alone: bool = False  # a subtheme passage reaches its parent only with the parent's own terms
    # Terms naming whom the theme's work serves or what it grants them (firms, relief):
    # beside another theme's work they are that work's object, and decide this theme
    # only where no other theme's work is in the passage.
    served: tuple[str, ...] = ()
    # Terms that count for the theme only in a passage that names one of its served words
    # (不予处罚 for firms: 对首次轻微违法的企业不予处罚) or another of its terms (包容审慎);
    # with each other alone they are another theme's.
    beside_served: tuple[str, ...] = ()

    def __hash__(self) -> int:
        # Themes key the matcher caches, called once per passage and theme:
        # the generated hash walked every term each time (a fifth of reading).
        # Equal themes share a slug, so the slug alone keeps hash and == agreeing.
        return hash(self.slug)


@dataclass(frozen=True)
class Part:
    number: int
    slug: str
    name: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    source: str  # as written in indicators.yml
    regex: re2._Regexp  # RE2: a match's span() and start() take group numbers, not names
    scale: float = 1.0  # multiply the number by this to get the indicator's unit


@dataclass(frozen=True)
class Indicator:
    slug: str
    name: str
    theme: str
    unit: str
    description: str
    patterns: tuple[Pattern, ...]
    context: tuple[str, ...] = ()  # one must stand before the number in its sentence, or in the headings


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    parts: tuple[Part, ...]
    own_parts: tuple[str, ...]  # heading words of parts a report adds on its own
    indicators: tuple[Indicator, ...]
    threshold: float = 1.0
    heading_weight: float = 0.5
    mention_weight: float = 0.3
    # A term only mentioned in a passage that reports a number (concrete work)
    # weighs this much instead of mention_weight.
    concrete_mention_weight: float = 0.3
    # Each further occurrence of a term weaker than the threshold adds this
    # share of its weight (capped at the threshold).
    repeat_weight: float = 0.0
    digest: str = ""  # hash of the three files, part of every cache key

    def __hash__(self) -> int:  # as Theme's: equal taxonomies share their digest
        return hash(self.digest)

    def theme(self, slug: str) -> Theme:
        return next(t for t in self.themes if t.slug == slug)

    @property
    def top_themes(self) -> tuple[Theme, ...]:
        return tuple(t for t in self.themes if t.parent is None)

    def subthemes(self, slug: str) -> tuple[Theme, ...]:
        return tuple(t for t in self.themes if t.parent == slug)


FILES = ("themes.yml", "parts.yml", "indicators.yml")


def load_taxonomy(content_dir: Path) -> Taxonomy:
    """Read content/themes.yml, parts.yml and indicators.yml; raise ContentError
    listing every problem in all three."""
    problems: list[Problem] = []
    digest = hashlib.sha256()
    roots = {}
    for name in FILES:
        raw, roots[name] = _compose(content_dir / name, problems)
        digest.update(name.encode() + b"\0" + raw + b"\0")
    themes_file = _File(content_dir / "themes.yml", problems)
    themes, weights = themes_file.themes(roots["themes.yml"])
    parts, own = _File(content_dir / "parts.yml", problems).parts(roots["parts.yml"])
    # Without a readable themes.yml no theme is known: saying so once is enough,
    # not again for every indicator that names one.
    known = {t.slug for t in themes} if roots["themes.yml"] is not None else None
    indicators = _File(content_dir / "indicators.yml", problems).indicators(roots["indicators.yml"], known)
    if problems:
        raise ContentError(problems)
    return Taxonomy(themes, parts, own, indicators, digest=digest.hexdigest(), **weights)


def _compose(path: Path, problems: list[Problem]) -> tuple[bytes, yaml.Node | None]:
    """The file's bytes and its YAML node tree; None (and a problem) where it
    cannot be read or parsed, or holds nothing."""
    if not path.is_file() and not path.is_symlink():
        problems.append(Problem(path, None, "missing: the site's taxonomy needs this file in content/"))
        return b"", None
    before = len(problems)
    raw, root = compose(path, problems)
    if root is None and len(problems) == before:
        problems.append(Problem(path, None, "is empty; restore it from the repository (git checkout -- content/)"))
    return raw, root


class _File(YamlFile):
    """Validation of one taxonomy file: its records, from YamlFile's checks."""

    # --- themes.yml ---------------------------------------------------------------

    WEIGHTS = {"threshold": (0.1, 10.0), "heading_weight": (0.0, 1.0), "mention_weight": (0.0, 1.0),
               "concrete_mention_weight": (0.0, 1.0), "repeat_weight": (0.0, 1.0)}

    def themes(self, root: yaml.Node | None) -> tuple[tuple[Theme, ...], dict[str, float]]:
        """The themes and the weights given at the top of themes.yml (the
        Taxonomy's defaults where not given)."""
        top = self.mapping(root, "themes.yml", ("themes",), tuple(self.WEIGHTS)) if root is not None else None
        if top is None:
            return (), {}
        weights = {name: self.number(top[name], name, *bounds) for name, bounds in self.WEIGHTS.items() if name in top}
        seen: set[str] = set()
        themes: list[Theme] = []
        for node in self.sequence(top["themes"], "themes"):
            themes.extend(self.theme(node, None, seen))
        return tuple(themes), weights

    def theme(self, node: yaml.Node, parent: str | None, seen: set[str]) -> list[Theme]:
        what = "a subtheme" if parent else "a theme"
        keys = ("slug", "name", "description", "terms")
        fields = self.mapping(node, what, keys, ("exclude", "alone") if parent else ("exclude", "subthemes", "served", "beside_served"))
        if fields is None:
            return []
        slug = self.slug(fields["slug"], "theme slug", seen)
        terms: list[Term] = []
        terms_node = fields["terms"]
        if not isinstance(terms_node, yaml.MappingNode) or not terms_node.value:
            self.problem(terms_node, f"terms of theme {slug!r} must be a mapping of term: weight, e.g. `调解: 1`")
        else:
            known: set[str] = set()
            for key, value in terms_node.value:
                # A blank term would be found in every passage.
                term = self.text(key, f"a term of theme {slug!r}")
                if term and term in known:
                    self.problem(key, f"term {term!r} is given twice in theme {slug!r}")
                if len(term) == 1:  # one character is in nearly every passage: the theme would take them all
                    self.problem(key, f"term {term!r} of theme {slug!r} is a single character, which nearly every "
                                      "passage contains; use a word of two or more characters")
                    term = ""
                known.add(term)
                weight = self.number(value, f"weight of term {term!r}", 0.05, 10)
                if term:
                    terms.append(Term(term, weight))
        exclude = self.texts(fields["exclude"], f"exclude of theme {slug!r}") if "exclude" in fields else ()
        alone = self.flag(fields["alone"], "alone") if "alone" in fields else False
        served = self.texts(fields["served"], f"served of theme {slug!r}") if "served" in fields else ()
        for word in served:
            if word not in {t.text for t in terms}:
                self.problem(fields["served"], f"served word {word!r} of theme {slug!r} is not one of its terms; "
                                               "add it to terms or remove it from served")
        beside = self.texts(fields["beside_served"], f"beside_served of theme {slug!r}") if "beside_served" in fields else ()
        for word in beside:
            if word not in {t.text for t in terms}:
                self.problem(fields["beside_served"], f"beside_served word {word!r} of theme {slug!r} is not one of "
                                                      "its terms; add it to terms or remove it from beside_served")
        if beside and not served:
            self.problem(fields["beside_served"], f"beside_served of theme {slug!r} needs served words to stand beside")
        theme = Theme(slug, self.text(fields["name"], "name"), self.text(fields["description"], "description"),
                      tuple(terms), exclude, parent, alone, served, beside)
        result = [theme]
        for sub in self.sequence(fields["subthemes"], "subthemes") if "subthemes" in fields else ():
            result.extend(self.theme(sub, slug, seen))
        return result

    # --- parts.yml ----------------------------------------------------------------

    def parts(self, root: yaml.Node | None) -> tuple[tuple[Part, ...], tuple[str, ...]]:
        if root is None:
            return (), ()
        top = self.mapping(root, "parts.yml", ("parts",), ("own",))
        if top is None:
            return (), ()
        parts: list[Part] = []
        seen: set[str] = set()
        for node in self.sequence(top["parts"], "parts"):
            fields = self.mapping(node, "a part", ("number", "slug", "name", "terms"))
            if fields is None:
                continue
            number = int(self.number(fields["number"], "number", 1, 9))
            if any(p.number == number for p in parts):
                self.problem(fields["number"], f"part number {number} is used twice")
            parts.append(Part(number, self.slug(fields["slug"], "part slug", seen),
                              self.text(fields["name"], "name"), self.texts(fields["terms"], "terms")))
        own = self.texts(top["own"], "own") if "own" in top else ()
        return tuple(sorted(parts, key=lambda p: p.number)), own

    # --- indicators.yml -----------------------------------------------------------

    def indicators(self, root: yaml.Node | None, themes: set[str] | None) -> tuple[Indicator, ...]:
        """themes: the slugs themes.yml declares; None when it could not be read."""
        if root is None:
            return ()
        top = self.mapping(root, "indicators.yml", ("indicators",))
        if top is None:
            return ()
        indicators: list[Indicator] = []
        seen: set[str] = set()
        for node in self.sequence(top["indicators"], "indicators"):
            fields = self.mapping(node, "an indicator", ("slug", "name", "theme", "unit", "patterns"),
                                  ("description", "context"))
            if fields is None:
                continue
            slug = self.slug(fields["slug"], "indicator slug", seen)
            theme = self.text(fields["theme"], "theme")
            if theme and themes is not None and theme not in themes:
                self.problem(fields["theme"], f"indicator {slug!r} names theme {theme!r}, which themes.yml does not declare")
            description = self.text(fields["description"], "description") if "description" in fields else ""
            patterns = tuple(p for p in (self.pattern(n, slug) for n in self.sequence(fields["patterns"], "patterns")) if p)
            context = self.texts(fields["context"], "context") if "context" in fields else ()
            indicators.append(Indicator(slug, self.text(fields["name"], "name"), theme,
                                        self.text(fields["unit"], "unit"), description, patterns, tuple(context)))
        return tuple(indicators)

    def pattern(self, node: yaml.Node, indicator: str) -> Pattern | None:
        scale = 1.0
        if isinstance(node, yaml.MappingNode):
            fields = self.mapping(node, "a pattern", ("pattern",), ("scale",))
            if fields is None:
                return None
            if "scale" in fields:
                scale = self.number(fields["scale"], "scale", 1e-6, 1e9)
            node = fields["pattern"]
        source = self.text(node, f"a pattern of indicator {indicator!r}")
        if not source:
            return None
        if source.count("{n}") != 1:
            self.problem(node, f"pattern {source!r} must contain {{n}} exactly once, where the number stands")
            return None
        if not re.sub(r"\{[n_]\}|[()|?\s]", "", source):
            self.problem(node, (f"pattern {source!r} has no words of its own and would take every number: "
                                "write the words around the number, e.g. 调解成功率{n}%"))
            return None
        # PDF text puts spaces around numbers (抽查案卷 260 卷): allow one on either side.
        expanded = re.escape(source).replace(r"\{n\}", r"\s?" + NUMBER + r"\s?").replace(r"\{_\}", GAP)
        # Allow a few plain regex alternatives publishers need: (a|b) and ?.
        expanded = expanded.replace(r"\(", "(?:").replace(r"\)", ")").replace(r"\|", "|").replace(r"\?", "?")
        options = re2.Options()
        options.log_errors = False  # RE2 would log the error on stderr itself, before our line
        try:
            return Pattern(source, re2.compile(expanded, options=options), scale)
        except re2.error as exc:
            reason = exc.args[0] if exc.args else exc
            reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
            reason = reason.split(":", 1)[0]  # its message ends with our expanded pattern, not what was written
            self.problem(node, f"pattern {source!r} is not valid ({reason}); use (a|b) for alternatives and {{_}} "
                               "for a gap")
            return None

