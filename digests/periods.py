"""The periods a digest covers: the previous calendar day, the previous ISO week (Monday
to Sunday) or the previous calendar month, in the site's time zone (``TIME_ZONE``).

Each period has a key ("2025-04-06", "2025-W14", "2025-04") that names it in
``DigestSettings.last_sent_period`` and in the outbox, so that it is mailed once."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

DAILY, WEEKLY, MONTHLY = "daily", "weekly", "monthly"
FREQUENCIES = (DAILY, WEEKLY, MONTHLY)

KEY_PATTERNS = {
    DAILY: re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
    WEEKLY: re.compile(r"(?P<year>\d{4})-W(?P<week>\d{2})"),
    MONTHLY: re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})"),
}


@dataclass(frozen=True)
class Period:
    frequency: str
    first_day: date
    last_day: date

    @property
    def key(self):
        if self.frequency == DAILY:
            return self.first_day.isoformat()
        if self.frequency == WEEKLY:
            year, week, _weekday = self.first_day.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.first_day.year}-{self.first_day.month:02d}"

    @property
    def start(self):
        """Midnight at the start of the first day, in the site's time zone."""
        return _midnight(self.first_day)

    @property
    def end(self):
        """Midnight after the last day: the period is ``start <= moment < end``."""
        return _midnight(self.last_day + timedelta(days=1))

    def __contains__(self, moment):
        return self.start <= moment < self.end

    def comes_after(self, other):
        return other is not None and other.frequency == self.frequency and self.first_day > other.first_day


def _midnight(day):
    # Midnight exists on every day in the time zones that move their clocks at night.
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def period_of(frequency, day):
    """The period of ``frequency`` that ``day`` falls in."""
    if frequency == DAILY:
        return Period(DAILY, day, day)
    if frequency == WEEKLY:
        monday = day - timedelta(days=day.weekday())
        return Period(WEEKLY, monday, monday + timedelta(days=6))
    if frequency == MONTHLY:
        first = day.replace(day=1)
        next_month = (first + timedelta(days=32)).replace(day=1)
        return Period(MONTHLY, first, next_month - timedelta(days=1))
    raise ValueError(f"There is no digest frequency {frequency!r}.")


def previous_period(frequency, now=None):
    """The last whole period of ``frequency`` before ``now`` (the site's local time)."""
    today = timezone.localdate(now or timezone.now())
    return period_of(frequency, period_of(frequency, today).first_day - timedelta(days=1))


def period_from_key(key):
    """The period ``key`` names, or ``None`` when it names none."""
    for frequency, pattern in KEY_PATTERNS.items():
        match = pattern.fullmatch(key or "")
        if match is None:
            continue
        parts = {name: int(value) for name, value in match.groupdict().items()}
        try:
            if frequency == WEEKLY:
                day = date.fromisocalendar(parts["year"], parts["week"], 1)
            else:
                day = date(parts["year"], parts["month"], parts.get("day", 1))
        except ValueError:
            return None
        period = period_of(frequency, day)
        return period if period.key == key else None
    return None
