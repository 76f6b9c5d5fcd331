"""Dispositions: one or a selection with a shared reason, through a theme, overrides, history, change links."""

import pytest
from sqlalchemy import select

from consult.consultation.models import ChangeLink, Contribution
from consult.db import db
from consult.report.models import DispositionChange, DispositionValue, Theme, Treatment
from consult.report.rules import effective_disposition, effective_reason_html, with_treatment
from tests.factories import make_process, make_user
from tests.helpers import text
from tests.report_helpers import consulted_sections, contribute, next_version, organizer_of


@pytest.fixture
def setup(login_as):
    """A process, its organizer's client, a section and three contributions."""
    organizer = make_user(name="Claire Organisatrice")
    process = make_process(organizer)
    section, _other = consulted_sections(organizer, process, ["Analyse des besoins", "Offre"])
    contributions = [contribute(section, f"contribution-{n}") for n in range(3)]
    return process, section, contributions, login_as(organizer)


def _other_section(section, version_id=None):
    from consult.consultation.models import Section

    return db.session.scalar(
        select(Section).where(Section.version_id == (version_id or section.version_id), Section.title == "Offre")
    )


def _foreign_section():
    organizer = make_user()
    return consulted_sections(organizer, make_process(organizer))[0]


def _bulk(client, process, ids, **data):
    payload = {"action": "disposition", "ids": [str(i) for i in ids]} | data
    return client.submit(f"/concertations/{process.slug}/traitement/lot", payload)


def _theme_id(process):
    return db.session.scalar(select(Theme.id).where(Theme.process_id == process.id))


def _effective(process):
    query = select(Contribution.id, effective_disposition, effective_reason_html, Treatment.disposition.is_not(None))
    rows = db.session.execute(with_treatment(query).where(Contribution.process_id == process.id))
    return {contribution_id: (disposition, reason, own) for contribution_id, disposition, reason, own in rows}


def _dispositions(process):
    return {contribution_id: row[0] for contribution_id, row in _effective(process).items()}


def test_bulk_disposition_with_one_shared_reason(setup):
    process, _section, (a, b, c), client = setup
    response = _bulk(client, process, [a.id, b.id], disposition="accepted", reason_md="Repris dans la **fiche 3**.")
    assert response.status_code == 302
    assert _dispositions(process) == {a.id: DispositionValue.ACCEPTED, b.id: DispositionValue.ACCEPTED, c.id: None}
    treatment = db.session.scalar(select(Treatment).where(Treatment.contribution_id == a.id))
    assert treatment.reason_html == "<p>Repris dans la <strong>fiche 3</strong>.</p>\n"
    page = text(client.get(f"/concertations/{process.slug}/traitement?disposition=accepted"))
    assert "2 contributions trouvées" in page


def test_bulk_disposition_requires_a_reason(setup):
    process, _section, (a, _b, _c), client = setup
    response = _bulk(client, process, [a.id], disposition="rejected", reason_md="  ")
    assert response.status_code == 400
    assert "Indiquez le motif de cette suite donnée." in text(response)
    assert f'value="{a.id}" id="select-{a.id}" checked' in text(response)
    assert _dispositions(process)[a.id] is None


def test_bulk_action_requires_a_selection(setup):
    process, *_rest, client = setup
    response = _bulk(client, process, [], disposition="rejected", reason_md="Motif")
    assert response.status_code == 400
    assert "Sélectionnez au moins une contribution." in text(response)


def test_bulk_action_refuses_contributions_of_another_process(setup):
    process, _section, (a, _b, _c), client = setup
    stranger = contribute(_foreign_section(), "ailleurs")
    response = _bulk(client, process, [a.id, stranger.id], disposition="rejected", reason_md="Motif")
    assert response.status_code == 404
    assert _dispositions(process)[a.id] is None


def test_bulk_action_without_csrf_token_is_refused(setup):
    process, _section, (a, _b, _c), client = setup
    response = client.post(
        f"/concertations/{process.slug}/traitement/lot",
        data={"action": "disposition", "ids": [a.id], "disposition": "accepted", "reason_md": "x"},
    )
    assert response.status_code == 400
    assert _dispositions(process)[a.id] is None


