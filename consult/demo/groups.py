"""Demo working groups of the autonomy schema: members, past meetings with minutes, a public meeting, action sheets."""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from consult.auth.models import Relation, User
from consult.auth.services import create_confirmed_user
from consult.consultation.queries import version_outline
from consult.dates import PARIS, paris_today
from consult.db import db
from consult.demo.stakeholders import APF
from consult.groups.meeting_models import AccessNeed, Registration
from consult.groups.models import JoinPolicy
from consult.groups.proposal_models import ProposalStatus
from consult.groups.services import groups, meetings, membership, proposals, registrations
from consult.stakeholders.models import InvolvementLevel, Representative, StakeholderCategory, StakeholderKind
from consult.stakeholders.queries import confirmed_representatives
from consult.stakeholders.services.registry import create_stakeholder
from consult.stakeholders.services.representatives import decide_representation, request_representation

# (title, policy, mandate, organisations, section keyword)
GROUPS = [
    (
        "Vivre à domicile",
        JoinPolicy.ON_REQUEST,
        "Proposer des actions pour que les personnes âgées et les personnes en situation de handicap "
        "puissent **vivre chez elles** aussi longtemps qu'elles le souhaitent : services d'aide à domicile, "
        "adaptation du logement, lutte contre l'isolement.",
        [APF, "SAAD ADMR de la Drôme-des-Collines", "CCAS de Valence"],
        "bien vivre chez soi",
    ),
    (
        "Aidants",
        JoinPolicy.OPEN,
        "Mieux **repérer, informer et soulager** les proches aidants : solutions de répit, formation, "
        "reconnaissance de leur rôle, conciliation avec la vie professionnelle.",
        ["France Alzheimer Drôme-des-Collines", "UDAF de la Drôme-des-Collines", APF],
        "soutenir les proches",
    ),
    (
        "Habitat inclusif",
        JoinPolicy.ON_REQUEST,
        "Développer des **habitats inclusifs** et intermédiaires entre le domicile et l'établissement, "
        "avec les bailleurs sociaux et les communes.",
        ["Habitat et Humanisme Drôme-des-Collines", "CCAS de Valence"],
        "société plus inclusive",
    ),
    (
        "Accès aux droits",
        JoinPolicy.ON_INVITATION,
        "Simplifier l'**accès aux droits** et aux prestations (APA, PCH) : accueil, information en facile "
        "à lire et à comprendre, délais de traitement.",
        ["UDAF de la Drôme-des-Collines", "SAAD ADMR de la Drôme-des-Collines"],
        "maisons de l'autonomie",
    ),
]

SHEETS = [
    (
        "Vivre à domicile",
        "Guichet unique de l'adaptation du logement",
        {
            "objective": "Adapter en moins de six mois le logement des personnes qui en ont besoin.",
            "description": "Un interlocuteur unique réunit les aides (ANAH, caisses de retraite, "
            "Département) et suit le chantier jusqu'au bout.",
            "pilot": "Département, Direction de l'autonomie",
            "partners": "ANAH, caisses de retraite, CCAS, ergothérapeutes",
            "timeline": "Expérimentation en 2027 sur deux territoires, généralisation en 2028",
            "budget": "180 000 € par an",
            "indicators": "Délai moyen entre la demande et la fin des travaux ; nombre de logements adaptés",
        },
        ProposalStatus.ACCEPTED,
        "Retenue : l'action devient la fiche 2.3 du projet de schéma, avec une expérimentation dès 2027.",
    ),
    (
        "Aidants",
        "Plateforme de répit itinérante en zone rurale",
        {
            "objective": "Offrir du répit aux aidants qui vivent loin des accueils de jour.",
            "description": "Une équipe mobile vient au domicile une demi-journée par semaine.",
            "pilot": "Plateforme d'accompagnement et de répit",
            "partners": "France Alzheimer, MSA, communes rurales",
            "timeline": "2027-2029",
            "budget": "120 000 € par an",
            "indicators": "Nombre d'aidants accompagnés ; satisfaction des aidants",
        },
        ProposalStatus.UNDER_REVIEW,
        "",
    ),
    (
        "Habitat inclusif",
        "Dix habitats inclusifs d'ici 2031",
        {
            "objective": "Ouvrir dix habitats inclusifs répartis sur le territoire.",
            "description": "Appel à projets annuel avec les bailleurs sociaux.",
            "pilot": "Département",
            "partners": "Bailleurs sociaux, communes, associations gestionnaires",
        },
        ProposalStatus.DRAFT,
        "",
    ),
]


def _at(day, hour):
    return datetime.combine(day, time(hour, 0), tzinfo=PARIS)


def _organisations(context):
    """The organisations the groups need, by name: from the demo registry, else added through the registry."""
    needed = {n for _t, _p, _m, names, _s in GROUPS for n in names}
    found = {name: s for name, s in context["stakeholders"].items() if name in needed}
    category = {"CCAS de Valence": StakeholderCategory.INSTITUTIONS}
    for name in sorted(needed - set(found)):
        values = {
            "name": name,
            "kind": StakeholderKind.ORGANISATION,
            "category": category.get(name, StakeholderCategory.ASSOCIATIONS),
            "level": InvolvementLevel.CO_CONSTRUCT,
        }
        found[name] = create_stakeholder(context["organizer"], context["process"], values=values, now=context["now"])
    return found


