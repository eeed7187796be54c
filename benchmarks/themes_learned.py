"""A small learned model of themes, compared with the rules on the held half.

    .venv/bin/python -m benchmarks.themes_learned [--top 12]
    .venv/bin/python -m benchmarks.themes_learned --real [--top 12]

One logistic regression per theme (one against the rest) over the character
1- to 3-grams of a passage (numbers folded to #), trained on the labelled
passages of the tune half (tests/data/passage_labels/split.yml) and measured
on the held half, beside the rules (content/themes.yml, analyse/classify.py)
measured on the same passages. It prints precision and recall of both, and
each theme's strongest n-grams, which is how the model would explain a
passage.

Written with numpy (already a runtime dependency) rather than scikit-learn:
the comparison does not ship, and scikit-learn with scipy would add about
100 MB to every install for one benchmark. The model is plain batch gradient
descent on the L2-regularised log loss; nothing here is tuned on the held half.

--real: leave one real set out. The real sets of report passages labelled
by reading (fifth to eighth sessions; benchmarks/real_themes.py reads them from
/tmp; the texts are not in the repository). For each real set S, the same model
(same features and settings, nothing tuned on real text) is trained on the
project's labelled passages (both halves) plus every real set except S and
measured on S, beside the rules (today's code) on S and beside the model
trained on the project's labels alone; then the three pooled over all S.
Only the three named themes, the only ones the real sets label.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter

import numpy as np

from tests.test_labelled_themes import NAMED, labelled_passage, passage_labels, split_of

DIGITS = re.compile(r"\d+(?:\.\d+)?")
MIN_COUNT = 2  # an n-gram seen fewer times in the tune half is dropped
L2 = 1e-3
STEPS = 400
RATE = 2.0


def grams(text: str) -> list[str]:
    text = DIGITS.sub("#", text)
    return [text[i:i + n] for n in (1, 2, 3) for i in range(len(text) - n + 1)]


def rows(half: str) -> list[tuple[str, set[str], set[str]]]:
    """(text, labelled themes, themes the rules gave) of the half's passages."""
    out = []
    for e in passage_labels():
        if split_of(e["id"].split("#")[0]) != half:
            continue
        p = labelled_passage(e)
        out.append((p["text"], set(e["themes"]), {m["theme"] if isinstance(m, dict) else m for m in p["themes"]}))
    return out


def features(texts: list[str], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for i, t in enumerate(texts):
        for g in set(grams(t)):
            if g in vocab:
                x[i, vocab[g]] = 1.0
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-9)


