"""The services of auth, stakeholders, processes and admin join their caller's transaction and never commit."""

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from consult.admin.services import set_admin
from consult.auth.models import User
from consult.auth.services import create_confirmed_user, request_password_reset, sign_up
from consult.db import atomic, db
from consult.mail import OutboxMail
from consult.processes.models import Field, Process
from consult.processes.services import add_organizer, create_process
from consult.stakeholders.models import Stakeholder
from tests.factories import PASSWORD, make_stakeholder

ROOT = Path(__file__).resolve().parent.parent
NO_COMMIT = [
    "consult/auth",
    "consult/stakeholders",
    "consult/processes",
    "consult/admin",
    "consult/cli.py",
    "consult/demo/accounts.py",
    "consult/demo/stakeholders.py",
    "consult/demo/processes.py",
]


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@atomic
def _several_services_then_a_failure():
    admin = create_confirmed_user("admin@exemple.fr", "Admin", PASSWORD)
    other = create_confirmed_user("autre@exemple.fr", "Autre", PASSWORD)
    admin.is_admin = True
    set_admin(admin, other, True)
    process = create_process(admin, title="Schéma", summary_md="R", fields=[Field.DISABILITY], territory="Drôme")
    add_organizer(admin, process, "autre@exemple.fr")
    make_stakeholder(process, admin)
    sign_up("nouveau@exemple.fr", "Nouveau", PASSWORD, accepted_terms=True)
    request_password_reset("autre@exemple.fr")
    raise RuntimeError("the caller fails after the services")


def test_a_failure_after_several_services_leaves_nothing_written(app):
    with pytest.raises(RuntimeError, match="after the services"):
        _several_services_then_a_failure()
    assert [_count(m) for m in (User, Process, Stakeholder, OutboxMail)] == [0, 0, 0, 0]


def test_no_commit_left_in_these_domains_nor_in_the_cli_and_demo_loaders():
    found = []
    for entry in NO_COMMIT:
        path = ROOT / entry
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            source = file.read_text()
            found += [f"{file.relative_to(ROOT)}:{n}" for n in _lines_matching(source, r"\.commit\(\)")]
    assert found == []


def _lines_matching(source, pattern):
    return [n for n, line in enumerate(source.splitlines(), 1) if re.search(pattern, line)]
