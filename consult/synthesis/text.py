"""French text reduced to lemmas: *aidant*, *aidants*, *aidante* count as one term.

simplemma (a dictionary lemmatizer shipped with its data, nothing downloaded) gives the lemma; a light
folding of plural and feminine endings catches the nouns it does not know; accents are then removed so
that a text typed without accents meets the same terms.
"""

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import numpy as np
import simplemma

_WORD = re.compile(r"[a-zà-öø-ÿœæ]+(?:['’-][a-zà-öø-ÿœæ]+)*")
_WORD_ANY_CASE = re.compile(_WORD.pattern, re.IGNORECASE)
_ELISION = re.compile(r"^(?:[ldjmntsc]|qu|jusqu|lorsqu|puisqu)['’]")

STOP_WORDS = frozenset(  # noqa: SIM905 (a word list reads better as text)
    [
        "a",
        "afin",
        "ai",
        "aie",
        "aient",
        "aies",
        "ait",
        "alor",
        "alors",
        "apre",
        "apres",
        "as",
        "au",
        "aucun",
        "aupres",
        "aussi",
        "autre",
        "autres",
        "aux",
        "avai",
        "avais",
        "avait",
        "avant",
        "avec",
        "avoir",
        "avon",
        "ayant",
        "bcp",
        "bien",
        "bon",
        "c",
        "ca",
        "car",
        "ce",
        "ceci",
        "cela",
        "celle",
        "celui",
        "cependant",
        "ces",
        "cet",
        "cette",
        "ceux",
        "chaque",
        "chez",
        "ci",
        "comme",
        "comment",
        "d",
        "dan",
        "dans",
        "de",
        "dela",
        "depuis",
        "des",
        "deux",
        "doit",
        "donc",
        "dont",
        "du",
        "duquel",
        "e",
        "elle",
        "elles",
        "en",
        "encore",
        "entre",
        "es",
        "est",
        "et",
        "etai",
        "etais",
        "etait",
        "ete",
        "etre",
        "eu",
        "eux",
        "fai",
        "faire",
        "fait",
        "faut",
        "font",
        "fois",
        "ici",
        "il",
        "ile",
        "ils",
        "j",
        "je",
        "jamais",
        "jour",
        "jusqu",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "lor",
        "lors",
        "lui",
        "m",
        "ma",
        "mai",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "moin",
        "moins",
        "mon",
        "n",
        "ne",
        "ni",
        "no",
        "non",
        "nos",
        "notre",
        "nou",
        "nous",
        "on",
        "ont",
        "ou",
        "par",
        "parce",
        "pas",
        "peu",
        "peut",
        "plu",
        "plus",
        "pour",
        "pourquoi",
        "pourrait",
        "pouvoir",
        "puis",
        "qu",
        "quand",
        "que",
        "quel",
        "quelle",
        "quelque",
        "qui",
        "quoi",
        "s",
        "sa",
        "san",
        "sans",
        "se",
        "sera",
        "serait",
        "ses",
        "si",
        "sinon",
        "soi",
        "soit",
        "son",
        "sont",
        "sou",
        "sous",
        "suis",
        "sur",
        "t",
        "ta",
        "tant",
        "te",
        "tes",
        "toi",
        "ton",
        "tou",
        "tous",
        "tout",
        "toute",
        "toutes",
        "tre",
        "tres",
        "trop",
        "tu",
        "un",
        "une",
        "vo",
        "voir",
        "vos",
        "votre",
        "vou",
        "vous",
        "y",
        "etc",
        "svp",
        "merci",
        "bonjour",
        "madame",
        "monsieur",
        "cordialement",
        "falloir",
        "devoir",
        "vouloir",
        "aller",
        "dire",
        "chose",
        "cas",
        "fois",
        "rien",
        "personne",
        "tout",
        "chaque",
        "deja",
        "ainsi",
        "vraiment",
    ]
)


