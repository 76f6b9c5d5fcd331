"""The labelled corpus of the synthesis benchmark holds what the issue asks for."""

import json
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "synthesis_corpus" / "corpus.json"


def load():
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def test_corpus_has_600_contributions_on_at_least_10_subjects_with_labels():
    corpus = load()
    assert len(corpus) >= 600
    subjects = Counter(c["subject"] for c in corpus)
    assert len(subjects) >= 10
    assert all(count >= 50 for count in subjects.values())
    assert {"respite", "daycare", "homecare_staff", "homecare_cost"} <= set(subjects)
    assert all(c["text"].strip() and c["category"] and c["territory"] for c in corpus)


def test_corpus_plants_three_campaigns_of_60_25_and_10():
    sizes = Counter(c["campaign"] for c in load() if c["campaign"])
    assert sizes == {"letter": 60, "slogan": 25, "copies": 10}


def test_corpus_mixes_registers_and_organic_texts_are_all_different():
    corpus = load()
    assert {c["register"] for c in corpus} >= {"testimony", "short", "long_message", "letter", "angry"}
    organic = [c["text"] for c in corpus if not c["campaign"]]
    assert len(set(organic)) == len(organic)
    assert any("a domicile" in t for t in organic)  # some typed without accents
