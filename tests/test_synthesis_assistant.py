"""The synthesis assistant in the app: computation by the worker, the organizer's page, decisions, permissions."""

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from consult.consultation.models import Section
from consult.db import db
from consult.report.models import DispositionChange, Theme, Treatment
from consult.synthesis import compute, services
from consult.synthesis.errors import SuggestionDecided
from consult.synthesis.models import (
    Campaign,
    RunStatus,
    SuggestedTheme,
    SuggestionDecision,
    SuggestionStatus,
    SynthesisRun,
)
from consult.worker import run_once
from tests.factories import (
    make_draft,
    make_offline_contribution,
    make_process,
    make_synthesis_run,
    make_theme,
    make_user,
    treat,
)
from tests.helpers import text

CORPUS = json.loads(
    (Path(__file__).resolve().parent.parent / "bench" / "synthesis_corpus" / "corpus.json").read_text(encoding="utf-8")
)
SUBJECTS = ("respite", "transport", "school_inclusion", "housing")


@pytest.fixture
def consultation():
    """A process with 60 contributions on four subjects and a campaign of 6 copies, and its organizer."""
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    contributions = {}
    for subject in SUBJECTS:
        texts = [c["text"] for c in CORPUS if c["subject"] == subject and not c["campaign"]][:15]
        contributions[subject] = [make_offline_contribution(organizer, sections[0], t) for t in texts]
    copy = next(c["text"] for c in CORPUS if c["campaign"] == "copies")
    contributions["campaign"] = [make_offline_contribution(organizer, sections[0], copy) for _ in range(6)]
    return process, organizer, contributions


def _url(process, suffix=""):
    return f"/concertations/{process.slug}/traitement/assistant{suffix}"


def _suggestion_of(contribution):
    return next(s for s in db.session.scalars(select(SuggestedTheme)) if contribution.id in s.members)


def test_organizer_requests_a_computation_the_worker_runs_it_and_the_page_shows_results(consultation, login_as):
    process, organizer, contributions = consultation
    client = login_as(organizer)
    assert client.submit(_url(process, "/calculer"), {"theme_count": "4"}).status_code == 302
    assert client.submit(_url(process, "/calculer")).status_code == 302  # a second click keeps the one request
    run = db.session.scalar(select(SynthesisRun))
    assert db.session.scalar(select(func.count(SynthesisRun.id))) == 1
    assert "Calcul en cours" in text(client.get(_url(process)))
    run_once()
    db.session.refresh(run)
    assert run.status == RunStatus.DONE and run.progress == 100 and run.contribution_count == 66
    assert run.theme_count == 4 and len(db.session.scalars(select(SuggestedTheme)).all()) == 4
    campaign = db.session.scalar(select(Campaign))
    assert sorted(campaign.members) == sorted(c.id for c in contributions["campaign"])
    page = text(client.get(_url(process)))
    assert "Thèmes suggérés" in page and "Campagnes et doublons" in page
    assert "aidant" in page  # a key term of the respite suggestion


def test_suggested_themes_place_each_contribution_once_and_a_campaign_together(consultation):
    # How well themes follow subjects is measured on the whole bench corpus (test_synthesis_analysis):
    # 15 realistic texts per subject are too few for any method to sort them.
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    members = [m for s in db.session.scalars(select(SuggestedTheme)) for m in s.members]
    assert sorted(members) == sorted(c.id for group in contributions.values() for c in group)
    label = {member: s.id for s in db.session.scalars(select(SuggestedTheme)) for member in s.members}
    assert len({label[c.id] for c in contributions["campaign"]}) == 1


def test_accepting_makes_a_theme_of_the_free_contributions_and_records_the_decision(consultation, login_as):
    process, organizer, contributions = consultation
    respite = contributions["respite"]
    existing = make_theme(organizer, process, "Déjà trié")
    treat(organizer, respite[0], theme=existing)
    make_synthesis_run(process, organizer)
    suggestion = _suggestion_of(respite[1])
    client = login_as(organizer)
    response = client.submit(_url(process, f"/suggestions/{suggestion.id}/accept"), {"title": "Répit des aidants"})
    assert response.status_code == 302
    theme = db.session.scalar(select(Theme).where(Theme.title == "Répit des aidants"))
    in_theme = set(db.session.scalars(select(Treatment.contribution_id).where(Treatment.theme_id == theme.id)))
    assert in_theme == set(suggestion.members) - {respite[0].id}
    assert db.session.get(Treatment, db.session.scalar(
        select(Treatment.id).where(Treatment.contribution_id == respite[0].id))).theme_id == existing.id  # fmt: skip
    db.session.refresh(suggestion)
    assert suggestion.status == SuggestionStatus.ACCEPTED and suggestion.theme_id == theme.id
    again = client.submit(_url(process, f"/suggestions/{suggestion.id}/accept"), {"title": "Répit des aidants"})
    assert again.status_code == 303
    assert db.session.scalar(select(func.count(Theme.id)).where(Theme.title == "Répit des aidants")) == 1
    decisions = db.session.scalars(select(SuggestionDecision)).all()
    assert [(d.action, d.actor_id) for d in decisions] == [("accept", organizer.id)]
    assert "Répit des aidants" in text(client.get(_url(process)))


