"""The audit log in plain French: one sentence per action kind, a fallback, a constant number of queries."""

from tests.factories import (
    hide,
    make_comment,
    make_draft,
    make_group,
    make_meeting,
    make_process,
    make_stakeholder,
    make_user,
)
from tests.helpers import text


def _journal(client, process):
    return text(client.get(f"/concertations/{process.slug}/journal"))


def test_hiding_reads_as_a_sentence_with_the_moderator_the_author_and_the_reason(login_as):
    organizer = make_user(name="Sophie Lemaire")
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    comment = make_comment(make_user(name="Pierre L."), sections[0])
    hide(organizer, comment, reason="propos injurieux")
    journal = _journal(login_as(organizer), process)
    assert "Sophie Lemaire a masqué le commentaire de Pierre L. (motif : propos injurieux)" in journal
    assert "moderation.hide" not in journal and "pending" not in journal


def test_draft_publication_and_meeting_read_as_sentences(login_as):
    organizer = make_user(name="Sophie Lemaire")
    process = make_process(organizer)
    make_draft(organizer, process)
    group = make_group(process, organizer)
    make_meeting(group, organizer, title="Atelier transport")
    journal = _journal(login_as(organizer), process)
    assert "Sophie Lemaire a publié la version 1 de" in journal
    assert "Sophie Lemaire a programmé la réunion « Atelier transport »" in journal


def test_an_action_without_a_sentence_falls_back_to_its_name_and_target(login_as):
    organizer = make_user(name="Sophie Lemaire")
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer)
    journal = _journal(login_as(organizer), process)
    assert f"Sophie Lemaire a enregistré « stakeholder.create » sur stakeholder n° {stakeholder.id}" in journal


def test_journal_queries_do_not_grow_with_entries(login_as, count_queries):
    organizer = make_user(name="Sophie Lemaire")
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    moderator = login_as(organizer)

    def queries_for_journal():
        with count_queries() as statements:
            assert moderator.get(f"/concertations/{process.slug}/journal").status_code == 200
        return len(statements)

    hide(organizer, make_comment(make_user(), sections[0]), reason="Hors sujet")
    few = queries_for_journal()
    for _ in range(6):
        hide(organizer, make_comment(make_user(), sections[0]), reason="Hors sujet")
    assert queries_for_journal() == few
