"""Demo: a partly treated consultation and one published revision of its closing report (PDF and open data).

The consultation, stakeholder and treatment services are other domains': when their demo steps ran
before this one, their contributions and themes are used; otherwise a small set is written here.
"""

from datetime import timedelta

from sqlalchemy import func, select

from consult.auth.models import Relation
from consult.consultation.models import (
    Channel,
    Contribution,
    ContributionKind,
    Draft,
    DraftVersion,
    Position,
    PositionValue,
    Section,
)
from consult.db import db
from consult.report.models import DispositionValue, Synthesis, Theme, Treatment
from consult.report.publishing.pdf import build_pdf
from consult.report.publishing.snapshot.services import publish_report, save_report_texts
from consult.text import markdown_to_html, plain_to_html

SECTIONS = [
    ("Vivre à domicile le plus longtemps possible", "Renforcer les services d'aide et de soins à domicile."),
    ("Soutenir les proches aidants", "Développer le répit et l'information des aidants."),
    ("Une société plus inclusive", "Rendre les lieux publics et les transports accessibles."),
]
COMMENTS = [
    (
        0,
        "Il faudrait des passages d'aide à domicile le week-end et les jours fériés.",
        Relation.SERVICE_USER,
        "Valence",
        12,
    ),
    (
        0,
        "Les aides à domicile doivent être mieux formées aux troubles cognitifs.",
        Relation.PROFESSIONAL,
        "Romans-sur-Isère",
        8,
    ),
    (
        0,
        "Mon père attend six semaines pour une évaluation APA : c'est trop long.",
        Relation.FAMILY_CAREGIVER,
        "Montélimar",
        15,
    ),
    (1, "Un accueil de jour près de chez nous permettrait de souffler un peu.", Relation.FAMILY_CAREGIVER, "Die", 9),
    (1, "Proposer des formations gratuites aux aidants, le soir.", Relation.ASSOCIATION_MEMBER, "Valence", 4),
    (1, "Les aidants salariés ont besoin de congés plus souples.", Relation.ELECTED_OFFICIAL, "Nyons", 2),
    (2, "Les transports à la demande ne sont pas accessibles en fauteuil.", Relation.SERVICE_USER, "Crest", 11),
    (2, "Former les agents d'accueil à la langue des signes.", Relation.ASSOCIATION_MEMBER, "Valence", 5),
]
OFFLINE = [
    (
        0,
        "Courrier : demande de téléassistance gratuite pour les plus de 85 ans.",
        Channel.LETTER,
        Relation.SERVICE_USER,
        "Dieulefit",
    ),
    (
        1,
        "Réunion publique de Die : plusieurs aidants demandent un numéro unique.",
        Channel.PUBLIC_MEETING,
        Relation.FAMILY_CAREGIVER,
        "Die",
    ),
    (2, "Appel téléphonique : la mairie n'a pas de rampe d'accès.", Channel.PHONE, Relation.OTHER, "Saint-Vallier"),
]


def _sections(process, now):
    sections = db.session.scalars(
        select(Section).join(DraftVersion).join(Draft).where(Draft.process_id == process.id).order_by(Section.id)
    ).all()
    if sections:
        return sections
    draft = Draft(process_id=process.id, title="Projet de schéma de l'autonomie")
    version = DraftVersion(
        number=1,
        published_at=now - timedelta(days=14),
        opens_at=now - timedelta(days=14),
        closes_at=now + timedelta(days=30),
    )
    draft.versions.append(version)
    db.session.add(draft)
    db.session.flush()
    for position, (title, body) in enumerate(SECTIONS):
        db.session.add(
            Section(
                version_id=version.id, position=position, title=title, body_md=body, body_html=markdown_to_html(body)
            )
        )
    db.session.flush()
    return db.session.scalars(select(Section).where(Section.version_id == version.id).order_by(Section.position)).all()