def test_rename_merge_and_reject_are_recorded_and_a_decided_suggestion_cannot_be_decided_again(consultation):
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    transport, school, housing = (
        _suggestion_of(contributions[s][0]) for s in ("transport", "school_inclusion", "housing")
    )
    services.rename(organizer, process, transport.id, title="Se déplacer")
    merged = services.merge(organizer, process, school.id, transport.id)
    assert merged.id == transport.id and set(school.members) <= set(merged.members)
    services.reject(organizer, process, housing.id)
    with pytest.raises(SuggestionDecided):
        services.reject(organizer, process, school.id)
    with pytest.raises(SuggestionDecided):
        services.accept(organizer, process, housing.id)
    actions = [d.action for d in db.session.scalars(select(SuggestionDecision).order_by(SuggestionDecision.id))]
    assert actions == ["rename", "merge", "reject"]
    assert db.session.get(SuggestedTheme, transport.id).title == "Se déplacer"
    assert db.session.scalar(select(func.count(Theme.id))) == 0  # nothing assigned without an acceptance


def test_similar_contributions_are_shown_on_the_treatment_page_with_a_score(consultation, login_as):
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    client = login_as(organizer)
    target = contributions["campaign"][0]
    page = text(client.get(f"/concertations/{process.slug}/traitement/contributions/{target.id}"))
    assert "Contributions similaires" in page
    assert "copie (même campagne)" in page  # copies are not given a cosine score they were not measured by
    page = text(client.get(_url(process, f"/contributions/{contributions['transport'][0].id}")))
    assert "Similarité" in page
    assert re.search(r"<td>0,\d+</td>", page)  # written the French way


def test_new_contributions_are_suggested_into_the_themes_organizers_made(consultation):
    process, organizer, contributions = consultation
    theme = make_theme(organizer, process, "Transports")
    for contribution in contributions["transport"][:4]:
        treat(organizer, contribution, theme=theme)
    make_synthesis_run(process, organizer)
    from consult.synthesis.models import ThemeHint

    hinted = set(db.session.scalars(select(ThemeHint.contribution_id).where(ThemeHint.theme_id == theme.id)))
    transport = {c.id for c in contributions["transport"][4:]}
    assert len(hinted & transport) >= 8


@pytest.mark.parametrize("who", ["participant", "visitor"])
def test_participants_never_see_or_decide_suggestions(consultation, login_as, client, who):
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    suggestion = db.session.scalars(select(SuggestedTheme)).first()
    visitor = client if who == "visitor" else login_as(make_user())
    expected = (302,) if who == "visitor" else (403,)
    assert visitor.get(_url(process)).status_code in expected
    assert visitor.get(_url(process, f"/contributions/{contributions['respite'][0].id}")).status_code in expected
    for action in ("accept", "rename", "merge", "reject"):
        response = visitor.submit(_url(process, f"/suggestions/{suggestion.id}/{action}"), {"title": "x"})
        assert response.status_code in expected
    assert visitor.submit(_url(process, "/calculer")).status_code in expected
    assert db.session.scalar(select(func.count(SuggestionDecision.id))) == 0
    assert suggestion.title not in text(visitor.get(f"/concertations/{process.slug}"))


def test_a_number_of_themes_out_of_range_is_refused_with_a_message(consultation, login_as):
    process, organizer, _contributions = consultation
    client = login_as(organizer)
    response = client.submit(_url(process, "/calculer"), {"theme_count": "500"}, follow_redirects=True)
    assert "entre 2 et 40" in text(response)
    assert db.session.scalar(select(func.count(SynthesisRun.id))) == 0


def test_services_refuse_a_participant(consultation):
    process, organizer, _contributions = consultation
    from consult.errors import NotAllowed

    with pytest.raises(NotAllowed):
        services.request_run(make_user(), process)


def test_a_failed_computation_is_marked_and_the_page_says_so(consultation, login_as, monkeypatch):
    process, organizer, _contributions = consultation
    run = services.request_run(organizer, process)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(compute, "analyse", broken)
    compute.run(run.id)
    db.session.refresh(run)
    assert run.status == RunStatus.FAILED
    assert "Le dernier calcul a échoué" in text(login_as(organizer).get(_url(process)))


