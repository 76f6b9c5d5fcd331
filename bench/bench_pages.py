"""Print the SQL query count and median time of the home and process pages on the demo data."""

import statistics
import tempfile
import time

from flask_migrate import upgrade
from sqlalchemy import event

from config import TestConfig
from consult import create_app
from consult.db import db
from consult.demo import load_demo

REQUESTS = 50


class BenchConfig(TestConfig):
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    MAIL_SERVER = None
    RATELIMIT_ENABLED = False


def measure(client, path):
    """(queries of one request, median ms over REQUESTS requests)."""
    statements = []
    listener = lambda *args: statements.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    client.get(path)
    event.remove(db.engine, "before_cursor_execute", listener)
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        assert client.get(path).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    return len(statements), statistics.median(times)


def main():
    app = create_app(BenchConfig)
    with app.app_context():
        upgrade()
        load_demo()
    visitor = app.test_client()
    organizer = app.test_client()
    with app.app_context():
        from consult.auth.services import find_user_by_email

        token = find_user_by_email("organisatrice@demo.concertation.fr").session_token
    with organizer.session_transaction() as session:
        session["_user_id"], session["_fresh"] = token, True
    for who, client in (("visitor", visitor), ("organizer", organizer)):
        for path in ("/", "/concertations/schema-autonomie-2027-2031"):
            with app.app_context():
                queries, median = measure(client, path)
            print(f"{path:<45} {who:<10} {queries:>3} queries   median {median:6.1f} ms")


if __name__ == "__main__":
    main()
