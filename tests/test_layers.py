"""The application's layering and wiring: import contracts, one name per permission."""

import inspect
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import grimp
import pytest

from consult.templating import PERMISSION_MODULES, permission_facade

ROOT = Path(__file__).resolve().parent.parent


def _layer_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    [contract] = [c for c in config["contracts"] if c["type"] == "layers"]
    return contract


def _illegal_imports(graph, contract):
    layers = [grimp.Layer(*(m.strip() for m in layer.split(":")), independent=False) for layer in contract["layers"]]
    return graph.find_illegal_dependencies_for_layers(layers=layers, containers=set(contract["containers"]))


def test_import_contracts_are_kept():
    result = subprocess.run(  # noqa: S603 - our own virtualenv's lint-imports, as `make lint` runs it
        [Path(sys.executable).with_name("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_layers_go_from_report_down_to_core():
    *entry_points, report, groups, consultation, stakeholders, processes, auth, core = _layer_contract()["layers"]
    assert [report, groups, consultation, stakeholders, processes, auth] == [
        "report",
        "groups",
        "consultation",
        "stakeholders",
        "processes",
        "auth",
    ]
    assert {"audit", "db", "forms", "permissions"} <= {module.strip() for module in core.split(":")}
    assert {"cli", "demo", "admin"} <= {module.strip() for module in entry_points[0].split(":")}


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("consult.permissions", "consult.groups.models"),  # core importing a domain
        ("consult.stakeholders.services.registry", "consult.consultation.queries"),  # a domain importing a higher one
        ("consult.report.treatment.services", "consult.admin.queries"),  # a domain importing the top layer
    ],
)
def test_the_layer_contract_refuses_an_import_upwards(importer, imported):
    graph = grimp.build_graph("consult", cache_dir=None)
    assert _illegal_imports(graph, _layer_contract()) == set()
    graph.add_import(importer=importer, imported=imported)
    assert _illegal_imports(graph, _layer_contract()) != set()


def test_templates_see_every_domains_predicates_under_one_name(app):
    perm = app.jinja_env.globals["perm"]
    for module in PERMISSION_MODULES:
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ == module.__name__:
                assert getattr(perm, name) is func
    assert perm.is_confirmed.__module__ == "consult.permissions"
    assert perm.can_manage_report.__module__ == "consult.report.permissions"


def test_a_permission_defined_in_two_domains_is_refused():
    first = types.ModuleType("consult.first")
    second = types.ModuleType("consult.second")
    for module in (first, second):
        exec("def can_fly(user):\n    return True", module.__dict__)  # noqa: S102 - two stand-in modules
        module.can_fly.__module__ = module.__name__
    with pytest.raises(RuntimeError, match="can_fly"):
        permission_facade((first, second))


def _names(entries):
    return [func.__name__ for _order, func in entries]


def test_create_app_registers_every_domains_blocks_links_and_worker_tasks(app):
    registry = app.extensions["panels"]
    assert _names(registry.panels["process"]) == [
        "drafts_panel",
        "engaged_organisations_panel",
        "coverage_gaps_panel",
        "groups_panel",
        "published_report_panel",
        "opinion_groups_panel",
    ]
    assert _names(registry.panels["section"]) == ["proposals_panel"]
    assert _names(registry.organizer_links) == [
        "moderation_link",
        "registry_link",
        "coverage_link",
        "groups_link",
        "treatment_link",
        "assistant_link",
        "report_link",
    ]
    assert [task.__name__ for task in app.extensions["worker_tasks"]] == [
        "send_meeting_reminders",
        "build_pending_pdfs",
        "run_pending",
        "announce_windows",
        "expand_events",
        "mail_immediate",
        "build_digests",
    ]


def test_create_app_connects_every_domains_account_receivers(app):
    from consult import signals

    exports = {receiver.__module__ for receiver in signals.personal_data_requested.receivers_for(None)}
    deletions = {receiver.__module__ for receiver in signals.account_deleting.receivers_for(None)}
    assert exports == {
        "consult.processes.services",
        "consult.stakeholders.services.representatives",
        "consult.consultation.personal_data",
        "consult.groups.personal_data",
        "consult.notifications.personal_data",
    }
    assert deletions == exports


def test_another_app_does_not_add_blocks_to_the_first(app):
    from consult import create_app

    before = len(app.extensions["panels"].panels["process"])
    other = create_app(type("OtherConfig", (), {k: v for k, v in app.config.items() if k.isupper()}))
    assert len(app.extensions["panels"].panels["process"]) == before
    assert len(other.extensions["panels"].panels["process"]) == before


def test_importing_every_module_registers_nothing():
    # In a fresh interpreter: only create_app wires blocks, tasks and receivers, never an import.
    script = """
import importlib, pkgutil
import consult
from consult import signals
for module in pkgutil.walk_packages(consult.__path__, "consult."):
    importlib.import_module(module.name)
assert not signals.personal_data_requested.receivers, signals.personal_data_requested.receivers
assert not signals.account_deleting.receivers, signals.account_deleting.receivers
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)  # noqa: S603
    assert result.returncode == 0, result.stderr
