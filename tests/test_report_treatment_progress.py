"""The progress meter: treated over total per section and overall; moderated-out contributions counted apart."""

from consult.consultation.models import ContributionState
from consult.report.treatment.queries import progress
from tests.factories import make_contribution_row, make_process, make_section_row, make_user
from tests.helpers import text


def _treat(client, process, ids, disposition="accepted"):
    client.submit(
        f"/concertations/{process.slug}/traitement/lot",
        {"action": "disposition", "ids": ids, "disposition": disposition, "reason_md": "Motif."},
    )


def test_progress_per_section_and_overall_with_moderated_out_apart(login_as):
    organizer = make_user()
    process = make_process(organizer)
    needs, offer = make_section_row(process, "Analyse des besoins"), make_section_row(process, "Offre")
    a = make_contribution_row(needs, "a")
    make_contribution_row(needs, "b")
    c = make_contribution_row(offer, "c", state=ContributionState.PENDING)
    make_contribution_row(offer, "d", state=ContributionState.HIDDEN, moderation_reason="Propos injurieux")
    make_contribution_row(offer, "e", state=ContributionState.HIDDEN, moderation_reason="Propos injurieux")
    make_contribution_row(offer, "f", state=ContributionState.HIDDEN, moderation_reason="Données personnelles")
    make_contribution_row(needs, "g", state=ContributionState.WITHDRAWN)
    client = login_as(organizer)
    _treat(client, process, [a.id, c.id])

    figures = progress(process.id)
    assert (figures.treated, figures.total, figures.untreated) == (2, 3, 1)
    assert [(s.label, s.treated, s.total) for s in figures.sections] == [
        ("v1 · Analyse des besoins", 1, 2),
        ("v1 · Offre", 1, 1),
    ]
    assert (figures.hidden, figures.withdrawn) == (3, 1)
    assert figures.hidden_reasons == [("Propos injurieux", 2), ("Données personnelles", 1)]

    page = text(client.get(f"/concertations/{process.slug}/traitement/avancement"))
    assert "2 contributions sur 3 ont une suite donnée (67 %)." in page
    assert '<progress max="3" value="2" aria-labelledby="meter-overall">67 %</progress>' in page
    assert "1 contributions sur 2 ont une suite donnée (50 %)." in page
    assert "<td>Propos injurieux</td><td>2</td>" in page
    assert "Retirées par leurs auteurs : 1" in page
    assert "Masquées par la modération : 3" in page
    listing = text(client.get(f"/concertations/{process.slug}/traitement"))
    assert "Comptées à part : 3 masquée(s) par la modération, 1 retirée(s) par leurs auteurs." in listing


def test_progress_of_an_empty_process(login_as):
    organizer = make_user()
    process = make_process(organizer)
    page = text(login_as(organizer).get(f"/concertations/{process.slug}/traitement/avancement"))
    assert "0 contributions sur 0 ont une suite donnée (0 %)." in page
    assert "Aucune contribution pour le moment." in page
