"""The production shape proven on this machine: bench/prove_production.py, run by the PostgreSQL suite.

nginx in front of two gunicorn instances, two workers, PostgreSQL, Redis and an SMTP catcher, with
one instance and one worker killed under load (about two minutes). It skips, with the reason, when
the suite runs without PostgreSQL or when nginx or redis-server is not installed.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.production_stack import missing_requirements

ROOT = Path(__file__).resolve().parent.parent
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def _skip_reason():
    if not TEST_DATABASE_URL.startswith("postgresql"):
        return "the production proof runs with the PostgreSQL suite (TEST_DATABASE_URL is not a PostgreSQL URL)"
    return missing_requirements(_proof_database_url())


def _proof_database_url():
    return TEST_DATABASE_URL + "_prove"


@pytest.mark.skipif(bool(_skip_reason()), reason=_skip_reason() or "")
def test_production_shape_holds_under_kills(capsys):
    env = dict(os.environ, PROVE_DATABASE_URL=_proof_database_url())
    done = subprocess.run(
        [sys.executable, "-m", "bench.prove_production"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=420
    )
    with capsys.disabled():
        print("\n" + done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
