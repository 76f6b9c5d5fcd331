"""Factories: plain functions returning flushed objects, made through the services where rules apply."""

import itertools
from datetime import timedelta

from consult.auth.models import Relation
from consult.auth.services import create_confirmed_user, hash_password
from consult.dates import paris_today
from consult.db import db
from consult.permissions import forget_roles
from consult.processes.models import Field, Phase, PhaseKind, Process, ProcessRole, ProcessRoleName

PASSWORD = "Un mot de passe tres solide 2027"  # noqa: S105
_counter = itertools.count(1)


def make_user(
    email=None, *, name=None, confirmed=True, admin=False, relation=Relation.SERVICE_USER, territory="Valence"
):
    """A user with the shared test password."""
    n = next(_counter)
    email = email or f"user{n}@exemple.fr"
    if confirmed:
        user = create_confirmed_user(email, name or f"Personne {n}", PASSWORD, relation=relation, territory=territory)
    else:
        from consult.auth.models import User

        user = User(email=email, display_name=name or f"Personne {n}", password_hash=hash_password(PASSWORD))
        db.session.add(user)
    user.is_admin = admin
    db.session.commit()
    return user


def make_process(organizer=None, *, title="Schéma de l'autonomie", published=True, current=PhaseKind.CONSULTATION):
    """A process with all six phases, ``current`` running today, organized by ``organizer``."""
    n = next(_counter)
    process = Process(
        slug=f"process-{n}",
        title=title,
        summary_md="Résumé",
        summary_html="<p>Résumé</p>",
        fields=[Field.AUTONOMY_ELDERLY.value, Field.DISABILITY.value],
        territory="Département test",
        is_published=published,
    )
    db.session.add(process)
    today = paris_today()
    kinds = list(PhaseKind)
    offset = kinds.index(current) if current else len(kinds)
    for index, kind in enumerate(kinds):
        start = today + timedelta(days=(index - offset) * 10)
        process.phases.append(Phase(kind=kind, starts_on=start, ends_on=start + timedelta(days=9)))
    db.session.flush()
    if organizer is not None:
        db.session.add(ProcessRole(process_id=process.id, user_id=organizer.id, role=ProcessRoleName.ORGANIZER))
    db.session.commit()
    forget_roles()
    return process


# --- consultation -----------------------------------------------------------


def make_draft(organizer, process, *, opens_in=timedelta(days=-1), closes_in=timedelta(days=14), publish=True):
    """A draft (five-part skeleton, one extra section in part 1) published with a window around now.

    Returns:
        (draft, sections) where sections are the version's sections in reading order.
    """
    from sqlalchemy import select

    from consult.consultation import services
    from consult.consultation.models import Section
    from consult.db import utcnow

    draft = services.create_draft(organizer, process, title="Projet de schéma de l'autonomie")
    version = draft.versions[-1]
    parts = db.session.scalars(select(Section).where(Section.version_id == version.id).order_by(Section.position))
    first = next(iter(parts))
    services.add_section(
        organizer,
        version,
        title="Vieillir chez soi",
        body_md="Le Département soutient le maintien à domicile des personnes âgées.",
        easy_read_md="Vous pouvez rester chez vous.",
        parent_id=first.id,
    )
    if publish:
        now = utcnow()
        services.publish_version(organizer, version, opens_at=now + opens_in, closes_at=now + closes_in)
    sections = db.session.scalars(
        select(Section).where(Section.version_id == version.id).order_by(Section.parent_id.is_not(None), Section.id)
    ).all()
    return draft, list(sections)


def make_comment(author, section, body="Un commentaire utile.", **kwargs):
    """A comment (or reply with ``parent=``) posted through the service."""
    from consult.consultation.services import post_comment

    return post_comment(author, section, body=body, **kwargs)


# --- stakeholders -------------------------------------------------------------


def make_stakeholder(process, organizer, **values):
    """A stakeholder of ``process`` created by ``organizer`` through the service (defaults: a disability association)."""
    from consult.stakeholders.models import InvolvementLevel, StakeholderCategory, StakeholderKind
    from consult.stakeholders.services.registry import create_stakeholder

    n = next(_counter)
    defaults = {
        "name": f"Association {n}",
        "kind": StakeholderKind.ORGANISATION,
        "category": StakeholderCategory.ASSOCIATIONS,
        "fields": [Field.DISABILITY.value],
        "territory": "Valence",
        "level": InvolvementLevel.CONCERT,
        "influence": 3,
        "interest": 3,
        "notes": "",
        "contact_name": f"Contact {n}",
        "contact_email": f"contact{n}@asso.exemple.fr",
        "contact_phone": "04 75 00 00 00",
    }
    return create_stakeholder(organizer, process, values={**defaults, **values})


# --- report treatment: sections and contributions as rows (the consultation's services land on their branch) ---


def make_section_row(process, title="Analyse des besoins", *, version_number=1, draft=None, previous=None):
    """A section of a draft version of ``process`` (the draft and version are made when not given).

    ``previous`` is the section of an earlier version this one was copied from.
    """
    from consult.consultation.models import Draft, DraftVersion, Section

    if draft is None:
        draft = Draft(process_id=process.id, title="Projet de schéma")
        db.session.add(draft)
        db.session.flush()
    version = next((v for v in draft.versions if v.number == version_number), None)
    if version is None:
        version = DraftVersion(draft_id=draft.id, number=version_number)
        db.session.add(version)
        db.session.flush()
    section = Section(
        version_id=version.id,
        title=title,
        body_md="Texte",
        body_html="<p>Texte</p>",
        previous_id=previous.id if previous is not None else None,
    )
    db.session.add(section)
    db.session.commit()
    return section


def make_contribution_row(section, body="Une contribution", **fields):
    """A contribution on ``section``; ``fields`` override kind, channel, category, territory, state…"""
    from consult.consultation.models import Contribution, ContributionKind, DraftVersion
    from consult.text import plain_to_html

    version = db.session.get(DraftVersion, section.version_id)
    values = {
        "kind": ContributionKind.COMMENT,
        "contributor_category": Relation.SERVICE_USER,
        "contributor_territory": "Valence",
    } | fields
    contribution = Contribution(
        process_id=version.draft.process_id, section_id=section.id, body=body, body_html=plain_to_html(body), **values
    )
    db.session.add(contribution)
    db.session.commit()
    return contribution
