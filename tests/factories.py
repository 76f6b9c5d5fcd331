"""Factories: plain functions returning flushed objects, made through the services where rules apply."""

import itertools
from datetime import timedelta

from sqlalchemy import select

from consult.auth.models import Relation, User
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
        (draft, sections): the version's five parts in order, then the extra section of part 1 (last).
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


def make_reordered_draft(organizer, process):
    """A draft published with its first part (and that part's own section) moved below the second.

    Section ids then no longer follow the reading order, which is what order tests need.

    Returns:
        (draft, sections): the sections in reading order (part 2, part 1, its section, parts 3 to 5).
    """
    from consult.consultation.services import move_section, publish_version
    from consult.db import utcnow

    draft, sections = make_draft(organizer, process, publish=False)
    first_part = sections[0]
    move_section(organizer, first_part, step=+1)
    now = utcnow()
    publish_version(organizer, draft.versions[-1], opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
    child = next(s for s in sections if s.parent_id == first_part.id)
    parts = [s for s in sections if s.parent_id is None]
    return draft, [parts[1], parts[0], child, *parts[2:]]


def make_open_section():
    """An organizer ("Organisatrice"), a published process, and the last section of its draft, open for
    contributions: what most consultation tests start from."""
    organizer = make_user(name="Organisatrice")
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    return organizer, process, sections[-1]


def make_comment(author, section, body="Un commentaire utile.", **kwargs):
    """A comment (or reply with ``parent=``) posted through the service.

    ``kwargs``: ``parent``, ``stakeholder_id``, ``now`` (the moment it is written, inside the window). Published
    at once under post-moderation, pending under pre-moderation (``process.moderation_mode``).
    """
    from consult.consultation.services import post_comment

    return post_comment(author, section, body=body, **kwargs)


def make_amendment(author, section, proposed_text="Un texte réécrit par un participant.", **kwargs):
    """An amendment proposed through the service (``justification``, ``stakeholder_id``, ``now`` optional)."""
    from consult.consultation.services import propose_amendment

    kwargs.setdefault("justification", "Plus clair ainsi.")
    return propose_amendment(author, section, proposed_text=proposed_text, **kwargs)


def make_offline_contribution(
    organizer, section, body="Une contribution reçue par courrier.", *, kind="comment", channel="letter", **kwargs
):
    """A contribution an organizer enters from a letter, meeting or call (published at once).

    ``kwargs``: ``received_on`` (default today), ``category`` (a Relation), ``territory``, ``proposed_text``.
    """
    from consult.consultation.models import Channel, ContributionKind
    from consult.consultation.services import record_offline_contribution

    kwargs.setdefault("received_on", paris_today())
    return record_offline_contribution(
        organizer, section, kind=ContributionKind(kind), channel=Channel(channel), body=body, **kwargs
    )


def make_position(section, user, value="agree", *, now=None):
    """A participant's position on a section, stated through the service (category and territory from the account)."""
    from consult.consultation.models import PositionValue
    from consult.consultation.services import set_position

    return set_position(user, section, PositionValue(value), now=now)


def make_support(user, contribution, *, now=None):
    """A participant's support of a published comment or amendment, through the service."""
    from consult.consultation.services import support_contribution

    support_contribution(user, contribution, now=now)
    return contribution


def make_flag(user, contribution, reason="Propos injurieux"):
    """A report on a published contribution, through the service (hides it at the threshold)."""
    from consult.consultation.services import flag_contribution

    flag_contribution(user, contribution, reason=reason)
    return contribution


def hide(organizer, contribution, reason="Propos injurieux"):
    """A contribution hidden by an organizer, through the moderation service (its author is mailed)."""
    from consult.consultation.services import hide_contribution

    return hide_contribution(organizer, contribution, reason=reason)


def withdraw(author, contribution):
    """A contribution withdrawn by its author, through the service."""
    from consult.consultation.services import withdraw_contribution

    return withdraw_contribution(author, contribution)


def approve(organizer, contribution):
    """A pending contribution published by an organizer, through the moderation service."""
    from consult.consultation.services import approve_contribution

    return approve_contribution(organizer, contribution)


def make_response(organizer, contribution, body="Nous retenons **cette proposition**."):
    """The organizers' official response (Markdown) to a published contribution."""
    from consult.consultation.services import respond_to_contribution

    return respond_to_contribution(organizer, contribution, body=body)


def make_new_version(organizer, draft, *, opens_in=timedelta(0), closes_in=timedelta(days=14), publish=True):
    """Version N+1 of a draft (sections copied from N), published with a window around now unless ``publish=False``.

    Publishing it closes the earlier versions. Returns:
        (version, sections) where sections are the new version's sections in reading order.
    """
    from sqlalchemy import select

    from consult.consultation import services
    from consult.consultation.models import Section
    from consult.db import utcnow

    version = services.start_new_version(organizer, draft)
    if publish:
        now = utcnow()
        services.publish_version(organizer, version, opens_at=now + opens_in, closes_at=now + closes_in)
    sections = db.session.scalars(
        select(Section).where(Section.version_id == version.id).order_by(Section.parent_id.is_not(None), Section.id)
    ).all()
    return version, list(sections)


def make_change_link(organizer, section, contribution):
    """A link between a section of a newer version and a contribution on its earlier version."""
    from consult.consultation.services import link_contribution_to_change

    return link_contribution_to_change(organizer, section, contribution)


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


def make_representative(stakeholder, user=None):
    """A user confirmed as a representative of the organisation (made if not given), as people become one:
    they ask (on a day the concertation takes requests), an organizer of the concertation confirms."""
    from consult.processes.permissions import PHASE_FEATURES
    from consult.stakeholders.services.representatives import decide_representation, request_representation

    user = user or make_user(relation=Relation.ASSOCIATION_MEMBER)
    process = stakeholder.process
    asking_day = next(p.starts_on for p in process.phases if "represent" in PHASE_FEATURES[p.kind])
    representative = request_representation(user, process, stakeholder, today=asking_day)
    organizer = db.session.scalar(
        select(ProcessRole.user_id).where(
            ProcessRole.process_id == process.id, ProcessRole.role == ProcessRoleName.ORGANIZER
        )
    )
    decide_representation(db.session.get(User, organizer), process, representative, confirm=True)
    return user


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

    stakeholder = make_stakeholder(group.process, organizer, **({"name": name} if name else {}))
    user = make_representative(stakeholder, user)
    membership = invite_organisation(organizer, group, stakeholder)
    answer_invitation(user, membership, accept=True)
    return stakeholder, user


def make_meeting(
    group, organizer, *, starts_in=timedelta(days=3), capacity=10, is_public=True, title=None, video_url=""
):
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
        video_url=video_url,
        agenda_md="1. Accueil",
        capacity=capacity,
    )


