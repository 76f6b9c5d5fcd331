"""Every report page costs the same number of SQL queries whatever the number of contributions (no N+1)."""

import pytest

from consult.report.publishing.snapshot.services import publish_report
from tests import factories as f
from tests.report_publishing_fixture import build

#: every report page, as a path under /concertations/<slug>/ (``{n}``: the revision, ``{c}``: a contribution)
PAGES = (
    "bilan/brouillon",
    "bilan/brouillon/contributions",
    "bilan/brouillon/contributions?page=2",
    "bilan/versions/{n}",
    "bilan/versions/{n}/contributions",
    "bilan/versions/{n}/contributions?page=2",
    "traitement",
    "traitement?page=2&sort=section",
    "traitement?disposition=accepted&sort=supports",
    "traitement/avancement",
    "traitement/contributions/{c}",
    "traitement/themes",
    "traitement/syntheses",
    "traitement/textes",
    "traitement/propositions",
)


@pytest.fixture
def data(report_dir):
    return build()


def _queries_per_page(client, count_queries, data, revision) -> dict[str, int]:
    counts = {}
    for path in PAGES:
        url = f"/concertations/{data['process'].slug}/" + path.format(n=revision.number, c=data["c"][0].id)
        client.get(url)  # the first request of a page may fill caches (translations, templates)
        with count_queries() as statements:
            assert client.get(url).status_code == 200, url
        counts[path] = len(statements)
    return counts


def _grow(data, n):
    """``n`` more people write, state a position and support, while the window was open; some are treated."""
    orga, then = data["orga"], data["then"]
    home, _respite = data["themes"]
    for i in range(n):
        person = f.make_user(territory=f"Commune {i % 5}")
        section = data["s1"] if i % 2 else data["s2"]
        contribution = f.make_comment(person, section, f"Contribution numéro {i}", now=then)
        f.make_position(section, person, ("agree", "mixed", "disagree")[i % 3], now=then)
        f.make_support(person, data["c"][0], now=then)
        if i % 3 == 0:
            f.treat(orga, contribution, "accepted" if i % 2 else None, theme=home)
        if i % 7 == 0:
            f.make_response(orga, contribution)


def test_every_report_page_keeps_a_constant_number_of_queries(login_as, data, count_queries):
    client = login_as(data["orga"])
    small = _queries_per_page(client, count_queries, data, publish_report(data["orga"], data["process"], interim=True))

    _grow(data, 110)  # past the first page of every listing

    large = _queries_per_page(client, count_queries, data, publish_report(data["orga"], data["process"], interim=True))
    assert large == small
