"""Prove the production shape on this machine, in bounded time, and print the figures.

nginx in front of two gunicorn instances of two workers each, on PostgreSQL and Redis, with two
background workers and an SMTP catcher (bench/production_stack.py). Under a load of sign-ups,
password resets, comments and positions, one app instance and one worker are killed with
``kill -9`` and restarted. Then: every mail arrived, none twice except one in flight when its worker
died (same Message-ID), no acknowledged write lost, counters equal recounts, rate limits keyed per
client through the proxy and shared across instances, a session opened through one instance valid
on the other, /healthz and request ids through the proxy.

    python -m bench.prove_production   # PROVE_DATABASE_URL (default below) is dropped and created

Exit status: 0 all checks hold, 1 a check failed, 2 something needed is missing here.
"""

import json
import os
import re
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.production_stack import Stack, missing_requirements  # noqa: E402

DATABASE_URL = os.environ.get("PROVE_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/concertation_prove")
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SIGNUPS, RESETS, PARTICIPANTS, COMMENTS_PER_SECTION, POSITION_CHANGES, REVISIONS = 16, 24, 10, 2, 3, 2
SEED = """
import json
from consult import create_app
from tests import factories as f

with create_app().app_context():
    orga = f.make_user("orga@exemple.fr", name="Organisatrice")
    process = f.make_process(orga)
    draft, sections = f.make_draft(orga, process)
    people = [f.make_user(f"participant{n}@exemple.fr").email for n in range(%d)]
    print(json.dumps({"slug": process.slug, "sections": [s.id for s in sections[:3]], "people": people,
                      "password": f.PASSWORD}))
"""


class Citizen:
    """One person's browser, behind the load balancer that names its address in X-Forwarded-For."""

    def __init__(self, base: str, address: str):
        self.base = base
        self.http = requests.Session()
        self.http.headers["X-Forwarded-For"] = address
        self.token = ""

    def get(self, path: str) -> requests.Response:
        for _ in range(5):  # a GET in flight on a killed instance is simply asked again
            response = self.http.get(self.base + path, timeout=30, allow_redirects=False)
            if response.status_code < 500:
                return response
            time.sleep(0.3)
        return response

    def post(self, path: str, data: dict, token_from: str | None = None) -> int:
        if token_from or not self.token:
            self.token = CSRF_RE.search(self.get(token_from or "/connexion").text).group(1)
        response = self.http.post(
            self.base + path, data=dict(data, csrf_token=self.token), timeout=30, allow_redirects=False
        )
        return response.status_code


