"""How exactly ``bench_http`` compares a page with its 1x twin: the same pairs with the roles swapped or alike.

``bench_http`` judges "no slower at 10x" on one worker serving the 10x app and, mounted beside it, the 1x
app, their requests interleaved (``paired``). Here, on the PostgreSQL data that ``bench_http`` left (run it
first), each page is measured in four such workers: 10x against 1x (as ``bench_http``), 1x against 10x,
and each size against a second app on the same data. The last two should read 1.00: how far they stray,
round to round, is the measure's own resolution.
"""

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_http import ROUNDS, _postgres_where, gunicorn, pages, paired  # noqa: E402

#: each pair's rounds: twice bench_http's, for a steadier median
PAIR_ROUNDS = 2 * ROUNDS


def bench_pages(summary_path: str) -> list[tuple[str, str]]:
    """The pages ``bench_http`` measures, from the summary it saved beside the 1x data."""
    return pages(json.loads(Path(f"{summary_path}.json").read_text()))


def main():
    one, ten = _postgres_where(1), _postgres_where(10)
    # the summaries generate and generate_at_scale save beside the 1x and 10x data
    if not (Path(f"{one[0]}.json").exists() and Path(f"{ten[0]}.scale.json").exists()):
        print("no PostgreSQL bench data: run bench/bench_http.py first")
        return
    measured = bench_pages(one[0])
    pairs = {"10x against 1x": (ten, one), "1x against 10x": (one, ten), "1x against 1x": (one, one),
             "10x against 10x": (ten, ten)}  # fmt: skip
    for pair, (main_app, mounted) in pairs.items():
        with gunicorn(*main_app, reference=mounted) as (base, _worker):
            for name, page in measured:
                ratios = []
                for _ in range(PAIR_ROUNDS):
                    page_ms, twin_ms = paired(base + page, reference=True)
                    ratios.append(page_ms / twin_ms)
                rounds = " ".join(f"{ratio:.3f}" for ratio in ratios)
                print(f"{pair:<16} {name:<12} median {statistics.median(ratios):.3f}  rounds {rounds}", flush=True)


if __name__ == "__main__":
    main()
