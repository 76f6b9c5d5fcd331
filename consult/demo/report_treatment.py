"""Demo: the organizers start treating the consultation's contributions (themes, dispositions, syntheses).

Runs after the consultation step; it reads the contributions that step made, so it works whatever their number.
About half stay untreated, so a newcomer sees the treatment in progress.
"""

from sqlalchemy import select

from consult.consultation.models import Contribution
from consult.db import db
from consult.report import rules
from consult.report.models import DispositionValue
from consult.report.treatment import queries, services, texts

# (title, description, words that put a contribution in it, disposition, reason)
THEMES = [
    (
        "Répit et soutien des aidants",
        "Accueil de jour, hébergement temporaire, relayage, formation des aidants.",
        ("aidant", "répit", "relais", "accueil de jour"),
        DispositionValue.PARTLY_ACCEPTED,
        "Le schéma crée **une plateforme de répit par territoire** (fiche action 2.3). "
        "Le relayage à domicile sera expérimenté en 2028 avant toute généralisation.",
    ),
    (
        "Accès aux droits et information",
        "MDPH, APA, guichet unique, démarches en ligne et accompagnement.",
        ("droit", "mdph", "apa", "dossier", "information", "démarche"),
        DispositionValue.ACCEPTED,
        "Un **guichet unique de l'autonomie** ouvrira dans chaque maison des solidarités (fiche action 1.1).",
    ),
    (
        "Transport et mobilité",
        "Transport adapté, desserte des zones rurales.",
        ("transport", "bus", "mobilité", "déplacer"),
        DispositionValue.OUT_OF_SCOPE,
        "Le transport relève de la Région, autorité organisatrice des mobilités ; "
        "les contributions lui sont transmises.",
    ),
    ("Habitat inclusif", "Logements adaptés, habitat partagé, colocations.", ("logement", "habitat"), None, ""),
]

OWN_DISPOSITIONS = [
    (DispositionValue.ACCEPTED, "Proposition reprise dans la version 2 du projet de schéma."),
    (
        DispositionValue.REJECTED,
        "Le budget du schéma ne permet pas cette mesure sur 2027-2031 ; elle sera réétudiée "
        "lors de l'évaluation à mi-parcours.",
    ),  # fmt: skip
    (DispositionValue.PARTLY_ACCEPTED, "Retenue pour les personnes âgées ; à l'étude pour les personnes handicapées."),
]

OVERALL_SYNTHESIS = """La consultation a réuni des usagers, des aidants, des professionnels et des associations
de tout le département. Trois attentes reviennent dans la plupart des contributions :

- **du répit pour les aidants**, près de chez eux et sans démarches compliquées ;
- **un seul lieu pour s'informer** et faire valoir ses droits ;
- **des solutions de transport** dans les zones rurales.

Les avis sont plus partagés sur l'habitat inclusif, que beaucoup connaissent mal."""

SECTION_SYNTHESIS = """Les contributions confirment l'analyse des besoins et la complètent : plusieurs aidants
décrivent un épuisement que les chiffres ne montrent pas. Le Département ajoute un indicateur
sur la santé des aidants au diagnostic."""

LEGAL_FRAME = """Le schéma départemental de l'autonomie est prévu par les articles **L. 312-4 et L. 312-5**
du Code de l'action sociale et des familles. Il est arrêté par le président du conseil départemental
après avis du conseil départemental de la citoyenneté et de l'autonomie (CDCA), pour une durée de cinq ans."""

FOREWORD = """Pendant deux mois, le Département a demandé aux habitants, aux personnes concernées, à leurs proches
et aux professionnels ce qu'ils pensaient de son projet de schéma de l'autonomie. Ce bilan rend compte de
tout ce qui a été dit, et de la suite donnée à chaque contribution."""

CONCLUSION = """La concertation a changé le schéma : des orientations ont été réécrites et d'autres ajoutées.
Le Département s'engage à rendre compte chaque année, devant le comité de suivi, de la mise en œuvre
des engagements pris dans ce bilan."""

NEXT_STEPS = """- **Comité de suivi** : deux réunions par an, avec des représentants des usagers et des aidants.
- **Évaluation à mi-parcours** : fin 2029, publiée sur cette plateforme.
- **Bilan final** : en 2031, avant la préparation du schéma suivant."""


def _matches(contribution, words) -> bool:
    text = f"{contribution.body} {contribution.proposed_text or ''}".lower()
    return any(word in text for word in words)


def _theme_contributions(organizer, process, treatable):
    """Create the themes, put matching contributions in them, and set the themes' dispositions."""
    remaining = list(treatable)
    for title, description, words, disposition, reason in THEMES:
        theme = services.create_theme(organizer, process, title=title, description=description)
        members = [c for c in remaining if _matches(c, words)]
        if members:
            services.assign_theme(organizer, process, [c.id for c in members], theme)
            remaining = [c for c in remaining if c not in members]
        if disposition is not None:
            services.set_theme_disposition(organizer, process, theme, disposition=disposition, reason_md=reason)
    return remaining


def load(context):
    """Treat part of the demo process's contributions, write syntheses and the report's texts."""
    organizer, process = context["organizer"], context["process"]
    query = select(Contribution).where(rules.treatable(process.id)).order_by(Contribution.id)
    treatable = list(db.session.scalars(query))
    unthemed = _theme_contributions(organizer, process, treatable)
    # Every other contribution outside the themes gets its own disposition; the rest wait.
    for index, contribution in enumerate(unthemed[::2][: 3 * len(OWN_DISPOSITIONS)]):
        disposition, reason = OWN_DISPOSITIONS[index % len(OWN_DISPOSITIONS)]
        services.set_disposition(organizer, process, [contribution.id], disposition=disposition, reason_md=reason)
    texts.save_synthesis(organizer, process, None, body_md=OVERALL_SYNTHESIS)
    sections = queries.progress(process.id).sections
    if sections:
        texts.save_synthesis(organizer, process, sections[0].section_id, body_md=SECTION_SYNTHESIS)
    texts.save_closing_texts(
        organizer,
        process,
        foreword_md=FOREWORD,
        legal_frame_md=LEGAL_FRAME,
        next_steps_md=NEXT_STEPS,
        conclusion_md=CONCLUSION,
    )
    context["themes"] = [title for title, *_rest in THEMES]