def test_the_demo_shows_a_campaign_real_themes_and_opinion_groups(login_as):
    from consult.demo import load_demo
    from consult.processes.models import Process
    from consult.synthesis import queries

    load_demo()
    process = db.session.scalars(select(Process).order_by(Process.id)).first()
    run = queries.latest_done_run(process.id)
    assert run is not None
    assert max(len(c.members) for c in queries.campaigns(run.id)) >= 15
    assert len(queries.suggestions(run.id)) >= 5
    assert len(run.opinions["groups"]) >= 2


def test_opinion_groups_reach_everyone_once_the_report_is_published_and_small_groups_stay_hidden(client):
    from consult.consultation.services import support_contribution
    from consult.report.publishing.snapshot.services import publish_report
    from tests.factories import make_comment, make_position

    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    sections = sections[:6]
    profiles = {"pour": ["agree"] * 6, "contre": ["agree", "disagree"] * 3, "rare": ["disagree"] * 6}
    comment = make_comment(make_user(), sections[0], body="Des relais pour les aidants, partout dans le département.")
    for profile, size in (("pour", 14), ("contre", 14), ("rare", 3)):
        for _ in range(size):
            person = make_user()
            for section, value in zip(sections, profiles[profile], strict=True):
                make_position(section, person, value)
            if profile == "pour":
                support_contribution(person, comment)
    make_synthesis_run(process, organizer)
    run = db.session.scalar(select(SynthesisRun))
    assert run.opinions["counted"] == 31
    # sections as the draft reads: part 1, its own section (made last), then parts 2 to 5
    reading = [sections[0], sections[5], *sections[1:5]]
    assert [v["section"] for v in run.opinions["sections"]] == [s.id for s in reading]
    # judged among the groups shown: the hidden group of three who disagree everywhere divides nothing
    first = next(v for v in run.opinions["sections"] if v["section"] == sections[0].id)
    assert (first["consensus"], first["divisive"]) == ("agree", False)
    assert run.opinions["groups"] and all(g["size"] >= 10 for g in run.opinions["groups"])
    supported = [c for g in run.opinions["groups"] for c in g["supported"]]
    assert [(c["id"], c["supports"]) for c in supported] == [(comment.id, 14)]
    assert "Groupes d'opinion" not in text(client.get(f"/concertations/{process.slug}"))
    publish_report(organizer, process, interim=True)
    page = text(client.get(f"/concertations/{process.slug}"))
    assert "Groupes d'opinion" in page
    assert "Parties sur lesquelles tous les groupes sont d'accord" in page
    assert sections[0].title in page
    assert "Des relais pour les aidants" in page


def test_the_worker_computes_again_once_enough_new_contributions_arrived(consultation):
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    from consult.consultation.models import Section

    section = db.session.get(Section, contributions["respite"][0].section_id)
    for n in range(9):
        make_offline_contribution(organizer, section, f"Encore une contribution sur le répit des aidants, numéro {n}.")
    run_once()
    assert db.session.scalar(select(func.count(SynthesisRun.id))) == 1  # 9 new: not yet
    make_offline_contribution(organizer, section, "La dixième contribution nouvelle sur le relais des aidants.")
    run_once()
    runs = db.session.scalars(select(SynthesisRun).order_by(SynthesisRun.id)).all()
    assert len(runs) == 2 and runs[1].status == RunStatus.DONE and runs[1].contribution_count == 76
    run_once()
    assert db.session.scalar(select(func.count(SynthesisRun.id))) == 2


def test_a_run_whose_worker_died_is_taken_over_once_its_lease_ran_out(app):
    from datetime import timedelta

    from consult.claims import claim
    from consult.db import utcnow
    from consult.synthesis import compute
    from consult.synthesis.models import RunStatus, SynthesisRun
    from consult.synthesis.services import request_run
    from tests.factories import make_process, make_user

    organizer = make_user()
    run = request_run(organizer, make_process(organizer))
    assert claim(SynthesisRun, SynthesisRun.id == run.id, worker="dead:1:x", lease=compute.LEASE, now=utcnow())
    assert compute._claim(run.id) is False  # a live lease: the run is left to its worker
    db.session.execute(
        SynthesisRun.__table__.update().where(SynthesisRun.id == run.id).values(claimed_until=utcnow() - timedelta(1))
    )
    compute.run_pending(utcnow())
    assert db.session.get(SynthesisRun, run.id).status == RunStatus.DONE


def _group_action(client, process, ids, back, **data):
    payload = {"ids": [str(i) for i in ids], "next": back} | data
    return client.submit(f"/concertations/{process.slug}/traitement/lot", payload)