class Load:
    """The bounded load; records each request's outcome."""

    def __init__(self, stack: Stack, seed: dict):
        self.stack, self.seed = stack, seed
        self.outcomes = Counter()
        self.signed_up, self.comments_acknowledged = [], []
        self.lock = threading.Lock()

    def note(self, kind, status, value=None, into=None):
        with self.lock:
            self.outcomes[(kind, status)] += 1
            if into is not None and status == 302:
                into.append(value)

    def sign_up(self, n):
        email = f"nouveau{n}-{uuid.uuid4().hex[:6]}@exemple.fr"
        citizen = Citizen(self.stack.url, f"198.51.100.{n + 1}")
        data = {
            "email": email,
            "display_name": f"Nouvelle personne {n}",
            "password": self.seed["password"],
            "relation": "service_user",
            "territory": "Valence",
            "accept_terms": "y",
        }
        self.note("sign-up", citizen.post("/inscription", data, token_from="/inscription"), email, self.signed_up)

    def reset(self, n):
        citizen = Citizen(self.stack.url, f"198.51.101.{n + 1}")
        email = self.seed["people"][n % len(self.seed["people"])]
        self.note("reset", citizen.post("/mot-de-passe/oubli", {"email": email}, token_from="/mot-de-passe/oubli"))

    def participate(self, n):
        citizen = Citizen(self.stack.url, f"198.51.102.{n + 1}")
        signin = {"email": self.seed["people"][n], "password": self.seed["password"]}
        status = citizen.post("/connexion", signin, token_from="/connexion")
        self.note("sign-in", status)
        slug = self.seed["slug"]
        for section in self.seed["sections"]:
            page = f"/concertations/{slug}/sections/{section}"
            citizen.token = CSRF_RE.search(citizen.get(page).text).group(1)
            for _ in range(COMMENTS_PER_SECTION):
                marker = f"prove-{uuid.uuid4().hex}"
                status = citizen.post(f"{page}/commentaires", {"body": f"Mon avis {marker}."})
                self.note("comment", status, marker, self.comments_acknowledged)
            for change in range(POSITION_CHANGES):
                value = ("agree", "mixed", "disagree")[(n + change) % 3]
                self.note("position", citizen.post(f"{page}/position", {"value": value}))

    def publish_reports(self, count: int):
        """The organizer publishes ``count`` interim revisions of the report: the workers build their PDFs."""
        organizer = Citizen(self.stack.url, "198.51.103.1")
        organizer.post("/connexion", {"email": "orga@exemple.fr", "password": self.seed["password"]}, "/connexion")
        report = f"/concertations/{self.seed['slug']}/bilan"
        for _ in range(count):
            self.note("report", organizer.post(f"{report}/publier", {"interim": "y"}, token_from=f"{report}/brouillon"))

    def run(self):
        jobs = [(self.sign_up, n) for n in range(SIGNUPS)] + [(self.reset, n) for n in range(RESETS)]
        jobs += [(self.participate, n) for n in range(PARTICIPANTS)]
        with ThreadPoolExecutor(8) as pool:
            for future in [pool.submit(job, n) for job, n in jobs]:
                future.result()


def chaos(stack: Stack, dsn: str, log: list):
    """kill -9 one app instance and one worker (while it holds claimed mail) during the load; restart them."""
    time.sleep(1.5)
    stack.kill("app1")
    log.append(f"{time.strftime('%H:%M:%S')} kill -9 app1 (gunicorn master and workers)")
    held = kill_worker_holding_mail(stack, dsn, "worker1")
    log.append(f"{time.strftime('%H:%M:%S')} kill -9 worker1 holding {held} claimed mails")
    time.sleep(2.0)
    stack.start_app("app1")
    log.append(f"{time.strftime('%H:%M:%S')} restart app1")
    stack.start_worker("worker1")
    log.append(f"{time.strftime('%H:%M:%S')} restart worker1")


def kill_worker_holding_mail(stack: Stack, dsn: str, name: str, timeout: float = 15) -> int:
    """Kill the worker as soon as it holds claimed, unsent mail (or after ``timeout``); return how many."""
    claimed = f"%:{stack.processes[name].pid}:%"
    deadline = time.monotonic() + timeout
    with psycopg.connect(dsn, autocommit=True) as conn:
        while time.monotonic() < deadline:
            query = "SELECT count(*) FROM outbox_mails WHERE claimed_by LIKE %s AND sent_at IS NULL"
            held = conn.execute(query, (claimed,)).fetchone()[0]
            if held:
                break
            time.sleep(0.02)
    stack.kill(name)
    return held


