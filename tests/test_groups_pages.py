"""Group pages: creation, public and members' parts, the process panel, permissions of every route, CSRF, queries."""

import re
from datetime import timedelta

import pytest

from consult.db import db
from consult.groups.models import Group, JoinPolicy, Membership
from consult.groups.services.groups import add_facilitator
from consult.groups.services.proposals import create_proposal, submit_proposal
from consult.processes.models import PhaseKind
from tests.factories import (
    make_group,
    make_meeting,
    make_member,
    make_process,
    make_representative,
    make_stakeholder,
    make_user,
)
from tests.helpers import text


@pytest.fixture
def setting():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer, title="Habitat inclusif", join_policy=JoinPolicy.ON_REQUEST)
    return group, organizer


def _base(group):
    return f"/concertations/{group.process.slug}/groupes/{group.slug}"


def test_organizer_opens_a_group_shown_on_the_process_page(login_as, client):
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    url = f"/concertations/{process.slug}/groupes/nouveau"
    client_org = login_as(organizer)
    response = client_org.submit(url, {"title": "", "mandate_md": ""}, token_from=url)
    assert response.status_code == 400 and "Ce champ est obligatoire" in text(response)
    data = {
        "title": "Accès aux droits <b>x</b>",
        "mandate_md": "Simplifier les **démarches**.<script>alert(1)</script>",
        "join_policy": "open",
        "state": "open",
        "size_limit": "12",
    }
    assert client_org.submit(url, data, token_from=url).status_code == 302
    group = db.session.query(Group).one()
    assert group.size_limit == 12 and group.join_policy == JoinPolicy.OPEN
    page = client.get(_base(group)).get_data(as_text=True)
    assert "<strong>démarches</strong>" in page and "<script>alert(1)" not in page
    assert "Accès aux droits &lt;b&gt;x&lt;/b&gt;" in page
    process_page = text(client.get(f"/concertations/{process.slug}"))
    assert "Groupes de travail" in process_page and "Accès aux droits <b>x</b>" in process_page
    assert f"/concertations/{process.slug}/groupes" in text(client_org.get(f"/concertations/{process.slug}"))


def test_visitors_see_the_public_parts_only(setting, client, login_as):
    group, organizer = setting
    make_member(group, organizer, name="Habitat et Humanisme")
    make_meeting(group, organizer, title="Réunion interne", is_public=False)
    make_meeting(group, organizer, title="Réunion publique de Crest", is_public=True)
    page = text(client.get(_base(group)))
    assert "Rédiger les <strong>fiches actions</strong>" in page
    assert "Habitat et Humanisme" in page
    assert "Réunion publique de Crest" in page
    assert "Réunion interne" not in page
    member_page = text(login_as(make_user()).get(_base(group)))
    assert "Réunion interne" not in member_page


def test_members_see_group_meetings_and_drafts(setting, login_as):
    group, organizer = setting
    _stakeholder, member = make_member(group, organizer)
    make_meeting(group, organizer, title="Réunion interne", is_public=False)
    create_proposal(member, group, title="Fiche en cours", sheet={"objective": "x"})
    page = text(login_as(member).get(_base(group)))
    assert "Réunion interne" in page and "Fiche en cours" in page and "Rédiger une fiche action" in page


def _populate(group, organizer, size, member=None):
    member = member or make_member(group, organizer)[1]
    for n in range(size):
        make_member(group, organizer)
        make_meeting(group, organizer, starts_in=timedelta(days=n - size // 2, hours=1), is_public=n % 2 == 0)
        proposal = create_proposal(member, group, title=f"Fiche {n}", sheet={"objective": "x"})
        if n % 2:
            submit_proposal(organizer, proposal)
    return member


def _page_queries(client, login_as, count_queries, url, member, organizer):
    counts = {}
    for role, viewer in (("visitor", client), ("member", login_as(member)), ("organizer", login_as(organizer))):
        with count_queries() as queries:
            assert viewer.get(url).status_code == 200
        counts[role] = len(queries)
    return counts


def test_group_page_keeps_a_constant_number_of_queries(setting, client, login_as, count_queries):
    group, organizer = setting
    url = _base(group)
    member = _populate(group, organizer, 2)
    small = _page_queries(client, login_as, count_queries, url, member, organizer)
    _populate(group, organizer, 18, member)
    large = _page_queries(client, login_as, count_queries, url, member, organizer)
    print(f"group page SQL queries with 3 members, 2 meetings, 2 sheets: {small}")
    print(f"group page SQL queries with 21 members, 20 meetings, 20 sheets: {large}")
    assert small == large
    # signed in: + the header's unread notifications count and the follow button's state (one query each)
    assert large["visitor"] <= 9 and large["member"] <= 17 and large["organizer"] <= 17


@pytest.fixture
def roles(setting):
    """A user for each role around the group."""
    group, organizer = setting
    representative = make_representative(make_stakeholder(group.process, organizer, name="Association hors groupe"))
    _stakeholder, member = make_member(group, organizer)
    facilitator = make_representative(make_stakeholder(group.process, organizer, name="Association animatrice"))
    add_facilitator(organizer, group, facilitator.email)
    return {
        "participant": make_user(),
        "representative": representative,
        "member": member,
        "facilitator": facilitator,
        "organizer": organizer,
    }


FACILITATOR_PAGES = [
    "/membres",
    "/reunions/nouvelle",
    "/documents",
    "/reunions/{m}/modifier",
    "/reunions/{m}/compte-rendu",
]
ORGANIZER_PAGES = ["/modifier", "/animation"]
MEMBER_PAGES = ["/propositions/nouvelle"]
ALLOWED = {
    "facilitator": {"facilitator", "organizer"},
    "organizer": {"organizer"},
    "member": {"member", "facilitator", "organizer"},
}


@pytest.mark.parametrize(
    ("kind", "suffix"),
    [("facilitator", p) for p in FACILITATOR_PAGES]
    + [("organizer", p) for p in ORGANIZER_PAGES]
    + [("member", p) for p in MEMBER_PAGES],
)
def test_every_group_page_admits_only_its_roles(setting, roles, client, login_as, kind, suffix):
    group, organizer = setting
    # under way: it may still be changed, and its minutes may be written
    meeting = make_meeting(group, organizer, is_public=True, starts_in=-timedelta(hours=1))
    url = _base(group) + suffix.format(m=meeting.id)
    response = client.get(url)
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    for role, user in roles.items():
        status = login_as(user).get(url).status_code
        assert status == (200 if role in ALLOWED[kind] else 403), (role, url, status)


def test_every_group_form_refuses_a_missing_csrf_token(app, setting, roles, login_as):
    group, organizer = setting
    meeting = make_meeting(group, organizer)
    client = login_as(organizer)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("groups.") and "POST" in r.methods]
    assert len(rules) >= 15
    values = {"slug": group.process.slug, "group_slug": group.slug, "meeting_id": meeting.id}
    for rule in rules:
        url = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: str(values.get(m.group(1), 1)), rule.rule)
        response = client.post(url, data={})
        assert response.status_code == 400, (rule.rule, response.status_code)


