"""Demo of the synthesis assistant: more participants, contributions on real subjects, a campaign, opinion groups.

The texts come from the benchmark's labelled corpus (``synthesis_contributions.json``, copied here so that
the package does not read ``bench/``); 45 more participants write them and state positions following three
opinion profiles, then the assistant computes once, so its screens show real suggestions.
"""

import json
import random
from pathlib import Path

from sqlalchemy import select

from consult.auth.models import Relation
from consult.auth.services import create_confirmed_user
from consult.consultation import services
from consult.consultation.models import PositionValue, Section
from consult.db import db
from consult.synthesis import compute
from consult.synthesis import services as synthesis

TEXTS = Path(__file__).with_name("synthesis_contributions.json")
PEOPLE = 45
TERRITORIES = ["Valence", "Montélimar", "Romans-sur-Isère", "Die", "Crest", "Nyons"]
RELATIONS = [Relation.FAMILY_CAREGIVER, Relation.SERVICE_USER, Relation.PROFESSIONAL, Relation.ASSOCIATION_MEMBER]
VALUES = [PositionValue.DISAGREE, PositionValue.MIXED, PositionValue.AGREE]


def _people(context, rng):
    return [
        create_confirmed_user(
            f"habitant{n}@demo.concertation.fr",
            f"Habitant·e {n}",
            context["password"],
            relation=rng.choice(RELATIONS),
            territory=rng.choice(TERRITORIES),
        )
        for n in range(1, PEOPLE + 1)
    ]


#: the section of the draft each subject of the corpus is about (a fragment of its title)
SUBJECT_SECTIONS = {
    "daycare": "soutenir les proches aidants",
    "respite": "soutenir les proches aidants",
    "employment": "société plus inclusive",
    "school_inclusion": "société plus inclusive",
    "falls_prevention": "vieillissement de la population",
    "homecare_cost": "services à domicile",
    "homecare_staff": "services à domicile",
    "housing": "bien vivre chez soi",
    "transport": "bien vivre chez soi",
    "isolation_digital": "maisons de l'autonomie",
    "mdph_delays": "situation de handicap",
    "nursing_homes": "les établissements",
}


def _latest_version(context):
    return max(context["draft"].versions, key=lambda version: version.number)


def _sections(context):
    sections = db.session.scalars(
        select(Section).where(Section.version_id == _latest_version(context).id).order_by(Section.position, Section.id)
    ).all()
    return [s for s in sections if s.parent_id is not None] or list(sections)


def _section_about(sections, subject):
    fragment = SUBJECT_SECTIONS.get(subject, "")
    return next((s for s in sections if fragment and fragment in s.title.lower()), sections[0])


def _moments(context, count):
    """``count`` instants spread over the open window so far: participation grows day by day, not at once."""
    opens, now = _latest_version(context).opens_at, context["now"]
    return [opens + (now - opens) * (n + 1) / (count + 1) for n in range(count)]


def load(context):
    """Post the texts, state the positions, compute the assistant's suggestions."""
    rng = random.Random(16)
    organizer, process, now = context["organizer"], context["process"], context["now"]
    people, sections = _people(context, rng), _sections(context)
    items = json.loads(TEXTS.read_text(encoding="utf-8"))
    subjects = sorted({item["subject"] for item in items})
    for n, (item, moment) in enumerate(zip(items, _moments(context, len(items)), strict=True)):
        section = _section_about(sections, item["subject"])
        services.post_comment(people[n % PEOPLE], section, body=item["text"], now=moment)
    profiles = [[rng.choice([-1, 1]) for _ in sections] for _ in range(3)]
    for n, person in enumerate(people):
        for j, section in enumerate(sections):
            value = profiles[n % 3][j] if rng.random() > 0.15 else rng.choice([-1, 0, 1])
            services.set_position(person, section, VALUES[value + 1], now=now)
    run = synthesis.request_run(organizer, process, theme_count=len(subjects))
    compute.run(run.id)