def wait_for_outbox(dsn: str, timeout: float = 90) -> float:
    """Seconds until no mail waits to be sent."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with psycopg.connect(dsn) as conn:
            waiting = conn.execute("SELECT count(*) FROM outbox_mails WHERE sent_at IS NULL AND failed_at IS NULL")
            if waiting.fetchone()[0] == 0:
                return time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"mail still waiting after {timeout} s")


def check_mail(stack: Stack, dsn: str, load: Load, kills: int) -> list[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT id, recipient, failed_at IS NOT NULL FROM outbox_mails").fetchall()
    expected = {f"<outbox-{mail_id}@127.0.0.1>" for mail_id, _to, _failed in rows}
    arrived = stack.smtp.message_ids()
    twice = {message_id: n for message_id, n in arrived.items() if n > 1}
    recipients = {to for _id, to, _subject in stack.smtp.received}
    print(
        f"mail: {len(rows)} queued, {len(arrived)} distinct arrived, {sum(arrived.values())} messages, "
        f"sent twice: {twice or 'none'}, failed: {sum(f for *_x, f in rows)}"
    )
    problems = []
    if set(arrived) != expected:
        problems.append(f"mail lost or unknown: {sorted(expected ^ set(arrived))[:5]}")
    if len(twice) > kills or any(n > 2 for n in twice.values()):
        problems.append(f"more duplicates than workers killed: {twice}")
    if missing := [email for email in load.signed_up if email not in recipients]:
        problems.append(f"sign-ups without a confirmation mail: {missing}")
    return problems


def check_writes(dsn: str, load: Load) -> list[str]:
    with psycopg.connect(dsn) as conn:
        bodies = {row[0] for row in conn.execute("SELECT body FROM contributions WHERE body LIKE 'Mon avis prove-%%'")}
        drift = conn.execute(COUNTER_DRIFT).fetchall()
        sections = conn.execute("SELECT count(*) FROM sections").fetchone()[0]
    stored = {re.search(r"prove-[0-9a-f]+", body).group(0) for body in bodies}
    lost = [marker for marker in load.comments_acknowledged if marker not in stored]
    print(
        f"writes: {len(load.comments_acknowledged)} comments acknowledged, {len(stored)} stored, {len(lost)} lost; "
        f"counters checked on {sections} sections, {len(drift)} differ from recounts"
    )
    return [f"acknowledged comments lost: {lost}"] * bool(lost) + [f"counters differ: {drift}"] * bool(drift)


def check_pdfs(stack: Stack, dsn: str, timeout: float = 120) -> list[str]:
    """Every published revision gets its PDF, built once by one of the two workers."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(dsn, autocommit=True) as conn:
        while time.monotonic() < deadline:
            rows = conn.execute("SELECT id, pdf_path IS NOT NULL, pdf_error FROM report_revisions").fetchall()
            if rows and all(built or error for _id, built, error in rows):
                break
            time.sleep(0.5)
    logs = "".join((stack.tmp / f"{name}.log").read_text() for name in ("worker1", "worker2"))
    builds = Counter(int(n) for n in re.findall(r"PDF of report revision (\d+) built", logs))
    print(f"report: {len(rows)} revisions published, PDF builds per revision {dict(builds)}")
    if len(rows) != REVISIONS or any(builds[rev_id] != 1 for rev_id, _built, _error in rows):
        return [f"PDFs not built exactly once per revision: {rows}, {dict(builds)}"]
    return []


COUNTER_DRIFT = """
SELECT s.id, s.agree_count, s.mixed_count, s.disagree_count, s.comment_count, p.agree, p.mixed, p.disagree, c.comments
FROM sections s
LEFT JOIN (SELECT section_id, count(*) FILTER (WHERE value = 'agree') AS agree,
                  count(*) FILTER (WHERE value = 'mixed') AS mixed,
                  count(*) FILTER (WHERE value = 'disagree') AS disagree
           FROM positions GROUP BY section_id) p ON p.section_id = s.id
LEFT JOIN (SELECT section_id, count(*) AS comments FROM contributions
           WHERE kind = 'comment' AND state = 'published' GROUP BY section_id) c ON c.section_id = s.id
WHERE (s.agree_count, s.mixed_count, s.disagree_count, s.comment_count)
   <> (coalesce(p.agree, 0), coalesce(p.mixed, 0), coalesce(p.disagree, 0), coalesce(c.comments, 0))
"""


