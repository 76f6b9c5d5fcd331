"""The demo step: themes, part of the contributions treated, syntheses and the report's texts."""

from importlib import import_module

from sqlalchemy import func, select

from consult.db import db, utcnow
from consult.demo import DEMO_PASSWORD
from consult.report.models import ClosingReport, Synthesis, Theme
from consult.report.treatment.queries import progress
from tests.report_helpers import consulted_sections, contribute

BODIES = [
    "Je suis aidante de ma mère depuis six ans, il faut plus de places de répit.",
    "Les démarches MDPH sont trop longues, un seul dossier suffirait.",
    "Il n'y a aucun bus pour aller à l'accueil de jour depuis mon village.",
    "Il faudrait des logements adaptés en centre-bourg.",
    "Former les professionnels du domicile à la maladie d'Alzheimer.",
    "Augmenter les heures d'aide à domicile le week-end.",
    "Créer un numéro unique pour les urgences de nuit.",
]


def test_demo_step_treats_part_of_the_contributions():
    context = {"now": utcnow(), "password": DEMO_PASSWORD}
    for step in ("accounts", "processes"):
        import_module(f"consult.demo.{step}").load(context)
    (section,) = consulted_sections(context["organizer"], context["process"])
    for body in BODIES:
        contribute(section, body)
    import_module("consult.demo.report_treatment").load(context)

    figures = progress(context["process"].id)
    assert figures.total == len(BODIES)
    assert 0 < figures.treated < figures.total
    assert db.session.scalar(select(func.count(Theme.id))) == 4
    assert db.session.scalar(select(func.count(Synthesis.id))) == 2
    assert "L. 312-5" in db.session.scalar(select(ClosingReport.legal_frame_html))
