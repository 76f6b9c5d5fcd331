"""Suggested themes, similar contributions, key terms and suggestions into existing themes.

Texts are reduced to lemmas once the phrases many of them share are stripped (letterheads, formules de
politesse), and weighed by TF-IDF (words and pairs of words, sub-linear counts, the common vocabulary
learned from document frequency dropped); latent semantic analysis (a truncated SVD) brings texts
that use related words together; k-means on the normalized vectors groups them. Every step has a fixed
seed: the same texts give the same suggestions. Each group is explained by its key terms.
"""

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from consult.synthesis.text import lemma_text, readable, readable_forms

SEED = 16
COMPONENTS = 80
KEY_TERMS = 8


@dataclass
class Space:
    """The texts in the semantic space: TF-IDF matrix, vocabulary, normalized LSA vectors, readable forms.

    The vocabulary is made of lemmas without accents (what terms match on); ``forms`` gives each lemma's
    most written form (what organizers read).
    """

    tfidf: object
    terms: np.ndarray
    vectors: np.ndarray
    forms: dict = field(default_factory=dict)


def common_share(count: int) -> float:
    """Terms found in more than this share of the texts are the schema's common vocabulary and are dropped.

    On hundreds of texts, words like *besoin*, *famille*, *accompagnement* are in more than 15 % of them
    and say nothing of a subject (measured on the bench corpus); on a few dozen, a subject's own words
    pass that share, so only words in half the texts are dropped.
    """
    return 0.15 if count >= 200 else 0.5


def tfidf_matrix(lemmatized: list[str], ngrams=(1, 2)):
    """TF-IDF of lemmatized texts without the common vocabulary; returns the matrix and its vocabulary."""
    words = r"\S+"  # the texts are already lemmas separated by spaces
    vectorizer = TfidfVectorizer(
        ngram_range=ngrams,
        min_df=2,
        max_df=common_share(len(lemmatized)),
        sublinear_tf=True,
        token_pattern=words,
        dtype=np.float32,
    )
    matrix = vectorizer.fit_transform(lemmatized)
    return matrix, vectorizer.get_feature_names_out()


def semantic_space(texts: list[str], lemmatized: list[str] | None = None) -> Space:
    """Place the texts in the LSA space (cosine similarity there is the similarity shown to organizers)."""
    lemmatized = lemmatized if lemmatized is not None else [lemma_text(t) for t in texts]
    matrix, terms = tfidf_matrix(lemmatized)
    # A few dozen texts carry few topics: fewer dimensions keep the noise of single words out.
    components = max(2, min(COMPONENTS, max(10, matrix.shape[0] // 8), matrix.shape[1] - 1, matrix.shape[0] - 1))
    reduced = TruncatedSVD(components, random_state=SEED).fit_transform(matrix)
    return Space(matrix, terms, normalize(reduced).astype(np.float32), readable_forms(texts))


def cluster(vectors: np.ndarray, k: int) -> np.ndarray:
    """k-means labels of normalized vectors (fixed seed, several starts)."""
    # Many starts matter on noisy texts (measured on the bench corpus); each costs a full k-means, so
    # larger sets get fewer (2,000 texts must stay within 10 s on two shared cores).
    starts = 30 if len(vectors) <= 1500 else 10 if len(vectors) <= 5000 else 5
    return KMeans(n_clusters=k, n_init=starts, random_state=SEED).fit_predict(vectors)


def default_k(count: int) -> int:
    """The number of themes suggested when the organizer does not ask for one: grows slowly with the corpus."""
    return max(2, min(20, round((count / 4) ** 0.5), count - 1))


def key_terms(space: Space, members, n: int = KEY_TERMS) -> list[str]:
    """The terms that distinguish ``members`` from the whole set, as people wrote them.

    A term's score is its mean weight among ``members`` minus its mean weight overall.
    """
    inside = np.asarray(space.tfidf[members].mean(axis=0)).ravel()
    overall = np.asarray(space.tfidf.mean(axis=0)).ravel()
    order = [i for i in np.argsort(-(inside - overall)) if inside[i] > 0 and _telling(str(space.terms[i]))]
    return [readable(str(space.terms[i]), space.forms) for i in order[:n]]


#: words that weigh in grouping texts but tell a reader nothing about a subject (lemmas without accents)
VAGUE_WORDS = frozenset(
    [
        "jamai",
        "depui",
        "vite",
        "exactement",
        "toujour",
        "souvent",
        "beaucoup",
        "troi",
        "quatre",
        "cinq",
        "ensuite",
        "enfin",
        "surtout",
        "maintenant",
    ]
)


def _telling(term: str) -> bool:
    """Whether a term (a lemma or a pair of lemmas) is worth showing as a key term."""
    return not any(word in VAGUE_WORDS for word in term.split())


def representatives(vectors: np.ndarray, members: list[int], n: int = 3) -> list[int]:
    """The members closest to their group's centre."""
    centre = normalize(vectors[members].mean(axis=0, keepdims=True))[0]
    scores = vectors[members] @ centre
    return [members[i] for i in np.argsort(-scores)[:n]]


def similar(vectors: np.ndarray, labels: np.ndarray, top: int = 5, floor: float = 0.5, chunk: int = 2000):
    """For each text, up to ``top`` texts of its own group with a cosine similarity ≥ ``floor``, best first.

    Searching within each suggested theme keeps the cost near linear in the number of texts.
    """
    found: list[list[tuple[int, float]]] = [[] for _ in range(len(vectors))]
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        group = vectors[members]
        for start in range(0, len(members), chunk):
            scores = group[start : start + chunk] @ group.T
            for offset, row in enumerate(scores):
                row[start + offset] = -1
                best = np.argpartition(-row, min(top, len(row) - 1))[:top]
                best = best[np.argsort(-row[best])]
                found[members[start + offset]] = [
                    (int(members[j]), round(float(row[j]), 3)) for j in best if row[j] >= floor
                ]
    return found


def suggest_into(vectors: np.ndarray, sorted_labels: dict[int, object], floor: float = 0.0) -> dict[int, tuple]:
    """Suggest an existing theme for each unsorted text: the theme whose centre is nearest.

    ``sorted_labels`` maps the index of each text an organizer already sorted to its theme. Returns
    ``{index: (theme, similarity)}`` for the others whose similarity reaches ``floor``.
    """
    themes = sorted(set(sorted_labels.values()), key=str)
    if not themes:
        return {}
    centres = np.vstack([vectors[[i for i, t in sorted_labels.items() if t == theme]].mean(axis=0) for theme in themes])
    centres = normalize(centres)
    others = [i for i in range(len(vectors)) if i not in sorted_labels]
    if not others:
        return {}
    scores = vectors[others] @ centres.T
    best = scores.argmax(axis=1)
    return {
        i: (themes[b], round(float(scores[row, b]), 3))
        for row, (i, b) in enumerate(zip(others, best, strict=True))
        if scores[row, b] >= floor
    }


def split(values: list, members: list[int]) -> list[tuple[str, int]]:
    """How a group splits by a per-text attribute (category, territory): counts, largest first."""
    return Counter(values[i] for i in members if values[i]).most_common()
