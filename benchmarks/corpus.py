"""A benchmark corpus like the real one: varied reports from the five samples.

    .venv/bin/python benchmarks/corpus.py OUT_DIR [--reports 1000] [--seed 1]

Real reports differ from each other: each names its own places, projects and
people, and their lengths run from a few thousand to twenty thousand
characters. A copy of the five samples with new titles (rebuild.py
--corpus copied) has the vocabulary of five reports whatever its size, which
flatters every figure that grows with the words of the corpus (the search
index, compressed data files). Each report made here:

- keeps the layout of one sample (its frame lines, heading ladder, addressee,
  signature) with a real place from jionlp's gazetteer of the sample's level
  (a town for a town's report, a county for a county's, a city for a city's),
  its names put where the sample named its own;
- rebuilds most body paragraphs from sentences of all five samples (their
  place names and years replaced by the report's), numbers varied;
- carries rarer words in a share of its sentences: each body has a local
  vocabulary (villages and communities of its area from the gazetteer, words
  drawn from jionlp's IDF dictionary of about 200,000 words) and each such
  sentence draws from it and from the whole dictionary, so the vocabulary
  keeps growing with the corpus;
- is 0.3-2 times as long as its sample (log-uniform);
- in a share of reports, holds a statistics table flattened one cell per line;
- belongs to a body that published one to four years of reports.

Deterministic: the same seed and count give the same bytes. Reports are made
in body order, so make(n) is a prefix of make(n + k): rebuild.py adds "one
more report" as the next one.
"""
from __future__ import annotations

import argparse
import functools
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "content" / "reports"

# Each sample's level and the names it gives its own place (full, then short
# forms that are safe to replace: two characters or more). Benchmark data,
# not product rules: the generator never sees this table.
LAYOUTS = {
    "2023-anhui-shexian-xucun": ("town", {"province": ["安徽省", "安徽"], "city": ["黄山市", "黄山"],
                                          "county": ["歙县"], "town": ["许村镇", "许村"]}),
    "2023-shanxi-xiangning": ("county", {"province": ["山西省", "山西"], "city": ["临汾市", "临汾"],
                                         "county": ["乡宁县", "乡宁"]}),
    "2022-chongqing-yunyang-houye": ("town", {"province": ["重庆市", "重庆"], "county": ["云阳县", "云阳"],
                                              "town": ["后叶镇", "后叶"]}),
    "2023-guangdong-dongguan-huangjiang": ("town", {"province": ["广东省", "广东"], "city": ["东莞市", "东莞"],
                                                    "town": ["黄江镇", "黄江"]}),
    "2022-anhui-wuhu": ("city", {"province": ["安徽省", "安徽"], "city": ["芜湖市", "芜湖"]}),
}
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|[（(]\d+[）)]|第[一二三四五六七八九十]+部分)")
SENTENCE = re.compile(r"[^。；！？]*[。；！？]")
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
NUMBER = re.compile(r"(?<![\d〔〕.])(\d{1,4})(?![\d年〕号.])(%?)")
YEAR = re.compile(r"(?<![\d—–-])(20\d\d)(?=年|[-/.]\d)")  # a year or a date, not the start of a range
CJK = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
PLACE_KEYS = ("province", "city", "county", "town")
REBUILT = 0.8  # share of body paragraphs rebuilt from the pool; the rest keep the sample's own sentences
RARE_SHARE = 0.35  # share of sentences that carry rarer words
TABLE_SHARE = 0.3  # share of reports with a statistics table
TABLES = [
    ("行政复议案件办理情况统计", ["收到行政复议申请", "依法受理", "审结", "纠正违法或不当行政行为"]),
    ("行政执法情况统计", ["行政检查", "行政处罚", "行政许可", "行政强制"]),
    ("矛盾纠纷排查调解情况统计", ["排查矛盾纠纷", "人民调解组织调解", "调解成功", "转交相关部门处理"]),
    ("普法宣传活动统计", ["开展普法活动", "发放宣传资料", "受教育群众", "法治讲座"]),
]


@dataclass(frozen=True)
class Place:
    province: str
    city: str
    county: str
    town: str
    villages: tuple[str, ...]

    def names(self) -> dict[str, list[str]]:
        """Full and short names by level, in the order LAYOUTS gives them."""
        out: dict[str, list[str]] = {}
        for key in PLACE_KEYS:
            full = getattr(self, key)
            if full:
                short = re.sub(r"(?:省|市|自治州|地区|盟|县|区|旗|镇|乡|街道|维吾尔自治区|壮族自治区|回族自治区|自治区)$", "", full)
                out[key] = [full] + ([short] if len(short) >= 2 and short != full else [])
        return out


