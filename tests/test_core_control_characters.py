"""A NUL byte typed in any form is refused with a form error that keeps the text (never a 500)."""

import pytest

from tests.factories import PASSWORD, make_comment, make_draft, make_group, make_process, make_user
from tests.helpers import text

NUL_TEXT = "Bonjour\x00 le monde"
REFUSAL = "caractère invisible"


@pytest.fixture
def world():
    """An organizer (also admin) of a process in consultation, a participant's comment and a group."""
    organizer = make_user(admin=True)
    participant = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    section = sections[-1]
    comment = make_comment(participant, section)
    group = make_group(process, organizer)
    return {"organizer": organizer, "participant": participant, "process": process, "section": section,
            "comment": comment, "group": group}  # fmt: skip


def _forms(w):
    """(who, url, data) of each form, with the NUL-carrying field first in the data."""
    p, s = w["process"].slug, w["section"].id
    return {
        "comment": ("participant", f"/concertations/{p}/sections/{s}/commentaires", {"body": NUL_TEXT}),
        "amendment": ("participant", f"/concertations/{p}/sections/{s}/amendements",
                      {"proposed_text": NUL_TEXT, "justification": "Plus clair."}),
        "flag reason": ("organizer", f"/concertations/{p}/contributions/{w['comment'].id}/signaler",
                        {"reason": NUL_TEXT}),
        "display name": ("participant", "/profil", {"display_name": NUL_TEXT}),
        "sign-in email": (None, "/connexion", {"email": "a\x00@exemple.fr", "password": PASSWORD}),
        "sign-up name": (None, "/inscription",
                         {"display_name": NUL_TEXT, "email": "nouveau@exemple.fr", "password": PASSWORD,
                          "accept_terms": "y"}),
        "stakeholder name": ("organizer", f"/concertations/{p}/parties-prenantes/nouvelle",
                             {"name": NUL_TEXT, "kind": "organisation", "category": "associations",
                              "level": "consult", "influence": "3", "interest": "3", "status": "identified"}),
        "theme title": ("organizer", f"/concertations/{p}/traitement/themes", {"title": NUL_TEXT}),
        "synthesis": ("organizer", f"/concertations/{p}/traitement/syntheses/generale", {"body_md": NUL_TEXT}),
        "meeting title": ("organizer", f"/concertations/{p}/groupes/{w['group'].slug}/reunions/nouvelle",
                          {"title": NUL_TEXT, "starts_at": "2027-06-15T14:00", "ends_at": "2027-06-15T16:30",
                           "capacity": "30"}),
        "group mandate": ("organizer", f"/concertations/{p}/groupes/nouveau",
                          {"mandate_md": NUL_TEXT, "title": "Accès aux droits", "join_policy": "open",
                           "state": "open"}),
    }  # fmt: skip


FORMS = [
    "comment",
    "amendment",
    "flag reason",
    "display name",
    "sign-in email",
    "sign-up name",
    "stakeholder name",
    "theme title",
    "synthesis",
    "meeting title",
    "group mandate",
]


@pytest.mark.parametrize("form", FORMS)
def test_a_nul_byte_is_refused_with_a_form_error_that_keeps_the_text(app, world, client, login_as, monkeypatch, form):
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # a crash answers 500 instead of raising
    who, url, data = _forms(world)[form]
    browser = login_as(world[who]) if who else client
    response = browser.submit(url, data, token_from=url)
    page = text(response)
    assert response.status_code == 400, response.status_code
    assert REFUSAL in page
    typed = next(iter(data.values())).replace("\x00", "")
    assert typed.split("@")[0] in page.replace("\x00", "").replace("\ufffd", "")


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_form_of_the_application_gets_the_shared_checks(app):
    from flask_wtf import FlaskForm

    from consult.forms import Form

    forms = [f for f in _subclasses(FlaskForm) if f.__module__.startswith("consult.")]
    assert len(forms) > 40
    assert [f.__qualname__ for f in forms if not issubclass(f, Form)] == []
