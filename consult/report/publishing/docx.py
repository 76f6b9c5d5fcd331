"""The editable export of a published revision: a Word document (DOCX) services rework before adoption.

It is made from the very HTML the PDF is printed from, so both carry the same headings, texts and tables.
Charts come as their title, their text alternative and their data table (a word processor edits a table;
it cannot edit an SVG picture).
"""

import io
import re

from docx import Document
from docx.shared import Pt
from flask import render_template
from flask_babel import force_locale
from lxml import html as lxml_html

from consult.report.publishing.presentation import printed_context

HEADINGS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}
LISTS = {"ul": "List Bullet", "ol": "List Number"}
#: elements with nothing to edit (pictures, charts drawn for the screen)
SKIPPED = {"img", "svg", "script", "style", "meter", "form"}
_SPACES = re.compile(r"\s+")


def render_docx(revision) -> bytes:
    """The DOCX bytes of a revision, from the same HTML as its PDF."""
    with force_locale("fr"):
        page = render_template(
            "report/publishing/pdf.html",
            revision=revision,
            print_mode=True,
            contributions_url=None,
            **printed_context(revision),
        )
    document = Document()
    document.core_properties.title = revision.snapshot["process"]["title"]
    document.core_properties.language = "fr-FR"
    document.styles["Normal"].font.size = Pt(10)
    _blocks(document, lxml_html.fromstring(page).find("body"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _blocks(document, children):
    """Write these elements in order: headings, paragraphs, lists, tables; other containers are opened."""
    for child in children:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in SKIPPED or not tag:
            continue
        if tag in HEADINGS:
            document.add_heading(_text(child), level=HEADINGS[tag])
        elif tag in ("p", "figcaption", "blockquote", "pre"):
            _paragraph(document.add_paragraph(), child)
        elif tag in LISTS:
            for item in child.iterfind("li"):
                _paragraph(document.add_paragraph(style=LISTS[tag]), item)
                _blocks(document, [c for c in item if c.tag in ("div", "ul", "ol", "table")])
        elif tag == "table":
            _table(document, child)
        else:
            _blocks(document, child)


def _paragraph(paragraph, element, *, bold=False, italic=False):
    """Add the inline text of ``element`` to ``paragraph`` as runs, keeping bold and italic."""
    if element.text:
        _run(paragraph, element.text, bold, italic)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("div", "ul", "ol", "table") or tag in SKIPPED:
            pass
        elif tag == "br":
            paragraph.add_run().add_break()
        elif tag:
            _paragraph(paragraph, child, bold=bold or tag in ("strong", "b"), italic=italic or tag in ("em", "i"))
        if child.tail:
            _run(paragraph, child.tail, bold, italic)


def _run(paragraph, text, bold, italic):
    text = _SPACES.sub(" ", text)
    if not paragraph.runs:
        text = text.lstrip()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None


def _text(element) -> str:
    return _SPACES.sub(" ", element.text_content()).strip()


def _table(document, element):
    """A table with its caption above it, its header row in bold."""
    caption = element.find("caption")
    if caption is not None:
        document.add_paragraph(_text(caption), style="Caption")
    rows = element.findall(".//tr")
    if not rows:
        return
    width = max(len(row.findall("th") + row.findall("td")) for row in rows)
    table = document.add_table(rows=0, cols=width, style="Table Grid")
    for row in rows:
        cells = table.add_row().cells
        header = row.getparent().tag == "thead"
        for cell, source in zip(cells, [c for c in row if c.tag in ("th", "td")], strict=False):
            cell.text = ""
            _paragraph(cell.paragraphs[0], source, bold=header)
