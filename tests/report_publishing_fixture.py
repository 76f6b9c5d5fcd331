"""A small concertation with known figures, shared by the report publishing tests, made through the services.

Its consultation window closed yesterday: everything was written while it was open (``now=`` two days ago),
so a final report may be published once every contribution has a disposition.
"""

from datetime import date, timedelta

from consult.auth.models import Relation
from consult.consultation.models import Channel, ContributionKind, PositionValue
from consult.consultation.services import (
    hide_contribution,
    propose_amendment,
    publish_version,
    record_offline_contribution,
    remove_section,
    respond_to_contribution,
    set_position,
    support_contribution,
    update_section,
    withdraw_contribution,
)
from consult.db import utcnow
from consult.report.models import DispositionValue
from consult.stakeholders.models import StakeholderCategory, StakeholderKind
from consult.stakeholders.services.invitations import invite_stakeholders
from consult.stakeholders.services.representatives import decide_representation, request_representation
from tests import factories as f

EMAILS = [
    "orga.report@exemple.fr",
    "alice.martin@exemple.fr",
    "bruno.durand@exemple.fr",
    "chloe.bernard@exemple.fr",
    "denis.petit@exemple.fr",
    "eve.leroy@exemple.fr",
    "jean.dupont@exemple.fr",
]
PRIVATE_NAMES = [
    "Alice Martin",
    "Bruno Durand",
    "Chloé Bernard",
    "Denis Petit",
    "Eve Leroy",
    "Jean Dupont",
    "Olga Organisatrice",
]
LETTER_DAY = date(2026, 10, 14)


def _sections(orga, process, titles, *, opens_at, closes_at):
    """A draft whose only sections are parts with these titles, published with this window."""
    draft, sections = f.make_draft(orga, process, publish=False)
    parts = [s for s in sections if s.parent_id is None]
    for section in [s for s in sections if s.parent_id is not None] + parts[len(titles) :]:
        remove_section(orga, section)
    for part, title in zip(parts, titles, strict=False):
        update_section(orga, part, title=title, body_md=f"Le texte de « {title} ».")
    publish_version(orga, draft.versions[-1], opens_at=opens_at, closes_at=closes_at)
    return parts[: len(titles)]


def _stakeholders(orga, process, denis):
    apf = f.make_stakeholder(process, orga, name="APF France handicap Drôme", fields=["disability"])
    ccas = f.make_stakeholder(
        process,
        orga,
        name="CCAS de Valence",
        category=StakeholderCategory.INSTITUTIONS,
        fields=[],
    )
    jean = f.make_stakeholder(
        process,
        orga,
        name="Jean Dupont",
        kind=StakeholderKind.PERSON,
        category=StakeholderCategory.SERVICE_USERS,
        fields=[],
        contact_email=EMAILS[6],
        contact_name="Jean Dupont",
    )
    invite_stakeholders(orga, process, [apf, ccas, jean])
    decide_representation(orga, process, request_representation(denis, process, apf), confirm=True)
    return apf