def train(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    # all in x's float32: a float64 weight vector made numpy copy x to float64 every step
    w = np.zeros(x.shape[1], dtype=x.dtype)
    y = y.astype(x.dtype)
    b = 0.0
    pos = max(float(y.mean()), 1e-3)
    weight = np.where(y == 1, 0.5 / pos, 0.5 / max(1 - pos, 1e-3)).astype(x.dtype)  # balanced classes
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * weight
        w -= RATE * (x.T @ g / len(y) + L2 * w)
        b -= RATE * float(g.mean())
    return w, b


def fit(texts: list[str], labels: list[set[str]], themes: tuple[str, ...] | list[str],
        top: int) -> tuple[dict[str, int], dict[str, tuple[np.ndarray, float]], dict[str, list[str]]]:
    """vocabulary, one (weights, bias) per theme, and each theme's strongest n-grams."""
    counts = Counter(g for text in texts for g in set(grams(text)))
    vocab = {g: i for i, g in enumerate(sorted(g for g, c in counts.items() if c >= MIN_COUNT))}
    names = sorted(vocab, key=vocab.__getitem__)
    x = features(texts, vocab)
    models, strongest = {}, {}
    for theme in themes:
        w, b = train(x, np.array([theme in want for want in labels], dtype=np.float32))
        models[theme] = (w, b)
        strongest[theme] = [names[k] for k in np.argsort(-w)[:top]]
    return vocab, models, strongest


def predict(texts: list[str], vocab: dict[str, int], models: dict[str, tuple[np.ndarray, float]]) -> list[set[str]]:
    x = features(texts, vocab)
    out: list[set[str]] = [set() for _ in texts]
    for theme, (w, b) in models.items():
        for i, s in enumerate(x @ w + b):
            if s > 0:
                out[i].add(theme)
    return out


def counts_of(pairs: list[tuple[frozenset[str] | set[str], frozenset[str] | set[str]]], theme: str) -> np.ndarray:
    tp = sum(theme in want and theme in got for want, got in pairs)
    fp = sum(theme in got and theme not in want for want, got in pairs)
    fn = sum(theme in want and theme not in got for want, got in pairs)
    return np.array([tp, fp, fn])


def pr(c: np.ndarray) -> str:
    tp, fp, fn = (int(v) for v in c)
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return f"{p:4.2f}/{r:4.2f}"


def real(top: int) -> None:
    from benchmarks.real_themes import NAMED as REAL_NAMED
    from benchmarks.real_themes import SETS, load

    project = rows("tune") + rows("held")
    p_texts = [t for t, _, _ in project]
    p_labels = [want for _, want, _ in project]
    sets = {s.name: load(s.name)[0] for s in SETS}
    print(f"project {len(project)} labelled passages (both halves); real sets read from /tmp: "
          + ", ".join(f"{k} {len(v)}" for k, v in sets.items()))
    alone = fit(p_texts, p_labels, REAL_NAMED, top)
    kinds = ("rules", "fresh", "learned", "alone")
    per_set: dict[str, dict[str, dict[str, np.ndarray]]] = {}
    print("\nP/R per theme: rules today, rules when the set was unseen (- : no dump), learned with the "
          "other real sets, learned on the project's labels alone; n = labelled passages of the theme")
    print(f"{'held-out set':12} {'n':>4}  " + "  ".join(f"{t:>34}" for t in REAL_NAMED))
    strongest_all: dict[str, Counter] = {t: Counter() for t in REAL_NAMED}
    for name, held in sets.items():
        train_rows = [r for other, rs in sets.items() if other != name for r in rs]
        vocab, models, strongest = fit(p_texts + [r.text for r in train_rows],
                                       p_labels + [set(r.themes) for r in train_rows], REAL_NAMED, top)
        for t in REAL_NAMED:
            strongest_all[t].update(strongest[t])
        learned = predict([r.text for r in held], vocab, models)
        only = predict([r.text for r in held], *alone[:2])
        has_fresh = all(r.fresh is not None for r in held)
        per_set[name] = {t: {"rules": counts_of([(r.themes, r.rules) for r in held], t),
                             "fresh": counts_of([(r.themes, r.fresh or frozenset()) for r in held], t)
                             if has_fresh else np.array([-1, 0, 0]),
                             "learned": counts_of([(r.themes, g) for r, g in zip(held, learned)], t),
                             "alone": counts_of([(r.themes, g) for r, g in zip(held, only)], t)}
                         for t in REAL_NAMED}
        cells = []
        for t in REAL_NAMED:
            c = per_set[name][t]
            fresh_cell = pr(c["fresh"]) if c["fresh"][0] >= 0 else "  -      "
            cells.append(f"{int(c['rules'][0] + c['rules'][2]):3} {pr(c['rules'])} {fresh_cell} "
                         f"{pr(c['learned'])} {pr(c['alone'])}")
        print(f"{name:12} {len(held):4}  " + "  ".join(cells))

    def pooled(names: list[str], label: str) -> None:
        print(f"\n{label} ({sum(len(sets[n]) for n in names)} passages): P/R, F1 (tp fp fn)")
        for t in REAL_NAMED:
            parts = []
            for k in kinds:
                if k == "fresh" and any(per_set[n][t]["fresh"][0] < 0 for n in names):
                    continue
                c = sum((per_set[n][t][k] for n in names), np.zeros(3, dtype=int))
                tp, fp, fn = (int(v) for v in c)
                f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
                parts.append(f"{k} {pr(c)} {f1:.2f} ({tp} {fp} {fn})")
            print(f"  {t:22} " + " | ".join(parts))

    pooled(list(sets), f"pooled over all {len(sets)} sets")
    pooled([n for n in sets if per_set[n][REAL_NAMED[0]]["fresh"][0] >= 0],
           "pooled over the sets with a dump of the rules when unseen")
    print("\nstrongest n-grams, model on the project's labels alone:")
    for t in REAL_NAMED:
        print(f"  {t:22} {' '.join(alone[2][t])}")
    print("strongest n-grams with real text (those among the top in most of the folds):")
    for t in REAL_NAMED:
        print(f"  {t:22} {' '.join(g for g, _ in strongest_all[t].most_common(top))}")


def scores(pairs: list[tuple[set[str], set[str]]], theme: str) -> tuple[float, float, int]:
    tp = sum(theme in want and theme in got for want, got in pairs)
    fp = sum(theme in got and theme not in want for want, got in pairs)
    fn = sum(theme in want and theme not in got for want, got in pairs)
    return tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0, tp + fn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=12, help="strongest n-grams shown per theme")
    parser.add_argument("--real", action="store_true",
                        help="leave one real set out (the fifth session's sets, read from /tmp)")
    args = parser.parse_args()
    if args.real:
        real(args.top)
        return
    tune, held = rows("tune"), rows("held")
    counts = Counter(g for text, _, _ in tune for g in set(grams(text)))
    vocab = {g: i for i, g in enumerate(sorted(g for g, c in counts.items() if c >= MIN_COUNT))}
    names = sorted(vocab, key=vocab.__getitem__)
    x_tune, x_held = features([t for t, _, _ in tune], vocab), features([t for t, _, _ in held], vocab)
    themes = sorted({t for _, want, _ in tune for t in want})
    learned: list[set[str]] = [set() for _ in held]
    strongest = {}
    for theme in themes:
        y = np.array([theme in want for _, want, _ in tune], dtype=np.float64)
        w, b = train(x_tune, y)
        for i, s in enumerate(x_held @ w + b):
            if s > 0:
                learned[i].add(theme)
        strongest[theme] = [names[k] for k in np.argsort(-w)[:args.top]]
    print(f"tune {len(tune)} passages, held {len(held)}, {len(vocab)} n-grams")
    print(f"{'theme':22} {'rules P/R':>12} {'learned P/R':>12}  n")
    for theme in themes:
        rp, rr, n = scores([(want, got) for _, want, got in held], theme)
        lp, lr, _ = scores([(want, got) for (_, want, _), got in zip(held, learned)], theme)
        mark = " *" if theme in NAMED else ""
        print(f"{theme:22} {rp:5.2f} {rr:5.2f}  {lp:5.2f} {lr:5.2f}  {n}{mark}")
    print("\nstrongest n-grams of the learned model (what it would show as the deciding words):")
    for theme in themes:
        print(f"  {theme:22} {' '.join(strongest[theme])}")


if __name__ == "__main__":
    main()
