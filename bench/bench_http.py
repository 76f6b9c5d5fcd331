"""Participation pages under gunicorn beside their render ceiling, at 1x and 10x, on SQLite and PostgreSQL.

For each database and scale (data from ``bench/generate_consultation.py``, kept in /tmp and reused while the
migrations are unchanged; ``--fresh`` builds it again), one gunicorn sync worker serves the app on
127.0.0.1 and ``wrk`` loads each page for a bounded time. Beside each figure: the same template rendered
in-process from the data its view already loaded (the page's render ceiling), the ratio of the two, and the
SQL queries of one request. The targets are judged on pairs interleaved request by request, in random
order, in one worker (``paired``): the page and its template served from memory, the page and its 1x twin.
Then the median time of posting a position and a support over HTTP.

PostgreSQL is used when ``BENCH_POSTGRES_URL`` (a server URL; databases ``<name>``, ``<name>_10x`` and
``<name>_scale``) or its default answers. Its 10x database is the 1x one copied and grown by bulk inserts
(``bench/generate_at_scale.py``): through the services it takes over an hour on a shared machine. With
``BENCH_SCALE_CASE=1``, PostgreSQL also runs the issue's scale case: 1.5 million positions and 200,000
comments. ``BENCH_SECONDS`` sets wrk's duration (3 s), ``BENCH_ROUNDS`` the rounds (3).
"""

import cProfile
import http.client
import os
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, event, select, text  # noqa: E402
from werkzeug.middleware.dispatcher import DispatcherMiddleware  # noqa: E402

from bench.generate_at_scale import COMMENTS as SCALE_COMMENTS  # noqa: E402
from bench.generate_at_scale import POSITIONS as SCALE_POSITIONS  # noqa: E402
from bench.generate_at_scale import generate_at_scale  # noqa: E402
from bench.generate_consultation import COMMENTS_PER_SECTION, POSITIONS, SECTIONS, bench_config, generate  # noqa: E402
from consult import create_app  # noqa: E402
from consult.db import db  # noqa: E402
from consult.production import freeze_loaded_objects  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCALES = (1, 10)
#: the issue's PostgreSQL case, run after 1x and 10x when BENCH_SCALE_CASE=1
SCALE_CASE = "1.5M"
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
#: alternating rounds of render ceiling and served requests per page (medians); ``BENCH_ROUNDS``
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
RENDERS = 60
POSTS = 40
LATER_PAGE = 5
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench_consultation")
TARGET_RATIO = 0.60
TARGET_POST_MS = 20.0
STATIC_FILE = "/static/css/app.css"
#: the request header that asks a ``render_once`` server for a page rendered from the data loaded once
FROM_MEMORY = "X-Bench-From-Memory"
FROM_MEMORY_ENVIRON = "HTTP_" + FROM_MEMORY.upper().replace("-", "_")
#: where a server given the 1x data as reference serves it, beside its own
REFERENCE = "/_1x"


def served_app(path: str, url: str | None = None, render_once: bool = False, reference: tuple | None = None):
    """The gunicorn entry point: ``bench.bench_http:served_app("<sqlite file>", "<url or None>")``.

    ``render_once``: each page is rendered on its first request only and its HTML sent again after, so the
    worker's CPU per request is everything a page costs but its render (its reads, Flask, gunicorn).
    Either way, a request with the ``FROM_MEMORY`` header renders the page's template again from the data its
    first request loaded, without running the view: the page's ceiling as served. ``reference``: the (path,
    url) of the 1x data, served by a second app under ``REFERENCE`` in the same worker, so that a page and
    its 1x twin can alternate request by request. Each request's CPU is counted by kind (``RequestCpu``).
    """
    app = _bench_app(path, url)
    _serve_from_memory(app, render_once)
    mounts = {REFERENCE: _bench_app(*reference).wsgi_app} if reference else {}
    app.wsgi_app = RequestCpu(DispatcherMiddleware(app.wsgi_app, mounts))
    freeze_loaded_objects()  # as wsgi.py does once the app is loaded
    return app


def _bench_app(path: str, url: str | None):
    app = create_app(bench_config(path, url))

    @app.get("/_bench/body/<int:size>")
    def body_of(size):
        """A page of ``size`` bytes that reads and renders nothing: what the stack alone costs to serve it."""
        return "x" * size

    return app


