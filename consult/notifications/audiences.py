"""Who an event is for: one query per audience, each a SELECT of user ids (the fan-out inserts from it)."""

from sqlalchemy import Select, select, union

from consult.consultation.models import DraftVersion, Section
from consult.groups.models import Facilitator, Membership, MembershipStatus
from consult.notifications.models import Audience, Follow, NotificationEvent, TargetType
from consult.processes.models import ProcessRole, ProcessRoleName
from consult.stakeholders.models import Representative, RepresentativeStatus


def _followers(target_type: TargetType, target_id: int) -> Select:
    return select(Follow.user_id).where(Follow.target_type == target_type, Follow.target_id == target_id)


def _section_followers_of_draft(draft_id: int) -> Select:
    return (
        select(Follow.user_id)
        .join(Section, Section.id == Follow.target_id)
        .join(DraftVersion, DraftVersion.id == Section.version_id)
        .where(Follow.target_type == TargetType.SECTION, DraftVersion.draft_id == draft_id)
    )


def _facilitators(group_id: int) -> Select:
    return select(Facilitator.user_id).where(Facilitator.group_id == group_id)


def _member_representatives(group_id: int) -> Select:
    # The same people the groups domain mails about its proposals (groups.services.proposals.group_emails).
    return (
        select(Representative.user_id)
        .join(Membership, Membership.stakeholder_id == Representative.stakeholder_id)
        .where(
            Membership.group_id == group_id,
            Membership.status == MembershipStatus.ACTIVE,
            Representative.status == RepresentativeStatus.CONFIRMED,
        )
    )


def _organizers(process_id: int) -> Select:
    return select(ProcessRole.user_id).where(
        ProcessRole.process_id == process_id, ProcessRole.role == ProcessRoleName.ORGANIZER
    )


def audience_ids(event: NotificationEvent):
    """A subquery with one ``user_id`` column: every person the event is for, each once."""
    target = event.target_id
    parts = {
        Audience.FOLLOWERS: lambda: [_followers(event.target_type, target)],
        Audience.VERSION_FOLLOWERS: lambda: [
            _followers(TargetType.PROCESS, event.process_id),
            _section_followers_of_draft(event.payload["draft_id"]),
        ],
        Audience.GROUP: lambda: [
            _facilitators(target),
            _member_representatives(target),
            _followers(TargetType.GROUP, target),
        ],
        Audience.GROUP_MANAGERS: lambda: [_facilitators(target), _organizers(event.process_id)],
        Audience.ORGANIZERS: lambda: [_organizers(event.process_id)],
    }[event.audience]()
    return union(*parts).subquery() if len(parts) > 1 else parts[0].distinct().subquery()
