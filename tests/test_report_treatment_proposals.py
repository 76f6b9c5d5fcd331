"""Group proposals in the treatment: submitted ones listed with their workflow status as disposition, counted."""

from consult.groups.proposal_models import ProposalStatus
from consult.groups.services.proposals import create_proposal, decide_proposal, submit_proposal
from consult.processes.models import PhaseKind
from tests.factories import make_draft, make_group, make_member, make_process, make_user
from tests.helpers import text


def test_submitted_proposals_are_listed_with_their_decision_and_counted(login_as, count_queries):
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    _draft, outline = make_draft(organizer, process)
    sections = [outline[0], outline[-1]]  # a part, and the section "Vieillir chez soi" inside the first part
    group = make_group(process, organizer, title="Groupe Aidants", section_ids=[s.id for s in sections])
    _stakeholder, member = make_member(group, organizer, name="France Alzheimer Drôme")
    sheet = {"objective": "Du répit"}
    decided = create_proposal(member, group, title="Plateforme de répit", sheet=sheet, section_ids=[sections[1].id])
    waiting = create_proposal(member, group, title="Relayage à domicile", sheet=sheet)
    create_proposal(member, group, title="Brouillon du groupe", sheet=sheet)
    for proposal in (decided, waiting):
        submit_proposal(organizer, proposal)
    decide_proposal(organizer, decided, status=ProposalStatus.ACCEPTED, reason="Reprise en fiche 2.3.")
    client = login_as(organizer)

    with count_queries() as statements:
        page = text(client.get(f"/concertations/{process.slug}/traitement/propositions"))
    assert "Plateforme de répit" in page
    assert "v1 · Vieillir chez soi" in page
    assert "Reprise en fiche 2.3." in page
    assert "Retenue" in page
    assert "Relayage à domicile" in page
    assert "À décider" in page
    assert "Brouillon du groupe" not in page
    assert f"/groupes/{group.slug}/propositions/{decided.id}" in page
    assert len(statements) <= 8

    progress = text(client.get(f"/concertations/{process.slug}/traitement/avancement"))
    assert "1 proposition de groupe soumise sur 2 est décidée." in progress


def test_proposals_page_is_for_organizers_only(login_as, client):
    organizer = make_user()
    process = make_process(organizer)
    url = f"/concertations/{process.slug}/traitement/propositions"
    assert "/connexion" in client.get(url).headers["Location"]
    assert login_as(make_user()).get(url).status_code == 403
    assert "Aucune proposition de groupe soumise pour le moment." in text(login_as(organizer).get(url))
