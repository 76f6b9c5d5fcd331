"""What Python's garbage collector costs a serving process, with and without ``freeze_loaded_objects``.

On the bench's 10x data (SQLite, reused from ``bench_http`` when it exists), one process serves the draft
and section pages through the test client, first as loaded, then with what it loaded frozen (``wsgi.py``
does this once the app is loaded). For each: the objects a full collection walks, the time of one full
collection, and over REQUESTS requests the collector's CPU per request and its longest pause.
"""

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_http import pages  # noqa: E402
from bench.generate_consultation import generate  # noqa: E402
from consult.production import freeze_loaded_objects  # noqa: E402

REQUESTS = 6000
DATA = "/tmp/bench-consultation-10x.sqlite"


class CollectorClock:
    """The thread CPU of every collection, by generation, through ``gc.callbacks``."""

    def __init__(self):
        self.spent = {0: 0.0, 1: 0.0, 2: 0.0}
        self.runs = {0: 0, 1: 0, 2: 0}
        self.longest = 0.0
        self._started = 0.0

    def __call__(self, phase, info):
        if phase == "start":
            self._started = time.thread_time()
            return
        spent = time.thread_time() - self._started
        self.spent[info["generation"]] += spent
        self.runs[info["generation"]] += 1
        self.longest = max(self.longest, spent)


def serve(client, paths: list[str]) -> tuple[float, CollectorClock]:
    """(CPU ms per request, the collector's clock) over REQUESTS requests taking the pages in turn."""
    clock = CollectorClock()
    gc.callbacks.append(clock)
    started = time.thread_time()
    for number in range(REQUESTS):
        assert client.get(paths[number % len(paths)]).status_code == 200
    spent = time.thread_time() - started
    gc.callbacks.remove(clock)
    return spent * 1000 / REQUESTS, clock


def full_collection_ms() -> float:
    started = time.thread_time()
    gc.collect()
    return (time.thread_time() - started) * 1000


def report(label: str, client, paths: list[str]) -> None:
    """Serve, then walk the heap as serving left it: what the next full collection will cost."""
    cpu, clock = serve(client, paths)
    per_request = sum(clock.spent.values()) * 1000 / REQUESTS
    runs = ", ".join(f"gen{g} {clock.runs[g]}" for g in clock.runs)
    walked = len(gc.get_objects())
    full = full_collection_ms()
    print(f"{label:<22} over {REQUESTS} requests: CPU {cpu:4.2f} ms/request, collector {per_request:5.3f} ms/request "
          f"({runs}), longest pause {clock.longest * 1000:5.1f} ms | then a full collection walks {walked:>6} "
          f"objects in {full:5.1f} ms", flush=True)  # fmt: skip


def main():
    data = generate(10, DATA, reuse=True)
    client = data["app"].test_client()
    paths = [path for _name, path in pages(data)]
    for path in paths:  # load the templates and warm the statement caches, as a worker's first requests do
        assert client.get(path).status_code == 200
    print(f"pages served in turn: {', '.join(paths)}")
    report("as loaded", client, paths)
    freeze_loaded_objects()
    report("loaded objects frozen", client, paths)
    gc.unfreeze()


if __name__ == "__main__":
    main()
