"""Accounts that signed up and never confirmed nor logged in go after
ACCOUNT_UNCONFIRMED_DAYS days; nothing else does."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from accounts.factories import UserFactory
from accounts.models import User
from accounts.unconfirmed import never_confirmed, remove_unconfirmed_accounts
from engagement.models import Rating

pytestmark = pytest.mark.django_db

DAYS = 7


@pytest.fixture(autouse=True)
def _seven_days(settings):
    settings.ACCOUNT_UNCONFIRMED_DAYS = DAYS


def signed_up(days_ago, verified=False, **kwargs):
    """An account made by signing up ``days_ago`` days ago (plus ``minutes``)."""
    minutes = kwargs.pop("minutes", 0)
    user = UserFactory(date_joined=timezone.now() - timedelta(days=days_ago, minutes=minutes), **kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def test_an_account_unconfirmed_for_longer_than_the_days_is_removed():
    old = signed_up(DAYS, minutes=1)
    assert remove_unconfirmed_accounts() == 1
    assert not User.objects.filter(pk=old.pk).exists()
    assert not EmailAddress.objects.filter(email=old.email).exists()


def test_on_the_boundary_day_it_is_kept():
    kept = signed_up(DAYS, minutes=-1)
    yesterday = signed_up(1)
    assert remove_unconfirmed_accounts() == 0
    assert User.objects.filter(pk__in=[kept.pk, yesterday.pk]).count() == 2


def test_the_days_come_from_the_setting(settings):
    settings.ACCOUNT_UNCONFIRMED_DAYS = 30
    signed_up(DAYS + 1)
    assert remove_unconfirmed_accounts() == 0


@pytest.mark.parametrize(
    "kind",
    ["verified", "logged_in", "staff", "superuser", "in_a_group", "made_by_an_administrator", "rated", "owns_a_page"],
)
def test_accounts_that_are_never_removed(kind, home):
    if kind == "made_by_an_administrator":
        user = UserFactory(date_joined=timezone.now() - timedelta(days=DAYS * 10))
    else:
        user = signed_up(
            DAYS * 10,
            verified=kind == "verified",
            is_staff=kind == "staff",
            is_superuser=kind == "superuser",
            last_login=timezone.now() - timedelta(days=DAYS * 9) if kind == "logged_in" else None,
        )
    if kind == "in_a_group":
        user.groups.add(Group.objects.get(name="Editors"))
    if kind == "rated":
        Rating.objects.create(user=user, translation_key=home.translation_key, score=4)
    if kind == "owns_a_page":
        home.owner = user
        home.save(update_fields=["owner"])
    assert remove_unconfirmed_accounts() == 0
    assert User.objects.filter(pk=user.pk).exists()


def test_a_verified_address_beside_an_unverified_one_keeps_the_account():
    user = signed_up(DAYS * 2)
    EmailAddress.objects.create(user=user, email="tweede@samen.test", verified=True, primary=False)
    assert not never_confirmed().filter(pk=user.pk).exists()


def test_many_are_removed_in_batches(monkeypatch):
    monkeypatch.setattr("accounts.unconfirmed.BATCH_SIZE", 3)
    for _ in range(7):
        signed_up(DAYS + 1)
    keeper = signed_up(DAYS + 1, verified=True)
    assert remove_unconfirmed_accounts() == 7
    assert list(User.objects.all()) == [keeper]


def test_it_is_a_daily_periodic_job(settings):
    name, seconds = settings.PERIODIC_JOBS["remove-unconfirmed-accounts"]
    assert name == "accounts.unconfirmed.remove_unconfirmed_accounts"
    assert seconds == settings.DAY
