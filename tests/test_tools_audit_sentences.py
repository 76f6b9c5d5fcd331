"""The audit log in plain French: one sentence per action kind, a fallback, a constant number of queries."""

import ast
from itertools import product
from pathlib import Path

import consult
from consult.audit import AuditEntry, describe_entries
from consult.stakeholders.services.invitations import invite_stakeholders
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


def test_an_action_without_a_sentence_falls_back_to_its_name_and_target(app):
    organizer = make_user(name="Sophie Lemaire")
    entry = AuditEntry(actor=organizer, action="plugin.unknown", target_type="widget", target_id=7, changes={})
    with app.test_request_context():
        [(_entry, sentence)] = describe_entries([entry])
    assert sentence == "Sophie Lemaire a enregistré « plugin.unknown » sur widget n° 7"


def test_registry_actions_read_as_sentences_with_plurals(login_as, mailbox):
    organizer = make_user(name="Sophie Lemaire")
    process = make_process(organizer)
    one = make_stakeholder(process, organizer, name="APF France handicap")
    invite_stakeholders(organizer, process, [one])
    others = [make_stakeholder(process, organizer, name=f"Association {n}") for n in range(2)]
    invite_stakeholders(organizer, process, others)
    journal = _journal(login_as(organizer), process)
    assert "Sophie Lemaire a ajouté « APF France handicap » au répertoire" in journal
    assert "Sophie Lemaire a invité 1 organisation" in journal and "Sophie Lemaire a invité 2 organisations" in journal
    assert "stakeholder." not in journal


def _written_actions() -> set[str]:
    """Every action name the code passes to ``record``, literal or built from literals (walks the source)."""
    actions = set()
    for path in Path(consult.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text())
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        for call in calls:
            if getattr(call.func, "id", None) == "record" and len(call.args) >= 2:
                actions |= _expand(call.args[1], tree, calls)
    return actions


def _expand(node, tree, calls) -> set[str]:
    if isinstance(node, ast.Constant):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _expand(node.body, tree, calls) | _expand(node.orelse, tree, calls)
    if isinstance(node, ast.BinOp):
        return {a + b for a in _expand(node.left, tree, calls) for b in _expand(node.right, tree, calls)}
    if isinstance(node, ast.JoinedStr):
        parts = [_expand(v.value if isinstance(v, ast.FormattedValue) else v, tree, calls) for v in node.values]
        return {"".join(combo) for combo in product(*parts)}
    if isinstance(node, ast.Name):  # a parameter: the literals the module's calls pass in its place
        return _passed_for(node.id, tree, calls)
    raise AssertionError(f"cannot read the action {ast.unparse(node)}")


def _passed_for(name, tree, calls) -> set[str]:
    values = set()
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        params = [a.arg for a in function.args.args]
        if name not in params:
            continue
        position = params.index(name)
        for call in calls:
            if getattr(call.func, "id", None) == function.name and len(call.args) > position:
                argument = call.args[position]
                if isinstance(argument, ast.Constant):
                    values.add(argument.value)
    assert values, f"no literal passed as {name}"
    return values


def test_every_action_the_code_writes_has_a_plain_french_sentence(app):
    registered = set(app.extensions["audit_sentences"].builders)
    written = _written_actions()
    assert len(written) > 50
    assert sorted(written - registered) == []


def test_every_sentence_reads_without_its_target_or_changes(app):
    entry = AuditEntry(actor=None, action="", target_type="x", target_id=3, changes={})
    with app.test_request_context():
        for action, build in app.extensions["audit_sentences"].builders.items():
            sentence = build("Sophie Lemaire", entry, None)
            assert sentence and "%(" not in sentence and action not in sentence, action


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
