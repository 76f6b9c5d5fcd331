"""Opinion groups from positions: which participants think alike, where they agree and where they divide.

Each participant is a row of the participant × section matrix (+1 agree, 0 mixed, −1 disagree, empty
where they did not answer). Only participants with enough positions are counted. Columns are centred on
the answers given and missing answers count as the section's average, so that answering few sections
does not pull a person to the centre; each row is then scaled by how many sections it answered (as Polis
does), reduced by PCA and grouped by k-means, the number of groups chosen by silhouette among 2 to 5.
"""

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from threadpoolctl import ThreadpoolController

SEED = 16
MIN_POSITIONS = 5
CONSENSUS = 0.6
DIVISIVE = 0.5


@dataclass
class SectionView:
    """Each group's shares of agree / disagree on one section, and whether it unites or divides them."""

    section: int
    agree: list[float | None]  # None: nobody of that group answered this section
    disagree: list[float | None]
    consensus: str | None
    divisive: bool


def judge(agree: list[float | None], disagree: list[float | None]) -> tuple[str | None, bool]:
    """Whether the groups that answered a section all agree (or all disagree), and whether it divides them.

    Groups with no answer on the section say nothing either way; a section needs two answering groups.
    """
    agree = [a for a in agree if a is not None]
    disagree = [d for d in disagree if d is not None]
    if len(agree) < 2:
        return None, False
    consensus = "agree" if min(agree) >= CONSENSUS else "disagree" if min(disagree) >= CONSENSUS else None
    return consensus, max(agree) - min(agree) >= DIVISIVE


@dataclass
class OpinionGroups:
    """Participants counted (their ids), the group of each, and the view of each section."""

    participants: list
    labels: np.ndarray
    sections: list[SectionView]

    def sizes(self) -> list[int]:
        """The number of participants of each group."""
        return np.bincount(self.labels).tolist() if len(self.labels) else []


def _matrix(positions, sections):
    column = {s: j for j, s in enumerate(sections)}
    rows: dict = {}
    for participant, section, value in positions:
        rows.setdefault(participant, {})[column[section]] = value
    people = sorted(p for p, answers in rows.items() if len(answers) >= MIN_POSITIONS)
    matrix = np.full((len(people), len(sections)), np.nan, dtype=np.float32)
    for i, person in enumerate(people):
        for j, value in rows[person].items():
            matrix[i, j] = value
    return people, matrix


def _embed(matrix):
    answered = ~np.isnan(matrix)
    means = np.nanmean(np.where(answered.any(axis=0), matrix, 0), axis=0)
    centred = np.where(answered, matrix - means, 0.0)
    scale = np.sqrt(matrix.shape[1] / answered.sum(axis=1))[:, None]
    components = min(3, matrix.shape[1], matrix.shape[0])
    return PCA(components, random_state=SEED).fit_transform(centred * scale)


def _choose_labels(points, max_groups):
    best, best_score = np.zeros(len(points), dtype=int), -1.0
    distinct = len(np.unique(points.round(6), axis=0))
    for k in range(2, min(max_groups, len(points) - 1, distinct) + 1):
        labels = KMeans(k, n_init=4, random_state=SEED).fit_predict(points)
        score = silhouette_score(points, labels, sample_size=min(len(points), 3000), random_state=SEED)
        if score > best_score:
            best, best_score = labels, score
    return best


def _section_views(matrix, labels):
    views = []
    for j in range(matrix.shape[1]):
        agree, disagree = [], []
        for g in range(labels.max() + 1):
            answers = matrix[labels == g, j]
            answers = answers[~np.isnan(answers)]
            agree.append(round(float((answers > 0).mean()), 3) if len(answers) else None)
            disagree.append(round(float((answers < 0).mean()), 3) if len(answers) else None)
        views.append(SectionView(j, agree, disagree, *judge(agree, disagree)))
    return views


@ThreadpoolController().wrap(limits=1)
def opinion_groups(positions, sections, max_groups: int = 5) -> OpinionGroups:
    """Group participants from ``positions``: an iterable of (participant, section, value in {-1, 0, 1})."""
    people, matrix = _matrix(positions, list(sections))
    if len(people) < 3:
        return OpinionGroups(people, np.zeros(len(people), dtype=int), [])
    labels = _choose_labels(_embed(matrix), max_groups)
    return OpinionGroups(people, labels, _section_views(matrix, labels))
