"""The synthesis assistant's computations on the labelled corpus: campaigns, themes, suggestions, opinion groups."""

import json
import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from consult.synthesis import campaigns, themes
from consult.synthesis.opinions import opinion_groups
from consult.synthesis.pipeline import analyse
from consult.synthesis.text import lemmas, readable, readable_forms, strip_repeated_phrases

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "synthesis_corpus" / "corpus.json"


@pytest.fixture(scope="module")
def corpus():
    return json.loads(CORPUS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def analysis(corpus):
    return analyse([c["text"] for c in corpus], k=len({c["subject"] for c in corpus}))


def test_lemmas_count_plural_feminine_and_unaccented_forms_as_one_term():
    assert lemmas("Les aidants, l'aidante et un aidant") == ["aidant", "aidant", "aidant"]
    assert lemmas("répit") == lemmas("repit") == ["repit"]


def test_terms_match_without_accents_and_read_as_people_wrote_them():
    forms = readable_forms(["Un problème de résident", "un probleme", "les résidents", "un resident"])
    assert lemmas("probleme") == lemmas("problème") == ["probleme"]
    assert readable("probleme resident", forms) == "problème résident"


def test_acronyms_keep_their_capitals_and_sentence_starts_do_not_count():
    forms = readable_forms(
        ["Mon dossier MDPH attend.", "La MDPH ne répond pas.", "mdph trop lente", "Aidants épuisés."]
    )
    assert readable("mdph", forms) == "MDPH"
    assert readable("aidant", forms) == "aidants"


def test_key_terms_of_the_corpus_are_shown_with_their_accents(analysis):
    terms = {t for theme in analysis.themes for t in theme.terms}
    assert "répit" in terms and "repit" not in terms


def test_campaigns_are_found_with_their_exact_members(corpus):
    found = campaigns.campaigns([c["text"] for c in corpus])
    assert sorted(Counter(corpus[i]["campaign"] for i in g.members).most_common(1)[0][1] for g in found) == [10, 25, 60]
    assert all(corpus[i]["campaign"] for g in found for i in g.members)


def test_phrases_many_texts_share_are_stripped_and_the_subject_kept():
    closing = "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées."
    needs = ["places en accueil de jour", "aides à domicile le soir", "bus vers Valence", "ateliers équilibre"]
    needs += ["logements adaptés", "groupes de parole", "conseillers numériques"]
    subjects = [f"À {town}, il manque des {need}." for need in needs for town in ["Die", "Nyons", "Crest"]]
    stripped = strip_repeated_phrases([f"{s} {closing}" for s in subjects] + [closing])
    assert "salutations" not in stripped[0] and "places en accueil de jour" in stripped[0]
    assert stripped[-1].endswith("salutations distinguées")  # nothing else to say: kept whole


def test_an_edited_copy_is_a_near_duplicate_and_a_different_text_is_not():
    letter = "Nous demandons le maintien des places de l'accueil de jour de Nyons et une navette pour les villages."
    edited = letter.replace("Nyons", "Die").replace("demandons", "demandon")
    other = "Les aides à domicile sont trop peu nombreuses le week-end dans la vallée."
    groups = campaigns.near_duplicate_groups([letter, edited, other])
    assert [g.members for g in groups] == [[0, 1]]


def test_suggested_themes_recover_the_subjects(corpus, analysis):
    # On this hard corpus TF-IDF + k-means reaches ARI ≈ 0.12 and a majority share ≈ 0.34 (bench).
    truth = [c["subject"] for c in corpus]
    assert adjusted_rand_score(truth, analysis.labels) >= 0.4
    majority = sum(Counter(truth[i] for i in t.members).most_common(1)[0][1] for t in analysis.themes)
    assert majority / len(truth) >= 0.6
    for theme in analysis.themes:
        assert theme.terms and theme.representatives


def test_the_same_texts_give_the_same_suggestions(corpus, analysis):
    again = analyse([c["text"] for c in corpus], k=len(analysis.themes), with_similar=False)
    assert (again.labels == analysis.labels).all()


def test_similar_contributions_are_scored_and_share_the_subject(corpus, analysis):
    pairs = [(i, j, score) for i, found in enumerate(analysis.similar) for j, score in found]
    assert pairs and all(0.5 <= score <= 1.0001 for _i, _j, score in pairs)
    same = sum(corpus[i]["subject"] == corpus[j]["subject"] for i, j, _s in pairs)
    assert same / len(pairs) >= 0.9


def test_new_contributions_go_into_the_themes_sorted_by_hand(corpus, analysis):
    truth = [c["subject"] for c in corpus]
    order = list(range(len(corpus)))
    random.Random(1).shuffle(order)
    sorted_by_hand = {i: truth[i] for i in order[: len(order) // 5]}
    suggested = themes.suggest_into(analysis.vectors, sorted_by_hand)
    right = sum(theme == truth[i] for i, (theme, _s) in suggested.items())
    assert right / len(suggested) >= 0.7


def test_planted_opinion_groups_are_recovered_with_consensus_and_division():
    rng = np.random.default_rng(5)
    profiles = rng.choice([-1, 1], size=(3, 12))
    profiles[:, 0] = 1
    positions, truth = [], {}
    for g in range(3):
        for p in range(60):
            truth[(g, p)] = g
            for s in rng.choice(12, size=rng.integers(6, 12), replace=False):
                value = profiles[g, s] if rng.random() > 0.1 else 0
                positions.append(((g, p), int(s), int(value)))
    positions.append(("lone", 0, 1))  # too few positions: not counted
    result = opinion_groups(positions, range(12))
    assert "lone" not in result.participants
    assert adjusted_rand_score([truth[p] for p in result.participants], result.labels) >= 0.8
    assert result.sections[0].consensus == "agree"
    divisive = {v.section for v in result.sections if v.divisive}
    assert divisive <= {j for j in range(12) if len(set(profiles[:, j])) > 1}


def test_a_set_made_only_of_copies_gives_its_campaign_and_no_theme():
    result = analyse(["Non à la fermeture de l'accueil de jour de Nyons !"] * 12 + ["Plus de bus le dimanche."])
    assert [len(g.members) for g in result.campaigns] == [12]
    assert result.themes == []


def test_groups_that_did_not_answer_a_section_neither_unite_nor_divide_it():
    from consult.synthesis.opinions import judge

    assert judge([0.9, None, 0.8], [0.0, None, 0.1]) == ("agree", False)
    assert judge([0.9, None, 0.1], [0.0, None, 0.8]) == (None, True)
    assert judge([0.9, None, None], [0.0, None, None]) == (None, False)  # one group answering says nothing


def test_key_terms_leave_out_vague_words(analysis):
    from consult.synthesis.themes import VAGUE_WORDS

    shown = {word for theme in analysis.themes for term in theme.terms for word in lemmas(term)}
    assert not shown & VAGUE_WORDS