@functools.cache
def gazetteer() -> dict[str, list[Place]]:
    """Real places by level from jionlp's gazetteer: counties and towns with
    the villages and communities under them, cities."""
    from jionlp.dictionary.dictionary_loader import china_location_loader

    places: dict[str, list[Place]] = {"city": [], "county": [], "town": []}
    for province, cities in sorted(china_location_loader(detail=True).items()):
        for city, counties in sorted((k, v) for k, v in cities.items() if not k.startswith("_")):
            county_names = [k for k in counties if not k.startswith("_")]
            city_name = "" if city == province else city
            if city_name and not city_name.endswith(("区", "县")):
                places["city"].append(Place(province, city_name, "", "", tuple(sorted(county_names))))
            for county in sorted(county_names):
                towns = {k: v for k, v in counties[county].items() if not k.startswith("_")}
                villages = tuple(sorted(v for t in towns.values() for v in (t or {})))
                if county.endswith("县"):
                    places["county"].append(Place(province, city_name, county, "", villages))
                for town, under in sorted(towns.items()):
                    if town.endswith(("镇", "乡", "街道")) and under:
                        places["town"].append(Place(province, city_name, county, town, tuple(sorted(under))))
    return places


@functools.cache
def dictionary() -> tuple[str, ...]:
    """About 200,000 words of two to four Chinese characters (jionlp's IDF
    dictionary), the source of the corpus's rarer words."""
    from jionlp.dictionary.dictionary_loader import idf_loader

    return tuple(sorted(w for w in idf_loader() if CJK.match(w)))


@functools.cache
def converter(config: str):  # an OpenCC converter, made once: making one reads its dictionaries
    import opencc

    return opencc.OpenCC(config)


@functools.cache
def simplified(stem: str) -> str:
    """A sample's text in Simplified characters without pinyin readings."""
    text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    return converter("t2s").convert(PINYIN.sub("", text))


def covered_year(stem: str) -> int:
    return int(stem[:4])


@functools.cache
def templated(text: str, stem: str) -> str:
    """Place names and years of a sample turned into {placeholders}."""
    year = covered_year(stem)
    for key, names in LAYOUTS[stem][1].items():
        for name in names:
            text = text.replace(name, "{" + key + "}")
    return YEAR.sub(lambda m: {year - 1: "{prev}", year: "{year}", year + 1: "{next}"}.get(int(m.group(1)), m.group(1)),
                    text)


def is_body(line: str) -> bool:
    return len(line) >= 30 and "。" in line and not HEADING.match(line)


@functools.cache
def sentence_pool() -> tuple[str, ...]:
    """Every sentence of every sample's body paragraphs, templated."""
    pool: list[str] = []
    for stem in LAYOUTS:
        for line in simplified(stem).splitlines():
            if is_body(line.strip()):
                pool.extend(s for s in SENTENCE.findall(templated(line.strip(), stem)) if len(s) >= 8)
    return tuple(pool)


def vary_numbers(text: str, rng: random.Random) -> str:
    def one(m: re.Match) -> str:
        n = int(m.group(1))
        if m.group(2):
            return f"{min(100, max(1, round(n * rng.uniform(0.8, 1.2))))}%"
        if 1990 <= n <= 2035 or n == 0:
            return m.group(0)
        return str(max(1, round(n * rng.uniform(0.3, 3))))
    return NUMBER.sub(one, text)