def check_limits_and_sessions(stack: Stack, seed: dict) -> list[str]:
    """Per-client limits through the proxy, shared by both instances; one session valid on both."""
    noisy = Citizen(stack.url, "203.0.113.50")
    # Each attempt names another account, so that only the per-address limit can refuse them.
    wrong = [{"email": f"inconnu{n}@exemple.fr", "password": "not the password"} for n in range(13)]
    statuses = [noisy.post("/connexion", attempt) for attempt in wrong[:12]]
    neighbour = Citizen(stack.url, "203.0.113.51").post("/connexion", wrong[12])
    print(
        f"rate limit (10 per minute), one client through nginx over 2 instances x 2 workers: {statuses}; "
        f"another client meanwhile: {neighbour}"
    )
    problems = []
    if statuses.count(429) != 2 or neighbour == 429:
        problems.append("sign-in limit not per client or not shared across instances")
    person = Citizen(stack.url, "203.0.113.52")
    person.post("/connexion", {"email": seed["people"][1], "password": seed["password"]}, token_from="/connexion")
    direct = {
        name: person.http.get(f"http://127.0.0.1:{stack.ports[name]}/profil", allow_redirects=False).status_code
        for name in ("app1", "app2")
    }
    print(f"session opened through nginx, /profil asked of each instance directly: {direct}")
    if set(direct.values()) != {200}:
        problems.append(f"session not valid on both instances: {direct}")
    health = requests.get(stack.url + "/healthz", timeout=5)
    request_id = health.headers.get("X-Request-ID", "")
    logged = any(request_id in (stack.tmp / f"{name}.log").read_text() for name in ("app1", "app2"))
    print(
        f"/healthz through nginx: {health.status_code} {health.json()}; request id {request_id} in gunicorn's log: "
        f"{logged}"
    )
    if health.status_code != 200 or not re.fullmatch(r"[0-9a-f]{32}", request_id) or not logged:
        problems.append("health or request id through nginx")
    return problems


def main() -> int:
    reason = missing_requirements(DATABASE_URL)
    if reason:
        print(f"production proof skipped: {reason}")
        return 2
    started = time.monotonic()
    stack = Stack(DATABASE_URL)
    try:
        stack.start()
        seed = json.loads(stack.run(sys.executable, "-c", SEED % PARTICIPANTS))  # while the instances boot
        stack.wait_ready()
        print(
            f"stack up in {time.monotonic() - started:.1f} s: nginx :{stack.ports['nginx']}, gunicorn "
            f":{stack.ports['app1']} :{stack.ports['app2']} (2 workers each), 2 workers, PostgreSQL, Redis, SMTP"
        )
        return prove(stack, seed, started)
    finally:
        stack.stop()
        print(f"logs in {stack.tmp}")


def prove(stack: Stack, seed: dict, started: float) -> int:
    load, events = Load(stack, seed), []
    loading = time.monotonic()
    dsn = DATABASE_URL.replace("+psycopg", "")
    troublemaker = threading.Thread(target=chaos, args=(stack, dsn, events))
    troublemaker.start()
    load.run()
    troublemaker.join()
    # Published once the participation stops: under concurrent writes the report's own consistency check
    # refuses to publish on PostgreSQL (its figures come from several statements, each its own snapshot).
    load.publish_reports(REVISIONS)
    events.append(f"{time.strftime('%H:%M:%S')} {REVISIONS} report revisions published; the two workers build them")
    print(
        f"load: {time.monotonic() - loading:.1f} s, "
        + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(load.outcomes.items()))
    )
    print("events: " + "; ".join(events))
    print(f"outbox drained {wait_for_outbox(dsn):.1f} s after the load")
    problems = check_mail(stack, dsn, load, kills=1) + check_writes(dsn, load) + check_pdfs(stack, dsn)
    problems += check_limits_and_sessions(stack, seed)
    print(f"total {time.monotonic() - started:.1f} s")
    for problem in problems:
        print(f"FAILED: {problem}")
    print("production proof: " + ("FAILED" if problems else "all checks hold"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
