"""Participants on a section: window, comments and replies, positions, supports, amendments, JSON routes."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.consultation import services
from consult.consultation.errors import ConsultationClosed
from consult.consultation.models import Contribution, ContributionState, Position, PositionValue, Section, Support
from consult.db import db, utcnow
from consult.stakeholders.models import (
    InvolvementLevel,
    Representative,
    RepresentativeStatus,
    Stakeholder,
    StakeholderCategory,
    StakeholderKind,
)
from tests.factories import PASSWORD, make_comment, make_draft, make_process, make_user
from tests.helpers import text


@pytest.fixture
def consultation():
    organizer = make_user()
    process = make_process(organizer)
    draft, sections = make_draft(organizer, process)
    return process, draft, sections[-1]


def _url(process, section, tail=""):
    return f"/concertations/{process.slug}/sections/{section.id}{tail}"


def test_the_window_refuses_contributions_before_it_opens_and_from_the_moment_it_closes(app):
    with app.test_request_context():
        _check_window_boundaries()


def _check_window_boundaries():
    organizer = make_user()
    process = make_process(organizer)
    draft, sections = make_draft(organizer, process, publish=False)
    version, section, person = draft.versions[-1], sections[-1], make_user()
    opens, closes = utcnow() + timedelta(hours=1), utcnow() + timedelta(days=2)
    services.publish_version(organizer, version, opens_at=opens, closes_at=closes)
    with pytest.raises(ConsultationClosed, match="pas encore ouverte"):
        services.post_comment(person, section, body="Trop tôt", now=opens - timedelta(seconds=1))
    assert (
        services.post_comment(person, section, body="Juste à l'heure", now=opens).state == ContributionState.PUBLISHED
    )
    assert services.set_position(person, section, PositionValue.AGREE, now=closes - timedelta(seconds=1))
    with pytest.raises(ConsultationClosed, match="close"):
        services.post_comment(person, section, body="Trop tard", now=closes)


@pytest.mark.parametrize(
    ("opens_in", "closes_in", "notice"),
    [
        (timedelta(days=1), timedelta(days=5), "Les contributions ouvrent le"),
        (-timedelta(days=5), -timedelta(seconds=1), "La consultation a pris fin le"),
    ],
)
def test_outside_the_window_the_page_is_readable_and_posting_is_refused(login_as, opens_in, closes_in, notice):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process, opens_in=opens_in, closes_in=closes_in)
    section, client = sections[-1], login_as(make_user())
    page = text(client.get(_url(process, section)))
    assert notice in page and "Le Département soutient le maintien à domicile" in page
    assert "Publier mon commentaire" not in page
    response = client.submit(
        _url(process, section, "/commentaires"), {"body": "Mon avis"}, token_from=_url(process, section)
    )
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(Contribution.id))) == 0
    assert (
        client.submit(
            _url(process, section, "/position"), {"value": "agree"}, token_from=_url(process, section)
        ).status_code
        == 302
    )
    assert db.session.scalar(select(func.count(Position.id))) == 0


def test_a_participant_comments_and_replies_one_level_only(consultation, login_as):
    process, _draft, section = consultation
    alice, bob = make_user(name="Alice"), make_user(name="Bob")
    client = login_as(alice)
    response = client.submit(
        _url(process, section, "/commentaires"), {"body": "Ligne 1\nLigne 2 https://exemple.fr"}, follow_redirects=True
    )
    assert "Merci, votre contribution est publiée." in text(response)
    comment = db.session.scalar(select(Contribution))
    assert (
        comment.body_html
        == '<p>Ligne 1<br>\nLigne 2 <a href="https://exemple.fr" rel="nofollow noopener">https://exemple.fr</a></p>'
    )
    reply_response = login_as(bob).submit(
        _url(process, section, "/commentaires"), {"body": "Je réponds", "parent_id": comment.id}, follow_redirects=True
    )
    assert "Je réponds" in text(reply_response)
    reply = db.session.scalar(select(Contribution).where(Contribution.parent_id == comment.id))
    db.session.refresh(comment)
    assert comment.reply_count == 1
    response = client.submit(
        _url(process, section, "/commentaires"),
        {"body": "Réponse à une réponse", "parent_id": reply.id},
        follow_redirects=True,
    )
    assert "Vous pouvez répondre à un commentaire, pas à une réponse." in text(response)
    assert db.session.scalar(select(func.count(Contribution.id))) == 2


def test_comment_length_limits_give_a_clear_message(consultation, login_as):
    process, _draft, section = consultation
    client = login_as(make_user())
    response = client.submit(_url(process, section, "/commentaires"), {"body": "x" * 5001})
    assert response.status_code == 400
    assert "5000 caractères au maximum" in text(response) or "Entre 2 et 5000 caractères" in text(response)
    response = client.submit(_url(process, section, "/commentaires"), {"body": ""})
    assert response.status_code == 400 and "Ce champ est obligatoire." in text(response)


def test_hostile_text_in_comments_is_rendered_inert(consultation, login_as, client):
    process, _draft, section = consultation
    hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [clic](javascript:alert(3)) javascript:alert(4)'
    login_as(make_user()).submit(_url(process, section, "/commentaires"), {"body": hostile})
    page = client.get(_url(process, section)).get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_one_position_per_person_changeable_and_withdrawable(consultation, login_as):
    process, _draft, section = consultation
    client = login_as(make_user())
    for value in ("agree", "disagree", "disagree"):
        client.submit(_url(process, section, "/position"), {"value": value}, token_from=_url(process, section))
    assert db.session.scalar(select(func.count(Position.id))) == 1
    db.session.refresh(section)
    assert (section.agree_count, section.mixed_count, section.disagree_count) == (0, 0, 1)
    response = client.submit(_url(process, section, "/position"), {"value": "withdraw"}, follow_redirects=True)
    assert "Votre avis est retiré." in text(response)
    db.session.refresh(section)
    assert section.position_total == 0 and db.session.scalar(select(func.count(Position.id))) == 0
    assert client.submit(_url(process, section, "/position"), {"value": "bof"}).status_code == 302


def test_supports_count_once_and_can_be_undone(consultation, login_as):
    process, _draft, section = consultation
    author, fan = make_user(), make_user()
    comment = make_comment(author, section)
    client = login_as(fan)
    url = f"/concertations/{process.slug}/contributions/{comment.id}/soutien"
    client.submit(url, {"action": "support"})
    client.submit(url, {"action": "support"})
    db.session.refresh(comment)
    assert comment.support_count == 1 and db.session.scalar(select(func.count(Support.id))) == 1
    page = text(client.get(_url(process, section)))
    assert 'aria-pressed="true"' in page
    client.submit(url, {"action": "undo"})
    client.submit(url, {"action": "undo"})
    db.session.refresh(comment)
    assert comment.support_count == 0 and db.session.scalar(select(func.count(Support.id))) == 0
    response = login_as(author).submit(url, {"action": "support"}, follow_redirects=True)
    assert "Vous ne pouvez pas soutenir votre propre contribution." in text(response)


def test_json_routes_answer_json_and_still_check_csrf(consultation, login_as):
    process, _draft, section = consultation
    comment = make_comment(make_user(), section)
    client = login_as(make_user())
    headers = {"Accept": "application/json"}
    assert client.post(_url(process, section, "/position"), data={"value": "agree"}, headers=headers).status_code == 400
    support_url = f"/concertations/{process.slug}/contributions/{comment.id}/soutien"
    assert client.post(support_url, data={"action": "support"}, headers=headers).status_code == 400
    assert db.session.scalar(select(func.count(Position.id))) == 0
    response = client.submit(_url(process, section, "/position"), {"value": "mixed"}, headers=headers)
    assert response.status_code == 200 and response.json["counts"] == {"agree": 0, "mixed": 1, "disagree": 0}
    response = client.submit(support_url, {"action": "support"}, headers=headers)
    assert response.json == {
        "ok": True,
        "message": "Merci pour votre soutien.",
        "count": 1,
        "noun": "soutien",
        "supported": True,
    }


def test_an_amendment_is_shown_as_a_word_diff_against_the_section(consultation, login_as, client):
    process, _draft, section = consultation
    proposed = "Le Département soutient fortement le maintien à domicile des personnes âgées et handicapées."
    response = login_as(make_user()).submit(
        _url(process, section, "/amendements"), {"proposed_text": proposed, "justification": "Plus <b>clair</b>."}
    )
    assert response.status_code == 302
    page = client.get(_url(process, section)).get_data(as_text=True)
    assert "soutient<ins> fortement</ins> le maintien" in page
    assert "âgées<ins> et handicapées</ins>." in page
    assert "Plus &lt;b&gt;clair&lt;/b&gt;." in page
    db.session.refresh(section)
    assert section.amendment_count == 1


def test_an_unchanged_amendment_is_refused(consultation, login_as):
    process, _draft, section = consultation
    response = login_as(make_user()).submit(
        _url(process, section, "/amendements"), {"proposed_text": section.body_md, "justification": "Rien"}
    )
    assert response.status_code == 409 and "Modifiez le texte avant de le proposer." in text(response)


def test_visitors_read_and_are_invited_to_sign_in_and_come_back(consultation, client):
    process, draft, section = consultation
    page = text(client.get(_url(process, section)))
    assert (
        "Pour donner votre avis" in page
        and f"/connexion?next=/concertations/{process.slug}/sections/{section.id}" in page
    )
    assert "Publier mon commentaire" not in page
    response = client.submit(_url(process, section, "/commentaires"), {"body": "Hop"})
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    draft_page = text(client.get(f"/concertations/{process.slug}/projets/{draft.id}"))
    assert "Vieillir chez soi" in draft_page and "Vous pouvez rester chez vous." in draft_page


def test_unconfirmed_people_cannot_contribute(consultation, login_as):
    process, _draft, section = consultation
    client = login_as(make_user(confirmed=False))
    assert client.submit(_url(process, section, "/commentaires"), {"body": "Bonjour"}).status_code == 403


def test_a_representative_writes_in_the_name_of_the_organisation(consultation, login_as, client):
    process, _draft, section = consultation
    person = make_user()
    org = Stakeholder(process_id=process.id, name="APF France handicap Drôme", kind=StakeholderKind.ORGANISATION,
                      category=StakeholderCategory.ASSOCIATIONS, level=InvolvementLevel.CONCERT)  # fmt: skip
    db.session.add(org)
    db.session.flush()
    db.session.add(Representative(stakeholder_id=org.id, user_id=person.id, status=RepresentativeStatus.CONFIRMED))
    db.session.commit()
    signed_in = login_as(person)
    assert "Au nom de APF France handicap Drôme" in text(signed_in.get(_url(process, section)))
    signed_in.submit(_url(process, section, "/commentaires"), {"body": "Notre avis", "author_as": str(org.id)})
    assert db.session.scalar(select(Contribution.stakeholder_id)) == org.id
    assert "au nom de APF France handicap Drôme" in text(client.get(_url(process, section)))
    stranger = login_as(make_user())
    response = stranger.submit(
        _url(process, section, "/commentaires"), {"body": "Usurpation", "author_as": str(org.id)}
    )
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(Contribution.id))) == 1


def test_the_author_withdraws_and_a_placeholder_keeps_its_place(consultation, login_as, client):
    process, _draft, section = consultation
    author = make_user()
    comment = make_comment(author, section, body="Je me suis trompé")
    login_as(author).submit(f"/concertations/{process.slug}/contributions/{comment.id}/retirer")
    page = text(client.get(_url(process, section)))
    assert "Cette contribution a été retirée par son auteur ou autrice." in page and "Je me suis trompé" not in page
    assert db.session.get(Contribution, comment.id).state == ContributionState.WITHDRAWN
    assert (
        login_as(make_user()).submit(f"/concertations/{process.slug}/contributions/{comment.id}/retirer").status_code
        == 403
    )


def test_contributions_sort_by_support_or_date_and_paginate(consultation, login_as, client, app):
    process, _draft, section = consultation
    authors = [make_user() for _ in range(3)]
    first = make_comment(authors[0], section, body="Premier commentaire")
    make_comment(authors[1], section, body="Dernier commentaire")
    services.support_contribution(authors[2], first)
    by_support = text(client.get(_url(process, section, "?tri=soutiens")))
    assert by_support.index("Premier commentaire") < by_support.index("Dernier commentaire")
    newest = text(client.get(_url(process, section, "?tri=recents")))
    assert newest.index("Dernier commentaire") < newest.index("Premier commentaire")
    for n in range(app.config["PAGE_SIZE"]):
        make_comment(authors[n % 3], section, body=f"Commentaire {n}")
    assert "Page 1 sur 2" in text(client.get(_url(process, section))) or "Page suivante" in text(
        client.get(_url(process, section))
    )


def test_counters_match_recounts(consultation):
    process, _draft, section = consultation
    people = [make_user() for _ in range(4)]
    comment = make_comment(people[0], section)
    make_comment(people[1], section, parent=comment)
    for person, value in zip(
        people, [PositionValue.AGREE, PositionValue.AGREE, PositionValue.MIXED, PositionValue.DISAGREE], strict=True
    ):
        services.set_position(person, section, value)
    for person in people[1:]:
        services.support_contribution(person, comment)
    services.withdraw_support(people[3], comment)
    db.session.refresh(section)
    db.session.refresh(comment)
    recount = dict(
        db.session.execute(
            select(Position.value, func.count()).where(Position.section_id == section.id).group_by(Position.value)
        ).all()
    )
    assert (section.agree_count, section.mixed_count, section.disagree_count) == (
        recount[PositionValue.AGREE],
        recount[PositionValue.MIXED],
        recount[PositionValue.DISAGREE],
    )
    assert (
        comment.support_count
        == db.session.scalar(select(func.count(Support.id)).where(Support.contribution_id == comment.id))
        == 2
    )
    assert (
        section.comment_count
        == db.session.scalar(
            select(func.count(Contribution.id)).where(
                Contribution.section_id == section.id, Contribution.state == ContributionState.PUBLISHED
            )
        )
        == 2
    )
    assert comment.reply_count == 1
    assert db.session.get(Section, section.id).comment_count == 2


def test_my_data_export_contains_my_contributions_and_positions(consultation, login_as):
    _process, _draft, section = consultation
    person = make_user()
    make_comment(person, section, body="Mon commentaire à moi")
    services.set_position(person, section, PositionValue.MIXED)
    data = login_as(person).get("/profil/mes-donnees.json").json
    assert data["consultation"]["contributions"][0]["body"] == "Mon commentaire à moi"
    assert data["consultation"]["positions"] == [{"section_id": section.id, "value": "mixed"}]


def test_a_reply_to_an_unknown_comment_is_a_404(consultation, login_as):
    process, _draft, section = consultation
    client = login_as(make_user())
    assert (
        client.submit(_url(process, section, "/commentaires"), {"body": "Hop", "parent_id": "999"}).status_code == 404
    )


def test_a_deleted_account_leaves_its_contributions_without_a_name(consultation, login_as, client):
    process, _draft, section = consultation
    person = make_user(name="Josiane Q.")
    make_comment(person, section, body="Mon avis reste")
    login_as(person).submit("/profil/supprimer", {"password": PASSWORD, "confirm": "y"}, token_from="/profil/supprimer")
    page = text(client.get(_url(process, section)))
    assert "Mon avis reste" in page and "Josiane Q." not in page


def test_json_answers_say_why_when_the_consultation_is_closed(login_as):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process, opens_in=-timedelta(days=3), closes_in=-timedelta(days=1))
    client = login_as(make_user())
    url = _url(process, sections[-1])
    response = client.submit(
        url + "/position", {"value": "agree"}, token_from=url, headers={"Accept": "application/json"}
    )
    assert response.status_code == 403
    assert response.json == {
        "ok": False,
        "message": "La consultation est close : vous pouvez lire, mais plus participer.",
    }
