"""Action sheets: written together without silent overwrites, submitted, decided with a reason, shown on sections."""

import pytest
from flask import render_template

from consult.consultation.models import Section
from consult.db import db
from consult.groups.proposal_models import Proposal, ProposalChange, ProposalStatus
from consult.panels import panels_for
from consult.processes.models import PhaseKind
from tests.factories import make_draft, make_group, make_member, make_process, make_user
from tests.helpers import text

SHEET = {
    "title": "Plateforme de répit itinérante",
    "objective": "Offrir du répit aux aidants des zones rurales.",
    "description": "Une équipe mobile se déplace au domicile.",
    "pilot": "Département",
    "partners": "CCAS, France Alzheimer",
    "timeline": "2027-2028",
    "budget": "120 000 € par an",
    "indicators": "Nombre d'aidants accompagnés",
}


@pytest.fixture
def setting():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    _draft, outline = make_draft(organizer, process)
    sections = [outline[0], outline[-1]]  # a part, and the section "Vieillir chez soi" inside the first part
    group = make_group(process, organizer, title="Aidants", section_ids=[s.id for s in sections])
    _stakeholder, member = make_member(group, organizer, name="France Alzheimer Drôme")
    return group, organizer, member, sections


def _base(group):
    return f"/concertations/{group.process.slug}/groupes/{group.slug}"


def _create(login_as, group, member, sections, **overrides):
    url = f"{_base(group)}/propositions/nouvelle"
    data = dict(SHEET, section_ids=[sections[1].id], **overrides)
    response = login_as(member).submit(url, data, token_from=url)
    assert response.status_code == 302, text(response)
    return db.session.query(Proposal).order_by(Proposal.id.desc()).first()


def test_member_writes_a_draft_sheet_that_stays_inside_the_group(setting, client, login_as):
    group, organizer, member, sections = setting
    proposal = _create(login_as, group, member, sections, description="<script>alert(1)</script>")
    url = f"{_base(group)}/propositions/{proposal.id}"
    response = login_as(member).get(url)
    page = text(response)
    assert "Plateforme de répit itinérante" in page and "Vieillir chez soi" in page
    raw = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert client.get(url).status_code == 302
    assert login_as(make_user()).get(url).status_code == 403
    assert "Plateforme de répit" not in text(client.get(_base(group)))


def test_outsiders_cannot_write_sheets(setting, login_as):
    group, _organizer, _member, _sections = setting
    url = f"{_base(group)}/propositions/nouvelle"
    assert login_as(make_user()).get(url).status_code == 403


def test_a_concurrent_edit_is_refused_with_the_other_changes_shown(setting, login_as):
    group, organizer, member, sections = setting
    proposal = _create(login_as, group, member, sections)
    _other_org, colleague = make_member(group, organizer, name="UDAF de la Drôme")
    url = f"{_base(group)}/propositions/{proposal.id}/modifier"
    first, second = login_as(member), login_as(colleague)
    first.get(url)
    second.get(url)
    saved = first.submit(url, dict(SHEET, version="1", budget="150 000 € par an"), token_from=url)
    assert saved.status_code == 302
    refused = second.submit(url, dict(SHEET, version="1", timeline="Dès 2027"), token_from=url)
    assert refused.status_code == 409
    page = text(refused)
    assert "Quelqu'un a enregistré cette fiche action" in page
    assert "150 000 € par an" in page  # the other's change, shown
    assert "Dès 2027" in page  # one's own text, kept in the form
    db.session.expire_all()
    current = db.session.get(Proposal, proposal.id)
    assert (current.budget, current.timeline, current.version) == ("150 000 € par an", "2027-2028", 2)
    again = second.submit(url, dict(SHEET, version="2", budget="150 000 € par an", timeline="Dès 2027"), token_from=url)
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).timeline == "Dès 2027"


