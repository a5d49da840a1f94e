"""Each log-in and each failed attempt with the member's address, shown to the member,
newest first, capped, and forgotten after LOGIN_HISTORY_DAYS days."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from accounts.login_history import method_of, prune_login_history
from accounts.models import LoginEvent, LoginMethod
from tests.engagement.helpers import verified_member
from tests.helpers import parse

from .conftest import SAFARI_IPHONE, SESSIONS_URL, browser, log_in

pytestmark = pytest.mark.django_db


def history_rows(client):
    return parse(client.get(SESSIONS_URL)).select("table[aria-labelledby=logins-heading] tbody tr")


def test_a_log_in_is_noted_with_address_device_and_way(anna):
    browser(anna, address="203.0.113.7")
    event = LoginEvent.objects.get(user=anna)
    assert event.succeeded
    assert event.method == LoginMethod.PASSWORD
    assert event.ip == "203.0.113.7"
    assert "Firefox" in event.user_agent


def test_a_failed_attempt_with_the_members_address_is_noted(anna):
    response = log_in(Client(), anna, password="fout-wachtwoord", address="198.51.100.9")
    assert response.status_code == 200
    event = LoginEvent.objects.get(user=anna)
    assert not event.succeeded
    assert event.ip == "198.51.100.9"


@pytest.mark.parametrize(
    "address",
    ["niemand@samen.test", "", "x" * 5000, "<script>alert(1)</script>@x.nl", "' OR 1=1 --", "ANNA@samen.test\x00"],
)
def test_attempts_with_other_or_hostile_addresses_note_nothing_and_do_not_fail(client, anna, address):
    response = client.post("/nl/account/login/", {"login": address, "password": "fout"})
    assert response.status_code in (200, 400)
    assert not LoginEvent.objects.exclude(user=anna).exists()
    assert not LoginEvent.objects.filter(succeeded=True).exists()


def test_the_member_sees_their_history_newest_first_in_plain_words(anna):
    log_in(Client(), anna, password="fout-wachtwoord", address="198.51.100.9")
    laptop = browser(anna, user_agent=SAFARI_IPHONE, address="203.0.113.7")
    rows = history_rows(laptop)
    assert len(rows) == 2
    newest, oldest = (" ".join(row.get_text(" ", strip=True).split()) for row in rows)
    assert "203.0.113.7" in newest and "wachtwoord" in newest.lower()
    assert "198.51.100.9" in oldest
    assert "Safari" in newest and "iPhone" in newest
    assert "Mozilla" not in newest


def test_another_members_log_ins_are_not_shown(anna):
    bob = verified_member(email="bob@samen.test")
    browser(bob, address="192.0.2.55")
    laptop = browser(anna)
    assert "192.0.2.55" not in parse(laptop.get(SESSIONS_URL)).get_text()


def test_the_list_is_capped_and_its_queries_do_not_grow_with_it(anna, settings):
    settings.LOGIN_HISTORY_SHOWN = 5
    laptop = browser(anna)
    now = timezone.now()
    LoginEvent.objects.bulk_create(
        LoginEvent(user=anna, at=now - timedelta(minutes=n), succeeded=True, method="password", ip="192.0.2.1")
        for n in range(1, 30)
    )
    rows = history_rows(laptop)
    assert len(rows) == 5
    # The newest first: the log-in of a moment ago.
    assert "192.0.2.1" not in rows[0].get_text()

    with CaptureQueriesContext(connection) as few:
        laptop.get(SESSIONS_URL)
    LoginEvent.objects.bulk_create(
        LoginEvent(user=anna, at=now - timedelta(hours=n), succeeded=False, ip="192.0.2.2") for n in range(1, 60)
    )
    with CaptureQueriesContext(connection) as many:
        laptop.get(SESSIONS_URL)
    assert len(many) == len(few)


def test_pruning_forgets_what_is_older_than_the_set_days(anna, settings):
    settings.LOGIN_HISTORY_DAYS = 90
    now = timezone.now()
    kept = LoginEvent.objects.create(user=anna, at=now - timedelta(days=90) + timedelta(minutes=1), succeeded=True)
    LoginEvent.objects.create(user=anna, at=now - timedelta(days=90, minutes=1), succeeded=True)
    assert prune_login_history() == 1
    assert list(LoginEvent.objects.all()) == [kept]


def test_pruning_is_a_daily_periodic_job(settings):
    name, seconds = settings.PERIODIC_JOBS["prune-login-history"]
    assert name == "accounts.login_history.prune_login_history"
    assert seconds == settings.DAY


@pytest.mark.parametrize(
    ("records", "method"),
    [
        ([{"method": "password"}], LoginMethod.PASSWORD),
        ([{"method": "password"}, {"method": "mfa", "type": "totp"}], LoginMethod.SECOND_FACTOR),
        ([{"method": "mfa", "type": "webauthn", "passwordless": True}], LoginMethod.PASSKEY),
        ([{"method": "socialaccount", "provider": "organisation"}], LoginMethod.SINGLE_SIGN_ON),
        ([{"method": "code"}], LoginMethod.OTHER),
        ([], LoginMethod.OTHER),
        (["not a record", None], LoginMethod.OTHER),
    ],
)
def test_the_way_of_logging_in_comes_from_allauths_records(records, method):
    assert method_of(records) == method
