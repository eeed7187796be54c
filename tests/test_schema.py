from pathlib import Path

from generator.read.schema import load_sidecar


def load(tmp_path: Path, text: str):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    return path, load_sidecar(path)


def test_valid_sidecar(tmp_path):
    _, (values, problems) = load(tmp_path, "issuer: 许村镇人民政府\nyear: 2023\ndate: 2024-01-19\nlevel: town\nsource_url: https://example.gov.cn/a.html\n")
    assert problems == []
    assert values == {"issuer": "许村镇人民政府", "year": 2023, "date": "2024-01-19", "level": "town",
                      "source_url": "https://example.gov.cn/a.html"}


def test_every_problem_named_with_file_and_line(tmp_path):
    path, (_, problems) = load(tmp_path, "issuer: 某县\nyear: 二〇二三\nlevle: town\nlevel: village\ndate: 2024-13-01\nissuer: again\nsource_url: javascript:alert(1)\n")
    got = [str(p) for p in problems]
    assert got == [
        f"{path}:2: year must be a number between 1990 and 2100, got '二〇二三'",
        f"{path}:3: unknown key 'levle'; allowed keys: title, issuer, level, province, city, county, town, year, date, doc_number, source, source_url, retrieved",
        f"{path}:4: level must be one of province, city, county, town, department, got 'village'",
        f"{path}:5: date must be a date written YYYY-MM-DD, got '2024-13-01'",
        f"{path}:6: key 'issuer' is given twice",
        f"{path}:7: source_url must be an http:// or https:// address, got 'javascript:alert(1)'",
    ]


def test_broken_yaml_and_wrong_shape(tmp_path):
    path, (_, problems) = load(tmp_path, "issuer: [unclosed\n")
    assert str(problems[0]).startswith(f"{path}:") and "not valid YAML" in str(problems[0])
    path, (_, problems) = load(tmp_path, "- a\n- b\n")
    assert str(problems[0]) == f"{path}:1: must be a mapping of keys to values, e.g. `year: 2023`"


def test_an_address_too_long_to_be_one_is_refused(tmp_path):
    """Seen: a 200 KB source_url was accepted and published in every page's citation."""
    long = "https://example.gov.cn/" + "a" * 2000
    path, (values, problems) = load(tmp_path, f"year: 2023\nsource_url: {long}\n")
    assert "source_url" not in values
    assert [str(p) for p in problems] == [
        f"{path}:2: source_url is 2,023 characters long; an address has at most 2,000: give the page's address"]
    ok = "https://example.gov.cn/" + "a" * 1977  # 2,000 characters
    assert load(tmp_path, f"source_url: {ok}\n")[1] == ({"source_url": ok}, [])  # 23 + 1,977 characters
