"""Named outcomes of the groups services; views turn them into messages, tests tell them apart by type."""

from flask_babel import lazy_gettext as _l

from consult.errors import Conflict, NotAllowed, NotFound


class _Worded:
    """Mixin: the error carries its class's ``wording`` unless a message is given.

    The wording is translated when read (in the request's locale), so services may raise outside a request.
    """

    wording = ""

    @property
    def message(self) -> str:
        """The French message shown to the person."""
        return str(self._message or self.wording)

    @message.setter
    def message(self, value):
        self._message = value

    def __str__(self):
        return self.message


# --- roles (the message names the role and the action) -----------------------------


class NotOrganizer(_Worded, NotAllowed):
    """Only the organizers of the concertation may do this."""

    wording = _l("Only the organizers of this concertation may manage its groups.")


class NotFacilitator(_Worded, NotAllowed):
    """Only the facilitators of the group (and the organizers) may do this."""

    wording = _l("Only the facilitators of this group may manage its meetings.")


class NotGroupMember(_Worded, NotAllowed):
    """Only members and facilitators may do this, while the group and the phase allow it."""

    wording = _l("Only the members of this group may write its action sheets.")


# --- groups and memberships -------------------------------------------------------


class UnknownAccount(_Worded, NotFound):
    """No live account uses this address."""

    wording = _l("No account uses this address. Ask the person to sign up first.")


class NotEligibleFacilitator(_Worded, NotAllowed):
    """Facilitators are organizers or representatives of a live organisation of the process."""

    wording = _l("Facilitators are organizers or representatives of an organisation of the registry.")


class NotAFacilitator(_Worded, NotFound):
    """The person does not facilitate the group."""

    wording = _l("This person does not facilitate this group.")


class NotRepresentative(_Worded, NotAllowed):
    """The actor is not a confirmed representative of the (live) organisation."""

    wording = _l("You may only act for an organisation you represent.")


class InvitationOnly(_Worded, NotAllowed):
    """The group takes new members on invitation only (or is not open)."""

    wording = _l("This group admits new members on invitation only.")


class GroupFull(_Worded, Conflict):
    """The group's size limit is reached."""

    wording = _l("The group is full: its size limit is reached.")


class LimitBelowMembers(_Worded, Conflict):
    """A new size limit is below the number of members."""

    wording = _l("The group already has more members than this limit.")


class AlreadyMember(_Worded, Conflict):
    """The organisation is already a member of the group, or has already asked."""

    wording = _l("Your organisation is already a member of this group or has already asked.")


class AlreadyInvited(_Worded, Conflict):
    """The organisation is already a member or already invited."""

    wording = _l("This organisation is already a member or already invited.")


class RequestDecided(_Worded, Conflict):
    """The request to join was already accepted or declined."""

    wording = _l("This request has already been decided.")


class NoPendingInvitation(_Worded, Conflict):
    """There is no invitation to answer."""

    wording = _l("There is no pending invitation.")


class NotAMember(_Worded, Conflict):
    """The organisation is not an active member."""

    wording = _l("This organisation is not a member of the group.")


# --- meetings and registrations --------------------------------------------------


class InvalidMeetingTimes(_Worded, Conflict):
    """The end is not after the start, or registrations close after the start."""

    wording = _l("A meeting must end after it starts.")


class CapacityBelowSeats(_Worded, Conflict):
    """More people already have a seat than the new capacity."""

    wording = _l("More people already have a seat than this capacity.")


class MeetingCancelled(_Worded, Conflict):
    """The meeting is cancelled: nothing about it may change any more."""

    wording = _l("This meeting is cancelled.")


class MeetingStarted(_Worded, Conflict):
    """The meeting has started: registrations, their cancellation and the meeting's cancellation are closed."""

    wording = _l("This meeting has already started: this is no longer possible.")


class MeetingOver(MeetingStarted):
    """The meeting is over: not even its details can change."""

    wording = _l("This meeting is over: this is no longer possible.")


class MeetingNotStarted(_Worded, Conflict):
    """Attendance and minutes wait until the meeting has started."""

    wording = _l("Attendance and minutes can be recorded once the meeting has started.")


class RegistrationsClosed(_Worded, NotAllowed):
    """The deadline is past, the phase does not allow it, or the actor may not attend."""

    wording = _l("Registrations for this meeting are closed to you.")


class AlreadyRegistered(_Worded, Conflict):
    """The actor already has a live registration."""

    wording = _l("You are already registered for this meeting.")


class NotYourRegistration(_Worded, NotAllowed):
    """Only its owner cancels a registration."""

    wording = _l("You may only cancel your own registration.")


# --- action sheets and documents --------------------------------------------------


class EditConflict(_Worded, Conflict):
    """Someone saved the sheet since it was opened; ``current`` is the sheet as it now stands."""

    wording = _l("Someone saved this action sheet while you were editing it. Nothing of yours is lost.")

    def __init__(self, current):
        super().__init__()
        self.current = current


class ProposalLocked(_Worded, NotAllowed):
    """The sheet is no longer a draft (or the actor may no longer write in the group)."""

    wording = _l("This action sheet can no longer be edited.")


class SectionNotInDraft(_Worded, NotFound):
    """The section is not part of this process's drafts."""

    wording = _l("This section is not part of the draft.")


class InvalidProposalStep(_Worded, Conflict):
    """A move back to draft or submitted."""

    wording = _l("This step is not possible.")


class ReasonRequired(_Worded, Conflict):
    """A decision on a sheet needs a reason the group will read."""

    wording = _l("Give the reason for the decision: the group will read it.")
