"""When a session was last used is noted at most once every USERSESSIONS_ACTIVITY_SECONDS:
a member's requests in between write nothing."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from allauth.usersessions.models import UserSession

from accounts.sessions import SEEN_AT_KEY
from tests.helpers import parse

from .conftest import browser

pytestmark = pytest.mark.django_db


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]


def test_requests_within_the_interval_write_nothing(anna, home):
    laptop = browser(anna)
    laptop.get("/nl/")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert laptop.get("/nl/").status_code == 200
    assert writes(queries) == []


def test_after_the_interval_the_session_is_seen_again_from_its_new_address(anna, home, settings):
    laptop = browser(anna, address="203.0.113.7")
    row = UserSession.objects.get(user=anna)
    session = laptop.session
    session[SEEN_AT_KEY] = int(time.time()) - settings.USERSESSIONS_ACTIVITY_SECONDS - 1
    session.save()

    laptop.get("/nl/", REMOTE_ADDR="198.51.100.20")

    row.refresh_from_db()
    assert row.ip == "198.51.100.20"
    assert row.last_seen_at > row.created_at
    # And not again right away.
    with CaptureQueriesContext(connection) as queries:
        laptop.get("/nl/", REMOTE_ADDR="192.0.2.1")
    assert not [sql for sql in writes(queries) if "usersession" in sql.lower()]


def test_a_forged_time_in_the_future_is_not_trusted(anna, home, settings):
    laptop = browser(anna)
    session = laptop.session
    session[SEEN_AT_KEY] = int(time.time()) + 10 * 365 * 24 * 3600
    session.save()
    laptop.get("/nl/", REMOTE_ADDR="198.51.100.21")
    assert UserSession.objects.get(user=anna).ip == "198.51.100.21"


def test_the_sessions_page_shows_when_each_was_last_used(anna):
    laptop = browser(anna)
    headers = [th.get_text(strip=True) for th in parse(laptop.get("/en/account/sessions/")).select("thead th")]
    assert "Last used" in headers


def test_anonymous_readers_write_nothing(client, home):
    with CaptureQueriesContext(connection) as queries:
        client.get("/nl/")
    assert writes(queries) == []