def test_theme_disposition_applies_unless_the_contribution_has_its_own(setup):
    process, _section, (a, b, c), client = setup
    client.submit(f"/concertations/{process.slug}/traitement/themes", {"title": "Aide aux aidants"})
    theme_id = _theme_id(process)
    client.submit(
        f"/concertations/{process.slug}/traitement/lot", {"action": "theme", "theme": theme_id, "ids": [a.id, b.id]}
    )
    _bulk(client, process, [b.id], disposition="rejected", reason_md="Déjà prévu par la loi.")
    response = client.submit(
        f"/concertations/{process.slug}/traitement/themes/{theme_id}/suite",
        {"d-disposition": "partly_accepted", "d-reason_md": "Une plateforme de répit par territoire."},
    )
    assert response.status_code == 302
    assert _dispositions(process) == {
        a.id: DispositionValue.PARTLY_ACCEPTED,
        b.id: DispositionValue.REJECTED,
        c.id: None,
    }
    page = text(client.get(f"/concertations/{process.slug}/traitement"))
    assert 'Partiellement retenue <span class="meta">(celle de son thème)</span>' in page
    assert page.count("(celle de son thème)") == 1
    # Removing b's own disposition lets its theme's apply.
    _bulk(client, process, [b.id], disposition="none", reason_md="")
    assert _dispositions(process)[b.id] == DispositionValue.PARTLY_ACCEPTED
    _disposition, reason_html, own = _effective(process)[a.id]
    assert reason_html == "<p>Une plateforme de répit par territoire.</p>\n"
    assert not own


def test_history_shows_who_when_before_after_on_the_contribution_page(setup):
    process, _section, (a, _b, _c), client = setup
    _bulk(client, process, [a.id], disposition="rejected", reason_md="Premier avis.")
    _bulk(client, process, [a.id], disposition="accepted", reason_md="Revu après la réunion du 12.")
    page = text(client.get(f"/concertations/{process.slug}/traitement/contributions/{a.id}"))
    history = page.split("Historique de sa suite donnée")[1]
    assert history.count("Claire Organisatrice") == 2
    assert history.index("Revu après la réunion du 12.") < history.index("Premier avis.")
    assert "<td>Non retenue</td>\n          <td>Retenue" in history
    changes = db.session.scalars(select(DispositionChange).order_by(DispositionChange.id)).all()
    assert [(c.before, c.after) for c in changes] == [(None, "rejected"), ("rejected", "accepted")]


def test_theme_disposition_is_recorded_in_each_contributions_history(setup):
    process, _section, (a, _b, _c), client = setup
    client.submit(f"/concertations/{process.slug}/traitement/themes", {"title": "Transport adapté"})
    theme_id = _theme_id(process)
    client.submit(f"/concertations/{process.slug}/traitement/contributions/{a.id}/theme", {"t-theme": theme_id})
    client.submit(
        f"/concertations/{process.slug}/traitement/themes/{theme_id}/suite",
        {"d-disposition": "out_of_scope", "d-reason_md": "Compétence de la Région."},
    )
    page = text(client.get(f"/concertations/{process.slug}/traitement/contributions/{a.id}"))
    assert "par le thème « Transport adapté »" in page
    assert "Compétence de la Région." in page
    theme_page = text(client.get(f"/concertations/{process.slug}/traitement/themes/{theme_id}"))
    assert "Hors champ" in theme_page.split("Historique de sa suite donnée")[1]


def test_single_disposition_with_the_change_it_led_to_links_the_change(setup):
    process, section, (a, _b, _c), client = setup
    later = next_version(organizer_of(process.id), section, "Analyse des besoins (révisée)")
    response = client.submit(
        f"/concertations/{process.slug}/traitement/contributions/{a.id}/suite",
        {"d-disposition": "accepted", "d-reason_md": "Ajouté.", "d-change_section": later.id},
    )
    assert response.status_code == 302
    link = db.session.scalar(select(ChangeLink))
    assert (link.section_id, link.contribution_id) == (later.id, a.id)
    page = text(client.get(f"/concertations/{process.slug}/traitement/contributions/{a.id}"))
    assert "v2 · Analyse des besoins (révisée)" in page.split("Modifications du projet qui en découlent")[1]


def test_changed_section_must_descend_from_the_contributions_section(setup):
    process, section, (a, _b, _c), client = setup
    copy = next_version(organizer_of(process.id), section)
    unrelated = _other_section(section, copy.version_id)
    response = _bulk(client, process, [a.id], disposition="accepted", reason_md="x", change_section=unrelated.id)
    assert response.status_code == 409
    assert "La section modifiée doit être une version ultérieure de la section des contributions." in text(response)
    assert _dispositions(process)[a.id] is None
    assert db.session.scalar(select(ChangeLink)) is None