def build():
    """Build the fixture; return a dict of its objects."""
    now = utcnow()
    then = now - timedelta(days=2)
    orga = f.make_user(EMAILS[0], name="Olga Organisatrice", relation=Relation.OTHER)
    process = f.make_process(orga, title="Schéma de l'autonomie de la Drôme-des-Collines")
    alice = f.make_user(EMAILS[1], name="Alice Martin", relation=Relation.SERVICE_USER, territory="Valence")
    bruno = f.make_user(EMAILS[2], name="Bruno Durand", relation=Relation.FAMILY_CAREGIVER, territory="Montélimar")
    chloe = f.make_user(EMAILS[3], name="Chloé Bernard", relation=Relation.PROFESSIONAL, territory="Valence")
    denis = f.make_user(EMAILS[4], name="Denis Petit", relation=Relation.ASSOCIATION_MEMBER, territory="Romans")
    eve = f.make_user(EMAILS[5], name="Eve Leroy", relation=Relation.OTHER, territory="Die")
    apf = _stakeholders(orga, process, denis)
    s1, s2 = _sections(
        orga,
        process,
        ["Maintien à domicile", "Soutien aux aidants"],
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )
    c1 = f.make_comment(alice, s1, "Plus d'heures d'aide à domicile le week-end.", now=then)
    c2 = propose_amendment(
        chloe, s1, proposed_text="Former **toutes** les aides à domicile.", justification="Former les aides.", now=then
    )
    c3 = f.make_comment(denis, s1, "Adapter les logements.", stakeholder_id=apf.id, now=then)
    c4 = record_offline_contribution(
        orga,
        s2,
        kind=ContributionKind.COMMENT,
        channel=Channel.LETTER,
        received_on=LETTER_DAY,
        body="Lettre : un relais pour les aidants.",
        category=Relation.FAMILY_CAREGIVER,
        territory="Montélimar",
    )
    c5 = f.make_comment(bruno, s2, "Des places de répit.", now=then)
    c6 = f.make_comment(alice, s2, "D'accord avec les places de répit.", parent=c5, now=then)
    hidden = f.make_comment(bruno, s1, "CONTENU MASQUÉ", now=then)
    hide_contribution(orga, hidden, reason="Propos injurieux")
    withdraw_contribution(chloe, f.make_comment(chloe, s2, "CONTENU RETIRÉ", now=then))
    for contribution, supporters in ((c1, (bruno, chloe, denis, eve)), (c2, (alice, denis)), (c3, (alice,))):
        for supporter in supporters:
            support_contribution(supporter, contribution, now=then)
    for user, value in ((alice, "agree"), (bruno, "agree"), (chloe, "mixed"), (denis, "disagree")):
        set_position(user, s1, PositionValue(value), now=then)
    for user in (alice, bruno, chloe):
        set_position(user, s2, PositionValue.AGREE, now=then)
    home = f.make_theme(orga, process, "Aide à domicile", disposition="accepted", reason="Retenu : **plus d'heures**.")
    respite = f.make_theme(orga, process, "Répit")
    f.treat(orga, c1, theme=home)
    f.treat(orga, c2, "rejected", theme=home, reason="Hors budget cette année.")
    f.treat(orga, c3, "partly_accepted", reason="En partie, avec le bailleur.")
    f.treat(orga, c4, "out_of_scope", reason="Relève de l'État.")
    f.treat(orga, c5, theme=respite)
    respond_to_contribution(orga, c3, body="Le bailleur social est associé au groupe logement.")
    f.make_synthesis(orga, process, s1, "Les participants demandent **plus d'aide**.")
    f.make_synthesis(orga, process, None, "Une concertation riche.")
    return {
        "orga": orga,
        "process": process,
        "users": [alice, bruno, chloe, denis, eve],
        "s1": s1,
        "s2": s2,
        "c": [c1, c2, c3, c4, c5, c6],
        "themes": [home, respite],
        "apf": apf,
        "then": then,
    }


def treat_the_rest(data):
    """Give the untreated contributions (c5 through its theme, c6) a disposition."""
    from consult.report.treatment.services import set_disposition, set_theme_disposition

    orga, process = data["orga"], data["process"]
    set_theme_disposition(orga, process, data["themes"][1], disposition=DispositionValue.ACCEPTED, reason_md="Oui")
    set_disposition(orga, process, [data["c"][5].id], disposition=DispositionValue.REJECTED, reason_md="Non")


def pending_comment(data, body="En attente de modération"):
    """A comment held for moderation: the process switches to pre-moderation, then Eve writes (window open then)."""
    from consult.processes.models import Field, ModerationMode
    from consult.processes.services import update_process

    process = data["process"]
    update_process(
        data["orga"],
        process,
        title=process.title,
        summary_md=process.summary_md,
        fields=[Field(value) for value in process.fields],
        territory=process.territory,
        slug=process.slug,
        is_published=process.is_published,
        moderation_mode=ModerationMode.PRE,
    )
    return f.make_comment(data["users"][4], data["s1"], body, now=data["then"])
