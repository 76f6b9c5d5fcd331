"""The services of auth, processes, admin and stakeholders report each refusal with a named error."""

from datetime import date

import pytest

from consult.admin.errors import NotAdmin, OwnAdminRole
from consult.admin.services import set_admin
from consult.auth import services as auth
from consult.auth.errors import EmailTaken, LinkInvalid, TermsNotAccepted, WrongPassword
from consult.processes import services as processes
from consult.processes.errors import (
    LastOrganizer,
    NoAccountWithEmail,
    NotAnOrganizer,
    NotOrganizer,
    PhaseEndsBeforeStart,
)
from consult.processes.models import PhaseKind
from consult.stakeholders.errors import AlreadyArchived, InvitationUsed, NotArchived, NotRegistryManager
from consult.stakeholders.services import invitations, registry
from tests.factories import PASSWORD, make_process, make_stakeholder, make_user


@pytest.fixture(autouse=True)
def _request(app):
    """Messages are translated for a person: the services run as in a request."""
    with app.test_request_context("/"):
        yield


def test_account_errors_are_named(app):
    user = make_user("pris@exemple.fr")
    with pytest.raises(TermsNotAccepted):
        auth.sign_up("x@exemple.fr", "X", PASSWORD, accepted_terms=False)
    with pytest.raises(WrongPassword):
        auth.change_password(user, "pas le bon", PASSWORD + " encore")
    with pytest.raises(WrongPassword):
        auth.delete_account(user, "pas le bon")
    with pytest.raises(EmailTaken):
        auth.create_confirmed_user("PRIS@exemple.fr", "Autre", PASSWORD)
    with pytest.raises(LinkInvalid):
        auth.confirm_email("faux-jeton")


def test_admin_errors_are_named(app):
    admin, other = make_user(admin=True), make_user()
    with pytest.raises(NotAdmin):
        set_admin(other, admin, False)
    with pytest.raises(OwnAdminRole):
        set_admin(admin, admin, False)


def test_process_errors_are_named(app):
    organizer, stranger = make_user(), make_user()
    process = make_process(organizer)
    with pytest.raises(NotOrganizer):
        processes.remove_phase(stranger, process, PhaseKind.DIAGNOSTIC)
    with pytest.raises(PhaseEndsBeforeStart):
        processes.set_phase(
            organizer,
            process,
            PhaseKind.DIAGNOSTIC,
            starts_on=date(2027, 3, 1),
            ends_on=date(2027, 2, 1),
            description="",
        )
    with pytest.raises(NoAccountWithEmail):
        processes.add_organizer(organizer, process, "personne@exemple.fr")
    with pytest.raises(NotAnOrganizer):
        processes.remove_organizer(organizer, process, stranger.id)
    with pytest.raises(LastOrganizer):
        processes.remove_organizer(organizer, process, organizer.id)


def test_stakeholder_errors_are_named(app):
    organizer, stranger = make_user(), make_user()
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer)
    with pytest.raises(NotRegistryManager):
        registry.archive_stakeholder(stranger, process, stakeholder)
    with pytest.raises(NotArchived):
        registry.erase_contacts(organizer, process, stakeholder)
    registry.archive_stakeholder(organizer, process, stakeholder)
    with pytest.raises(AlreadyArchived):
        registry.archive_stakeholder(organizer, process, stakeholder)


def test_an_answered_invitation_is_used(app):
    organizer = make_user()
    process = make_process(organizer)
    [invitation] = invitations.invite_stakeholders(organizer, process, [make_stakeholder(process, organizer)]).invited
    invitations.decline_invitation(invitation.token)
    with pytest.raises(InvitationUsed):
        invitations.accept_invitation(make_user(), invitation.token)