class Maker:
    """Makes one body's reports: its layout, place, years and local words."""

    def __init__(self, rng: random.Random, body: int) -> None:
        self.rng = rng
        self.body = body
        self.stem = sorted(LAYOUTS)[body % len(LAYOUTS)]
        level = LAYOUTS[self.stem][0]
        self.level = level
        self.place = rng.choice(gazetteer()[level])
        words = dictionary()
        self.local = [rng.choice(words) for _ in range(40)]
        self.villages = list(self.place.villages) or [self.place.county or self.place.city]

    def fill(self, text: str, year: int) -> str:
        """A templated text with this body's names and the year filled in."""
        names = self.place.names()
        for key in PLACE_KEYS:
            own = names.get(key)
            # a level this place lacks (a town's sentence in a city's report): a place below it
            text = re.sub(r"\{" + key + r"\}", lambda _m, own=own: own[0] if own else self.rng.choice(self.villages),
                          text)
        return text.replace("{year}", str(year)).replace("{prev}", str(year - 1)).replace("{next}", str(year + 1))

    def rare(self, sentence: str) -> str:
        """The sentence with rarer words in it: a village and a local word, or
        words from the whole dictionary."""
        rng, words = self.rng, dictionary()
        pick = rng.random()
        if pick < 0.35:
            clause = f"{rng.choice(self.villages)}推进{rng.choice(self.local)}{rng.choice(['项目', '工程', '行动', '试点'])}，"
            return clause + sentence
        if pick < 0.7:
            extra = "、".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
            return sentence[:-1] + f"（涉及{extra}等事项）" + sentence[-1]
        return f"围绕{rng.choice(self.local)}和{rng.choice(words)}，" + sentence

    def paragraph(self, line: str, factor: float, year: int) -> str:
        rng = self.rng
        if not line:
            return ""
        own = SENTENCE.findall(line) or [line]
        count = max(1, round(len(own) * factor * rng.uniform(0.7, 1.3)))
        if rng.random() < REBUILT:
            pool = sentence_pool()
            sentences = [rng.choice(pool) for _ in range(count)]
        else:
            sentences = (own * math.ceil(count / len(own)))[:count]
        out = []
        for s in sentences:
            s = vary_numbers(s, rng)
            if rng.random() < RARE_SHARE:
                s = self.rare(s)
            out.append(s)
        return self.fill("".join(out), year)

    def table(self, year: int) -> list[str]:
        caption, rows = self.rng.choice(TABLES)
        lines = [f"表1 {year}年{caption}", "项目", "数量"]
        for row in rows:
            lines += [row, str(self.rng.randint(3, 3000))]
        return lines

    def report(self, year: int) -> str:
        """One report of the body for the year."""
        rng = self.rng
        factor = math.exp(rng.uniform(math.log(0.3), math.log(2.0)))
        template = templated(simplified(self.stem), self.stem)
        lines = []
        table_at = None
        if rng.random() < TABLE_SHARE:
            bodies = [i for i, line in enumerate(template.splitlines()) if is_body(line.strip())]
            table_at = bodies[len(bodies) // 3] if bodies else None
        for i, raw in enumerate(template.splitlines()):
            line = raw.strip()
            if is_body(line):
                if factor < 1 and rng.random() > max(factor, 0.35) and i != table_at:
                    continue
                lines.append(self.paragraph(line, factor, year))
            elif HEADING.match(line) and len(line) > 60 and "。" in line:  # a heading run into its text
                head, _, rest = line.partition("。")
                lines.append(self.fill(head + "。", year) + self.paragraph(rest, factor, year))
            else:
                lines.append(self.fill(line, year))
            if i == table_at:
                lines.extend(self.table(year))
        text = "\n".join(lines) + "\n"
        if self.stem == "2023-shanxi-xiangning":  # the sample's Traditional characters
            text = converter("s2t").convert(text)
        return text

    def sidecar(self, year: int) -> dict[str, object]:
        """What a publisher would give beside the text: the place and level."""
        values: dict[str, object] = {"level": self.level, "year": year}
        for key in PLACE_KEYS:
            if getattr(self.place, key):
                values[key] = getattr(self.place, key)
        return values


def reports(seed: int = 1) -> Iterator[tuple[str, str, dict[str, object]]]:
    """(slug, text, sidecar) of the corpus, endlessly, in body order."""
    rng = random.Random(seed)
    body = 0
    while True:
        maker = Maker(rng, body)
        years = rng.choice([1, 2, 2, 3, 3, 4])
        last = rng.randint(2021, 2024)
        for year in range(last - years + 1, last + 1):
            slug = f"{year}-{maker.stem.rsplit('-', 1)[1]}-b{body:05d}"
            yield slug, maker.report(year), maker.sidecar(year)
        body += 1


def write(reports_dir: Path, n: int, start: int = 0, seed: int = 1) -> int:
    """Write reports start .. start+n-1 of the corpus; returns their text bytes."""
    total = 0
    for i, (slug, text, sidecar) in enumerate(reports(seed)):
        if i >= start + n:
            break
        if i < start:
            continue
        data = text.encode("utf-8")
        total += len(data)
        (reports_dir / f"{slug}.txt").write_bytes(data)
        (reports_dir / f"{slug}.yml").write_text(yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=True),
                                                 encoding="utf-8")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    total = write(args.out, args.reports, seed=args.seed)
    print(f"{args.reports} reports, {total / 1e6:.1f} MB of text in {args.out}")


if __name__ == "__main__":
    main()