def _contributions(process, sections, participants, now):
    if db.session.scalar(select(func.count(Contribution.id)).where(Contribution.process_id == process.id)):
        return
    for n, (index, body, category, territory, supports) in enumerate(COMMENTS):
        author = participants[n % len(participants)]
        db.session.add(
            Contribution(
                process_id=process.id,
                section_id=sections[index].id,
                kind=ContributionKind.COMMENT,
                author_id=author.id,
                contributor_category=category,
                contributor_territory=territory,
                body=body,
                body_html=plain_to_html(body),
                support_count=supports,
                created_at=now - timedelta(days=13 - n),
            )
        )
    for n, (index, body, channel, category, territory) in enumerate(OFFLINE):
        db.session.add(
            Contribution(
                process_id=process.id,
                section_id=sections[index].id,
                kind=ContributionKind.COMMENT,
                channel=channel,
                received_on=(now - timedelta(days=6 - n)).date(),
                contributor_category=category,
                contributor_territory=territory,
                body=body,
                body_html=plain_to_html(body),
                created_at=now - timedelta(days=5 - n),
            )
        )
    values = [PositionValue.AGREE, PositionValue.AGREE, PositionValue.MIXED, PositionValue.DISAGREE]
    for i, user in enumerate(participants):
        for j, section in enumerate(sections):
            db.session.add(
                Position(
                    process_id=process.id,
                    section_id=section.id,
                    user_id=user.id,
                    value=values[(i + j) % len(values)],
                    contributor_category=user.relation,
                    contributor_territory=user.territory,
                )
            )
    db.session.flush()


def _treat(process, sections, organizer):
    """Two themes and dispositions on part of the contributions (the rest stays to treat)."""
    if db.session.scalar(select(func.count(Theme.id)).where(Theme.process_id == process.id)):
        return
    home = Theme(
        process_id=process.id,
        title="Aide à domicile",
        disposition=DispositionValue.ACCEPTED,
        reason_md="Le schéma prévoit une **astreinte le week-end** dès 2027.",
        reason_html=markdown_to_html("Le schéma prévoit une **astreinte le week-end** dès 2027."),
    )
    respite = Theme(process_id=process.id, title="Répit des aidants")
    db.session.add_all([home, respite])
    db.session.flush()
    contributions = db.session.scalars(
        select(Contribution).where(Contribution.process_id == process.id).order_by(Contribution.id)
    ).all()
    plan = {
        0: (home, None, ""),
        1: (home, DispositionValue.PARTLY_ACCEPTED, "Formation prévue, sans les troubles cognitifs la première année."),
        2: (None, DispositionValue.ACCEPTED, "Objectif : évaluation APA en trois semaines."),
        3: (respite, DispositionValue.ACCEPTED, "Deux accueils de jour ouvriront dans le Diois."),
        5: (respite, DispositionValue.OUT_OF_SCOPE, "Le droit du travail relève de l'État."),
    }
    for index, (theme, disposition, reason) in plan.items():
        if index < len(contributions):
            db.session.add(
                Treatment(
                    contribution_id=contributions[index].id,
                    theme_id=theme.id if theme else None,
                    disposition=disposition,
                    reason_md=reason,
                    reason_html=markdown_to_html(reason),
                    decided_by_id=organizer.id,
                )
            )
    for section, body in (
        (sections[0], "Les participants demandent surtout **plus de présence à domicile**."),
        (None, "Une concertation suivie par les usagers, les aidants et les professionnels."),
    ):
        exists = select(Synthesis.id).where(
            Synthesis.process_id == process.id, Synthesis.section_id == (section.id if section else None)
        )
        if section is None:
            exists = select(Synthesis.id).where(Synthesis.process_id == process.id, Synthesis.section_id.is_(None))
        if not db.session.scalar(exists):
            db.session.add(
                Synthesis(
                    process_id=process.id,
                    section_id=section.id if section else None,
                    body_md=body,
                    body_html=markdown_to_html(body),
                    updated_by_id=organizer.id,
                )
            )
    db.session.commit()


def load(context):
    """Publish an interim closing report of the demo process, with its PDF and open data."""
    process, organizer, now = context["process"], context["organizer"], context["now"]
    sections = _sections(process, now)
    _contributions(process, sections, context["participants"], now)
    _treat(process, sections, organizer)
    save_report_texts(
        organizer,
        process,
        legal_frame_md="Le schéma départemental de l'autonomie est prévu par l'**article L. 312-5** du Code de "
        "l'action sociale et des familles. Il est arrêté par le président du Conseil départemental après "
        "concertation avec les représentants des usagers et des acteurs du secteur.",
        next_steps_md="- Un **comité de suivi** réunira usagers, aidants et partenaires deux fois par an.\n"
        "- Une évaluation à mi-parcours sera publiée en 2029.",
        licence="Licence Ouverte 2.0",
    )
    revision = publish_report(organizer, process, interim=True, now=now)
    build_pdf(revision, now=now)
    context["report_revision"] = revision
