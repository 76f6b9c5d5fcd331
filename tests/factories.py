"""Factories: plain functions returning flushed objects, made through the services where rules apply."""

import itertools
from datetime import timedelta

from consult.auth.models import Relation
from consult.auth.services import create_confirmed_user, hash_password
from consult.dates import paris_today
from consult.db import db
from consult.processes.models import Field, Phase, PhaseKind, Process, ProcessRole, ProcessRoleName
from consult.processes.permissions import forget_roles

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


# --- working groups ---------------------------------------------------------


def make_organisation(process, name=None, *, category=None):
    """An organisation of the process's registry."""
    from consult.stakeholders.models import InvolvementLevel, Stakeholder, StakeholderCategory, StakeholderKind

    stakeholder = Stakeholder(
        process_id=process.id,
        name=name or f"Association {next(_counter)}",
        kind=StakeholderKind.ORGANISATION,
        category=category or StakeholderCategory.ASSOCIATIONS,
        level=InvolvementLevel.CO_CONSTRUCT,
    )
    db.session.add(stakeholder)
    db.session.commit()
    return stakeholder


def make_representative(stakeholder, user=None):
    """A user confirmed as a representative of the organisation (made if not given)."""
    from consult.stakeholders.models import Representative, RepresentativeStatus

    user = user or make_user(relation=Relation.ASSOCIATION_MEMBER)
    db.session.add(
        Representative(stakeholder_id=stakeholder.id, user_id=user.id, status=RepresentativeStatus.CONFIRMED)
    )
    db.session.commit()
    return user


def make_sections(process, titles=("Vivre à domicile", "Aidants")):
    """A draft of the process with one version holding these sections."""
    from consult.consultation.models import Draft, DraftVersion, Section

    draft = Draft(process_id=process.id, title="Projet de schéma")
    version = DraftVersion(draft=draft, number=1)
    db.session.add_all([draft, version])
    db.session.flush()
    sections = [Section(version_id=version.id, title=title, position=i) for i, title in enumerate(titles)]
    db.session.add_all(sections)
    db.session.commit()
    return sections


def make_group(process, organizer, *, title=None, join_policy=None, size_limit=None, section_ids=()):
    """A group opened by the organizer through the service."""
    from consult.groups.models import JoinPolicy
    from consult.groups.services.groups import create_group

    return create_group(
        organizer,
        process,
        title=title or f"Groupe {next(_counter)}",
        mandate_md="Rédiger les **fiches actions**.",
        fields=[Field.AUTONOMY_ELDERLY.value],
        join_policy=join_policy or JoinPolicy.ON_REQUEST,
        size_limit=size_limit,
        section_ids=section_ids,
    )


def make_member(group, organizer, *, name=None, user=None):
    """An organisation made a member through an invitation its representative accepts; returns (stakeholder, user)."""
    from consult.groups.services.membership import answer_invitation, invite_organisation

    stakeholder = make_organisation(group.process, name)
    user = make_representative(stakeholder, user)
    membership = invite_organisation(organizer, group, stakeholder)
    answer_invitation(user, membership, accept=True)
    return stakeholder, user


def make_meeting(group, organizer, *, starts_in=timedelta(days=3), capacity=10, is_public=True, title=None):
    """A meeting of the group, starting ``starts_in`` from now, lasting two hours."""
    from consult.db import utcnow
    from consult.groups.services.meetings import create_meeting

    starts = utcnow().replace(microsecond=0) + starts_in
    return create_meeting(
        organizer,
        group,
        title=title or f"Réunion {next(_counter)}",
        is_public=is_public,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Salle du conseil",
        address="26 avenue du Président-Herriot, Valence",
        video_url="",
        agenda_md="1. Accueil",
        capacity=capacity,
    )


# --- closing report: publishing ------------------------------------------------


def make_published_section(process, title="Section", *, draft_title="Projet de schéma", version=None):
    """A section of a published version of a draft of ``process`` (the draft and version made if needed)."""
    from sqlalchemy import select

    from consult.consultation.models import Draft, DraftVersion, Section
    from consult.db import utcnow

    if version is None:
        draft = db.session.scalar(select(Draft).where(Draft.process_id == process.id, Draft.title == draft_title))
        if draft is None:
            draft = Draft(process_id=process.id, title=draft_title)
            db.session.add(draft)
            db.session.flush()
        version = db.session.scalar(select(DraftVersion).where(DraftVersion.draft_id == draft.id))
        if version is None:
            now = utcnow()
            version = DraftVersion(
                draft_id=draft.id, number=1, published_at=now, opens_at=now - timedelta(days=30), closes_at=now
            )
            db.session.add(version)
            db.session.flush()
    section = Section(version_id=version.id, title=title, body_md="Texte", body_html="<p>Texte</p>")
    db.session.add(section)
    db.session.commit()
    return section