def test_workflow_submit_then_decide_with_a_reason_mailed_to_the_group(setting, client, login_as, mailbox):
    group, organizer, member, sections = setting
    proposal = _create(login_as, group, member, sections)
    base = f"{_base(group)}/propositions/{proposal.id}"
    assert login_as(member).submit(f"{base}/soumettre", token_from=base).status_code == 403
    assert login_as(organizer).submit(f"{base}/soumettre", token_from=base).status_code == 302
    assert login_as(member).get(f"{base}/modifier").status_code == 403
    assert any("est maintenant : Déposée" in mailbox.body(m) for m in mailbox.to(member.email))
    organizer_client = login_as(organizer)
    response = organizer_client.submit(f"{base}/decision", {"status": "accepted", "reason": ""}, token_from=base)
    assert response.status_code == 409
    organizer_client.submit(
        f"{base}/decision", {"status": "accepted", "reason": "Reprise dans l'orientation 2."}, token_from=base
    )
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status == ProposalStatus.ACCEPTED
    news = mailbox.to(member.email)[-1]
    assert "Retenue" in mailbox.body(news) and "Reprise dans l'orientation 2." in mailbox.body(news)
    public = text(client.get(base))
    assert "Retenue" in public and "Reprise dans l'orientation 2." in public
    assert "Plateforme de répit itinérante" in text(client.get(_base(group)))


def test_only_organizers_decide(setting, login_as):
    group, organizer, member, sections = setting
    proposal = _create(login_as, group, member, sections)
    base = f"{_base(group)}/propositions/{proposal.id}"
    login_as(organizer).submit(f"{base}/soumettre", token_from=base)
    response = login_as(member).submit(f"{base}/decision", {"status": "rejected", "reason": "Non"}, token_from=base)
    assert response.status_code == 403


def test_submitted_sheets_show_on_the_sections_they_feed_and_change(app, setting, login_as):
    group, organizer, member, sections = setting
    proposal = _create(login_as, group, member, sections)
    base = f"{_base(group)}/propositions/{proposal.id}"
    assert panels_for("section", sections[1], None, None) == []  # a draft shows nowhere
    login_as(organizer).submit(f"{base}/soumettre", token_from=base)
    login_as(organizer).submit(f"{base}/decision", {"status": "under_review"}, token_from=base)
    login_as(organizer).submit(f"{base}/modifications", {"section_id": sections[0].id}, token_from=base)
    assert db.session.query(ProposalChange).filter_by(section_id=sections[0].id).count() == 1
    with app.test_request_context():
        for section, changed in ((sections[1], False), (sections[0], True)):
            [panel] = [p for p in panels_for("section", section, None, None) if p.template.startswith("groups/")]
            html = render_template(panel.template, data=panel.context)
            assert "Plateforme de répit itinérante" in html and "Aidants" in html
            assert f'href="{base}"' in html  # the sheet's own page, reached from the section
            assert ("Cette section a été modifiée grâce à cette fiche" in html) is changed


@pytest.mark.parametrize("size", [0, 1, 12])
def test_section_panel_costs_one_query_and_none_without_sheets(app, setting, login_as, count_queries, size):
    from consult.groups.services.proposals import create_proposal, submit_proposal

    group, organizer, member, sections = setting
    for n in range(size):
        proposal = create_proposal(member, group, title=f"Fiche {n}", sheet=SHEET, section_ids=[sections[0].id])
        submit_proposal(organizer, proposal)
    db.session.expire_all()
    section = db.session.get(Section, sections[0].id)
    with app.test_request_context(), count_queries() as queries:
        shown = [p for p in panels_for("section", section, None, None) if p.template.startswith("groups/")]
        for panel in shown:
            render_template(panel.template, data=panel.context)
    assert len(queries) == (1 if size else 0), queries  # the section's kept count says whether to ask
    assert [len(panel.context["rows"]) for panel in shown] == ([size] if size else [])


def test_each_section_counts_the_sheets_linked_to_it(setting, login_as):
    from consult.groups.services.proposals import link_proposal_change, submit_proposal, update_proposal
    from consult.report.publishing.invariants import counter_mismatches

    group, organizer, member, (part, section) = setting
    proposal = _create(login_as, group, member, (part, section))  # feeds the section
    kept = lambda s: db.session.get(Section, s.id).sheet_link_count  # noqa: E731
    assert (kept(part), kept(section)) == (0, 1)
    update_proposal(member, proposal, expected_version=1, title="Répit", sheet=SHEET, section_ids=[part.id, section.id])
    update_proposal(member, proposal, expected_version=2, title="Répit", sheet=SHEET, section_ids=[part.id])
    db.session.expire_all()
    assert (kept(part), kept(section)) == (1, 0)
    submit_proposal(organizer, proposal)
    for _twice in range(2):  # the second link of the same change adds nothing
        link_proposal_change(organizer, proposal, section.id)
    db.session.expire_all()
    assert (kept(part), kept(section)) == (1, 1)
    assert counter_mismatches(group.process_id) == []
