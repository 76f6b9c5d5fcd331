"""The demo process: « Schéma départemental de l'autonomie 2027-2031 » with phases around today."""

from datetime import timedelta

from consult.dates import paris_today
from consult.processes.models import Field, PhaseKind
from consult.processes.services import add_organizer, create_process, set_phase

SUMMARY = """Le Département de la Drôme-des-Collines prépare son **schéma départemental de l'autonomie**
pour 2027-2031. Ce schéma fixe, pour cinq ans, les priorités de l'action du Département en faveur
des personnes âgées, des personnes en situation de handicap et de leurs aidants.

Conformément au Code de l'action sociale et des familles, il est élaboré **en concertation** avec
toutes les personnes concernées : usagers et leurs représentants, familles et aidants, associations,
établissements et services, institutions partenaires (ARS, CAF, CPAM, communes, CCAS) et élus.

Comment participer ?

- lire le projet de schéma, section par section, et dire si vous êtes d'accord ;
- commenter, proposer des modifications, soutenir les propositions des autres ;
- venir aux réunions publiques organisées sur tout le territoire ;
- pour les associations et institutions : rejoindre un groupe de travail thématique.

Vous pouvez aussi écrire au Département (Direction de l'autonomie, 26 avenue du Président-Herriot,
26000 Valence) ou appeler le 04 75 00 00 00 : vos contributions seront enregistrées et comptées comme
celles déposées en ligne."""

# (kind, first day, last day) relative to today, and a short description.
CALENDAR = [
    (PhaseKind.IDENTIFICATION, -200, -160, "Recensement des parties prenantes et invitations."),
    (PhaseKind.DIAGNOSTIC, -159, -110, "Questionnaires, études et réunions territoriales sur les besoins."),
    (PhaseKind.OBJECTIVES, -109, -75, "Choix partagé des orientations prioritaires."),
    (PhaseKind.WORKING_GROUPS, -74, -15, "Quatre groupes de travail rédigent les fiches actions."),
    (PhaseKind.CONSULTATION, -14, 30, "Le projet de schéma est soumis à l'avis de toutes et tous."),
    (PhaseKind.REPORT, 31, 75, "Publication du bilan de la concertation et de la version finale."),
]


def load(context):
    """Create the demo process with its calendar."""
    organizer = context["organizer"]
    process = create_process(
        context["admin"],
        title="Schéma départemental de l'autonomie 2027-2031",
        slug="schema-autonomie-2027-2031",
        summary_md=SUMMARY,
        fields=[Field.AUTONOMY_ELDERLY, Field.DISABILITY],
        territory="Département de la Drôme-des-Collines",
        is_published=True,
    )
    add_organizer(context["admin"], process, organizer.email)
    today = paris_today(context["now"])
    for kind, start, end, description in CALENDAR:
        set_phase(
            organizer,
            process,
            kind,
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=end),
            description=description,
        )
    context["process"] = process