def make_contribution(
    section,
    author=None,
    *,
    body="Une contribution.",
    kind="comment",
    channel="online",
    category=Relation.SERVICE_USER,
    territory="Valence",
    state="published",
    created_at=None,
    received_on=None,
    supports=0,
    stakeholder=None,
    parent=None,
    reason="",
):
    """A contribution written straight into the tables (the consultation services are another domain's)."""
    from consult.consultation.models import Channel, Contribution, ContributionKind, ContributionState, DraftVersion
    from consult.db import utcnow
    from consult.text import plain_to_html

    version = db.session.get(DraftVersion, section.version_id)
    contribution = Contribution(
        process_id=version.draft.process_id,
        section_id=section.id,
        kind=ContributionKind(kind),
        author_id=author.id if author else None,
        channel=Channel(channel),
        received_on=received_on,
        contributor_category=category,
        contributor_territory=territory,
        body=body,
        body_html=plain_to_html(body),
        proposed_text="Nouveau texte proposé" if kind == "amendment" else None,
        state=ContributionState(state),
        moderation_reason=reason,
        support_count=supports,
        created_at=created_at or utcnow(),
        stakeholder_id=stakeholder.id if stakeholder else None,
        parent_id=parent.id if parent else None,
    )
    db.session.add(contribution)
    db.session.commit()
    return contribution


def make_position(section, user, value="agree", *, category=None, territory=None):
    """A participant's position on a section, with the category and territory copied from the account."""
    from consult.consultation.models import DraftVersion, Position, PositionValue

    version = db.session.get(DraftVersion, section.version_id)
    position = Position(
        process_id=version.draft.process_id,
        section_id=section.id,
        user_id=user.id,
        value=PositionValue(value),
        contributor_category=category or user.relation,
        contributor_territory=territory or user.territory,
    )
    db.session.add(position)
    db.session.commit()
    return position


def make_theme(process, title="Thème", *, disposition=None, reason="Parce que."):
    """A theme, with a disposition applying to its contributions if given."""
    from consult.report.models import DispositionValue, Theme
    from consult.text import markdown_to_html

    theme = Theme(
        process_id=process.id,
        title=title,
        description="",
        disposition=DispositionValue(disposition) if disposition else None,
        reason_md=reason if disposition else "",
        reason_html=markdown_to_html(reason) if disposition else "",
    )
    db.session.add(theme)
    db.session.commit()
    return theme


def treat(contribution, disposition=None, *, theme=None, reason="Motif de la décision."):
    """Give a contribution a theme and/or its own disposition, straight into the tables."""
    from consult.report.models import DispositionValue, Treatment
    from consult.text import markdown_to_html

    treatment = Treatment(
        contribution_id=contribution.id,
        theme_id=theme.id if theme else None,
        disposition=DispositionValue(disposition) if disposition else None,
        reason_md=reason if disposition else "",
        reason_html=markdown_to_html(reason) if disposition else "",
    )
    db.session.add(treatment)
    db.session.commit()
    return treatment


def make_synthesis(process, section=None, body="Synthèse des avis."):
    """An organizer's synthesis of a section, or of the whole concertation."""
    from consult.report.models import Synthesis
    from consult.text import markdown_to_html

    synthesis = Synthesis(
        process_id=process.id,
        section_id=section.id if section else None,
        body_md=body,
        body_html=markdown_to_html(body),
    )
    db.session.add(synthesis)
    db.session.commit()
    return synthesis


def make_report_stakeholder(
    process,
    name="Association",
    *,
    category="associations",
    status="invited",
    kind="organisation",
    contact_email="",
    contact_name="",
):
    """A stakeholder of the registry, straight into the tables."""
    from consult.stakeholders.models import (
        InvolvementLevel,
        Stakeholder,
        StakeholderCategory,
        StakeholderKind,
        StakeholderStatus,
    )

    stakeholder = Stakeholder(
        process_id=process.id,
        name=name,
        kind=StakeholderKind(kind),
        category=StakeholderCategory(category),
        level=InvolvementLevel.CONSULT,
        status=StakeholderStatus(status),
        contact_email=contact_email,
        contact_name=contact_name,
    )
    db.session.add(stakeholder)
    db.session.commit()
    return stakeholder


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


# --- synthesis assistant ---------------------------------------------------------


def make_synthesis_run(process, organizer):
    """A finished computation of the synthesis assistant, requested and run through its services."""
    from consult.synthesis import compute, services

    run = services.request_run(organizer, process)
    compute.run(run.id)
    db.session.expire_all()
    return run
