"""Numbers, percentages and dates of the report written the French way, through Babel (the locale in use)."""

import math
from datetime import date

from flask_babel import format_date, format_decimal

#: French typography puts a no-break space before the percent sign
PERCENT_SIGN = "\u00a0%"


def number(value) -> str:
    """A number as the locale writes it (0,25; 1 234)."""
    return format_decimal(value, format="#,##0.##")


def percent(share) -> str:
    """A share already in percent (33.3) with at most one decimal: « 33,3 % », « 100 % »."""
    return format_decimal(round(share, 1), format="#,##0.#") + PERCENT_SIGN


def day(iso: str) -> str:
    """A stored ISO date (or datetime) as a French reader expects it: « 23 novembre 2026 »."""
    return format_date(date.fromisoformat(iso[:10]), "d MMMM y")


def short_day(iso: str) -> str:
    """A stored ISO date as a chart's axis label, short enough not to overlap: « 23 nov. »."""
    return format_date(date.fromisoformat(iso[:10]), "d MMM")


def whole_ticks(largest: int, *, most: int = 6) -> list[int]:
    """Axis graduations for counts: round whole steps (1, 2, 5 × 10ⁿ) from 0 past ``largest``.

    At most about ``most`` of them, so that a reader reads 0, 50, 100, 150 rather than 0, 29, 58, 87.
    """
    largest = max(largest, 1)
    raw = largest / (most - 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return list(range(0, math.ceil(largest / step) * step + 1, step))
