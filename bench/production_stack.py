"""The production shape on one machine, for bench/prove_production.py: nginx, two gunicorn instances,
two workers, PostgreSQL, Redis and an SMTP catcher, all on 127.0.0.1 and free ports.

nginx runs the upstream block of deploy/nginx/concertation.conf and the proxy rules of
deploy/nginx/concertation-proxy.conf; gunicorn runs deploy/gunicorn.conf.py; the workers run
``flask consult worker``, as the systemd units do.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import psycopg
import requests
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing_requirements(database_url: str) -> str | None:
    """Why the stack cannot run here, or None."""
    for program in ("nginx", "redis-server"):
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            return f"{program} is not installed (apt-get install nginx-light redis-server)"
    try:
        psycopg.connect(_admin_dsn(database_url), connect_timeout=3).close()
    except psycopg.Error as error:
        return f"PostgreSQL does not answer at {database_url}: {error}"
    return None


def _admin_dsn(database_url: str) -> str:
    return re.sub(r"/[^/]*$", "/postgres", database_url.replace("+psycopg", ""))


class SmtpCatcher:
    """An SMTP server that keeps (Message-ID, To) of each mail, a little slow like a real one."""

    def __init__(self):
        self.received = []
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.content, policy=policy.default)
        time.sleep(0.02)
        with self.lock:
            self.received.append((message["Message-ID"], message["To"], message["Subject"]))
        return "250 OK"

    def message_ids(self) -> Counter:
        """How many times each Message-ID arrived."""
        with self.lock:
            return Counter(message_id for message_id, _to, _subject in self.received)


class Stack:
    """Start, kill and restart the parts; every process is in its own group, killed with it."""

    def __init__(self, database_url: str):
        self.database_url = database_url
        self.tmp = Path(tempfile.mkdtemp(prefix="concertation-prove-"))
        self.tmp.chmod(0o755)  # nginx's workers run as another user
        self.ports = {name: free_port() for name in ("nginx", "app1", "app2", "redis")}
        self.smtp = SmtpCatcher()
        self.processes = {}
        self.env = self._environment()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports['nginx']}"

    def _environment(self) -> dict:
        return dict(
            os.environ,
            CONCERTATION_ENV="production",
            SECRET_KEY=secrets.token_hex(32),
            DATABASE_URL=self.database_url,
            REDIS_URL=f"redis://127.0.0.1:{self.ports['redis']}/0",
            # The load generator plays a load balancer in front of nginx (it sets X-Forwarded-For for
            # each simulated citizen): two trusted hops here, one in deploy/ where nginx faces clients.
            PROXY_FIX_HOPS="2",
            BASE_URL=self.url,
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=str(self.smtp.port),
            FORCE_HTTPS="0",
            SESSION_COOKIE_SECURE="0",
            INSTANCE_PATH=str(self.tmp / "instance"),
            WORKER_LEASE_SECONDS="8",
            WEB_CONCURRENCY="2",
            FLASK_APP="wsgi:app",
        )

    def start(self):
        """Create the database, migrate it, and start every part (``wait_ready`` waits for them)."""
        self.smtp.controller.start()
        self._recreate_database()
        self._start("redis", ["redis-server", "--port", str(self.ports["redis"]), "--bind", "127.0.0.1", "--save", ""])
        self.run(BIN / "flask", "db", "upgrade")
        for name in ("app1", "app2"):
            self.start_app(name)
        for name in ("worker1", "worker2"):
            self.start_worker(name)
        self._start_nginx()

    def wait_ready(self):
        """Wait until both instances and nginx answer /healthz."""
        for name in ("app1", "app2"):
            self.wait_http(f"http://127.0.0.1:{self.ports[name]}/healthz")
        self.wait_http(self.url + "/healthz")

    def run(self, *command, stdin=None) -> str:
        """Run a command in the app's environment; return its output."""
        done = subprocess.run(
            [str(c) for c in command], cwd=ROOT, env=self.env, input=stdin, capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"{command} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def start_app(self, name: str):
        """Start a gunicorn instance (two workers) with deploy/gunicorn.conf.py."""
        env = dict(self.env, GUNICORN_BIND=f"127.0.0.1:{self.ports[name]}")
        self._start(name, [BIN / "gunicorn", "-c", DEPLOY / "gunicorn.conf.py", "wsgi:app"], env)

    def start_worker(self, name: str):
        """Start a background worker, as concertation-worker@.service does."""
        self._start(name, [BIN / "flask", "consult", "worker", "--interval", "1"])

    def kill(self, name: str):
        """kill -9 a part and all its processes (gunicorn's master and workers alike)."""
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes[name].wait()

    def _start(self, name, command, env=None):
        log = (self.tmp / f"{name}.log").open("a")
        self.processes[name] = subprocess.Popen(
            [str(c) for c in command], cwd=ROOT, env=env or self.env, stdout=log, stderr=log, start_new_session=True
        )

    def _recreate_database(self):
        name = self.database_url.rsplit("/", 1)[1]
        with psycopg.connect(_admin_dsn(self.database_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')

    def _start_nginx(self):
        site = (DEPLOY / "nginx" / "concertation.conf").read_text()
        upstream = re.search(r"upstream concertation_app \{.*?\n\}", site, re.S).group(0)
        upstream = upstream.replace("127.0.0.1:8001", f"127.0.0.1:{self.ports['app1']}")
        upstream = upstream.replace("127.0.0.1:8002", f"127.0.0.1:{self.ports['app2']}")
        rules = (DEPLOY / "nginx" / "concertation-proxy.conf").read_text()
        (self.tmp / "concertation-proxy.conf").write_text(rules.replace("/srv/concertation/static/", f"{ROOT}/static/"))
        for folder in _TEMP_PATHS.values():
            (self.tmp / folder).mkdir(mode=0o777)
            (self.tmp / folder).chmod(0o777)
        temp_paths = "".join(f"{kind}_temp_path {self.tmp / folder};\n" for kind, folder in _TEMP_PATHS.items())
        (self.tmp / "nginx.conf").write_text(
            f"daemon off;\nworker_processes 2;\npid {self.tmp}/nginx.pid;\nerror_log {self.tmp}/nginx-error.log;\n"
            f"events {{ worker_connections 512; }}\nhttp {{\ninclude /etc/nginx/mime.types;\n"
            f"access_log {self.tmp}/nginx-access.log;\n{temp_paths}{upstream}\n"
            f"server {{\nlisten 127.0.0.1:{self.ports['nginx']};\nserver_name localhost;\n"
            f"include {self.tmp}/concertation-proxy.conf;\n}}\n}}\n"
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.run(nginx, "-t", "-q", "-p", self.tmp, "-c", self.tmp / "nginx.conf")
        self._start("nginx", [nginx, "-p", self.tmp, "-c", self.tmp / "nginx.conf"])

    @staticmethod
    def wait_http(url: str, timeout: float = 60):
        """Wait until ``url`` answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{url} did not answer 200 within {timeout} s")

    def stop(self):
        """Stop every part (TERM, then KILL) and the SMTP catcher."""
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.smtp.controller.stop()


_TEMP_PATHS = {"client_body": "body", "proxy": "proxy", "fastcgi": "fastcgi", "uwsgi": "uwsgi", "scgi": "scgi"}
