"""A realistic demo: a departmental autonomy schema under concertation, built through the services."""

from importlib import import_module

from sqlalchemy import func, select

from consult.auth.models import User
from consult.db import db

DEMO_PASSWORD = "Concertation-Demo-2027"  # noqa: S105 - printed by make run on purpose

# Each step is a module of consult.demo with ``load(context)``; later domains read what earlier ones made.
STEPS = [
    "accounts",
    "processes",
    "stakeholders",
    "consultation",
    "groups",
    "report_treatment",
    "synthesis",
    "report_publishing",
    "notifications",
]


def load_demo(*, if_empty: bool = False, now=None) -> str | None:
    """Load every demo step; return the demo password, or None when skipped."""
    if if_empty and db.session.scalar(select(func.count(User.id))):
        return None
    from consult.db import utcnow

    context = {"now": now or utcnow(), "password": DEMO_PASSWORD}
    for step in STEPS:
        import_module(f"consult.demo.{step}").load(context)
    return DEMO_PASSWORD
