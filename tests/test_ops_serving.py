"""A serving process keeps what it loaded out of the garbage collector's full collections (``wsgi.py``).

Run in a child process: freezing is for a process that serves, and this test process builds many apps.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MIGRATE = """
from flask_migrate import upgrade
import wsgi
with wsgi.app.app_context():
    upgrade()
"""

SERVE_THEN_COUNT = """
import gc
import wsgi
client = wsgi.app.test_client()
for _ in range(20):
    assert client.get("/").status_code == 200
gc.collect()
print(gc.get_freeze_count(), len(gc.get_objects()))
"""


def test_the_wsgi_entry_point_freezes_the_loaded_app_so_a_full_collection_walks_only_new_objects(tmp_path):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'serving.sqlite'}", INSTANCE_PATH=str(tmp_path))
    for script in (MIGRATE, SERVE_THEN_COUNT):
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    frozen, walked = (int(n) for n in done.stdout.split())
    assert frozen > 100_000  # modules, the app, its mappers and templates' environment
    assert walked < frozen / 10  # after serving, a full collection walks what the requests left, not the app
