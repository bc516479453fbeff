"""Build a synthetic corpus of N articles by recombining seed sentences and chrome, deterministically.

    python benchmarks/synthetic.py N [--out DIR] [--seed 0]

Each article gets a date header, a repeated dateline, or no date at all; 6-25 body sentences drawn
from the seeds with actor names swapped for other aliases of the same actor; a caption; and, for some,
a trailing run of related-article teasers. The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import vnmigration as vn
from vnmigration.actors import default_codebook

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
OUT = Path(__file__).resolve().parent / "out"


def pools():
    """Seed sentences, chrome lines and captions, and alias groups for person/organisation names."""
    articles = vn.load_articles()
    sentences = vn.split_sentences(articles)["text"].tolist()
    chrome = [line for b in articles["boilerplate"] for line in b.splitlines() if len(line.split()) > 6]
    captions = [line for c in articles["captions"] for line in c.splitlines()]
    book = default_codebook()
    groups = {}
    for s in book.surfaces:
        if s.match in ("exact", "alias") and " " in s.text:
            groups.setdefault(s.actor, []).append(s.text)
    return sentences, chrome, captions, [g for g in groups.values() if len(g) > 1]


def synthetic_article(rng: random.Random, sentences, chrome, captions, aliases) -> str:
    """One article's raw text."""
    year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    body = [rng.choice(sentences) for _ in range(rng.randint(6, 25))]
    for group in aliases:
        if rng.random() < 0.5:
            old, new = rng.sample(group, 2)
            body = [s.replace(old, new) for s in body]
    paragraphs = [" ".join(body[i:i + 2]) for i in range(0, len(body), 2)]
    paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(captions))
    style = rng.random()
    if style < 0.4:
        head = [f" date {year}-{month:02d}-{day:02d} " + paragraphs.pop(0)]
    elif style < 0.8:
        line = f"{MONTHS[month - 1]} {day}, {year} | {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} GMT +7"
        head = [line, line, "Hotline: 0913.378.918"]
    else:
        head = []
    tail = [f"(VAN) {rng.choice(chrome)}" for _ in range(rng.randint(0, 4))]
    return "\n".join(head + paragraphs + tail) + "\n"


def build(n: int, out: Path | None = None, seed: int = 0) -> Path:
    """Write N synthetic articles to OUT/synthetic-N (once) and return the folder."""
    folder = out or OUT / f"synthetic-{n}"
    if folder.is_dir() and len(list(folder.glob("*.txt"))) == n:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    parts = pools()
    for i in range(n):
        (folder / f"syn_{i:06d}.txt").write_text(synthetic_article(rng, *parts), encoding="utf-8")
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(build(args.n, args.out, args.seed))