def test_theme_disposition_links_the_change_for_its_contributions_on_the_earlier_section(setup):
    process, section, (a, b, _c), client = setup
    elsewhere = contribute(_other_section(section), "ailleurs")
    later = next_version(organizer_of(process.id), section, "Besoins v2")
    client.submit(f"/concertations/{process.slug}/traitement/themes", {"title": "Répit"})
    theme_id = _theme_id(process)
    client.submit(
        f"/concertations/{process.slug}/traitement/lot",
        {"action": "theme", "theme": theme_id, "ids": [a.id, b.id, elsewhere.id]},
    )
    client.submit(
        f"/concertations/{process.slug}/traitement/themes/{theme_id}/suite",
        {"d-disposition": "accepted", "d-reason_md": "Repris.", "d-change_section": later.id},
    )
    links = db.session.scalars(select(ChangeLink).order_by(ChangeLink.contribution_id)).all()
    assert [(link.section_id, link.contribution_id) for link in links] == [(later.id, a.id), (later.id, b.id)]


def test_changed_section_of_another_process_is_refused(setup):
    process, _section, (a, _b, _c), client = setup
    foreign = _foreign_section()
    response = _bulk(client, process, [a.id], disposition="accepted", reason_md="x", change_section=foreign.id)
    assert response.status_code == 400  # not a choice of this process's sections
    assert db.session.scalar(select(ChangeLink)) is None


def test_single_disposition_form_shows_its_errors(setup):
    process, _section, (a, _b, _c), client = setup
    response = client.submit(
        f"/concertations/{process.slug}/traitement/contributions/{a.id}/suite", {"d-disposition": "accepted"}
    )
    assert response.status_code == 400
    assert "Indiquez le motif de cette suite donnée." in text(response)


def test_reason_markdown_is_sanitized(setup):
    process, _section, (a, _b, _c), client = setup
    _bulk(
        client, process, [a.id], disposition="accepted", reason_md="<script>alert(1)</script> [x](javascript:alert(1))"
    )
    page = client.get(f"/concertations/{process.slug}/traitement/contributions/{a.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript:' not in page
    treatment = db.session.scalar(select(Treatment).where(Treatment.contribution_id == a.id))
    assert "<script>" not in treatment.reason_html
    assert "href" not in treatment.reason_html


def _nothing_written(process):
    from consult.audit import AuditEntry

    assert db.session.query(Treatment).count() == 0
    assert db.session.query(DispositionChange).count() == 0
    assert db.session.query(ChangeLink).count() == 0
    assert db.session.query(AuditEntry).filter_by(action="report.disposition").count() == 0
    assert set(_dispositions(process).values()) == {None}


def _bulk_with_links(process, section, contributions):
    from consult.report.treatment.services import set_disposition

    later = next_version(organizer_of(process.id), section)
    return lambda: set_disposition(
        organizer_of(process.id),
        process,
        [c.id for c in contributions],
        disposition=DispositionValue.ACCEPTED,
        reason_md="Repris.",
        change_section_id=later.id,
    )


def test_a_failure_at_the_second_change_link_leaves_nothing_half_written(setup, monkeypatch):
    from consult.report.treatment import services

    process, section, contributions, _client = setup
    bulk = _bulk_with_links(process, section, contributions)
    real, calls = services.link_contribution_to_change, []

    def link_then_fail(*args):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("link failed")
        return real(*args)

    monkeypatch.setattr(services, "link_contribution_to_change", link_then_fail)
    with pytest.raises(RuntimeError):
        bulk()
    db.session.rollback()
    _nothing_written(process)


def test_the_effective_disposition_is_the_same_in_sql_and_on_loaded_objects(setup):
    from consult.report.rules import effective_of

    process, _section, (a, b, c), client = setup
    client.submit(f"/concertations/{process.slug}/traitement/themes", {"title": "Répit"})
    theme_id = _theme_id(process)
    client.submit(
        f"/concertations/{process.slug}/traitement/lot", {"action": "theme", "theme": theme_id, "ids": [a.id, b.id]}
    )
    client.submit(
        f"/concertations/{process.slug}/traitement/themes/{theme_id}/suite",
        {"d-disposition": "accepted", "d-reason_md": "Oui."},
    )
    _bulk(client, process, [b.id], disposition="rejected", reason_md="Non.")
    db.session.expire_all()
    treatments = {t.contribution_id: t for t in db.session.scalars(select(Treatment))}
    in_python = {cid: effective_of(treatments.get(cid)) for cid in (a.id, b.id, c.id)}
    assert in_python == _dispositions(process)
    assert in_python == {a.id: DispositionValue.ACCEPTED, b.id: DispositionValue.REJECTED, c.id: None}
