"""The demo draft under consultation, with comments, replies, positions, supports, amendments and moderation."""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from consult.auth.models import Relation
from consult.auth.services import create_confirmed_user
from consult.consultation import services
from consult.consultation.models import Channel, ContributionKind, PositionValue, Section
from consult.dates import PARIS, paris_today
from consult.db import db
from consult.demo.consultation_text import PARTS
from consult.stakeholders.queries import represented_stakeholders

#: more participants, so the consultation looks alive: (name, relation, territory)
PEOPLE = [
    ("Martine R.", Relation.SERVICE_USER, "Nyons"),
    ("Karim L.", Relation.FAMILY_CAREGIVER, "Valence"),
    ("Dr Hélène V.", Relation.PROFESSIONAL, "Die"),
    ("Paul G.", Relation.ELECTED_OFFICIAL, "Crest"),
    ("Sandrine M.", Relation.PROFESSIONAL, "Montélimar"),
    ("Lucien T.", Relation.SERVICE_USER, "Saint-Vallier"),
    ("Aïcha B.", Relation.FAMILY_CAREGIVER, "Pierrelatte"),
    ("Thomas F.", Relation.ASSOCIATION_MEMBER, "Romans-sur-Isère"),
]


def _people(context):
    people = [
        create_confirmed_user(
            f"participant{n}@demo.concertation.fr", name, context["password"], relation=relation, territory=place
        )
        for n, (name, relation, place) in enumerate(PEOPLE, start=1)
    ]
    return [*context["participants"], context["representative"], *people]


def _write_draft(organizer, process, closes):
    draft = services.create_draft(organizer, process, title="Projet de schéma départemental de l'autonomie 2027-2031")
    version = draft.versions[-1]
    parts = db.session.scalars(select(Section).where(Section.version_id == version.id).order_by(Section.position))
    for part, (title, text, easy, children) in zip(list(parts), PARTS, strict=True):
        services.update_section(organizer, part, title=title, body_md=text, easy_read_md=easy)
        for child_title, child_text, child_easy in children:
            services.add_section(
                organizer, version, title=child_title, body_md=child_text, easy_read_md=child_easy, parent_id=part.id
            )
    opens = datetime.combine(_consultation_phase(process).starts_on, time(9, 0), tzinfo=PARIS)
    services.publish_version(organizer, version, opens_at=opens, closes_at=closes, now=opens - timedelta(days=1))
    return draft, _by_title(version)


def _consultation_phase(process):
    return next(p for p in process.phases if p.kind.value == "consultation")


def _by_title(version):
    return {s.title: s for s in db.session.scalars(select(Section).where(Section.version_id == version.id))}


