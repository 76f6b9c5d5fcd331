"""Moderation and responses: pre/post-moderation, flags, placeholders, audit log, mail, offline entries."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from consult import dates
from consult.audit import AuditEntry
from consult.consultation.errors import InvalidOfflineEntry
from consult.consultation.models import Channel, Contribution, ContributionState, Section
from consult.db import db
from consult.processes.models import ModerationMode
from tests.factories import make_comment, make_offline_contribution, make_open_section, make_process, make_user
from tests.helpers import text


@pytest.fixture
def consultation():
    return make_open_section()


def _section_url(process, section):
    return f"/concertations/{process.slug}/sections/{section.id}"


def _contribution_url(process, contribution, tail):
    return f"/concertations/{process.slug}/contributions/{contribution.id}/{tail}"


def test_organizers_choose_pre_moderation_in_the_process_form(consultation, login_as):
    organizer, process, _section = consultation
    client = login_as(organizer)
    form = {"title": process.title, "summary_md": "Un résumé suffisant", "fields": ["disability"],
            "territory": "Drôme", "moderation_mode": "pre"}  # fmt: skip
    response = client.submit(f"/concertations/{process.slug}/modifier", form)
    assert response.status_code == 302
    db.session.refresh(process)
    assert process.moderation_mode == ModerationMode.PRE
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.action == "process.moderation_mode"))


def test_pre_moderation_holds_contributions_until_approved(consultation, login_as, client):
    organizer, process, section = consultation
    process.moderation_mode = ModerationMode.PRE
    db.session.commit()
    author = make_user()
    response = login_as(author).submit(_section_url(process, section) + "/commentaires", {"body": "En attente"},
                                       follow_redirects=True)  # fmt: skip
    assert "sera publiée dès qu'une personne de la modération l'aura validée" in text(response)
    assert "En attente de modération" in text(response)
    assert "En attente" not in text(client.get(_section_url(process, section)))
    comment = db.session.scalar(select(Contribution))
    assert comment.state == ContributionState.PENDING and db.session.get(Section, section.id).comment_count == 0
    moderator = login_as(organizer)
    assert "En attente" in text(moderator.get(f"/concertations/{process.slug}/moderation"))
    moderator.submit(_contribution_url(process, comment, "approuver"))
    assert "En attente" in text(client.get(_section_url(process, section)))
    assert db.session.get(Section, section.id).comment_count == 1
    assert (
        db.session.scalar(select(AuditEntry).where(AuditEntry.action == "moderation.approve")).actor_id == organizer.id
    )


def test_post_moderation_publishes_at_once_and_flags_hide_at_the_threshold(consultation, login_as, client, app):
    _organizer, process, section = consultation
    comment = make_comment(make_user(), section, body="Texte signalé")
    assert "Texte signalé" in text(client.get(_section_url(process, section)))
    flaggers = [make_user() for _ in range(app.config["FLAG_THRESHOLD"])]
    for n, person in enumerate(flaggers):
        url = _contribution_url(process, comment, "signaler")
        login_as(person).submit(url, {"reason": "Insulte"}, token_from=url)
        if n == 0:  # the same person twice counts once
            login_as(person).submit(url, {"reason": "Encore"}, token_from=url)
        db.session.refresh(comment)
        expected = ContributionState.HIDDEN if n == len(flaggers) - 1 else ContributionState.PUBLISHED
        assert comment.state == expected, n
    assert comment.flag_count == app.config["FLAG_THRESHOLD"]
    page = text(client.get(_section_url(process, section)))
    assert "masquée en attendant son examen" in page and "Texte signalé" not in page
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "moderation.auto_hide")) is not None


def test_a_flag_needs_a_reason(consultation, login_as):
    _organizer, process, section = consultation
    comment = make_comment(make_user(), section)
    url = _contribution_url(process, comment, "signaler")
    response = login_as(make_user()).submit(url, {"reason": ""}, token_from=url)
    assert response.status_code == 400 and "Ce champ est obligatoire." in text(response)


def test_hiding_requires_a_reason_leaves_a_placeholder_mails_the_author_and_is_logged(
    consultation, login_as, client, mailbox
):
    organizer, process, section = consultation
    author = make_user("auteur@exemple.fr")
    comment = make_comment(author, section, body="Mon numéro est le 06 00 00 00 00")
    moderator = login_as(organizer)
    url = _contribution_url(process, comment, "gerer")
    response = moderator.submit(_contribution_url(process, comment, "masquer"), {"reason": ""}, token_from=url)
    assert response.status_code == 400 and "Ce champ est obligatoire." in text(response)
    moderator.submit(_contribution_url(process, comment, "masquer"), {"reason": "Données personnelles"}, token_from=url)
    page = text(client.get(_section_url(process, section)))
    assert "masquée par la modération. Motif : Données personnelles" in page and "06 00 00 00 00" not in page
    assert db.session.get(Contribution, comment.id).state == ContributionState.HIDDEN  # never deleted
    [mail] = mailbox.to("auteur@exemple.fr")
    assert "Données personnelles" in mailbox.body(mail)
    journal = text(moderator.get(f"/concertations/{process.slug}/journal"))
    assert "Organisatrice a masqué le commentaire de " in journal and "(motif : Données personnelles)" in journal
    moderator.submit(_contribution_url(process, comment, "retablir"), token_from=url)
    assert "06 00 00 00 00" in text(client.get(_section_url(process, section)))
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action.like("moderation.%"))) == 2


def test_official_response_is_shown_apart_and_mailed_to_the_author(consultation, login_as, client, mailbox):
    organizer, process, section = consultation
    comment = make_comment(make_user("habitant@exemple.fr"), section, body="Et les aidants ?")
    moderator = login_as(organizer)
    url = _contribution_url(process, comment, "gerer")
    moderator.submit(
        _contribution_url(process, comment, "reponse"), {"body": "Une fiche action leur est consacrée."}, token_from=url
    )
    page = text(client.get(_section_url(process, section)))
    assert "Réponse des organisateurs" in page and "Une fiche action leur est consacrée." in page
    [mail] = mailbox.to("habitant@exemple.fr")
    assert "Une fiche action leur est consacrée." in mailbox.body(mail)
    assert mailbox.link(mail, f"/sections/{section.id}")


def test_replies_notify_the_comment_author_unless_turned_off(consultation, mailbox):
    _organizer, _process, section = consultation
    keen, quiet = make_user("keen@exemple.fr"), make_user("quiet@exemple.fr")
    quiet.notify_by_email = False
    db.session.commit()
    for person in (keen, quiet):
        comment = make_comment(person, section)
        make_comment(make_user(name="Répondeur"), section, body="Bonne idée", parent=comment)
    [mail] = mailbox.to("keen@exemple.fr")
    assert "Répondeur a répondu à votre commentaire" in mailbox.body(mail)
    assert mailbox.to("quiet@exemple.fr") == []


def test_offline_contributions_are_entered_with_channel_and_profile_and_count(consultation, login_as, client):
    organizer, process, section = consultation
    moderator = login_as(organizer)
    url = f"/concertations/{process.slug}/sections/{section.id}/hors-ligne"
    assert moderator.get(url).status_code == 200
    form = {"kind": "comment", "channel": "letter", "received_on": "2020-01-15", "category": "family_caregiver",
            "territory": "Nyons", "body": "Il manque des places d'accueil de jour."}  # fmt: skip
    response = moderator.submit(url, form, token_from=url)
    assert response.status_code == 302
    contribution = db.session.scalar(select(Contribution))
    assert contribution.author_id is None and contribution.channel == Channel.LETTER
    page = text(client.get(_section_url(process, section)))
    assert 'Reçue par : Courrier, <time datetime="2020-01-15">15 janvier 2020</time>' in page
    assert "Aidant familial" not in page
    assert db.session.get(Section, section.id).comment_count == 1
    response = moderator.submit(url, {**form, "channel": "online"}, token_from=url)
    assert response.status_code == 400
    response = moderator.submit(url, {**form, "received_on": "2999-01-01"}, token_from=url)
    assert "ne peut pas être dans le futur" in text(response)


@pytest.mark.parametrize("tail", ["gerer", "approuver", "masquer", "retablir", "reponse"])
def test_participants_cannot_moderate(consultation, login_as, tail):
    _organizer, process, section = consultation
    comment = make_comment(make_user(), section)
    client = login_as(make_user())
    url = _contribution_url(process, comment, tail)
    response = client.get(url) if tail == "gerer" else client.submit(url, {"reason": "x", "body": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/moderation", "/projets/nouveau"])
def test_participants_cannot_open_organizer_pages(consultation, login_as, path):
    _organizer, process, _section = consultation
    assert login_as(make_user()).get(f"/concertations/{process.slug}{path}").status_code == 403


def test_participants_cannot_enter_offline_contributions(consultation, login_as):
    _organizer, process, section = consultation
    client = login_as(make_user())
    assert client.get(f"/concertations/{process.slug}/sections/{section.id}/hors-ligne").status_code == 403


def test_the_reported_queue_lists_flagged_contributions_and_keeping_one_clears_its_flags(consultation, login_as):
    organizer, process, section = consultation
    comment = make_comment(make_user(), section, body="Message discuté")
    url = _contribution_url(process, comment, "signaler")
    login_as(make_user()).submit(url, {"reason": "Hors sujet"}, token_from=url)
    moderator = login_as(organizer)
    queue = text(moderator.get(f"/concertations/{process.slug}/moderation?vue=signalees"))
    assert "Message discuté" in queue
    assert "Modération (1 en attente)" in text(moderator.get(f"/concertations/{process.slug}"))
    moderator.submit(
        _contribution_url(process, comment, "approuver"), token_from=_contribution_url(process, comment, "gerer")
    )
    assert db.session.get(Contribution, comment.id).flag_count == 0
    assert "Message discuté" not in text(moderator.get(f"/concertations/{process.slug}/moderation?vue=signalees"))


def test_organizers_of_another_process_cannot_moderate_this_one(consultation, login_as):
    _organizer, process, section = consultation
    comment = make_comment(make_user(), section)
    other = make_user()
    make_process(other)
    client = login_as(other)
    assert client.get(f"/concertations/{process.slug}/moderation").status_code == 403
    assert client.submit(_contribution_url(process, comment, "masquer"), {"reason": "Non"}).status_code == 403


def test_official_responses_are_rendered_from_markdown_on_the_page_and_in_the_mail(
    consultation, login_as, client, mailbox
):
    organizer, process, section = consultation
    comment = make_comment(make_user("markdown@exemple.fr"), section, body="Et en milieu rural ?")
    url = _contribution_url(process, comment, "gerer")
    body = "Un **accueil de jour itinérant** est prévu.\n\n<script>alert(1)</script>"
    login_as(organizer).submit(_contribution_url(process, comment, "reponse"), {"body": body}, token_from=url)
    page = client.get(_section_url(process, section)).get_data(as_text=True)
    assert "<strong>accueil de jour itinérant</strong>" in page and "**accueil" not in page
    assert "<script>alert(1)" not in page
    [mail] = mailbox.to("markdown@exemple.fr")
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert "<strong>accueil de jour itinérant</strong>" in html and "**accueil" not in html


def test_a_letter_received_today_in_paris_is_accepted_after_midnight_while_utc_is_still_yesterday(monkeypatch):
    organizer, _process, section = make_open_section()
    monkeypatch.setattr(dates, "utcnow", lambda: datetime(2026, 12, 3, 23, 30, tzinfo=UTC))  # 00:30 in Paris
    contribution = make_offline_contribution(organizer, section, received_on=date(2026, 12, 4))
    assert contribution.received_on == date(2026, 12, 4)
    with pytest.raises(InvalidOfflineEntry, match="futur"):
        make_offline_contribution(organizer, section, received_on=date(2026, 12, 5))