def make_registration(user, meeting, *, needs=(), now=None):
    """A registration through the service; ``now`` defaults to a day before the meeting (so past meetings work)."""
    from consult.groups.services.registrations import register_for_meeting

    return register_for_meeting(user, meeting, needs=list(needs), now=now or meeting.starts_at - timedelta(days=1))


# --- closing report -----------------------------------------------------------


def make_theme(organizer, process, title="Thème", *, disposition=None, reason="Parce que."):
    """A theme created through the service, with a disposition applying to its contributions if given."""
    from consult.report.models import DispositionValue
    from consult.report.treatment.services import create_theme, set_theme_disposition

    theme = create_theme(organizer, process, title=title)
    if disposition:
        set_theme_disposition(organizer, process, theme, disposition=DispositionValue(disposition), reason_md=reason)
    return theme


def treat(organizer, contribution, disposition=None, *, theme=None, reason="Motif de la décision."):
    """Put a contribution in a theme and/or give it its own disposition, through the services."""
    from consult.processes.models import Process
    from consult.report.models import DispositionValue
    from consult.report.treatment.services import assign_theme, set_disposition

    process = db.session.get(Process, contribution.process_id)
    if theme is not None:
        assign_theme(organizer, process, [contribution.id], theme)
    if disposition:
        set_disposition(
            organizer, process, [contribution.id], disposition=DispositionValue(disposition), reason_md=reason
        )


def make_synthesis(organizer, process, section=None, body="Synthèse des avis."):
    """An organizer's synthesis of a section, or of the whole concertation, through the service."""
    from consult.report.treatment.texts import save_synthesis

    return save_synthesis(organizer, process, section.id if section else None, body_md=body)


# --- synthesis assistant ---------------------------------------------------------


def make_synthesis_run(process, organizer, full=False):
    """A finished computation of the synthesis assistant, requested and run through its services."""
    from consult.synthesis import compute, services

    run = services.request_run(organizer, process, full=full)
    compute.run(run.id)
    db.session.expire_all()
    return run


# --- notifications ------------------------------------------------------------


def make_follow(user, target_type, target_id):
    """``user`` follows a concertation, a section or a group, through the service."""
    from consult.notifications.models import TargetType
    from consult.notifications.services import follow

    follow(user, TargetType(target_type), target_id)


def run_worker(now=None):
    """One worker pass (events fanned out, mail queued and delivered) at ``now``."""
    from consult.worker import run_once

    return run_once(now)