def strip_accents(text: str) -> str:
    """The text without diacritics (é → e), so that accents typed or not give the same term."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _fold(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 4 and (word.endswith("nte") or word.endswith("ée")):
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def lemma(token: str) -> str:
    """The lemma of one lower-case token, plural and feminine folded, without accents: what terms match on."""
    token = _ELISION.sub("", token)
    return strip_accents(_fold(simplemma.lemmatize(token, lang="fr").lower()))


def readable_forms(texts: list[str]) -> dict[str, str]:
    """For each matching lemma (no accents), the word people wrote most often: *probleme* reads *problème*.

    On a tie the form with more accents wins (people who type without accents do not mean it), then the
    shorter. A word mostly written in capitals is an acronym and keeps them (MDPH).
    """
    seen: dict[str, Counter] = {}
    shouted: Counter = Counter()  # how often each lower-case form was written in capitals (MDPH, APA)
    for text in texts:
        for written in _WORD_ANY_CASE.findall(text):
            token = written.lower()
            form = _ELISION.sub("", token)
            seen.setdefault(lemma(token), Counter())[form] += 1
            shouted[form] += len(written) > 1 and written.isupper()
    shown = {}
    for key, forms in seen.items():
        form, count = max(forms.items(), key=lambda item: (item[1], _accents(item[0]), -len(item[0])))
        shown[key] = form.upper() if 2 * shouted[form] > count else form
    return shown


def _accents(word: str) -> int:
    return sum(not c.isascii() for c in word)


def readable(term: str, forms: dict[str, str]) -> str:
    """A term (a lemma or a pair of lemmas) as people wrote it."""
    return " ".join(forms.get(word, word) for word in term.split())


def lemmas(text: str) -> list[str]:
    """The meaningful lemmas of a text, in order (stop words and one-letter words dropped)."""
    found = []
    for token in _WORD.findall(text.lower()):
        word = lemma(token)
        if len(word) > 1 and word not in STOP_WORDS and not word.isdigit():
            found.append(word)
    return found


def lemma_text(text: str) -> str:
    """The lemmas joined by spaces: the input of the TF-IDF vectorizers."""
    return " ".join(lemmas(text))


def normalized(text: str) -> str:
    """Lower case, no accents, one space between words: what near-duplicate detection compares."""
    return " ".join(re.findall(r"\w+", strip_accents(text.lower())))


REPEATED_WORDS = 5  # a run of this many words...
REPEATED_SHARE = 0.02  # ...found in this share of the texts (and at least MIN_REPEATS) is boilerplate
MIN_REPEATS = 4


def strip_repeated_phrases(texts: list[str]) -> list[str]:
    """The texts without the phrases many of them share: letterheads, formules de politesse, stock phrases.

    A run of ``REPEATED_WORDS`` words found in at least ``REPEATED_SHARE`` of the texts says nothing about
    any one subject, yet in a long letter it outweighs the sentence that does. Campaigns must be set aside
    first (their copies would make their own words boilerplate). A text made only of such phrases is kept
    whole. Runs are counted by their hashes, in two passes, so that 100,000 texts fit in little memory.
    """
    seen = [np.unique(_run_hashes(_WORD.findall(t.lower()))) for t in texts]
    values, counts = np.unique(np.concatenate(seen) if seen else np.empty(0, np.int64), return_counts=True)
    common = values[counts >= max(MIN_REPEATS, REPEATED_SHARE * len(texts))]
    stripped = []
    for text, found in zip(texts, seen, strict=True):
        words = _WORD.findall(text.lower())
        stripped.append(_without(words, common) if np.isin(found, common).any() else " ".join(words))
    return stripped


def lemma_texts(texts: list[str]) -> list[str]:
    """The lemmas of each text once the phrases many texts share are stripped: what the themes compare."""
    return [lemma_text(t) for t in strip_repeated_phrases(texts)]


def _run_hashes(words: list[str]) -> np.ndarray:
    keys = [strip_accents(w) for w in words]
    count = len(keys) - REPEATED_WORDS + 1
    return np.fromiter((hash(tuple(keys[i : i + REPEATED_WORDS])) for i in range(count)), np.int64, max(count, 0))


def _without(words: list[str], common: np.ndarray) -> str:
    dropped = np.zeros(len(words), dtype=bool)
    for i in np.flatnonzero(np.isin(_run_hashes(words), common)):
        dropped[i : i + REPEATED_WORDS] = True
    left = [w for w, d in zip(words, dropped, strict=True) if not d]
    return " ".join(left or words)
