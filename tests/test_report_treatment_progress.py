"""The progress meter: treated over total per section and overall; moderated-out contributions counted apart."""

from consult.consultation.models import ContributionState
from consult.db import db
from consult.report.models import Treatment
from consult.report.treatment.queries import progress
from tests.factories import make_process, make_user
from tests.helpers import text
from tests.report_helpers import consulted_sections, contribute


def _treat(client, process, ids, disposition="accepted"):
    client.submit(
        f"/concertations/{process.slug}/traitement/lot",
        {"action": "disposition", "ids": ids, "disposition": disposition, "reason_md": "Motif."},
    )


def test_progress_per_section_and_overall_with_moderated_out_apart(login_as):
    organizer = make_user()
    process = make_process(organizer)
    needs, offer = consulted_sections(organizer, process, ["Analyse des besoins", "Offre"])
    a = contribute(needs, "a")
    contribute(needs, "b")
    c = contribute(offer, "c")
    contribute(offer, "p", state=ContributionState.PENDING)
    contribute(offer, "d", state=ContributionState.HIDDEN, moderation_reason="Propos injurieux")
    contribute(offer, "e", state=ContributionState.HIDDEN, moderation_reason="Propos injurieux")
    contribute(offer, "f", state=ContributionState.HIDDEN, moderation_reason="Données personnelles")
    contribute(needs, "g", state=ContributionState.WITHDRAWN)
    client = login_as(organizer)
    _treat(client, process, [a.id, c.id])

    figures = progress(process.id)
    assert (figures.treated, figures.total, figures.untreated) == (2, 3, 1)
    assert [(s.label, s.treated, s.total) for s in figures.sections] == [
        ("v1 · Analyse des besoins", 1, 2),
        ("v1 · Offre", 1, 1),
    ]
    assert (figures.hidden, figures.withdrawn, figures.pending) == (3, 1, 1)
    assert figures.hidden_reasons == [("Propos injurieux", 2), ("Données personnelles", 1)]

    page = text(client.get(f"/concertations/{process.slug}/traitement/avancement"))
    assert "2 contributions sur 3 ont une suite donnée (67 %)." in page
    assert '<progress max="3" value="2" aria-labelledby="meter-overall">67 %</progress>' in page
    assert "1 contribution sur 2 a une suite donnée (50 %)." in page
    assert "<td>Propos injurieux</td><td>2</td>" in page
    assert "Retirées par leurs auteurs : 1" in page
    assert "Masquées par la modération : 3" in page
    assert "En attente de modération : 1" in page
    listing = text(client.get(f"/concertations/{process.slug}/traitement"))
    assert "Comptées à part : 3 masquées par la modération, 1 retirée par son auteur." in listing


def test_progress_of_an_empty_process(login_as):
    organizer = make_user()
    process = make_process(organizer)
    page = text(login_as(organizer).get(f"/concertations/{process.slug}/traitement/avancement"))
    assert "0 contribution sur 0 a une suite donnée (0 %)." in page
    assert "Aucune contribution pour le moment." in page


def test_a_contribution_awaiting_moderation_is_moderated_before_it_is_treated(login_as):
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)
    published, pending = (
        contribute(section, "publiée"),
        contribute(section, "en attente", state=ContributionState.PENDING),
    )
    client = login_as(organizer)
    response = client.submit(
        f"/concertations/{process.slug}/traitement/lot",
        {"action": "disposition", "ids": [published.id, pending.id], "disposition": "accepted", "reason_md": "Oui."},
    )
    assert response.status_code == 409
    assert "modérez d'abord celles qui attendent leur modération" in text(response)
    assert db.session.query(Treatment).count() == 0
    figures = progress(process.id)
    assert (figures.total, figures.pending) == (1, 1)


def test_only_treatable_contributions_can_be_selected_in_the_list(login_as):
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)
    published = contribute(section, "publiée")
    pending = contribute(section, "en attente", state=ContributionState.PENDING)
    hidden = contribute(section, "masquée", state=ContributionState.HIDDEN)
    page = text(login_as(organizer).get(f"/concertations/{process.slug}/traitement"))
    assert f'id="select-{published.id}"' in page
    assert f'id="select-{pending.id}"' not in page and f'id="select-{hidden.id}"' not in page