def _positions(people, sections, now):
    pattern = [PositionValue.AGREE, PositionValue.AGREE, PositionValue.MIXED, PositionValue.DISAGREE]
    for n, section in enumerate(sections):
        for m, person in enumerate(people):
            if (n + m) % 3:
                services.set_position(person, section, pattern[(n + 2 * m + m // 3) % len(pattern)], now=now)


def _representative_org(context, process):
    stakeholders = represented_stakeholders(context["representative"], process.id)
    return stakeholders[0].id if stakeholders else None


def load(context):
    """Publish the demo draft in two versions and fill them with contributions.

    Version 1 was consulted until five days ago; version 2 (a few changes) is open now, through the
    consultation phase, and received its first contributions.
    """
    organizer, process = context["organizer"], context["process"]
    people = dict(zip(NAMES, _people(context), strict=True))
    first_closes = datetime.combine(paris_today(context["now"]) - timedelta(days=5), time(18, 0), tzinfo=PARIS)
    draft, by_title = _write_draft(organizer, process, first_closes)
    now = first_closes - timedelta(days=2)  # what follows was written while version 1 was open
    _positions(list(people.values()), list(by_title.values()), now)
    _carers_thread(organizer, people, by_title["Orientation 2 : Soutenir les proches aidants"], now)
    _home_and_amendment(organizer, people, by_title, now)
    services.post_comment(people["nadia"], by_title["Les personnes en situation de handicap"], now=now,
                          stakeholder_id=_representative_org(context, process), body=(
        "Cinq mois d'attente pour une PCH, c'est cinq mois sans aide humaine. Nous demandons un délai maximal "
        "de deux mois pour les demandes urgentes et un interlocuteur identifié à la MDPH."))  # fmt: skip
    services.set_position(people["nadia"], by_title["Les personnes en situation de handicap"], PositionValue.DISAGREE,
                          now=now)  # fmt: skip
    _offline(organizer, by_title, paris_today(now))
    _second_version(organizer, process, draft, people, context["now"])
    context["draft"] = draft


#: what version 2 changes: (section title, text added at the end of its first paragraph)
SECOND_VERSION_CHANGES = [
    ("Orientation 2 : Soutenir les proches aidants",
     " Chaque place d'accueil de jour créée sera accompagnée d'un transport adapté financé par le Département."),
    ("Les services à domicile",
     " Les temps de trajet des intervenantes seront pris en compte dans les communes rurales."),
]  # fmt: skip


def _second_version(organizer, process, draft, people, now):
    """Version 2, published the day after version 1's window closed, with a few changes and its first contributions."""
    version = services.start_new_version(organizer, draft)
    by_title = _by_title(version)
    for title, addition in SECOND_VERSION_CHANGES:
        section = by_title[title]
        first, _sep, rest = section.body_md.partition("\n\n")
        body = f"{first}{addition}\n\n{rest}" if rest else f"{first}{addition}"
        services.update_section(organizer, section, title=title, body_md=body, easy_read_md=section.easy_read_md)
    opens = datetime.combine(paris_today(now) - timedelta(days=4), time(9, 0), tzinfo=PARIS)
    closes = datetime.combine(_consultation_phase(process).ends_on, time(18, 0), tzinfo=PARIS)
    services.publish_version(organizer, version, opens_at=opens, closes_at=closes, now=opens - timedelta(hours=12))
    carers = by_title["Orientation 2 : Soutenir les proches aidants"]
    services.post_comment(people["camille"], carers, now=now, body=(
        "Merci d'avoir ajouté le transport vers l'accueil de jour : c'est exactement ce qui manquait."))  # fmt: skip
    services.post_comment(people["lucien"], by_title["Les services à domicile"], now=now, body=(
        "Bonne nouvelle pour les trajets. Il faudrait aussi garder la même intervenante d'une semaine à l'autre."
    ))  # fmt: skip
    for name, value in (("camille", PositionValue.AGREE), ("karim", PositionValue.AGREE),
                        ("aicha", PositionValue.MIXED), ("lucien", PositionValue.AGREE)):  # fmt: skip
        services.set_position(people[name], carers, value, now=now)


#: the demo people in the order _people returns them
NAMES = ["camille", "jean", "nadia", "martine", "karim", "helene", "paul", "sandrine", "lucien", "aicha", "thomas"]


def _carers_thread(organizer, people, carers, now):
    """A caregiver's comment with two replies, supports and the organizers' official response."""
    c1 = services.post_comment(people["camille"], carers, now=now, body=(
        "J'accompagne ma mère atteinte de la maladie d'Alzheimer depuis quatre ans. L'accueil de jour le plus "
        "proche est à 45 minutes de Montélimar et n'a qu'une place le mardi.\nDes places, oui, mais surtout "
        "près de chez nous et avec un transport organisé !"))  # fmt: skip
    services.post_comment(people["karim"], carers, parent=c1, now=now, body=(
        "Même situation à Valence. Le transport est le vrai problème : sans voiture, l'accueil de jour "
        "ne sert à rien."))  # fmt: skip
    services.post_comment(people["helene"], carers, parent=c1, now=now, body=(
        "Médecin à Die : nous voyons des aidants épuisés chaque semaine. La fiche 2.2 sur le repérage est "
        "une très bonne idée, à condition de nous donner un numéro qui répond vraiment."))  # fmt: skip
    for name in ("jean", "karim", "helene", "aicha", "sandrine"):
        services.support_contribution(people[name], c1, now=now)
    services.respond_to_contribution(organizer, c1, body=(
        "Merci pour ce témoignage. Le transport vers l'accueil de jour sera ajouté à la fiche action 2.1 : "
        "le Département financera un transport adapté pour chaque place créée. Nous vous tiendrons informée "
        "dans la version 2 du projet."))  # fmt: skip


def _home_and_amendment(organizer, people, by_title, now):
    """A service user's comment, a professional's amendment, and a comment hidden for personal data."""
    home = by_title["Orientation 1 : Bien vivre chez soi le plus longtemps possible"]
    help_home = by_title["Les services à domicile"]
    c2 = services.post_comment(people["martine"], home, now=now, body=(
        "Je vis seule à Nyons, j'ai 84 ans. L'aide à domicile change tous les mois, je dois tout réexpliquer. "
        "Ce que je demande, c'est de voir la même personne."))  # fmt: skip
    for name in ("camille", "lucien", "paul"):
        services.support_contribution(people[name], c2, now=now)
    amendment = services.propose_amendment(
        people["sandrine"], help_home, now=now,
        proposed_text=help_home.body_md.replace(
            "surtout le week-end.", "surtout le week-end et dans les communes rurales, où les temps de trajet "
            "ne sont pas payés aux intervenantes."),
        justification="Le problème n'est pas seulement le week-end : en zone rurale, les trajets non rémunérés "
                      "font fuir les professionnelles.",
    )  # fmt: skip
    for name in ("helene", "thomas", "karim", "aicha"):
        services.support_contribution(people[name], amendment, now=now)
    rude = services.post_comment(people["thomas"], home, now=now, body=(
        "Appelez directement Mme X au 06 12 34 56 78, elle vous dira ce qu'elle pense de vos services !"))  # fmt: skip
    services.hide_contribution(organizer, rude, reason="Données personnelles : le message citait le nom et le "
                               "numéro de téléphone d'une personne.")  # fmt: skip


def _offline(organizer, by_title, today):
    """A letter and a public meeting's remark, entered by the organizer."""
    services.record_offline_contribution(
        organizer, by_title["Orientation 2 : Soutenir les proches aidants"], kind=ContributionKind.COMMENT,
        channel=Channel.LETTER, received_on=today - timedelta(days=6), category=Relation.FAMILY_CAREGIVER,
        territory="Saint-Vallier",
        body="Courrier reçu : « Mon mari est en fauteuil depuis son AVC. Je n'ai pas pris un jour de repos depuis "
             "deux ans. Un hébergement temporaire près de Saint-Vallier me permettrait de souffler. »",
    )  # fmt: skip
    services.record_offline_contribution(
        organizer, by_title["Orientation 1 : Bien vivre chez soi le plus longtemps possible"],
        kind=ContributionKind.COMMENT, channel=Channel.PUBLIC_MEETING, received_on=today - timedelta(days=3),
        category=Relation.SERVICE_USER, territory="Crest",
        body="Réunion publique de Crest : plusieurs habitants demandent que l'adaptation du logement "
             "couvre aussi les locataires du parc social, pas seulement les propriétaires.",
    )  # fmt: skip
