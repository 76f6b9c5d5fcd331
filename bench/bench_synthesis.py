"""Benchmark of the synthesis assistant: quality on the labelled corpus, then time and memory at scale.

Run ``.venv/bin/python bench/bench_synthesis.py`` (``BENCH_SYNTHESIS_SIZES=2000,100000`` by default).
Prints, on ``bench/synthesis_corpus/corpus.json``: the baseline (TF-IDF on lemmas + k-means at the true
number of subjects: adjusted Rand index and majority-label share) beside each method; campaign detection
precision and recall; the share of contributions suggested into their own theme once a fifth is sorted;
planted opinion groups recovered. Then the time of a whole analysis at each size and of opinion groups
over 1.5 million positions, with the peak memory of the process.
"""

import json
import os
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "synthesis_corpus"))

import build_corpus  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from consult.synthesis import campaigns, themes  # noqa: E402
from consult.synthesis.opinions import opinion_groups  # noqa: E402
from consult.synthesis.pipeline import analyse  # noqa: E402
from consult.synthesis.text import lemma_text, lemma_texts  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "synthesis_corpus" / "corpus.json"
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SYNTHESIS_SIZES", "2000,100000").split(","))
OPINION_POSITIONS = int(os.environ.get("BENCH_OPINION_POSITIONS", "1500000"))


def majority_share(truth, labels):
    groups = {}
    for true, label in zip(truth, labels, strict=True):
        groups.setdefault(label, Counter())[true] += 1
    return sum(c.most_common(1)[0][1] for c in groups.values()) / len(truth)


def row(name, truth, labels):
    ari, share = adjusted_rand_score(truth, labels), majority_share(truth, labels)
    print(f"  {name:<52} ARI {ari:5.3f}   majority share {share:5.3f}")
    return ari, share


def baseline(lemmatized, k):
    matrix = TfidfVectorizer().fit_transform(lemmatized)
    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(matrix)


def bench_themes(corpus):
    texts, truth = [c["text"] for c in corpus], [c["subject"] for c in corpus]
    k = len(set(truth))
    print(f"Suggested themes on {len(texts)} contributions, {k} subjects (targets: ARI ≥ 2× baseline, share ≥ 0.6)")
    lemmatized = [lemma_text(t) for t in texts]
    base_ari, base_share = row("baseline: TF-IDF on lemmas + k-means, true k", truth, baseline(lemmatized, k))
    space = themes.semantic_space(texts, lemmatized)
    row("LSA (80 dims) + k-means, true k, campaigns kept", truth, themes.cluster(space.vectors, k))
    stripped = themes.semantic_space(texts, lemma_texts(texts))
    row("repeated phrases stripped + LSA, campaigns kept", truth, themes.cluster(stripped.vectors, k))
    analysis = analyse(texts, k, with_similar=False)
    ari, share = row("campaigns once + phrases stripped + LSA, true k", truth, analysis.labels)
    chosen = analyse(texts, None, with_similar=False)
    row(f"same, k chosen ({len(chosen.themes)})", truth, chosen.labels)
    print(
        f"  ratio to baseline ARI: {ari / base_ari:.2f} (target ≥ 2); majority share {share:.3f} "
        f"beside the baseline's {base_share:.3f}"
    )
    return analysis


def bench_campaigns(corpus):
    truth = {i for i, c in enumerate(corpus) if c["campaign"]}
    found = campaigns.campaigns([c["text"] for c in corpus])
    flagged = {i for group in found for i in group.members}
    precision = len(flagged & truth) / len(flagged) if flagged else 0.0
    recall = len(flagged & truth) / len(truth)
    sizes = [len(g.members) for g in found]
    print(f"Campaigns (targets ≥ 0.95 each): precision {precision:.3f}   recall {recall:.3f}   groups found {sizes}")


def bench_suggestions(corpus, analysis):
    truth = [c["subject"] for c in corpus]
    order = list(range(len(corpus)))
    random.Random(16).shuffle(order)
    sorted_by_hand = {i: truth[i] for i in order[: len(order) // 5]}
    suggested = themes.suggest_into(analysis.vectors, sorted_by_hand)
    right = sum(theme == truth[i] for i, (theme, _score) in suggested.items())
    print(
        f"Suggestions into existing themes, a fifth sorted by hand ({len(sorted_by_hand)}): "
        f"{right / len(suggested):.3f} of {len(suggested)} put in their own theme (target ≥ 0.7)"
    )


def planted_positions(people_per_group=300, groups=3, sections=20, seed=16):
    rng = np.random.default_rng(seed)
    profiles = rng.choice([-1, 1], size=(groups, sections))
    profiles[:, 0:2] = 1
    profiles[:, 2] = -1
    positions, truth = [], {}
    for g in range(groups):
        for p in range(people_per_group):
            person = g * people_per_group + p
            truth[person] = g
            for s in rng.choice(sections, size=rng.integers(5, 16), replace=False):
                value = profiles[g, s] if rng.random() > 0.2 else rng.choice([-1, 0, 1])
                positions.append((person, int(s), int(value)))
    return positions, truth, profiles


def bench_opinions():
    positions, truth, profiles = planted_positions()
    result = opinion_groups(positions, range(20))
    ari = adjusted_rand_score([truth[p] for p in result.participants], result.labels)
    planted_consensus = {j for j in range(20) if len(set(profiles[:, j])) == 1}
    found_consensus = {v.section for v in result.sections if v.consensus}
    planted_divisive = set(range(20)) - planted_consensus
    found_divisive = {v.section for v in result.sections if v.divisive}
    print(
        f"Opinion groups, 3 planted groups of 300 over 20 sections (5-15 answers each, 20 % noise): "
        f"ARI {ari:.3f} (target ≥ 0.8), sizes {result.sizes()}"
    )
    print(
        f"  consensus sections planted {sorted(planted_consensus)} found {sorted(found_consensus)}; "
        f"divisive planted {len(planted_divisive)}, found {len(found_divisive)}, "
        f"of which planted {len(found_divisive & planted_divisive)}"
    )


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_scale():
    for size in SIZES:
        texts = [c["text"] for c in build_corpus.scaled(size)]
        start, cpu = time.perf_counter(), time.process_time()
        result = analyse(texts)
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"Whole analysis of {size:,} contributions: {elapsed:6.1f} s ({used:.1f} s of CPU: on a shared "
            f"machine the difference is time waiting for a core), {len(result.themes)} themes, "
            f"{len(result.campaigns)} campaigns; peak memory {peak_mb():,.0f} MB; load {os.getloadavg()[0]:.1f}"
        )
    people = OPINION_POSITIONS // 10
    positions, _truth, _profiles = planted_positions(people_per_group=people // 3, seed=17)
    start, cpu = time.perf_counter(), time.process_time()
    result = opinion_groups(positions, range(20))
    print(
        f"Opinion groups over {len(positions):,} positions ({len(result.participants):,} participants): "
        f"{time.perf_counter() - start:5.1f} s ({time.process_time() - cpu:.1f} s of CPU); "
        f"peak memory {peak_mb():,.0f} MB; load {os.getloadavg()[0]:.1f}"
    )


def main():
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    analysis = bench_themes(corpus)
    bench_campaigns(corpus)
    bench_suggestions(corpus, analysis)
    bench_opinions()
    bench_scale()


if __name__ == "__main__":
    main()
