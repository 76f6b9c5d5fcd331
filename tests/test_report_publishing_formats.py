"""The report writes numbers, percentages and dates the French way, graduates counts in whole numbers, and words
consensus only above a minimum number of positions (always giving that number)."""

import re

import pytest

from consult.report.publishing.charts import bar_chart, line_chart
from tests.helpers import text
from tests.report_publishing_fixture import build

NBSP = "\u00a0"


@pytest.fixture
def data(app):
    return build()


def _draft(login_as, data, suffix=""):
    return text(login_as(data["orga"]).get(f"/concertations/{data['process'].slug}/bilan/brouillon{suffix}"))


def _axis_labels(svg, axis):
    labels = []
    for match in re.finditer(rf'<g class="axis {axis}[^"]*"(.*?)</g>\s*</g>', svg, re.S):
        labels += re.findall(r"<text[^>]*>([^<]*)</text>", match.group(1))
    return labels


def test_percentages_and_dates_are_written_in_french(login_as, data):
    page = _draft(login_as, data)
    assert f"3 positions : 100{NBSP}% d'accord, 0{NBSP}% mitigées, 0{NBSP}% pas d'accord." in page
    assert f"4 positions : 50{NBSP}% d'accord, 25{NBSP}% mitigées, 25{NBSP}% pas d'accord." in page
    assert "100.0 %" not in page and "50.0" not in page
    assert "12 octobre 2026" in page  # the week of the letter, in the chart's description and table
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.split("<main", 1)[1])
    listing = _draft(login_as, data, "/contributions")
    assert "14 octobre 2026" in listing  # the day the letter was received


def test_count_axes_are_whole_numbers(app):
    with app.test_request_context():
        bars = bar_chart("c", "Titre", "Description", ["a", "b"], [("Contributions", [1, 2])], horizontal=True)
        weeks = line_chart("w", "Titre", "Description", ["5 octobre 2026", "12 octobre 2026"], [1, 3], name="n")
    assert _axis_labels(bars.svg, "x") == ["0", "1", "2"]
    assert _axis_labels(weeks.svg, "y") == ["0", "1", "2", "3"]


def test_count_axes_step_by_round_numbers(app):
    with app.test_request_context():
        bars = bar_chart("c", "Titre", "Description", ["a", "b"], [("Contributions", [1, 145])], horizontal=True)
    assert _axis_labels(bars.svg, "x") == ["0", "50", "100", "150"]


def test_horizontal_bars_read_top_down_like_their_table(app):
    with app.test_request_context():
        bars = bar_chart("c", "Titre", "Description", ["premier", "second"], [("n", [1, 2])], horizontal=True)
    # pygal lists labels from the bottom up: the first row of the table is drawn at the top
    assert _axis_labels(bars.svg, "y") == ["second", "premier"]


def test_week_labels_are_short_and_lie_flat(app, login_as, data):
    assert "12 oct." in _draft(login_as, data)  # the weeks chart's axis, the table keeps the full date
    with app.test_request_context():
        few = line_chart("w", "Titre", "Description", ["5 oct.", "12 oct."], [1, 3], name="n")
        many = line_chart("w", "Titre", "Description", [f"{d} oct." for d in range(1, 15)], [1] * 14, name="n")
    assert "rotate(" not in few.svg
    assert "rotate(" in many.svg


def test_below_the_minimum_the_consensus_is_not_worded_but_its_positions_are_counted(login_as, data):
    page = _draft(login_as, data)
    assert "Indice de consensus 0,25 sur 4 positions : trop peu de positions pour qualifier l'accord." in page
    assert "Indice de consensus 1 sur 3 positions" in page
    assert "Large accord" not in page and "Avis partagés" not in page
    assert "En dessous de 10 positions sur une section" in page


def test_at_the_minimum_the_consensus_is_worded_with_its_number_of_positions(app, login_as, data):
    app.config["CONSENSUS_MIN_POSITIONS"] = 4
    try:
        figures = login_as(data["orga"]).get(
            f"/concertations/{data['process'].slug}/bilan/brouillon", headers={"Accept": "application/json"}
        )
        first, second = figures.get_json()["sections"]
        page = _draft(login_as, data)
    finally:
        app.config["CONSENSUS_MIN_POSITIONS"] = 10
    assert (first["consensus"]["level"], second["consensus"]["level"]) == ("divided", None)
    assert "<strong>Avis partagés</strong> (indice de consensus 0,25 sur 4 positions, surtout « D'accord »)." in page
