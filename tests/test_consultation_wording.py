"""Wording of counts and titles: French plurals ("0 soutien", "2 soutiens") and a contents list without "1. 1."."""

import re

from consult.consultation.labels import self_numbered
from tests.factories import make_comment, make_draft, make_process, make_support, make_user
from tests.helpers import text


def _contribution_on_a_section():
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    section = sections[-1]
    return process, section, make_comment(make_user(), section)


def _support_label(page) -> str:
    html = re.search(r"data-support-count>(\d+)</span><span [^>]*> ([^<]+)</span>", page.get_data(as_text=True))
    return f"{html.group(1)} {html.group(2)}"


def test_support_counts_read_as_french_plurals(login_as):
    process, section, comment = _contribution_on_a_section()
    client = login_as(make_user())
    url = f"/concertations/{process.slug}/sections/{section.id}"
    assert _support_label(client.get(url)) == "0 soutien"
    make_support(make_user(), comment)
    assert _support_label(client.get(url)) == "1 soutien"
    make_support(make_user(), comment)
    assert _support_label(client.get(url)) == "2 soutiens"


def test_withdrawing_the_last_support_answers_the_singular_noun(login_as):
    process, _section, comment = _contribution_on_a_section()
    client = login_as(make_user())
    url = f"/concertations/{process.slug}/contributions/{comment.id}/soutien"
    headers = {"Accept": "application/json"}
    client.submit(url, {"action": "support"}, headers=headers)
    response = client.submit(url, {"action": "undo"}, headers=headers)
    assert (response.json["count"], response.json["noun"]) == (0, "soutien")


def test_accounts_caption_is_singular_for_one_account(login_as):
    admin = make_user(admin=True)
    page = text(login_as(admin).get("/admin/utilisateurs"))
    assert "1 compte" in page and "1 comptes" not in page


def test_contents_list_does_not_number_titles_that_carry_their_own_number(client):
    organizer = make_user()
    process = make_process(organizer)
    draft, _sections = make_draft(organizer, process)
    page = client.get(f"/concertations/{process.slug}/projets/{draft.id}").get_data(as_text=True)
    assert "1. Analyse des besoins" in page
    assert re.search(r'<ol class="toc--own-numbers">', page)


def test_only_titles_starting_with_a_number_count_as_numbered():
    assert self_numbered("1. Analyse des besoins") and self_numbered("II) Moyens") and self_numbered("A – Objectifs")
    assert not self_numbered("Analyse des besoins")
    assert not self_numbered("2027 : une année charnière")
