"""Realistic data for the accessibility walk of every domain's pages, built through the services."""

from datetime import timedelta

from sqlalchemy import select

from consult.dates import paris_today
from consult.db import db, utcnow
from tests.factories import (
    PASSWORD,
    make_comment,
    make_draft,
    make_group,
    make_meeting,
    make_member,
    make_process,
    make_stakeholder,
    make_user,
)

CSV = (
    "nom;type;categorie;domaines;territoire;niveau;influence;interet;statut;notes;contact_nom;contact_email;"
    "contact_telephone\n"
    "APF France handicap;Organisation;Usagers et leurs représentants;Handicap;Valence;Co-construire;4;5;"
    "Identifiée;;Nadia Benali;nadia@apf.exemple.fr;04 75 11 22 33\n"
    "CCAS de Crest;organisation;Institutions;Handicap;Crest;Concerter;3;4;Identifiée;;;pas-un-courriel;\n"
)
SHEET = {
    "objective": "Offrir du répit aux aidants des zones rurales.",
    "description": "Une équipe mobile se déplace au domicile.",
    "pilot": "Département",
    "partners": "CCAS, France Alzheimer",
    "timeline": "2027-2028",
    "budget": "120 000 € par an",
    "indicators": "Nombre d'aidants accompagnés",
}


def _consultation(organizer, participant, world):
    from consult.consultation.models import PositionValue
    from consult.consultation.services import moderation
    from consult.consultation.services.contributions import flag_contribution, propose_amendment, set_position

    process = world["process"]
    draft, sections = make_draft(organizer, process)
    section = sections[-1]
    comment = make_comment(participant, section, "Il manque des places en accueil de jour près de Die.")
    make_comment(make_user(name="Jeanne Martin"), section, "Je suis d'accord, c'est urgent.", parent=comment)
    amendment = propose_amendment(
        participant, section, proposed_text="Le Département finance l'aide à domicile.", justification="Plus clair."
    )
    moderation.respond_to_contribution(organizer, amendment, body="Nous retenons cette formulation.")
    set_position(make_user(), section, PositionValue.AGREE)
    flagged = make_comment(make_user(), section, "Un message à vérifier.")
    flag_contribution(participant, flagged, reason="Propos déplacés")
    world.update(draft=draft, section=section, flagged=flagged)

    closed = make_process(organizer, title="Schéma départemental 2022")
    old_draft, old_sections = make_draft(organizer, closed, opens_in=timedelta(days=-20), closes_in=timedelta(days=-5))
    make_comment_at(participant, old_sections[-1])
    version = _new_version(organizer, old_draft, old_sections[-1])
    world.update(closed=closed, closed_section=old_sections[-1], old_draft=old_draft, version=version)


def make_comment_at(author, section):
    """A comment posted while the (now closed) window was open."""
    from consult.consultation.services.contributions import post_comment

    return post_comment(author, section, body="Commentaire d'avant la clôture.", now=section.version.opens_at)


def _new_version(organizer, draft, section):
    from consult.consultation.models import Section
    from consult.consultation.services import drafts

    version = drafts.start_new_version(organizer, draft)
    copy = db.session.scalars(
        select(Section).where(Section.version_id == version.id, Section.title == section.title)
    ).first()
    drafts.update_section(organizer, copy, title=copy.title, body_md="Un texte **réécrit** après la consultation.")
    now = utcnow()
    drafts.publish_version(organizer, version, opens_at=now, closes_at=now + timedelta(days=10))
    return version


def _stakeholders(organizer, world):
    from consult.stakeholders.services.imports import preview_import
    from consult.stakeholders.services.registry import set_public_list

    process = world["process"]
    stakeholder = make_stakeholder(process, organizer, name="France Alzheimer Drôme", influence=4, interest=5)
    make_stakeholder(process, organizer, name="CCAS de Valence", influence=2, interest=3)
    set_public_list(organizer, process, public_list=True)
    preview = preview_import(organizer, process, CSV.encode("utf-8"), filename="registre.csv")
    world.update(stakeholder=stakeholder, preview=preview)


def _groups(organizer, world):
    from consult.groups.services.proposals import create_proposal

    process = world["process"]
    group = make_group(process, organizer, title="Aidants et répit")
    _stakeholder, member = make_member(group, organizer, name="Association des aidants")
    meeting = make_meeting(group, organizer, title="Atelier répit")
    proposal = create_proposal(
        member, group, title="Plateforme de répit", sheet=SHEET, today=paris_today() - timedelta(days=10)
    )
    world.update(group=group, member=member, meeting=meeting, proposal=proposal)


def build_world():
    """One consultation process with every domain's content, and its people."""
    organizer = make_user("organisatrice@exemple.fr", name="Claire Organisatrice")
    participant = make_user("participant@exemple.fr", name="Marcel Dupuis")
    world = {"organizer": organizer, "participant": participant, "process": make_process(organizer)}
    _consultation(organizer, participant, world)
    _stakeholders(organizer, world)
    _groups(organizer, world)
    return world


def pages(world):
    """(who, name, path) for every page to check; who is None (visitor) or a world key."""
    p = f"/concertations/{world['process'].slug}"
    closed = f"/concertations/{world['closed'].slug}"
    group = f"{p}/groupes/{world['group'].slug}"
    return [
        (None, "process (visitor)", p),
        (None, "group (visitor)", group),
        (None, "404", "/concertations/nulle-part"),
        (None, "section (visitor)", f"{p}/sections/{world['section'].id}"),
        ("participant", "public list of organisations", f"{p}/organisations"),
        ("participant", "draft", f"{p}/projets/{world['draft'].id}"),
        ("participant", "section", f"{p}/sections/{world['section'].id}"),
        ("participant", "closed section", f"{closed}/sections/{world['closed_section'].id}"),
        ("participant", "what changed", f"{closed}/projets/{world['old_draft'].id}/versions/2/changements"),
        ("participant", "meeting", f"{group}/reunions/{world['meeting'].id}"),
        ("participant", "profile", "/profil"),
        ("participant", "403", f"{p}/moderation"),
        ("organizer", "process (organizer)", p),
        ("organizer", "moderation queue", f"{p}/moderation"),
        ("organizer", "flagged contributions", f"{p}/moderation?vue=signalees"),
        ("organizer", "manage a contribution", f"{p}/contributions/{world['flagged'].id}/gerer"),
        ("organizer", "draft editor", f"{p}/projets/{world['draft'].id}/edition"),
        ("organizer", "registry", f"{p}/parties-prenantes"),
        ("organizer", "stakeholder", f"{p}/parties-prenantes/{world['stakeholder'].id}"),
        ("organizer", "grid", f"{p}/parties-prenantes/carte"),
        ("organizer", "coverage", f"{p}/parties-prenantes/couverture"),
        ("organizer", "import preview", f"{p}/parties-prenantes/importer/{world['preview'].id}"),
        ("organizer", "groups", f"{p}/groupes"),
        ("member", "group (member)", group),
        ("member", "proposal", f"{group}/propositions/{world['proposal'].id}"),
    ]


def sign_in(page, base, user):
    """Sign in through the form, in a fresh browser context."""
    page.goto(base + "/connexion")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url(base + "/")