def test_unpublished_process_hides_its_groups(client):
    organizer = make_user()
    process = make_process(organizer, published=False, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer)
    assert client.get(_base(group)).status_code == 404
    assert client.get(f"/concertations/{process.slug}/groupes").status_code == 404


def test_organizer_designates_a_representative_as_facilitator(setting, login_as):
    group, organizer = setting
    url = f"{_base(group)}/animation"
    client = login_as(organizer)
    outsider = make_user()
    response = client.submit(url, {"email": outsider.email}, token_from=url)
    assert response.status_code == 400
    assert "représentants d'une organisation" in text(response)
    representative = make_representative(make_stakeholder(group.process, organizer))
    assert client.submit(url, {"email": representative.email}, token_from=url).status_code == 302
    assert representative.display_name in text(client.get(url))
    assert login_as(representative).get(f"{_base(group)}/membres").status_code == 200
    client.submit(f"{url}/{representative.id}/retirer", token_from=url)
    assert login_as(representative).get(f"{_base(group)}/membres").status_code == 403


def test_organizer_edits_the_group_but_not_below_its_members(setting, login_as):
    group, organizer = setting
    make_member(group, organizer)
    make_member(group, organizer)
    url = f"{_base(group)}/modifier"
    client = login_as(organizer)
    data = {
        "title": "Habitat inclusif et partagé",
        "mandate_md": "Nouveau mandat",
        "join_policy": "open",
        "state": "closed",
    }
    response = client.submit(url, dict(data, size_limit="1"), token_from=url)
    assert response.status_code == 400
    assert "plus de membres que cette limite" in text(response)
    assert client.submit(url, dict(data, size_limit="5"), token_from=url).status_code == 302
    db.session.expire_all()
    edited = db.session.get(Group, group.id)
    assert (edited.title, edited.size_limit, edited.state.value) == ("Habitat inclusif et partagé", 5, "closed")


POST_ONLY_FOR = [
    ("organizer", "/modifier"),
    ("organizer", "/animation"),
    ("organizer", "/adhesions/{ms}/retirer"),
    ("facilitator", "/membres"),
    ("facilitator", "/adhesions/{ms}/decision"),
    ("facilitator", "/reunions/nouvelle"),
    ("facilitator", "/reunions/{m}/modifier"),
    ("facilitator", "/reunions/{m}/annuler"),
    ("facilitator", "/reunions/{m}/compte-rendu"),
    ("facilitator", "/documents"),
]


@pytest.mark.parametrize(("kind", "suffix"), POST_ONLY_FOR)
def test_every_group_form_refuses_the_wrong_roles(setting, roles, login_as, kind, suffix):
    group, organizer = setting
    meeting = make_meeting(group, organizer)
    membership = db.session.query(Membership).filter_by(group_id=group.id).first()
    url = _base(group) + suffix.format(m=meeting.id, ms=membership.id)
    for role, user in roles.items():
        if role in ALLOWED[kind]:
            continue
        response = login_as(user).submit(url, {}, token_from=_base(group))
        assert response.status_code == 403, (role, url, response.status_code)


def test_the_groups_list_breadcrumb_names_the_page_once(setting, client):
    group, _organizer = setting
    page = client.get(f"/concertations/{group.process.slug}/groupes").get_data(as_text=True)
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', page, re.S).group(0)
    assert crumbs.count("Groupes de travail") == 1
