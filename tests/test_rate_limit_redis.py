"""With REDIS_URL, rate limits are shared by every worker process, as under gunicorn."""

import subprocess
import sys
import uuid

import pytest

REDIS_URL = "redis://127.0.0.1:6379/15"
# One "worker process": builds the app on Redis and sends `n` reset requests; prints the status codes.
WORKER = """
import sys
from config import TestConfig
from consult import create_app

class RedisConfig(TestConfig):
    REDIS_URL = RATELIMIT_STORAGE_URI = sys.argv[1]
    RATELIMIT_KEY_PREFIX = sys.argv[3]  # this test's own counters, whoever else uses the server
    RATELIMIT_AUTH = "3 per minute"
    WTF_CSRF_ENABLED = False  # only the shared counter is under test here

client = create_app(RedisConfig).test_client()
print(" ".join(str(client.post("/mot-de-passe/oubli", data={}).status_code) for _ in range(int(sys.argv[2]))))
"""


def _redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means no usable server
        return False
    return True


pytestmark = pytest.mark.skipif(
    not _redis_available(), reason="no Redis server at 127.0.0.1:6379: shared rate limits not tested"
)


def _worker(requests, prefix):
    done = subprocess.run(
        [sys.executable, "-c", WORKER, REDIS_URL, str(requests), prefix], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_two_processes_share_the_reset_limit_through_redis():
    import redis

    prefix = f"test-{uuid.uuid4().hex}"
    try:
        assert _worker(2, prefix) == ["400", "400"]
        assert _worker(2, prefix) == ["400", "429"]
    finally:
        server = redis.Redis.from_url(REDIS_URL)
        for key in server.scan_iter(f"*{prefix}*"):
            server.delete(key)
