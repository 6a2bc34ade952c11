"""Throughput of `classifiers.classify` on one core, beside a bare regex scan.

Generates a deterministic mixed corpus in-process (seeded RNG): most articles
never mention OpenStack, some mention it in passing, a few report a company
joining or leaving. Articles are 2-8 KB. Run:

    .venv/bin/python benchmarks/classify_bench.py [--articles N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifiers import classify

_VOCABULARY = (
    "market company quarter revenue growth customers platform service release update team "
    "product analysts users network data security cloud storage software hardware chip "
    "device mobile sales price share investors report industry operators enterprise open "
    "source developers project version support launch plans strategy partners deal board "
    "executive results demand supply costs engineers research model system server center "
    "region schedule policy court league season match coach players fans stadium weather "
    "election minister budget city council traffic school health study patients hospital"
)
WORDS = tuple(_VOCABULARY.split())
COMPANIES = ("Acme Cloud", "Globex", "Initech Systems", "Umbrella Networks", "Hooli", "Vandelay",
             "IBM", "HP", "Cisco", "Dell", "Red Hat", "Huawei", "Ericsson", "AT&T", "Intel")
OPENSTACK_LINES = (
    "{c} has joined the OpenStack Foundation as a Gold member.",
    "{c} is the latest company to join OpenStack.",
    "{c} quits the OpenStack Foundation after five years.",
    "{c} did not renew its Platinum membership of the OpenStack Foundation.",
    "{c} runs a large OpenStack cloud in three regions.",
    "{c} may join OpenStack, analysts say.",
    "The OpenStack Foundation welcomed {c} as a Corporate Sponsor.",
    "{c} launched an OpenStack distribution on Tuesday.",
)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(COMPANIES))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def article(rng: random.Random, kind: str) -> str:
    size = rng.randint(2000, 8000)
    paragraphs: list[str] = [f"{rng.choice(COMPANIES)} {rng.choice(WORDS)} {rng.choice(WORDS)}"]
    length = len(paragraphs[0])
    while length < size:
        para = " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        if kind != "other" and rng.random() < 0.25:
            para += " OpenStack " + sentence(rng)
        paragraphs.append(para)
        length += len(para) + 2
    if kind == "event":
        line = rng.choice(OPENSTACK_LINES).format(c=rng.choice(COMPANIES))
        paragraphs.insert(rng.randint(1, len(paragraphs)), line)
    return "\n\n".join(paragraphs)


def corpus(n: int, seed: int) -> list[str]:
    """90% unrelated, 7% mention OpenStack in passing, 3% carry a membership line."""
    rng = random.Random(seed)
    kinds = rng.choices(("other", "passing", "event"), weights=(90, 7, 3), k=n)
    return [article(rng, kind) for kind in kinds]


def rate(texts: Sequence[str], fn: Callable[[str], object], repeat: int = 3) -> float:
    """Best-of-`repeat` articles per second."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args(argv)
    texts = corpus(args.articles, args.seed)
    megabytes = sum(map(len, texts)) / 1e6
    classify("warm up: OpenStack")  # compile the rules outside the timing
    baseline = re.compile("openstack", re.I)
    flagged = sum(classify(t).flagged for t in texts)
    ours = rate(texts, classify)
    bare = rate(texts, baseline.search)
    print(f"corpus: {len(texts)} articles, {megabytes:.1f} MB, {flagged} flagged")
    print(f"classify:          {ours:12,.0f} articles/s")
    print(f"re 'openstack' /i: {bare:12,.0f} articles/s")
    print(f"ratio (regex/classify): {bare / ours:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
