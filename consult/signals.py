"""Signals for reactions that cross domains. Each names its sender and keyword arguments."""

from blinker import Namespace

_signals = Namespace()

#: Sent with the user as sender when they download their data; receivers return
#: ``(section_name, json_serializable)`` to add their domain's part of the export.
personal_data_requested = _signals.signal("personal-data-requested")

#: Sent with the user as sender inside the deletion transaction, before the account is
#: anonymized; receivers scrub what their domain keeps about the person (only flush).
account_deleting = _signals.signal("account-deleting")

# --- Events people are told about (receivers in consult/notifications/hooks.py) ---------------------
# Each is sent by the domain service inside its transaction, after the change is flushed.

#: Sender: the new Contribution (comment or amendment); kwargs: ``actor``.
contribution_submitted = _signals.signal("contribution-submitted")

#: Sender: the flagged Contribution; kwargs: ``actor`` (who flagged it).
contribution_flagged = _signals.signal("contribution-flagged")

#: Sender: the DraftVersion just published; kwargs: ``actor``.
version_published = _signals.signal("version-published")

#: Sender: the new Meeting; kwargs: ``actor``.
meeting_scheduled = _signals.signal("meeting-scheduled")

#: Sender: the changed Meeting; kwargs: ``actor``.
meeting_changed = _signals.signal("meeting-changed")

#: Sender: the cancelled Meeting; kwargs: ``actor``.
meeting_cancelled = _signals.signal("meeting-cancelled")

#: Sender: the Meeting whose minutes were just published; kwargs: ``actor``.
minutes_published = _signals.signal("minutes-published")

#: Sender: the new ReportRevision; kwargs: ``actor``, ``process``.
report_published = _signals.signal("report-published")

#: Sender: the Membership; kwargs: ``actor``, ``kind`` ("joined", "requested", "accepted"…).
membership_changed = _signals.signal("membership-changed")

#: Sender: the new Registration to a meeting; kwargs: ``actor``.
meeting_registered = _signals.signal("meeting-registered")

#: Sender: the Invitation answered; kwargs: ``accepted`` (bool).
invitation_answered = _signals.signal("invitation-answered")

#: Sender: the Representative link requested; kwargs: ``actor``, ``process``.
representation_requested = _signals.signal("representation-requested")

#: Sender: the submitted Proposal (action sheet); kwargs: ``actor``.
proposal_submitted = _signals.signal("proposal-submitted")

#: Sender: the Process; kwargs: ``actor``, ``user`` (the new organizer).
organizer_added = _signals.signal("organizer-added")
