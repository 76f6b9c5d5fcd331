"""Sentences with counts agree in French with 1 and with several (ngettext, never "1 contributions")."""

from consult.consultation.models import ContributionState
from consult.stakeholders.services.invitations import invite_stakeholders
from tests.factories import make_group, make_member, make_process, make_stakeholder, make_user
from tests.helpers import text
from tests.report_helpers import consulted_sections, contribute


def _draft_report(client, process) -> str:
    return text(client.get(f"/concertations/{process.slug}/bilan/brouillon"))


def _concertation(count: int):
    """A concertation where each figure of the report's sentences equals ``count``."""
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)
    invite_stakeholders(organizer, process, [make_stakeholder(process, organizer) for _ in range(count)])
    for state in (ContributionState.HIDDEN, ContributionState.WITHDRAWN, ContributionState.PENDING):
        for n in range(count):
            contribute(section, f"{state.value} {n}", state=state)
    group = make_group(process, organizer)
    for _ in range(count):
        make_member(group, organizer)
    return organizer, process


def test_report_sentences_are_singular_for_one(login_as):
    organizer, process = _concertation(1)
    page = _draft_report(login_as(organizer), process)
    assert "1 partie prenante a été invitée ;" in page
    assert "1 contribution a été masquée par la modération, 1 a été retirée par son auteur" in page
    assert "et 1 attendait une validation." in page
    assert "1 membre, 0 réunion tenue, 0 proposition." in page
    assert "1 contribution sur 0" not in page and "1 contributions" not in page


def test_report_sentences_are_plural_for_several(login_as):
    organizer, process = _concertation(2)
    page = _draft_report(login_as(organizer), process)
    assert "2 parties prenantes ont été invitées ;" in page
    assert "2 contributions ont été masquées par la modération, 2 ont été retirées par leurs auteurs" in page
    assert "et 2 attendaient une validation." in page
    assert "2 membres, 0 réunion tenue, 0 proposition." in page


def test_the_treatment_list_counts_apart_in_singular_and_plural(login_as):
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)
    contribute(section, "masquée", state=ContributionState.HIDDEN)
    for n in range(2):
        contribute(section, f"retirée {n}", state=ContributionState.WITHDRAWN)
    listing = text(login_as(organizer).get(f"/concertations/{process.slug}/traitement"))
    assert "Comptées à part : 1 masquée par la modération, 2 retirées par leurs auteurs." in listing
