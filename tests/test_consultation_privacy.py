"""The "Vous êtes…" category and the territory only feed the statistics: never shown next to a name."""

import pytest

from consult.auth.models import Relation
from consult.consultation import services
from consult.consultation.models import Channel, ContributionKind
from consult.dates import paris_today
from consult.processes.models import ModerationMode
from tests.factories import make_comment, make_open_section, make_user
from tests.helpers import text


@pytest.fixture
def consultation():
    return make_open_section()


def test_a_section_page_does_not_show_the_authors_category_or_territory(consultation, client, login_as):
    organizer, process, section = consultation
    author = make_user(name="Pierre L.", relation=Relation.ELECTED_OFFICIAL, territory="Dinan")
    comment = make_comment(author, section, body="Plus de places.")
    make_comment(make_user(relation=Relation.ELECTED_OFFICIAL, territory="Dinan"), section, body="Oui.", parent=comment)
    services.propose_amendment(author, section, proposed_text="Un autre texte", justification="Plus clair.")
    url = f"/concertations/{process.slug}/sections/{section.id}"
    for reader in (client, login_as(author), login_as(organizer)):
        page = text(reader.get(url))
        assert "Pierre L." in page
        assert "Élu ou élue" not in page and "Dinan" not in page


def test_moderation_pages_do_not_show_the_authors_category_or_territory(consultation, login_as):
    organizer, process, section = consultation
    process.moderation_mode = ModerationMode.PRE
    author = make_user(name="Pierre L.", relation=Relation.ELECTED_OFFICIAL, territory="Dinan")
    comment = make_comment(author, section, body="En attente.")
    moderator = login_as(organizer)
    for url in (f"/concertations/{process.slug}/moderation",
                f"/concertations/{process.slug}/contributions/{comment.id}/gerer"):  # fmt: skip
        page = text(moderator.get(url))
        assert "Pierre L." in page
        assert "Élu ou élue" not in page and "Dinan" not in page


def test_an_offline_entry_does_not_show_its_category_or_territory(consultation, client):
    organizer, process, section = consultation
    services.record_offline_contribution(
        organizer, section, kind=ContributionKind.COMMENT, channel=Channel.LETTER, received_on=paris_today(),
        body="Il manque des places.", category=Relation.FAMILY_CAREGIVER, territory="Nyons",
    )  # fmt: skip
    page = text(client.get(f"/concertations/{process.slug}/sections/{section.id}"))
    assert "Il manque des places." in page
    assert "Aidant familial" not in page and "Nyons" not in page