def _serve_from_memory(app, render_once: bool) -> None:
    """Keep each page's template and context from its first request, to render it again on ``FROM_MEMORY``."""
    from flask import request

    from consult.consultation.views import read

    original, loaded = read.render_template, {}

    def render(template, **context):
        page = request.script_root + request.full_path  # the 1x app under REFERENCE has pages of the same path
        if page not in loaded:
            loaded[page] = (template, context, original(template, **context))
        elif not render_once:
            return original(template, **context)
        return loaded[page][2]

    @app.before_request
    def render_from_memory():
        # the page's own URL, so the template reads the same request (its arguments, its view's arguments)
        if request.headers.get(FROM_MEMORY) and request.full_path in loaded:
            template, context, _html = loaded[request.full_path]
            return original(template, **context)
        return None

    read.render_template = render


class RequestCpu:
    """WSGI middleware: the worker thread's CPU in each request, summed by kind (page, from memory).

    ``GET /_bench/cpu`` answers each kind's mean in ms, ``page from_memory reference`` (``reference``: the
    page of the 1x data), and resets the sums. A request's CPU is its WSGI call and its body's iteration;
    gunicorn's parsing and socket writes, the same for every kind, are left out.
    """

    KINDS = ("page", "from_memory", "reference")

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.reset()

    def reset(self):
        self.ms = dict.fromkeys(self.KINDS, 0.0)
        self.count = dict.fromkeys(self.KINDS, 0)

    def __call__(self, environ, start_response):
        if environ["PATH_INFO"] == "/_bench/cpu":
            means = " ".join(str(self.ms[kind] / max(self.count[kind], 1)) for kind in self.KINDS)
            self.reset()
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [means.encode()]
        kind = "page"
        if environ.get(FROM_MEMORY_ENVIRON):
            kind = "from_memory"
        elif environ["PATH_INFO"].startswith(REFERENCE + "/"):
            kind = "reference"
        started = time.thread_time()
        body = b"".join(self.wsgi_app(environ, start_response))
        self.ms[kind] += (time.thread_time() - started) * 1000
        self.count[kind] += 1
        return [body]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(path: str, url: str | None, render_once: bool = False, reference: tuple | None = None):
    """One sync worker on 127.0.0.1, started for the block and stopped after it (``served_app``'s arguments)."""
    port = _free_port()
    entry = f"bench.bench_http:served_app({path!r}, {url!r}, {render_once!r}, {reference!r})"
    # a long worker timeout: on a loaded machine importing the app alone can outlast gunicorn's 30 s, and the
    # master would kill and reboot the worker forever
    command = [sys.executable, "-m", "gunicorn", "-w", "1", "-k", "sync", "-t", "600", "-b", f"127.0.0.1:{port}",
               entry]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", _worker_pid(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _worker_pid(master: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (it does not grow while other programs hold the cores)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(url: str, worker: int, headers: dict | None = None) -> tuple[float, float]:
    """(requests per second, worker CPU ms per request) over SECONDS, two connections on one thread."""
    headers = headers or {}
    for _ in range(5):
        urllib_get(url, headers)  # warm up the worker
    cpu = _cpu_seconds(worker)
    options = [option for name, value in headers.items() for option in ("-H", f"{name}: {value}")]
    out = subprocess.run(  # noqa: S603
        ["wrk", "-t1", "-c2", f"-d{SECONDS}s", *options, url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = _cpu_seconds(worker) - cpu
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk got errors from {url}:\n{out}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), cpu * 1000 / requests


#: wrk's requests mix the page and another request, drawn at random for each request (``{other}`` is
#: wrk.format's path and headers). In strict turns, every garbage collection of a 3 s run fell on the same
#: side (the collector's period in allocations locks onto the pair's), and so did the connection that wrk
#: kept for each side: the page of the 1x data against itself read 0.95-1.09 from round to round.
PAIRED_SCRIPT = """
math.randomseed(2027)
request = function()
  if math.random() < 0.5 then return wrk.format(nil, {other}) end
  return wrk.format(nil, nil, {{}})
end
"""


def paired(url: str, reference: bool = False) -> tuple[float, float]:
    """The page's CPU ms per request, and its twin's, measured by the worker in one wrk run mixing both.

    The twin: the page's template rendered from memory (``FROM_MEMORY``), or with ``reference`` the same page
    of the 1x data. Request by request, the two are interleaved in one worker (``PAIRED_SCRIPT``), so the
    machine's drift from second to second, which moves separate runs by up to 30 %, weighs on both alike.
    """
    root, _, path = url.partition("/concertations/")
    path = "/concertations/" + path
    twin = (REFERENCE + path, {}) if reference else (path, {FROM_MEMORY: "1"})
    urllib_get(url)  # the page's first request keeps its data for the from-memory renders
    urllib_get(root + twin[0], twin[1])
    lua_headers = "{" + ", ".join(f'["{name}"] = "{value}"' for name, value in twin[1].items()) + "}"
    script = Path(f"/tmp/bench-http-paired-{os.getpid()}.lua")
    script.write_text(PAIRED_SCRIPT.format(other=f'"{twin[0]}", {lua_headers}'))
    urllib_get(root + "/_bench/cpu")  # reset the sums
    subprocess.run(["wrk", "-t1", "-c2", f"-d{SECONDS}s", "-s", str(script), url],  # noqa: S603, S607
                   capture_output=True, check=True)  # fmt: skip
    page, from_memory, at_1x = (float(x) for x in urllib_get(root + "/_bench/cpu").split())
    return page, at_1x if reference else from_memory


def urllib_get(url: str, headers: dict | None = None) -> bytes:
    host, _, path = url.removeprefix("http://").partition("/")
    connection = http.client.HTTPConnection(host, timeout=300)  # the first request waits for the worker's boot
    connection.request("GET", "/" + path, headers=headers or {})
    response = connection.getresponse()
    assert response.status == 200, url
    body = response.read()
    connection.close()
    return body


class Ceiling:
    """Renders a page's template again, in the request that just loaded its data, and times each render."""

    def __init__(self):
        self.timings: list[float] = []
        self.cpu: list[float] = []

    def __call__(self, original):
        def render(template, **context):
            html = original(template, **context)  # the first render may still load what the view left lazy
            for _ in range(RENDERS):
                start, cpu = time.perf_counter(), time.thread_time()
                original(template, **context)
                self.timings.append(time.perf_counter() - start)
                self.cpu.append(time.thread_time() - cpu)
            return html

        return render

    @property
    def per_second(self) -> float:
        """Renders per second (wall clock, median)."""
        return 1 / statistics.median(self.timings)

    @property
    def cpu_ms(self) -> float:
        """CPU milliseconds of one render (mean: thread_time ticks are coarse for one render)."""
        return statistics.fmean(self.cpu) * 1000


def render_ceiling(app, path: str) -> tuple[Ceiling, int, int]:
    """(the render ceiling, SQL queries of one request, page size in bytes)."""
    from consult.consultation.views import read

    statements = []

    def count(_conn, _cursor, statement, *_args):
        if not statement.startswith("BEGIN"):  # SQLite's transaction, a function call, is no query
            statements.append(1)

    client = app.test_client()
    client.get(path)  # warm up templates and caches
    ceiling, original = Ceiling(), read.render_template
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            size = len(client.get(path).data)
            queries = len(statements)
            read.render_template = ceiling(original)
            assert client.get(path).status_code == 200
        finally:
            read.render_template = original
            event.remove(db.engine, "before_cursor_execute", count)
    return ceiling, queries, size


#: where a request's time goes, by the cumulative time of these functions under cProfile
PROFILE_PARTS = {
    "template": ("flask/templating.py", "render_template"),
    "ORM queries": ("sqlalchemy/orm/session.py", "_execute_internal"),
    "of which the database": ("sqlalchemy/engine/default.py", "do_execute"),
}


def round_trip_cpu(app, statements: int = 2000) -> float:
    """CPU ms of the app's side of one statement's round trip (``SELECT 1`` on a pooled connection).

    On PostgreSQL each round trip costs the worker a send, a wait and a result, whatever the query.
    """
    with app.app_context(), db.engine.connect() as connection:
        connection.exec_driver_sql("SELECT 1").all()
        started = time.thread_time()
        for _ in range(statements):
            connection.exec_driver_sql("SELECT 1").all()
        return (time.thread_time() - started) * 1000 / statements


def profile(app, path: str, requests: int = 30) -> str:
    """The share of a request spent rendering, in ORM queries (and inside the database driver), under cProfile.

    The profiler slows Python code more than the database, so the shares are indicative; they show which
    part would have to shrink.
    """
    client = app.test_client()
    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    total = sum(ct for (file, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.items()
                if file.endswith("flask/app.py") and name == "wsgi_app")  # fmt: skip
    parts = []
    for label, (file_end, function) in PROFILE_PARTS.items():
        spent = sum(ct for (file, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.items()
                    if file.endswith(file_end) and name == function)  # fmt: skip
        parts.append(f"{label} {spent / total:.0%}")
    return f"profile of one request ({total * 1000 / requests:.1f} ms under cProfile): " + ", ".join(parts)


def pages(data) -> list[tuple[str, str]]:
    section = f"/concertations/{data['slug']}/sections/{data['section_id']}"
    return [
        ("draft", f"/concertations/{data['slug']}/projets/{data['draft_id']}"),
        ("section", section),
        (f"section p.{LATER_PAGE}", f"{section}?page={LATER_PAGE}"),
    ]


class Visitor:
    """A signed-in participant over HTTP: keeps the session cookie and posts with the page's CSRF token."""

    def __init__(self, app, base: str, user):
        self.host = base.removeprefix("http://")
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = user.session_token, True
        name = app.config["SESSION_COOKIE_NAME"]
        self.cookie = f"{name}={client.get_cookie(name).value}"
        self.cookie_name = name

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(self.host, timeout=30)
        headers = {"Cookie": self.cookie, "Accept": "application/json"}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith(self.cookie_name + "="):
                self.cookie = header.split(";", 1)[0]
        connection.close()
        return response.status, content

    def csrf(self, path: str) -> str:
        _status, html = self.request("GET", path)
        return re.search(rb'name="csrf_token" value="([^"]+)"', html).group(1).decode()


def posting_times(app, base: str, worker: int, data) -> dict[str, float]:
    """Median ms of stating a position and of supporting a comment (each alternated with its undo), and the
    worker's mean CPU ms per post."""
    from consult.auth.models import User
    from consult.consultation.models import Contribution

    with app.app_context():
        comment = db.session.scalar(
            select(Contribution).where(Contribution.section_id == data["section_id"]).order_by(Contribution.id)
        )
        user = db.session.scalar(select(User).where(User.id != comment.author_id, User.is_admin.is_(False)))
    visitor = Visitor(app, base, user)
    section_path = f"/concertations/{data['slug']}/sections/{data['section_id']}"
    token = visitor.csrf(section_path)
    posts = {
        "position": (f"{section_path}/position", [{"value": "agree"}, {"value": "disagree"}]),
        "support": (
            f"/concertations/{data['slug']}/contributions/{comment.id}/soutien",
            [{"action": "support"}, {"action": "undo"}],
        ),
    }
    medians = {}
    for name, (path, forms) in posts.items():
        timings, cpu = [], _cpu_seconds(worker)
        for n in range(POSTS):
            start = time.perf_counter()
            status, body = visitor.request("POST", path, {"csrf_token": token, **forms[n % 2]})
            timings.append((time.perf_counter() - start) * 1000)
            assert status == 200, (name, status, body[:300])
        medians[name] = statistics.median(timings)
        # the worker's CPU per post: what the answer costs when the cores are not shared with other programs
        medians[f"{name} CPU"] = (_cpu_seconds(worker) - cpu) * 1000 / POSTS
    return medians


def databases():
    yield "SQLite", lambda scale: (f"/tmp/bench-consultation-{scale}x.sqlite", None)
    # the server, not the bench's database: on a new machine that database does not exist yet (it is created)
    engine = create_engine(f"{POSTGRES_URL.rpartition('/')[0]}/postgres")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 -- any failure means "no PostgreSQL here"
        print(f"\n(PostgreSQL skipped: the server of {POSTGRES_URL} does not answer: {type(error).__name__})")
        return
    finally:
        engine.dispose()  # a connection left open would keep PostgreSQL from copying the 1x database
    yield "PostgreSQL", _postgres_where


def _postgres_where(scale) -> tuple[str, str]:
    """(summary path, database url) of a PostgreSQL scale: ``<name>``, ``<name>_10x``, ``<name>_scale``."""
    if scale == 1:
        return "/tmp/bench-consultation-pg-1x", POSTGRES_URL
    suffix = "scale" if scale == SCALE_CASE else f"{scale}x"
    return f"/tmp/bench-consultation-pg-{suffix}", f"{POSTGRES_URL}_{suffix}"


def _ensure_database(url: str | None) -> None:
    if url is None:
        return
    server, _, name = url.rpartition("/")
    engine = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()


def _data(backend: str, scale, where, first: dict | None) -> dict:
    """The data of one scale: through the services (SQLite, PostgreSQL 1x), else bulk-grown from the 1x copy."""
    path, url = where(scale)
    reuse = "--fresh" not in sys.argv
    if url is None or scale == 1:
        _ensure_database(url)
        return generate(scale, path, url=url, reuse=reuse)
    with first["app"].app_context():
        db.engine.dispose()  # the 1x database is the template: PostgreSQL copies it only when nobody is connected
    positions, comments = (
        (SCALE_POSITIONS, SCALE_COMMENTS)
        if scale == SCALE_CASE
        else (POSITIONS * scale, SECTIONS * COMMENTS_PER_SECTION * scale)
    )
    return generate_at_scale(
        path, url, positions=positions, comments=comments, template=(where(1)[1], first), reuse=reuse
    )


def run(backend: str, where) -> list[dict]:
    """Measure every page and the posts at each scale on one database."""
    rows, first = [], None
    scales = (*SCALES, SCALE_CASE) if backend == "PostgreSQL" and os.environ.get("BENCH_SCALE_CASE") == "1" else SCALES
    for scale in scales:
        path, url = where(scale)
        started = time.perf_counter()
        data = _data(backend, scale, where, first)
        first = first or data
        how = "reused" if data["reused"] else f"generated in {time.perf_counter() - started:.0f} s"
        print(f"\n== {backend} {scale}x: {data['counts']} ({how})", flush=True)
        rows += _measure_scale(backend, scale, data, path, url, None if scale == 1 else where(1))
    return rows


def _measure_scale(backend: str, scale, data, path: str, url: str | None, first: tuple | None) -> list[dict]:
    """The floor, each page against its ceiling and split into stack, reads and render, then the posts.

    Two servers run side by side, the app as it is and the app with each page rendered once (``served_app``),
    so that every round measures all of a page's figures within seconds of each other. Above 1x, the first
    one also serves the 1x data (``first``: its path and url), so that "no slower than at 1x" compares the
    two pages request by request in one worker, not in runs minutes apart on a machine whose speed drifts.
    """
    app, rows = data["app"], []
    with gunicorn(path, url, reference=first) as (base, worker), gunicorn(path, url, render_once=True) as once:
        floor = statistics.median(wrk(base + STATIC_FILE, worker)[1] for _ in range(ROUNDS))
        round_trip = round_trip_cpu(app)
        rows.append({"backend": backend, "scale": scale, "floor": floor, "round_trip": round_trip})
        print(f"{'static file':<14} {floor:5.2f} ms CPU per request (the stack's floor)")
        print(f"{'round trip':<14} {round_trip:5.3f} ms CPU per statement sent and answered (SELECT 1)")
        for name, page in pages(data):
            figures = _page_rounds(app, (base, worker), once, page, above_1x=first is not None)
            row = {"backend": backend, "scale": scale, "page": name, **figures}
            rows.append(row)
            wall = f"{row['served']:7.1f} req/s  ceiling {row['ceiling']:7.1f}/s  {row['served'] / row['ceiling']:4.0%}"
            cpu_share = f"CPU {row['cpu']:5.2f} ms/request, render {row['ceiling_cpu']:5.2f} ms  {row['ratio']:4.0%}"
            print(f"{name:<14} {wall}  |  {cpu_share}  |  {row['queries']} queries  {row['size'] // 1024} KB")
            print(f"{'':<14} {_split(row)}")
            from_memory, share = row["from_memory"], row["served_ratio"]
            print(f"{'':<14} alternating with its template rendered each request from data loaded once: "
                  f"{row['paired_page']:4.2f} ms against {from_memory:4.2f} ms of the worker's CPU per request, "
                  f"{share:4.0%}")  # fmt: skip
            if "vs_1x" in row:
                print(f"{'':<14} against the same page of the 1x data, alternating in one worker: "
                      f"{row['vs_1x']:4.2f}x its CPU")  # fmt: skip
            print(f"{'':<14} {profile(app, page)}", flush=True)
        posts = posting_times(app, base, worker, data)
        rows.append({"backend": backend, "scale": scale, "posts": posts})
        print("posting (median ms): " + "  ".join(f"{k} {v:.1f}" for k, v in posts.items()), flush=True)
    return rows


def _page_rounds(app, served: tuple[str, int], once: tuple[str, int], page: str, above_1x: bool = False) -> dict:
    """A page's figures, measured in ROUNDS rounds (medians), each round taking them all seconds apart.

    The machine's speed drifts from minute to minute (other virtual machines share its caches); ratios are
    taken within a round, so their medians hold when the absolute figures move. A round: the render
    ceiling, the page served, the page served with its render done once (``reads``), a body of the page's
    size that reads and renders nothing (``stack``), and the page alternating request by request with its
    template rendered from the data loaded once (``paired``: ``paired_page`` and ``from_memory``); above 1x,
    the page alternating with the same page of the 1x data in the same worker, whose CPU per request divides
    this page's (``vs_1x``).
    """
    (base, worker), (once_base, once_worker) = served, once
    rounds = []
    for _ in range(ROUNDS):
        ceiling, queries, size = render_ceiling(app, page)
        rate, cpu = wrk(base + page, worker)
        reads = wrk(once_base + page, once_worker)[1]
        stack = wrk(f"{once_base}/_bench/body/{size}", once_worker)[1]
        paired_page, from_memory = paired(base + page)
        round_figures = {"served": rate, "cpu": cpu, "ceiling": ceiling.per_second, "ceiling_cpu": ceiling.cpu_ms,
                         "ratio": ceiling.cpu_ms / cpu, "reads": reads, "stack": stack,
                         "best": ceiling.cpu_ms / (stack + cpu - reads), "paired_page": paired_page,
                         "from_memory": from_memory, "served_ratio": from_memory / paired_page}  # fmt: skip
        if above_1x:
            at_scale, at_1x = paired(base + page, reference=True)
            round_figures["vs_1x"] = at_scale / at_1x
        rounds.append(round_figures)
    medians = {name: statistics.median(figures[name] for figures in rounds) for name in rounds[0]}
    return {**medians, "queries": queries, "size": size}


def _split(row: dict) -> str:
    """Where a served request's CPU goes, and the best share of the ceiling reachable if its reads were free.

    ``stack``: gunicorn, its socket writes, Flask and headers for a body of the page's size; ``reads``: the
    page served with its HTML rendered once and sent again, less the stack (the view's queries and logic);
    the rest is the render in service, which costs more than the same render repeated in a loop (the
    ceiling), whose caches are warm and whose per-request set-up is done. ``best``: the ceiling's share if
    the reads cost nothing (median of the rounds).
    """
    reads = row["reads"] - row["stack"]
    served_render = row["cpu"] - row["reads"]
    loop = row["ceiling_cpu"]
    return (f"{row['cpu']:5.2f} ms = stack {row['stack']:4.2f} + reads {reads:4.2f} + render in service "
            f"{served_render:4.2f} (in a loop {loop:4.2f}); share with free reads: {row['best']:4.0%}")  # fmt: skip


def table(rows: list[dict]) -> None:
    """The summary: one line per database and page, 1x beside 10x, and whether the targets hold.

    Two ceilings: the page's template rendered in a loop in-process (``loop``: CPU of the render against the
    worker's CPU per request), and the same template rendered on each request from data loaded once and
    served by the same worker, the two kinds of request alternating in one run (``served``), the target's
    reading: a page at 60 % of it spends at most 40 % of its CPU beyond its own template. "No slower at 10x"
    compares the two sizes alternating in one worker (``vs_1x``), with 5 % allowed for noise. Then where
    each page's CPU goes (``_split``).
    """
    print(f"\n== summary (gunicorn 1 sync worker, wrk -c2 {SECONDS} s; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")  # fmt: skip
    print(f"{'database':<11}{'page':<14}{'1x req/s':>9}{'loop':>6}{'served':>7}{'10x req/s':>10}{'loop':>6}"
          f"{'served':>7}{'ms/req 1x':>10}{'10x':>6}{'10x/1x':>7}{'queries':>9}  targets")  # fmt: skip
    by_key = {}
    for row in rows:
        if "page" in row:
            by_key.setdefault((row["backend"], row["page"]), {})[row["scale"]] = row
    for (backend, page), scales in by_key.items():
        one, ten = scales[1], scales[10]
        print(f"{backend:<11}{page:<14}"
              f"{one['served']:9.1f}{one['ratio']:6.0%}{one['served_ratio']:7.0%}"
              f"{ten['served']:10.1f}{ten['ratio']:6.0%}{ten['served_ratio']:7.0%}"
              f"{one['cpu']:10.2f}{ten['cpu']:6.2f}{ten['vs_1x']:7.2f}{one['queries']:>5} / {ten['queries']:<3}"
              f"{_verdict(one, ten)}")  # fmt: skip
        if SCALE_CASE in scales:
            _scale_line(one, scales[SCALE_CASE])
    for row in rows:
        if "page" in row:
            print(f"{row['backend']:<11}{row['page']:<14}{str(row['scale']) + 'x':>4}  {_split(row)}")
    print("like for like, request by request in one worker: the page's CPU per request against its template "
          "rendered each request from data loaded once (target >= 60 %)")  # fmt: skip
    round_trips = {(row["backend"], row["scale"]): row["round_trip"] for row in rows if "round_trip" in row}
    for row in rows:
        if "page" in row:
            verdict = "met" if _share_met(row) else _missing(row, round_trips[row["backend"], row["scale"]])
            page, scale = f"{row['backend']:<11}{row['page']:<14}", f"{row['scale']}x"
            print(f"{page}{scale:>5}  {row['paired_page']:5.2f} ms against {row['from_memory']:5.2f} ms from memory: "
                  f"{row['served_ratio']:4.0%}  {verdict}")  # fmt: skip
    for row in rows:
        if "floor" in row:
            print(f"{row['backend']:<11}static file {row['scale']:>2}x: {row['floor']:.2f} ms CPU per request "
                  "(gunicorn + Flask + session, no query, no template: the floor under every page)")  # fmt: skip
    for row in rows:
        if "posts" in row:
            wall = [v for k, v in row["posts"].items() if not k.endswith("CPU")]
            cpu = [v for k, v in row["posts"].items() if k.endswith("CPU")]
            verdict = "met" if max(wall) <= TARGET_POST_MS else "NOT MET"
            if max(wall) > TARGET_POST_MS and max(cpu) <= TARGET_POST_MS:
                verdict += f" by wall clock (load {os.getloadavg()[0]:.1f}); met by the worker's CPU"
            posts = "  ".join(f"{k} {v:5.1f} ms" for k, v in row["posts"].items())
            print(f"{row['backend']:<11}posting {row['scale']:>2}x  {posts}   {verdict}")
    print(
        f"targets: each page at >= {TARGET_RATIO:.0%} of its template served from memory (CPU per request)"
        f" at every size, no slower at 10x than at 1x; posting <= {TARGET_POST_MS:.0f} ms median (wall clock)"
    )


def _missing(row: dict, round_trip: float) -> str:
    """NOT MET, with what it misses: the CPU to shed, against what one of the page's round trips costs.

    A busy worker's pooled connection is not pinged (``watch_pooled_connections``): its queries are its
    round trips.
    """
    # from the share the verdict reads (the median of the rounds' shares), not from the medians of its two terms
    gap = row["paired_page"] * (1 - row["served_ratio"] / TARGET_RATIO)
    return (f"NOT MET by {gap:4.2f} ms, {gap / round_trip:3.1f} round trips of {round_trip:5.3f} ms; "
            f"it makes {row['queries']}")  # fmt: skip


def _share_met(row: dict) -> bool:
    """The page at TARGET_RATIO or more of its template served from memory."""
    return row["served_ratio"] >= TARGET_RATIO


def _verdict(one: dict, big: dict) -> str:
    """Both sizes at TARGET_RATIO of their template as served, and the larger no slower than 1x (5 % noise)."""
    flat = big["vs_1x"] <= 1.05  # measured in pairs above 1x (_page_rounds)
    verdict = "met" if _share_met(one) and _share_met(big) and flat else "NOT MET"
    return verdict + ("" if flat else f" (slower at {big['scale']}x)")


def _scale_line(one: dict, big: dict) -> None:
    """The scale case beside 1x: the same share of its ceilings, and no slower than 1x."""
    served = f"{big['served']:10.1f}{big['ratio']:6.0%}{big['served_ratio']:7.0%}"
    print(f"{'':<11}{'  at ' + SCALE_CASE:<14}{'':>22}{served}{'':>10}{big['cpu']:6.2f}{big['vs_1x']:7.2f}"
          f"{big['queries']:>5}{'':<7}{_verdict(one, big)}")  # fmt: skip


def main():
    """Run every database and scale, then print the summary."""
    if shutil.which("wrk") is None:
        print("bench_http: skipped, wrk is not installed (Debian package wrk)")
        return
    rows = [row for backend, where in databases() for row in run(backend, where)]
    table(rows)


if __name__ == "__main__":
    main()
