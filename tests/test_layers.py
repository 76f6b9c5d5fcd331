"""The application's layering and wiring: import contracts, one name per permission."""

import inspect
import types

import pytest

from consult.templating import PERMISSION_MODULES, permission_facade


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