def test_the_group_form_gives_a_whole_campaign_one_theme_then_one_disposition_in_the_history(consultation, login_as):
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    theme = make_theme(organizer, process, "Délais de la MDPH")
    client = login_as(organizer)
    copies = [c.id for c in contributions["campaign"]]
    back = f"/concertations/{process.slug}/traitement/contributions/{copies[0]}"
    page = client.get(back).get_data(as_text=True)
    assert "Agir sur tout le groupe" in page
    assert all(f'name="ids" value="{i}"' in page for i in copies)  # every copy of its campaign is in the group

    response = _group_action(client, process, copies, back, action="theme", theme=str(theme.id))
    assert response.status_code == 302 and response.headers["Location"].endswith(back)
    in_theme = set(db.session.scalars(select(Treatment.contribution_id).where(Treatment.theme_id == theme.id)))
    assert in_theme == set(copies)

    reason = "Un plan de rattrapage est inscrit à la **fiche 7**."
    response = _group_action(
        client, process, copies, back, action="disposition", disposition="accepted", reason_md=reason
    )
    assert response.status_code == 302
    history = db.session.scalars(select(DispositionChange).where(DispositionChange.target_id.in_(copies))).all()
    assert sorted(h.target_id for h in history) == sorted(copies)
    assert {(h.after, h.actor_id, h.reason_md) for h in history} == {("accepted", organizer.id, reason)}


def test_the_group_form_needs_a_reason_its_token_and_the_right_to_treat(consultation, login_as):
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    copies = [c.id for c in contributions["campaign"]]
    back = f"/concertations/{process.slug}/traitement/contributions/{copies[0]}"
    organizer_client = login_as(organizer)
    no_reason = _group_action(organizer_client, process, copies, back, action="disposition", disposition="accepted")
    assert no_reason.status_code == 400
    tokenless = organizer_client.post(
        f"/concertations/{process.slug}/traitement/lot",
        data={"ids": [str(i) for i in copies], "action": "disposition", "disposition": "accepted", "reason_md": "x"},
    )
    assert tokenless.status_code == 400
    outsider = login_as(make_user())
    denied = _group_action(outsider, process, copies, back, action="disposition", disposition="accepted", reason_md="x")
    assert denied.status_code == 403
    assert db.session.scalar(select(func.count(DispositionChange.id))) == 0


def test_the_group_form_does_not_send_elsewhere(consultation, login_as):
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    theme = make_theme(organizer, process, "Transports")
    ids = [contributions["transport"][0].id]
    response = _group_action(
        login_as(organizer), process, ids, "https://ailleurs.example/", action="theme", theme=str(theme.id)
    )
    assert response.headers["Location"].endswith(f"/concertations/{process.slug}/traitement")


def _more(organizer, contributions, subject, start, count):
    section = db.session.get(Section, contributions[subject][0].section_id)
    texts = [c["text"] for c in CORPUS if c["subject"] == subject and not c["campaign"]][start : start + count]
    return [make_offline_contribution(organizer, section, t) for t in texts]


def test_a_later_run_keeps_the_suggestions_and_decisions_and_places_only_the_new_contributions(consultation):
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    first = {s.id: set(s.members) for s in db.session.scalars(select(SuggestedTheme))}
    renamed = _suggestion_of(contributions["transport"][0])
    services.rename(organizer, process, renamed.id, title="Se déplacer")
    rejected = _suggestion_of(contributions["school_inclusion"][0])
    if rejected.id != renamed.id:
        services.reject(organizer, process, rejected.id)
    new = _more(organizer, contributions, "transport", 15, 6)

    second = make_synthesis_run(process, organizer)
    assert second.new_count == 6
    now = db.session.scalars(select(SuggestedTheme).where(SuggestedTheme.run_id == second.id)).all()
    assert len(now) == len(first)
    assert all(any(old <= set(s.members) for s in now) for old in first.values())  # nobody moved
    assert {c.id for c in new} <= {m for s in now for m in s.members}  # the new ones placed
    carried = next(s for s in now if contributions["transport"][0].id in s.members)
    assert carried.title == "Se déplacer" and carried.status == SuggestionStatus.OPEN
    if rejected.id != renamed.id:
        again = next(s for s in now if contributions["school_inclusion"][0].id in s.members)
        assert again.status == SuggestionStatus.REJECTED


def test_everything_is_recomputed_when_asked_or_when_many_contributions_are_new(consultation, login_as):
    process, organizer, contributions = consultation
    make_synthesis_run(process, organizer)
    asked = make_synthesis_run(process, organizer, full=True)
    assert asked.new_count is None
    _more(organizer, contributions, "housing", 15, 25)  # 25 of 91: more than a quarter are new
    assert make_synthesis_run(process, organizer).new_count is None
    _more(organizer, contributions, "housing", 40, 2)
    latest = make_synthesis_run(process, organizer)
    assert latest.new_count == 2
    page = text(login_as(organizer).get(_url(process)))
    assert "2 nouvelles contributions y ont été placées" in page and "Tout recalculer" in page
