"""The periods a digest covers: the previous calendar day, ISO week and calendar month in
the site's time zone (Europe/Amsterdam), whatever the date is in UTC, across the clock
change and the turn of the year; and the keys that name them."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from digests.periods import DAILY, MONTHLY, WEEKLY, Period, period_from_key, previous_period

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


def elapsed(period):
    # Python subtracts times of one zone by the wall clock; the instants are what count.
    return period.end.astimezone(UTC) - period.start.astimezone(UTC)


def test_the_previous_day_is_the_sites_calendar_day_not_utcs():
    # 22:30 UTC on 29 March 2026 is 00:30 on the 30th in Amsterdam (summer time began
    # that night): yesterday is the 29th, not the 28th.
    period = previous_period(DAILY, datetime(2026, 3, 29, 22, 30, tzinfo=UTC))
    assert (period.first_day, period.last_day, period.key) == (date(2026, 3, 29), date(2026, 3, 29), "2026-03-29")
    assert period.start == local(2026, 3, 29) and period.start.utcoffset() == timedelta(hours=1)
    assert period.end == local(2026, 3, 30) and period.end.utcoffset() == timedelta(hours=2)
    assert elapsed(period) == timedelta(hours=23), "the night the clocks go forward is an hour short"
    # A minute before local midnight it is still the 29th: the previous day is the 28th.
    assert previous_period(DAILY, local(2026, 3, 29, 23, 59)).key == "2026-03-28"


def test_a_period_holds_its_first_moment_and_not_the_next_periods():
    period = previous_period(DAILY, local(2026, 3, 11, 10))
    assert local(2026, 3, 10) in period
    assert local(2026, 3, 10, 23, 59, 59) in period
    assert local(2026, 3, 11) not in period
    assert local(2026, 3, 9, 23, 59, 59) not in period


def test_the_previous_week_runs_monday_to_sunday_and_is_named_by_its_iso_week():
    period = previous_period(WEEKLY, local(2026, 3, 11, 10))  # a Wednesday
    assert (period.first_day, period.last_day, period.key) == (date(2026, 3, 2), date(2026, 3, 8), "2026-W10")
    # On Monday just after midnight the week that just ended is the previous one.
    assert previous_period(WEEKLY, local(2026, 3, 9, 0, 1)).key == "2026-W10"
    assert previous_period(WEEKLY, local(2026, 3, 8, 23, 59)).key == "2026-W09"
    # Across the turn of the year: 29 December 2025 to 4 January 2026 is week 1 of 2026.
    new_year = previous_period(WEEKLY, local(2026, 1, 5, 0, 10))
    assert (new_year.first_day, new_year.last_day, new_year.key) == (date(2025, 12, 29), date(2026, 1, 4), "2026-W01")
    # In UTC it is still Sunday 4 January; in Amsterdam Monday has begun.
    assert previous_period(WEEKLY, datetime(2026, 1, 4, 23, 30, tzinfo=UTC)).key == "2026-W01"


def test_the_previous_month_is_the_calendar_month_in_the_sites_time_zone():
    # 23:05 UTC on 28 February is five past midnight on 1 March in Amsterdam.
    period = previous_period(MONTHLY, datetime(2026, 2, 28, 23, 5, tzinfo=UTC))
    assert (period.first_day, period.last_day, period.key) == (date(2026, 2, 1), date(2026, 2, 28), "2026-02")
    assert previous_period(MONTHLY, local(2024, 3, 15)).last_day == date(2024, 2, 29), "a leap year"
    january = previous_period(MONTHLY, local(2026, 1, 15))
    assert (january.first_day, january.last_day, january.key) == (date(2025, 12, 1), date(2025, 12, 31), "2025-12")
    october = previous_period(MONTHLY, local(2025, 11, 1, 9))
    assert elapsed(october) == timedelta(days=31, hours=1), "the clocks went back in October"


@pytest.mark.parametrize("key", ["2026-03-29", "2026-W01", "2025-W52", "2026-W53", "2026-02", "2025-12"])
def test_a_key_names_its_period_and_back(key):
    period = period_from_key(key)
    assert isinstance(period, Period) and period.key == key


@pytest.mark.parametrize(
    "key",
    ["", "x", "2026-13", "2026-00", "2025-W54", "2026-W00", "2026-02-30", "2026-3-1", "2026-03-01 ", "'; DROP--", None],
)
def test_a_key_that_names_no_period_is_refused(key):
    assert period_from_key(key) is None


def test_later_periods_come_after_earlier_ones_of_the_same_frequency_only():
    week_10, week_11 = period_from_key("2026-W10"), period_from_key("2026-W11")
    assert week_11.comes_after(week_10) and not week_10.comes_after(week_11)
    assert not period_from_key("2026-03-20").comes_after(week_10)