def _representatives(context, organisations):
    """One confirmed representative per organisation (the demo representative acts for APF France handicap).

    Organisations with none get a contact person who asks to represent them, and the organizer confirms.
    """
    process, organizer = context["process"], context["organizer"]
    ids = [s.id for s in organisations.values()]
    links = confirmed_representatives().where(Representative.stakeholder_id.in_(ids)).subquery()
    users = {}
    for stakeholder_id, user in db.session.execute(
        select(links.c.stakeholder_id, User).join(User, User.id == links.c.user_id).order_by(User.id)
    ):
        users.setdefault(stakeholder_id, user)
    for n, (name, stakeholder) in enumerate(sorted(organisations.items())):
        if stakeholder.id in users:
            continue
        user = create_confirmed_user(
            f"contact{n + 1}@demo.concertation.fr",
            f"Contact {name}"[:80],
            context["password"],
            relation=Relation.ASSOCIATION_MEMBER,
            territory="Valence",
        )
        request = request_representation(user, process, stakeholder, now=context["now"])
        decide_representation(organizer, process, request, confirm=True, now=context["now"])
        users[stakeholder.id] = user
    return users


def _sections(context):
    """The sections of the latest version of the consultation demo's draft, in reading order."""
    draft = context["draft"]
    outline = version_outline(max(draft.versions, key=lambda version: version.number))
    return [section for part, children in outline for section in (part, *children)]


def _section_for(sections, keyword):
    return [s.id for s in sections if keyword in s.title.lower()][:1] or [sections[0].id]


MINUTES = """**Présents** : voir la liste des présences ci-dessous.

1. Le groupe a relu l'état des lieux de l'offre sur le territoire.
2. Trois pistes d'action sont retenues pour la rédaction des fiches.
3. Prochaine étape : chaque organisation envoie ses remarques sous quinze jours."""


def _past_meeting(organizer, group, members, day):
    meeting = meetings.create_meeting(
        organizer,
        group,
        title=f"Atelier de travail – {group.title}",
        is_public=False,
        starts_at=_at(day, 14),
        ends_at=_at(day, 17),
        place="Hôtel du Département, salle 3",
        address="26 avenue du Président-Herriot, 26000 Valence",
        video_url="",
        agenda_md="1. Tour de table\n2. État des lieux\n3. Pistes d'action",
        capacity=20,
    )
    for user in members:
        registrations.register_for_meeting(user, meeting, needs=[], now=meeting.starts_at - timedelta(days=7))
    present = {r.id for r in db.session.scalars(select(Registration).where(Registration.meeting_id == meeting.id))}
    meetings.record_minutes(
        organizer,
        meeting,
        attended_ids=present,
        minutes_md=MINUTES,
        publish=True,
        now=meeting.ends_at + timedelta(days=2),
    )


def _public_meeting(context, organizer, group, today):
    meeting = meetings.create_meeting(
        organizer,
        group,
        title="Réunion publique : bien vieillir chez soi",
        is_public=True,
        starts_at=_at(today + timedelta(days=10), 14),
        ends_at=_at(today + timedelta(days=10), 17),
        place="Salle des fêtes de Crest",
        address="Place du Champ-de-Mars, 26400 Crest",
        video_url="",
        agenda_md="1. Présentation du projet de schéma\n2. Échanges avec la salle\n3. Suite de la concertation",
        capacity=80,
    )
    camille, jean = context["participants"][:2]
    registrations.register_for_meeting(camille, meeting, needs=[AccessNeed.EASY_READ], now=context["now"])
    registrations.register_for_meeting(
        jean, meeting, needs=[AccessNeed.WHEELCHAIR, AccessNeed.HEARING_LOOP], now=context["now"]
    )
    registrations.register_for_meeting(context["representative"], meeting, needs=[], now=context["now"])


def _sheets(organizer, made, reps_by_group, sections, today):
    for group_title, title, sheet, status, reason in SHEETS:
        group, keyword = made[group_title]
        author = reps_by_group[group_title][0]
        proposal = proposals.create_proposal(
            author, group, title=title, sheet=sheet, section_ids=_section_for(sections, keyword), today=today
        )
        if status == ProposalStatus.DRAFT:
            continue
        proposals.submit_proposal(organizer, proposal)
        proposals.decide_proposal(organizer, proposal, status=status, reason=reason)


def load(context):
    """Create the four working groups with members, meetings, minutes and action sheets."""
    process, organizer = context["process"], context["organizer"]
    today = paris_today(context["now"])
    organisations = _organisations(context)
    reps = _representatives(context, organisations)
    sections = _sections(context)
    made, reps_by_group = {}, {}
    for n, (title, policy, mandate, names, keyword) in enumerate(GROUPS):
        group = groups.create_group(
            organizer,
            process,
            title=title,
            mandate_md=mandate,
            fields=list(process.fields),
            join_policy=policy,
            size_limit=12,
            section_ids=_section_for(sections, keyword),
        )
        members = []
        for name in names:
            invitation = membership.invite_organisation(organizer, group, organisations[name])
            user = reps[organisations[name].id]
            membership.answer_invitation(user, invitation, accept=True)
            members.append(user)
        made[title], reps_by_group[title] = (group, keyword), members
        _past_meeting(organizer, group, members, today - timedelta(days=60 - 5 * n))
    groups.add_facilitator(organizer, made["Aidants"][0], context["representative"].email)
    _public_meeting(context, organizer, made["Vivre à domicile"][0], today)
    _sheets(organizer, made, reps_by_group, sections, today - timedelta(days=30))
    context["groups"] = [group for group, _keyword in made.values()]
