"""One analysis of a set of contributions: campaigns, themes with their key terms, similar contributions.

Each campaign counts once in the themes (its first text stands for all) so that 60 copies of one letter
do not make a theme of their own; its texts then follow their representative. The numeric libraries run
on one thread: the worker shares the machine with the web server, and on a busy machine several threads
were measured slower than one.
"""

from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import ThreadpoolController

from consult.synthesis import campaigns as campaign_detection
from consult.synthesis import themes
from consult.synthesis.text import lemma_texts

MIN_DISTINCT = 5  # fewer distinct texts than this: campaigns only, no themes


@dataclass
class Theme:
    """A suggested theme: its members (indexes), key terms and representative members."""

    members: list[int]
    terms: list[str]
    representatives: list[int]
    label: int = 0  # with ``known`` labels: the label it continues


@dataclass
class Analysis:
    """Everything computed for a set of texts (indexes refer to the input list)."""

    campaigns: list[campaign_detection.Group]
    themes: list[Theme]
    labels: np.ndarray
    similar: list[list[tuple[int, float]]] = field(default_factory=list)
    space: themes.Space | None = None
    vectors: np.ndarray | None = None  # one row per input text (a campaign's texts share their representative's)
    kept: list[int] = field(default_factory=list)  # the texts placed in ``space`` (one per campaign)


@ThreadpoolController().wrap(limits=1)
def analyse(
    texts: list[str], k: int | None = None, with_similar: bool = True, known: dict[int, int] | None = None
) -> Analysis:
    """Run the whole analysis on ``texts`` (``k`` themes, or a number that grows with the corpus).

    ``known`` maps the index of texts already placed by an earlier computation to their theme's label:
    those keep their theme and each other text joins the theme whose centre is nearest (no new
    clustering, so the themes organizers already decided on stay as they are).
    """
    found = campaign_detection.campaigns(texts)
    follower = {m: group.members[0] for group in found for m in group.members[1:]}
    kept = [i for i in range(len(texts)) if i not in follower]
    if len(kept) < MIN_DISTINCT:
        return Analysis(found, [], np.zeros(len(texts), dtype=int), [[] for _ in texts], kept=kept)
    lemmatized = lemma_texts([texts[i] for i in kept])
    space = themes.semantic_space([texts[i] for i in kept], lemmatized)
    position = {index: row for row, index in enumerate(kept)}
    if known:
        kept_labels = _extend(space.vectors, {position[follower.get(i, i)]: label for i, label in known.items()})
    else:
        kept_labels = themes.cluster(space.vectors, min(k or themes.default_k(len(kept)), len(kept) - 1))
    labels = np.array([kept_labels[position[follower.get(i, i)]] for i in range(len(texts))])
    suggested = []
    for label in sorted(set(kept_labels.tolist())):
        rows = [row for row, value in enumerate(kept_labels) if value == label]
        suggested.append(
            Theme(
                members=[i for i in range(len(texts)) if labels[i] == label],
                terms=themes.key_terms(space, rows),
                representatives=[kept[r] for r in themes.representatives(space.vectors, rows)],
                label=int(label),
            )
        )
    similar = []
    if with_similar:
        similar_kept = themes.similar(space.vectors, kept_labels)
        similar = [
            [(kept[j], score) for j, score in similar_kept[position[follower.get(i, i)]]] for i in range(len(texts))
        ]
    vectors = space.vectors[[position[follower.get(i, i)] for i in range(len(texts))]]
    return Analysis(found, sorted(suggested, key=lambda t: -len(t.members)), labels, similar, space, vectors, kept)


def _extend(vectors: np.ndarray, known_rows: dict[int, int]) -> np.ndarray:
    """Labels of every row: the known ones kept, the others put in the theme whose centre is nearest."""
    labels = np.empty(len(vectors), dtype=int)
    for row, label in known_rows.items():
        labels[row] = label
    for row, (label, _score) in themes.suggest_into(vectors, known_rows).items():
        labels[row] = label
    return labels
