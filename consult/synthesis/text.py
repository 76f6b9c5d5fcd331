"""French text reduced to lemmas: *aidant*, *aidants*, *aidante* count as one term.

simplemma (a dictionary lemmatizer shipped with its data, nothing downloaded) gives the lemma; a light
folding of plural and feminine endings catches the nouns it does not know; accents are then removed so
that a text typed without accents meets the same terms.
"""

import re
import unicodedata
from functools import lru_cache

import simplemma

_WORD = re.compile(r"[a-zà-öø-ÿœæ]+(?:['’-][a-zà-öø-ÿœæ]+)*")
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
    """The lemma of one lower-case token, plural and feminine folded, without accents."""
    token = _ELISION.sub("", token)
    return strip_accents(_fold(simplemma.lemmatize(token, lang="fr").lower()))


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
