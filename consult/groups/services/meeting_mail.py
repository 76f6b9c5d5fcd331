"""Mail about a meeting to one registrant: the meeting's details and, for invitations, the .ics attached.

Both the meeting services and the registration services write these mails; keeping them here lets the
meeting services call the registration services without an import cycle.
"""

from consult.dates import to_paris
from consult.groups import permissions
from consult.groups.ics import invitation_attachment
from consult.groups.meeting_models import Meeting, Registration
from consult.mail import external_url, queue_mail


def meeting_url(meeting: Meeting) -> str:
    """The absolute address of a meeting's page, for mail and invitations."""
    group = meeting.group
    return external_url("groups.meeting", slug=group.process.slug, group_slug=group.slug, meeting_id=meeting.id)


def mail_registrant(registration: Registration, template: str, subject, *, method: str | None = None, **context):
    """Queue a mail about a meeting to one registrant, with the invitation attached when ``method`` is set.

    The video link is in the mail and the invitation only when the registrant may see it on the page.
    """
    meeting = registration.meeting
    url = meeting_url(meeting)
    show_video = permissions.can_see_video_link(registration.user, meeting, registration)
    attachments = [invitation_attachment(meeting, url, method=method, show_video=show_video)] if method else []
    queue_mail(
        registration.user.email,
        template,
        subject,
        attachments=attachments,
        meeting=meeting,
        group=meeting.group,
        url=url,
        starts=to_paris(meeting.starts_at),
        ends=to_paris(meeting.ends_at),
        show_video=show_video,
        **context,
    )
