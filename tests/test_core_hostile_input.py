"""Hostile input gets a 4xx answer, never a 500: control characters, huge ids and page numbers."""

import re
from collections import defaultdict

import pytest

from consult.http import safe_next
from tests.factories import make_draft, make_process, make_user


def test_safe_next_refuses_control_characters_and_backslashes():
    for target in ("/\r\n//evil.example", "/\x00", "/a\tb", "/\\evil.example", "/\x7f"):
        assert safe_next(target, "/home") == "/home", repr(target)
    assert safe_next("/concertations/x?page=2", "/home") == "/concertations/x?page=2"


def test_sign_in_page_with_a_crlf_next_while_signed_in_redirects_home(login_as):
    client = login_as(make_user())
    response = client.get("/connexion?next=%2F%0D%0A%2F%2Fevil.example")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


# --- ids, page numbers and text in URLs -----------------------------------------------------------

BEYOND_INT = "2147483648"  # 2**31: past PostgreSQL's integer
HUGE_PAGE = "99999999999999999999"  # past every integer type


@pytest.fixture
def errors_answered(app, monkeypatch):
    """Let an unexpected error answer 500 instead of failing the request, so every URL is counted."""
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)


def _organizer_with_draft():
    organizer = make_user(admin=True)
    process = make_process(organizer)
    make_draft(organizer, process)
    return organizer, process


def _url(rule, values):
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: values[m.group(1)], rule.rule)


def _answers(client, method, urls, **kwargs):
    """{url: status} for each URL, asked in turn."""
    return {url: getattr(client, method)(url, **kwargs).status_code for url in urls}


def _get_rules(app):
    return [r for r in app.url_map.iter_rules() if "GET" in r.methods and r.endpoint != "static"]


def _real_values(process):
    return defaultdict(lambda: "1", slug=process.slug, kind="consultation", code="fr", token="x", filename="x")


def test_ids_beyond_the_integer_range_are_not_found(app, login_as, errors_answered):
    organizer, process = _organizer_with_draft()
    client = login_as(organizer)
    values = _real_values(process)
    urls = [
        _url(rule, values | {a: BEYOND_INT for a in rule.arguments if _is_int(rule, a)}) for rule in _get_rules(app)
    ]
    answers = _answers(client, "get", [u for u in urls if BEYOND_INT in u])
    assert answers, "no route with an integer id"
    _assert_none(answers, lambda status: status != 404)


def test_text_with_a_nul_byte_in_the_path_is_not_found(app, login_as, errors_answered):
    organizer, process = _organizer_with_draft()
    client = login_as(organizer)
    values = defaultdict(lambda: "a%00b")
    urls = [_url(rule, values) for rule in _get_rules(app) if any(not _is_int(rule, a) for a in rule.arguments)]
    answers = _answers(client, "get", urls)
    _assert_none(answers, lambda status: status >= 500)


def test_page_numbers_beyond_any_integer_do_not_fail(app, login_as, errors_answered):
    organizer, process = _organizer_with_draft()
    client = login_as(organizer)
    values = _real_values(process)
    urls = [f"{_url(rule, values)}?page={HUGE_PAGE}" for rule in _get_rules(app)]
    answers = _answers(client, "get", urls)
    _assert_none(answers, lambda status: status >= 500)


QUERY_FIELDS = ("q", "territory", "category", "field", "status", "level", "section", "kind", "channel", "theme",
                "disposition", "state", "sort", "tri", "vue", "version", "next")  # fmt: skip


def test_query_strings_with_a_nul_byte_do_not_fail(app, login_as, errors_answered):
    organizer, process = _organizer_with_draft()
    client = login_as(organizer)
    values = _real_values(process)
    query = "&".join(f"{name}=a%00b" for name in QUERY_FIELDS)
    answers = _answers(client, "get", [f"{_url(rule, values)}?{query}" for rule in _get_rules(app)])
    _assert_none(answers, lambda status: status >= 500)


def _is_int(rule, argument):
    return type(rule._converters.get(argument)).__name__ in ("IntegerConverter", "BoundedIntConverter")


def _assert_none(answers, wrong):
    failing = {url: status for url, status in answers.items() if wrong(status)}
    assert not failing, f"{len(failing)} of {len(answers)} URLs answered wrongly: {failing}"


def test_posted_ids_beyond_the_integer_range_are_refused(app, login_as, errors_answered):
    from tests.factories import make_comment

    organizer, process = _organizer_with_draft()
    client = login_as(organizer)
    section = _last_section(process)
    make_comment(make_user(), section)
    base = f"/concertations/{process.slug}"
    posts = {
        f"{base}/sections/{section.id}/commentaires": {"body": "Une réponse.", "parent_id": BEYOND_INT},
        f"{base}/traitement/lot": {"action": "theme", "theme": "", "ids": [BEYOND_INT]},
        f"{base}/sections/{section.id}/liens": {"contribution_id": BEYOND_INT},
    }
    token = client.csrf_token()
    answers = {url: client.post(url, data=data | {"csrf_token": token}).status_code for url, data in posts.items()}
    _assert_none(answers, lambda status: status >= 500 or status == 200)


def _last_section(process):
    from sqlalchemy import select

    from consult.consultation.models import Section
    from consult.db import db

    return db.session.scalars(select(Section).order_by(Section.id.desc())).first()
