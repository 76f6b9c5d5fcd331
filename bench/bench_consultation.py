"""Benchmark of the consultation pages: SQL queries, median and p90 latency, at 1x and 10x the data.

For the draft page and a section page (anonymous GET through the Flask test client), prints the number of
SQL queries of one request, then the median and p90 over REQUESTS requests. Run by ``make bench``.
Generating the data through the services takes minutes (about 2 at 1x and 15 at 10x on a busy 2-core
machine): the databases are kept in /tmp and reused by the next run while the migrations are unchanged;
``--fresh`` builds them again.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from bench.generate_consultation import generate  # noqa: E402
from consult.db import db  # noqa: E402

REQUESTS = 200
SCALES = (1, 10)


def _queries(app, client, url) -> int:
    statements = []

    def count(*_args):
        statements.append(1)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200, url
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def _latencies(client, url) -> tuple[list[float], float]:
    """Wall-clock milliseconds of each request, and the mean CPU milliseconds of this process per request.

    The CPU figure does not grow when other programs share the machine's cores; the wall-clock one does.
    """
    client.get(url)  # warm up templates and caches
    timings = []
    cpu_start = time.process_time()
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return timings, (time.process_time() - cpu_start) * 1000 / REQUESTS


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def run(scale: int) -> list[tuple]:
    """Generate the data at ``scale`` and measure both pages."""
    started = time.perf_counter()
    data = generate(scale, f"/tmp/bench-consultation-{scale}x.sqlite", reuse="--fresh" not in sys.argv)
    how = "reused" if data["reused"] else f"generated through the services in {time.perf_counter() - started:.0f} s"
    print(f"\n== scale {scale}x: {data['counts']} ({how})")
    app, client = data["app"], data["app"].test_client()
    pages = [
        ("draft page", f"/concertations/{data['slug']}/projets/{data['draft_id']}"),
        ("section page", f"/concertations/{data['slug']}/sections/{data['section_id']}"),
    ]
    rows = []
    for name, url in pages:
        queries = _queries(app, client, url)
        timings, cpu = _latencies(client, url)
        rows.append((scale, name, queries, statistics.median(timings), _p90(timings)))
        print(f"{name:<13} queries={queries:>2}  median={statistics.median(timings):6.1f} ms  "
              f"p90={_p90(timings):6.1f} ms  cpu={cpu:5.1f} ms/request  ({REQUESTS} requests, "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")  # fmt: skip
    return rows


def main():
    """Run both scales and check the targets: same query counts, <= 15, draft median < 25 ms."""
    rows = [row for scale in SCALES for row in run(scale)]
    by_page = {}
    for _scale, name, queries, median, _p90 in rows:
        by_page.setdefault(name, []).append((queries, median))
    print("\n== targets")
    for name, values in by_page.items():
        same = len({q for q, _m in values}) == 1
        print(f"{name:<13} constant queries: {'yes' if same else 'NO'}; max {max(q for q, _m in values)} (<= 15)")
    print(f"draft page    median under 25 ms at both sizes: "
          f"{'yes' if all(m < 25 for _q, m in by_page['draft page']) else 'NO'}")  # fmt: skip


if __name__ == "__main__":
    main()
