"""A small learned model of themes, compared with the rules on the held half.

    .venv/bin/python -m benchmarks.themes_learned [--top 12]

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
    w = np.zeros(x.shape[1], dtype=np.float64)
    b = 0.0
    pos = max(y.mean(), 1e-3)
    weight = np.where(y == 1, 0.5 / pos, 0.5 / max(1 - pos, 1e-3))  # balanced classes
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * weight
        w -= RATE * (x.T @ g / len(y) + L2 * w)
        b -= RATE * g.mean()
    return w, b


def scores(pairs: list[tuple[set[str], set[str]]], theme: str) -> tuple[float, float, int]:
    tp = sum(theme in want and theme in got for want, got in pairs)
    fp = sum(theme in got and theme not in want for want, got in pairs)
    fn = sum(theme in want and theme not in got for want, got in pairs)
    return tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0, tp + fn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=12, help="strongest n-grams shown per theme")
    args = parser.parse_args()
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
